"""The demo region's fines (issue 9 item 8, docs/progress.md "The Awb procedure for a fine").

* A family migrant who did not keep to the PIP: a fine under Wi2021 art. 23 with its dated report
  (Awb 5:48, required by 5:53), the zienswijze after it with the caution recorded (Awb 5:10a), the
  proposal by the case manager and the team leader's decision within 13 weeks of the report
  (Awb 5:51); the lapse date (Awb 5:45 lid 1) is on the case page and in the deadlines.
* An asylum holder who did not come to the brede intake: a proposed fine under art. 22 with an
  (optional) report, waiting for the team leader, whose decision page shows the 2025–2026 rulings
  on fines for asylum holders.

Idempotent: nothing is added when a team client already has an enforcement case with a report.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from regie.clients.models import Client, ClientStatus, TargetGroup
from regie.core.context import acting_as
from regie.core.models import RoleAssignment
from regie.core.principal import Principal
from regie.core.roles import OrganisationKind, Role
from regie.progress import services
from regie.progress.models import EnforcementCase


def _principal(team, role, user=None):
    rows = RoleAssignment.objects.filter(organisation=team, role=role, is_active=True)
    if user is not None:
        rows = rows.filter(user=user)
    assignment = rows.select_related("user", "organisation", "organisation__region").first()
    return Principal.from_assignment(assignment) if assignment else None


def _candidate(team, target_group, statuses, exclude=()):
    """The first obliged client of the group in one of ``statuses`` (any group if none)."""
    rows = Client.objects.filter(
        team=team, is_obliged=True, case_manager__isnull=False, status__in=statuses
    ).exclude(pk__in=exclude)
    return (
        rows.filter(target_group=target_group).order_by("id").first() or rows.order_by("id").first()
    )


def _path(cm, client, violation, today, text):
    """Open, "wil niet", warning, report, zienswijze with the caution: ready for a proposal."""
    case = services.open_enforcement(
        cm,
        client,
        violation=violation,
        description=text,
        violation_on=today - dt.timedelta(days=70),
    )
    case = services.assess(
        cm,
        case,
        case.version,
        assessment="wil_niet",
        reason="Geen afmelding en geen reden gegeven; de klant zegt er geen zin in te hebben.",
    )
    case = services.give_warning(
        cm,
        case,
        case.version,
        warning_on=today - dt.timedelta(days=50),
        text="Schriftelijke waarschuwing met een nieuwe afspraak en de gevolgen bij wegblijven.",
    )
    case = services.record_report(
        cm,
        case,
        case.version,
        report_date=today - dt.timedelta(days=40),
        violation_on=today - dt.timedelta(days=70),
        text=(
            f"{client.full_name} is na de waarschuwing opnieuw niet verschenen ({text.lower()}) "
            f"Overtreden voorschrift: Wet inburgering 2021 art. {case.article}. Vastgesteld door "
            "de klantregisseur op kantoor."
        ),
    )
    return services.record_hearing(
        cm,
        case,
        case.version,
        hearing_on=today - dt.timedelta(days=30),
        summary="De klant erkent dat hij niet is gegaan; hij noemt geen reden.",
        caution="gegeven",
        caution_on=today - dt.timedelta(days=30),
    )


def load(orgs: dict) -> dict:
    team = next((o for o in orgs.values() if o.kind == OrganisationKind.TEAM), None)
    if team is None:
        return {"fines": 0}
    if EnforcementCase.objects.filter(client__team=team, report_date__isnull=False).exists():
        return {"fines": 0}
    tl = _principal(team, Role.TEAM_LEADER)
    today = timezone.localdate()
    made, used = 0, []
    decided = [ClientStatus.PLAN_DECIDED, ClientStatus.IN_ROUTE]
    for target_group, statuses, violation, text, decide in (
        (
            TargetGroup.FAMILY,
            decided,
            "pip",
            "Drie lessen Nederlands achter elkaar niet gevolgd.",
            True,
        ),
        (
            TargetGroup.ASYLUM,
            [ClientStatus.INTAKE, ClientStatus.REGISTERED, *decided],
            "intake",
            "Niet verschenen bij het tweede intakegesprek.",
            False,
        ),
    ):
        client = _candidate(team, target_group, statuses, used)
        cm = client and _principal(team, Role.CASE_MANAGER, client.case_manager)
        if client is None or cm is None or tl is None:
            continue
        used.append(client.pk)
        with acting_as(user=cm.user, principal=cm, channel="cli"):
            case = _path(cm, client, violation, today, text)
            limit, fixed, _rules, _key = services.fine_bounds(case, today)
            amount = limit if fixed else Decimal("300")
            case = services.propose_fine(cm, case, case.version, amount=amount)
        if decide:
            with acting_as(user=tl.user, principal=tl, channel="cli"):
                services.decide_fine(
                    tl,
                    case,
                    case.version,
                    impose=True,
                    note="Opgelegd na rapport en zienswijze; bedrag afgestemd op de ernst.",
                )
        made += 1
    return {"fines": made}
