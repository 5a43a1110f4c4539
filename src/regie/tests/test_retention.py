"""Retention and destruction (issue 15 item 14): what is due is listed by the daily job (the
special-category record at the end of the case, the rest on the first of the month), destroyed
only with the approval of a functional administrator AND a privacy officer who are two different
people, and the destruction log keeps no personal data. Also: the privacy officer's change
history shows field names, not dossier values."""

import datetime as dt

import pytest

from django.core.serializers import serialize
from django.urls import reverse

from regie.clients.models import Client, ClientStatus
from regie.core import retention
from regie.core.bsn import mask_bsn
from regie.core.models import AuditEvent, DestructionBatch, RoleAssignment
from regie.core.roles import Role
from regie.core.ruleset import RULES_BY_KEY
from regie.intake.models import SpecialCategoryRecord

TODAY = dt.date(2026, 12, 15)  # not the first of the month
SECRET = "Diabetes en nachtmerries"


def _close(client, on):
    Client.objects.filter(pk=client.pk).update(status=ClientStatus.CLOSED, closed_on=on)


def _special(client):
    return SpecialCategoryRecord.objects.create(client=client, mental_health=SECRET)


def _approve(http, batch):
    return http.post(reverse("core:destruction_approve", args=[batch.uuid]))


def _assert_no_personal_data(batch, client):
    dumped = serialize("json", [batch])
    for value in (client.bsn, client.surname, client.given_names, SECRET):
        assert value not in dumped, value
    assert batch.item_ids == [] and len(batch.digest) == 64


def test_retention_periods_are_in_the_rule_set_with_a_source():
    for key in ("retention_special_category_days", "retention_client_dossier_years"):
        rule = RULES_BY_KEY[key]
        assert rule.source and rule.unconfirmed  # no text of the selection list at hand
    types = {t.code: t for t in retention.record_types()}
    assert types["intake.special_category"].special_category
    assert retention.record_types()[0].special_category  # special categories come first


@pytest.mark.django_db
def test_special_category_record_is_listed_at_case_end_and_needs_four_eyes(world, login, client):
    c = world.clients["own_cm1"]
    _special(c)
    open_case = world.clients["own_cm2"]
    _special(open_case)
    _close(c, TODAY - dt.timedelta(days=1))

    assert retention.list_due(TODAY - dt.timedelta(days=2)) == []  # case not ended yet
    (batch,) = retention.list_due(TODAY)
    assert batch.record_type == "intake.special_category" and batch.count == 1
    assert retention.list_due(TODAY) == []  # idempotent: already on an open list
    # the dossier itself is not due (years after the end of the case, and only on the 1st)
    assert not DestructionBatch.objects.filter(record_type="clients.dossier").exists()

    # only the two approver roles see the screen
    for key in ("cm1", "tl", "guide"):
        login(*world.as_role(key))
        assert client.get(reverse("core:destruction")).status_code == 403
    login(*world.as_role("privacy_b"))  # another region
    assert "Wacht op akkoord" in client.get(reverse("core:destruction")).content.decode()
    assert _approve(client, batch).status_code == 404

    # the functional administrator sees it on his start page and approves: nothing destroyed yet
    admin, admin_assignment = world.as_role("admin")
    login(admin, admin_assignment)
    assert "1 lijst wacht op uw akkoord" in client.get(reverse("core:home")).content.decode()
    page = client.get(reverse("core:destruction")).content.decode()
    assert "Bijzondere persoonsgegevens" in page and SECRET not in page and c.surname not in page
    assert _approve(client, batch).status_code == 302
    assert SpecialCategoryRecord.objects.filter(client=c).exists()

    # the same person in his privacy-officer role may not give the second approval
    second_role = RoleAssignment.objects.create(
        user=admin, role=Role.PRIVACY_OFFICER, organisation=admin_assignment.organisation
    )
    login(admin, second_role)
    refused = _approve(client, batch)
    assert refused.status_code == 409 and "twee verschillende mensen" in refused.content.decode()
    assert SpecialCategoryRecord.objects.filter(client=c).exists()

    # a privacy officer (another person) gives the second approval: destroyed
    login(*world.as_role("privacy"))
    assert _approve(client, batch).status_code == 302
    batch.refresh_from_db()
    assert batch.status == DestructionBatch.Status.DESTROYED and batch.destroyed_count == 1
    assert not SpecialCategoryRecord.objects.filter(client=c).exists()
    assert SpecialCategoryRecord.objects.filter(client=open_case).exists()
    assert Client.objects.filter(pk=c.pk).exists()  # the dossier has its own, longer term
    _assert_no_personal_data(batch, c)
    log = client.get(reverse("core:destruction")).content.decode()
    assert "Vernietigingslog" in log and c.surname not in log and c.bsn not in log
    # a third approval finds the list destroyed
    assert _approve(client, batch).status_code == 409


