"""The ZGW export through the delivery worker against the stand-in: pushed twice without a
duplicate, a lost answer without a duplicate, the triggers, the schema and the server rules."""

import datetime as dt
from decimal import Decimal

import pytest

from django.utils import timezone

from regie.core.models import OutboxMessage
from regie.exchange import delivery
from regie.exchange.models import Delivery, DeliveryState, ZgwObject
from regie.exchange.zgw.triggers import MESSAGE_TYPE
from regie.plans.tests.helpers import decided_plan
from regie.progress.models import EnforcementCase, EnforcementStatus

pytestmark = pytest.mark.django_db


def _fined(client, day=dt.date(2025, 6, 1)):
    return EnforcementCase.objects.create(
        client=client,
        violation="pip",
        description="Niet meegewerkt",
        opened_on=day,
        status=EnforcementStatus.FINED,
        decision_date=day,
        fine_amount=Decimal("250.00"),
    )


def _zgw_message(client):
    return OutboxMessage.objects.create(
        recipient="ZGW", message_type=MESSAGE_TYPE, person_id=client.pk, payload={}
    )


def _counts(server):
    return {
        kind: len(server.items(kind))
        for kind in ("zaken", "rollen", "besluiten", "documenten", "zio", "bio")
    }


def _run_until_settled(rounds=10):
    now = timezone.now()
    for _ in range(rounds):
        delivery.deliver_due(now=now)
        pending = Delivery.objects.filter(state=DeliveryState.PENDING).order_by("next_attempt_at")
        if not pending.exists():
            return
        now = max(now, pending.first().next_attempt_at)


def test_decided_pip_writes_a_zgw_message_in_the_same_transaction(world, zgw):
    client = world.clients["own_cm1"]
    decided_plan(world, client)
    kinds = list(
        OutboxMessage.objects.filter(person_id=client.pk).values_list("recipient", "message_type")
    )
    assert ("DUO", "pip.decided") in kinds
    assert ("ZGW", MESSAGE_TYPE) in kinds


def test_no_zgw_message_without_a_configured_endpoint(world, settings):
    settings.REGIE_ZGW_URL = ""
    client = world.clients["own_cm1"]
    decided_plan(world, client)
    assert not OutboxMessage.objects.filter(recipient="ZGW").exists()
    delivery.deliver_due()
    assert not Delivery.objects.exists()  # no receiver is configured: nothing is attempted


def test_push_twice_makes_no_duplicate(world, zgw):
    client = world.clients["own_cm1"]
    decided_plan(world, client)
    _fined(client)
    delivery.deliver_due()
    first = Delivery.objects.get(receiver="zgw")
    assert first.state == DeliveryState.DELIVERED, first.last_error
    expected = {"zaken": 1, "rollen": 1, "besluiten": 2, "documenten": 2, "zio": 2, "bio": 2}
    assert _counts(zgw) == expected
    zaak = zgw.items("zaken")[0]
    assert first.acknowledgement["zaak"] == zaak["url"]
    assert zaak["identificatie"] == f"INB-{client.uuid.hex}"
    assert {b["identificatie"] for b in zgw.items("besluiten")} == {
        d["identificatie"] for d in zgw.items("documenten")
    }
    # The same case pushed again, even with the local ledger lost: looked up, nothing posted.
    ZgwObject.objects.all().delete()
    posts_before = zgw.posts_applied
    _zgw_message(client)
    delivery.deliver_due()
    second = Delivery.objects.filter(receiver="zgw").latest("id")
    assert second.state == DeliveryState.DELIVERED, second.last_error
    assert second.acknowledgement["created"] == 0
    assert second.acknowledgement["adopted"] == 10
    assert _counts(zgw) == expected
    assert zgw.posts_applied == posts_before


@pytest.mark.parametrize("lost", ["drop", "timeout"])
def test_a_lost_answer_makes_no_duplicate(world, zgw, lost):
    """The server does the work but the answer never arrives (connection dropped, or too late):
    the retry looks the object up and adopts it."""
    client = world.clients["own_cm1"]
    decided_plan(world, client)
    posts = {"n": 0}

    def lose_every_first_post(method, path):
        if method == "POST":
            posts["n"] += 1
            return lost if posts["n"] in (1, 3, 5) else None  # the zaak, a document, a besluit…
        return None

    zgw.faults = lose_every_first_post
    _run_until_settled()
    sent = Delivery.objects.get(receiver="zgw")
    assert sent.state == DeliveryState.DELIVERED, sent.last_error
    assert sent.attempts > 1
    assert _counts(zgw) == {
        "zaken": 1,
        "rollen": 1,
        "besluiten": 1,
        "documenten": 1,
        "zio": 1,
        "bio": 1,
    }


