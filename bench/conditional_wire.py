"""A page, list or status answer asked again: bytes and time with and without `If-None-Match`.

Run:  PYTHONPATH=src:. .venv/bin/python bench/conditional_wire.py --db /tmp/ledger-1000000.db
          [--tree main=e9e3626 --tree etag=HEAD] [--rounds 20] [--accept zstd] [--out FILE]

--db is a ledger built by bench/synthetic.py (a SQLite file or a PostgreSQL URL), served from
one scratch copy (a copied file; a database made from it as a template). Each --tree (a name and
a git revision, taken with `git archive`) is served in turn by a real `truce serve` on that
copy, and asked, one request at a time over a kept-alive connection, with the admin's token:
1. every route once as it is (`Accept-Encoding: identity`): judged, or read from what an
   earlier tree kept, so that what follows is the same for every tree;
2. the status API at an instant and "now" once with `Accept-Encoding: --accept`: the first
   compressed read of an answer the process holds (sent as it is once, or compressed at once);
3. each route --rounds times with --accept (a repeat, as a client that keeps nothing), then
   --rounds times with the `ETag` it got in `If-None-Match` (a client that keeps the answer;
   a tree without tags sends the whole answer again);
4. with --restarts N, N times: the same tree's server started again on the copy (what the last
   one kept in the database is there; nothing in its memory), given --settle seconds for its
   start-up, then asked the status API at an instant with the tag step 3 got (a client that
   kept the answer, after a restart or on another host): wall, the server's CPU for that
   request, the status. --only "NAME;NAME" asks only those routes.
Per route and way: median wall seconds (the answer read whole, not decoded), the server's CPU
seconds per request (its process's user+system time over the rounds, from /proc), the bytes on
the wire, and the statuses. The client's decoding (zstd or gzip) of step 2 is timed apart. The
compression of each page's bytes alone (gzip 6, zstd 3 as the server makes them) and its
SHA-256 (the tag) are timed in this process, to weigh keeping compressed forms.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

import httpx
import pyarrow as pa  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages_1m import scratch_copy  # noqa: E402
from tests.server.live import serving  # noqa: E402

A = "gaza-2023-11"
ROUTES = {
    "agreement page at day 4": f"/agreements/{A}?at=2023-11-27T12:00",
    "agreement page now": f"/agreements/{A}",
    "agreement .json at day 4": f"/agreements/{A}.json?at=2023-11-27T12:00",
    "claims page": f"/agreements/{A}/claims",
    "claims page, breaches by date desc": f"/agreements/{A}/claims?type=breach&sort=-date",
    "api claims": f"/api/claims?agreement={A}",
    "api timeline, a page": f"/api/agreements/{A}/timeline?offset=400000&limit=100",
    "index": "/",
    "api status at an instant": f"/api/agreements/{A}/status?at=2023-12-02T00:00",
    "api status now": f"/api/agreements/{A}/status",
    "csv download, breaches": f"/agreements/{A}/claims/download.csv?type=breach",
}
STATUS = ("api status at an instant", "api status now")


def server_cpu(pid: int) -> float:
    """The process's user + system CPU seconds so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100.0  # utime, stime in ticks of 1/100 s


def fetched(client: httpx.Client, path: str, **headers: str) -> tuple[float, httpx.Response, bytes]:
    """Seconds to the answer read whole as sent (not decoded), the answer and its bytes."""
    began = time.perf_counter()
    with client.stream("GET", path, headers=headers) as response:
        body = b"".join(response.iter_raw())
    return time.perf_counter() - began, response, body


def decoded(body: bytes, encoding: str | None) -> bytes:
    if encoding == "zstd":
        return bytes(pa.CompressedInputStream(pa.BufferReader(body), "zstd").read())
    if encoding == "gzip":
        return zlib.decompress(body, 31)
    return body


def rounds_of(
    client: httpx.Client, pid: int, path: str, rounds: int, **headers: str
) -> dict[str, Any]:
    walls, wire, statuses = [], [], []
    cpu = server_cpu(pid)
    for _ in range(rounds):
        wall, response, body = fetched(client, path, **headers)
        walls.append(wall)
        wire.append(len(body))
        statuses.append(response.status_code)
    return {"wall_s": round(statistics.median(walls), 5),
            "server_cpu_s": round((server_cpu(pid) - cpu) / rounds, 5),
            "bytes": int(statistics.median(wire)),
            "statuses": {str(s): statuses.count(s) for s in sorted(set(statuses))}}  # fmt: skip


def timed(step: Any, rounds: int = 5) -> float:
    cpu = time.process_time()
    for _ in range(rounds):
        step()
    return round((time.process_time() - cpu) / rounds, 5)


def costs_alone(body: bytes) -> dict[str, float]:
    """CPU seconds to tag and to compress `body` as the server does, in this process."""
    zstd = pa.Codec("zstd", compression_level=3)
    return {"sha256_s": timed(lambda: hashlib.sha256(body).digest()),
            "gzip6_s": timed(lambda: zlib.compress(body, 6)),
            "zstd3_s": timed(lambda: zstd.compress(body, asbytes=True))}  # fmt: skip


