"""One SpecError subclass per way a spec file can be wrong, so each has a stable code.

Callers that only care that a spec is bad catch `SpecError` (one problem) or `SpecErrors`
(several); the codes let tests and users tell the problems apart.
"""

from __future__ import annotations

from truce.errors import SpecError


class YamlSyntaxError(SpecError):
    """The file is not valid YAML."""

    code = "S101"
    default_hint = "check indentation and quoting near this point"


class EmptySpec(SpecError):
    """The file is empty or holds only comments."""

    code = "S102"
    default_hint = "start from an example in examples/agreements/ and fill in id, title, ..."


class NotAMapping(SpecError):
    """The top level is a list or a single value instead of `key: value` fields."""

    code = "S103"
    default_hint = "write the spec as `key: value` lines: id, title, timezone, parties, ..."


class UnknownField(SpecError):
    """A key the model does not define, often a typo; the hint lists the allowed keys."""

    code = "S104"


class MissingField(SpecError):
    """A required key is absent; the error points at the mapping that lacks it."""

    code = "S105"


class BadValue(SpecError):
    """A value of the wrong type, outside its range, or not one of the allowed choices."""

    code = "S106"


class UnresolvedReference(SpecError):
    """An id that names no declared party, phase, term, subject or category."""

    code = "S107"


class NotText(SpecError):
    """The file is binary, not UTF-8, or contains control characters YAML forbids."""

    code = "S108"
    default_hint = "save the spec as UTF-8 text (a YAML file), not a binary or UTF-16 file"


class SpecTooLarge(SpecError):
    """The file, or what its aliases expand to, is far larger than any spec."""

    code = "S109"
    default_hint = "an agreement spec is a few hundred lines; check that this is the right file"


class DuplicateKey(SpecError):
    """The same key appears twice in one mapping."""

    code = "S110"
    default_hint = "write each key once in a mapping; merge the two entries"


class DuplicateId(SpecError):
    """Two parties, phases, subjects or terms share an id."""

    code = "S111"


class InconsistentSpec(SpecError):
    """Well-formed parts that contradict each other, e.g. a quota both `per` period and `by`."""

    code = "S112"


class UnreadableSpec(SpecError):
    """The file cannot be opened."""

    code = "S113"
    default_hint = "check the path and that you may read the file"


class CapBelowDuration(SpecError):
    """A phase's `max_days` cap is shorter than its own duration: it could never run its course."""

    code = "S300"


class UnknownCountry(SpecError):
    """A `metadata.countries` entry that is no ISO 3166-1 country code."""

    code = "S380"
    default_hint = "write an ISO 3166-1 code, alpha-3 (ISR, PSE, UKR) or alpha-2 (IL, PS, UA)"


class RelatedWithoutTarget(SpecError):
    """A `metadata.related` entry that names neither the other agreement's id nor its URL."""

    code = "S381"
    default_hint = "add `id: <agreement id>` or `url: <where its text is>` to the entry"


class RatioCategoryMissing(SpecError):
    """A ratio weighs some categories of what it counts and says nothing of others: their
    releases would silently count for nothing."""

    code = "S350"


class ProvisionClash(SpecError):
    """A declared provision takes the id of a built-in event type."""

    code = "S400"
    default_hint = "use the built-in type as it is, or give the provision an id of its own"


class UnknownEventType(SpecError):
    """A term, selector or phase start names a type neither built in nor declared."""

    code = "S401"
    default_hint = "declare the type under `provisions`, or write a built-in type"


class NotADelivery(SpecError):
    """A quota, ratio or extension counts a type that is not a delivery (a statement)."""

    code = "S402"
    default_hint = "count a delivery type, or use a `deadline` term for a statement"
