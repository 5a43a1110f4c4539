"""The Awb procedure for a fine (issue 9 item 8): report, zienswijze, caution, 13-week decision
term, lapse of the power to fine and its suspension during objection and appeal.

Awb 5:48, 5:51, 5:53, 5:45 and 5:10a as read (docs/decisions.md, "Law (issue 9): the fine
procedure"); Wi2021 art. 22 (fixed € 250) and art. 23 (at most € 800) from the rule set.
"""

import datetime as dt
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from django.urls import reverse

from regie.clients.models import Deadline, TargetGroup
from regie.progress import fine_procedure, services
from regie.progress.deadlines import FINE_DECISION, FINE_LAPSE
from regie.progress.models import EnforcementCase, EnforcementStatus, FineLapseSuspension
from regie.progress.selectors import fine_procedure_of
from regie.progress.services import ProgressError

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def clock(monkeypatch):
    """Set the services' today: ``clock(day)``."""

    def _set(day):
        monkeypatch.setattr(services, "_today", lambda: day)
        return day

    return _set


def _warned(p, client, violation, day, violation_on):
    case = services.open_enforcement(
        p, client, violation=violation, description="Niet gekomen.", violation_on=violation_on
    )
    case = services.assess(p, case, case.version, assessment="wil_niet", reason="Weigert.")
    return services.give_warning(p, case, case.version, warning_on=day, text="Laatste kans.")


def _report(p, case, day, violation_on):
    return services.record_report(
        p,
        case,
        case.version,
        report_date=day,
        violation_on=violation_on,
        text="Niet verschenen bij de taalschool; Wet inburgering 2021 art. 23.",
    )


def _hear(p, case, day, caution="gegeven"):
    return services.record_hearing(
        p,
        case,
        case.version,
        hearing_on=day,
        summary="Geen reden gegeven.",
        caution=caution,
        caution_on=day if caution == "gegeven" else None,
    )


def _deadline(client, kind):
    return Deadline.objects.filter(client=client, kind=kind).first()


# --- Awb 5:53: report and zienswijze for the art. 23 fine -----------------------------------


def test_art23_fine_needs_report_and_zienswijze_before_decision(world, principal, clock):
    p, client = principal("cm1"), world.clients["own_cm1"]
    day = clock(D(2026, 3, 2))
    case = _warned(p, client, "pip", D(2026, 2, 25), D(2026, 2, 20))
    assert fine_procedure_of(case, day).heavy  # at most € 800 > € 340: Awb 5:53 applies
    with pytest.raises(ProgressError, match="5:53 lid 2"):
        _hear(p, case, day)
    case = _report(p, case, D(2026, 3, 2), D(2026, 2, 20))
    clock(D(2026, 3, 5))
    with pytest.raises(ProgressError, match="dagtekening van het rapport"):
        _hear(p, case, D(2026, 3, 1))  # a zienswijze before the report does not count
    case = _hear(p, case, D(2026, 3, 5))
    case = services.propose_fine(p, case, case.version, amount=Decimal("300"))
    case = services.decide_fine(principal("tl"), case, case.version, impose=True)
    assert case.status == EnforcementStatus.FINED and case.report_date == D(2026, 3, 2)

    # a case heard before this rule (no report) cannot be proposed or decided
    legacy = _warned(p, client, "pip", D(2026, 3, 5), D(2026, 2, 20))
    EnforcementCase.objects.filter(pk=legacy.pk).update(
        status=EnforcementStatus.HEARD, hearing_on=D(2026, 3, 5), caution="geen_verhoor"
    )
    legacy.refresh_from_db()
    with pytest.raises(ProgressError, match="een rapport verplicht"):
        services.propose_fine(p, legacy, legacy.version, amount=Decimal("300"))
    # the report then asks for a new zienswijze (Awb 5:50 lid 1 onder a)
    clock(D(2026, 3, 9))
    legacy = _report(p, legacy, D(2026, 3, 9), D(2026, 2, 20))
    assert legacy.status == EnforcementStatus.WARNED


