"""The one catalogue of errors truce raises.

Every error has a stable code, a message that says what is wrong, and a hint that says what to do
next. The core raises these; each edge (CLI, API) translates them once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where in a file a problem is, 1-based like editors count."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class TruceError(Exception):
    """Base of every error truce reports to a user."""

    code = "T000"
    default_hint = "see `truce --help`"

    def __init__(
        self, message: str, *, hint: str | None = None, location: Location | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint or self.default_hint
        self.location = location

    def render(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}[{self.code}] {self.message} — {self.hint}"

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "location": str(self.location) if self.location else None,
        }


class SpecError(TruceError):
    """An agreement spec is malformed or inconsistent."""

    code = "S100"
    default_hint = "see docs/spec-format.md for the fields an agreement spec accepts"


class SpecErrors(TruceError):
    """Several spec problems found at once; each is kept so all can be shown."""

    code = "S000"
    default_hint = "fix each problem listed; see docs/spec-format.md"

    def __init__(self, errors: list[SpecError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.message, hint=first.hint, location=first.location)

    def render(self) -> str:
        return "\n".join(e.render() for e in self.errors)


class ClaimError(TruceError):
    """A claim (one line of an import, or one `truce record`) is invalid."""

    code = "C100"
    default_hint = "see docs/claims.md for the fields a claim accepts"


class UnknownAgreement(TruceError):
    code = "L101"
    default_hint = (
        "add it first with `truce agreement add FILE`, or list them with `truce agreement list`"
    )


class UnknownClaim(TruceError):
    code = "L102"
    default_hint = "list claim ids with `truce timeline AGREEMENT`"


class LedgerError(TruceError):
    """The ledger cannot be opened or written."""

    code = "L100"
    default_hint = "check the --db path or URL (or TRUCE_DB) and that the database is reachable"


class LedgerNotInitialised(LedgerError):
    code = "L103"
    default_hint = "run `truce init` first (or pass --db to point at an existing ledger)"


class InputFileError(TruceError):
    """A file given on the command line cannot be read or parsed."""

    code = "I100"
    default_hint = "check the path and that the file is UTF-8 text in the expected format"


class ClaimWithoutId(LedgerError):
    code = "L104"
    default_hint = "give each claim its content id first (truce.domain.claim_input.with_content_id)"


class MalformedLine(InputFileError):
    """One line (or CSV row) is not a JSON object or not a well-formed row."""

    code = "I101"
    default_hint = 'each line must be one JSON object, e.g. {"agreement": "...", "type": ...}'


class InvalidClaimLine(InputFileError):
    """One line parses but is not a valid claim."""

    code = "I102"
    default_hint = "see docs/claims.md for the fields a claim accepts"


class EmptyInputFile(InputFileError):
    code = "I103"
    default_hint = "the file has no claims; check you passed the right path"


class UnreadableInputFile(InputFileError):
    """Binary or not UTF-8."""

    code = "I104"
    default_hint = "save the file as UTF-8 text (JSON Lines or CSV)"


class UnknownInputFormat(InputFileError):
    code = "I105"
    default_hint = (
        "name the file .jsonl, .ndjson or .csv, or give its format: `truce import FILE -f csv`"
    )


class BatchError(TruceError):
    """`truce batch` cannot start or go on (the documents themselves never raise this)."""

    code = "B100"
    default_hint = "see docs/batch.md"


class OutputInUse(BatchError):
    """The output folder holds a run of another corpus or with other options."""

    code = "B101"
    default_hint = "give a new --out folder, or run the same paths and options to resume"


class CorpusChanged(BatchError):
    code = "B102"
    default_hint = "a file changed since this run started; give a new --out folder to start over"


class NoCorpus(BatchError):
    code = "B103"
    default_hint = "pass files, folders or globs that hold documents"


class SchedulerUnreachable(BatchError):
    code = "B104"
    default_hint = "check --scheduler tcp://HOST:PORT names a running Dask scheduler"


class PartitionFailed(BatchError):
    code = "B105"
    default_hint = (
        "run the same command again: finished partitions are kept and the rest are redone"
    )


class ClaimDateOutOfRange(ClaimError):
    """A claim's date lies outside the calendar range claims may carry (see domain.bounds)."""

    code = "V500"
    default_hint = "claims are dated 1900-01-01 to 2199-12-31; check the year"


class BadQuantity(ClaimError):
    """A figure that is not a whole number in range (`true`, `13.5`, `"13"`, 2^63)."""

    code = "V502"
    default_hint = "write `quantity` as a whole number from 0 to 9007199254740991 (2^53 - 1)"


class ClaimOffAgreement(ClaimError):
    """A claim names an actor, subject, category or phase the agreement does not declare."""

    code = "V503"
    default_hint = (
        "use the ids the agreement declares (`truce agreement show ID`), or pass "
        "--allow-unknown to keep the claim flagged as unchecked"
    )


