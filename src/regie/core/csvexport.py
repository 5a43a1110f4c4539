"""The one CSV export helper: every CSV the app hands out goes through :func:`csv_response` (or
:func:`write_rows`), so every cell is neutralised against formula injection.

Rule (OWASP, "CSV Injection"): a spreadsheet treats a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return as a formula. Such a text cell is prefixed with a single quote
(``'``), which spreadsheets show as text and do not evaluate. Numbers (``int``, ``float``,
``Decimal``) are written as they are: a negative number is data, not a formula. The file is
``;``-separated UTF-8 with a byte-order mark, as Dutch Excel expects.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import StreamingHttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet will read it as text: a formula-like text gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


class _Echo:
    def write(self, value):
        return value


def write_rows(header: Iterable, rows: Iterable[Iterable]) -> str:
    """A whole CSV as text (no byte-order mark), every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))
    return out.getvalue()


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable]):
    """A streamed CSV download, every cell neutralised."""
    writer = csv.writer(_Echo(), delimiter=";")

    def stream():
        yield "\ufeff"
        yield writer.writerow(safe_row(header))
        for row in rows:
            yield writer.writerow(safe_row(row))

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
