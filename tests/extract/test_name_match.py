"""The scorer takes an acronym and the name it shortens as one name, and nothing looser."""

from __future__ import annotations

import pytest

from truce.extract.name_match import initials, is_acronym_of, same_name


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("IDF", "Israel Defense Forces"),
        ("IDF", "the Israel Defense Forces"),
        ("the IDF", "Israel Defense Forces"),
        ("RSF", "Rapid Support Forces"),
        ("HTS", "Hayat Tahrir al-Sham"),
        ("UN", "United Nations"),
        ("ICRC", "International Committee of the Red Cross"),
        ("COGAT", "Coordinator of Government Activities in the Territories"),
    ],
)
def test_an_acronym_and_its_spelled_out_name_are_one_name(short: str, long: str) -> None:
    assert is_acronym_of(short, long)
    assert same_name(short, long) and same_name(long, short)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("IDF", "Israeli military"),  # another name, not the acronym's
        ("IDF", "Israel Defense"),  # initials ID
        ("RSF", "Sudanese Armed Forces"),
        ("Idf", "Israel Defense Forces"),  # not written as an acronym
        ("UN", "Nations"),  # one word is no spelled-out name
        ("Hamas", "Islamic Jihad"),
        ("Israel Defense Forces", "Israeli Defence Ministry"),
    ],
)
def test_other_names_stay_apart(a: str, b: str) -> None:
    assert not same_name(a, b) and not same_name(b, a)


def test_folded_spellings_are_one_and_non_text_compares_as_it_is() -> None:
    assert same_name("the  Ministry", "THE ministry")
    assert same_name("Ukraine’s armed forces", "Ukraine's armed forces")
    assert same_name(None, None) and not same_name(None, "IDF") and not same_name("", None)
    assert initials("Hayat Tahrir al-Sham") == "HTS"
