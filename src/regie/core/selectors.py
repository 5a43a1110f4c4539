"""Scoped reads of core data. Every view, API endpoint and export uses these."""

from django.db.models import Q, QuerySet

from .models import AccessLogEntry, AuditEvent, HousingTarget, Organisation
from .roles import OrganisationKind, Role

SMALL_COUNT_THRESHOLD = 5


def visible_organisations(principal) -> QuerySet[Organisation]:
    """Reference data: a provider sees itself; everyone else its region plus national parties."""
    qs = Organisation.objects.select_related("region")
    if principal is None:
        return qs.none()
    if principal.role == Role.PROVIDER_STAFF:
        return qs.filter(pk=principal.organisation.pk)
    return qs.filter(Q(region_id=principal.region_id) | Q(region__isnull=True))


def visible_housing_targets(principal) -> QuerySet[HousingTarget]:
    qs = HousingTarget.objects.select_related("municipality")
    if principal is None or principal.role == Role.PROVIDER_STAFF:
        return qs.none()
    return qs.filter(municipality__region_id=principal.region_id)


def municipalities(principal) -> QuerySet[Organisation]:
    return visible_organisations(principal).filter(kind=OrganisationKind.MUNICIPALITY)


def can_edit_reference_data(principal) -> bool:
    return principal is not None and principal.role == Role.FUNCTIONAL_ADMIN


def visible_access_log(principal) -> QuerySet[AccessLogEntry]:
    """Only the privacy officer reads the access log, for his own region's organisations."""
    qs = AccessLogEntry.objects.select_related("activity", "organisation")
    if principal is None or principal.role != Role.PRIVACY_OFFICER:
        return qs.none()
    return qs.filter(organisation__region_id=principal.region_id)


def visible_change_log(principal) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.select_related("organisation")
    if principal is None or principal.role != Role.PRIVACY_OFFICER:
        return qs.none()
    return qs.filter(Q(organisation__region_id=principal.region_id) | Q(organisation__isnull=True))


def suppress_small(count: int | None, threshold: int = SMALL_COUNT_THRESHOLD) -> str:
    """Aggregates shown to a municipality hide counts from 1 to threshold-1 ('<5')."""
    if count is None:
        return "–"
    if 0 < count < threshold:
        return f"<{threshold}"
    return str(count)


# --- work items (core.workitems) ------------------------------------------------------------------


def visible_work_items(principal) -> QuerySet:
    """Work items a principal may see and finish: in his organisation; a team leader all of
    them, anyone else those of his role that are his or not yet assigned. An item about a
    person is visible only if that person is visible to him (the subject type's scope, a
    subquery); an unregistered subject type is visible to nobody."""
    from .models import WorkItem
    from .workitem_kinds import subject_types

    qs = WorkItem.objects.select_related("assignee")
    if principal is None or principal.user is None:
        return qs.none()
    scope = Q(organisation_id=principal.organisation.pk)
    if principal.role != Role.TEAM_LEADER:
        scope &= Q(role=principal.role) & (
            Q(assignee_id=principal.user.pk) | Q(assignee__isnull=True)
        )
    subjects = Q(subject_type="")
    for code, subject_type in subject_types().items():
        subjects |= Q(subject_type=code, subject_id__in=subject_type.visible(principal))
    return qs.filter(scope & subjects)


def open_work_items(principal, *, mine: bool = False) -> QuerySet:
    """Open items by due date (index ``workitem_queue``). ``mine``: assigned to him, or not
    assigned and about his own persons (the subject type's ``own``)."""
    from .models import WorkItemState
    from .workitem_kinds import subject_types

    qs = visible_work_items(principal).filter(state=WorkItemState.OPEN)
    if mine and principal is not None and principal.user is not None:
        own = Q()
        for code, subject_type in subject_types().items():
            if subject_type.own is not None:
                own |= Q(subject_type=code, subject_id__in=subject_type.own(principal))
        qs = qs.filter(Q(assignee_id=principal.user.pk) | (Q(assignee__isnull=True) & own))
    return qs.order_by("due_date", "id")


def get_visible_work_item(principal, uuid):
    return visible_work_items(principal).filter(uuid=uuid).first()


def with_subjects(items) -> list:
    """Attach ``subject``, ``kind_label`` and ``link`` to each item: one query per subject type
    on the page, whatever the number of rows."""
    from .workitem_kinds import kind_label, kinds, subject_types

    rows = list(items)
    wanted: dict[str, set[int]] = {}
    for item in rows:
        if item.subject_type:
            wanted.setdefault(item.subject_type, set()).add(item.subject_id)
    loaded: dict[str, dict] = {}
    registered = subject_types()
    for code, ids in wanted.items():
        loaded[code] = registered[code].load(ids) if code in registered else {}
    specs = kinds()
    for item in rows:
        spec = specs.get(item.kind)
        item.subject = loaded.get(item.subject_type, {}).get(item.subject_id)
        item.kind_spec = spec
        item.kind_label = kind_label(item.kind)
        item.link = spec.url(item, item.subject) if spec and spec.url else None
        item.link_text = (spec.link_text if spec else None) or item.kind_label
        item.completed_by_act = bool(spec and spec.completed_by_act)
        item.description = spec.describe(item) if spec and spec.describe else item.summary
    return rows
