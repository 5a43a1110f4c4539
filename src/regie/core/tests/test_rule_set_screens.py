"""Rule set and decree days managed in the app's own screens (issue 14, item 8)."""

import datetime as dt

import pytest

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from regie.core import hooks
from regie.core.locking import VersionConflict
from regie.core.models import AuditEvent, ExtraNonWorkingDay, RuleSet
from regie.core.principal import Principal
from regie.core.ruleset import (
    RULES,
    add_decree_day,
    basis_token,
    create_rule_set,
    preview_rule_set,
    remove_decree_day,
    rules_on,
)


def _principal(world, key):
    return Principal.from_assignment(world.assignments[key])


def _arguments(valid_from, **changes):
    current = rules_on(valid_from)
    values = {r.key: current.value(r.key) for r in RULES} | changes
    return {
        "valid_from": valid_from,
        "values": values,
        "unconfirmed": {r.key: current.unconfirmed(r.key) for r in RULES},
        "sources": {r.key: current.source(r.key) for r in RULES},
    }


def test_only_the_functioneel_beheerder_may_change_the_rule_set_or_decree_days(
    world, login, client
):
    arguments = _arguments(dt.date(2031, 1, 1))
    with pytest.raises(PermissionDenied):
        preview_rule_set(_principal(world, "tl"), **arguments)
    with pytest.raises(PermissionDenied):
        create_rule_set(_principal(world, "tl"), label="x", **arguments)
    with pytest.raises(PermissionDenied):
        add_decree_day(_principal(world, "tl"), date=dt.date(2031, 5, 2), source="x",
                       unconfirmed=False)  # fmt: skip
    login(*world.as_role("tl"))
    assert client.get(reverse("core:rule_set_new")).status_code == 403
    assert client.get(reverse("core:decree_days")).status_code == 403


def test_preview_counts_running_cases_whose_deadlines_move_and_saves_nothing(world):
    from django.apps import apps

    Client = apps.get_model("clients", "Client")  # noqa: N806 (core may not import clients)
    admin = _principal(world, "admin")
    RuleSet.objects.all().delete()
    Client.objects.update(duo_notice_date=dt.date(2026, 10, 1), brp_date=dt.date(2026, 10, 1))
    before = hooks.deadline_snapshot()
    pip_clients = {
        client_id for client_id, dates in before.items()
        if any("PIP" in label for label, _seq in dates)
    }  # fmt: skip
    assert pip_clients, "the test world needs running cases with a PIP term"
    weeks = rules_on(dt.date(2000, 1, 1)).value("pip_term_weeks")
    preview = preview_rule_set(admin, **_arguments(dt.date(2000, 1, 1), pip_term_weeks=weeks + 4))
    change = next(c for c in preview["changes"] if c["rule"].key == "pip_term_weeks")
    assert change["clients"] == len(pip_clients)
    assert any("PIP" in kind for kind in change["kinds"])
    assert preview["clients"] == len(pip_clients)
    assert not RuleSet.objects.exists()
    assert hooks.deadline_snapshot() == before


def test_preview_of_an_unchanged_value_moves_nothing(world):
    preview = preview_rule_set(_principal(world, "admin"), **_arguments(dt.date(2031, 1, 1)))
    assert preview["changes"] == [] and preview["clients"] == 0


def test_saving_creates_a_version_with_source_and_state_and_is_audited(world):
    admin = _principal(world, "admin")
    arguments = _arguments(dt.date(2031, 1, 1), pip_term_weeks=12)
    arguments["sources"]["pip_term_weeks"] = "Besluit inburgering 2021, artikel 5.3"
    arguments["unconfirmed"]["pip_term_weeks"] = False
    row = create_rule_set(admin, label="Versie 2031", basis=basis_token(), **arguments)
    assert row.values["pip_term_weeks"] == {
        "value": 12.0,
        "source": "Besluit inburgering 2021, artikel 5.3",
        "unconfirmed": False,
    }
    assert rules_on(dt.date(2031, 2, 1)).value("pip_term_weeks") == 12
    assert AuditEvent.objects.filter(object_type="core.RuleSet", object_id=row.pk).exists()


def test_a_rule_set_based_on_a_stale_list_of_versions_is_refused(world):
    admin = _principal(world, "admin")
    stale = basis_token()
    create_rule_set(admin, label="Eerst", basis=stale, **_arguments(dt.date(2031, 1, 1)))
    with pytest.raises(VersionConflict):
        create_rule_set(admin, label="Later", basis=stale, **_arguments(dt.date(2032, 1, 1)))
    assert not RuleSet.objects.filter(label="Later").exists()


def test_the_form_shows_labels_and_a_labelled_confirmed_choice_never_codes(world, login, client):
    login(*world.as_role("admin"))
    body = client.get(reverse("core:rule_set_new")).content.decode()
    assert 'type="radio"' in body and "Bevestigd" in body and "Niet bevestigd" in body
    assert "NIET BEVESTIGD" not in body
    assert ">later_of_duo_brp<" not in body
    assert "Melding DUO" in body
    assert str(RULES[0].label) in body


