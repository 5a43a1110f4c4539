"""Scoped reads of clients: the one place that decides which clients a principal may see.

``visible_clients(principal)`` is used by every list, dossier, export, API endpoint and report.
``dossier_access(principal, client)`` says how much of one dossier he may open.
"""

from collections.abc import Callable
from enum import StrEnum

from django.db.models import Count, Q, QuerySet

from regie.core.bsn import is_valid_bsn, normalise_bsn
from regie.core.roles import Role
from regie.core.selectors import suppress_small

from .models import Client, ClientStatus


class Access(StrEnum):
    FULL = "full"  # own caseload (case manager), every team dossier (team leader)
    READ = "read"  # read-only, logged: the case manager's area team
    CONTACT = "contact"  # contact data and guidance part only (begeleider)
    INCOME = "income"  # ontzorgen and participation part only (inkomensconsulent)
    ENROLMENT = "enrolment"  # name, route, schedule (provider staff)


# Higher apps add signals to the worklist: callables (principal) -> list of
# {"client": Client, "text": str}, e.g. the offer app's low-attendance signal.
WORKLIST_SIGNALS: list[Callable] = []

# Higher apps (offer) add how a role reaches clients, e.g. providers through enrolments:
# role -> callable(principal) -> Q. Without an entry a role sees no client at all.
SCOPE_EXTENSIONS: dict[str, Callable] = {}


def _scope(principal) -> Q | None:
    role = principal.role
    if role in (Role.CASE_MANAGER, Role.TEAM_LEADER):
        return Q(team_id=principal.organisation.pk)
    if role == Role.SOCIAL_GUIDE:
        return Q(social_guide_id=principal.user.pk) if principal.user else None
    if role == Role.INCOME_CONSULTANT:
        return Q(income_consultant_id=principal.user.pk) if principal.user else None
    if role in SCOPE_EXTENSIONS:
        return SCOPE_EXTENSIONS[role](principal)
    return None


def visible_clients(principal) -> QuerySet[Client]:
    qs = Client.objects.select_related("municipality", "case_manager")
    if principal is None:
        return qs.none()
    scope = _scope(principal)
    return qs.filter(scope) if scope is not None else qs.none()


def dossier_access(principal, client: Client) -> Access | None:
    if principal is None:
        return None
    role = principal.role
    user_id = principal.user.pk if principal.user else None
    if role == Role.TEAM_LEADER and client.team_id == principal.organisation.pk:
        return Access.FULL
    if role == Role.CASE_MANAGER and client.team_id == principal.organisation.pk:
        own = user_id is not None and client.case_manager_id == user_id
        return Access.FULL if own else Access.READ
    if role == Role.SOCIAL_GUIDE and client.social_guide_id == user_id and user_id:
        return Access.CONTACT
    if role == Role.INCOME_CONSULTANT and client.income_consultant_id == user_id and user_id:
        return Access.INCOME
    if role in SCOPE_EXTENSIONS and visible_clients(principal).filter(pk=client.pk).exists():
        return Access.ENROLMENT
    return None


def can_change_contact(principal, client: Client) -> bool:
    return dossier_access(principal, client) == Access.FULL


def get_visible_client(principal, uuid) -> Client | None:
    return visible_clients(principal).filter(uuid=uuid).first()


def search_clients(qs: QuerySet[Client], query: str) -> QuerySet[Client]:
    query = (query or "").strip()
    if not query:
        return qs
    digits = normalise_bsn(query)
    if digits.isdigit() and len(digits) == 9:
        return qs.filter(bsn=digits) if is_valid_bsn(digits) else qs.none()
    q = Q()
    for word in query.split():
        q &= Q(given_names__icontains=word) | Q(surname__icontains=word)
    return qs.filter(q)


def person_ids_matching(principal, query: str) -> list[int]:
    """For the privacy officer's access-log search: ids of clients in his region by name or BSN.

    Only ids are returned, never dossier contents; the privacy officer sees no dossiers.
    """
    if principal is None or principal.role != Role.PRIVACY_OFFICER:
        return []
    qs = Client.objects.filter(municipality__region_id=principal.region_id)
    return list(search_clients(qs, query).values_list("pk", flat=True)[:500])


