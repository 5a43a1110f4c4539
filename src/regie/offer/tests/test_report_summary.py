"""One provider submission reaches the dossier's Aanbod part and the progress review page."""

import datetime as dt

import pytest

from django.urls import reverse

from regie.offer import provider_reports as reporting
from regie.offer.selectors import client_report_summary
from regie.offer.tests.test_reporting import attendance, make_offer, provider_principal

TODAY = dt.date.today()


@pytest.mark.django_db
def test_a_month_of_attendance_reaches_dossier_and_review(world, login, client):
    _product, (enrolment,) = make_offer(world)
    rows = [
        attendance(enrolment, f"les-{n}", TODAY - dt.timedelta(days=2 + 7 * n), "3", "2")
        for n in range(4)
    ]
    rows.append(
        {
            "record_id": "voortgang-1",
            "enrolment": str(enrolment.uuid),
            "kind": "voortgang",
            "date": TODAY.isoformat(),
            "skill": "lezen",
            "level": "a2",
        }
    )
    reporting.submit_reports(provider_principal(world), rows)
    summary = client_report_summary(world.clients["own_cm1"])
    assert summary["offered"] == 12 and summary["attended"] == 8 and summary["rate"] == 67
    assert summary["recent_rate"] == 67 and ("lezen", "A2") in summary["levels"]
    login(*world.as_role("cm1"))
    c = world.clients["own_cm1"]
    for url in (
        reverse("offer:dossier", args=[c.uuid]),
        reverse("progress:reviews", args=[c.uuid]),
    ):
        page = client.get(url).content.decode()
        assert "Gegevens van de aanbieder" in page and "8 van 12 uur" in page and "(67%)" in page
    assert client_report_summary(world.clients["own_cm2"]) is None


@pytest.mark.django_db
def test_low_attendance_is_a_signal_in_the_case_managers_worklist(world, login, client):
    _product, (enrolment,) = make_offer(world)
    rows = [
        attendance(enrolment, f"les-{n}", TODAY - dt.timedelta(days=1 + 3 * n), "3", "1")
        for n in range(5)
    ]
    reporting.submit_reports(provider_principal(world), rows)
    login(*world.as_role("cm1"))
    page = client.get(reverse("clients:worklist")).content.decode()
    assert "Signalen (1)" in page and "aanwezigheid 33" in page and "Eigenklant" in page
    login(*world.as_role("cm2"))
    assert "Signalen" not in client.get(reverse("clients:worklist")).content.decode()
    login(*world.as_role("tl"))  # the team leader sees his team's signals
    assert "Signalen (1)" in client.get(reverse("clients:worklist")).content.decode()
