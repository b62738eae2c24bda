"""The one fold assignment of cross-validation and the learned model's inner folds."""

from __future__ import annotations

from truce.extract.folds import balanced_folds


def test_groups_go_largest_first_to_the_lightest_fold() -> None:
    sizes = {"gaza": 9, "sudan": 4, "yemen": 4, "libya": 3, "karabakh": 1}
    assert balanced_folds(sizes, 2) == {
        "gaza": 0,
        "sudan": 1,
        "yemen": 1,
        "libya": 1,
        "karabakh": 0,  # 9 in fold 0 against 11 in fold 1
    }
    assert balanced_folds(sizes, 3) == {
        "gaza": 0,
        "sudan": 1,
        "yemen": 2,
        "libya": 1,
        "karabakh": 2,
    }


def test_the_same_sizes_give_the_same_folds_whatever_their_order() -> None:
    sizes = {f"g{n}": n % 4 + 1 for n in range(20)}
    assert balanced_folds(dict(reversed(list(sizes.items()))), 5) == balanced_folds(sizes, 5)
    assert set(balanced_folds(sizes, 5).values()) == set(range(5))
