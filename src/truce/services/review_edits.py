"""What a reviewer may change in a candidate before accepting it, checked the same way whatever
the door: the CLI's `--set`, the API's `"set"`, the review page's boxes.

Each edge reads its input into an edits dict (`form_edits` for text fields such as a form's or
`--set`'s), and `checked_edits` holds it to the rules; the claim contract (`ClaimInput`, run on
acceptance) then checks the claim the edits make.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import PydanticCustomError
from sqlalchemy import Engine

from truce.domain.claim_fields import EDITABLE as CLAIM_EDITABLE
from truce.domain.claim_input import MAX_CATEGORIES, TOO_MANY_PARTS, check_parts
from truce.domain.place import check_place
from truce.domain.readings import qualifier
from truce.errors import BadParts, BadPlace, ClaimError, TooManyCategories, TooManyParts
from truce.storage.suggest import event_agreements

# A claim's editable fields (`domain.claim_fields`), and a candidate's place and modality (kept
# in its `extra`).
EDITABLE = CLAIM_EDITABLE | {"place", "modality"}


class EventOfAnotherAgreement(ClaimError):
    """A reviewer's event id names an event recorded under another agreement only."""

    code = "R211"
    default_hint = (
        "attach the candidate to an event of its own agreement (one the page suggests), or "
        "leave the event id as it is to record a new event"
    )


_WHOLE = re.compile(r"-?[0-9]{1,20}")


def split_list(text: str) -> list[str]:
    """A list typed as text: `women, children`."""
    return [part.strip() for part in text.split(",") if part.strip()]


def count_of(value: Any) -> Any:
    """A figure as an int where it plainly is one (a form's box and `--set quantity=13` give
    text); any other value is left for the checks to refuse with their own message."""
    if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        return int(value)  # a negative one too, for the contract to refuse as it refuses -3
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def form_edits(given: dict[str, str | None]) -> dict[str, Any]:
    """Edits typed as text (a form's boxes): blank boxes change nothing, `categories` is a
    comma-separated list, `quantity` a count, and `place_name`, `place_country`, `place_lat`,
    `place_lon` one place (a name is needed once any of them is given)."""
    text = {k: v.strip() for k, v in given.items() if v is not None and v.strip()}
    edits: dict[str, Any] = {k: v for k, v in text.items() if not k.startswith("place_")}
    if "categories" in edits:
        edits["categories"] = split_list(edits["categories"])
    if "quantity" in edits:
        edits["quantity"] = count_of(edits["quantity"])
    if "parts" in edits:
        edits["parts"] = parts_text(edits["parts"])
    place = {k.removeprefix("place_"): v for k, v in text.items() if k.startswith("place_")}
    if place:
        edits["place"] = place
    return edits


def parts_text(text: str) -> dict[str, Any]:
    """Sub-counts typed as text: `women=15, minors=15` (`-` or `none` for none). A part that is
    not NAME=COUNT is refused here; a count that is no whole number is left for `check_parts`."""
    if text.strip().lower() in ("-", "none"):
        return {}
    out: dict[str, Any] = {}
    for item in split_list(text):
        name, sep, count = item.partition("=")
        if not sep or not name.strip():
            raise BadParts(
                f"part {item[:60]!r} is not CATEGORY=N",
                hint="type the sub-counts as women=15, minors=15 (or - for none)",
            )
        out[name.strip()] = count_of(count)
    return out


def check_event(engine: Engine, agreement: str, event_id: str) -> None:
    """A reviewer's event id joins an event of the candidate's agreement, or starts a new one:
    never an event recorded only under another agreement."""
    found = event_agreements(engine, event_id)
    if found and agreement not in found:
        raise EventOfAnotherAgreement(
            f"event {event_id[:80]!r} is an event of {found[0]!r}, not of {agreement!r}"
        )


def checked_edits(edits: dict[str, Any], place_now: object = None) -> dict[str, Any]:
    """The edits, held to the rules (places normalised), or the error saying what is wrong.

    A place typed back as it stands (`place_now`'s name, country and coordinates, as a form
    shows them) keeps what else the gazetteer gave it: admin1, precision, time zone."""
    unknown = sorted(set(edits) - EDITABLE)
    if unknown:
        raise ClaimError(
            f"cannot edit {', '.join(unknown)}",
            hint=f"editable fields: {', '.join(sorted(EDITABLE))}",
        )
    event = edits.get("event_id")
    if event is not None and (not isinstance(event, str) or not 0 < len(event.strip()) <= 200):
        raise ClaimError(
            "an event id is text of 1 to 200 characters", hint="e.g. --set event_id=ev-rafah-1"
        )
    if edits.get("place") is not None:
        try:
            place = check_place(edits["place"])
        except ValueError as exc:
            raise BadPlace(str(exc)) from None
        edits = {**edits, "place": place_now if _same_place(place, place_now) else place}
    if len(edits.get("categories") or ()) > MAX_CATEGORIES:
        raise TooManyCategories(f"{len(edits['categories'])} categories, at most {MAX_CATEGORIES}")
    if "parts" in edits:
        try:
            edits = {**edits, "parts": check_parts(edits["parts"])}
        except PydanticCustomError as exc:
            error = (TooManyParts if exc.type == TOO_MANY_PARTS else BadParts)(exc.message())
            raise error from None
    number = edits.get("quantity")
    if number is not None and (isinstance(number, bool) or not isinstance(number, int | float)):
        raise ClaimError(f"quantity {number!r} is not a number", hint="e.g. --set quantity=13")
    if edits.get("qualifier") is not None:
        try:
            qualifier(str(edits["qualifier"]))
        except ValueError as exc:
            raise ClaimError(str(exc), hint="e.g. --set qualifier=at_least") from None
    return edits


def _same_place(typed: dict[str, Any], now: object) -> bool:
    if not isinstance(now, dict):
        return False
    try:
        known = check_place(now)
    except ValueError:
        return False
    return all(typed.get(k) == known.get(k) for k in ("name", "country", "lat", "lon"))