def test_art22_report_is_optional(world, principal, clock):
    p, client = principal("cm1"), world.clients["own_cm1"]
    day = clock(D(2026, 3, 2))
    case = _warned(p, client, "intake", day, D(2026, 2, 27))
    assert not fine_procedure_of(case, day).heavy  # fixed € 250: Awb 5:53 does not apply
    case = _hear(p, case, day, caution="geen_verhoor")
    case = services.propose_fine(p, case, case.version, amount=Decimal("250"))
    assert case.status == EnforcementStatus.PROPOSED and case.report_date is None
    assert _deadline(client, FINE_DECISION) is None  # no report, no 13-week term (Awb 5:51)


# --- Awb 5:51 lid 1: the decision within 13 weeks of the report ------------------------------


def test_art23_decision_due_13_weeks_after_report(world, principal, clock):
    p, client = principal("cm1"), world.clients["own_cm1"]
    clock(D(2026, 2, 3))
    case = _warned(p, client, "pip", D(2026, 2, 3), D(2026, 1, 20))
    case = _report(p, case, D(2026, 2, 3), D(2026, 1, 20))
    deadline = _deadline(client, FINE_DECISION)
    assert deadline.due_date == D(2026, 5, 5)  # Tuesday + 13 weeks, no Atw (> 12 weeks)
    assert "5:51" in deadline.basis and deadline.met_on is None
    clock(D(2026, 2, 10))
    case = _hear(p, case, D(2026, 2, 10))
    case = services.propose_fine(p, case, case.version, amount=Decimal("400"))
    case = services.decide_fine(principal("tl"), case, case.version, impose=True)
    assert _deadline(client, FINE_DECISION).met_on == D(2026, 2, 10)


def test_art22_decision_after_13_weeks_warns_not_blocks(
    world, principal, clock, login, client, settings
):
    p, c = principal("cm1"), world.clients["own_cm1"]
    clock(D(2026, 1, 5))
    case = _warned(p, c, "intake", D(2026, 1, 5), D(2026, 1, 2))
    case = _report(p, case, D(2026, 1, 5), D(2026, 1, 2))
    case = _hear(p, case, D(2026, 1, 5))
    case = services.propose_fine(p, case, case.version, amount=Decimal("250"))
    late = clock(D(2026, 4, 7))  # due 6-4-2026; a day later
    procedure = fine_procedure_of(case, late)
    assert procedure.decision_due == D(2026, 4, 6) and not procedure.blocked
    assert any("5:51 lid 1" in w and "termijn van orde" in w for w in procedure.warnings)
    login(*world.as_role("tl"))
    page = client.get(reverse("progress:decide_fine", args=[c.uuid, case.uuid]))
    assert "5:51 lid 1" in page.content.decode()
    case = services.decide_fine(principal("tl"), case, case.version, impose=True)
    assert case.status == EnforcementStatus.FINED and case.decision_date == late


# --- Awb 5:45: the power to fine lapses ---------------------------------------------------


def test_power_to_fine_lapses_after_5_years_for_art23(world, principal, clock):
    p, client = principal("cm1"), world.clients["own_cm1"]
    violation_on = D(2021, 3, 1)
    clock(D(2026, 2, 2))
    case = _warned(p, client, "pip", D(2026, 2, 2), violation_on)
    case = _report(p, case, D(2026, 2, 2), violation_on)
    case = _hear(p, case, D(2026, 2, 2))
    case = services.propose_fine(p, case, case.version, amount=Decimal("500"))
    lapse = _deadline(client, FINE_LAPSE)
    assert lapse.due_date == D(2026, 3, 1) and "5:45 lid 1" in lapse.basis
    clock(D(2026, 3, 2))  # the day after the fifth anniversary
    with pytest.raises(ProgressError, match=r"vervallen op 1-3-2026.*Awb art\. 5:45 lid 1"):
        services.decide_fine(principal("tl"), case, case.version, impose=True)
    case.refresh_from_db()
    assert case.status == EnforcementStatus.PROPOSED
    clock(D(2026, 3, 1))  # on the last day it can still be imposed
    case = services.decide_fine(principal("tl"), case, case.version, impose=True)
    assert case.status == EnforcementStatus.FINED
    assert _deadline(client, FINE_LAPSE).met_on == D(2026, 3, 1)


