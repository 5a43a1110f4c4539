"""Scoped reads of PIPs: only who may open the dossier in full or read-only sees the plan."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, Sum

from regie.clients.selectors import Access, dossier_access, visible_clients
from regie.core import hooks
from regie.core.roles import Role

from .models import AttendedActivity, Component, Milestone, Plan, PlanVersion, VersionStatus

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


# --- attended hours and milestones (completion of PVT, MAP and the Z-route) --------------------


@dataclass
class AttendedHours:
    """The hours a client *attended* in some PIP parts, with who reported them: the providers'
    attendance reports (``offer``, through ``core.hooks``) and the activities staff recorded with
    the reporting organisation. Hours typed as a bare total on the progress page, and planned
    hours, are not in here."""

    kinds: tuple
    reported: list = field(default_factory=list)  # core.hooks.ReportedHours per provider
    recorded: Decimal = Decimal(0)

    @property
    def reported_total(self) -> Decimal:
        return sum((r.hours for r in self.reported), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.reported_total + self.recorded


def attended_hours(client, kinds) -> AttendedHours:
    """Attended hours of ``client`` in the parts ``kinds`` (three queries: the components of
    every version, the providers' reports, the recorded activities)."""
    kinds = tuple(str(k) for k in kinds)
    uuids = list(
        Component.objects.filter(client=client, kind__in=kinds).values_list("uuid", flat=True)
    )
    recorded = AttendedActivity.objects.filter(client=client, kind__in=kinds).aggregate(
        total=Sum("hours")
    )["total"]
    return AttendedHours(
        kinds=kinds,
        reported=hooks.reported_attendance(client.pk, uuids),
        recorded=recorded or Decimal(0),
    )


def activities_of(client) -> list[AttendedActivity]:
    return list(
        AttendedActivity.objects.filter(client=client)
        .select_related("recorded_by")
        .order_by("-date", "-id")
    )


def milestones_of(client) -> dict[str, Milestone]:
    """The recorded signing and eindgesprekken of a client, by kind."""
    return {
        m.kind: m for m in Milestone.objects.filter(client=client).select_related("recorded_by")
    }
