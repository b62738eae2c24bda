"""Every dashboard page and API list on a long record, beside the bare-HTTP floor.

Run:  .venv/bin/python bench/pages_1m.py --db /tmp/ledger-1000000.db [--rounds 5]
          [--out bench/out/pages.json]
      .venv/bin/python bench/pages_1m.py --db postgresql+psycopg://postgres@127.0.0.1:5432/NAME

--db is a ledger built by bench/synthetic.py (bench/status_1m.py builds and keeps one at
/tmp/truce-status-1m/ledger-1000000.db, and with --keep-pg in PostgreSQL), a SQLite file or a
PostgreSQL URL. It is served from a scratch copy (a copied file; a database created from it as
a template), since serving adds a user and the run appends a claim; upgrade it to the latest
schema first (`truce --db ... init`), or the copy is upgraded as the server starts. A real
`truce serve` process starts on the copy and this process requests each route in turn, one at a
time over a kept-alive connection:
- floor: GET /api/health — the same server, HTTP and routing only (no token, no ledger);
- each page and list below, with the admin token.
Per route: the first request after the server starts (cold: the status engine, the snapshot and
the counts computed), then the median and the slowest of --rounds more (warm: served from what
the server keeps per chain head), the answer's size, and warm median ÷ floor median. Then one
claim is appended through the API and each route is asked once more (the head moved: nothing
cached holds). Downloads are timed to the first byte and to the last.

With --after-append, only the first views after an append through the API are measured, for
the server as it was ("today": the source tree of --before, taken with `git archive`; every view
after an append waits for a judgment of its own) and as it is (this tree, with the background
warm, `server.warm`), one after the other on the same scratch copy: each asks the agreement
page now, at day 4 and the status API now and at an instant (remembered as asked), then, --rounds
times, appends a claim and asks the page at once (the warm is still judging: the view waits for
that judgment, never a second one; the server's CPU seconds from the append to that page's
answer are read from /proc), and appends another, lets --pause seconds pass (a person
reading the last page), and asks the four again (the status API now and at an instant, the
page now and at day 4), then "now" `AGAIN` more times (a dashboard polling it on an unchanged
head: `server.now_status` keeps its bytes per span). With --labelled, a third server, with
TRUCE_PREVIOUS_WHILE_JUDGING: the page right after an append is the previous head's, labelled,
while the new head is judged (`server.previous_view`); whether it was is recorded per round.

With --cold-shared, a fresh server on a ledger another host has judged, today (--before) beside
this tree, each on its own scratch copy: a first server (its own cache folder) asks the agreement
page now and at day 4, its .json and the status API at an instant and now, and stops; a second
server starts with another cache folder (and, on SQLite, with the folder beside the file
removed: the file copied to another machine, or served by another user) and asks the same
routes once (cold), --rounds more times (warm, median), the page right after an append, and each
route --pause seconds after another append. The second server's first requests are a timeline
(TIMELINE: the health check, the sign-in page, the index, a claims list, the agreement page now
and at day 4, in turns half a second apart, until two turns after its snapshot is written): per
request the seconds since the process was started, its wall time, and whether the snapshot's
events file was yet in its cache folder (the start-up build still running); the page's first
ask in it is its cold figure. Today the second server judges and regroups the
record again; with what is kept in the database (`storage.kept_place`) it reads the first's.
Each cold answer's size and the bytes on the wire are recorded too (they differ when the server
compressed it: `server.compress`); the client sends httpx's Accept-Encoding (gzip, deflate)
unless --accept-encoding says otherwise (`identity`: every answer as it is).

With --cold, a head nobody judged: today (--before) beside this tree (--after), each on a fresh
scratch copy of --db (nothing kept in the database, no snapshot in any folder: a ledger copied
in, or written by a CLI import), in turns --rounds times. Per arm: `truce status --json` as a
process (wall and CPU), then, on another fresh copy, a fresh `truce serve` asked at once for the
agreement page now (its start-up build is judging from nothing meanwhile: the page waits for
it), then the status API now and at an instant (their first asks), with the server's CPU
seconds from its start to the page's answer, and its children's (a SQLite file's side read,
`storage.driver_rows`), from /proc. With --py-spy PATH, each server is sampled
from its start to the page's answer (raw collapsed stacks, PROFILE-ARM-ROUND.txt).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server.live import serving  # noqa: E402

A = "gaza-2023-11"
ROUTES = {
    "agreement page": f"/agreements/{A}",
    "agreement page at day 4": f"/agreements/{A}?at=2023-11-27T12:00",
    "agreement .json": f"/agreements/{A}.json",
    "claims page": f"/agreements/{A}/claims",
    "claims page, breaches by date desc": f"/agreements/{A}/claims?type=breach&sort=-date",
    "claims page, last page": f"/agreements/{A}/claims?page=LAST",
    "claims page, outlet + day": f"/agreements/{A}/claims?source=Reuters&from=2023-11-26"
    "&to=2023-11-26",
    "claims page, place text": f"/agreements/{A}/claims?place=Khan",
    "claims page, by figure": f"/agreements/{A}/claims?sort=-quantity",
    "api claims": f"/api/claims?agreement={A}",
    "api claims, actor + status": f"/api/claims?agreement={A}&actor=israel&status=reported",
    "api claims, offset 900k": f"/api/claims?agreement={A}&offset=OFFSET",
    "api status": f"/api/agreements/{A}/status?at=2023-12-02T00:00",
    "api status now": f"/api/agreements/{A}/status",
    "api timeline, a page": f"/api/agreements/{A}/timeline?offset=400000&limit=100",
    "index": "/",
    "review queue": "/review",
    "api review, a page": "/api/review?status=pending&limit=100",
}
DOWNLOADS = {
    "csv, breaches": f"/agreements/{A}/claims/download.csv?type=breach",
    "parquet, breaches": f"/agreements/{A}/claims/download.parquet?type=breach",
    "geojson, all (the synthetic record has no places)": f"/agreements/{A}/claims/download.geojson",
}


def timed(client: httpx.Client, path: str) -> tuple[float, int, int, int]:
    """Seconds to the answer read whole (and decoded), its status, its size, and the bytes on
    the wire (compressed, when the server compressed it)."""
    began = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - began
    return elapsed, response.status_code, len(response.content), response.num_bytes_downloaded


def route_figures(client: httpx.Client, path: str, rounds: int, floor: float) -> dict[str, Any]:
    cold, status, size, _ = timed(client, path)
    warm = [timed(client, path)[0] for _ in range(rounds)]
    median = statistics.median(warm)
    return {"path": path, "status": status, "bytes": size, "cold_s": round(cold, 4),
            "warm_median_s": round(median, 4), "warm_max_s": round(max(warm), 4),
            "x_floor": round(median / floor, 1)}  # fmt: skip


def download_figures(client: httpx.Client, path: str) -> dict[str, Any]:
    began = time.perf_counter()
    first = None
    size = 0
    with client.stream("GET", path) as response:
        for chunk in response.iter_bytes():
            first = first or time.perf_counter() - began
            size += len(chunk)
    total = time.perf_counter() - began
    return {"path": path, "status": response.status_code, "bytes": size,
            "first_byte_s": round(first or 0, 3), "total_s": round(total, 3)}  # fmt: skip


@contextmanager
def scratch_copy(db: str) -> Iterator[str]:
    """A copy of the ledger at `db` to serve, removed afterwards."""
    if "://" not in db:
        with tempfile.TemporaryDirectory(prefix="truce-pages-", dir=Path(db).parent) as tmp:
            copy = Path(tmp) / Path(db).name
            shutil.copyfile(db, copy)
            yield str(copy)
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    source = make_url(db)
    # Named after the source (a session's databases carry its prefix), but not "truce_…": the
    # server prints its database's URL, and a token is read as `truce_…`.
    name = f"{source.database}_scratch_{os.getpid()}".removeprefix("truce_")
    admin = create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{source.database}"'))
    try:
        yield source.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


STATUS_BOUND = ("agreement page", "agreement page at day 4", "api status", "api status now")
AGAIN = 3  # with --after-append: "now" asked again this many times after the later views


def append(client: httpx.Client, n: int) -> float:
    claim = {"agreement": A, "type": "statement", "date": "2023-11-30T12:00", "actor": "qatar",
             "sources": [{"outlet": f"bench {n}"}]}  # fmt: skip
    began = time.perf_counter()
    client.post("/api/claims", json=claim).raise_for_status()
    return time.perf_counter() - began


def cpu_s(pid: int, children: bool = False) -> float:
    """The CPU seconds (user and system) a process has used so far (Linux: /proc); with
    `children`, those of its children it has waited for instead."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    at = 13 if children else 11
    return (int(fields[at]) + int(fields[at + 1])) / os.sysconf("SC_CLK_TCK")