class ClaimTypeUndeclared(ClaimOffAgreement):
    """A claim's type is neither built in nor a provision the agreement's spec declares."""

    code = "V520"
    default_hint = (
        "use a type the agreement knows (`truce agreement show ID`), or declare it under "
        "`provisions:` in the spec and add the new version (`truce agreement add FILE`); "
        "--allow-unknown keeps the claim flagged as unchecked"
    )


class BadPlace(ClaimError):
    """A claim's place (`extra.place`, or the place boxes of the review page) that is no place:
    no name, a country that is no ISO 3166-1 code, a latitude or longitude out of range, or
    one coordinate without the other."""

    code = "R210"
    default_hint = (
        "give the place a name, its country as ISO3 (PSE, ISR, UKR) and, if known, both lat "
        "(-90 to 90) and lon (-180 to 180) in decimal degrees"
    )


class NotFiniteExtra(ClaimError):
    """A claim whose `extra` holds a float that is not finite (NaN, an infinity): JSON has no
    such number, and strict readers of what truce writes (JavaScript, Go, jq) refuse it."""

    code = "I431"
    default_hint = "write the figure as a finite number, or null where the source gave none"


class TooManyCategories(ClaimError):
    """A claim listing more categories than any claim has (a pasted list, not a claim's)."""

    code = "R212"
    default_hint = "name the few categories of what the claim counts (women, minors), at most 50"


class BadParts(ClaimError):
    """A claim's sub-counts (`parts`) that are not category names with whole numbers: a count
    that is negative, not whole (2.5, "15", true), past 2^53 - 1, or not an object at all."""

    code = "V540"
    default_hint = (
        "give each part as CATEGORY=N with N a whole number (`--part women=15`), or in JSON "
        '`"parts": {"women": 15, "minors": 15}`'
    )


class PartCategoryUndeclared(ClaimOffAgreement):
    """A sub-count names a category the agreement does not declare for the claim's subject."""

    code = "V541"
    default_hint = (
        "name the parts with the subject's categories (`truce agreement show ID`), or pass "
        "--allow-unknown to keep the claim flagged as unchecked"
    )


class TooManyParts(ClaimError):
    code = "V542"
    default_hint = "a claim's breakdown names a few categories: give at most 50 parts"


class PartsWithoutQuantity(ClaimError):
    """Sub-counts on a claim that gives no figure: parts are counted within a total."""

    code = "V543"
    default_hint = "give the whole figure too: parts are counted within a quantity"


class PartsExceedTotal(ClaimError):
    """Sub-counts adding up to more than the claim's figure allows (15 + 20 of exactly 30)."""

    code = "V544"
    default_hint = (
        "check the figures: parts are within the quantity; if the source gave the total loosely "
        "(at least, about), record that qualifier with it"
    )


@dataclass(frozen=True)
class TruceWarning:
    """Something worth a second look that does not stop the command (printed, never raised)."""

    code: str
    message: str
    hint: str

    def render(self) -> str:
        return f"warning [{self.code}] {self.message} — {self.hint}"

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "hint": self.hint}


# The code of the warning given when a new claim looks like a recorded event under another id.
LOOKS_LIKE_RECORDED = "V504"


# Codes X600-X649 were given to the catalogue clean-up (issue 9); the classes below replaced
# errors that were raised with the base class's generic code or shared another error's code.


class ExamplesMissing(TruceError):
    """Was I101, which `MalformedLine` had first."""

    code = "X601"
    default_hint = (
        "reinstall truce (the wheel ships them in truce/examples/), or point TRUCE_EXAMPLES "
        "at a folder holding agreements/ and claims/"
    )


class BadDateOption(TruceError):
    code = "X602"
    default_hint = "write the date as YYYY-MM-DD, e.g. 2023-11-28"


class UnknownExportFormat(TruceError):
    code = "X603"
    default_hint = "use jsonl, csv or parquet"


class ExportTarget(TruceError):
    """The output cannot take the format: Parquet to a terminal, text to a binary stream."""

    code = "X604"
    default_hint = "pass --out FILE (a path) for Parquet; JSON Lines and CSV need a text stream"


class ExampleDamaged(TruceError):
    code = "X605"
    default_hint = (
        "the bundled example is damaged; reinstall truce (`pip install --force-reinstall truce`)"
    )


class NothingExtracted(TruceError):
    """Every document given to `extract`, `ingest` or `batch` failed; each is listed above."""

    code = "X606"
    default_hint = "fix the documents listed above (their codes are in docs/extraction.md)"

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []  # one line per document, for `--json` errors


class NoGoldSet(TruceError):
    code = "X607"
    default_hint = "pass a gold folder holding documents/ and annotations.jsonl, e.g. eval/gold"


class ImportRejected(InputFileError):
    """A claims file with bad lines, imported by the CLI or the API: nothing was imported."""

    code = "I200"
    default_hint = "fix the lines listed, or skip them (--skip-bad, or skip_bad=true in the API)"

    def __init__(
        self, message: str, details: list[str] | None = None, *, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.details = details or []