def test_decree_days_are_added_with_source_and_removed_after_confirmation(world, login, client):
    login(*world.as_role("admin"))
    url = reverse("core:decree_days")
    bad = client.post(url, {"action": "add", "date": "", "source": ""})
    assert bad.status_code == 400
    assert "Vul de datum van de gelijkgestelde dag in." in bad.content.decode()
    answer = client.post(
        url, {"action": "add", "date": "02-05-2031", "source": "Besluit x", "state": "unconfirmed"}
    )
    assert answer.status_code == 302
    day = ExtraNonWorkingDay.objects.get(date=dt.date(2031, 5, 2))
    assert day.unconfirmed and day.source == "Besluit x"
    asked = client.post(url, {"action": "remove", "day": day.pk})
    assert "Weet u zeker" in asked.content.decode()
    assert ExtraNonWorkingDay.objects.filter(pk=day.pk).exists()
    assert (
        client.post(url, {"action": "remove", "day": day.pk, "confirmed": "1"}).status_code == 302
    )
    assert not ExtraNonWorkingDay.objects.filter(pk=day.pk).exists()
    gone = client.post(url, {"action": "remove", "day": day.pk, "confirmed": "1"})
    assert gone.status_code == 409
    assert AuditEvent.objects.filter(object_type="core.ExtraNonWorkingDay").count() >= 2
    with pytest.raises(VersionConflict):
        remove_decree_day(_principal(world, "admin"), day.pk)


def test_preview_names_the_cost_figures_a_changed_amount_feeds(world):
    arguments = _arguments(dt.date(2031, 1, 1))
    key = "avg_trajectory_price_eur"
    arguments["values"][key] = arguments["values"][key] + 100
    preview = preview_rule_set(_principal(world, "admin"), **arguments)
    change = next(c for c in preview["changes"] if c["rule"].key == key)
    assert "Kostenmodel" in str(change["figure"]) and change["clients"] == 0


def test_saving_a_version_moves_the_stored_deadlines_of_running_cases(world):
    from django.apps import apps

    Client = apps.get_model("clients", "Client")  # noqa: N806 (core may not import clients)
    Deadline = apps.get_model("clients", "Deadline")  # noqa: N806
    RuleSet.objects.all().delete()
    Client.objects.update(duo_notice_date=dt.date(2026, 10, 1), brp_date=dt.date(2026, 10, 1))
    hooks.reference_data_changed()  # store the deadlines as they are now
    before = dict(Deadline.objects.filter(kind="pip_decided").values_list("client_id", "due_date"))
    assert before
    weeks = rules_on(dt.date(2000, 1, 1)).value("pip_term_weeks")
    arguments = _arguments(dt.date(2000, 1, 1), pip_term_weeks=weeks + 4)
    preview = preview_rule_set(_principal(world, "admin"), **arguments)
    create_rule_set(_principal(world, "admin"), label="Later", basis=basis_token(), **arguments)
    after = dict(Deadline.objects.filter(kind="pip_decided").values_list("client_id", "due_date"))
    moved = [pk for pk, due in before.items() if after.get(pk) != due]
    assert len(moved) == preview["clients"] > 0


def test_the_page_refuses_a_save_when_another_version_was_added_meanwhile(world, login, client):
    login(*world.as_role("admin"))
    url = reverse("core:rule_set_new")
    page = client.get(url)
    data = {"valid_from": "01-01-2031", "label": "Mijn versie", "action": "preview"}
    for field, source, state, _rule in page.context["form"].rule_fields():
        for bound in (field, source, state):
            data[bound.name] = bound.initial if bound.initial is not None else bound.field.initial
    data["basis"] = page.context["form"]["basis"].initial
    previewed = client.post(url, data)
    data["preview_digest"] = previewed.context["form"].data["preview_digest"]
    create_rule_set(_principal(world, "admin"), label="Collega", **_arguments(dt.date(2032, 1, 1)))
    answer = client.post(url, {**data, "action": "save"})
    assert answer.status_code == 409
    assert "Iemand anders heeft dit gewijzigd" in answer.content.decode()
    assert not RuleSet.objects.filter(label="Mijn versie").exists()
    data["basis"] = answer.context["form"].data["basis"]  # the page now shows the new situation
    assert client.post(url, {**data, "action": "save"}).status_code == 302
    assert RuleSet.objects.filter(label="Mijn versie").exists()


def test_the_decree_days_list_costs_the_same_queries_for_more_days(
    world, login, client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(*world.as_role("admin"))
    url = reverse("core:decree_days")
    ExtraNonWorkingDay.objects.create(date=dt.date(2031, 5, 2), source="x")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in (3, 4, 5):
        ExtraNonWorkingDay.objects.create(date=dt.date(2031, 6, day), source="x")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)
