"""The agreement page asked while the new head's "now" is being judged: the previous head's page,
labelled as such, if the server is set to (`TRUCE_PREVIOUS_WHILE_JUDGING`; off by default).

By default a page asked right after an append waits for the judgment of the new head (it joins
it: `services.single_flight`), because the page must be right at every instant: a state the
ledger has moved past is never shown as current. With the setting on, a page asked while that
judgment is under way in this server shows the last page it built for the agreement "now",
marked everywhere as a previous head's: a banner naming that head, how many ledger entries
behind the current one it is and the instant it was judged at; the instant it shows is that
instant (never restamped to now); the page reloads itself (an HTTP `Refresh`, no script) and
offers a reload link, until the judgment is done and the page is the current one. Nothing else
uses it: the `.json` twin, the status API and any `?at=` page always wait.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from truce.server.cache import HeadCache
from truce.server.views import cached_agreement_view
from truce.services import instants
from truce.services.agreement_status import judging
from truce.services.held_now import now_span
from truce.services.ledger import Ledger

log = logging.getLogger("truce.server")

REFRESH_S = 3


@dataclass(frozen=True)
class Built:
    seq: int  # the chain head it was built at
    data: dict[str, Any]


class PreviousViews:
    """The last page data built for each agreement "now", and its head."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._built: dict[str, Built] = {}

    def keep(self, agreement: str, seq: int, data: dict[str, Any]) -> None:
        with self._lock:
            last = self._built.get(agreement)
            if last is None or last.seq <= seq:
                self._built[agreement] = Built(seq, data)

    def get(self, agreement: str) -> Built | None:
        with self._lock:
            return self._built.get(agreement)


def while_judging(
    views: PreviousViews, ledger: Ledger, cache: HeadCache, agreement: str, seq: int
) -> dict[str, Any] | None:
    """The previous head's page data, labelled, when a page of an earlier head than `seq` was
    built and the current head's "now" is not kept yet (it is being judged, or is about to be:
    a judgment is started in the background if none is under way); else None (the caller
    builds the page, from the kept answer)."""
    last = views.get(agreement)
    if last is None or last.seq >= seq:
        return None
    if now_span(ledger, agreement, instants.now_s()) is not None:
        return None  # judged already: the page is built from the kept answer
    if not judging(ledger, agreement):  # nobody has started yet (the warm is off, or not yet)
        threading.Thread(target=_build, args=(ledger, cache, seq, agreement),
                         name="truce-page-judge", daemon=True).start()  # fmt: skip
    label = {"seq": last.seq, "head": seq, "behind": seq - last.seq, "at": last.data["at"],
             "refresh_s": REFRESH_S}  # fmt: skip
    return last.data | {"previous": label}


def _build(ledger: Ledger, cache: HeadCache, seq: int, agreement: str) -> None:
    """The page "now" at head `seq`, built (and kept) for the reload to find; a second start
    joins the first (`HeadCache`, `services.single_flight`)."""
    try:
        cached_agreement_view(ledger, cache, seq, agreement, None)
    except Exception:  # logged; the reload builds the page itself
        log.exception("building the page of %s at head %s failed", agreement, seq)
