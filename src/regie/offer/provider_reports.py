"""What providers report about their enrolments: attendance, progress, KNM, exams and drop-out.

One submission (API call or CSV upload) is validated as a whole in memory: one query for the
enrolments it names, one (chunked) query for the record ids it already sent. Any error refuses
the whole submission with a row-level report in Dutch. Otherwise, in one transaction, new records
are bulk-created, changed records bulk-updated (their old content kept in
``ProviderReportVersion``) and unchanged records left alone (same ``content_hash``). The PIP
component the enrolment serves gets the sum of attended hours. See docs/offer-reporting.md.

The fields themselves (columns, validation, content, hash) are declared once, in
``provider_reports_fields.FIELDS``; the CSV reading is ``core.csvimport``'s.
"""

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core import csvimport
from regie.core.audit import record_event
from regie.core.csvimport import RowError
from regie.core.errors import ConflictError
from regie.core.models import AuditEvent
from regie.core.roles import Role

from . import provider_reports_fields as report_fields
from .models import (
    CefrLevel,
    Enrolment,
    EnrolmentStatus,
    ProviderReport,
    ProviderReportVersion,
    ReportKind,
)

# --- vocabulary -------------------------------------------------------------------------------

SKILLS = report_fields.SKILLS
EXAM_SUBJECTS = report_fields.EXAM_SUBJECTS
# A provider may report on an enrolment once it accepted it, also after it ended.
REPORTABLE_STATUSES = (
    EnrolmentStatus.ACCEPTED,
    EnrolmentStatus.PLACED,
    EnrolmentStatus.STARTED,
    EnrolmentStatus.FINISHED,
    EnrolmentStatus.DROPPED,
)
MAX_ROWS = 10_000
IN_CHUNK = 5_000  # ids per IN (...) query, well below SQLite's and PostgreSQL's limits
PROGRESS_EVERY = 1_000

VALUE_FIELDS = report_fields.VALUE_NAMES
BAD_CHARACTERS = report_fields.BAD_CHARACTERS
has_bad_characters = report_fields.has_bad_characters
# The CSV columns (docs/offer-reporting.md) as (column, field, required, help), from the table.
COLUMNS = [(f.column, f.name, f.required, f.help) for f in report_fields.FIELDS]
CSV_COLUMNS = [csvimport.Column(f.column, f.required, f.help) for f in report_fields.FIELDS]
COLUMN_TO_FIELD = report_fields.COLUMN_TO_FIELD
FIELD_TO_COLUMN = report_fields.FIELD_TO_COLUMN

# Which stored report field feeds which field of the CBS statistics of social security and
# integration (SWI). The delivery itself comes later; the facts are stored as reported.
SWI_FIELDS = {
    "aanwezigheid.hours_offered": "Aangeboden uren leerroute",
    "aanwezigheid.hours_attended": "Gevolgde uren leerroute",
    "voortgang.level": "Taalniveau per vaardigheid (ERK)",
    "knm_thema.theme": "KNM-onderdelen afgerond",
    "examen.passed": "Examenresultaat per onderdeel (officieel na DUO)",
    "uitval.date": "Datum voortijdig beëindigd",
    "uitval.reason": "Reden voortijdig beëindigd",
    "enrolment.product.kind": "Soort voorziening (leerroute, KNM, PVT, MAP)",
    "enrolment.start_date": "Startdatum voorziening",
}


@dataclass
class SubmissionResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [e.as_dict() for e in self.errors],
        }


def may_submit(principal) -> bool:
    return principal is not None and principal.role == Role.PROVIDER_STAFF


def provider_enrolments(principal):
    """The enrolments a provider principal reports on: only its own organisation's."""
    if not may_submit(principal):
        return Enrolment.objects.none()
    return Enrolment.objects.filter(provider_id=principal.organisation.pk)


# --- parsing and validating -------------------------------------------------------------------


def content_of(values: dict) -> dict:
    """The canonical content of a report (what the hash and the version history hold)."""
    return report_fields.content_of(values)


def stored_content(report: ProviderReport, enrolment_uuid) -> dict:
    return report_fields.content_of(report_fields.report_values(report, enrolment_uuid))


