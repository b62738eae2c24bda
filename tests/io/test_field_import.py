"""ACLED and UCDP GED files held against an agreement: the column mapping, a bad row named by
its number while the others go in, and an ACLED export that imports back."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import GAZA_YAML, ClaimFactory, gaza_spec
from truce.domain.claims import Claim, DatePrecision, EventType, Source
from truce.domain.readings import Qualifier
from truce.errors import TruceError
from truce.io.field_errors import FieldFileColumns
from truce.io.field_export import export_field
from truce.io.field_import import load_field_file
from truce.io.field_rows import FieldContext
from truce.services.access import operator
from truce.services.claim_imports import store_claims
from truce.storage import Ledger

ACLED_HEAD = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
              "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
              "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
              "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,"
              "timestamp")  # fmt: skip
ACLED_ROWS = [
    # 2: an air strike by Israel on Hamas, day known
    "PSE1,2023-12-01,2023,1,Political violence,Explosions/Remote violence,Air/drone strike,"
    "Military Forces of Israel (2022-),,1,Hamas Movement,,2,12,,275,Middle East,Palestine,"
    "Gaza Strip,Rafah,,Rafah,31.2968,34.2435,1,Al Jazeera; Reuters,International,"
    '"Strikes resumed, 7 killed.",7,,1701400000',
    # 3: a truce extension, month known only, in ACLED's older date style
    "PSE2,28 November 2023,2023,3,Strategic developments,Strategic developments,Agreement,"
    "Hamas,,2,Israel,,1,12,,275,Middle East,Palestine,Gaza Strip,,,Gaza City,31.5,34.46,3,"
    "Qatar MOFA,Regional,Pause extended.,0,,1701400000",
    # 4: a protest: no truce type
    "PSE3,2023-11-25,2023,1,Demonstrations,Protests,Peaceful protest,Protesters (Palestine),,6,"
    ",,,60,,275,Middle East,Palestine,West Bank,,,Ramallah,31.9,35.2,1,WAFA,National,March.,0,,1",
    # 5: a date that is no date
    "PSE4,2023-13-45,2023,1,Political violence,Battles,Armed clash,Hamas,,2,,,,20,,275,"
    "Middle East,Palestine,Gaza Strip,,,Gaza City,31.5,34.46,1,AFP,International,x,0,,1",
    # 6: a latitude off the globe
    "PSE5,2023-12-02,2023,1,Political violence,Battles,Armed clash,Hamas,,2,,,,20,,275,"
    "Middle East,Palestine,Gaza Strip,,,Gaza City,131.5,34.46,1,AFP,International,x,0,,1",
    # 7: cells missing
    "PSE6,2023-12-02,2023",
]


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    hamas = {"id": "hamas", "name": "Hamas", "aliases": ["Hamas Movement"]}
    spec = gaza_spec(parties=[{"id": "israel", "name": "Israel"}, hamas])
    opened = Ledger.init(str(tmp_path / "t.db"))
    opened.add_agreement(spec, GAZA_YAML, None)
    return opened


def write(path: Path, head: str, rows: list[str]) -> Path:
    path.write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    return path


def test_acled_rows_map_to_claims_and_bad_rows_are_named(tmp_path: Path, ledger: Ledger) -> None:
    batch = load_field_file(write(tmp_path / "a.csv", ACLED_HEAD, ACLED_ROWS), "acled",
                            "gaza-2023-11", ledger)  # fmt: skip
    strike, extension = batch.claims
    assert strike.type == EventType.BREACH and (strike.actor, strike.target) == ("israel", "hamas")
    assert strike.date.date().isoformat() == "2023-12-01"
    assert strike.date_precision is DatePrecision.DAY
    assert [s.outlet for s in strike.sources] == ["Al Jazeera", "Reuters"]
    assert strike.extra["place"] == {
        "name": "Rafah", "lat": 31.2968, "lon": 34.2435, "admin1": "Gaza Strip", "country": "PSE",
        "geo_precision": 1,
    }  # fmt: skip
    assert strike.extra["acled"]["fatalities"] == 7
    assert strike.extra["acled"]["sub_event_type"] == "Air/drone strike"
    assert strike.notes == "Strikes resumed, 7 killed." and strike.location == "Rafah"
    assert extension.type == "agreement_term" and extension.date_precision is DatePrecision.MONTH
    assert extension.date.strftime("%Y-%m-%d") == "2023-11-01"
    assert [(e.line, e.code) for e in batch.errors] == [
        (4, "I402"), (5, "I401"), (6, "I403"), (7, "I101")
    ]  # fmt: skip
    assert all(e.path.endswith("a.csv") for e in batch.errors)

    stored = store_claims(ledger, batch.claims, operator(None), "analyst", "a.csv")
    assert stored.added == 2 and len(ledger.claims("gaza-2023-11")) == 2


def test_an_acled_file_without_its_date_column_is_refused_whole(
    tmp_path: Path, ledger: Ledger
) -> None:
    path = write(tmp_path / "a.csv", "event_type,actor1", ["Battles,Hamas"])
    with pytest.raises(FieldFileColumns, match="event_date"):
        load_field_file(path, "acled", "gaza-2023-11", ledger)


UCDP_HEAD = ("id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,"
             "conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,"
             "side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,"
             "source_article,source_office,source_date,source_headline,source_original,"
             "where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,"
             "geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,"
             "date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,"
             "low")  # fmt: skip


def ucdp_row(id_: str, start: str, end: str, best: str = "3", high: str = "5") -> str:
    return (f"{id_},IS-2023-1,2023,True,Clear,1,234,234,Israel: Palestine,1,1,"
            f"Government of Israel - Hamas,1,1,Government of Israel,2,2,Hamas,2,"
            f"\"Reuters, 2 Dec\",Reuters;AFP,2023-12-02,h,o,1,Gaza city,d,Gaza,,31.5,34.46,"
            f"POINT (34.46 31.5),1,Israel,666,Middle East,1,1,{start},{end},0,{best},0,0,"
            f"{best},{high},{best}")  # fmt: skip


def test_ucdp_ged_rows_take_their_span_and_estimates(tmp_path: Path, ledger: Ledger) -> None:
    rows = [
        ucdp_row("1", "2023-12-02 00:00:00.000", "2023-12-02 00:00:00.000"),
        ucdp_row("2", "2023-12-04", "2023-12-06"),  # one ISO week
        ucdp_row("3", "2023-12-01", "2023-12-30"),  # one month
        ucdp_row("4", "2023-11-20", "2024-01-02"),  # longer: refused
        ucdp_row("5", "2023-12-02", "2023-12-01"),  # ends before it starts
        ucdp_row("6", "2023-12-02", "2023-12-02", best="2.5", high="4"),
    ]
    batch = load_field_file(write(tmp_path / "ged.csv", UCDP_HEAD, rows), "ucdp-ged",
                            "gaza-2023-11", ledger)  # fmt: skip
    day, week, month = batch.claims
    assert [c.date_precision for c in batch.claims] == [DatePrecision.DAY, DatePrecision.WEEK,
                                                        DatePrecision.MONTH]  # fmt: skip
    assert week.date.date().isoformat() == "2023-12-04"  # the Monday of that week
    assert (day.actor, day.target, day.type) == ("israel", "hamas", EventType.BREACH)
    assert {k: day.extra["ucdp"][k] for k in ("id", "best", "low", "high")} == {
        "id": "1",
        "best": 3,
        "low": 3,
        "high": 5,
    }
    assert day.extra["place"]["country"] == "ISR" and day.extra["place"]["geo_precision"] == 1
    assert [s.outlet for s in day.sources] == ["Reuters", "AFP"]
    assert [(e.line, e.code) for e in batch.errors] == [(5, "I404"), (6, "I404"), (7, "I403")]


def test_an_acled_export_imports_back(
    tmp_path: Path, ledger: Ledger, make_claim: ClaimFactory
) -> None:
    gaza = timezone(timedelta(hours=2))
    place = {"name": "Rafah", "lat": 31.29, "lon": 34.25, "admin1": "PS.GZ", "country": "PSE",
             "geo_precision": 2}  # fmt: skip
    original = [
        make_claim(0, date=datetime(2023, 11, 24, tzinfo=gaza), date_precision=DatePrecision.DAY,
                   reliability="B2", event_id="d1", extra={"place": place}),
        make_claim(1, type=EventType.CASUALTY_CLAIM, actor="israel", target="hamas",
                   quantity=40, qualifier=Qualifier.AT_LEAST, subject=None, categories=(),
                   date=datetime(2023, 12, 1, tzinfo=gaza), date_precision=DatePrecision.DAY,
                   sources=(Source(outlet="AFP"), Source(outlet="Al Jazeera, Doha"))),
        make_claim(2, type=EventType.STATEMENT, actor="qatar", quantity=None, categories=(),
                   subject=None, date=datetime(2023, 11, 1, tzinfo=gaza),
                   date_precision=DatePrecision.MONTH, notes="=1+1 \"quoted\", and more"),
    ]  # fmt: skip
    out = tmp_path / "acled.csv"
    export_field(
        original, "acled", out, FieldContext.of([ledger.agreement("gaza-2023-11")[0]]), True
    )
    with open(out, encoding="utf-8", newline="") as handle:
        assert csv.DictReader(handle).fieldnames[:2] == ["event_id_cnty", "event_date"]  # type: ignore[index]
    batch = load_field_file(out, "acled", "gaza-2023-11", ledger)
    assert batch.errors == []
    for before, after in zip(original, batch.claims, strict=True):
        assert _kept(after) == _kept(before)
        assert [s.outlet for s in after.sources] == [s.outlet for s in before.sources]
    assert batch.claims[0].extra["place"] == {**place, "name": "Rafah"}
    assert batch.claims[1].extra["acled"]["fatalities"] == 40


def _kept(claim: Claim) -> tuple[object, ...]:
    """What an ACLED file carries of a claim: all but quote, categories and a source's
    speaker (a day-precision claim's instant is its local midnight either way)."""
    return (claim.type, claim.date, claim.date_precision, claim.actor, claim.target,
            claim.quantity, claim.qualifier, claim.subject, claim.status, claim.reliability,
            claim.event_id, claim.notes)  # fmt: skip


def test_hostile_files_are_refused_or_read_as_text(tmp_path: Path, ledger: Ledger) -> None:
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"event_date,event_type\n\x00\x01\x02")
    with pytest.raises(TruceError) as refused:
        load_field_file(binary, "acled", "gaza-2023-11", ledger)
    assert refused.value.code == "I104"
    latin = tmp_path / "latin.csv"
    latin.write_bytes("event_date,event_type,notes\n2023-12-01,Battles,Caf\xe9\n".encode("latin-1"))
    with pytest.raises(TruceError, match=r"latin.csv:2: not UTF-8"):
        load_field_file(latin, "acled", "gaza-2023-11", ledger)

    huge = "x" * 1_000_000
    hostile = write(tmp_path / "h.csv", "event_date,event_type,sub_event_type,notes,location", [
        f'2023-12-01,Battles,Armed clash,"{huge}",Rafah',
        "2023-12-01,Battles,Armed clash,'=HYPERLINK(\"http://evil\"),\"line one\nline two\"",
        "'=1+1,Battles,Armed clash,x,y",
    ])  # fmt: skip
    batch = load_field_file(hostile, "acled", "gaza-2023-11", ledger)
    (formula,) = batch.claims
    assert formula.notes == '=HYPERLINK("http://evil")'  # the export's quote taken off
    assert formula.location == "line one\nline two"
    assert [(e.line, e.code) for e in batch.errors] == [(2, "I101"), (5, "I401")]
    assert "131,072" in batch.errors[0].hint  # a megabyte cell: refused, saying why


def test_a_field_import_keeps_what_the_ledger_held(
    tmp_path: Path, ledger: Ledger, make_claim: ClaimFactory
) -> None:
    held = make_claim(0, reliability="A1")
    ledger.append_claims([held], "analyst")
    batch = load_field_file(write(tmp_path / "a.csv", ACLED_HEAD, ACLED_ROWS), "acled",
                            "gaza-2023-11", ledger)  # fmt: skip
    store_claims(ledger, batch.claims, operator(None), None, "a.csv")
    again = store_claims(ledger, batch.claims, operator(None), None, "a.csv")
    assert again.added == 0 and again.skipped == 2  # the same rows twice: recorded once
    assert {c.id for c in ledger.claims("gaza-2023-11")} == {held.id, *(c.id for c in batch.claims)}
    assert ledger.verify(None).ok