def test_power_to_fine_lapses_after_3_years_for_art22(world, principal, clock):
    p, client = principal("cm1"), world.clients["own_cm1"]
    clock(D(2026, 3, 2))
    case = _warned(p, client, "intake", D(2026, 3, 2), D(2023, 3, 1))
    case = _hear(p, case, D(2026, 3, 2), caution="geen_verhoor")
    assert fine_procedure_of(case, D(2026, 3, 2)).lapse_date == D(2026, 3, 1)
    with pytest.raises(ProgressError, match="Awb art. 5:45 lid 2"):
        services.propose_fine(p, case, case.version, amount=Decimal("250"))


def test_lapse_suspended_during_objection(world, principal, clock):
    p, client = principal("cm1"), world.clients["own_cm1"]
    violation_on = D(2024, 1, 10)
    clock(D(2024, 2, 1))
    case = _warned(p, client, "pip", D(2024, 2, 1), violation_on)
    case = _report(p, case, D(2024, 2, 1), violation_on)
    case = _hear(p, case, D(2024, 2, 1))
    with pytest.raises(ProgressError, match="opgelegde boete"):
        services.suspend_fine_lapse(case, start=D(2024, 2, 1), reason="Bezwaar.")
    case = services.propose_fine(p, case, case.version, amount=Decimal("500"))
    case = services.decide_fine(principal("tl"), case, case.version, impose=True)
    # the objections app registers an objection against the fine on 1-3-2024
    clock(D(2024, 6, 1))
    services.suspend_fine_lapse(
        case, start=D(2024, 3, 1), reason="Bezwaar tegen de boete.", source_ref="BZ-1"
    )
    procedure = fine_procedure_of(case, D(2024, 6, 1))
    assert procedure.lapse_date is None and procedure.suspended_since == D(2024, 3, 1)
    assert _deadline(client, FINE_LAPSE) is None  # the term does not run
    with pytest.raises(ProgressError, match="al opgeschort"):
        services.suspend_fine_lapse(case, start=D(2024, 4, 1), reason="Nog een.")
    # irrevocably decided on 31-5-2024: 91 days suspended
    services.end_fine_lapse_suspension(case, end=D(2024, 5, 31), source_ref="BZ-1")
    expected = D(2029, 1, 10) + dt.timedelta(days=91)
    assert fine_procedure_of(case, D(2024, 6, 1)).lapse_date == expected
    lapse = _deadline(client, FINE_LAPSE)
    assert lapse.due_date == expected and "91 dagen opgeschort" in lapse.basis
    assert FineLapseSuspension.objects.get().end == D(2024, 5, 31)
    with pytest.raises(ProgressError, match="geen opschorting"):
        services.end_fine_lapse_suspension(case, end=D(2024, 6, 1))


# --- Awb 5:10a: the caution -----------------------------------------------------------------


