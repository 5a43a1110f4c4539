"""Quality figures on a hand-made example, signals for case manager and contract manager,
the quality page with its charts, and scoping (a provider sees only its own figures)."""

import datetime as dt
import re

import pytest

from django.urls import reverse

from regie.core.principal import Principal
from regie.offer import provider_reports as reporting
from regie.offer.tests.test_reporting import TODAY, attendance, make_offer
from regie.reporting import charts, quality


def principal(world, key):
    return Principal.from_assignment(world.assignments[key])


@pytest.fixture
def example(world):
    """P1: two clients, 20 hours offered, 14 attended (70%), one drop-out, one on track.
    P2: one client, 10 of 10 hours, two exams (one passed), 30 days after the start."""
    from regie.progress.models import Review

    _p1, (e1, e2) = make_offer(world, provider="p1", clients=("own_cm1", "own_cm2"))
    _p2, (e3,) = make_offer(world, provider="p2", clients=("income",))
    day = TODAY - dt.timedelta(days=2)
    p1_rows = [
        attendance(e1, "e1-a", day, "5", "5"),
        attendance(e1, "e1-b", day - dt.timedelta(days=1), "5", "4"),
        attendance(e2, "e2-a", day, "5", "2,5"),
        attendance(e2, "e2-b", day - dt.timedelta(days=1), "5", "2,5"),
        {
            "record_id": "e1-p",
            "enrolment": str(e1.uuid),
            "kind": "voortgang",
            "date": day.isoformat(),
            "skill": "lezen",
            "level": "a2",
        },
        {
            "record_id": "e2-p",
            "enrolment": str(e2.uuid),
            "kind": "voortgang",
            "date": day.isoformat(),
            "skill": "lezen",
            "level": "a0",
        },
        {
            "record_id": "e2-u",
            "enrolment": str(e2.uuid),
            "kind": "uitval",
            "date": day.isoformat(),
            "reason": "Verhuisd",
        },
    ]
    exam_day = e3.start_date + dt.timedelta(days=30)
    p2_rows = [
        attendance(e3, "e3-a", day, "10", "10"),
        {
            "record_id": "e3-x1",
            "enrolment": str(e3.uuid),
            "kind": "examen",
            "date": exam_day.isoformat(),
            "skill": "lezen",
            "passed": "ja",
        },
        {
            "record_id": "e3-x2",
            "enrolment": str(e3.uuid),
            "kind": "examen",
            "date": (exam_day + dt.timedelta(days=5)).isoformat(),
            "skill": "spreken",
            "passed": "nee",
        },
    ]
    assert reporting.submit_reports(principal(world, "provider_p1"), p1_rows).ok
    assert reporting.submit_reports(principal(world, "provider_p2"), p2_rows).ok
    for key, score in (("own_cm1", 4), ("own_cm2", 2), ("income", 5)):
        Review.objects.create(
            client=world.clients[key], planned_on=day, held_on=day, satisfaction=score
        )
    return e1, e2, e3


@pytest.mark.django_db
def test_figures_per_provider_on_a_hand_made_example(world, example):
    figures = quality.quality_figures(principal(world, "contract"), by="aanbieder")
    rows = {f.label: f.as_row() for f in figures["rows"]}
    p1, p2 = rows["Aanbieder P1"], rows["Aanbieder P2"]
    assert (p1["hours_offered"], p1["hours_attended"]) == (20, 14)
    assert str(p1["attendance_rate"]) == "70.0" and p1["below_threshold"]
    assert str(p1["on_track_share"]) == "50.0"
    assert str(p1["dropout_rate"]) == "50.0"
    assert str(p1["satisfaction"]) == "3.0"
    assert p1["pass_rate"] is None and p1["median_days_to_exam"] is None
    assert str(p2["attendance_rate"]) == "100.0" and not p2["below_threshold"]
    assert str(p2["pass_rate"]) == "50.0" and p2["median_days_to_exam"] == 30
    assert str(p2["dropout_rate"]) == "0.0" and str(p2["satisfaction"]) == "5.0"
    total = figures["total"].as_row()
    assert (total["enrolments"], total["hours_offered"], total["hours_attended"]) == (3, 30, 24)
    by_group = quality.quality_figures(principal(world, "contract"), by="groep")["rows"]
    assert {f.label for f in by_group} == {"Nog niet in een groep"}
    by_product = quality.quality_figures(principal(world, "contract"), by="product")["rows"]
    assert {f.label for f in by_product} == {"Taal B1 p1", "Taal B1 p2"}


