"""The enforcement path: cannot vs will not, warning first, hearing, amounts, four eyes, outbox."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from regie.clients.models import TargetGroup
from regie.core.models import OutboxMessage
from regie.core.ruleset import rules_on
from regie.progress import services
from regie.progress.models import EnforcementStatus
from regie.progress.services import ProgressError

pytestmark = pytest.mark.django_db


def _case(principal, client, violation="intake"):
    return services.open_enforcement(
        principal, client, violation=violation, description="Niet gekomen."
    )


def _to_heard(p, client, today, violation="intake"):
    case = _case(p, client, violation)
    case = services.assess(
        p, case, case.version, assessment="wil_niet", reason="Weigert zonder reden."
    )
    case = services.give_warning(p, case, case.version, warning_on=today, text="Laatste kans.")
    # the dated report (Awb 5:48; required for art. 23 by Awb 5:53) gives the violation date
    case = services.record_report(
        p, case, case.version, report_date=today, violation_on=today, text="Rapport."
    )
    return services.record_hearing(
        p,
        case,
        case.version,
        hearing_on=today,
        summary="Geen zin.",
        caution="gegeven",
        caution_on=today,
    )


def _limit(key, today):
    return Decimal(str(rules_on(today).value(key)))


def test_cannot_closes_without_sanction(world, principal, today):
    p = principal("cm1")
    case = _case(p, world.clients["own_cm1"])
    case = services.assess(p, case, case.version, assessment="kan_niet", reason="Ziek.")
    assert case.status == EnforcementStatus.NO_BLAME
    with pytest.raises(ProgressError):
        services.give_warning(p, case, case.version, warning_on=today, text="x")
    with pytest.raises(ProgressError):
        services.propose_fine(p, case, case.version, amount=_limit("fine_intake_eur", today))


def test_will_not_needs_a_reason(world, principal):
    p = principal("cm1")
    case = _case(p, world.clients["own_cm1"])
    with pytest.raises(ProgressError):
        services.assess(p, case, case.version, assessment="wil_niet", reason="  ")


def test_no_fine_without_warning_and_hearing(world, principal, today):
    p = principal("cm1")
    amount = _limit("fine_intake_eur", today)
    case = _case(p, world.clients["own_cm1"])
    with pytest.raises(ProgressError, match="niet wil"):
        services.propose_fine(p, case, case.version, amount=amount)
    case = services.assess(p, case, case.version, assessment="wil_niet", reason="Weigert.")
    with pytest.raises(ProgressError, match="waarschuwing"):
        services.propose_fine(p, case, case.version, amount=amount)
    with pytest.raises(ProgressError, match="waarschuwing"):
        services.record_hearing(p, case, case.version, hearing_on=today, summary="x")
    case = services.give_warning(p, case, case.version, warning_on=today, text="Waarschuwing.")
    with pytest.raises(ProgressError, match="zienswijze"):
        services.propose_fine(p, case, case.version, amount=amount)
    case = services.record_hearing(
        p, case, case.version, hearing_on=today, summary="Zienswijze.", caution="geen_verhoor"
    )
    with pytest.raises(ProgressError, match="datum van de overtreding"):
        services.propose_fine(p, case, case.version, amount=amount)
    case = services.record_report(
        p, case, case.version, report_date=today, violation_on=today, text="Rapport."
    )
    case = services.propose_fine(p, case, case.version, amount=amount)
    assert case.status == EnforcementStatus.PROPOSED


def test_participation_part_is_a_measure_not_a_fine(world, principal, today):
    p = principal("cm1")
    case = _case(p, world.clients["own_cm1"], "participatiewet")
    case = services.assess(p, case, case.version, assessment="wil_niet", reason="Weigert werk.")
    with pytest.raises(ProgressError, match="maatregel"):
        services.give_warning(p, case, case.version, warning_on=today, text="x")
    with pytest.raises(ProgressError, match="maatregel"):
        services.propose_fine(p, case, case.version, amount=Decimal("100"))
    case = services.refer_measure(p, case, case.version, referral="Naar inkomensconsulent.")
    assert case.status == EnforcementStatus.MEASURE


def test_intake_fine_fixed_and_lowered_only_with_reason(world, principal, today):
    p = principal("cm1")
    fixed = _limit("fine_intake_eur", today)
    case = _to_heard(p, world.clients["own_cm1"], today)
    with pytest.raises(ProgressError, match="5:46"):
        services.propose_fine(p, case, case.version, amount=fixed - 50)
    with pytest.raises(ProgressError, match="hoger"):
        services.propose_fine(p, case, case.version, amount=fixed + 1)
    case = services.propose_fine(
        p, case, case.version, amount=fixed - 50, lowering_reason="Weinig draagkracht."
    )
    assert case.proposed_amount == fixed - 50


@settings(max_examples=25, deadline=None)
@given(amount=st.decimals(min_value=-10, max_value=2000, places=2))
def test_pip_fine_capped_by_rule_set(amount):
    from regie.progress.models import EnforcementCase

    case = EnforcementCase(violation="pip")
    day = dt.date(2026, 1, 1)
    limit = Decimal(str(rules_on(day).value("fine_pip_max_eur")))
    if 0 < amount <= limit:
        services.check_fine_amount(case, amount, "", day)
    else:
        with pytest.raises(ProgressError):
            services.check_fine_amount(case, amount, "", day)


def test_only_team_leader_decides_and_not_the_proposer(world, principal, today):
    client = world.clients["own_cm1"]
    case = _to_heard(principal("tl"), client, today)
    case = services.propose_fine(
        principal("tl"), case, case.version, amount=_limit("fine_intake_eur", today)
    )
    with pytest.raises(PermissionDenied):
        services.decide_fine(principal("cm1"), case, case.version, impose=True)
    with pytest.raises(ProgressError, match="zelf voorgesteld"):
        services.decide_fine(principal("tl"), case, case.version, impose=True)
    assert not OutboxMessage.objects.exists()


def test_fine_decision_writes_outbox_in_same_transaction(world, principal, today):
    from regie.core.models import RoleAssignment
    from regie.core.principal import Principal
    from regie.core.tests.factories import UserFactory

    client = world.clients["own_cm1"]
    case = _to_heard(principal("cm1"), client, today, "pip")
    case = services.propose_fine(principal("cm1"), case, case.version, amount=Decimal("300"))
    # a failure after the decision rolls back the decision and the message together
    with pytest.raises(RuntimeError), transaction.atomic():
        services.decide_fine(principal("tl"), case, case.version, impose=True)
        raise RuntimeError
    case.refresh_from_db()
    assert case.status == EnforcementStatus.PROPOSED and not OutboxMessage.objects.exists()
    case = services.decide_fine(principal("tl"), case, case.version, impose=True)
    assert case.status == EnforcementStatus.FINED and case.fine_amount == Decimal("300")
    message = OutboxMessage.objects.get()
    assert message.message_type == "fine.imposed"
    assert message.payload["data"] == {
        "article": "23",
        "amount_eur": "300.00",
        "decision_date": today.isoformat(),
    }
    # another team leader of the same team may also not decide twice
    other = UserFactory()
    ra = RoleAssignment.objects.create(
        user=other, role="teamleider", organisation=world.orgs["team_a"]
    )
    with pytest.raises(ProgressError):
        services.decide_fine(Principal.from_assignment(ra), case, case.version, impose=True)


def test_fine_pages_show_asylum_note_and_pdf(world, principal, login, client, today):
    c = world.clients["own_cm1"]
    c.target_group = TargetGroup.ASYLUM
    c.save()
    case = _to_heard(principal("cm1"), c, today)
    login(*world.as_role("cm1"))
    page = client.get(reverse("progress:propose_fine", args=[c.uuid, case.uuid]))
    html = page.content.decode()
    assert page.status_code == 200 and "ECLI:EU:C:2025:52" in html and "Niet bevestigd" in html
    bad = client.post(
        reverse("progress:propose_fine", args=[c.uuid, case.uuid]),
        {"version": case.version, "amount": "100", "lowering_reason": ""},
    )
    assert bad.status_code == 400 and "Fout:" in bad.content.decode()
    assert 'value="100"' in bad.content.decode()  # the input is kept
    ok = client.post(
        reverse("progress:propose_fine", args=[c.uuid, case.uuid]),
        {"version": case.version, "amount": "100", "lowering_reason": "Lage draagkracht."},
    )
    assert ok.status_code == 302
    # the case manager cannot reach the decision page; the team leader can and decides
    assert client.get(reverse("progress:decide_fine", args=[c.uuid, case.uuid])).status_code == 404
    login(*world.as_role("tl"))
    page = client.get(reverse("progress:decide_fine", args=[c.uuid, case.uuid]))
    assert page.status_code == 200 and "ECLI:EU:C:2025:52" in page.content.decode()
    case.refresh_from_db()
    done = client.post(
        reverse("progress:decide_fine", args=[c.uuid, case.uuid]),
        {"version": case.version, "decision": "opleggen", "note": ""},
    )
    assert done.status_code == 302
    pdf = client.get(reverse("progress:fine_pdf", args=[c.uuid, case.uuid]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert c.bsn.encode() not in pdf.content


def test_non_asylum_holder_proposal_has_no_note(world, principal, login, client, today):
    c = world.clients["own_cm1"]
    c.target_group = TargetGroup.FAMILY
    c.save()
    case = _to_heard(principal("cm1"), c, today)
    login(*world.as_role("cm1"))
    page = client.get(reverse("progress:propose_fine", args=[c.uuid, case.uuid]))
    assert "ECLI:EU:C:2025:52" not in page.content.decode()
