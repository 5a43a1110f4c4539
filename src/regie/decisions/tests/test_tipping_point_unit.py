"""The tipping point of the top two is stated in one unit (issue 14, item 13): the verdict and
the report both say how much "procent van het totale gewicht" moves, with the same number."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.urls import reverse

from regie.decisions import services
from regie.decisions.mca.textformat import format_moved_weight


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_moved_weight_is_always_in_procent_of_the_total_weight(moved):
    text = format_moved_weight(moved)
    assert text.endswith(" procent") and "procentpunt" not in text
    assert moved == 0 or not re.fullmatch(r"0,00 procent", text)  # never a misleading zero


@pytest.mark.django_db
def test_verdict_and_report_state_the_tipping_point_in_the_same_unit_and_number(
    world, login, client
):
    study = services.load_demo_studies(world.orgs["a1"].region)[0]
    login(*world.as_role("tl"))
    body = client.get(reverse("decisions:detail", args=[study.uuid])).content.decode()
    body = " ".join(body.split())
    sentences = re.findall(r"Als ([^<]*?) van het totale gewicht naar andere criteria gaat", body)
    assert len(sentences) >= 2, "the verdict and the report both state the tipping point"
    assert len(set(sentences)) == 1, sentences
    assert sentences[0].endswith("procent") and "procentpunt" not in body
