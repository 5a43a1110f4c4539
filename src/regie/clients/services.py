"""State changes of clients, each in a transaction, scoped and audited (the model is tracked)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import Client
from .selectors import can_change_contact


@transaction.atomic
def update_contact(
    principal, client: Client, expected_version: int, *, phone: str, email: str
) -> Client:
    """Contact details may be changed by whoever has the full dossier (docs/roles.md).

    Optimistic locking (``core.locking``): a stale ``expected_version`` raises VersionConflict;
    the tracked save below keeps the change history."""
    from regie.core.locking import save_with_version

    if not can_change_contact(principal, client):
        raise PermissionDenied
    locked = Client.objects.select_for_update().get(pk=client.pk)
    save_with_version(locked, expected_version, fields=[])
    locked.phone = phone.strip()
    locked.email = email.strip()
    locked.save(update_fields=["phone", "email", "updated_at"])
    return locked


DATE_FIELDS = [
    "permit_date",
    "duty_start",
    "duty_start_reason",
    "duty_start_note",
    "linkage_date",
    "housing_date",
    "brp_date",
    "duo_notice_date",
    "benefit_start",
    "third_party_info_awaited",
    "third_party_info_received",
]


@transaction.atomic
def update_dates(principal, client: Client, expected_version: int, **values) -> Client:
    """Change the dates the rules count from; deadlines follow in the same transaction."""
    from regie.core.locking import save_with_version

    from . import deadlines

    if not can_change_contact(principal, client):
        raise PermissionDenied
    old = Client.objects.get(pk=client.pk)
    for name in DATE_FIELDS:
        if name in values:
            value = values[name]
            setattr(client, name, _EMPTY[name] if name in _EMPTY and not value else value)
    _check_duty_start(client)
    save_with_version(client, expected_version, fields=DATE_FIELDS)
    # the change history sees the update through the tracked save below (no field changes twice)
    _audit_fields(old, client, DATE_FIELDS)
    # an UPDATE sends no post_save: the dates reach the deadlines through the hook here
    deadlines.facts_changed(client)
    return client


_EMPTY = {"duty_start_reason": "vergunning", "duty_start_note": ""}


def _check_duty_start(client: Client) -> None:
    """The start of the duty with its reason (``clients.duty``); the law of the case stays as
    registered (a change of law is no date edit: docs/decisions.md)."""
    from django.core.exceptions import ValidationError

    from . import duty

    fields = {
        "permit_date": client.permit_date,
        "duty_start": client.duty_start,
        "duty_start_reason": client.duty_start_reason,
        "duty_start_note": client.duty_start_note,
        "regime": client.regime,
        "age_checked": True,
    }
    problems, _regime = duty.check_duty(fields)
    problems = [(f, m) for f, m in problems if f in ("duty_start", "duty_start_note")]
    if problems:
        raise ValidationError({f: [m] for f, m in problems})


def _audit_fields(old: Client, new: Client, fields: list[str]) -> None:
    from regie.core.audit import json_value, record_event
    from regie.core.models import AuditEvent

    before = {f: json_value(getattr(old, f)) for f in fields if getattr(old, f) != getattr(new, f)}
    if before:
        record_event(
            AuditEvent.Action.UPDATE,
            object_type="clients.Client",
            object_id=new.pk,
            object_repr=new,
            person_id=new.pk,
            before=before,
            after={f: json_value(getattr(new, f)) for f in before},
        )


def assignment_candidates(principal):
    """Users the team leader may assign: case managers of his team, guides and income consultants
    of his region."""
    from regie.core.models import User
    from regie.core.roles import Role

    region_id = principal.organisation.region_id

    def users(role, **org):
        return (
            User.objects.filter(
                role_assignments__role=role, role_assignments__is_active=True, **org
            )
            .distinct()
            .order_by("first_name", "last_name")
        )

    return {
        "case_manager": users(
            Role.CASE_MANAGER, role_assignments__organisation=principal.organisation
        ),
        "social_guide": users(
            Role.SOCIAL_GUIDE, role_assignments__organisation__region_id=region_id
        ),
        "income_consultant": users(
            Role.INCOME_CONSULTANT, role_assignments__organisation__region_id=region_id
        ),
    }


@transaction.atomic
def assign(principal, client: Client, expected_version: int | None = None, **people) -> Client:
    """The team leader assigns case manager, social guide and income consultant (docs/roles.md);
    every change is kept as a CaseloadAssignment with who assigned it, from and until when.

    From a form ``expected_version`` is the client's version it was opened with: a stale one
    raises VersionConflict before anything changes (``core.locking``)."""
    from django.utils import timezone

    from regie.core.locking import save_with_version
    from regie.core.roles import Role

    from .models import CaseloadAssignment

    if principal.role != Role.TEAM_LEADER or client.team_id != principal.organisation.pk:
        raise PermissionDenied
    if expected_version is not None:
        save_with_version(client, expected_version, fields=[])
    allowed = assignment_candidates(principal)
    now = timezone.now()
    changed = []
    for part, user in people.items():
        if user is not None and not allowed[part].filter(pk=user.pk).exists():
            raise PermissionDenied
        if getattr(client, f"{part}_id") == (user.pk if user else None):
            continue
        CaseloadAssignment.objects.filter(client=client, part=part, ended_at__isnull=True).update(
            ended_at=now
        )
        if user is not None:
            CaseloadAssignment.objects.create(
                client=client, part=part, user=user, assigned_by=principal.user
            )
        setattr(client, part, user)
        changed.append(part)
    if changed:
        client.save(update_fields=[*changed, "updated_at"])
    return client


def assign_area(principal, municipality, case_manager) -> int:
    """Area-based assignment: every unassigned client of one municipality to one case manager."""
    qs = Client.objects.filter(
        team_id=principal.organisation.pk, municipality=municipality, case_manager__isnull=True
    ).exclude(status="closed")
    count = 0
    for client in qs:
        assign(principal, client, case_manager=case_manager)
        count += 1
    return count