def test_caution_recorded_when_client_questioned(world, principal, clock, login, client):
    p, c = principal("cm1"), world.clients["own_cm1"]
    day = clock(D(2026, 3, 2))
    case = _warned(p, c, "intake", day, D(2026, 2, 27))
    kwargs = {"hearing_on": day, "summary": "Verhoor op kantoor."}
    with pytest.raises(ProgressError, match="5:10a lid 2"):
        services.record_hearing(p, case, case.version, **kwargs)
    with pytest.raises(ProgressError, match="cautie is gegeven"):
        services.record_hearing(p, case, case.version, caution="gegeven", **kwargs)
    with pytest.raises(ProgressError, match="cautie is gegeven"):
        services.record_hearing(
            p, case, case.version, caution="gegeven", caution_on=D(2026, 3, 3), **kwargs
        )
    case = services.record_hearing(
        p, case, case.version, caution="gegeven", caution_on=day, **kwargs
    )
    assert case.caution == "gegeven" and case.caution_on == day
    assert not fine_procedure_of(case, day).warnings
    # not given: recorded, and the proposal and decision pages warn
    other = _warned(p, c, "intake", day, D(2026, 2, 27))
    other = services.record_hearing(p, other, other.version, caution="niet_gegeven", **kwargs)
    assert other.caution_on is None
    assert any("5:10a" in w for w in fine_procedure_of(other, day).warnings)
    # the page: the yes/no is required and "ja" needs the date, the input is kept
    third = _warned(p, c, "intake", day, D(2026, 2, 27))
    login(*world.as_role("cm1"))
    url = reverse("progress:enforcement_case", args=[c.uuid, third.uuid])
    data = {"version": third.version, "hearing_on": "02-03-2026", "summary": "Gehoord."}
    bad = client.post(url, data)
    assert bad.status_code == 400 and "cautie is gegeven" in bad.content.decode()
    bad = client.post(url, {**data, "caution": "gegeven"})
    assert bad.status_code == 400 and "Vul de datum in waarop de cautie" in bad.content.decode()
    ok = client.post(url, {**data, "caution": "gegeven", "caution_on": "02-03-2026"})
    assert ok.status_code == 302
    third.refresh_from_db()
    assert third.caution == "gegeven" and third.caution_on == day


# --- pages, API, the asylum note --------------------------------------------------------------


def test_art23_case_page_asks_for_the_report_first_and_shows_the_terms(
    world, principal, clock, login, client
):
    p, c = principal("cm1"), world.clients["own_cm1"]
    c.target_group = TargetGroup.ASYLUM
    c.save()
    clock(D(2026, 3, 2))
    case = _warned(p, c, "pip", D(2026, 3, 2), D(2026, 2, 20))
    login(*world.as_role("cm1"))
    url = reverse("progress:enforcement_case", args=[c.uuid, case.uuid])
    html = client.get(url).content.decode()
    assert "Rapport opmaken (Awb art. 5:48)" in html and "Awb art. 5:53" in html
    bad = client.post(url, {"version": case.version, "report_date": "03-03-2026", "text": ""})
    assert bad.status_code == 400 and 'value="03-03-2026"' in bad.content.decode()
    ok = client.post(
        url,
        {
            "version": case.version,
            "report_date": "02-03-2026",
            "violation_on": "20-02-2026",
            "text": "Niet verschenen.",
        },
    )
    assert ok.status_code == 302
    html = client.get(url).content.decode()
    assert "01-06-2026" in html  # 13 weeks after 2-3-2026
    assert "20-02-2031" in html  # 5 years after the violation
    case.refresh_from_db()
    case = _hear(p, case, D(2026, 3, 2))
    page = client.get(reverse("progress:propose_fine", args=[c.uuid, case.uuid]))
    assert "ECLI:EU:C:2025:52" in page.content.decode()  # the rulings stay visible
    assert "Niet bevestigd" in page.content.decode()


def test_report_form_with_a_stale_version_is_refused(world, principal, clock, login, client):
    p, c = principal("cm1"), world.clients["own_cm1"]
    clock(D(2026, 3, 2))
    case = _warned(p, c, "intake", D(2026, 3, 2), D(2026, 2, 20))
    login(*world.as_role("cm1"))
    url = reverse("progress:enforcement_case", args=[c.uuid, case.uuid]) + "?stap=rapport"
    assert "Rapport opmaken" in client.get(url).content.decode()
    data = {"report_date": "02-03-2026", "violation_on": "20-02-2026", "text": "Eerste."}
    assert client.post(url, {"version": case.version, **data}).status_code == 302
    stale = client.post(url, {"version": case.version, **data, "text": "Tweede."})
    assert stale.status_code == 409 and "Tweede." in stale.content.decode()
    case.refresh_from_db()
    assert case.report_text == "Eerste."