@pytest.mark.django_db
def test_figures_are_scoped(world, example):
    own = quality.quality_figures(principal(world, "provider_p2"))["rows"]
    assert [f.label for f in own] == ["Aanbieder P2"]
    assert quality.quality_figures(principal(world, "cm1"))["rows"] == []
    assert quality.quality_figures(principal(world, "policy_a1"))["rows"] == []


@pytest.mark.django_db
def test_quarterly_trend(world, example):
    trend = quality.attendance_by_quarter(principal(world, "contract"))
    assert len(trend["quarters"]) == 4 and trend["quarters"][-1] == quality.quarter_label(TODAY)
    series = {s["name"]: s["values"] for s in trend["series"]}
    day = TODAY - dt.timedelta(days=3)  # both P1 lessons may straddle a quarter boundary
    if quality.quarter_start(day) == quality.quarter_start(TODAY):
        assert str(series["Aanbieder P1"][-1]) == "70.0"


@pytest.mark.django_db
def test_low_attendance_signal_for_the_case_manager(world, example):
    e1, e2, _e3 = example
    assert [
        r["client"] for r in quality.low_attendance_for_case_manager(principal(world, "cm2"))
    ] == [e2.client]
    assert quality.low_attendance_for_case_manager(principal(world, "cm1")) == []
    assert [
        r["client"] for r in quality.low_attendance_for_case_manager(principal(world, "tl"))
    ] == [e2.client]
    assert quality.low_attendance_for_case_manager(principal(world, "contract")) == []


@pytest.mark.django_db
def test_signals_on_home_page_and_quality_page(world, login, client, example):
    from django.apps import apps

    apps.get_app_config("reporting").ready()  # idempotent; Django calls it at start-up
    login(*world.as_role("cm2"))
    home = client.get(reverse("core:home")).content.decode()
    assert "Lage aanwezigheid" in home and "Collegaklant" in home
    login(*world.as_role("contract"))
    home = client.get(reverse("core:home")).content.decode()
    assert "Kwaliteit van het aanbod" in home and "Aanbieder P1: aanwezigheid 70,0%" in home
    page = client.get(reverse("reporting:quality"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'role="img"' in html and "<caption" in html and "Onder de norm" in html
    assert (
        "attendance_threshold_pct" not in html and "Norm aanwezigheid klant" in html
    )  # label, no key
    csv_export = client.get(reverse("reporting:quality") + "?indeling=product&formaat=csv")
    body = "".join(part.decode() for part in csv_export.streaming_content)
    assert "Taal B1 p1" in body and "70,0" in body
    login(*world.as_role("provider_p2"))
    own = client.get(reverse("reporting:quality")).content.decode()
    assert "Aanbieder P2" in own and "Aanbieder P1" not in own
    login(*world.as_role("cm1"))
    assert client.get(reverse("reporting:quality")).status_code == 403


def test_charts_are_accessible_svg():
    bar = charts.bar_chart(
        "g1", "Aanwezigheid <per> aanbieder", [("P1", 70), ("P2", None), ("P3", 90)], threshold=75
    )
    assert re.search(r'<svg[^>]*role="img"[^>]*aria-labelledby="g1-title"', bar)
    assert 'aria-describedby="g1-desc"' in bar and '<desc id="g1-desc">' in bar
    assert '<title id="g1-title">Aanwezigheid &lt;per&gt; aanbieder</title>' in bar
    assert "var(--regie-chart-1,#1f6f8b)" in bar and "url(#g1-hatch)" in bar
    assert "70% – onder de norm" in bar and "geen gegevens" in bar and "norm 75%" in bar
    line = charts.line_chart(
        "g2",
        "Per kwartaal",
        ["2026-K1", "2026-K2"],
        [{"name": "P1", "values": [80, 70]}, {"name": "P2", "values": [None, 90]}],
        threshold=75,
    )
    assert "P1: 70%" in line and "P2: 90%" in line and "stroke-dasharray" in line
    assert "<polygon" in line or "<rect" in line  # a second marker shape, not only colour
