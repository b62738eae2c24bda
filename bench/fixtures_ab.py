"""What a test pays for a new ledger and a new server's ledger, before and after
tests/cheap_ledgers.py, side by side in one run (rounds interleaved, so both see the same load).

    PYTHONPATH=src:. python bench/fixtures_ab.py --rounds 6

"init": `Ledger.init` on a blank ledger (a new SQLite file; a new PostgreSQL database).
"served": what `tests/server/conftest.py::start` does before the app (`prepare`: migrated, the
bundled example loaded). "real" runs the project's code as it is; "cheap" with the session's
templates copied in and agreement files parsed once. Database creation and drops are outside the
timings (the same in both). The first round builds the templates and is left out of the medians.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.cheap_ledgers import BackgroundDrops, ParsedOnce, Templates, _real_upgrade
from tests.conftest import PG_URL
from truce.server.bootstrap import prepare
from truce.server.settings import ServerSettings
from truce.services import agreements
from truce.storage import Ledger, schema


def served(url: str) -> None:
    prepare(ServerSettings(db=url, bootstrap_admin=False)).ledger.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ledgers-ab-"))
    drops = BackgroundDrops()
    templates = Templates(folder / "templates", PG_URL, drops)
    (folder / "templates").mkdir()
    real_load = agreements.load_spec_file
    parsed_once = ParsedOnce(real_load)
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def blank(backend: str, label: str) -> str:
        if backend == "sqlite":
            return str(folder / f"{label}-{uuid.uuid4().hex[:8]}.db")
        name = f"bench_ab_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return PG_URL.rsplit("/", 1)[0] + "/" + name

    def timed(work: Callable[[], None]) -> float:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start

    found: dict[tuple[str, str, str], list[float]] = {}
    for _ in range(args.rounds):
        for mode in ("real", "cheap"):
            cheap = mode == "cheap"
            schema.upgrade = templates.upgrade if cheap else _real_upgrade
            agreements.load_spec_file = parsed_once if cheap else real_load
            for backend in ("sqlite", "postgres"):
                url = blank(backend, mode)
                found.setdefault((backend, "init", mode), []).append(
                    timed(lambda url=url: Ledger.init(url).close())
                )
                url = blank(backend, mode)

                def serve(url: str = url, cheap: bool = cheap) -> None:
                    if cheap:
                        templates.fill(url, "served", served)
                    served(url)

                found.setdefault((backend, "served", mode), []).append(timed(serve))
    schema.upgrade = _real_upgrade
    agreements.load_spec_file = real_load
    print(f"{'back end':10} {'step':8} {'real s':>8} {'cheap s':>8} {'ratio':>6}")
    for backend in ("sqlite", "postgres"):
        for step in ("init", "served"):
            real = statistics.median(found[(backend, step, "real")][1:])
            cheap = statistics.median(found[(backend, step, "cheap")][1:])
            print(f"{backend:10} {step:8} {real:8.3f} {cheap:8.3f} {real / cheap:6.1f}")
    for name in made:
        drops.drop(PG_URL, name)
    templates.close()
    drops.wait()
    admin.dispose()


if __name__ == "__main__":
    main()
