"""Arrow without pandas, in a command that hands Arrow no pandas object.

pyarrow imports pandas the first time it converts Python values (to look for pandas' own types
among them): 0.4-0.5 s of CPU per process, a third of a `truce status` that judges from a
snapshot at a million claims (1.1-1.4 s) and more than the whole judgment of a small record.
truce never gives Arrow a pandas object nor asks it for one, so `truce status` refuses the
import while it runs: `refused()` puts a finder first on `sys.meta_path` that fails every import
of pandas, and Arrow, finding no pandas, converts as it does where pandas is not installed (the
same arrays: Python's own values need none of pandas). A process that already imported pandas
is left as it is; after the block pandas imports as usual (Arrow's own pandas functions, such as
`to_pandas`, import it again when asked).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.machinery import ModuleSpec
from types import ModuleType


class _Refuse:
    """A finder that fails the import of pandas (and of its modules)."""

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas is not imported by this command (truce.cli.no_pandas)")
        return None


@contextmanager
def refused() -> Iterator[None]:
    """Within, `import pandas` fails, unless pandas was imported before."""
    if "pandas" in sys.modules:
        yield
        return
    finder = _Refuse()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
