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
