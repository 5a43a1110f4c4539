"""The client as the subject of work items (``core.workitems``): which clients a principal may
see there, which are his own, and the rows of one page loaded in one query. Registered in
``ClientsConfig.ready()``; the scope is ``visible_clients``, the one rule for every list."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from regie.core.roles import Role

from .models import Client
from .selectors import visible_clients


def visible_ids(principal):
    return visible_clients(principal).values("pk")


def own_ids(principal):
    """A case manager's own caseload; other roles own no clients here."""
    if principal is None or principal.user is None or principal.role != Role.CASE_MANAGER:
        return Client.objects.none().values("pk")
    return visible_clients(principal).filter(case_manager_id=principal.user.pk).values("pk")


def load(ids):
    from regie.core.workitems import Subject

    clients = Client.objects.filter(pk__in=list(ids)).only(
        "pk", "uuid", "bsn", "given_names", "surname"
    )
    return {
        c.pk: Subject(
            id=c.pk,
            label=c.full_name,
            url=reverse("clients:dossier", args=[c.uuid]),
            obj=c,
            log_key=c.bsn,
        )
        for c in clients
    }


# A registration (form, API or linkage import) for a BSN that a client outside the registering
# user's scope holds: the holding team's team leader arranges the handover with the other team.
# The item names the client only as its subject (the dossier link has the uuid, never the BSN).
HANDOVER_KIND = "clients.handover_request"
HANDOVER_DUE_DAYS = 5  # a working agreement of the teams, not a legal term


def _handover_url(item, subject):
    return subject.url if subject is not None else None


def _handover_describe(item):
    return gettext("Inschrijving aangevraagd door %(team)s: overdracht afstemmen.") % {
        "team": item.details.get("requested_by_team", "")
    }


def request_handover(principal, client: Client):
    """Create (once per requesting team) the handover work item for the team leader of the team
    that holds ``client``. Called by ``registration``, which checked the right to register."""
    from regie.core import workitems

    team = principal.organisation
    item, _created = workitems.create(
        HANDOVER_KIND,
        organisation=client.team,
        source=f"handover:{client.pk}:{team.pk}",
        subject=("client", client.pk),
        summary=gettext("Overdracht afstemmen met %(team)s") % {"team": team.name},
        details={
            "requested_by_team": team.name,
            "requested_by": principal.user.get_full_name() if principal.user else "",
        },
        by=principal.user,
    )
    return item


def register() -> None:
    from regie.core import workitems

    workitems.register_subject("client", visible=visible_ids, own=own_ids, load=load)
    workitems.register_kind(
        HANDOVER_KIND,
        _("Overdracht na inschrijvingsverzoek"),
        role=Role.TEAM_LEADER,
        due_days=HANDOVER_DUE_DAYS,
        url=_handover_url,
        link_text=_("Naar het dossier"),
        describe=_handover_describe,
    )
