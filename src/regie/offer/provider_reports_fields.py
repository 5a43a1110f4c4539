"""The fields of a provider report, each declared once.

``FIELDS`` drives everything that knows the fields: the CSV columns and their help, the CSV
example file, the validation of one row (CSV and API alike), the canonical content that is
hashed and kept in the version history, the stored model fields, and the API serializer
(``provider_reports_api`` builds it from this table). The API field names (``name``) and the CSV
columns (``column``) are what external providers use: never rename them.

Adding a field: add a ``ReportField`` with ``since=FORMAT_VERSION + 1`` at the end, raise
``FORMAT_VERSION``, add the model field (with a migration) and, if a kind uses it, say which in
``kinds``. The content hash carries the format version it was made with, so a resubmission of an
unchanged report that leaves the new field empty stays "unchanged" (see ``is_unchanged``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core.csvimport import parse_date

from .models import CefrLevel, ReportKind

# The version of the report format. Version 1: the fields of wave 1 (its hashes have no prefix).
FORMAT_VERSION = 1

SKILLS = ("lezen", "luisteren", "schrijven", "spreken")
EXAM_SUBJECTS = (*SKILLS, "knm")
MAX_HOURS_PER_LESSON = Decimal("24")
BAD_CHARACTERS = gettext_lazy("Gebruik alleen gewone tekens: geen stuurtekens of losse codes.")


class Invalid(ValueError):
    """A value that does not pass; ``message`` is Dutch. ``keep`` is the value to go on with
    (for the checks that follow), or ``Invalid.DROP`` to leave the field out."""

    DROP = object()

    def __init__(self, message, keep=DROP):
        super().__init__(str(message))
        self.message = str(message)
        self.keep = keep


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value).strip()


def has_bad_characters(text: str) -> bool:
    """Control characters (NUL and the like) and lone surrogates cannot be stored as text."""
    return any((ord(c) < 32 and c != "\t") or 0xD800 <= ord(c) <= 0xDFFF for c in text)


# --- parsers: (raw value, report kind) -> value, or raise Invalid --------------------------------


def _record_id(value, kind) -> str:
    text = text_of(value)
    if not text:
        raise Invalid(_("Vul het kenmerk van de melding in (uw eigen unieke nummer)."), "")
    if len(text) > 100:
        raise Invalid(_("Het kenmerk mag hoogstens 100 tekens lang zijn."), text)
    if has_bad_characters(text):
        raise Invalid(BAD_CHARACTERS, "")
    return text


def _enrolment(value, kind) -> str:
    text = text_of(value).lower()
    if not text:
        raise Invalid(_("Vul het kenmerk van de inschrijving in."), "")
    return text


def _kind(value, kind) -> str:
    text = text_of(value).lower()
    if text not in ReportKind.values:
        raise Invalid(_("Kies aanwezigheid, voortgang, knm_thema, examen of uitval."))
    return text


def _date(value, kind) -> dt.date:
    try:
        day = parse_date(value)
    except ValueError:
        raise Invalid(_("Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026.")) from None
    if day > timezone.localdate():
        raise Invalid(_("De datum ligt in de toekomst. Meld alleen wat al gebeurd is."), day)
    return day


def _hours(value, kind) -> Decimal:
    try:
        number = Decimal(text_of(value).replace(",", "."))
        if not number.is_finite():
            raise InvalidOperation
        number = number.quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise Invalid(_("Vul een aantal uren in, bijvoorbeeld 3 of 2,5.")) from None
    if number < 0 or number > MAX_HOURS_PER_LESSON:
        raise Invalid(_("Vul een aantal uren in tussen 0 en 24."))
    return number


def _skill(value, kind) -> str:
    allowed = SKILLS if kind == ReportKind.PROGRESS else EXAM_SUBJECTS
    text = text_of(value).lower()
    if text not in allowed:
        raise Invalid(_("Kies uit: %(choices)s.") % {"choices": ", ".join(allowed)})
    return text


def _level(value, kind) -> str:
    text = text_of(value).lower().replace("-", "_")
    if text and text not in CefrLevel.values:
        raise Invalid(_("Kies een ERK-niveau: a0, pre_a1, a1, a2, b1, b2 of c1."))
    return text


def _passed(value, kind) -> bool | None:
    if isinstance(value, bool):
        return value
    text = text_of(value).lower()
    if text in ("", "onbekend"):
        return None
    if text in ("ja", "j", "true", "1", "geslaagd"):
        return True
    if text in ("nee", "n", "false", "0", "gezakt"):
        return False
    raise Invalid(_("Vul ja of nee in, of laat het leeg als de uitslag nog komt."))


def _limited(limit: int, message) -> Callable:
    def parse(value, kind) -> str:
        text = text_of(value)
        if len(text) > limit:
            raise Invalid(message)
        return text

    return parse


# --- canonical forms (what the hash and the version history hold) ------------------------------


def _as_text(value) -> str:
    return value or ""


def _as_decimal(value) -> str | None:
    return None if value is None else str(value)


def _as_is(value):
    return value


REQUIRED, OPTIONAL = True, False


@dataclass(frozen=True)
class ReportField:
    name: str  # the API field and the internal (model) name
    column: str  # the CSV column
    help: str  # CSV help (Dutch, on the upload page)
    type: str  # text | uuid | choice | date | hours | boolean (the API field type)
    parse: Callable[[object, str], object]
    # report kind -> REQUIRED or OPTIONAL; None: a field of every report (required)
    kinds: Mapping[str, bool] | None = None
    api_help: str = ""
    max_length: int | None = None
    choices: Callable[[], list] | None = None
    canonical: Callable[[object], object] = _as_text
    empty: object = ""  # stored when a kind does not use the field
    in_content: bool = True  # part of the content hash
    since: int = 1  # the format version that added the field

    @property
    def required(self) -> bool:
        return self.kinds is None

    def use(self, kind: str) -> bool | None:
        """REQUIRED, OPTIONAL, or None when ``kind`` does not use this field."""
        if self.kinds is None:
            return REQUIRED
        return self.kinds.get(kind)


FIELDS: tuple[ReportField, ...] = (
    ReportField(
        "record_id",
        "kenmerk",
        gettext_lazy("Uw eigen unieke kenmerk van deze melding"),
        "text",
        _record_id,
        api_help="Uw eigen unieke kenmerk. Opnieuw sturen verandert niets.",
        max_length=100,
        in_content=False,
    ),
    ReportField(
        "enrolment",
        "inschrijving",
        gettext_lazy("Kenmerk (UUID) van de inschrijving"),
        "uuid",
        _enrolment,
        api_help="Kenmerk (uuid) van de inschrijving.",
        canonical=str,
    ),
    ReportField(
        "kind",
        "soort",
        gettext_lazy("aanwezigheid, voortgang, knm_thema, examen of uitval"),
        "choice",
        _kind,
        choices=lambda: ReportKind.choices,
        canonical=str,
    ),
    ReportField(
        "date",
        "datum",
        gettext_lazy("Datum van de les, toets of gebeurtenis, dd-mm-jjjj"),
        "date",
        _date,
        api_help="Datum van de les, toets of gebeurtenis.",
        canonical=lambda day: day.isoformat(),
    ),
    ReportField(
        "hours_offered",
        "uren_aangeboden",
        gettext_lazy("Aanwezigheid: lesuren, bijvoorbeeld 3 of 2,5"),
        "hours",
        _hours,
        kinds={ReportKind.ATTENDANCE: REQUIRED},
        api_help="aanwezigheid: lesuren",
        canonical=_as_decimal,
        empty=None,
    ),
    ReportField(
        "hours_attended",
        "uren_aanwezig",
        gettext_lazy("Aanwezigheid: uren aanwezig"),
        "hours",
        _hours,
        kinds={ReportKind.ATTENDANCE: REQUIRED},
        api_help="aanwezigheid: uren aanwezig",
        canonical=_as_decimal,
        empty=None,
    ),
    ReportField(
        "skill",
        "vaardigheid",
        gettext_lazy("Voortgang: lezen, luisteren, schrijven of spreken; examen: ook knm"),
        "choice",
        _skill,
        kinds={ReportKind.PROGRESS: REQUIRED, ReportKind.EXAM: REQUIRED},
        api_help="voortgang: lezen, luisteren, schrijven, spreken; examen: ook knm",
        choices=lambda: [(s, s) for s in EXAM_SUBJECTS],
    ),
    ReportField(
        "level",
        "niveau",
        gettext_lazy("ERK-niveau: a0, pre_a1, a1, a2, b1, b2 of c1"),
        "choice",
        _level,
        kinds={ReportKind.PROGRESS: REQUIRED, ReportKind.EXAM: OPTIONAL},
        api_help="ERK-niveau",
        choices=lambda: CefrLevel.choices,
    ),
    ReportField(
        "theme",
        "thema",
        gettext_lazy("KNM: het afgeronde thema"),
        "text",
        _limited(100, gettext_lazy("Het thema mag hoogstens 100 tekens lang zijn.")),
        kinds={ReportKind.KNM_THEME: REQUIRED},
        api_help="knm_thema: het thema",
        max_length=100,
    ),
    ReportField(
        "passed",
        "geslaagd",
        gettext_lazy("Examen: ja, nee, of leeg als de uitslag nog komt"),
        "boolean",
        _passed,
        kinds={ReportKind.EXAM: OPTIONAL},
        api_help="examen: leeg (null) als de uitslag nog komt",
        canonical=_as_is,
        empty=None,
    ),
    ReportField(
        "reason",
        "reden",
        gettext_lazy("Uitval: de reden"),
        "text",
        _limited(300, gettext_lazy("De reden mag hoogstens 300 tekens lang zijn.")),
        kinds={ReportKind.DROPOUT: REQUIRED},
        api_help="uitval: de reden",
        max_length=300,
    ),
)

COMMON_FIELDS = tuple(f for f in FIELDS if f.kinds is None)
VALUE_FIELDS = tuple(f for f in FIELDS if f.kinds is not None)
VALUE_NAMES = tuple(f.name for f in VALUE_FIELDS)
BY_NAME = {f.name: f for f in FIELDS}
COLUMN_TO_FIELD = {f.column: f.name for f in FIELDS}
FIELD_TO_COLUMN = {f.name: f.column for f in FIELDS}


def clean_row(raw: Mapping, err, fields: tuple[ReportField, ...] = FIELDS) -> dict | None:
    """Check one row's own fields (no database); ``raw`` uses the API field names. Reports each
    problem through ``err(name, message)``; returns the values, or None when the kind is
    unknown (nothing else can be checked then)."""
    values: dict = {}
    for spec in (f for f in fields if f.kinds is None):
        try:
            values[spec.name] = spec.parse(raw.get(spec.name), None)
        except Invalid as exc:
            err(spec.name, exc.message)
            if spec.name == "kind":
                return None
            if exc.keep is not Invalid.DROP:
                values[spec.name] = exc.keep
    kind = values["kind"]
    for spec in (f for f in fields if f.kinds is not None):
        text = text_of(raw.get(spec.name))
        if has_bad_characters(text):
            err(spec.name, str(BAD_CHARACTERS))
            continue
        use = spec.use(kind)
        if use is None:
            if text:
                err(spec.name, _("Laat dit leeg bij soort '%(kind)s'.") % {"kind": kind})
            continue
        if not text and use is REQUIRED:
            err(spec.name, _("Vul dit in bij soort '%(kind)s'.") % {"kind": kind})
            continue
        try:
            values[spec.name] = spec.parse(raw.get(spec.name), kind)
        except Invalid as exc:
            err(spec.name, exc.message)
    if (
        kind == ReportKind.ATTENDANCE
        and "hours_offered" in values
        and "hours_attended" in values
        and values["hours_attended"] > values["hours_offered"]
    ):
        err("hours_attended", _("Het aantal uren aanwezig is hoger dan het aantal lesuren."))
    return values


def stored_values(values: Mapping, fields: tuple[ReportField, ...] = FIELDS) -> dict:
    """The model's value fields for a cleaned row (the empty value where a kind has none)."""
    result = {}
    for spec in fields:
        if spec.kinds is None:
            continue
        value = values.get(spec.name)
        result[spec.name] = spec.empty if value is None or value == "" else value
    return result


