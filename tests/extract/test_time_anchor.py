"""The day relative dates count from: the dateline's, the publication date, the corpus marker.
Invented datelines and sentences."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from truce.extract.model import Article
from truce.extract.time_anchor import dateline_date, marker_date, story_anchor

WEDNESDAY = date(2023, 11, 29)


@pytest.mark.parametrize(
    ("text", "published", "anchor"),
    [
        # Filed on the 28th, published on the 29th: the story's days are the 28th's.
        ("STRELSAU, Nov. 28 (Xinhua) -- The truce held on Tuesday.", WEDNESDAY, "2023-11-28"),
        ("STRELSAU/KLOW, Dec. 1 (Agency) -- Fighting resumed.", date(2023, 12, 1), "2023-12-01"),
        ("KLOW, May 29 -- The sides agreed.", date(2023, 5, 30), "2023-05-29"),
        ("KLOW, Ruritania, February 15, 2015 - Talks ended.", None, "2015-02-15"),
        # Published in early January, filed on the last day of the year before.
        ("KLOW, Dec 31 (Agency) - Talks ended.", date(2024, 1, 1), "2023-12-31"),
        # No dateline: the publication date, else the corpus marker, else nothing.
        ("The truce held on Tuesday.", WEDNESDAY, "2023-11-29"),
        (" date 2023-11-24 Watch more\n\nThe truce held.", None, "2023-11-24"),
        (" date 2023-11-24 KLOW, Nov 23 (Agency) - Talks ended.", None, "2023-11-23"),
        ("The truce held on Tuesday.", None, None),
        # A dated line far below the head is a heading, not the copy's dateline.
        ("x" * 2000 + "\nKLOW, Nov 2 (Agency) - old story", WEDNESDAY, "2023-11-29"),
    ],
)
def test_the_anchor(text: str, published: date | None, anchor: str | None) -> None:
    found = story_anchor(text, published)
    assert (found.isoformat() if found else None) == anchor


def test_a_dateline_without_a_year_needs_a_date_near_it() -> None:
    assert dateline_date("KLOW, Nov. 28 (Agency) -- x", None) is None
    assert dateline_date("KLOW, Feb. 30 (Agency) -- x", WEDNESDAY) is None  # no such day
    assert marker_date(" date 2023-02-30 x") is None
    assert marker_date("Text first, date 2023-02-03 later") is None


def test_relative_days_count_from_the_dateline_in_the_pipeline() -> None:
    from truce.extract import pipeline  # noqa: F401  (registers the Doc extensions)
    from truce.extract.components import times  # noqa: F401  (registers the component)

    nlp = spacy.blank("en")
    nlp.add_pipe("truce_times_v1")
    # Filed on Monday the 27th, published on Wednesday the 29th: "on Tuesday" in the copy is
    # the Tuesday before the filing (the 21st), not the day before publication (the 28th).
    text = "STRELSAU, Nov. 27 (Agency) -- The truce held on Tuesday, officials said."
    doc = nlp.make_doc(text)
    doc._.article = Article(text=text, document="x", published=WEDNESDAY)
    doc._.body_end = None
    refs = nlp.get_pipe("truce_times_v1")(doc)._.times
    assert [r.date for r in refs if r.text == "Tuesday"] == [date(2023, 11, 21)]
    # Without the dateline the publication date anchors the same sentence.
    text = "The truce held on Tuesday, officials said."
    doc = nlp.make_doc(text)
    doc._.article = Article(text=text, document="x", published=WEDNESDAY)
    doc._.body_end = None
    refs = nlp.get_pipe("truce_times_v1")(doc)._.times
    assert [r.date for r in refs if r.text == "Tuesday"] == [date(2023, 11, 28)]
