"""Large answers sent compressed to clients that accept it, and made compressed once.

A client says what it can decode in `Accept-Encoding`; every browser and HTTP library takes gzip,
browsers (and httpx with `zstandard`) zstd too. An answer of `SMALLEST` bytes or more whose type
is text (HTML, JSON, CSV, SVG, JavaScript) is sent compressed in the best of the two the client
accepts (zstd first: as small, several times faster to make), with `Content-Encoding` and
`Vary: Accept-Encoding`; to a client that accepts neither (none said, `identity`, `gzip;q=0`)
it is sent as it is. An `ETag` is per encoding: `"tag"` for the bytes as they are, `"tag-gzip"`
and `"tag-zstd"` for the compressed ones (a strong tag names one sequence of bytes), and
`If-None-Match` with any of them is answered 304.

Two ways in:
- `Compress`, a middleware, compresses whatever a route answered in one piece (pages, API lists,
  the pages' JSON) as it is sent, tags it from its bytes and answers `If-None-Match`
  (`server.conditional`), keeping the tag under the key its route noted, if it did
  (`server.unchanged`: the next 304 for that key is given before the page is made); answers
  streamed in parts (the downloads:
  CSV, Parquet, GeoJSON as they are read) and answers already encoded pass as they are.
- `Packed` is an answer kept with its compressed forms, each made once (the status API's bytes,
  kept per chain head by `HeadCache`: 19 MB at a million claims, 1.2 MB in gzip). It is made of
  pieces, each compressed on its own and joined: the answer "now" is the same bytes every
  second but for the instant it shows (`server.now_status`), so its two large pieces are
  compressed once per span and only the instant per request. zstd frames can follow one
  another; a gzip stream is one deflate stream, so each piece is deflated on its own up to a
  byte boundary (a sync flush: no back-reference leaves a piece), joined, closed by an empty
  last block, and ends with the CRC-32 of the whole and its length. To a client that takes
  zstd (browsers) every read is compressed, the first too: zstd level 1 makes the status API's
  19 MB at a million claims in about 0.04 s of CPU, less than sending 16 MB more costs on any
  link but loopback (docs/benchmarks.md, etag). In gzip (level 1: 0.1 s of CPU, several times
  that in wall under load), a `Packed` with more than `COMPRESS_NOW_UP_TO` bytes still to
  compress is sent as it is once, and compressed once it is sent, for the reads after it
  (docs/benchmarks.md, apicold).
"""

from __future__ import annotations

import hashlib
import struct
import threading
import zlib
from collections.abc import Callable, Sequence
from typing import TypeVar

import anyio.to_thread
import pyarrow as pa  # type: ignore[import-untyped]
from starlette.background import BackgroundTask
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response

from truce.server import conditional
from truce.server.limits import ASGIApp, Message, Receive, Scope, Send

R = TypeVar("R")
SMALLEST = 1024  # below this, compressing saves less than the headers it adds
IN_THREAD = 64 * 1024  # compressed off the event loop from this size
COMPRESS_NOW_UP_TO = 1024 * 1024  # a `Packed` with more to compress: sent as it is, once
ALWAYS_NOW = ("zstd",)  # cheap enough to compress on any first read (module doc)
LARGE = 1024 * 1024  # a piece this large is compressed at the fastest level
ENCODINGS = conditional.ENCODED  # in the order preferred when a client accepts both alike
TEXT = ("text/", "application/json", "application/geo+json", "image/svg+xml",
        "application/javascript")  # fmt: skip
_ZSTD = pa.Codec("zstd", compression_level=3)
_ZSTD_FAST = pa.Codec("zstd", compression_level=1)
_GZIP_HEAD = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, no time, any OS
_LAST_BLOCK = b"\x03\x00"  # an empty block marked last, in fixed codes


def chosen(accept: str | None) -> str | None:
    """The encoding to send to a client that sent `Accept-Encoding: accept`; None: as it is."""
    if not accept:
        return None
    weights: dict[str, float] = {}
    for item in accept.split(","):
        name, _, params = item.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.strip().lower()] = weight
    best: tuple[float, str] | None = None
    for name in ENCODINGS:
        weight = weights.get(name, weights.get("*", 0.0))
        if weight > 0 and (best is None or weight > best[0]):
            best = (weight, name)
    return None if best is None else best[1]