# --- content and its hash ----------------------------------------------------------------------


def content_of(
    values: Mapping, version: int = FORMAT_VERSION, fields: tuple[ReportField, ...] = FIELDS
) -> dict:
    """The canonical content of a report in format ``version``: the fields that version had."""
    return {
        spec.name: spec.canonical(values.get(spec.name))
        for spec in fields
        if spec.in_content and spec.since <= version
    }


def content_hash(content: dict, version: int = FORMAT_VERSION) -> str:
    """SHA-256 of the canonical JSON; from version 2 on prefixed with ``<version>:``."""
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    return digest if version == 1 else f"{version}:{digest}"


def hash_version(stored_hash: str) -> int:
    head, sep, _rest = stored_hash.partition(":")
    return int(head) if sep and head.isdigit() else 1


def values_hash(
    values: Mapping, version: int = FORMAT_VERSION, fields: tuple[ReportField, ...] = FIELDS
) -> str:
    return content_hash(content_of(values, version, fields), version)


def is_unchanged(
    stored_hash: str,
    values: Mapping,
    fields: tuple[ReportField, ...] = FIELDS,
) -> bool:
    """Whether a resubmission has the content stored with ``stored_hash``: the same content in
    the stored hash's format version, and every field added since then left empty."""
    version = hash_version(stored_hash)
    if values_hash(values, version, fields) != stored_hash:
        return False
    return all(
        spec.canonical(values.get(spec.name)) == spec.canonical(None)
        for spec in fields
        if spec.in_content and spec.since > version
    )


