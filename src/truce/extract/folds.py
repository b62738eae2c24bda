"""Cross-validation folds of whole groups: the one assignment `cv` (reports by story or
conflict) and the learned model's inner folds (`learn`, `learn_sentences`) use."""

from __future__ import annotations

from collections.abc import Mapping


def balanced_folds(sizes: Mapping[str, int], folds: int) -> dict[str, int]:
    """Each group's fold: groups largest first (ties by name), each to the fold holding the
    least so far (ties to the lowest fold), so the same sizes always give the same folds."""
    load = [0] * folds
    fold_of: dict[str, int] = {}
    for group in sorted(sizes, key=lambda g: (-sizes[g], g)):
        fold = min(range(folds), key=lambda f: (load[f], f))
        load[fold] += sizes[group]
        fold_of[group] = fold
    return fold_of
