"""Compressed pages and lists kept by the tag of their bytes, so a page asked again unchanged is
not compressed again (`server.compress.Compress`).

Kept by content, not by chain head: the tag names the bytes as they are (SHA-256), so a kept
form is right for any request whose answer has that tag, whatever head, user or instant made
it, and nothing needs dropping when the head moves; what is no longer asked ages out. Bounded
in bytes (the compressed forms), least recently used out first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

MAX_BYTES = 32 * 1024 * 1024  # about 3,000 agreement pages at a million claims (10 KB each)


class CompressedKept:
    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self._max = max_bytes
        self._size = 0
        self._forms: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, tag: str, encoding: str) -> bytes | None:
        with self._lock:
            form = self._forms.get((tag, encoding))
            if form is not None:
                self._forms.move_to_end((tag, encoding))
            return form

    def keep(self, tag: str, encoding: str, form: bytes) -> None:
        if len(form) > self._max:
            return
        with self._lock:
            if (tag, encoding) in self._forms:
                return
            self._forms[(tag, encoding)] = form
            self._size += len(form)
            while self._size > self._max:
                _, dropped = self._forms.popitem(last=False)
                self._size -= len(dropped)

    @property
    def size(self) -> int:
        """The bytes kept."""
        return self._size
