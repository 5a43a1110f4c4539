"""A new rule-set version goes through core.ruleset.create_rule_set; the page only asks for it."""

import datetime as dt

import pytest

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from regie.core.models import RuleSet
from regie.core.principal import Principal
from regie.core.ruleset import RULES, create_rule_set, default_values, rules_on


def _values():
    return {r.key: r.default for r in RULES}


def test_only_the_functional_admin_may_add_a_version(world):
    before = RuleSet.objects.count()
    for key in ("tl", "cm1", "policy_a1"):
        with pytest.raises(PermissionDenied):
            create_rule_set(
                Principal.from_assignment(world.assignments[key]),
                valid_from=dt.date(2030, 1, 1),
                label="Nieuw",
                values=_values(),
                unconfirmed={},
            )
    with pytest.raises(PermissionDenied):
        create_rule_set(
            None, valid_from=dt.date(2030, 1, 1), label="x", values=_values(), unconfirmed={}
        )
    assert RuleSet.objects.count() == before


def test_a_version_keeps_the_sources_and_the_marks(world):
    admin = Principal.from_assignment(world.assignments["admin"])
    RuleSet.objects.create(
        valid_from=dt.date(2029, 1, 1),
        label="Oud",
        values={"pip_term_weeks": {"value": 10, "source": "Eigen bron", "unconfirmed": False}},
    )
    values = _values() | {"pip_term_weeks": 12}
    row = create_rule_set(
        admin,
        valid_from=dt.date(2030, 1, 1),
        label="Nieuw",
        values=values,
        unconfirmed={"pip_term_weeks": True},
    )
    stored = row.values["pip_term_weeks"]
    assert stored == {"value": 12.0, "source": "Eigen bron", "unconfirmed": True}
    other = RULES[1].key
    assert row.values[other]["source"] == default_values()[other]["source"]
    assert rules_on(dt.date(2030, 6, 1)).value("pip_term_weeks") == 12


def test_the_page_saves_through_the_service_and_answers_400_on_errors(world, login, client):
    login(*world.as_role("admin"))
    url = reverse("core:rule_set_new")
    page = client.get(url)
    assert page.status_code == 200
    data = {"valid_from": "1-1-2031", "label": "Versie 2031"}
    for field, source, state, _rule in page.context["form"].rule_fields():
        for bound in (field, source, state):
            data[bound.name] = bound.initial if bound.initial is not None else bound.field.initial
    data["basis"] = page.context["form"]["basis"].initial
    preview = client.post(url, {**data, "action": "save"})  # no preview yet: shows it first
    assert preview.status_code == 200 and not RuleSet.objects.filter(label="Versie 2031")
    data["preview_digest"] = preview.context["form"].data["preview_digest"]
    assert client.post(url, {**data, "action": "save"}).status_code == 302
    assert RuleSet.objects.get(valid_from=dt.date(2031, 1, 1)).label == "Versie 2031"
    bad = client.post(url, {**data, "valid_from": "1-1-2031"})
    assert bad.status_code == 400
    assert "Er is al een regelset" in bad.content.decode()
    login(*world.as_role("tl"))
    assert client.get(url).status_code == 403