def test_retry_after_is_honoured(world, zgw):
    client = world.clients["own_cm1"]
    decided_plan(world, client)
    zgw.faults = lambda method, path: "503"
    now = timezone.now()
    delivery.deliver_due(now=now)
    waiting = Delivery.objects.get(receiver="zgw")
    assert waiting.state == DeliveryState.PENDING
    assert waiting.next_attempt_at >= now + dt.timedelta(seconds=7)
    assert "503" in waiting.last_error


def test_backoff_grows_with_jitter_and_a_ceiling():
    import random

    rng = random.Random(3)
    waits = [delivery.backoff(n, rng) for n in range(1, 16)]
    assert 15 <= waits[0] <= 30
    assert all(delivery.BASE_DELAY * 2 ** (n - 1) / 2 <= w for n, w in enumerate(waits[:8], 1))
    assert max(waits) <= delivery.MAX_DELAY
    assert delivery.backoff(1, rng, retry_after=120) >= 120


def test_a_body_that_breaks_the_schema_goes_to_the_dead_letter(world, zgw, settings):
    settings.REGIE_ZGW_RSIN = "1234567890"  # ten digits: ZaakRequest says at most nine
    client = world.clients["own_cm1"]
    decided_plan(world, client)
    delivery.deliver_due()
    dead = Delivery.objects.get(receiver="zgw")
    assert dead.state == DeliveryState.DEAD
    assert "ZaakRequest" in dead.dead_reason
    assert zgw.posts_applied == 0


def test_the_stand_in_enforces_the_server_rules(world, zgw, settings):
    settings.REGIE_ZGW_RSIN = "123456789"  # nine digits, but not the 11-proef
    client = world.clients["own_cm1"]
    decided_plan(world, client)
    delivery.deliver_due()
    dead = Delivery.objects.get(receiver="zgw")
    assert dead.state == DeliveryState.DEAD
    assert "RSIN" in dead.dead_reason
    assert zgw.items("zaken") == []


def test_a_besluit_dated_in_the_future_is_refused(world, zgw):
    client = world.clients["own_cm1"]
    decided_plan(world, client)
    zgw.today = lambda: dt.date(2025, 1, 1)  # before the decision of 15 January 2025
    delivery.deliver_due()
    dead = Delivery.objects.get(receiver="zgw")
    assert dead.state == DeliveryState.DEAD
    assert "datum" in dead.dead_reason
    assert zgw.items("besluiten") == []
    assert len(zgw.items("zaken")) == 1


def test_a_wrong_secret_is_refused_and_not_retried(world, zgw, settings):
    settings.REGIE_ZGW_SECRET = "wrong"
    client = world.clients["own_cm1"]
    decided_plan(world, client)
    delivery.deliver_due()
    dead = Delivery.objects.get(receiver="zgw")
    assert dead.state == DeliveryState.DEAD
    assert "403" in dead.dead_reason


def test_a_revision_expires_the_earlier_besluit(world, zgw):
    """The first PIP was exported while it was current; after the revision the next export adds
    the new besluit and gives the earlier one its vervaldatum (a PATCH, once)."""
    from regie.plans.models import Reason
    from regie.plans.tests.helpers import decide, revision, submit

    client = world.clients["own_cm1"]
    decided_plan(world, client)
    delivery.deliver_due()
    (first,) = zgw.items("besluiten")
    assert first.get("vervaldatum") is None
    revised = revision(world, client, Reason.OTHER, notes="Extra afspraak")
    submit(world, revised)
    decide(world, revised, dt.date(2025, 6, 1))
    delivery.deliver_due()
    assert Delivery.objects.filter(state=DeliveryState.DELIVERED).count() == 2
    besluiten = {b["identificatie"]: b for b in zgw.items("besluiten")}
    assert len(besluiten) == 2
    assert besluiten[first["identificatie"]]["vervaldatum"] == "2025-06-01"
    assert besluiten[first["identificatie"]]["vervalreden"] == "ingetrokken_overheid"
    assert zgw.patches_applied == 1
    _zgw_message(client)
    delivery.deliver_due()
    assert zgw.patches_applied == 1  # recorded in the ledger: not sent again
