"""The map page of an agreement (and its .json twin): where breaches, casualty claims and
handovers happened, as the record stood at `?at=`, filtered by party, type and dates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from truce.server import basemap
from truce.server.cache import HeadCache
from truce.server.deps import CacheDep, LedgerDep
from truce.server.mapdata import KIND_NAMES, Filters, at_instant, placed, table_rows
from truce.server.mapsvg import SHAPES, map_svg
from truce.server.pages import Viewer, page_response
from truce.services import parse_instant
from truce.services.ledger import Ledger

router = APIRouter(include_in_schema=False)
STYLESHEET = Path(__file__).parent / "static" / "mapdoc.css"
Text = Annotated[str | None, Query(max_length=200)]
From = Annotated[str | None, Query(alias="from", max_length=40)]
To = Annotated[str | None, Query(alias="to", max_length=40)]


def map_filters(
    party: Text = None, type: Text = None, start: From = None, end: To = None
) -> Filters:
    """The map's filters as the query string gives them (`party`, `type`, `from`, `to`): one
    dependency for the page and its .json twin, so both read the same parameters."""
    return Filters.read(party, type, start, end)


# After the viewer in a route's parameters: who may see the map is checked first.
MapFilters = Annotated[Filters, Depends(map_filters)]


def map_view(
    ledger: Ledger, cache: HeadCache, agreement: str, at: str | None, filters: Filters
) -> dict[str, Any]:
    spec, _ = ledger.agreement(agreement)
    instant = parse_instant(at or None, spec.zone)  # none given: now; the future is not drawn
    countries = tuple(spec.metadata.countries) if spec.metadata else ()

    def compute() -> tuple[list[dict[str, Any]], list[float]]:
        return placed(ledger.claims(agreement), spec.zone, countries)

    everything = cache.get(("map", agreement), cache.head_seq(), compute)
    known, unplaced = at_instant(*everything, instant)
    shown = [p for p in known if filters.keeps(p)]
    when = f"{instant:%Y-%m-%d %H:%M %Z}"
    title = f"Map of {spec.title}: {len(shown)} event(s) with a place, as at {when}"
    svg = map_svg(shown, title)
    return {
        "agreement": agreement,
        "title": spec.title,
        "at": instant.isoformat(),
        "at_input": at or "",
        "filters": {
            "party": filters.party,
            "type": filters.type,
            "from": filters.start.isoformat() if filters.start else None,
            "to": filters.end.isoformat() if filters.end else None,
        },  # fmt: skip
        "parties": sorted({p["actor"] for p in known if p["actor"]}),
        "types": sorted({p["type"] for p in known}),
        "known": len(known),
        "unplaced": unplaced,
        "points": shown,
        "table": table_rows(shown),
        "svg": svg,
        "legend": [
            {"kind": k, "name": KIND_NAMES[k], "shape": s}
            for k, s in SHAPES.items()
            if any(p["kind"] == k for p in shown)
        ],  # fmt: skip
        "outlines": bool(basemap.outlines()),
        "source": basemap.SOURCE,
    }


def asked_map(
    agreement: str,
    ledger: LedgerDep,
    cache: CacheDep,
    who: Viewer,
    filters: MapFilters,
    at: Text = None,
) -> dict[str, Any]:
    """The map the request asks for, as the page and its .json twin both show it: one set of
    parameters for the two (the viewer checked before the filters are read)."""
    return map_view(ledger, cache, agreement, at, filters)


AskedMap = Annotated[dict[str, Any], Depends(asked_map)]


@router.get("/agreements/{agreement}/map.json")
def map_json(data: AskedMap) -> dict[str, Any]:
    data.pop("svg")
    data.pop("table")  # the points, all of them, are the twin's
    return data


@router.get("/agreements/{agreement}/map", response_class=HTMLResponse)
def map_page(request: Request, who: Viewer, data: AskedMap) -> Response:
    return page_response(request, "map.html", who, data)


@router.get("/static/mapdoc.css")
def stylesheet() -> Response:
    """The map's and the document view's rules, linked from those pages only."""
    text = STYLESHEET.read_text(encoding="utf-8")
    return Response(text, media_type="text/css", headers={"Cache-Control": "max-age=3600"})
