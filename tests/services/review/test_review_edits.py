"""A reviewer's edits, one set of rules for the CLI's `--set`, the API's `set` and the page's
boxes: text read the same way, places and event ids checked before a claim is made."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ClaimFactory, gaza_spec
from truce.cli.app import app
from truce.domain.claim_fields import EDITABLE as CLAIM_EDITABLE
from truce.errors import BadPlace, ClaimError, TooManyCategories
from truce.server.review_pages import EDIT_BOXES
from truce.services import review_queue
from truce.services.review_edits import (
    EDITABLE,
    EventOfAnotherAgreement,
    checked_edits,
    form_edits,
)
from truce.storage.ledger import Ledger
from truce.storage.review_rows import ReviewQueue

DOCUMENT = {"hash": "d" * 64, "name": "wire.txt", "url": "https://example.org/wire",
            "outlet": "Wire", "published": "2023-11-25"}  # fmt: skip
FOUND = {"type": "release", "actor": "hamas", "date": "2023-11-25", "event_id": "ev-own",
         "quantities": [{"value": 13, "qualifier": "exact", "unit": "hostages"}],
         "quote": "We received thirteen", "source": {"speaker": "ICRC"}}  # fmt: skip


def test_boxes_are_read_as_the_cli_reads_set() -> None:
    edits = form_edits({"quantity": " 12 ", "date": "", "actor": "  hamas ", "target": None,
                        "categories": "women, , children,", "event_id": "ev-1",
                        "place_name": "Rafah", "place_country": "pse", "place_lat": "",
                        "place_lon": " "})  # fmt: skip
    assert edits == {"quantity": 12, "actor": "hamas", "categories": ["women", "children"],
                     "event_id": "ev-1", "place": {"name": "Rafah", "country": "pse"}}  # fmt: skip
    assert form_edits({"quantity": "2.5"}) == {"quantity": "2.5"}  # left for the check to refuse
    assert checked_edits(edits)["place"]["country"] == "PSE"


@pytest.mark.parametrize(
    ("edits", "error", "words"),
    [
        ({"place": {"name": "Rafah", "lat": "95", "lon": "34"}}, BadPlace, "place.lat"),
        ({"place": {"name": "Rafah", "lat": "31.3"}}, BadPlace, "both lat and lon"),
        ({"place": {"country": "PSE"}}, BadPlace, "place.name"),
        ({"place": "Rafah"}, BadPlace, "must be an object"),
        ({"categories": [f"c{n}" for n in range(51)]}, TooManyCategories, "51 categories"),
        ({"event_id": ""}, ClaimError, "1 to 200 characters"),
        ({"event_id": "x" * 201}, ClaimError, "1 to 200 characters"),
        ({"quantity": "2.5"}, ClaimError, "not a number"),
        ({"status": "confirmed"}, ClaimError, "cannot edit status"),
    ],
)
def test_bad_edits_are_refused_with_their_code(edits: dict, error: type, words: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(error) as refused:
        checked_edits(edits)
    assert words in refused.value.message


def _queued(ledger: Ledger) -> str:
    ledger.add_agreement(gaza_spec(), "id: gaza-2023-11\n", "ana")
    ids = ReviewQueue(ledger.engine).add_document(DOCUMENT, "gaza-2023-11", [FOUND], "ana")
    assert ids
    return ids[0]


def test_accepting_with_edits_makes_the_claim_they_say(
    ledger_url: str, make_claim: ClaimFactory
) -> None:
    ledger = Ledger.init(ledger_url)
    try:
        candidate = _queued(ledger)
        ledger.add_agreement(gaza_spec(id="other"), "id: other\n", "ana")
        ledger.append_claims([make_claim(1, agreement="other", event_id="ev-elsewhere"),
                              make_claim(2, event_id="ev-here")], "ana")  # fmt: skip
        with pytest.raises(EventOfAnotherAgreement) as refused:
            review_queue.accept(ledger, candidate, {"event_id": "ev-elsewhere"}, "ana")
        assert refused.value.code == "R211" and "'other'" in refused.value.message
        assert ReviewQueue(ledger.engine).get(candidate).status == "pending"  # nothing written
        place = {"name": "Kerem Shalom", "country": "IL", "lat": "31.22", "lon": "34.28"}
        edits = {"event_id": "ev-here", "actor": "hamas", "target": "israel",
                 "categories": ["women"], "place": place}  # fmt: skip
        decided = review_queue.accept(ledger, candidate, edits, "ana")
        claim = ledger.claim(str(decided.claim_id))
        assert (claim.event_id, claim.actor, claim.target) == ("ev-here", "hamas", "israel")
        assert claim.categories == ("women",) and claim.quantity == 13
        assert claim.extra["place"] == {"name": "Kerem Shalom", "country": "ISR", "lat": 31.22,
                                        "lon": 34.28}  # fmt: skip
        # The source the document gave: outlet, address, speaker, and the quote.
        (source,) = claim.sources
        assert (source.outlet, source.url, source.speaker) == (
            "Wire", "https://example.org/wire", "ICRC")  # fmt: skip
        assert claim.quote == "We received thirteen"
        assert claim.date.astimezone(UTC) < datetime(2023, 11, 26, tzinfo=UTC)
    finally:
        ledger.close()


def test_the_cli_sets_a_place_as_json(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    ledger = Ledger.init(db)
    candidate = _queued(ledger)
    ledger.close()
    runner = CliRunner()
    bad = runner.invoke(app, ["--db", db, "review", "accept", candidate, "--set", "place=Rafah"])
    assert bad.exit_code == 1 and "[R103]" in bad.stderr and "JSON" in bad.stderr
    far = runner.invoke(app, ["--db", db, "review", "accept", candidate, "--set",
                              'place={"name": "Rafah", "lat": 131, "lon": 34}'])  # fmt: skip
    assert far.exit_code == 1 and "[R210]" in far.stderr
    done = runner.invoke(app, ["--db", db, "review", "accept", candidate, "--set",
                               'place={"name": "Rafah", "country": "PSE"}'])  # fmt: skip
    assert done.exit_code == 0, done.output
    ledger = Ledger.open(db)
    try:
        (claim,) = ledger.claims("gaza-2023-11")
        assert claim.extra["place"] == {"name": "Rafah", "country": "PSE"}
        assert json.loads(json.dumps(claim.extra))  # plain JSON, as exports write it
    finally:
        ledger.close()


def test_a_place_typed_back_as_it_stands_keeps_the_gazetteer_s_details() -> None:
    now = {"name": "Khan Yunis", "country": "PSE", "lat": 31.34, "lon": 34.30,
           "admin1": "PS.GZ", "geo_precision": 2}  # fmt: skip
    typed = form_edits({"place_name": "Khan Yunis", "place_country": "PSE",
                        "place_lat": "31.34", "place_lon": "34.3"})  # fmt: skip
    assert checked_edits(typed, now)["place"] == now
    moved = form_edits({"place_name": "Rafah", "place_country": "PSE"})
    assert checked_edits(moved, now)["place"] == {"name": "Rafah", "country": "PSE"}


# A value for each claim field a reviewer may edit, and what the claim then holds.
EVERY_EDIT: dict[str, tuple[object, object]] = {
    "type": ("release", "release"),
    "date": ("2023-11-26", "2023-11-26"),
    "date_precision": ("day", "day"),
    "event_id": ("ev-every", "ev-every"),
    "actor": ("hamas", "hamas"),
    "target": ("israel", "israel"),
    "quantity": (14, 14),
    "subject": ("hostages", "hostages"),
    "categories": (["women"], ("women",)),
    "quote": ("fourteen were handed over", "fourteen were handed over"),
    "location": ("Rafah crossing", "Rafah crossing"),
    "notes": ("typed by the reviewer", "typed by the reviewer"),
    "qualifier": ("at_least", "at_least"),
    "parts": ({"women": 4}, {"women": 4}),
}


def test_every_editable_claim_field_is_one_the_page_and_set_accept() -> None:
    assert set(EVERY_EDIT) == CLAIM_EDITABLE  # a field made editable is tried below
    assert CLAIM_EDITABLE | {"place", "modality"} == EDITABLE
    assert set(EDIT_BOXES) <= EDITABLE


def test_accepting_an_edit_of_every_editable_field_makes_a_claim_holding_each(
    ledger_url: str,
) -> None:
    ledger = Ledger.init(ledger_url)
    try:
        candidate = _queued(ledger)
        edits = {name: given for name, (given, _) in EVERY_EDIT.items()}
        decided = review_queue.accept(ledger, candidate, edits, "ana")
        claim = ledger.claim(str(decided.claim_id)).as_dict()  # as its payload spells it
        claim["date"] = claim["date"][:10]
        claim["categories"] = tuple(claim["categories"])
        for name, (_, held) in EVERY_EDIT.items():
            assert claim[name] == held, name
    finally:
        ledger.close()
