"""A claims list as a file to download — CSV, Parquet or GeoJSON — streamed while it is written.

The writers are the export's (`io.export`, `io.geojson`), which write to a stream. Here they run
in a thread of their own writing into a pipe: a bounded queue of chunks the HTTP answer sends
as they come. Memory holds a few chunks and one batch of claims, however long the list; a
client that goes away stops the writer (its next write fails) and the query is closed.
"""

from __future__ import annotations

import contextlib
import io
import logging
import queue
import threading
from collections.abc import Callable, Iterator
from typing import IO

from truce.domain.claims import Claim
from truce.io.export import export_claims
from truce.io.geojson import MEDIA_TYPE as GEOJSON
from truce.io.geojson import write_geojson
from truce.server.listing import BadDownloadFormat

CHUNK = 256 * 1024
QUEUED = 8  # chunks in flight: memory is bounded by CHUNK × QUEUED
PARQUET_ROWS = 10_000
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet",
               "geojson": GEOJSON}  # fmt: skip
log = logging.getLogger("truce.server")
_END = object()


class _Pipe(io.RawIOBase):
    """A write-only stream whose bytes go, a chunk at a time, into a bounded queue."""

    def __init__(self, chunks: queue.Queue[object], stopped: threading.Event) -> None:
        self._chunks, self._stopped = chunks, stopped
        self._buffer = bytearray()
        self._written = 0

    def writable(self) -> bool:
        return True

    def tell(self) -> int:  # Parquet's writer asks where it is
        return self._written

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self.closed:
            raise ValueError("write to a closed download")
        self._buffer += data
        self._written += len(data)
        if len(self._buffer) >= CHUNK:
            self.send()
        return len(data)

    def send(self) -> None:
        if self._buffer:
            put(self._chunks, bytes(self._buffer), self._stopped)
            self._buffer.clear()

    def close(self) -> None:  # the Parquet writer closes its sink: send what is left first
        if not self.closed:
            self.send()
        super().close()


def put(chunks: queue.Queue[object], item: object, stopped: threading.Event) -> None:
    """Wait for room in the queue, unless the reader has gone."""
    while not stopped.is_set():
        try:
            chunks.put(item, timeout=0.25)
            return
        except queue.Full:
            continue
    raise BrokenPipeError("the client stopped reading the download")


def _writer(fmt: str) -> Callable[[Iterator[Claim], _Pipe], None]:
    def text(write: Callable[[Iterator[Claim], IO[str]], object]) -> Callable[..., None]:
        def run(claims: Iterator[Claim], pipe: _Pipe) -> None:
            stream = io.TextIOWrapper(pipe, encoding="utf-8", newline="")  # type: ignore[type-var]
            write(claims, stream)
            stream.flush()
            stream.detach()

        return run

    def parquet(claims: Iterator[Claim], pipe: _Pipe) -> None:
        # Row groups of PARQUET_ROWS: the first bytes leave after that many claims, not 50,000.
        export_claims(claims, "parquet", pipe, parquet_rows=PARQUET_ROWS)  # type: ignore[arg-type]

    writers = {"csv": text(lambda c, s: export_claims(c, "csv", s)),
               "geojson": text(write_geojson), "parquet": parquet}  # fmt: skip
    if fmt not in writers:
        raise BadDownloadFormat(f"no download format {fmt!r}")
    return writers[fmt]


def check_format(fmt: str) -> str:
    """The media type of `fmt`; an unknown format is refused before anything is read."""
    _writer(fmt)
    return MEDIA_TYPES[fmt]


def chunks(claims: Iterator[Claim], fmt: str) -> Iterator[bytes]:
    """The file's bytes, a chunk at a time, written by a thread as they are sent."""
    write = _writer(fmt)
    pending: queue.Queue[object] = queue.Queue(maxsize=QUEUED)
    stopped = threading.Event()

    def work() -> None:
        pipe = _Pipe(pending, stopped)
        try:
            write(claims, pipe)
            pipe.close()
            put(pending, _END, stopped)
        except BrokenPipeError:
            pass
        except Exception as exc:  # sent to the reader, which raises it
            log.exception("a %s download failed", fmt)
            with contextlib.suppress(BrokenPipeError):
                put(pending, exc, stopped)
        finally:
            close = getattr(claims, "close", None)
            if close is not None:
                close()  # the query's connection goes back to the pool

    thread = threading.Thread(target=work, name=f"download-{fmt}", daemon=True)
    thread.start()
    try:
        while True:
            item = pending.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stopped.set()
        thread.join(timeout=5)
