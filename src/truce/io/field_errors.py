"""Errors of the field formats (ACLED, UCDP, HXL, XLSX) and of `truce publish`: codes I400–I449.

A row-level error names its row and the import goes on with the next; a file-level one (a column
missing, a target that cannot be written) stops before anything is read or written.
"""

from __future__ import annotations

from truce.errors import InputFileError, TruceError


class FieldFileColumns(InputFileError):
    """An ACLED or UCDP GED file without a column the mapping needs."""

    code = "I400"
    default_hint = (
        "export the file again with every column (docs/analysts.md lists the ones truce reads)"
    )


class FieldRowDate(InputFileError):
    code = "I401"
    default_hint = "write the date as YYYY-MM-DD (ACLED also: 24 November 2023)"


class FieldRowUnmapped(InputFileError):
    """A row of an event type truce holds no claim type for (a protest, an arrest)."""

    code = "I402"
    default_hint = (
        "truce holds violence, agreements and transfers of territory against an agreement; "
        "leave such rows out, or add a `truce_type` column naming the type"
    )


class FieldRowNumber(InputFileError):
    code = "I403"
    default_hint = "write numbers plainly: 31.52 for a coordinate, 3 for a count"


class FieldRowSpan(InputFileError):
    """A UCDP event dated by a span truce cannot hold (longer than one calendar month)."""

    code = "I404"
    default_hint = (
        "truce dates an event to a day, an ISO week or a calendar month; narrow date_start and "
        "date_end to one of those, or leave the row out"
    )


class PublishTarget(TruceError):
    code = "I405"
    default_hint = "name a new file (or pass --force to replace a copy published earlier)"


class XlsxUnavailable(TruceError):
    code = "I406"
    default_hint = "install the extra: pip install 'truce[xlsx]' (it brings openpyxl)"


class BadInterCode(TruceError):
    code = "I407"
    default_hint = (
        "write --inter ACTOR=CODE with an actor id of the agreement and an ACLED inter code "
        "1-8, e.g. --inter hamas=2"
    )


class FieldImportOptions(TruceError):
    code = "I408"
    default_hint = "ACLED and UCDP GED files need --agreement ID: the agreement to hold them to"


class FieldExportOption(TruceError):
    """An export option the chosen format has no place for (`--hxl` on JSON Lines)."""

    code = "I409"
    default_hint = (
        "--hxl goes with acled, ucdp, csv-excel and xlsx; --inter with acled only "
        "(docs/analysts.md)"
    )


class BadSourceScale(TruceError):
    """A `--source-scale` option that does not read OUTLET=SCALE with one of ACLED's scales."""

    code = "I410"
    default_hint = (
        'write --source-scale "OUTLET=SCALE", e.g. "Times of Israel=National"; '
        "repeat it for several outlets (docs/analysts.md)"
    )
