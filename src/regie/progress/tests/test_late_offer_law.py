"""Issue 9 item 2: the late-offer ground concerns asylum holders only, counts from the PIP date to
the start of the *education* (language or KNM), without an Atw extension, and the statement is a
letter to the newcomer in his dossier (and portal), never a DUO outbox message."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from django.urls import reverse

from regie.clients.deadlines import statutory_end
from regie.clients.models import Deadline, PermitType, TargetGroup
from regie.core.models import OutboxMessage
from regie.core.ruleset import rules_on
from regie.plans import services as plan_services
from regie.plans.models import Component, ComponentKind
from regie.plans.tests.helpers import B1_COMPONENTS, decided_plan
from regie.plans.tests.helpers import principal as plan_principal
from regie.progress import services
from regie.progress.selectors import (
    LateOfferCheck,
    PlanFacts,
    late_offer_check,
    late_offer_deadline,
    late_offer_statements_of,
    plan_facts,
)
from regie.progress.services import ProgressError

pytestmark = pytest.mark.django_db

PIP = dt.date(2025, 1, 15)  # + 3 months = Tuesday 15-4-2025


def _late_offer(client):
    return Deadline.objects.filter(client=client, kind="late_offer").first()


def _start(world, client, kind, day):
    component = Component.objects.get(client=client, kind=kind, plan_version__status="decided")
    plan_services.record_progress(
        plan_principal(world, "cm1"), component, component.version, offer_start=day
    )


def test_late_offer_deadline_counts_from_pip_to_start_of_education_only_for_asylum_holders(world):
    asylum = world.clients["own_cm1"]  # asylum holder by default
    components = [*B1_COMPONENTS, {"kind": ComponentKind.SOCIAL_GUIDANCE}]
    decided_plan(world, asylum, PIP, components=components)
    deadline = _late_offer(asylum)
    assert deadline.due_date == dt.date(2025, 4, 15) and deadline.met_on is None
    assert deadline.unconfirmed  # Stimulansz threshold, Atw scope: both unconfirmed
    # a start of PVT or maatschappelijke begeleiding is not the start of the education
    _start(world, asylum, ComponentKind.PVT, dt.date(2025, 2, 1))
    _start(world, asylum, ComponentKind.SOCIAL_GUIDANCE, dt.date(2025, 2, 1))
    assert _late_offer(asylum).met_on is None
    assert plan_facts(asylum).education_offer_start is None
    # KNM is education: its start meets the deadline
    _start(world, asylum, ComponentKind.KNM, dt.date(2025, 3, 3))
    assert _late_offer(asylum).met_on == dt.date(2025, 3, 3)

    family = world.clients["own_cm2"]
    family.target_group = TargetGroup.FAMILY
    family.permit_type = PermitType.REGULAR
    family.save()
    decided_plan(world, family, PIP)
    assert _late_offer(family) is None
    other = world.clients["income"]
    other.target_group = TargetGroup.OTHER
    other.permit_type = PermitType.REGULAR
    other.save()
    decided_plan(world, other, PIP)
    assert _late_offer(other) is None


def test_start_of_pvt_social_guidance_or_ontzorgen_does_not_prevent_late_offer_statement(
    world, plans, principal, today
):
    c = world.clients["own_cm1"]
    pip = today - relativedelta(months=8)
    # a component other than language/KNM started a week after the PIP; education never started
    plans.set(c, pip_date=pip, offer_start=pip + dt.timedelta(days=7), education_start=None)
    statement = services.issue_late_offer_statement(principal("cm1"), c)
    assert statement.offer_start is None and statement.months_late >= 5


def test_late_offer_statement_is_a_letter_in_the_dossier_not_a_duo_outbox_message(
    world, plans, principal, login, client, today
):
    c = world.clients["own_cm1"]
    plans.set(c, pip_date=today - relativedelta(months=12))
    login(*world.as_role("cm1"))
    assert client.post(reverse("progress:late_offer", args=[c.uuid])).status_code == 302
    statement = c.late_offer_statements.get()
    assert not OutboxMessage.objects.exists()
    # in the dossier: listed on the DUO page with the letter to download
    page = client.get(reverse("progress:duo", args=[c.uuid])).content.decode()
    pdf_url = reverse("progress:late_offer_pdf", args=[c.uuid, statement.uuid])
    assert pdf_url in page and "Niet bevestigd" in page
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # and read through one selector, for the dossier and the portal (portal/tests)
    assert list(late_offer_statements_of(c)) == [statement]
    with pytest.raises(ValueError, match="unknown outbox message type"):
        from django.db import transaction

        from regie.core import outbox

        with transaction.atomic():
            outbox.emit(
                "late_offer.statement", person_id=c.pk, bsn=c.bsn, municipality_cbs="", data={}
            )


def test_family_migrant_gets_no_late_offer_statement(world, plans, principal, today):
    c = world.clients["own_cm1"]
    c.target_group = TargetGroup.FAMILY
    c.save()
    plans.set(c, pip_date=today - relativedelta(months=12))
    check = late_offer_check(c, today)
    assert not check.applies and "zelf" in check.reason
    with pytest.raises(ProgressError, match="asielstatushouder"):
        services.issue_late_offer_statement(principal("cm1"), c)


class _Asylum:
    is_asylum_holder = True


@given(
    offset=st.integers(min_value=0, max_value=4 * 365),
    route=st.sampled_from(["b1", "z", "onderwijs"]),
    after=st.integers(min_value=-40, max_value=200),
)
def test_late_offer_threshold_is_calendar_months_from_pip_without_atw_extension(
    offset, route, after
):
    pip = dt.date(2022, 1, 1) + dt.timedelta(days=offset)
    months = 6 if route == "onderwijs" else 3
    start = pip + relativedelta(months=months) + dt.timedelta(days=after)
    facts = PlanFacts(pip_date=pip, route=route, education_offer_start=start)
    check: LateOfferCheck = late_offer_check(_Asylum(), start, facts)
    due = pip + relativedelta(months=months)
    # never moved to a working day, even where the Atw would move a statutory term
    assert check.deadline == late_offer_deadline(pip, months) == due
    assert check.allowed_months == months
    assert check.late == (after > 0)


def test_late_offer_threshold_ending_on_a_saturday_is_not_moved_to_monday():
    pip = dt.date(2024, 12, 15)  # + 3 months = Saturday 15-3-2025
    check = late_offer_check(_Asylum(), pip, PlanFacts(pip_date=pip, route="b1"))
    assert check.deadline == dt.date(2025, 3, 15)
    atw_due, _why = statutory_end(pip, 3, "months")
    assert atw_due == dt.date(2025, 3, 17)  # what the Atw would give a statutory 3-month term


def test_late_offer_thresholds_come_from_the_ministers_letter_via_stimulansz_unconfirmed(today):
    rules = rules_on(today)
    for key in ("late_offer_months", "late_offer_months_education"):
        source = rules.source(key)
        assert "minister" in source and "Stimulansz" in source
        assert "niet in de Wet of het Besluit" in source
        assert rules.unconfirmed(key)