def _chunks(items: list, size: int = IN_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class _Plan:
    result: SubmissionResult
    create: list[ProviderReport] = field(default_factory=list)
    update: list[ProviderReport] = field(default_factory=list)
    versions: list[ProviderReportVersion] = field(default_factory=list)
    touched_enrolments: set[int] = field(default_factory=set)


def _plan(provider, rows: list[dict], *, progress=None, row_offset: int = 1) -> _Plan:
    """Validate all rows against the database with a fixed number of queries; store nothing."""
    result = SubmissionResult(total=len(rows))
    plan = _Plan(result)
    if len(rows) > MAX_ROWS:
        result.errors.append(
            RowError(
                0,
                "",
                _("Stuur hoogstens %(n)s meldingen tegelijk. Splits het bestand.")
                % {"n": MAX_ROWS},
            )
        )
        return plan
    cleaned: list[tuple[int, dict]] = []
    for index, raw in enumerate(rows):
        number = index + row_offset

        def err(column, message, _n=number):
            result.errors.append(RowError(_n, column, message))

        values = report_fields.clean_row(raw, err)
        if values is not None:
            cleaned.append((number, values))
        csvimport.tick(progress, index + 1, len(rows), PROGRESS_EVERY)
    uuids = set()
    for _n, values in cleaned:
        try:
            values["enrolment"] = str(uuid.UUID(values["enrolment"]))
        except ValueError:
            continue
        uuids.add(values["enrolment"])
    enrolments = {
        str(e.uuid): e
        for e in Enrolment.objects.filter(provider_id=provider.pk, uuid__in=uuids).only(
            "pk", "uuid", "status", "referred_on", "component_uuid"
        )
    }
    record_ids = [values["record_id"] for _n, values in cleaned if values["record_id"]]
    existing: dict[str, ProviderReport] = {}
    for chunk in _chunks(sorted(set(record_ids))):
        for report in ProviderReport.objects.filter(
            provider_id=provider.pk, record_id__in=chunk
        ).select_related("enrolment"):
            existing[report.record_id] = report
    seen: dict[str, int] = {}
    for number, values in cleaned:

        def err(column, message, _n=number):
            result.errors.append(RowError(_n, column, message))

        record_id = values["record_id"]
        if record_id in seen:
            err("record_id", _("Dit kenmerk staat ook in regel %(n)s.") % {"n": seen[record_id]})
            continue
        seen[record_id] = number
        enrolment = enrolments.get(values["enrolment"])
        if enrolment is None:
            if values["enrolment"]:
                err(
                    "enrolment",
                    _(
                        "Deze inschrijving kennen wij niet bij uw organisatie. Controleer het"
                        " kenmerk van de inschrijving."
                    ),
                )
            continue
        if enrolment.status not in REPORTABLE_STATUSES:
            err(
                "enrolment",
                _("Deze inschrijving is niet door u geaccepteerd. Meld pas na acceptatie."),
            )
            continue
        if "date" in values and values["date"] < enrolment.referred_on:
            err(
                "date",
                _("De datum ligt voor de aanmelding (%(d)s). Controleer de datum.")
                % {"d": enrolment.referred_on.strftime("%d-%m-%Y")},
            )
            continue
        if result.errors:
            continue  # all-or-nothing: no need to build objects any more
        digest = report_fields.values_hash(values)
        fields = report_fields.stored_values(values)
        old = existing.get(record_id)
        if old is None:
            plan.create.append(
                ProviderReport(
                    provider_id=provider.pk,
                    record_id=record_id,
                    enrolment_id=enrolment.pk,
                    kind=values["kind"],
                    date=values["date"],
                    content_hash=digest,
                    **fields,
                )
            )
            plan.touched_enrolments.add(enrolment.pk)
            continue
        if report_fields.is_unchanged(old.content_hash, values):
            result.unchanged += 1
            continue
        if old.enrolment_id != enrolment.pk:
            err(
                "enrolment",
                _(
                    "Dit kenmerk hoort bij een andere inschrijving. Gebruik een nieuw kenmerk"
                    " voor deze inschrijving."
                ),
            )
            continue
        if old.official:
            err(
                "record_id",
                _(
                    "Deze examenuitslag is al officieel vastgelegd na de uitslag van DUO."
                    " Wijzigen kan niet meer; neem contact op met de klantregisseur."
                ),
            )
            continue
        plan.versions.append(
            ProviderReportVersion(
                report=old, version=old.version, content=stored_content(old, old.enrolment.uuid)
            )
        )
        old.kind = values["kind"]
        old.date = values["date"]
        for name, value in fields.items():
            setattr(old, name, value)
        old.content_hash = digest
        old.version += 1
        old.received_at = timezone.now()
        plan.update.append(old)
        plan.touched_enrolments.add(enrolment.pk)
    if result.errors:
        plan.create, plan.update, plan.versions = [], [], []
        result.unchanged = 0
    elif progress:
        progress(len(rows), len(rows))  # checked: saving comes next
    return plan


UPDATE_FIELDS = [
    "kind",
    "date",
    *VALUE_FIELDS,
    "content_hash",
    "version",
    "received_at",
]


def submit_reports(principal, rows: list[dict], *, progress=None, row_offset: int = 1):
    """Store one submission all-or-nothing (rule: all-or-nothing with a row report; a resubmitted
    record id with the same content changes nothing, with other content it is updated and the old
    version kept). ``rows`` use the internal field names of ``COLUMNS``."""
    if not may_submit(principal):
        raise PermissionDenied
    provider = principal.organisation
    # Two identical submissions at the same moment: both plan an insert, the second insert hits
    # the unique constraint (provider, record id). It is planned once more, and then finds the
    # reports the other one stored: unchanged (idempotent). Never a 500; colliding again is a
    # 409 with a Dutch message.
    for attempt in range(2):
        try:
            return _submit(provider, rows, progress=progress, row_offset=row_offset)
        except IntegrityError:
            if attempt:
                raise ConflictError(
                    _(
                        "Dezelfde meldingen worden op dit moment ook door een andere aanvraag"
                        " opgeslagen. Er is niets opgeslagen; stuur ze over een minuut opnieuw."
                    )
                ) from None
    raise AssertionError("unreachable")


def _submit(provider, rows, *, progress, row_offset):
    plan = _plan(provider, rows, progress=progress, row_offset=row_offset)
    result = plan.result

    def save():
        ProviderReport.objects.bulk_create(plan.create, batch_size=1000)
        ProviderReportVersion.objects.bulk_create(plan.versions, batch_size=1000)
        ProviderReport.objects.bulk_update(plan.update, UPDATE_FIELDS, batch_size=1000)
        update_component_hours(plan.touched_enrolments)
        result.created, result.updated = len(plan.create), len(plan.update)
        if result.created or result.updated:
            record_event(
                AuditEvent.Action.ACTION,
                object_type="offer.ProviderReport",
                object_id=provider.pk,
                object_repr=_("%(n)s meldingen van %(p)s") % {"n": result.total, "p": provider},
                after={
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )

    csvimport.store_all_or_nothing(result.errors, save)
    return result


def update_component_hours(enrolment_ids) -> int:
    """Rule: the PIP component's hours attended are the sum of the attended hours reported for
    the enrolments that serve it (so nobody asks the provider twice). Returns components changed."""
    from regie.plans.models import Component

    ids = sorted(enrolment_ids)
    if not ids:
        return 0
    component_of: dict[int, object] = {}
    for chunk in _chunks(ids):
        component_of.update(
            Enrolment.objects.filter(pk__in=chunk, component_uuid__isnull=False).values_list(
                "pk", "component_uuid"
            )
        )
    uuids = sorted(set(component_of.values()), key=str)
    if not uuids:
        return 0
    totals: dict = defaultdict(Decimal)
    rows = (
        ProviderReport.objects.filter(
            kind=ReportKind.ATTENDANCE, enrolment__component_uuid__in=uuids
        )
        .values("enrolment__component_uuid")
        .annotate(total=Sum("hours_attended"))
    )
    for row in rows:
        totals[row["enrolment__component_uuid"]] += row["total"] or Decimal(0)
    changed = []
    for component in Component.objects.filter(uuid__in=uuids).only(
        "pk", "uuid", "hours_attended", "version"
    ):
        hours = int(totals.get(component.uuid, Decimal(0)))
        if component.hours_attended != hours:
            component.hours_attended = hours
            component.version += 1  # a form opened before this sees a conflict, not old hours
            changed.append(component)
    Component.objects.bulk_update(changed, ["hours_attended", "version"], batch_size=1000)
    # keep copies in an open revision in step (as plans.services.record_progress does)
    hours_of = {c.pk: c.hours_attended for c in changed}
    copies = list(
        Component.objects.filter(
            copied_from_id__in=list(hours_of), plan_version__status__in=["draft", "submitted"]
        ).only("pk", "copied_from_id", "hours_attended")
    )
    for copy in copies:
        copy.hours_attended = hours_of[copy.copied_from_id]
    Component.objects.bulk_update(copies, ["hours_attended"], batch_size=1000)
    return len(changed)


# --- CSV --------------------------------------------------------------------------------------


def template_csv() -> str:
    return csvimport.write_template(CSV_COLUMNS, report_fields.example_rows())


PREFILLED_KIND = ReportKind.ATTENDANCE


def prefilled_template_csv(enrolment_uuids) -> str:
    """The upload's own columns, one row per open enrolment: ``inschrijving`` filled in and
    ``soort`` set to attendance (the report a provider sends most); the provider adds his own
    ``kenmerk``, the date and the hours. Nothing else about the client: the file is what the
    upload reads back, and the upload refuses unknown columns."""
    rows = [
        [
            {"enrolment": str(u), "kind": str(PREFILLED_KIND)}.get(spec.name, "")
            for spec in report_fields.FIELDS
        ]
        for u in enrolment_uuids
    ]
    return csvimport.write_template(CSV_COLUMNS, rows)


def parse_csv(text: str) -> tuple[list[dict], list[RowError]]:
    """Read the CSV (``;`` or ``,``) into rows with internal field names, or header errors."""
    rows, errors = csvimport.read_rows(text, CSV_COLUMNS)
    return [{COLUMN_TO_FIELD[c]: v for c, v in row.items()} for row in rows], errors


def decode_upload(raw: bytes) -> str:
    """UTF-8 (with or without BOM); raises ``csvimport.DecodeError`` otherwise."""
    return csvimport.decode(raw)


def submit_csv(principal, text: str, *, progress=None) -> SubmissionResult:
    rows, errors = parse_csv(text)
    if errors:
        return SubmissionResult(errors=errors)
    result = submit_reports(principal, rows, progress=progress, row_offset=csvimport.FIRST_DATA_ROW)
    for error in result.errors:  # speak in the CSV's column names
        error.column = FIELD_TO_COLUMN.get(error.column, error.column)
    return result


# --- exam results made official ---------------------------------------------------------------


def may_mark_official(principal, report: ProviderReport) -> bool:
    from regie.clients.selectors import Access, dossier_access

    if principal is None or principal.role not in (Role.CASE_MANAGER, Role.TEAM_LEADER):
        return False
    return dossier_access(principal, report.enrolment.client) == Access.FULL


def mark_exam_official(principal, report: ProviderReport, *, passed: bool) -> ProviderReport:
    """Rule: an exam result the provider reports stays unofficial until DUO's result is recorded;
    the case manager records DUO's outcome, which then overrides the provider's. The provider's
    content is kept as a version."""
    if report.kind != ReportKind.EXAM:
        raise ValueError(_("Alleen een examenuitslag kan officieel worden."))
    if not may_mark_official(principal, report):
        raise PermissionDenied
    with transaction.atomic():
        locked = (
            ProviderReport.objects.select_for_update().select_related("enrolment").get(pk=report.pk)
        )
        ProviderReportVersion.objects.create(
            report=locked,
            version=locked.version,
            content=stored_content(locked, locked.enrolment.uuid),
        )
        locked.passed = passed
        locked.official = True
        locked.version += 1
        locked.save(update_fields=["passed", "official", "version", "received_at"])
        record_event(
            AuditEvent.Action.UPDATE,
            object_type="offer.ProviderReport",
            object_id=locked.pk,
            object_repr=str(locked),
            person_id=locked.enrolment.client_id,
            after={"passed": passed, "official": True},
        )
    return locked


def unofficial_exams(principal):
    """Exam results awaiting DUO's result, for the clients the principal fully handles."""
    from regie.clients.selectors import visible_clients

    if principal is None or principal.role not in (Role.CASE_MANAGER, Role.TEAM_LEADER):
        return ProviderReport.objects.none()
    clients = visible_clients(principal)
    if principal.role == Role.CASE_MANAGER:
        clients = clients.filter(case_manager_id=principal.user.pk if principal.user else None)
    return (
        ProviderReport.objects.filter(
            kind=ReportKind.EXAM, official=False, enrolment__client__in=clients
        )
        .select_related("enrolment__client", "enrolment__product", "provider")
        .order_by("date", "id")
    )


def reports_for_client(principal, client):
    """A client's reports for his dossier (the caller checked dossier access)."""
    return (
        ProviderReport.objects.filter(enrolment__client=client)
        .select_related("enrolment__product", "provider")
        .order_by("-date", "-id")
    )


# --- demo -------------------------------------------------------------------------------------


def load_demo_reports(region) -> int:
    """A month of attendance (two lessons a week) and some progress for the region's started
    demo enrolments. Idempotent: record ids are fixed, so a second run changes nothing."""
    from regie.core import context
    from regie.core.principal import Principal

    enrolments = list(
        Enrolment.objects.filter(
            product__lot__contract__region=region,
            status__in=[EnrolmentStatus.STARTED, EnrolmentStatus.PLACED],
        )
        .select_related("provider", "product")
        .order_by("id")
    )
    by_provider: dict = defaultdict(list)
    today = timezone.localdate()
    for index, enrolment in enumerate(enrolments):
        start = max(enrolment.start_date or enrolment.referred_on, today - dt.timedelta(days=30))
        day, lesson = start, 0
        while day <= today:
            if day.weekday() in (0, 3):  # Monday and Thursday
                lesson += 1
                attended = Decimal("3") if (index + lesson) % 5 else Decimal("1.5")
                if index % 7 == 3:  # some clients attend poorly: a signal for the case manager
                    attended = Decimal("1") if lesson % 2 else Decimal("0")
                by_provider[enrolment.provider].append(
                    {
                        "record_id": f"demo-{enrolment.uuid}-les-{day.isoformat()}",
                        "enrolment": str(enrolment.uuid),
                        "kind": ReportKind.ATTENDANCE,
                        "date": day,
                        "hours_offered": "3",
                        "hours_attended": str(attended),
                    }
                )
            day += dt.timedelta(days=1)
        level = enrolment.level or CefrLevel.A1
        for skill in SKILLS:
            by_provider[enrolment.provider].append(
                {
                    "record_id": f"demo-{enrolment.uuid}-voortgang-{skill}",
                    "enrolment": str(enrolment.uuid),
                    "kind": ReportKind.PROGRESS,
                    "date": today,
                    "skill": skill,
                    "level": level,
                }
            )
    stored = 0
    for provider, rows in by_provider.items():
        principal = Principal(role=Role.PROVIDER_STAFF, organisation=provider)
        with context.acting_as(principal=principal, channel="cli"):
            result = submit_reports(principal, rows)
        stored += result.created + result.updated
    return stored


def unofficial_exams_card(request, principal):
    """Start-page card of the case manager: exam results waiting for DUO's result."""
    if principal is None or principal.role not in (Role.CASE_MANAGER, Role.TEAM_LEADER):
        return None
    count = unofficial_exams(principal).count()
    if not count:
        return None
    return {
        "template": "offer/reporting/_home_exams.html",
        "order": 14,
        "title": _("Examenuitslagen zonder DUO-uitslag"),
        "count": count,
    }


def attendance_for_components(person_id: int, component_uuids) -> list:
    """Rule: the hours that count for completing a PIP part are the hours *attended*, as the
    provider reported them for the enrolments serving these components (one row per provider,
    one query). Registered as ``core.hooks.register_attendance_source``."""
    from regie.core.hooks import ReportedHours

    rows = (
        ProviderReport.objects.filter(
            kind=ReportKind.ATTENDANCE,
            enrolment__client_id=person_id,
            enrolment__component_uuid__in=list(component_uuids),
        )
        .values("provider__name")
        .annotate(total=Sum("hours_attended"))
        .order_by("provider__name")
    )
    return [
        ReportedHours(source=row["provider__name"], hours=row["total"] or Decimal(0))
        for row in rows
        if row["total"]
    ]


def provider_has_keurmerk(organisation_id: int, on_date) -> bool:
    """Whether the provider held the Blik op Werk Keurmerk Inburgeren on ``on_date``."""
    from .models import MarkKind, QualityMark

    return QualityMark.objects.filter(
        provider_id=organisation_id,
        kind=MarkKind.KEURMERK,
        valid_from__lte=on_date,
        valid_until__gte=on_date,
    ).exists()


def register_hooks() -> None:
    """Menu item and start-page card of the provider reports (called from
    ``OfferConfig.ready()``). The quality figures register theirs in ``regie.reporting``.
    The attended hours and the keurmerk check serve the completion rules of ``plans``."""
    from regie.core import hooks, menu

    menu.register(55, gettext_lazy("Meldingen"), "offer:report_upload", {Role.PROVIDER_STAFF})
    hooks.register_home_card(unofficial_exams_card)
    hooks.register_attendance_source(attendance_for_components)
    hooks.register_quality_mark_check(provider_has_keurmerk)
