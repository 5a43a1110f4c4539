"""Issue 14 item 9: implausible dates are refused with a Dutch message next to the field.

Every date field has a range (1-1-1900 up to 25 years ahead); a birth date or a permit date
lies no later than today; a review is planned no earlier than today (a held review may be in
the past, not in the future); an invoice lies inside its contract's period."""

import datetime as dt
from decimal import Decimal

import pytest

from django.urls import reverse
from django.utils import timezone

from regie.clients.forms import DatesForm, RegistrationForm
from regie.core.forms import date_field
from regie.progress.forms import RecordReviewForm, ScheduleReviewForm


def _nl(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


TODAY = timezone.localdate()
TOMORROW = TODAY + dt.timedelta(days=1)
YESTERDAY = TODAY - dt.timedelta(days=1)


def _errors(form_class, **data):
    form = form_class(data=data)
    form.is_valid()
    return form.errors


def test_every_date_field_refuses_dates_before_1900_and_far_ahead():
    from django import forms

    class F(forms.Form):
        day = date_field("Dag")

    assert F(data={"day": "31-12-1899"}).errors["day"] == [
        "Dag: vul een datum in vanaf 01-01-1900."
    ]
    assert (
        "te ver in de toekomst"
        in F(data={"day": _nl(TODAY.replace(year=TODAY.year + 30))}).errors["day"][0]
    )
    assert F(data={"day": "01-01-1900"}).is_valid()
    assert F(data={"day": _nl(TODAY.replace(year=TODAY.year + 10))}).is_valid()


def test_birth_date_and_permit_date_in_the_future_are_refused():
    errors = _errors(RegistrationForm, date_of_birth=_nl(TOMORROW), permit_date=_nl(TOMORROW))
    assert errors["date_of_birth"][0].startswith("Geboortedatum ligt in de toekomst.")
    assert "in de toekomst" in errors["permit_date"][0]
    errors = _errors(RegistrationForm, date_of_birth=_nl(TODAY), permit_date=_nl(TODAY))
    assert "date_of_birth" not in errors and "permit_date" not in errors
    assert (
        "in de toekomst"
        in _errors(DatesForm, version="1", permit_date=_nl(TOMORROW))["permit_date"][0]
    )


def test_review_planned_in_the_past_is_refused_but_held_review_may_be_past():
    errors = _errors(ScheduleReviewForm, kind="voortgang", planned_on=_nl(YESTERDAY))
    assert "in het verleden" in errors["planned_on"][0]
    assert "planned_on" not in _errors(ScheduleReviewForm, planned_on=_nl(TODAY))
    assert "held_on" not in _errors(RecordReviewForm, version="1", held_on=_nl(YESTERDAY))
    assert (
        "in de toekomst"
        in _errors(RecordReviewForm, version="1", held_on=_nl(TOMORROW))["held_on"][0]
    )


@pytest.mark.django_db
def test_invoice_outside_its_contracts_period_is_refused(world, login, client):
    from regie.offer.tests.factories import ContractFactory

    contract = ContractFactory(
        region=world.orgs["a1"].region,
        main_contractor=world.orgs["gr_a"],
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2026, 6, 30),
    )
    login(*world.as_role("contract"))
    data = {
        "provider": str(world.orgs["gr_a"].uuid),
        "number": "F-77",
        "invoice_date": "01-07-2026",
        "amount": "100,00",
    }
    response = client.post(reverse("offer:invoice_create", args=[contract.uuid]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "buiten de looptijd van het contract (01-01-2025 tot en met 30-06-2026)" in page
    assert 'id="id_invoice_date-error"' in page  # next to the field
    data["invoice_date"] = "30-06-2026"
    response = client.post(reverse("offer:invoice_create", args=[contract.uuid]), data)
    assert response.status_code == 302
    assert contract.invoices.get().amount == Decimal("100.00")