class Piece:
    """Bytes with their compressed forms (as parts of a `Packed`), each made once, when asked."""

    def __init__(self, data: bytes, digest: str | None = None) -> None:
        self.data = data
        self._digest = digest
        self._crc: int | None = None
        self._forms: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def has(self, encoding: str) -> bool:
        """Whether its form in `encoding` is made."""
        return encoding in self._forms

    def form(self, encoding: str) -> bytes:
        """Its bytes compressed as a part of a `Packed` in `encoding` (`ENCODINGS`)."""
        with self._lock:  # concurrent first requests compress it once
            if encoding not in self._forms:
                self._forms[encoding] = _compressed(self.data, encoding)
            return self._forms[encoding]

    @property
    def crc(self) -> int:
        if self._crc is None:
            self._crc = zlib.crc32(self.data)
        return self._crc

    @property
    def digest(self) -> str:
        """Names its bytes: SHA-256 of them, computed once, unless the maker knew a name (the
        SHA-256 checked as a kept body was read, `services.kept_pages`, and where it was cut)."""
        if self._digest is None:
            self._digest = hashlib.sha256(self.data).hexdigest()
        return self._digest


def _compressed(data: bytes, encoding: str) -> bytes:
    large = len(data) >= LARGE  # a large answer: speed over the last tenth
    if encoding == "zstd":
        return bytes((_ZSTD_FAST if large else _ZSTD).compress(data, asbytes=True))
    level = 1 if large else 6
    deflate = zlib.compressobj(level, zlib.DEFLATED, -15)
    return deflate.compress(data) + deflate.flush(zlib.Z_SYNC_FLUSH)


class Packed:
    """An answer as pieces joined, sent as it is or compressed (module doc)."""

    def __init__(self, pieces: Sequence[Piece], media_type: str = "application/json") -> None:
        self.pieces = tuple(pieces)
        self.media_type = media_type
        self._tag: str | None = None

    @classmethod
    def of(cls, data: bytes, digest: str | None = None) -> Packed:
        return cls([Piece(data, digest)])

    @property
    def tag(self) -> str:
        """Names these bytes: from the pieces' SHA-256 (a kept body's is known), made once."""
        if self._tag is None:
            self._tag = tag_of_digests([p.digest for p in self.pieces])
        return self._tag

    @property
    def data(self) -> bytes:
        return (
            self.pieces[0].data if len(self.pieces) == 1 else b"".join(p.data for p in self.pieces)
        )

    def body(self, encoding: str | None) -> bytes:
        """The answer's bytes in `encoding` (None: as they are)."""
        if encoding is None:
            return self.data
        if encoding == "zstd":
            return b"".join(p.form("zstd") for p in self.pieces)
        crc = self.pieces[0].crc
        for piece in self.pieces[1:]:  # the large pieces' CRCs are kept; joined at their length
            crc = zlib.crc32(piece.data, crc) if len(piece.data) < 4096 else _crc_joined(crc, piece)
        size = sum(len(p.data) for p in self.pieces)
        parts = [_GZIP_HEAD, *(p.form("gzip") for p in self.pieces), _LAST_BLOCK]
        return b"".join([*parts, struct.pack("<II", crc, size & 0xFFFFFFFF)])

    def etag(self, encoding: str | None) -> str:
        return conditional.etag(self.tag, encoding)

    def response(self, headers: Headers) -> Response:
        """The answer to a request with `headers`: 304 when its `If-None-Match` names any form
        of it, else its bytes in the encoding the client accepts best."""
        encoding = chosen(headers.get("accept-encoding"))
        later = None
        if encoding is not None and not self.ready(encoding):
            # Sent as it is this once, then compressed (once sent), for the next reads.
            later, encoding = BackgroundTask(self.body, encoding), None
        sent = {"etag": self.etag(encoding), "vary": "Accept-Encoding",
                "cache-control": conditional.CACHE_CONTROL}  # fmt: skip
        if conditional.matches(headers.get("if-none-match"), self.tag):
            return Response(status_code=304, headers=sent, background=later)
        if encoding is not None:
            sent["content-encoding"] = encoding
        body = self.body(encoding)
        return Response(body, media_type=self.media_type, headers=sent, background=later)

    def ready(self, encoding: str) -> bool:
        """Whether the answer can be sent in `encoding` at once: its large pieces' forms are made
        (by an earlier read, or in the background since), or it is small enough to compress
        now, or the encoding is zstd. At a million claims gzip of the status API's 19 MB takes
        longer than sending them as they are over a fast link (0.1 s of a quiet core, seconds
        under load); zstd level 1 takes 0.04 s (module doc)."""
        if encoding in ALWAYS_NOW:
            return True
        pending = sum(len(p.data) for p in self.pieces if not p.has(encoding))
        return pending < COMPRESS_NOW_UP_TO


def tag_of_digests(digests: Sequence[str]) -> str:
    """The tag of a `Packed` whose pieces' SHA-256 are `digests`."""
    return hashlib.sha256("".join(digests).encode()).hexdigest()[:32]


def early_encoding(accept: str | None, size: int) -> str | None:
    """The encoding a `Packed` of `size` bytes, none of them compressed yet, is sent in to a
    client that accepts `accept` (`Packed.ready`): what its tag names in a 304."""
    encoding = chosen(accept)
    if encoding is None or encoding in ALWAYS_NOW or size < COMPRESS_NOW_UP_TO:
        return encoding
    return None


