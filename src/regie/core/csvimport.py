"""The one CSV import pipeline: decoding, delimiter sniffing, Dutch date formats, the header
check, row errors in Dutch and all-or-nothing storage, with progress reporting.

Used by the linkage list (``clients.registration``) and the provider reports
(``offer.provider_reports``). Each caller keeps its own columns and row rules; this module
knows nothing about clients or reports.

Rules every import follows:

* the file is UTF-8, with or without a byte-order mark (Excel writes one); anything else is
  refused with a message, never guessed (a wrong guess would store wrong names);
* the delimiter is ``;`` (Dutch Excel) or ``,``: whichever the header line has more of;
* dates are day-month-year (``28-11-2026``, ``28/11/2026``, ``28.11.2026``) or ISO;
* any error in any row stores nothing; the row report names the line (1 = the header), the
  column and what must change, in Dutch, and never repeats a BSN.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")
HEADER_ROW = 1
FIRST_DATA_ROW = 2
_BSN_LIKE = re.compile(r"(?<!\d)\d{9}(?!\d)")
# No column of any import holds more than this; a longer cell is a row error, not a database error.
MAX_FIELD_CHARS = 1000
# The csv module's own limit stays at its default (131,072): a longer field is reported per row.

Progress = Callable[[int, int], None]


class DecodeError(ValueError):
    """The file is not UTF-8. ``str(exc)`` is the Dutch message for the user."""

    def __init__(self):
        super().__init__(_("Sla het bestand op als UTF-8 en probeer het opnieuw."))


def decode(raw: bytes) -> str:
    """UTF-8 with or without a byte-order mark; raises :class:`DecodeError` otherwise."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DecodeError from None


def sniff_delimiter(text: str) -> str:
    """``;`` unless the first line has more commas than semicolons."""
    first_line = text.splitlines()[0] if text.strip() else ""
    return ";" if first_line.count(";") >= first_line.count(",") else ","


def parse_date(value) -> dt.date:
    """A date in one of ``DATE_FORMATS`` (or a date already); raises ValueError."""
    if isinstance(value, dt.date):
        return value
    text = "" if value is None else str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def redact_bsn(message: str) -> str:
    """A row report never repeats a BSN: any nine-digit number in a message is masked."""
    return _BSN_LIKE.sub("•••••••••", str(message))


@dataclass
class RowError:
    row: int  # CSV: the line (1 = header, 0 = the whole file); API: position in the list from 1
    column: str
    message: str

    def __post_init__(self):
        self.message = redact_bsn(self.message)

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": str(self.message)}


@dataclass
class RowErrors:
    """Collects the row report of one import."""

    errors: list[RowError] = field(default_factory=list)

    def add(self, row: int, column: str, message) -> None:
        self.errors.append(RowError(row, column, str(message)))

    def for_row(self, row: int) -> Callable[[str, str], None]:
        """``err(column, message)`` for one row."""

        def err(column, message):
            self.add(row, column, message)

        return err

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)


@dataclass(frozen=True)
class Column:
    """A documented column: its name in the header, whether it must be there, a help text."""

    name: str
    required: bool = False
    help: str = ""
    max_length: int = 0  # 0: the file-wide MAX_FIELD_CHARS


def read_rows(text: str, columns: Iterable[Column]) -> tuple[list[dict[str, str]], list[RowError]]:
    """Read the CSV into dicts keyed by the (lower-case) column names, values stripped; rows
    with only empty cells are skipped. Header problems (empty file, a required column missing,
    an unknown column) come back as errors on row 1 and no rows. The data row of ``rows[i]`` is
    line ``i + FIRST_DATA_ROW``."""
    columns = list(columns)
    known = {c.name for c in columns}
    text = text.lstrip("\ufeff")
    if not text.strip():
        return [], [
            RowError(HEADER_ROW, "", _("Het bestand is leeg. Gebruik het voorbeeldbestand."))
        ]
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text))
    lines, parse_errors = _parse(reader)
    header_line = lines[0][1] if lines and lines[0][0] == HEADER_ROW else []
    if any(e.row == HEADER_ROW for e in parse_errors):
        return [], parse_errors
    header = [h.strip().lower() for h in header_line]
    errors = [
        RowError(HEADER_ROW, c.name, _("De kolom '%(name)s' ontbreekt.") % {"name": c.name})
        for c in columns
        if c.required and c.name not in header
    ]
    errors += [
        RowError(HEADER_ROW, name, _("De kolom '%(name)s' kennen wij niet.") % {"name": name})
        for name in header
        if name and name not in known
    ]
    if errors:
        return [], errors
    limits = {c.name: c.max_length or MAX_FIELD_CHARS for c in columns}
    rows = []
    for number, line in lines[1:]:
        if not any(cell.strip() for cell in line):
            continue
        row = {name: cell.strip() for name, cell in zip(header, line, strict=False) if name}
        for name, value in row.items():
            if "\x00" in value:
                parse_errors.append(RowError(number, name, _nul_message()))
            elif len(value) > limits[name]:
                parse_errors.append(
                    RowError(
                        number,
                        name,
                        _("Deze waarde is te lang: ten hoogste %(n)s tekens.")
                        % {"n": limits[name]},
                    )
                )
        rows.append(row)
    if parse_errors:
        return [], parse_errors
    return rows, []


