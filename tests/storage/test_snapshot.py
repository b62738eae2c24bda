"""The columnar snapshot beside the ledger: status read through it equals the reference path,
and a snapshot that no longer matches the chain is never believed."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pyarrow as pa
import pytest

from tests.conftest import ClaimFactory
from tests.storage.gaza_record import AGREEMENT, INSTANTS, _late_claims, _record, _reference, _spec
from truce import services
from truce.domain.claim_input import ClaimInput
from truce.storage import Ledger
from truce.storage.snapshot import Head, default_directory, load_frame


@pytest.fixture
def ledger(snapshot_ledger: Ledger) -> Ledger:
    return snapshot_ledger


def _snapshot_head(ledger: Ledger) -> Head | None:
    """The chain entry the stored snapshot says it was built at."""
    directory = ledger.snapshots
    assert directory is not None
    files = list(directory.glob("*.events.arrow"))
    if not files:
        return None
    with pa.memory_map(str(files[0])) as source:
        told = json.loads(pa.ipc.open_file(source).schema.metadata[b"truce"])
    return Head(told["seq"], told["hash"])


def test_status_through_the_snapshot_equals_the_reference(ledger: Ledger) -> None:
    for at in INSTANTS:
        assert services.status(ledger, AGREEMENT, at) == _reference(ledger, at)
    head = ledger.head()
    assert head is not None
    assert _snapshot_head(ledger) == Head(head.seq, head.hash)
    # Read again, now from the files.
    for at in INSTANTS:
        assert services.status(ledger, AGREEMENT, at) == _reference(ledger, at)


def test_claims_appended_after_the_snapshot_are_folded_in(ledger: Ledger) -> None:
    spec, _ = ledger.agreement(AGREEMENT)
    before = services.status(ledger, AGREEMENT, INSTANTS[-1])
    built_at = _snapshot_head(ledger)
    ledger.append_claims(_late_claims(spec), "analyst")
    after = services.status(ledger, AGREEMENT, INSTANTS[-1])
    assert after == _reference(ledger, INSTANTS[-1])
    assert after != before
    assert after["counts"]["superseded"] == before["counts"]["superseded"] + 1
    assert any(d["event_id"] == "late-1" for d in after["disputes"])
    head = ledger.head()
    assert head is not None and built_at is not None
    assert _snapshot_head(ledger) == Head(head.seq, head.hash) != built_at


def test_entries_of_other_kinds_leave_the_snapshot_good(ledger: Ledger) -> None:
    spec, text = _spec()
    services.status(ledger, AGREEMENT, INSTANTS[-1])
    built_at = _snapshot_head(ledger)
    ledger.add_agreement(spec.model_copy(update={"title": "Renamed"}), text, "analyst")
    assert services.status(ledger, AGREEMENT, INSTANTS[-1]) == _reference(ledger, INSTANTS[-1])
    assert _snapshot_head(ledger) == built_at  # still good: nothing new for this agreement


def test_a_snapshot_of_another_chain_is_not_believed(tmp_path: Path) -> None:
    spec, text = _spec()
    record = _record(spec)
    with Ledger.init(str(tmp_path / "a.db")) as first:
        first.add_agreement(spec, text, "analyst")
        first.append_claims(record + _late_claims(spec), "analyst")
        services.status(first, AGREEMENT, INSTANTS[-1])
        stale = first.snapshots
    with Ledger.init(str(tmp_path / "b.db")) as second:
        second.add_agreement(spec, text, "analyst")
        second.append_claims(record[: len(record) // 2], "analyst")
        assert stale is not None and second.snapshots is not None
        shutil.copytree(stale, second.snapshots)  # the same agreement, from another chain
        assert services.status(second, AGREEMENT, INSTANTS[-1]) == _reference(second, INSTANTS[-1])
        head = second.head()
        assert head is not None and _snapshot_head(second) == Head(head.seq, head.hash)


def test_a_damaged_snapshot_is_rebuilt(ledger: Ledger) -> None:
    expected = services.status(ledger, AGREEMENT, INSTANTS[-1])
    assert ledger.snapshots is not None
    for path in ledger.snapshots.glob("*.arrow"):
        path.write_bytes(path.read_bytes()[:100])
    assert services.status(ledger, AGREEMENT, INSTANTS[-1]) == expected
    for path in ledger.snapshots.glob("*.events.arrow"):
        path.unlink()
    assert services.status(ledger, AGREEMENT, INSTANTS[-1]) == expected


def test_without_a_place_to_write_status_still_answers(tmp_path: Path) -> None:
    spec, text = _spec()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the snapshot folder would go")
    with Ledger.init(str(tmp_path / "c.db")) as setup:
        setup.add_agreement(spec, text, "analyst")
        setup.append_claims(_record(spec), "analyst")
    with Ledger(setup.engine, snapshots=blocker / "snapshots") as ledger:
        assert services.status(ledger, AGREEMENT, INSTANTS[1]) == _reference(ledger, INSTANTS[1])
        frame, _ = load_frame(ledger.engine, AGREEMENT, None)  # no folder at all
        assert frame.claims == len(_record(spec))


def test_where_snapshots_live() -> None:
    file = Path("/data/truce.db")
    assert default_directory("sqlite:////data/truce.db", file) == Path("/data/truce.db.snapshots")
    assert default_directory("sqlite://", None) is None
    server = default_directory("postgresql+psycopg://u@h/db", None)
    assert server is not None and server.parts[-3:-1] == ("truce", "snapshots")
    assert server != default_directory("postgresql+psycopg://u@h/other", None)


def test_an_unknown_agreement_has_no_frame(ledger: Ledger) -> None:
    from truce.errors import UnknownAgreement

    with pytest.raises(UnknownAgreement):
        ledger.frame("no-such-deal")


def test_the_projection_reads_into_the_same_table_as_the_rows_sqlite_holds(
    tmp_path: Path, make_claim: ClaimFactory
) -> None:
    from truce.storage import columnar
    from truce.storage.columnar import NAMES, read_rows

    spec, text = _spec()
    # Text columns empty for more than a fetch chunk, then filled: types must not be guessed
    # from the first rows alone.
    plain = [make_claim(n, agreement=AGREEMENT) for n in range(1100)]
    late = make_claim(
        2000,
        agreement=AGREEMENT,
        quote="“ten released”",
        notes="late",
        quantity=None,
        target="israel",
        reliability="B2",
        extra={"k": [1]},
    )
    db = tmp_path / "d.db"
    with Ledger.init(str(db)) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims([*plain, late], "analyst")
        head = ledger.head()
        assert head is not None
        with ledger.engine.connect() as conn:
            whole = read_rows(conn, AGREEMENT, 0, head.seq)
            part = read_rows(conn, AGREEMENT, 500, 700)
            chunk, columnar.FETCH_CHUNK = columnar.FETCH_CHUNK, 1000
            try:
                chunked = read_rows(conn, AGREEMENT, 0, head.seq)
            finally:
                columnar.FETCH_CHUNK = chunk
    raw = sqlite3.connect(db)
    try:
        held = raw.execute(
            f"SELECT {', '.join(NAMES)} FROM claims WHERE agreement = ? ORDER BY seq", (AGREEMENT,)
        ).fetchall()
    finally:
        raw.close()
    assert whole.num_rows == 1101 and whole.equals(chunked)
    assert [tuple(r[n] for n in NAMES) for r in whole.to_pylist()] == held
    last = whole.slice(1100).to_pylist()[0]
    assert (last["quote"], last["notes"], last["reliability"]) == ("“ten released”", "late", "B2")
    assert part["seq"].to_pylist() == list(range(501, 701))


def test_an_empty_event_id_names_no_event_through_the_snapshot_too(
    tmp_path: Path, make_claim: ClaimFactory
) -> None:
    spec, text = _spec()
    claims = [make_claim(n, agreement=AGREEMENT, event_id="", quantity=3 + n) for n in range(3)]
    claims.append(make_claim(9, agreement=AGREEMENT, event_id="same", reliability="C3"))
    claims.append(make_claim(9, agreement=AGREEMENT, event_id="same", quantity=20))
    with Ledger.init(str(tmp_path / "e.db")) as ledger:
        ledger.add_agreement(spec, text, "analyst")
        ledger.append_claims(claims, "analyst")
        state = services.status(ledger, AGREEMENT, INSTANTS[1])
        assert state == _reference(ledger, INSTANTS[1])
    assert state["counts"]["events"] == 4
    assert [d["event_id"] for d in state["disputes"]] == ["same"]


@pytest.mark.parametrize(
    ("outlets", "leads"),
    [
        ([{"outlet": "AP"}, {"outlet": "Reuters"}, {"outlet": "BBC"}], 642),
        # One agency's report syndicated three times is one source: the lowest figure leads.
        (
            [{"outlet": "Times", "via": "AP"}, {"outlet": "Post", "via": "AP"}, {"outlet": "ap"}],
            491,
        ),
    ],
)
def test_the_snapshot_weighs_independent_sources_as_the_reference(
    ledger: Ledger, outlets: list[dict[str, str]], leads: int
) -> None:
    spec, _ = ledger.agreement(AGREEMENT)
    base = {"type": "release", "date": "2023-11-29T15:00", "actor": "hamas",
            "subject": "hostages", "event_id": "late-2", "agreement": AGREEMENT}  # fmt: skip
    rows = [{**base, "quantity": 491, "sources": [{"outlet": "Al Jazeera"}]}]
    rows += [{**base, "quantity": 642, "sources": [o]} for o in outlets]
    ledger.append_claims(
        [ClaimInput.model_validate(r).to_claim(spec.zone) for r in rows], "analyst"
    )
    for _ in range(2):  # built, then read back from the files
        state = services.status(ledger, AGREEMENT, INSTANTS[-1])
        assert state == _reference(ledger, INSTANTS[-1])
        [dispute] = [d for d in state["disputes"] if d["event_id"] == "late-2"]
        assert [r["quantity"] for r in dispute["readings"] if r["leading"]] == [leads]
