"""State changes of the intake: each in a transaction, scoped, validated, and kept in the history.

Writes need the full dossier (own case manager or team leader); the team's other case managers
only read. Versioned saves use ``core.locking.save_with_version`` (one atomic UPDATE ... WHERE
version = expected) and write the change history themselves, as ``clients.services`` does.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.clients import lifecycle
from regie.clients.models import Client, ClientStatus
from regie.core.audit import log_access, record_event, snapshot
from regie.core.locking import VersionConflict, save_with_version
from regie.core.models import AuditEvent
from regie.core.roles import Role

from . import selectors
from .forms import DOMAIN_FORMS, api_to_form_data
from .models import (
    SPECIAL_FIELDS,
    Domain,
    DomainRecord,
    DomainStatus,
    Intake,
    IntakeStatus,
    LbtDispensation,
    LbtOutcome,
    LearnabilityTest,
    SpecialCategoryRecord,
)

SPECIAL_ACTIVITY = "bijzondere-gegevens-inzien"
SPECIAL_PART = "bijzondere-gegevens"


def _require_full(principal, client: Client) -> None:
    if not selectors.may_change_intake(principal, client):
        raise PermissionDenied


def _versioned_save(obj, expected_version: int, fields: list[str], *, person_id, masked=()):
    """save_with_version plus a change-history event (masked fields: only "gewijzigd")."""
    model = type(obj)
    old = model._default_manager.get(pk=obj.pk)
    before_all = snapshot(old)
    save_with_version(obj, expected_version, fields=fields)
    after_all = snapshot(obj)
    before = {k: v for k, v in before_all.items() if after_all.get(k) != v}
    after = {k: after_all[k] for k in before}
    for name in masked:
        if getattr(old, name) != getattr(obj, name):
            before[name] = "(bijzonder gegeven)"
            after[name] = "gewijzigd"
    if before:
        record_event(
            AuditEvent.Action.UPDATE,
            object_type=model._meta.label,
            object_id=obj.pk,
            object_repr=obj,
            person_id=person_id,
            before=before,
            after=after,
        )


@transaction.atomic
def start_intake(principal, client: Client, *, on: dt.date | None = None) -> Intake:
    """Start the brede intake (Wi2021 art. 14): one record per life domain.

    The client's status moves from REGISTERED to INTAKE; a later status is kept. The local norm
    "intake gestart" (rule ``intake_start_weeks``) is met on the start date.
    """
    _require_full(principal, client)
    locked = Client.objects.select_for_update().get(pk=client.pk)
    if locked.status in (ClientStatus.CLOSED, ClientStatus.NOT_OBLIGED) or not locked.is_obliged:
        raise ValidationError(
            _("Deze klant is niet (meer) inburgeringsplichtig. Een intake starten kan dan niet.")
        )
    if Intake.objects.filter(client=locked).exists():
        raise ValidationError(_("De intake is al gestart. Open de intake om verder te gaan."))
    on = on or timezone.localdate()
    intake = Intake.objects.create(
        client=locked, started_on=on, started_by=getattr(principal, "user", None)
    )
    for domain in Domain.values:
        DomainRecord.objects.create(intake=intake, domain=domain)
    # registered -> intake; a later state is kept (the table's no-op); deadlines follow the facts
    lifecycle.transition(locked, lifecycle.START_INTAKE)
    client.status = locked.status
    return intake


def _editable_intake(principal, client: Client) -> Intake:
    _require_full(principal, client)
    intake = selectors.get_intake(client)
    if intake is None:
        raise ValidationError(_("De intake is nog niet gestart. Start eerst de intake."))
    if intake.is_completed:
        raise ValidationError(_("De intake is afgerond. Gegevens wijzigen kan niet meer."))
    return intake


def validate_domain_data(domain: str, data: dict, *, done: bool) -> dict:
    """Validate ``data`` with the domain's form; returns the JSON to store.

    Raises ValidationError with the form's Dutch messages per field.
    """
    form_class = DOMAIN_FORMS[domain]
    unknown = sorted(set(data or {}) - set(form_class.base_fields))
    if unknown:
        raise ValidationError(
            {name: [_("Dit onderdeel kent dit gegeven niet. Laat het weg.")] for name in unknown}
        )
    form = form_class(api_to_form_data(data), done=done)
    if not form.is_valid():
        raise ValidationError(
            {
                name: [e["message"] for e in errors]
                for name, errors in form.errors.get_json_data().items()
            }
        )
    return form.stored_data()


@transaction.atomic
def save_domain(
    principal, client: Client, domain: str, expected_version: int, data: dict, *, done: bool
) -> DomainRecord:
    """Save one life domain: a draft (in progress) or done.

    Done needs the domain's core answers (forms.py ``required_when_done``). A stale version
    raises VersionConflict (optimistic locking, docs/casework.md).
    """
    intake = _editable_intake(principal, client)
    record = selectors.get_domain_record(intake, domain)
    if record is None:
        raise ValidationError(_("Dit onderdeel bestaat niet."))
    stored = validate_domain_data(domain, data, done=done)
    record.data = stored
    record.status = DomainStatus.DONE if done else DomainStatus.IN_PROGRESS
    _versioned_save(record, expected_version, ["data", "status"], person_id=client.pk)
    return record


@transaction.atomic
def complete_intake(principal, client: Client, *, on: dt.date | None = None) -> Intake:
    """Complete the intake: every life domain done and the LBT recorded or dispensed.

    The learnability test is part of the brede intake (Wi2021 art. 14; Divosa *Handreiking
    Brede intake en PIP*). Refused with a list of what is still open.
    """
    intake = _editable_intake(principal, client)
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    problems = [
        _("Onderdeel {name} is nog niet klaar.").format(name=r.get_domain_display())
        for r in selectors.open_domains(intake)
    ]
    lbt = selectors.get_learnability_test(client)
    if lbt is None or not lbt.is_recorded:
        problems.append(
            _("Leg de uitkomst van de leerbaarheidstoets vast, of de ontheffing ervan.")
        )
    if problems:
        raise ValidationError(problems)
    intake.status = IntakeStatus.COMPLETED
    intake.completed_on = on or timezone.localdate()
    intake.version += 1
    intake.save(update_fields=["status", "completed_on", "version", "updated_at"])
    return intake


LBT_FIELDS = [
    "taken_on",
    "assessor",
    "outcome",
    "score",
    "notes",
    "dispensation",
    "dispensation_decided_on",
]


def _validate_lbt(principal, current: LearnabilityTest | None, values: dict) -> dict:
    errors: dict[str, list] = {}
    outcome = values.get("outcome") or ""
    dispensation = values.get("dispensation") or ""
    if outcome and outcome not in LbtOutcome.values:
        errors["outcome"] = [_("Kies B1-route, onderwijsroute of Z-route.")]
    if dispensation not in LbtDispensation.values:
        errors["dispensation"] = [_("Kies een visuele of auditieve beperking, of geen ontheffing.")]
    taken = values.get("taken_on")
    if outcome or values.get("assessor") or taken:
        if not taken:
            errors["taken_on"] = [_("Vul de datum van de toets in.")]
        if not values.get("assessor"):
            errors["assessor"] = [_("Vul in welke onafhankelijke partij de toets afnam.")]
        if not outcome:
            errors["outcome"] = [_("Kies het advies van de toets.")]
    if dispensation and not values.get("dispensation_decided_on"):
        errors["dispensation_decided_on"] = [
            _("Vul de datum van het besluit over de ontheffing in.")
        ]
    if values.get("dispensation_decided_on") and not dispensation:
        errors["dispensation"] = [_("Kies de beperking waarvoor de ontheffing geldt.")]
    old_dispensation = (
        (current.dispensation, current.dispensation_decided_on) if current else ("", None)
    )
    new_dispensation = (dispensation, values.get("dispensation_decided_on"))
    if new_dispensation != old_dispensation and principal.role != Role.TEAM_LEADER:
        errors.setdefault("dispensation", []).append(
            _(
                "Alleen de teamleider legt het besluit over een ontheffing vast. Vraag de teamleider."
            )
        )
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def save_learnability_test(
    principal, client: Client, expected_version: int, **values
) -> LearnabilityTest:
    """Record the LBT (by an independent party; its advice) or the municipal dispensation.

    Dispensation: the college exempts people with a visual impairment, or an auditory
    impairment that prevents the test (Wi2021 art. 14 lid 6-7). It is a
    municipal decision, so only the team leader records it. ``expected_version`` 0 means the
    form was opened when no test was recorded yet.
    """
    _editable_intake(principal, client)
    current = selectors.get_learnability_test(client)
    values = {name: values.get(name) for name in LBT_FIELDS}
    for name in ("assessor", "outcome", "score", "notes", "dispensation"):
        values[name] = (values[name] or "").strip()
    _validate_lbt(principal, current, values)
    if current is None:
        if expected_version != 0:
            raise VersionConflict
        current = LearnabilityTest.objects.create(client=client, **values)
    else:
        for name, value in values.items():
            setattr(current, name, value)
        _versioned_save(current, expected_version, LBT_FIELDS, person_id=client.pk)
    return current


def open_special_record(principal, client: Client, purpose: str) -> SpecialCategoryRecord:
    """Open the special-category record: own case manager or team leader, with a purpose.

    Each opening is an access-log row (activity "bijzondere-gegevens-inzien") carrying the
    purpose the user typed (docs/roles.md; AVG art. 9). Returns an unsaved, empty record
    when nothing was recorded yet.
    """
    if not selectors.may_open_special(principal, client):
        raise PermissionDenied
    purpose = " ".join((purpose or "").split())
    if not purpose:
        raise ValidationError(_("Vul in waarom u deze gegevens opent."))
    log_access(
        principal,
        [(client.pk, client.bsn)],
        part=SPECIAL_PART,
        activity=SPECIAL_ACTIVITY,
        purpose=purpose,
    )
    return selectors.get_special_record(client) or SpecialCategoryRecord(client=client, version=0)


@transaction.atomic
def save_special_record(
    principal, client: Client, expected_version: int, purpose: str, **values
) -> SpecialCategoryRecord:
    """Save the special-category record (own case manager or team leader, with a purpose).

    The change history keeps only that a field changed, never its content.
    """
    if not selectors.may_open_special(principal, client):
        raise PermissionDenied
    if not " ".join((purpose or "").split()):
        raise ValidationError(_("Vul in waarom u deze gegevens opent."))
    values = {name: (values.get(name) or "").strip() for name in SPECIAL_FIELDS}
    record = selectors.get_special_record(client)
    if record is None:
        if expected_version != 0:
            raise VersionConflict
        record = SpecialCategoryRecord.objects.create(client=client, **values)
    else:
        for name, value in values.items():
            setattr(record, name, value)
        _versioned_save(
            record,
            expected_version,
            list(SPECIAL_FIELDS),
            person_id=client.pk,
            masked=SPECIAL_FIELDS,
        )
    log_access(
        principal,
        [(client.pk, client.bsn)],
        part=SPECIAL_PART,
        activity=SPECIAL_ACTIVITY,
        purpose=purpose,
    )
    return record
