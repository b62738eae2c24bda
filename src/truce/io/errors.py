"""A problem with one line of an input file, kept so every bad line can be shown at once."""

from __future__ import annotations

from dataclasses import dataclass

from truce.errors import TruceError


@dataclass(frozen=True, slots=True)
class LineError:
    path: str
    line: int
    code: str
    message: str
    hint: str

    @classmethod
    def from_error(cls, path: str, line: int, error: TruceError) -> LineError:
        return cls(path, line, error.code, error.message, error.hint)

    def render(self) -> str:
        return f"{self.path}:{self.line}: [{self.code}] {self.message} — {self.hint}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }
