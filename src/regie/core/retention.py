"""Retention and destruction: closed cases are kept only as long as the selection list for
municipal archives (Archiefwet) and the AVG allow.

Core knows no dossier: each app registers its record types here (:func:`register_record_type`)
with the rule-set key of its retention period, a *finder* ``(region_id, ended_before) -> ids`` of
the records whose case ended on or before that date, and a *destroyer* ``(ids) -> count``.

- :func:`list_due` (the daily job ``core.retention``) puts what is due on a destruction list
  (:class:`~regie.core.models.DestructionBatch`), one per region and record type. Special-category
  records are listed every day (their term runs from the end of the case); other types on the
  first day of the month.
- :func:`approve`: a functional administrator and a privacy officer of the region approve, two
  different people; with the second approval the records are destroyed in one transaction
  (special-category types first) and the ids are emptied: the batch is then the destruction log
  (record type, count, keyed digest of the ids, dates, approvers), without personal data.

The retention periods are rules of the rule set (``core.ruleset``), with their source or
UNCONFIRMED.
"""

import datetime as dt
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .errors import ConflictError
from .models import DestructionBatch, Region
from .roles import Role
from .ruleset import rules_on

APPROVER_ROLES = (Role.FUNCTIONAL_ADMIN, Role.PRIVACY_OFFICER)


@dataclass(frozen=True)
class RecordType:
    code: str
    label: str
    rule: str  # rule-set key of the retention period
    unit: str  # "days" or "years"
    finder: Callable  # (region_id, ended_before: date) -> list[int]
    destroyer: Callable  # (ids: list[int]) -> int
    special_category: bool = False
    # destroyed in this order within a region: special categories (0) first, then what refers to
    # the dossier (an app's records that PROTECT the client), the client dossier itself last
    order: int = 50


_TYPES: dict[str, RecordType] = {}


def register_record_type(
    code: str,
    label,
    *,
    rule: str,
    unit: str,
    finder: Callable,
    destroyer: Callable,
    special_category: bool = False,
    order: int | None = None,
) -> RecordType:
    """Register a record type (called from the owning app's ``ready()``). ``order``: lower is
    destroyed first (special categories 0; the client dossier, which others refer to, last)."""
    if unit not in ("days", "years"):
        raise ValueError(f"unknown unit {unit!r} for record type {code!r}")
    if order is None:
        order = 0 if special_category else 50
    record_type = RecordType(code, label, rule, unit, finder, destroyer, special_category, order)
    _TYPES[code] = record_type
    return record_type


def record_types() -> list[RecordType]:
    """In destruction order: special-category types first, the client dossier last."""
    return sorted(_TYPES.values(), key=lambda t: (t.order, t.code))


def type_label(code: str) -> str:
    record_type = _TYPES.get(code)
    return str(record_type.label) if record_type else code


def ended_before(record_type: RecordType, today: dt.date) -> tuple[dt.date, str]:
    """The last case-end date whose records are due today, and the period in words."""
    period = int(rules_on(today).value(record_type.rule))
    if record_type.unit == "days":
        return today - dt.timedelta(days=period), _("%(n)s dagen na einde zaak") % {"n": period}
    try:
        cutoff = today.replace(year=today.year - period)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - period, day=28)
    return cutoff, _("%(n)s jaar na einde zaak") % {"n": period}


def digest(record_type: str, ids) -> str:
    """A keyed digest of the ids: shows later which set was destroyed without keeping the ids."""
    message = f"{record_type}:{','.join(str(i) for i in sorted(ids))}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@transaction.atomic
def list_due(today: dt.date | None = None) -> list[DestructionBatch]:
    """The daily job: list what is due (idempotent: ids already on an open list are skipped)."""
    today = today or timezone.localdate()
    made = []
    for record_type in record_types():
        if not record_type.special_category and today.day != 1:
            continue
        cutoff, retention = ended_before(record_type, today)
        for region_id in Region.objects.values_list("pk", flat=True):
            listed = set()
            for batch in DestructionBatch.objects.filter(
                region_id=region_id,
                record_type=record_type.code,
                status=DestructionBatch.Status.LISTED,
            ):
                listed.update(batch.item_ids)
            ids = sorted(set(record_type.finder(region_id, cutoff)) - listed)
            if not ids:
                continue
            made.append(
                DestructionBatch.objects.create(
                    region_id=region_id,
                    record_type=record_type.code,
                    listed_on=today,
                    ended_before=cutoff,
                    retention=str(retention)[:100],
                    item_ids=ids,
                    digest=digest(record_type.code, ids),
                    count=len(ids),
                )
            )
    return made


def may_approve(principal) -> bool:
    return principal is not None and principal.user is not None and principal.role in APPROVER_ROLES


def visible_batches(principal):
    """The lists of the approver's region (nobody else sees them)."""
    if not may_approve(principal):
        return DestructionBatch.objects.none()
    return DestructionBatch.objects.filter(region_id=principal.organisation.region_id)


def awaiting(principal) -> int:
    """How many lists wait for this approver's role (for the start page)."""
    slot = (
        "admin_approved_by__isnull"
        if principal is not None and principal.role == Role.FUNCTIONAL_ADMIN
        else "privacy_approved_by__isnull"
    )
    return (
        visible_batches(principal)
        .filter(status=DestructionBatch.Status.LISTED, **{slot: True})
        .count()
    )


def home_link(principal) -> dict:
    from django.urls import reverse
    from django.utils.translation import ngettext

    n = awaiting(principal)
    return {
        "label": _("Vernietigen na de bewaartermijn"),
        "url": reverse("core:destruction"),
        "note": ngettext(
            "%(n)s lijst wacht op uw akkoord", "%(n)s lijsten wachten op uw akkoord", n
        )
        % {"n": n},
    }


class SameApprover(ConflictError):
    default_message = _(
        "U heeft deze lijst al goedgekeurd in uw andere rol. Vernietigen vraagt het akkoord van "
        "twee verschillende mensen: een functioneel beheerder en een privacy officer."
    )


class AlreadyDestroyed(ConflictError):
    default_message = _("Deze lijst is al vernietigd.")


@transaction.atomic
def approve(principal, batch: DestructionBatch) -> DestructionBatch:
    """Approve as functional administrator or privacy officer; the second approval (by another
    person in the other role) destroys the records."""
    if not may_approve(principal) or not visible_batches(principal).filter(pk=batch.pk).exists():
        raise PermissionDenied
    batch = DestructionBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != DestructionBatch.Status.LISTED:
        raise AlreadyDestroyed
    user, now = principal.user, timezone.now()
    if principal.role == Role.FUNCTIONAL_ADMIN:
        if batch.privacy_approved_by_id == user.pk:
            raise SameApprover
        batch.admin_approved_by, batch.admin_approved_at = user, now
    else:
        if batch.admin_approved_by_id == user.pk:
            raise SameApprover
        batch.privacy_approved_by, batch.privacy_approved_at = user, now
    batch.save(
        update_fields=[
            "admin_approved_by",
            "admin_approved_at",
            "privacy_approved_by",
            "privacy_approved_at",
        ]
    )
    if batch.admin_approved_by_id and batch.privacy_approved_by_id:
        _destroy(batch)
    return batch


def _destroy(batch: DestructionBatch) -> None:
    record_type = _TYPES.get(batch.record_type)
    if record_type is None:
        raise ConflictError(_("Deze soort gegevens is niet meer bekend; er is niets vernietigd."))
    # the region's lists of earlier types go first (special categories before anything else)
    earlier = [t for t in record_types() if t.order < record_type.order]
    waiting = (
        DestructionBatch.objects.filter(
            region_id=batch.region_id,
            record_type__in=[t.code for t in earlier],
            status=DestructionBatch.Status.LISTED,
        )
        .values_list("record_type", flat=True)
        .first()
    )
    if waiting:
        raise ConflictError(
            _("Vernietig eerst de lijst '%(first)s' van deze regio; daarna deze lijst.")
            % {"first": type_label(waiting)}
        )
    from .audit import destroying

    with destroying():  # the delete events keep field names, not the destroyed values
        batch.destroyed_count = record_type.destroyer(list(batch.item_ids))
    batch.item_ids = []
    batch.status = DestructionBatch.Status.DESTROYED
    batch.destroyed_at = timezone.now()
    batch.save(update_fields=["destroyed_count", "item_ids", "status", "destroyed_at"])
