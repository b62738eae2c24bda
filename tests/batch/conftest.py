"""A real Dask cluster for the batch tests: two worker processes on 127.0.0.1, no dashboard,
started once for the session; and the corpus of test reports with bad documents beside them."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPORTS = Path(__file__).resolve().parent / "reports"


@pytest.fixture(scope="session")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        # No dashboard; the scheduler's health endpoints on a free loopback port, not 8787.
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    )
    with cluster:
        yield str(cluster.scheduler_address)


GOOD_LINE = {
    "text": "Hamas freed 12 hostages on Friday, the Israeli military said, and Israel released "
    "36 Palestinian prisoners hours later under the truce deal mediated by Qatar.",
    "url": "https://example.org/northgate/2023/11/24/first-exchange",
    "published": "2023-11-24",
    "outlet": "Northgate Post",
}
FRENCH = (
    "Le Hamas a libéré huit otages jeudi, a déclaré l'armée israélienne, et la trêve a été "
    "prolongée d'une journée supplémentaire après une médiation du Qatar et de l'Égypte."
)


@pytest.fixture(scope="session")
def make_corpus() -> Callable[[Path], Path]:
    return bad_corpus


def bad_corpus(folder: Path) -> Path:
    """The test reports, and beside them one of every kind of bad document."""
    corpus = folder / "corpus"
    shutil.copytree(REPORTS, corpus)
    (corpus / "empty.txt").write_text("")
    (corpus / "scan.pdf.txt").write_bytes(b"%PDF-1.4\x00\x01\x02\x00binary\x00" * 40)
    (corpus / "french.txt").write_text(FRENCH)
    (corpus / "repost-of-harbour.txt").write_bytes((REPORTS / "harbour-wire-day7.txt").read_bytes())
    lines = [
        json.dumps(GOOD_LINE),
        '{"text": "an unterminated',
        json.dumps({"text": ""}),
        json.dumps({"html": "<p>no page</p>", "url": 3}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": FRENCH, "url": "https://example.org/fr/otages"}),
    ]
    (corpus / "feed-dump.jsonl").write_text("\n".join(lines) + "\n")
    return corpus
