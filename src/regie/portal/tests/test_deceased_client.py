"""A deceased client gets no portal messages or letters, and no portal login (issue 9 item 9)."""

import pytest

from django.utils import timezone

from regie.core.principal import Principal
from regie.portal import services as portal
from regie.progress import services

pytestmark = pytest.mark.django_db


def test_deceased_client_gets_no_portal_messages(world):
    cm = Principal.from_assignment(world.assignments["cm1"])
    c = world.clients["own_cm1"]
    today = timezone.localdate()
    portal.answer_message(cm, c, "Uw afspraak is op maandag.")  # allowed while alive
    services.close_dossier(cm, c, c.version, reason="overleden", closed_on=today, died_on=today)
    c.refresh_from_db()
    with pytest.raises(portal.PortalError, match="overleden"):
        portal.answer_message(cm, c, "Uw afspraak")