def restarted(db: str, env: dict[str, str], token: str, tag: str | None, settle: float) -> Any:
    """Step 4: a new server of the tree, asked the status API at an instant with `tag`."""
    with serving(db, "--no-example", env=env, expect_token=False) as live:
        time.sleep(settle)
        admin = {"Authorization": f"Bearer {token}", "accept-encoding": "zstd"}
        with httpx.Client(base_url=live.url, headers=admin, timeout=900) as client:
            fetched(client, "/api/health")  # the connection made, not timed
            cpu = server_cpu(live.process.pid)
            wall, response, body = fetched(
                client,
                ROUTES["api status at an instant"],
                **({"if-none-match": tag} if tag else {}),
            )
            used = server_cpu(live.process.pid) - cpu
    found = {"wall_s": round(wall, 4), "server_cpu_s": round(used, 3),
             "status": response.status_code, "bytes": len(body)}  # fmt: skip
    print("  restarted:", found, flush=True)
    return found


def one_tree(
    db: str,
    tree: Path,
    rounds: int,
    accept: str,
    token: str | None,
    restarts: int = 0,
    settle: float = 5.0,
) -> tuple[dict[str, Any], str]:
    """The figures of the server of `tree`, and the admin's token (made by the first server)."""
    env = {"PYTHONPATH": f"{tree / 'src'}:{tree}"}
    out: dict[str, Any] = {"routes": {}, "first compressed read": {}}
    tag_of_status: str | None = None
    with serving(db, "--no-example", env=env, expect_token=token is None) as live:
        token = token or live.admin_token
        assert token
        admin = {"Authorization": f"Bearer {token}"}
        pid = live.process.pid
        with httpx.Client(base_url=live.url, headers=admin, timeout=900) as client:
            plain = {}
            for name, path in ROUTES.items():  # 1: judged, or read as kept; held by the process
                wall, response, body = fetched(client, path, **{"accept-encoding": "identity"})
                plain[name] = body
                print(f"  {name}: as it is {len(body):,} B in {wall:.3f} s", flush=True)
            for name in [n for n in STATUS if n in ROUTES]:  # 2: the first compressed read
                cpu = server_cpu(pid)
                wall, response, body = fetched(client, ROUTES[name], **{"accept-encoding": accept})
                encoding = response.headers.get("content-encoding")
                began = time.process_time()
                size = len(decoded(body, encoding))
                out["first compressed read"][name] = {
                    "wall_s": round(wall, 4), "server_cpu_s": round(server_cpu(pid) - cpu, 3),
                    "encoding": encoding, "bytes on the wire": len(body), "bytes": size,
                    "client decode cpu_s": round(time.process_time() - began, 4)}  # fmt: skip
                print(f"  first {accept} read of {name}:", out["first compressed read"][name])
            for name, path in ROUTES.items():  # 3: repeated, then revalidated
                n = max(2, rounds // 5) if name.startswith("csv download") else rounds
                asks = {"accept-encoding": accept}
                _, last, _ = fetched(client, path, **asks)
                row = {"repeat": rounds_of(client, pid, path, n, **asks)}
                tag = last.headers.get("etag")
                if tag:
                    row["if-none-match"] = rounds_of(client, pid, path, n, **asks,
                                                     **{"if-none-match": tag})  # fmt: skip
                row["tagged"] = bool(tag)
                if name == "api status at an instant":
                    tag_of_status = tag
                row["bytes as they are"] = len(plain[name])
                out["routes"][name] = row
                print(f"  {name}:", json.dumps(row), flush=True)
    out["restarted, status at an instant with its tag"] = [
        restarted(db, env, token, tag_of_status, settle) for _ in range(restarts)
    ]
    out["costs alone"] = {
        name: costs_alone(plain[name])
        for name in ("agreement page at day 4", "claims page", "api claims")
        if name in plain
    }
    return out, token


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--tree", action="append", default=None,
                        help="NAME=REVISION, served in the order given")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--accept", default="zstd", help="the client's Accept-Encoding")
    parser.add_argument("--out", default=None)
    parser.add_argument("--restarts", type=int, default=0, help="step 4's restarts per tree")
    parser.add_argument("--only", default=None, help="ROUTE;ROUTE: only these routes (names)")
    parser.add_argument("--settle", type=float, default=5.0, help="step 4: seconds after start")
    args = parser.parse_args()
    if args.only:
        kept = set(args.only.split(";"))
        for name in [n for n in ROUTES if n not in kept]:
            del ROUTES[name]
    trees = [t.split("=", 1) for t in (args.tree or ["main=main", "this=HEAD"])]
    found: dict[str, Any] = {"db": args.db, "accept": args.accept, "rounds": args.rounds}
    token = None
    with scratch_copy(args.db) as db, tempfile.TemporaryDirectory() as trees_dir:
        for name, rev in trees:
            tree = Path(trees_dir) / name
            tree.mkdir()
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev],
                                     check=True, capture_output=True)  # fmt: skip
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
            print(f"{name} ({rev}):", flush=True)
            figures, token = one_tree(
                db, tree, args.rounds, args.accept, token, args.restarts, args.settle
            )
            found[name] = figures | {"revision": rev}
    text = json.dumps(found, indent=1)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