def municipality_figures(principal, today=None) -> dict | None:
    """Aggregates for a policy officer's own municipality; counts below 5 are hidden."""
    if principal is None or principal.role != Role.POLICY_OFFICER:
        return None
    from django.utils import timezone

    from .residence import lived_in_before, living_in_on

    today = today or timezone.localdate()
    own = principal.organisation.pk
    # counted in the municipality where the client lives on the figure's date (the residence
    # history), so a client who moved within the region counts in the new one from the move
    rows = Client.objects.filter(living_in_on(own, today)).values("status").annotate(n=Count("id"))
    counts = {row["status"]: row["n"] for row in rows}
    total = sum(counts.values())
    # the old municipality keeps the aggregate of its own period: clients who lived here and
    # moved to another municipality of the region (no names, no dossiers)
    moved_away = (
        Client.objects.filter(lived_in_before(own, today)).exclude(living_in_on(own, today)).count()
    )
    return {
        "total": suppress_small(total),
        "date": today,
        "by_status": [
            {"status": label, "count": suppress_small(counts.get(value, 0))}
            for value, label in ClientStatus.choices
        ],
        "moved_away": suppress_small(moved_away),
    }


def caseload_summary(principal) -> dict | None:
    if principal is None or principal.user is None:
        return None
    if principal.role == Role.CASE_MANAGER:
        own = Client.objects.filter(case_manager_id=principal.user.pk)
        return {"own": own.count(), "team": visible_clients(principal).count()}
    if principal.role == Role.TEAM_LEADER:
        qs = visible_clients(principal)
        return {"team": qs.count(), "unassigned": qs.filter(case_manager__isnull=True).count()}
    if principal.role == Role.PROVIDER_STAFF:
        # a provider has no caseload: it sees the clients enrolled with it
        return {"enrolled": visible_clients(principal).count()}
    if principal.role in (Role.SOCIAL_GUIDE, Role.INCOME_CONSULTANT):
        return {"own": visible_clients(principal).count()}
    return None


def worklist(principal, *, mine: bool = True, municipality=None, today=None):
    """Open deadlines of the clients a principal may see, in three buckets (ux: never a relative
    word alone). One indexed query per bucket; clients joined, no N+1."""
    import datetime as dt

    from django.utils import timezone

    from .deadlines import informational_codes
    from .models import Deadline

    today = today or timezone.localdate()
    clients = visible_clients(principal).exclude(status=ClientStatus.CLOSED)
    if mine and principal.user is not None and principal.role == Role.CASE_MANAGER:
        clients = clients.filter(case_manager_id=principal.user.pk)
    if municipality is not None:
        clients = clients.filter(municipality=municipality)
    base = (
        Deadline.objects.filter(met_on__isnull=True, client__in=clients)
        .select_related("client", "client__municipality", "client__case_manager")
        .order_by("due_date", "id")
    )
    week_end = today + dt.timedelta(days=7)
    month_end = today + dt.timedelta(days=30)
    return {
        "overdue": base.filter(due_date__lt=today).exclude(kind__in=informational_codes()),
        "this_week": base.filter(due_date__gte=today, due_date__lte=week_end),
        "thirty_days": base.filter(due_date__gt=week_end, due_date__lte=month_end),
        "today": today,
    }


def caseload_overview(principal):
    """Caseload sizes per case manager and municipality for the team leader's team."""
    if principal is None or principal.role != Role.TEAM_LEADER:
        return None
    rows = (
        Client.objects.filter(team_id=principal.organisation.pk)
        .exclude(status__in=[ClientStatus.CLOSED, ClientStatus.NOT_OBLIGED])
        .values(
            "case_manager__id",
            "case_manager__first_name",
            "case_manager__last_name",
            "municipality__name",
        )
        .annotate(n=Count("id"))
        .order_by("case_manager__last_name", "municipality__name")
    )
    managers: dict = {}
    municipalities = set()
    for row in rows:
        key = row["case_manager__id"]
        name = (
            f"{row['case_manager__first_name']} {row['case_manager__last_name']}".strip()
            if key
            else None
        )
        entry = managers.setdefault(key, {"name": name, "total": 0, "by_municipality": {}})
        entry["by_municipality"][row["municipality__name"]] = row["n"]
        entry["total"] += row["n"]
        municipalities.add(row["municipality__name"])
    names = sorted(municipalities)
    table = [
        {
            "name": m["name"],
            "total": m["total"],
            "cells": [m["by_municipality"].get(n, 0) for n in names],
        }
        for m in managers.values()
    ]
    return {"municipalities": names, "rows": table}


def client_by_id(person_id: int) -> Client | None:
    """For system jobs (deliveries to the chain): one client by internal id, unscoped; the caller
    records the read."""
    return Client.objects.select_related("municipality").filter(pk=person_id).first()
