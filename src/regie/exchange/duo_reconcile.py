"""Reconciliation with DUO: per municipality, the latest imported DUO roster against the
obliged persons registered here. Differences: a person at DUO not registered here; registered
here and unknown at DUO; a PIP date or route that differs. One work item per difference."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from regie.clients.models import Client
from regie.core import workitems
from regie.core.roles import Role

from .models import (
    Difference,
    DifferenceKind,
    ListPurpose,
    Reconciliation,
    Signal,
    SignalImport,
)

KIND = "exchange.duo.difference"


def _url(item, subject):
    run = item.details.get("reconciliation")
    return reverse("exchange:duo_report", args=[run]) if run else None


def _describe(item):
    return str(dict(DifferenceKind.choices).get(item.details.get("difference"), ""))


def register_kinds() -> None:
    workitems.register_kind(
        KIND,
        _("Verschil met DUO uitzoeken"),
        role=Role.CASE_MANAGER,
        due_days=14,
        url=_url,
        link_text=_("Naar de vergelijking"),
        describe=_describe,
    )


def may_reconcile(principal) -> bool:
    return principal is not None and principal.role == Role.TEAM_LEADER


def latest_roster(principal, municipality):
    return (
        SignalImport.objects.filter(
            source__organisation=principal.organisation,
            purpose=ListPurpose.ROSTER,
            municipality=municipality,
        )
        .order_by("-imported_at", "-id")
        .first()
    )


def _plan_facts(client_ids):
    """client id -> (set of PIP decision dates, current route)."""
    from regie.plans.models import PlanVersion, VersionStatus

    facts: dict[int, tuple[set, str]] = {}
    versions = PlanVersion.objects.filter(
        client_id__in=client_ids, status__in=[VersionStatus.DECIDED, VersionStatus.SUPERSEDED]
    ).order_by("number")
    for v in versions.values("client_id", "decision_date", "route", "status"):
        dates, route = facts.get(v["client_id"], (set(), ""))
        if v["decision_date"]:
            dates.add(v["decision_date"])
        if v["status"] == VersionStatus.DECIDED:
            route = v["route"] or route
        facts[v["client_id"]] = (dates, route)
    return facts


@transaction.atomic
def run(principal, municipality) -> Reconciliation | None:
    if not may_reconcile(principal):
        raise PermissionDenied
    roster = latest_roster(principal, municipality)
    if roster is None:
        return None
    team = principal.organisation
    rec = Reconciliation.objects.create(
        municipality=municipality, team=team, roster=roster, run_by=principal.user
    )
    at_duo = {s.bsn: s for s in Signal.objects.filter(list_import=roster)}
    here = {
        c.bsn: c
        for c in Client.objects.filter(
            team=team, municipality=municipality, is_obliged=True
        ).select_related("case_manager")
    }
    facts = _plan_facts([c.pk for c in here.values()])
    diffs = []
    for bsn, signal in at_duo.items():
        client = here.get(bsn)
        if client is None:
            diffs.append(
                Difference(reconciliation=rec, kind=DifferenceKind.NOT_HERE, signal=signal)
            )
            continue
        dates, route = facts.get(client.pk, (set(), ""))
        theirs_date = signal.data.get("datum_pip")
        if theirs_date and (not dates or theirs_date not in {d.isoformat() for d in dates}):
            ours = max(dates).strftime("%d-%m-%Y") if dates else gettext("geen PIP")
            diffs.append(
                Difference(
                    reconciliation=rec,
                    kind=DifferenceKind.PIP_DATE,
                    client_id=client.pk,
                    signal=signal,
                    ours=ours,
                    theirs="-".join(reversed(theirs_date.split("-"))),
                )
            )
        theirs_route = signal.data.get("leerroute")
        if theirs_route and route and theirs_route != route:
            from regie.plans.models import Route

            labels = dict(Route.choices)
            diffs.append(
                Difference(
                    reconciliation=rec,
                    kind=DifferenceKind.ROUTE,
                    client_id=client.pk,
                    signal=signal,
                    ours=str(labels.get(route, route)),
                    theirs=str(labels.get(theirs_route, theirs_route)),
                )
            )
    for bsn, client in here.items():
        if bsn not in at_duo:
            diffs.append(
                Difference(reconciliation=rec, kind=DifferenceKind.NOT_AT_DUO, client_id=client.pk)
            )
    Difference.objects.bulk_create(diffs)
    for diff in rec.differences.all():
        client = here_by_pk(here, diff.client_id)
        workitems.create(
            KIND,
            organisation=team,
            source=f"Difference:{diff.pk}",
            subject=("client", client.pk) if client else None,
            summary=str(diff.get_kind_display()),
            assignee=client.case_manager if client else None,
            details={"reconciliation": str(rec.uuid), "difference": diff.kind},
            by=principal.user,
        )
    return rec


def here_by_pk(here: dict, pk):
    if pk is None:
        return None
    for client in here.values():
        if client.pk == pk:
            return client
    return None


def report_rows(rec: Reconciliation) -> list[dict]:
    diffs = list(rec.differences.select_related("signal"))
    clients = Client.objects.in_bulk([d.client_id for d in diffs if d.client_id])
    rows = []
    for d in diffs:
        client = clients.get(d.client_id)
        if client is not None:
            name = client.full_name
        elif d.signal is not None:
            name = " ".join(
                p for p in (d.signal.data.get("voornamen"), d.signal.data.get("achternaam")) if p
            ) or gettext("(naam onbekend)")
        else:
            name = ""
        rows.append({"diff": d, "name": name, "client": client})
    return rows
