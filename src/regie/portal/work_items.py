"""Work items from the portal for the client's case manager: a request (change an appointment,
an interpreter) and a message to answer. Created by ``portal.services``; the message item is
finished by the answer itself."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regie.core import workitems
from regie.core.roles import Role

REQUEST = "portal.request"
MESSAGE = "portal.message"
DUE_DAYS = 5  # a working agreement of the team, not a legal term


def _url(item, subject):
    if subject is None:
        return None
    return reverse("portal_staff:messages", args=[subject.obj.uuid])


def register() -> None:
    workitems.register_kind(
        REQUEST,
        _("Verzoek uit het portaal"),
        role=Role.CASE_MANAGER,
        due_days=DUE_DAYS,
        url=_url,
        link_text=_("Naar de berichten"),
    )
    workitems.register_kind(
        MESSAGE,
        _("Bericht uit het portaal beantwoorden"),
        role=Role.CASE_MANAGER,
        due_days=DUE_DAYS,
        url=_url,
        link_text=_("Bericht beantwoorden"),
        completed_by_act=True,
    )


def _target(client):
    return {"organisation": client.team, "assignee": client.case_manager}


def request_made(request_obj) -> None:
    client = request_obj.client
    workitems.create(
        REQUEST,
        source=f"PortalRequest:{request_obj.pk}",
        subject=("client", client.pk),
        summary=f"{request_obj.get_kind_display()}: {request_obj.appointment}",
        details={"request": str(request_obj.uuid)},
        **_target(client),
    )


def message_received(message) -> None:
    client = message.client
    workitems.create(
        MESSAGE,
        source=f"PortalMessage:{message.pk}",
        subject=("client", client.pk),
        summary="Nieuw bericht van de inburgeraar",
        details={"message": str(message.uuid)},
        **_target(client),
    )


def answered(client, user) -> None:
    workitems.complete_open(MESSAGE, ("client", client.pk), by=user)