def _crc_joined(crc: int, piece: Piece) -> int:
    """The CRC-32 of (bytes of CRC `crc`) + `piece.data`, from `piece.crc` and its length: the
    CRC is linear, so the first part's CRC is carried over the piece's length as the CRC
    of that many zero bytes carries it, which `_shift` computes by squaring instead of reading."""
    return _shift(crc, len(piece.data)) ^ piece.crc


_POLY = 0xEDB88320  # CRC-32's polynomial, bits reversed as zlib computes it


def _shift(crc: int, length: int) -> int:
    """What `crc` becomes after `length` zero bytes, less what those bytes add from a zero CRC:
    the 32×32 bit matrix of one zero byte raised to `length`, applied to `crc` (the matrices
    of 1, 2, 4, 8… bytes are made once)."""
    power = 0
    while length:
        if length & 1:
            crc = _apply(_zero_bytes(power), crc)
        length >>= 1
        power += 1
    return crc


_POWERS: list[list[int]] = []


def _zero_bytes(power: int) -> list[int]:
    """The matrix of 2**power zero bytes."""
    if not _POWERS:
        one_bit = [_POLY] + [1 << n for n in range(31)]  # column n: what bit n becomes
        _POWERS.append(_square(_square(_square(one_bit))))  # eight bits: one byte
    while len(_POWERS) <= power:
        _POWERS.append(_square(_POWERS[-1]))
    return _POWERS[power]


def _apply(matrix: list[int], vector: int) -> int:
    out = 0
    column = 0
    while vector:
        if vector & 1:
            out ^= matrix[column]
        vector >>= 1
        column += 1
    return out


def _square(matrix: list[int]) -> list[int]:
    return [_apply(matrix, column) for column in matrix]


def compressible(headers: Headers | MutableHeaders) -> bool:
    """Whether an answer with these headers is text, not yet encoded, and its route has not
    chosen its encoding itself (a `Packed` says `Vary: Accept-Encoding` either way)."""
    kind = headers.get("content-type", "").lower()
    chose = "accept-encoding" in headers.get("vary", "").lower()
    return "content-encoding" not in headers and not chose and kind.startswith(TEXT)


class Compress:
    """Compresses answers sent in one piece (module doc), tags them and answers
    `If-None-Match` (`server.conditional`); streamed ones pass as they are."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = Headers(scope=scope)
        encoding = chosen(asked.get("accept-encoding"))
        held: Message | None = None
        # Where a route notes what decides its bytes (`server.unchanged`), shared with it.
        state = scope.setdefault("state", {})

        async def sending(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start":
                held = message  # sent with the first part of the body, once it is known
                return
            if held is None or message["type"] != "http.response.body":
                await send(message)
                return
            start, held = held, None
            body: bytes = message.get("body", b"")
            headers = MutableHeaders(scope=start)
            whole = not message.get("more_body", False)
            squeeze = whole and len(body) >= SMALLEST and compressible(headers)
            if squeeze:
                _vary(headers)
            tag = None
            if whole and conditional.taggable(scope, start["status"], headers):
                tag = await _off_loop(lambda: conditional.tag_of(body), len(body))
                conditional.mark(headers, tag, encoding if squeeze else None)
                noted = state.get("rendered")
                if noted is not None:  # kept for the next 304 to be given before rendering
                    rendered, key = noted
                    rendered.put(key, tag, squeeze)
                if conditional.matches(asked.get("if-none-match"), tag):
                    await send(conditional.not_modified(start))
                    await send({"type": "http.response.body", "body": b""})
                    return
            if squeeze and encoding is not None:
                named = headers.get("etag")
                if tag is None and named and not named.startswith("W/"):
                    headers["etag"] = f'{named.removesuffix(chr(34))}-{encoding}"'  # its bytes'
                body = await _off_loop(lambda: Packed.of(body).body(encoding), len(body))
                headers["content-encoding"] = encoding
                headers["content-length"] = str(len(body))
                message = {**message, "body": body}
            await send(start)
            await send(message)

        await self.app(scope, receive, sending)


async def _off_loop(work: Callable[[], R], size: int) -> R:
    """`work()`, in a thread when it goes through `IN_THREAD` bytes or more (`size`), so the
    event loop serves other requests meanwhile."""
    if size >= IN_THREAD:
        return await anyio.to_thread.run_sync(work)
    return work()


def _vary(headers: MutableHeaders) -> None:
    said = [v.strip().lower() for v in headers.get("vary", "").split(",") if v.strip()]
    if "accept-encoding" not in said and "*" not in said:
        headers.add_vary_header("Accept-Encoding")
