"""The compliance engine: pure functions from an agreement and its claims to its state."""

from truce.domain.engine.status import evaluate

__all__ = ["evaluate"]
