"""Work items: tasks for a person or a role (ADR 0008). The registry and every state change.

An app that needs a person to act registers a *kind* in its ``AppConfig.ready()``
(:func:`register_kind`: code, Dutch label, the role that handles it, default due days, a link to
where the work is done) and creates items from its own services with :func:`create`, in the same
transaction as the fact that asks for the work. Creating twice for the same ``source`` gives the
same item (idempotent), so a retried import or message never doubles a task.

The person an item concerns is a generic reference (``subject_type``, ``subject_id``), like the
access log's ``person_type``/``person_id``: core never imports the app that owns persons. That
app registers the subject type (:func:`register_subject`): which subjects a principal may see,
which are his own, and how to load the rows of one page in one query. An item whose subject type
is not registered is visible to nobody (closed by default).

State changes (:func:`assign`, :func:`complete`, :func:`cancel`) take the principal, check his
rights against the scoped selector ``core.selectors.visible_work_items``, lock the row, and keep
the history through ``core.audit`` (the model is tracked). Reads are in ``core.selectors``.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .errors import ConflictError
from .models import Organisation, RoleAssignment, User, WorkItem, WorkItemState
from .roles import Role
from .selectors import visible_work_items
from .workitem_kinds import (  # noqa: F401 - the registry is part of this module's public API
    _KINDS,
    _SUBJECTS,
    Kind,
    Subject,
    SubjectType,
    get_kind,
    kind_label,
    kinds,
    register_kind,
    register_subject,
    subject_types,
)


class WorkItemClosed(ConflictError):
    """The item was finished or cancelled already (by someone else, or by the act itself)."""

    default_message = _("Deze taak is al afgehandeld.")


# --- services -----------------------------------------------------------------------------------


def _user_of(principal) -> User:
    if principal is None or principal.user is None:
        raise PermissionDenied
    return principal.user


def can_finish(principal, item: WorkItem) -> bool:
    """Whoever sees an item may finish it: its assignee, anyone of its role while it is not
    assigned, and the team leader of its organisation (always scoped by the subject)."""
    if principal is None or principal.user is None:
        return False
    return visible_work_items(principal).filter(pk=item.pk).exists()


@transaction.atomic
def create(
    kind: str,
    *,
    organisation: Organisation,
    source: str,
    subject: tuple[str, int] | None = None,
    summary: str = "",
    due_date: dt.date | None = None,
    assignee: User | None = None,
    role: str | None = None,
    details: dict | None = None,
    by: User | None = None,
) -> tuple[WorkItem, bool]:
    """Create the item for ``source`` (e.g. ``"OutboxMessage:42"``) once; a second call returns
    the existing one with ``False``. Called by the owning app's service, which checked rights."""
    spec = get_kind(kind)
    if not source:
        raise ValueError("a work item needs a source reference")
    subject_type, subject_id = subject if subject else ("", None)
    if subject_type and subject_type not in _SUBJECTS:
        raise ValueError(f"subject type {subject_type!r} is not registered")
    due = due_date or timezone.localdate() + dt.timedelta(days=spec.due_days)
    return WorkItem.objects.get_or_create(
        kind=kind,
        source=source[:100],
        defaults={
            "organisation": organisation,
            "subject_type": subject_type,
            "subject_id": subject_id,
            "summary": str(summary)[:200],
            "due_date": due,
            "assignee": assignee,
            "role": role or spec.role,
            "details": details or {},
            "created_by": by,
        },
    )


def _lock_open(item: WorkItem) -> WorkItem:
    locked = WorkItem.objects.select_for_update().get(pk=item.pk)
    if locked.state != WorkItemState.OPEN:
        raise WorkItemClosed
    return locked


@transaction.atomic
def assign(principal, item: WorkItem, user: User | None) -> WorkItem:
    """The team leader gives an item to one person of its role in its organisation (or back
    to the role, with ``None``)."""
    if principal is None or principal.role != Role.TEAM_LEADER or not can_finish(principal, item):
        raise PermissionDenied
    item = _lock_open(item)
    if user is not None:
        fits = RoleAssignment.objects.filter(
            user=user, organisation_id=item.organisation_id, role=item.role, is_active=True
        ).exists()
        if not fits:
            raise ValidationError(_("Kies iemand met de juiste rol in deze organisatie."))
    item.assignee = user
    item.save(update_fields=["assignee"])
    return item


def _finish(item: WorkItem, state: str, user: User | None, note: str) -> WorkItem:
    item.state = state
    item.finished_at = timezone.now()
    item.finished_by = user
    item.outcome_note = (note or "").strip()
    item.save(update_fields=["state", "finished_at", "finished_by", "outcome_note"])
    return item


@transaction.atomic
def complete(principal, item: WorkItem, note: str = "") -> WorkItem:
    """Mark the item done by the acting person, with an optional note on the outcome."""
    user = _user_of(principal)
    if not can_finish(principal, item):
        raise PermissionDenied
    item = _lock_open(item)
    if item.kind in _KINDS and _KINDS[item.kind].completed_by_act:
        raise WorkItemClosed(_("Deze taak is klaar zodra de handeling zelf is gedaan."))
    return _finish(item, WorkItemState.DONE, user, note)


@transaction.atomic
def cancel(principal, item: WorkItem, reason: str) -> WorkItem:
    """Cancel an item that no longer needs doing; the reason is required and kept."""
    user = _user_of(principal)
    if not (reason or "").strip():
        raise ValidationError(_("Vul de reden in waarom de taak vervalt."))
    if not can_finish(principal, item):
        raise PermissionDenied
    item = _lock_open(item)
    return _finish(item, WorkItemState.CANCELLED, user, reason)


def _open_for(kind: str, subject: tuple[str, int]) -> Iterable[WorkItem]:
    return WorkItem.objects.select_for_update().filter(
        kind=kind, subject_type=subject[0], subject_id=subject[1], state=WorkItemState.OPEN
    )


@transaction.atomic
def complete_open(kind: str, subject: tuple[str, int], *, by: User | None, note: str = "") -> int:
    """The act itself was done (e.g. the PIP was decided): finish the subject's open items of
    this kind. Called by the owning app's service, which checked the rights for the act."""
    items = list(_open_for(kind, subject))
    for item in items:
        _finish(item, WorkItemState.DONE, by, note)
    return len(items)


@transaction.atomic
def cancel_open(kind: str, subject: tuple[str, int], *, by: User | None, reason: str) -> int:
    """The reason for the work went away (e.g. the PIP was put back to draft)."""
    items = list(_open_for(kind, subject))
    for item in items:
        _finish(item, WorkItemState.CANCELLED, by, reason)
    return len(items)


@transaction.atomic
def cancel_all_open(
    subject: tuple[str, int], *, by: User | None, reason: str, keep_prefixes: tuple[str, ...] = ()
) -> int:
    """The subject's case ended (e.g. the dossier was closed): cancel all its open items with
    ``reason``, except kinds starting with one of ``keep_prefixes`` (work still owed to others).
    Called by the owning app's service, which checked the rights for the act."""
    items = WorkItem.objects.select_for_update().filter(
        subject_type=subject[0], subject_id=subject[1], state=WorkItemState.OPEN
    )
    count = 0
    for item in items:
        if keep_prefixes and item.kind.startswith(keep_prefixes):
            continue
        _finish(item, WorkItemState.CANCELLED, by, reason)
        count += 1
    return count