def report_values(report, enrolment_uuid, fields: tuple[ReportField, ...] = FIELDS) -> dict:
    """The values of a stored report, by field name."""
    values = {spec.name: getattr(report, spec.name, None) for spec in fields}
    values["enrolment"] = enrolment_uuid
    return values


# --- the CSV example file ----------------------------------------------------------------------

EXAMPLE_ENROLMENT = "00000000-0000-0000-0000-000000000000"
EXAMPLES: tuple[dict, ...] = (
    {
        "record_id": "les-2026-03-02-1",
        "kind": "aanwezigheid",
        "date": "02-03-2026",
        "hours_offered": "3",
        "hours_attended": "2,5",
    },
    {
        "record_id": "voortgang-2026-03-31-l",
        "kind": "voortgang",
        "date": "31-03-2026",
        "skill": "lezen",
        "level": "a2",
    },
    {"record_id": "knm-3", "kind": "knm_thema", "date": "20-03-2026", "theme": "Gezondheid"},
    {
        "record_id": "examen-1",
        "kind": "examen",
        "date": "25-03-2026",
        "skill": "lezen",
        "level": "b1",
        "passed": "ja",
    },
    {"record_id": "uitval-1", "kind": "uitval", "date": "31-03-2026", "reason": "Verhuisd"},
)


def example_rows(fields: tuple[ReportField, ...] = FIELDS) -> list[list[str]]:
    return [
        [{"enrolment": EXAMPLE_ENROLMENT, **example}.get(spec.name, "") for spec in fields]
        for example in EXAMPLES
    ]
