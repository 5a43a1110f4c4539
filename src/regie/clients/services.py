"""State changes of clients, each in a transaction, scoped and audited (the model is tracked)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import Client
from .selectors import can_change_contact


@transaction.atomic
def update_contact(principal, client: Client, *, phone: str, email: str) -> Client:
    """Contact details may be changed by whoever has the full dossier (architecture.md §2)."""
    if not can_change_contact(principal, client):
        raise PermissionDenied
    locked = Client.objects.select_for_update().get(pk=client.pk)
    locked.phone = phone.strip()
    locked.email = email.strip()
    locked.save(update_fields=["phone", "email", "updated_at"])
    return locked


DATE_FIELDS = [
    "permit_date",
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
            setattr(client, name, values[name])
    save_with_version(client, expected_version, fields=DATE_FIELDS)
    # the change history sees the update through the tracked save below (no field changes twice)
    _audit_fields(old, client, DATE_FIELDS)
    deadlines.recompute(client)
    return client


def _audit_fields(old: Client, new: Client, fields: list[str]) -> None:
    from regie.core.audit import _json_value, record_event
    from regie.core.models import AuditEvent

    before = {f: _json_value(getattr(old, f)) for f in fields if getattr(old, f) != getattr(new, f)}
    if before:
        record_event(
            AuditEvent.Action.UPDATE,
            object_type="clients.Client",
            object_id=new.pk,
            object_repr=new,
            person_id=new.pk,
            before=before,
            after={f: _json_value(getattr(new, f)) for f in before},
        )