def after_append(
    db: str, rounds: int, pause: float, before: Path, labelled: bool = False
) -> dict[str, Any]:
    """The first views after an append, today's server beside the warm one (module doc)."""
    results: dict[str, Any] = {"pause_s": pause}
    token: str | None = None
    appended = 0
    today = {"PYTHONPATH": f"{before / 'src'}:{before}"}
    arms = [("today", today), ("warm", {"TRUCE_WARM_ANSWERS": "1"})]
    if labelled:  # the page right after an append: the previous head's, labelled
        arms.append(("labelled", {"TRUCE_WARM_ANSWERS": "1", "TRUCE_PREVIOUS_WHILE_JUDGING": "1"}))
    for arm, env in arms:
        with serving(db, "--no-example", expect_token=token is None, env=env) as live:
            token = token or live.admin_token
            headers = {"Authorization": f"Bearer {token}"}
            with httpx.Client(base_url=live.url, headers=headers, timeout=900) as client:
                floor = statistics.median(timed(client, "/api/health")[0] for _ in range(20))
                row: dict[str, Any] = {"floor_s": round(floor, 5)}
                for name in STATUS_BOUND:  # cold: judged, and remembered as asked
                    row[f"{name} cold_s"] = round(timed(client, ROUTES[name])[0], 3)
                at_once: list[float] = []
                at_once_cpu: list[float] = []  # the server's, from the append to the page
                shown_previous: list[bool] = []
                later: dict[str, list[float]] = {name: [] for name in STATUS_BOUND}
                again: list[float] = []
                for _ in range(rounds):
                    appended += 1
                    used = cpu_s(live.process.pid)
                    append(client, appended)
                    began = time.perf_counter()
                    page = client.get(ROUTES["agreement page"])
                    at_once.append(time.perf_counter() - began)
                    at_once_cpu.append(cpu_s(live.process.pid) - used)
                    shown_previous.append('id="previous"' in page.text)
                    appended += 1
                    append(client, appended)
                    time.sleep(pause)
                    for name in STATUS_BOUND:
                        later[name].append(timed(client, ROUTES[name])[0])
                    for _ in range(AGAIN):  # a dashboard polling "now" on an unchanged head
                        again.append(timed(client, ROUTES["api status now"])[0])
                row["agreement page right after_s"] = [round(t, 3) for t in at_once]
                row["server CPU, append to page right after_s"] = [round(t, 2) for t in at_once_cpu]
                row["agreement page right after, the previous head's labelled"] = shown_previous
                for name, times in later.items():
                    row[f"{name} {pause:g} s after_s"] = [round(t, 3) for t in times]
                row["api status now, asked again_s"] = [round(t, 4) for t in again]
                results[arm] = row
                print(arm, json.dumps(row), flush=True)
    return results


