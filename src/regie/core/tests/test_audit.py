"""Change history and access log: complete, append-only, and never a BSN in a log or URL."""

import logging

import pytest

from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from regie.core.audit import pseudonym
from regie.core.models import AccessLogEntry, AuditEvent


@pytest.mark.django_db
def test_change_is_recorded_with_before_after_and_actor(world, login, client):
    c = world.clients["own_cm1"]
    login(*world.as_role("cm1"))
    response = client.post(
        reverse("clients:edit_contact", args=[c.uuid]),
        {"phone": "0612345678", "email": "a@voorbeeld.nl", "version": c.version},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(object_type="clients.Client", action="update").latest("id")
    assert event.before == {"phone": "", "email": ""}
    assert event.after == {"phone": "0612345678", "email": "a@voorbeeld.nl"}
    assert event.actor == world.users["cm1"]
    assert "Klantregisseur" in event.actor_label
    assert event.person_id == c.pk


@pytest.mark.django_db
def test_bsn_masked_in_change_history(world):
    created = AuditEvent.objects.filter(object_type="clients.Client", action="create")
    assert created.exists()
    for event in created:
        assert event.after["bsn"].startswith("******")
        assert all(c.bsn not in str(event.after) for c in world.clients.values())


@pytest.mark.django_db
def test_dossier_read_writes_one_access_row(world, login, client):
    c = world.clients["own_cm2"]
    login(*world.as_role("cm1"))
    client.get(reverse("clients:dossier", args=[c.uuid]))
    entry = AccessLogEntry.objects.get(person_id=c.pk, action="read")
    assert entry.actor == world.users["cm1"]
    assert entry.part == "overzicht"
    assert entry.purpose.startswith("Uitvoering cliëntregie")
    assert entry.subject_pseudonym == pseudonym(c.bsn)
    assert c.bsn not in entry.subject_pseudonym
    assert entry.activity.key == "dossier-inzien"


@pytest.mark.django_db
def test_list_logs_one_row_per_person_shown(world, login, client):
    login(*world.as_role("tl"))
    client.get(reverse("clients:list"))
    rows = AccessLogEntry.objects.filter(action="list")
    assert sorted(rows.values_list("person_id", flat=True)) == sorted(
        world.clients[k].pk for k in ("own_cm1", "own_cm2", "income")
    )
    assert len({r.trace_id for r in rows}) == 1  # one processing, one span per person


@pytest.mark.django_db
def test_api_read_is_logged_with_channel(world, login, client):
    login(*world.as_role("tl"))
    c = world.clients["income"]
    client.get(f"/api/v1/klanten/{c.uuid}/")
    assert AccessLogEntry.objects.filter(person_id=c.pk, channel="api", action="read").exists()


@pytest.mark.django_db
def test_logs_are_append_only_for_the_application(world, login, client):
    login(*world.as_role("tl"))
    client.get(reverse("clients:dossier", args=[world.clients["own_cm1"].uuid]))
    entry = AccessLogEntry.objects.first()
    event = AuditEvent.objects.first()
    for obj in (entry, event):
        with pytest.raises(PermissionError):
            obj.save()
        with pytest.raises(PermissionError):
            obj.delete()
        with pytest.raises(PermissionError):
            type(obj).objects.all().update(part="x") if obj is entry else type(
                obj
            ).objects.all().delete()
    # and the database itself refuses, whatever code tries
    for table in ("core_accesslogentry", "core_auditevent"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET object_repr = 'x'"
                if table == "core_auditevent"
                else f"UPDATE {table} SET part = 'x'"
            )


@pytest.mark.django_db
def test_bsn_never_in_urls_or_log_lines(world, login, client, caplog):
    caplog.set_level(logging.DEBUG)
    login(*world.as_role("tl"))
    pages = [reverse("clients:list")]
    for c in world.clients.values():
        pages.append(reverse("clients:dossier", args=[c.uuid]))
    seen = []
    for url in pages:
        response = client.get(url)
        seen.append(response.content.decode())
        assert not any(c.bsn in url for c in world.clients.values())
    for page in seen:
        for href in page.split('href="')[1:]:
            assert not any(c.bsn in href.split('"')[0] for c in world.clients.values())
    # search by BSN works, and the BSN is not echoed into the log
    found = client.post(reverse("clients:list"), {"q": world.clients["own_cm1"].bsn}, follow=True)
    assert "Eigenklant" in found.content.decode() and "Collegaklant" not in found.content.decode()
    assert all(world.clients["own_cm1"].bsn not in url for url, _code in found.redirect_chain)
    for record in caplog.records:
        assert not any(c.bsn in record.getMessage() for c in world.clients.values())


@pytest.mark.django_db
def test_privacy_officer_searches_and_exports(world, login, client):
    login(*world.as_role("tl"))
    c = world.clients["own_cm1"]
    client.get(reverse("clients:dossier", args=[c.uuid]))
    login(*world.as_role("privacy"))
    response = client.post(reverse("core:access_log"), {"person": c.bsn}, follow=True)
    assert all(c.bsn not in url for url, _code in response.redirect_chain)
    page = response.content.decode().replace(f'value="{c.bsn}"', "")
    assert f"intern nummer {c.pk}<" in page  # the person in words, not "#id"
    assert c.bsn not in page
    page = client.post(
        reverse("core:access_log"), {"person": "Niemand Bestaatniet"}, follow=True
    ).content.decode()
    assert "Geen inzages gevonden" in page
    searched = client.post(reverse("core:access_log"), {"person": c.surname})
    export = client.get(searched["Location"] + "&formaat=csv")
    body = "".join(p.decode() for p in export.streaming_content)
    assert str(c.pk) in body and c.bsn not in body
    changes = client.get(reverse("core:change_log"), {"object_type": "clients", "formaat": "csv"})
    body = "".join(p.decode() for p in changes.streaming_content)
    assert "clients.Client" in body and c.bsn not in body
