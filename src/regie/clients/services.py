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