COLD = ("agreement page", "agreement page at day 4", "agreement .json", "api status",
        "api status now")  # fmt: skip


# The second server's first requests (--cold-shared): what needs no snapshot, then the pages.
TIMELINE = {
    "health": "/api/health",
    "sign-in page": "/login",
    "index": "/",
    "claims page": ROUTES["claims page"],
    "agreement page": ROUTES["agreement page"],
    "agreement page at day 4": ROUTES["agreement page at day 4"],
}


def snapshot_written(folders: list[Path]) -> bool:
    """Whether a snapshot's events file is in one of the server's cache folders: the build at
    start (or a request's) has written it."""
    return any(next(folder.rglob("*.events.arrow"), None) for folder in folders if folder.exists())


def timeline(client: httpx.Client, started: float, folders: list[Path]) -> list[dict[str, Any]]:
    """The second server's first requests, each route of TIMELINE in turn, until its snapshot
    is written and one more turn: per request the seconds since the process was started, its
    wall time, and whether the snapshot was written yet (the start-up build still running)."""
    found: list[dict[str, Any]] = []
    turns_after = 0
    while turns_after < 2 and time.perf_counter() - started < 600:
        built = snapshot_written(folders)
        for name, path in TIMELINE.items():
            at = time.perf_counter() - started
            wall, status, _, _ = timed(client, path)
            written = snapshot_written(folders)
            found.append({"route": name, "at_s": round(at, 2), "wall_s": round(wall, 3),
                          "status": status, "snapshot written": written})  # fmt: skip
        turns_after += built
        time.sleep(0.5)
    return found