def _approve_both(world, login, http, batch):
    login(*world.as_role("admin"))
    _approve(http, batch)
    login(*world.as_role("privacy"))
    return _approve(http, batch)


@pytest.mark.django_db
def test_dossier_is_listed_monthly_after_its_term_and_waits_for_special_category(
    world, login, client
):
    from regie.offer.models import Enrolment
    from regie.offer.tests.factories import EnrolmentFactory
    from regie.plans.models import Plan
    from regie.plans.tests.helpers import draft

    c = world.clients["own_cm1"]
    _special(c)
    draft(world, c)  # a plan and an enrolment refer to the client (PROTECT)
    EnrolmentFactory(client=c)
    first = dt.date(2026, 12, 1)
    _close(c, dt.date(2019, 1, 1))  # more than the rule set's years ago
    batches = retention.list_due(first)
    assert [b.record_type for b in batches] == [
        "intake.special_category",
        "offer.enrolment",
        "plans.plan",
        "clients.dossier",
    ]
    special, enrolments, plans, dossier = batches
    assert dossier.count == 1

    waiting = _approve_both(world, login, client, dossier)
    assert waiting.status_code == 409 and "Bijzondere persoonsgegevens" in waiting.content.decode()
    assert Client.objects.filter(pk=c.pk).exists()

    login(*world.as_role("privacy"))
    _approve(client, special)  # the privacy officer approves first this time
    login(*world.as_role("admin"))
    _approve(client, special)
    assert not SpecialCategoryRecord.objects.filter(client=c).exists()
    assert _approve_both(world, login, client, enrolments).status_code == 302
    assert not Enrolment.objects.filter(client=c).exists()
    assert _approve_both(world, login, client, plans).status_code == 302
    assert not Plan.objects.filter(client=c).exists()
    login(*world.as_role("privacy"))
    assert _approve(client, dossier).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DestructionBatch.Status.DESTROYED
    assert not Client.objects.filter(pk=c.pk).exists()
    _assert_no_personal_data(dossier, c)
    # the delete events of the destruction keep no copy of the destroyed values
    deleted = AuditEvent.objects.filter(action="delete", object_type="clients.Client")
    dumped = serialize("json", deleted)
    assert deleted.exists() and c.surname not in dumped and mask_bsn(c.bsn) not in dumped


@pytest.mark.django_db
def test_retention_job_is_registered():
    from regie.core import hooks

    assert hooks.daily_jobs["core.retention"] is retention.list_due


@pytest.mark.django_db
def test_change_history_shows_field_names_not_values(world, login, client):
    c = world.clients["own_cm1"]
    login(*world.as_role("cm1"))
    saved = client.post(
        reverse("clients:edit_contact", args=[c.uuid]),
        {"phone": "0698765432", "email": "geheim@voorbeeld.nl", "version": c.version},
    )
    assert saved.status_code == 302
    login(*world.as_role("privacy"))
    page = client.get(reverse("core:change_log")).content.decode()
    assert "telefoonnummer" in page.lower() and "wijzigde" in page
    for value in ("0698765432", "geheim@voorbeeld.nl", c.surname):
        assert value not in page, value
    export = client.get(reverse("core:change_log"), {"formaat": "csv"})
    body = "".join(p.decode() for p in export.streaming_content)
    assert "0698765432" not in body and "geheim@voorbeeld.nl" not in body
    assert "phone" in body or "Telefoonnummer" in body
