"""The demo shows issue 9, items 4 and 11: a duty that starts when kwalificatieplicht ends, and a
Wet inburgering 2013 case without Wi2021 deadlines, with guidance."""

import pytest

from django.core.management import call_command

from regie.clients.models import Client, Deadline


@pytest.mark.django_db
def test_demo_has_a_kwalificatieplicht_start_and_a_wi2013_case():
    call_command("demo", "load")
    young = Client.objects.get(duty_start_reason="einde_kwalificatieplicht")
    assert young.duty_start > young.permit_date
    pip = Deadline.objects.get(client=young, kind="pip_decided")
    assert pip.due_date > young.duty_start
    old = Client.objects.get(regime="wi2013")
    assert not Deadline.objects.filter(client=old).exists()
    assert old.reviews.exists()  # guidance: a contact moment
