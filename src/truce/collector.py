"""The cycle collector's pace in the processes that judge a long record (`truce serve`,
`truce status`).

Such a process holds its last answers as data (`services.parsed_answers`,
`storage.kept_breaches`): at a million claims, after a status "now" and one at an instant, some
550,000 lists and dicts the collector tracks. CPython's collector walks every tracked object in a
full collection, which it runs once the objects that outlived the younger collections have grown
by a quarter since the last; the answer at a new instant (about 175,000 more) does that, so with
the default pace half the new instants asked of a server paid 0.2-0.4 s of CPU for a collection
that found nothing (answers hold no cycles). Collecting the youngest generation every 50,000
allocations instead of every 700 makes every generation's collections about 70 times rarer; each
young collection walks at most 50,000 objects (milliseconds), and garbage in cycles waits a
little longer to be freed.
"""

from __future__ import annotations

import gc

YOUNG = 50_000  # allocations (less deallocations) between collections of the youngest objects


def pace_for_long_records() -> None:
    """Collect the youngest objects every `YOUNG` allocations (never more often than set)."""
    young, middle, old = gc.get_threshold()
    if young:  # 0: the collector was switched off on purpose; left so
        gc.set_threshold(max(young, YOUNG), middle, old)
