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
    header = [h.strip().lower() for h in next(reader, [])]
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
    rows = []
    for line in reader:
        if not any(cell.strip() for cell in line):
            continue
        rows.append({name: cell.strip() for name, cell in zip(header, line, strict=False) if name})
    return rows, []


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


def write_template(columns: Iterable[Column], examples: Iterable[Iterable[str]]) -> str:
    """The example file users download: the header and example rows, ``;``-separated."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([c.name for c in columns])
    writer.writerows(examples)
    return out.getvalue()
