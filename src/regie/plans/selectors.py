"""Scoped reads of PIPs: only who may open the dossier in full or read-only sees the plan."""

from django.db.models import QuerySet

from regie.clients.selectors import Access, dossier_access, visible_clients
from regie.core.roles import Role

from .models import Component, Plan, PlanVersion, VersionStatus

PLAN_ACCESS = {Access.FULL, Access.READ}


def plan_clients(principal):
    """Clients whose plan the principal may read: the case managers and team leaders of the team
    (other roles reach no plan, whatever they see of the client)."""
    if principal is None or principal.role not in (Role.CASE_MANAGER, Role.TEAM_LEADER):
        return visible_clients(None)
    return visible_clients(principal)


def plans_for(principal) -> QuerySet[Plan]:
    return Plan.objects.filter(client__in=plan_clients(principal)).select_related("client")


def versions_for(principal) -> QuerySet[PlanVersion]:
    return PlanVersion.objects.filter(client__in=plan_clients(principal)).select_related(
        "client", "client__municipality", "plan", "drafted_by", "decided_by"
    )


def components_for(principal) -> QuerySet[Component]:
    return Component.objects.filter(client__in=plan_clients(principal)).select_related(
        "plan_version", "provider"
    )


def can_write(principal, client) -> bool:
    return (
        principal is not None
        and principal.user is not None
        and (dossier_access(principal, client) == Access.FULL)
    )


def plan_of(client) -> Plan | None:
    return Plan.objects.filter(client=client).first()


def current_version(plan: Plan | None) -> PlanVersion | None:
    if plan is None:
        return None
    return plan.versions.filter(status=VersionStatus.DECIDED).order_by("-number").first()


def open_version(plan: Plan | None) -> PlanVersion | None:
    if plan is None:
        return None
    return plan.versions.filter(status__in=[VersionStatus.DRAFT, VersionStatus.SUBMITTED]).first()


def prefill_available() -> bool:
    try:
        from regie.intake.selectors import prefill_for_plan  # noqa: F401
    except (ImportError, AttributeError):
        return False
    return True


# --- for system jobs (the ZGW export in ``exchange``): unscoped, the caller records the read ---


def decided_versions_of(client) -> list[PlanVersion]:
    """Every PIP decision of a client (current and superseded), oldest first."""
    return list(
        PlanVersion.objects.filter(
            client=client,
            status__in=[VersionStatus.DECIDED, VersionStatus.SUPERSEDED],
            decision_date__isnull=False,
        ).order_by("number")
    )


def decision_pdf(version: PlanVersion) -> bytes:
    """The beschikking (Awb art. 3:40) of one PIP decision as a PDF."""
    from .pdf import render_decision_pdf

    return render_decision_pdf(version)


def decided_versions() -> QuerySet[PlanVersion]:
    """Decided PIP versions, newest first (unscoped: for the demo's stand-in login page)."""
    return PlanVersion.objects.filter(status=VersionStatus.DECIDED).order_by(
        "-decision_date", "-id"
    )
