"""The registered pipeline components; importing this package registers them all with spaCy."""

from truce.extract.components import (  # noqa: F401
    actors,
    attribution,
    boilerplate,
    confidence,
    events,
    learned,
    modality,
    places,
    quantities,
    sentences,
    times,
)
