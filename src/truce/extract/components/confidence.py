"""`truce_confidence_v1`: each candidate's calibrated confidence (`extract/calibration.py`), the
share of dev candidates like it that were right, once its arguments and place are known."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.calibration import confidence, repeats, trigger_in
from truce.extract.lexicon_numbers import lowered
from truce.extract.pipeline import annotation, doc_text


@Language.component(
    "truce_confidence_v1", requires=["doc._.candidates"], assigns=["doc._.candidates"]
)
def confidence_component(doc: Doc) -> Doc:
    text = doc_text(doc)  # the trigger feature reads the candidate's span of it
    low = lowered(text)
    # Several candidates of one sentence and type share their trigger: looked for once.
    told: dict[tuple[str, tuple[int, int]], str] = {}
    found = annotation(doc, "candidates") or ()
    shown = []
    for c in found:
        span = c.sentence_span or c.span
        key = (c.type, span)
        if key not in told:
            told[key] = trigger_in(c.type, span, text, low)
        # The fields the calibration reads, without building the whole JSON shape.
        shown.append(
            {
                "type": c.type,
                "modality": c.modality,
                "span": c.span,
                "sentence_span": c.sentence_span,
                "quantities": c.quantities,
                "date": c.date,
                "actor": c.actor,
                "location": c.location,
                "source": {"speaker": c.source.speaker},
                "quote": c.quote,
                "date_precision": c.date_precision,
                "trigger": told[key],
                "learned": c.learned,
            }
        )
    for c, shape, repeated in zip(found, shown, repeats(shown), strict=True):
        shape["repeated"] = repeated
        c.confidence = confidence(shape, text)
    return doc