def _parse(reader) -> tuple[list[tuple[int, list[str]]], list[RowError]]:
    """Every line as (line number, cells); a line the csv module cannot read becomes a row
    error in Dutch (a field over the csv limit, a bare carriage return in an unquoted field, a
    NUL character, a broken quote) and reading goes on with the next line, so the report names
    every bad line at once."""
    lines, errors = [], []
    while True:
        before = reader.line_num
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(RowError(reader.line_num or before + 1, "", _csv_error_message(exc)))
            if reader.line_num == before:  # no progress: stop rather than loop
                break
            continue
        lines.append((reader.line_num, cells))
    return lines, errors


def _nul_message() -> str:
    return _("Deze regel bevat een ongeldig teken (NUL). Sla het bestand opnieuw op als CSV.")


def _csv_error_message(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return _(
            "Een veld in deze regel is te lang (meer dan %(n)s tekens). Controleer of er een"
            " aanhalingsteken ontbreekt, of maak het veld korter."
        ) % {"n": f"{csv.field_size_limit():,}".replace(",", ".")}
    if "new-line character" in text:
        return _(
            "Deze regel heeft een losse regelovergang midden in een veld. Zet het veld tussen"
            " dubbele aanhalingstekens of haal de regelovergang weg."
        )
    if "NUL" in text:
        return _nul_message()
    return _(
        "Deze regel is geen geldige CSV, bijvoorbeeld door een aanhalingsteken dat niet goed"
        " is afgesloten. Controleer de regel."
    )


def too_many_rows(rows: list, maximum: int) -> RowError | None:
    if len(rows) > maximum:
        return RowError(
            0, "", _("Het bestand heeft meer dan %(n)s regels. Splits het.") % {"n": maximum}
        )
    return None


def tick(progress: Progress | None, done: int, total: int, every: int) -> None:
    """Report progress every ``every`` rows (and never without a callback)."""
    if progress and done and done % every == 0:
        progress(done, total)


def store_all_or_nothing(errors, save: Callable[[], object]):
    """Run ``save`` in one transaction, only when the whole file passed: any row error stores
    nothing. Returns what ``save`` returned, or None when refused."""
    if errors:
        return None
    with transaction.atomic():
        return save()


CHUNK_SIZE = 250


def apply_in_chunks(
    items: list,
    apply_chunk: Callable[[list], object],
    compensate: Callable[[], object],
    *,
    size: int | None = None,
    progress: Progress | None = None,
) -> None:
    """Apply validated ``items`` in short transactions of ``size`` rows, so a large import never
    holds the database's write lock for long (SQLite has one writer: a 30-second transaction
    makes every other request wait and fail with "database is locked").

    Still all-or-nothing: if any chunk fails, ``compensate()`` undoes the chunks already
    committed (in one short transaction) and the exception is raised again. ``apply_chunk``
    records what it made, so ``compensate`` knows what to remove. Between chunks other requests
    read and write normally; they may briefly see rows of an import that is still running,
    which is the price of not locking the site (see docs/security.md). ``progress(done, total)``
    is called after each committed chunk, outside any transaction."""
    size = size or CHUNK_SIZE
    total = len(items)
    try:
        for start in range(0, total, size):
            with transaction.atomic():
                apply_chunk(items[start : start + size])
            if progress:
                progress(min(start + size, total), total)
    except BaseException:
        with transaction.atomic():
            compensate()
        raise


def write_template(columns: Iterable[Column], examples: Iterable[Iterable[str]]) -> str:
    """The example file users download: the header and example rows, ``;``-separated."""
    from .csvexport import write_rows

    return write_rows([c.name for c in columns], examples)