def cold_shared(
    source: str,
    rounds: int,
    pause: float,
    before: Path,
    after: Path,
    after_env: list[str],
    accept: str | None = None,
) -> dict[str, Any]:
    """A fresh server on a ledger another host judged (module doc, --cold-shared); `accept`:
    the second server's client's Accept-Encoding (None: httpx's, gzip and deflate)."""
    results: dict[str, Any] = {"pause_s": pause, "accept_encoding": accept or "gzip, deflate"}
    today = {"PYTHONPATH": f"{before / 'src'}:{before}"}
    kept = {"PYTHONPATH": f"{after / 'src'}:{after}", **dict(e.split("=", 1) for e in after_env)}
    for arm, env in (("today", today), ("kept in the database", kept)):
        with scratch_copy(source) as db, tempfile.TemporaryDirectory() as caches:
            if arm != "today":  # this tree's schema (migration 0014) on the copy
                ours = {**os.environ, **kept}
                init = [sys.executable, "-m", "truce", "--db", db, "init"]
                subprocess.run(init, check=True, capture_output=True, env=ours)
            row: dict[str, Any] = {}
            first = {**env, "XDG_CACHE_HOME": f"{caches}/first"}
            with serving(db, "--no-example", env=first) as live:
                headers = {"Authorization": f"Bearer {live.admin_token}"}
                with httpx.Client(base_url=live.url, headers=headers, timeout=900) as client:
                    for name in COLD:  # the first host judges, and keeps what it keeps
                        row[f"{name}, first host_s"] = round(timed(client, ROUTES[name])[0], 3)
            # The second host: its own cache folder, and (SQLite) the ledger without the folder
            # beside it, as a copy of the file on another machine or for another user.
            if "://" not in db:
                shutil.rmtree(db + ".snapshots", ignore_errors=True)
            second = {**env, "XDG_CACHE_HOME": f"{caches}/second"}
            asks = {**headers, **({"Accept-Encoding": accept} if accept else {})}
            folders = [Path(f"{caches}/second")] + (
                [Path(db + ".snapshots")] if "://" not in db else []
            )
            started = time.perf_counter()
            with (
                serving(db, "--no-example", expect_token=False, env=second) as live,
                httpx.Client(base_url=live.url, headers=asks, timeout=900) as client,
            ):
                row["timeline"] = timeline(client, started, folders)
                for name in COLD:  # the timeline's first ask of a page is its cold one
                    firsts = [t["wall_s"] for t in row["timeline"] if t["route"] == name]
                    row[f"{name} cold_s"] = firsts[0] if firsts else timed(client, ROUTES[name])[0]
                floor = statistics.median(timed(client, "/api/health")[0] for _ in range(20))
                row["floor_s"] = round(floor, 5)
                for name in COLD:
                    _, _, size, wire = timed(client, ROUTES[name])
                    row[f"{name} bytes"], row[f"{name} bytes on the wire"] = size, wire
                    times = [timed(client, ROUTES[name])[0] for _ in range(rounds)]
                    row[f"{name} warm_s"] = round(statistics.median(times), 4)
                append(client, 1)
                at_once = timed(client, ROUTES["agreement page"])[0]
                row["agreement page right after an append_s"] = round(at_once, 3)
                append(client, 2)
                time.sleep(pause)
                for name in COLD:
                    later = timed(client, ROUTES[name])[0]
                    row[f"{name} {pause:g} s after an append_s"] = round(later, 3)
            results[arm] = row
            print(arm, json.dumps(row), flush=True)
    return results


