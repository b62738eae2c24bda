"""The payload text of a claim entry, written fast: appends write one per claim."""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

from truce.domain.claims import Claim, Source
from truce.domain.readings import Qualifier
from truce.storage.chain import CLAIM_PAYLOAD, canonical

_EXACT = Qualifier.EXACT


class PayloadWriter:
    """`canonical(claim.payload())`, written into CLAIM_PAYLOAD with repeated parts (categories,
    sources, names) encoded once; a claim holding anything unusual goes the long way."""

    def __init__(self) -> None:
        self._json: dict[Any, str] = {}
        self._strings: dict[str | None, str] = {}

    def _list(self, value: tuple[Any, ...]) -> str:
        text = self._json.get(value)
        if text is None:
            items = [v.as_dict() if isinstance(v, Source) else v for v in value]
            text = self._json[value] = canonical(items)
        return text

    def _string(self, value: str | None) -> str:
        text = self._strings.get(value)
        if text is None:
            if len(self._strings) > 100_000:
                self._strings.clear()
            text = "null" if value is None else encode_basestring(value)
            self._strings[value] = text
        return text

    def values(self, claim: Claim) -> tuple[str, ...]:
        """CLAIM_PAYLOAD's slots for the claim: each value as JSON, in its keys' sorted order."""
        c, s = claim, self._string
        extra = f'"extra":{canonical(c.extra)},' if c.extra else ""
        how = "" if c.qualifier is _EXACT else f'"qualifier":{s(c.qualifier.value)},'
        parts = f'"parts":{canonical(dict(c.parts))},' if c.parts else ""
        return (
            s(c.actor), s(c.agreement), self._list(c.categories), s(c.date.isoformat()),
            s(c.date_precision.value), s(c.event_id), extra, s(c.location), s(c.notes),
            parts, s(c.phase), how, "null" if c.quantity is None else str(c.quantity), s(c.quote),
            s(c.reliability), self._list(c.sources), s(c.status.value), s(c.subject),
            s(c.supersedes), s(c.target), s(str(c.type)),
        )  # fmt: skip

    def text(self, claim: Claim) -> str:
        if claim.quantity is not None and type(claim.quantity) is not int:
            return canonical(claim.payload())
        try:
            return CLAIM_PAYLOAD % self.values(claim)
        except (TypeError, AttributeError):
            return canonical(claim.payload())