def test_api_reports_and_records_the_caution(world, principal, clock, login, client):
    import json

    p, c = principal("cm1"), world.clients["own_cm1"]
    clock(D(2026, 3, 2))
    case = _warned(p, c, "pip", D(2026, 3, 2), D(2026, 2, 20))
    login(*world.as_role("cm1"))

    class Api:
        @staticmethod
        def post(url, data, format=None):
            return client.post(url, json.dumps(data), content_type="application/json")

    api = Api()
    base = f"/api/v1/handhavingszaken/{case.uuid}/"
    answer = api.post(
        base + "rapport/",
        {
            "version": case.version,
            "report_date": "2026-03-02",
            "violation_on": "2026-02-20",
            "text": "Rapport.",
        },
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["report_date"] == "2026-03-02"
    refused = api.post(
        base + "zienswijze/",
        {"version": answer.json()["version"], "hearing_on": "2026-03-02", "summary": "x"},
        format="json",
    )
    assert refused.status_code == 400
    done = api.post(
        base + "zienswijze/",
        {
            "version": answer.json()["version"],
            "hearing_on": "2026-03-02",
            "summary": "x",
            "caution": "geen_verhoor",
        },
        format="json",
    )
    assert done.status_code == 200 and done.json()["caution"] == "geen_verhoor"


# --- the arithmetic (hypothesis) ------------------------------------------------------------

days = st.dates(min_value=D(2022, 1, 1), max_value=D(2035, 12, 31))


@settings(max_examples=200, deadline=None)
@given(report=days)
def test_decision_term_is_13_weeks_to_the_day_without_atw(report):
    due = fine_procedure.decision_due(report)
    assert (due - report).days == 91 and due.weekday() == report.weekday()


@settings(max_examples=200, deadline=None)
@given(
    violation=days,
    heavy=st.booleans(),
    gaps=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 800)), max_size=4),
    probe=st.integers(-5, 5),
)
def test_lapse_date_is_years_after_violation_plus_suspended_days(violation, heavy, gaps, probe):
    periods, cursor = [], violation
    for gap, length in gaps:
        start = cursor + dt.timedelta(days=gap)
        periods.append(fine_procedure.Period(start, start + dt.timedelta(days=length)))
        cursor = start + dt.timedelta(days=length)
    years = 5 if heavy else 3
    end = fine_procedure.lapse_date(violation, heavy, periods)
    suspended = sum(length for _gap, length in gaps)
    assert end == violation + relativedelta(years=years) + dt.timedelta(days=suspended)
    day = end + dt.timedelta(days=probe)
    assert fine_procedure.lapsed(violation, heavy, periods, day) == (probe > 0)
    # an open suspension: the term does not run, nothing lapses
    still = [*periods, fine_procedure.Period(cursor, None)]
    assert fine_procedure.lapse_date(violation, heavy, still) is None
    assert not fine_procedure.lapsed(violation, heavy, still, day + dt.timedelta(days=9999))


@settings(max_examples=100, deadline=None)
@given(amount=st.decimals(min_value=0, max_value=2000, places=2))
def test_awb_5_53_applies_above_340_euro(amount):
    assert fine_procedure.awb_5_53_applies(amount) == (amount > Decimal("340"))


def test_fine_amounts_unconfirmed_until_wi2021_art_22_and_23_are_read(db):
    from regie.core.ruleset import rules_on

    for year in (2022, 2024, 2026):
        rules = rules_on(D(year, 6, 1))
        assert rules.unconfirmed("fine_intake_eur") and rules.unconfirmed("fine_pip_max_eur")
        assert "artikeltekst niet gelezen" in rules.source("fine_pip_max_eur")


def test_a_case_closed_without_a_fine_shows_no_lapse_refusal(world, principal, clock):
    p, client = principal("cm1"), world.clients["own_cm1"]
    clock(D(2026, 3, 2))
    case = services.open_enforcement(
        p, client, violation="intake", description="Niet gekomen.", violation_on=D(2022, 1, 3)
    )
    assert fine_procedure_of(case, D(2026, 3, 2)).blocked  # open: the power has lapsed
    case = services.assess(p, case, case.version, assessment="kan_niet", reason="Ziek.")
    procedure = fine_procedure_of(case, D(2026, 3, 2))
    assert not procedure.blocked and not procedure.warnings
    assert _deadline(client, FINE_LAPSE) is None  # "kan niet": no fine, no lapse deadline
