"""The output folder of a batch, and how a restart knows what is done.

    DIR/manifest.json                 the corpus, the options and every partition, written once
    DIR/documents/part-NNNNN.parquet  per document: ok, or error with its code and reason
    DIR/candidates/part-NNNNN.parquet per candidate event
    DIR/events.parquet, DIR/duplicates.parquet, DIR/summary.json   the merge, redone each run

Every file is written to a temporary name and renamed into place, so a file that exists is
whole. A partition is done when its documents file exists (it is renamed after its candidates
file); an interrupted run leaves only whole files and temporary ones, which the next run removes.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from truce.batch.partitions import FileStamp, Partition, discover, names_nothing
from truce.errors import CorpusChanged, NoCorpus, OutputInUse

VERSION = 1
MANIFEST = "manifest.json"
_TEMP_SUFFIX = ".tmp"


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}{_TEMP_SUFFIX}")
    with temp.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, path)


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


@dataclass(frozen=True)
class Manifest:
    out: Path
    inputs: list[str]
    options: dict[str, Any]
    partitions: list[Partition]

    def documents_file(self, index: int) -> Path:
        return self.out / "documents" / part_name(index)

    def candidates_file(self, index: int) -> Path:
        return self.out / "candidates" / part_name(index)

    def done(self, partition: Partition) -> bool:
        return self.documents_file(partition.index).is_file()

    def pending(self) -> Iterator[Partition]:
        return (p for p in self.partitions if not self.done(p))

    def save_part(self, index: int, documents: bytes, candidates: bytes) -> None:
        write_atomic(self.candidates_file(index), candidates)
        write_atomic(self.documents_file(index), documents)  # last: it marks the part done

    def part_files(self, folder: str) -> list[Path]:
        return [self.out / folder / part_name(p.index) for p in self.partitions]


def open_manifest(out: Path, inputs: Iterable[str], options: dict[str, Any]) -> Manifest:
    """The manifest of `out`: read and checked against the corpus if a run started there,
    written from a fresh discovery if not. Leftover temporary files are removed either way."""
    given = [str(i) for i in inputs]
    if not (out / MANIFEST).is_file():
        # Refused before anything is written: a manifest recording a path that named nothing
        # would hold this --out to that corpus when the command is run again, fixed.
        missing = [g for g in given if names_nothing(g)]
        if missing:
            raise NoCorpus(
                f"{', '.join(missing)}: no such file or folder, or a glob that matches no document"
            )
    out.mkdir(parents=True, exist_ok=True)
    for stray in sorted(out.rglob(f".*{_TEMP_SUFFIX}")):
        if stray.is_dir():
            shutil.rmtree(stray, ignore_errors=True)  # the merge's shuffle folder
        else:
            stray.unlink(missing_ok=True)
    path = out / MANIFEST
    if path.is_file():
        manifest = _read(out, path)
        if manifest.inputs != given or manifest.options != options:
            raise OutputInUse(
                f"{out} holds a batch of other inputs or options "
                f"({' '.join(manifest.inputs)}; {json.dumps(manifest.options, sort_keys=True)})"
            )
        _check_unchanged(manifest)
        return manifest
    partitions = list(discover(given, int(options["partition_size"])))
    if not partitions:
        raise NoCorpus(f"no documents under {' '.join(given)}")
    manifest = Manifest(out, given, options, partitions)
    body = {
        "version": VERSION,
        "inputs": given,
        "options": options,
        "partitions": [p.as_dict() for p in partitions],
    }
    write_atomic(path, (json.dumps(body, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    return manifest


def _read(out: Path, path: Path) -> Manifest:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        if body.get("version") != VERSION:
            raise ValueError(f"version {body.get('version')!r}")
        partitions = [Partition.from_dict(p) for p in body["partitions"]]
        return Manifest(out, list(body["inputs"]), dict(body["options"]), partitions)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OutputInUse(f"{path} is not a truce batch manifest: {exc}") from None


def _check_unchanged(manifest: Manifest) -> None:
    seen: set[str] = set()
    for partition in manifest.partitions:
        for stamp in partition.files:
            if stamp.path in seen:
                continue
            seen.add(stamp.path)
            if FileStamp.of(stamp.path) != stamp:
                raise CorpusChanged(f"{stamp.path} changed since this batch started")
