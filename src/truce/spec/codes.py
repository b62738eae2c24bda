"""One SpecError subclass per way a spec file can be wrong, so each has a stable code.

Callers that only care that a spec is bad catch `SpecError` (one problem) or `SpecErrors`
(several); the codes let tests and users tell the problems apart.
"""

from __future__ import annotations

from truce.errors import SpecError


class YamlSyntaxError(SpecError):
    code = "S101"
    default_hint = "check indentation and quoting near this point"


class EmptySpec(SpecError):
    code = "S102"
    default_hint = "start from an example in examples/agreements/ and fill in id, title, ..."


class NotAMapping(SpecError):
    code = "S103"
    default_hint = "write the spec as `key: value` lines: id, title, timezone, parties, ..."


class UnknownField(SpecError):
    code = "S104"


class MissingField(SpecError):
    code = "S105"


class BadValue(SpecError):
    code = "S106"


class UnresolvedReference(SpecError):
    code = "S107"


class NotText(SpecError):
    code = "S108"
    default_hint = "save the spec as UTF-8 text (a YAML file), not a binary or UTF-16 file"


class SpecTooLarge(SpecError):
    code = "S109"
    default_hint = "an agreement spec is a few hundred lines; check that this is the right file"


class DuplicateKey(SpecError):
    code = "S110"
    default_hint = "write each key once in a mapping; merge the two entries"


class DuplicateId(SpecError):
    code = "S111"


class InconsistentSpec(SpecError):
    """The spec is well formed but two of its parts contradict each other."""

    code = "S112"


class UnreadableSpec(SpecError):
    code = "S113"
    default_hint = "check the path and that you may read the file"
