"""The compliance engine: pure functions from an agreement and its claims to its state."""

from truce.domain.engine.columns import evaluate_frame
from truce.domain.engine.status import evaluate

__all__ = ["evaluate", "evaluate_frame"]
