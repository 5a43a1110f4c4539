"""The receivers of the delivery worker. Each is enabled by configuration only."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .delivery import Receiver, register
from .transport import PermanentError, new_session, send
from .zgw import client as zgw_client
from .zgw.export import export_case

ZGW = "ZGW"
DUO = "DUO"


def _deliver_zgw(message) -> dict:
    client = zgw_client.ZgwClient(zgw_client.ZgwConfig.from_settings())
    return export_case(client, message.person_id)


def _deliver_duo(message) -> dict:
    """POST the ``regie.duo/1.0`` message; the message uuid is the idempotency key, so a repeat
    after a lost answer is recognised by the receiver (a 409 "already received" counts as an
    acknowledgement)."""
    response = send(
        new_session(),
        "POST",
        settings.REGIE_DUO_ENDPOINT,
        json=message.payload,
        headers={
            "Content-Type": "application/json",
            "Idempotency-Key": str(message.uuid),
            "X-Regie-Message-Id": str(message.uuid),
        },
    )
    if response.status_code in (200, 201, 202, 204, 409):
        return {"status": response.status_code, "reference": response.headers.get("Location", "")}
    raise PermanentError(f"DUO weigerde het bericht ({response.status_code}).")


def register_receivers() -> None:
    register(
        Receiver(
            name="zgw",
            label=_("Zaaksysteem (ZGW)"),
            recipient=ZGW,
            accepts=lambda message: message.recipient == ZGW,
            enabled=zgw_client.enabled,
            deliver=_deliver_zgw,
        )
    )
    register(
        Receiver(
            name="duo",
            label=_("DUO (machinekanaal)"),
            recipient=DUO,
            accepts=lambda message: message.recipient == DUO,
            enabled=lambda: bool(settings.REGIE_DUO_ENDPOINT),
            deliver=_deliver_duo,
        )
    )
