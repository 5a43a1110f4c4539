"""The demo region's maatschappelijke begeleiding (issue 14 item 6): the begeleider's
appointments this week, his notes for most of his clients (one without a recent note, so his
start page shows it) and a question from the case manager waiting in his tasks.

Idempotent: nothing is added when a note of the team's clients exists."""

import datetime as dt

from django.utils import timezone

from regie.clients.models import Client, ClientStatus
from regie.core.context import acting_as
from regie.core.models import RoleAssignment
from regie.core.principal import Principal
from regie.core.roles import OrganisationKind, Role
from regie.progress import services
from regie.progress.models import GuidanceNote

NOTES = (
    "Samen de post doorgenomen; brief van de Belastingdienst over toeslagen uitgelegd.",
    "Bij de bibliotheek een pas aangevraagd; taalcafé op dinsdag laten zien.",
    "Huisraad en inschrijving bij de huisarts geregeld; volgende keer de zorgverzekering.",
)


def load(orgs) -> int:
    team = next((o for o in orgs.values() if o.kind == OrganisationKind.TEAM), None)
    if team is None or GuidanceNote.objects.filter(client__team=team).exists():
        return 0
    guide_row = (
        RoleAssignment.objects.filter(
            role=Role.SOCIAL_GUIDE,
            is_active=True,
            user__in=Client.objects.filter(team=team).values("social_guide"),
        )
        .order_by("pk")
        .select_related("user", "organisation", "organisation__region")
        .first()
    )
    if guide_row is None:
        return 0
    guide = Principal.from_assignment(guide_row)
    clients = list(
        Client.objects.filter(team=team, social_guide=guide_row.user)
        .exclude(status=ClientStatus.CLOSED)
        .order_by("pk")[:4]
    )
    if not clients:
        return 0
    today = timezone.localdate()
    with acting_as(guide.user, guide):
        for i, client in enumerate(clients[:3]):
            services.add_guidance_note(
                guide, client, on_date=today - dt.timedelta(days=3 + i * 4), text=NOTES[i]
            )
        for i, client in enumerate(clients[:2]):
            services.plan_guidance_appointment(
                guide,
                client,
                on_date=today + dt.timedelta(days=1 + 2 * i),
                at_time=dt.time(10 + i * 3, 0),
                place="Bij de klant thuis" if i == 0 else "Stadhuis, balie begeleiding",
                subject="Post en toeslagen" if i == 0 else "Aanmelding sportclub kinderen",
            )
    cm_row = (
        RoleAssignment.objects.filter(
            role=Role.CASE_MANAGER, is_active=True, user=clients[0].case_manager
        )
        .select_related("user", "organisation", "organisation__region")
        .first()
    )
    if cm_row is not None:
        cm = Principal.from_assignment(cm_row)
        with acting_as(cm.user, cm):
            services.ask_guide(
                cm,
                clients[0],
                text="Wil je helpen met de aanvraag van DigiD? De brief ligt bij de klant thuis.",
            )
    return len(clients)
