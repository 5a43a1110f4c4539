"""The audit screens read as sentences (issue 14, item 4): the dossier's Historie and the
privacy officer's Wijzigingen name people, record types, fields and choices in words, never
``core.User #10`` or a Python dict; the privacy officer sees field names, never values."""

import html
import re

import pytest

from django.urls import reverse

from regie.core.audit_text import describe
from regie.core.models import AuditEvent

FATIMA = "Fatima de Vries · Klantregisseur · Regionaal inburgeringsteam"


def visible_text(response) -> str:
    body = response.content.decode()
    body = re.sub(r"(?s)<(script|style|template)\b.*?</\1>", " ", body)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_a_status_change_reads_as_a_sentence_with_the_person_and_the_choice_labels():
    event = AuditEvent(
        action=AuditEvent.Action.UPDATE,
        actor_label=FATIMA,
        object_type="offer.Enrolment",
        object_id="23",
        object_repr="Compiti B1 groep 2 – Amal Haddad",
        before={"status": "geaccepteerd"},
        after={"status": "geplaatst"},
    )
    told = describe(event)
    assert str(told.sentence) == (
        "Fatima de Vries (Klantregisseur) wijzigde de status van de inschrijving van "
        "<em>Geaccepteerd</em> naar <em>In groep geplaatst</em>."
    )
    assert told.name == "Compiti B1 groep 2 – Amal Haddad"
    # the privacy officer: the field, not the values nor the record's name
    private = describe(event, values=False)
    assert str(private.sentence) == (
        "Fatima de Vries (Klantregisseur) wijzigde de status van de inschrijving "
        "(intern nummer 23)."
    )
    assert private.name == ""


def test_dates_in_the_history_are_dutch_and_a_login_is_a_sentence():
    changed = AuditEvent(
        action=AuditEvent.Action.UPDATE,
        actor_label=FATIMA,
        object_type="clients.Client",
        object_id="7",
        before={"permit_date": None},
        after={"permit_date": "2026-12-05"},
    )
    assert "<em>05-12-2026</em>" in str(describe(changed).sentence)
    login = AuditEvent(
        action=AuditEvent.Action.LOGIN,
        actor_label="Ingrid Hoekstra",
        object_type="core.User",
        object_id="10",
    )
    assert str(describe(login).sentence) == "Ingrid Hoekstra logde in."


@pytest.mark.django_db
def test_history_pages_show_no_internal_ids_model_labels_or_dicts(world, login, client):
    c = world.clients["own_cm1"]
    cm1, assignment = world.as_role("cm1")
    AuditEvent.objects.create(
        action=AuditEvent.Action.LOGIN,
        actor=cm1,
        actor_label=f"{cm1.get_full_name()} · Klantregisseur · Team A",
        object_type="core.User",
        object_id=str(cm1.pk),
        object_repr=str(cm1),
    )
    AuditEvent.objects.create(
        action=AuditEvent.Action.UPDATE,
        actor=cm1,
        actor_label=f"{cm1.get_full_name()} · Klantregisseur · Team A",
        object_type="clients.Client",
        object_id=str(c.pk),
        object_repr=c.full_name,
        person_id=c.pk,
        before={"phone": "0612345678", "permit_date": "2026-01-02", "details": {"a": 1}},
        after={"phone": "0698765432", "permit_date": "2026-02-03", "details": {"a": 2}},
    )
    login(cm1, assignment)
    history = visible_text(client.get(reverse("clients:history", args=[c.uuid])))
    assert "wijzigde" in history and "03-02-2026" in history and "0698765432" in history
    privacy_user, privacy_assignment = world.as_role("privacy")
    login(privacy_user, privacy_assignment)
    changes = visible_text(client.get(reverse("core:change_log")))
    assert "logde in" in changes and "telefoonnummer" in changes.lower()
    assert "0698765432" not in changes and c.full_name not in changes
    for page in (history, changes):
        assert not re.search(r"#\d", page), page
        assert "{" not in page and "}" not in page
        assert "core.User" not in page and "clients.Client" not in page
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", page)