def cold(
    source: str,
    rounds: int,
    trees: dict[str, Path],
    py_spy: str | None = None,
    profile: str = "/tmp/pages-cold",
) -> dict[str, Any]:
    """The first views on a head nobody judged, today beside this tree (module doc, --cold)."""
    results: dict[str, Any] = {}
    for turn in range(rounds):
        for arm, tree in trees.items():
            env = {"PYTHONPATH": f"{tree / 'src'}:{tree}"}
            row: dict[str, Any] = {}
            with scratch_copy(source) as db, tempfile.TemporaryDirectory() as caches:
                ours = {**os.environ, **env, "XDG_CACHE_HOME": f"{caches}/cli"}
                status = [sys.executable, "-m", "truce", "--db", db, "status", A, "--json"]
                began, used = time.perf_counter(), _children_cpu()
                subprocess.run(status, check=True, stdout=subprocess.DEVNULL, env=ours)
                row["truce status --json, a process_s"] = round(time.perf_counter() - began, 3)
                row["its CPU_s"] = round(_children_cpu() - used, 2)
            with (
                scratch_copy(source) as db,
                tempfile.TemporaryDirectory() as caches,
                serving(db, "--no-example", env={**env, "XDG_CACHE_HOME": caches}) as live,
            ):
                spy = None
                if py_spy:
                    out = f"{profile}-{arm}-{turn}.txt"
                    record = [py_spy, "record", "-r", "100", "-f", "raw", "-o", out,
                              "-p", str(live.process.pid), "--threads"]  # fmt: skip
                    spy = subprocess.Popen(record, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL)  # fmt: skip
                headers = {"Authorization": f"Bearer {live.admin_token}"}
                with httpx.Client(base_url=live.url, headers=headers, timeout=900) as client:
                    wall, status_code, size, _ = timed(client, ROUTES["agreement page"])
                    row["agreement page, first ask_s"] = round(wall, 3)
                    row["server CPU, start to that page_s"] = round(cpu_s(live.process.pid), 2)
                    spent = cpu_s(live.process.pid, children=True)  # a side read's (driver_rows)
                    row["its children's CPU_s"] = round(spent, 2)
                    row["agreement page bytes"], row["status"] = size, status_code
                    if spy is not None:
                        spy.send_signal(2)  # SIGINT: py-spy writes what it sampled
                        spy.wait()
                    for name in ("api status now", "api status"):
                        row[f"{name}, first ask_s"] = round(timed(client, ROUTES[name])[0], 3)
            results.setdefault(arm, []).append(row)
            print(arm, turn, json.dumps(row), flush=True)
    return results


def _children_cpu() -> float:
    """CPU seconds (user and system) of this process's waited-for children so far."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _trees(revisions: dict[str, str], into: Path) -> dict[str, Path]:
    """Each revision's source tree (`git archive`), extracted under `into`."""
    trees = {}
    for arm, rev in revisions.items():
        tree = into / arm
        tree.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev],
                                 capture_output=True, check=True)  # fmt: skip
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        trees[arm] = tree
    return trees


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--after-append",
        action="store_true",
        help="only the first views after an append: today beside the warm",
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=30.0,
        help="with --after-append: seconds between an append and the views",
    )
    parser.add_argument(
        "--before", default="31f0c18", help="with --after-append: the code as it was (a revision)"
    )
    parser.add_argument(
        "--labelled",
        action="store_true",
        help="with --after-append: a third server, with TRUCE_PREVIOUS_WHILE_JUDGING",
    )
    parser.add_argument(
        "--cold-shared",
        action="store_true",
        help="only a fresh server on a ledger another host judged: today beside this tree",
    )
    parser.add_argument("--after", default="HEAD", help="with --cold-shared: the code (a revision)")
    parser.add_argument(
        "--accept-encoding",
        default=None,
        help="with --cold-shared: the second server's client's Accept-Encoding (default httpx's:"
        " gzip, deflate; `identity`: answers as they are)",
    )
    parser.add_argument(
        "--after-env",
        action="append",
        default=[],
        help="with --cold-shared: NAME=VALUE set for --after's servers (repeatable)",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="only the first views on a head nobody judged: --before beside --after",
    )
    parser.add_argument("--py-spy", default=None, help="with --cold: py-spy's path")
    parser.add_argument("--profile", default="/tmp/pages-cold", help="with --py-spy: a prefix")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "pages.json"))
    args = parser.parse_args()
    if args.cold:
        with tempfile.TemporaryDirectory() as trees:
            revisions = {f"today ({args.before})": args.before, f"this ({args.after})": args.after}
            found = cold(args.db, args.rounds, _trees(revisions, Path(trees)), args.py_spy,
                         args.profile)  # fmt: skip
        found["before"], found["after"] = args.before, args.after
        found["back_end"] = "postgresql" if "://" in args.db else "sqlite"
        out = Path(args.out).with_name(Path(args.out).stem + "-cold.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
        return
    if args.cold_shared:
        with tempfile.TemporaryDirectory() as before, tempfile.TemporaryDirectory() as after:
            for tree, rev in ((before, args.before), (after, args.after)):
                archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev],
                                         capture_output=True, check=True)  # fmt: skip
                subprocess.run(["tar", "-x", "-C", tree], input=archive.stdout, check=True)
            found = cold_shared(args.db, args.rounds, args.pause, Path(before), Path(after),
                                args.after_env, args.accept_encoding)  # fmt: skip
        found["before"], found["after"] = args.before, args.after
        found["after_env"] = args.after_env
        found["back_end"] = "postgresql" if "://" in args.db else "sqlite"
        out = Path(args.out).with_name(Path(args.out).stem + "-cold-shared.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
        return
    if args.after_append:
        with scratch_copy(args.db) as db, tempfile.TemporaryDirectory() as before:
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before],
                                     capture_output=True, check=True)  # fmt: skip
            subprocess.run(["tar", "-x", "-C", before], input=archive.stdout, check=True)
            found = after_append(db, args.rounds, args.pause, Path(before), args.labelled)
        found["before"] = args.before
        found["back_end"] = "postgresql" if "://" in args.db else "sqlite"
        out = Path(args.out).with_name(Path(args.out).stem + "-after-append.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
        return
    with scratch_copy(args.db) as db, serving(db, "--no-example") as live:
        assert live.admin_token, "the ledger has users already: serve a fresh copy"
        headers = {"Authorization": f"Bearer {live.admin_token}"}
        with httpx.Client(base_url=live.url, headers=headers, timeout=900) as client:
            total = client.get(f"/api/claims?agreement={A}&limit=1").json()["total"]
            last = max(1, -(-total // 50))
            floor_times = [timed(client, "/api/health")[0] for _ in range(max(20, args.rounds))]
            floor = statistics.median(floor_times)
            print(f"{total:,} claims; floor (GET /api/health) {floor * 1000:.2f} ms", flush=True)
            back_end = "postgresql" if "://" in db else "sqlite"
            results: dict[str, Any] = {"claims": total, "floor_median_s": round(floor, 5),
                                       "back_end": back_end}  # fmt: skip
            routes = {name: path.replace("LAST", str(last)).replace("OFFSET", str(total * 9 // 10))
                      for name, path in ROUTES.items()}  # fmt: skip
            for name, path in routes.items():
                results[name] = found = route_figures(client, path, args.rounds, floor)
                print(f"{name:40} cold {found['cold_s']:7.3f} s  warm {found['warm_median_s']:7.3f}"
                      f" s (max {found['warm_max_s']:.3f})  {found['bytes']:>9,} B  "
                      f"{found['x_floor']:>7}× floor  [{found['status']}]")  # fmt: skip
            claim = {"agreement": A, "type": "statement", "date": "2023-11-30T12:00",
                     "actor": "qatar", "sources": [{"outlet": "bench"}]}  # fmt: skip
            client.post("/api/claims", json=claim).raise_for_status()
            print("after one append (the head moved):", flush=True)
            for name, path in routes.items():
                after, status, _, _ = timed(client, path)
                results[name]["after_append_s"] = round(after, 4)
                print(f"{name:40} {after:7.3f} s [{status}]", flush=True)
            for name, path in DOWNLOADS.items():
                results[f"download {name}"] = found = download_figures(client, path)
                print(f"download {name:31} first byte {found['first_byte_s']:6.3f} s, all "
                      f"{found['total_s']:7.3f} s, {found['bytes']:>11,} B")  # fmt: skip
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
