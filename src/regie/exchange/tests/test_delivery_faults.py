"""Nothing is lost: the delivery worker against the ZGW stand-in over mutual TLS (a CA the test
makes), with a seeded random fault schedule (500, 503 with Retry-After, timeouts, dropped
connections, duplicate answers), bounded in count and in time. Each message ends acknowledged
exactly once, or in the dead letter with a reason; the stand-in holds no duplicate."""

import datetime as dt
import random
import time
from collections import Counter

import pytest

from django.utils import timezone

from regie.core.models import OutboxMessage
from regie.exchange import delivery
from regie.exchange.models import Delivery, DeliveryState
from regie.exchange.standin.tls import make_test_pki
from regie.exchange.standin.zgw import ZgwStandIn
from regie.exchange.zgw import export
from regie.plans.models import Reason
from regie.plans.tests.helpers import decide, decided_plan, revision, submit

from .conftest import TINY_PDF
from .test_zgw_export import _fined

pytestmark = pytest.mark.django_db

SEED = 20261205
FAULT_KINDS = ("500", "503", "timeout", "drop", "duplicate")
MAX_FAULTS = 40  # the schedule stops failing after this many faults
MAX_TIMEOUTS = 3  # each costs the client's read timeout in wall time
MAX_ROUNDS = 80
MAX_SECONDS = 240


class FaultSchedule:
    def __init__(self, seed: int, rate: float = 0.3):
        self.rng = random.Random(seed)
        self.rate = rate
        self.injected: Counter = Counter()

    def __call__(self, method: str, path: str):
        if sum(self.injected.values()) >= MAX_FAULTS or self.rng.random() >= self.rate:
            return None
        # Every kind comes early, then at random.
        missing = [k for k in FAULT_KINDS if not self.injected[k]]
        kind = missing[0] if missing else self.rng.choice(FAULT_KINDS)
        if kind == "timeout" and self.injected["timeout"] >= MAX_TIMEOUTS:
            kind = "503"
        self.injected[kind] += 1
        return kind


@pytest.fixture
def tls_zgw(settings, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "render_pip_pdf", lambda version: TINY_PDF)
    monkeypatch.setattr(export, "render_fine_pdf", lambda case: TINY_PDF)
    pki = make_test_pki(tmp_path / "pki")
    schedule = FaultSchedule(SEED)
    server = ZgwStandIn(faults=schedule, ssl_context=pki.server_context(), slow_seconds=3.5)
    server.schedule = schedule
    server.start()
    for key, value in server.settings().items():
        setattr(settings, key, value)
    settings.REGIE_TLS_CERT = str(pki.client_cert)
    settings.REGIE_TLS_KEY = str(pki.client_key)
    settings.REGIE_TLS_CA = str(pki.ca)
    settings.REGIE_DELIVERY_TIMEOUT = 2
    settings.REGIE_DELIVERY_MAX_ATTEMPTS = 12
    yield server
    server.stop()


def _cases(world):
    """Four clients with a decided PIP (through the services, so the trigger writes the ZGW
    messages); one revised (a second message and besluit), one fined."""
    keys = ("own_cm1", "own_cm2", "income", "region_b")
    for key in keys:
        decided_plan(world, world.clients[key])
    revised = revision(world, world.clients["own_cm1"], Reason.OTHER, notes="Extra afspraak")
    submit(world, revised)
    decide(world, revised, dt.date(2025, 6, 1))
    _fined(world.clients["income"])
    expected = {key: 1 for key in keys} | {"own_cm1": 2, "income": 2}  # besluiten per zaak
    return {world.clients[key].pk: (world.clients[key], expected[key]) for key in keys}


def test_nothing_is_lost_under_a_seeded_fault_schedule(world, tls_zgw):
    server = tls_zgw
    cases = _cases(world)
    rng = random.Random(SEED)
    now = timezone.now()
    started = time.monotonic()
    rounds = 0
    while rounds < MAX_ROUNDS and time.monotonic() - started < MAX_SECONDS:
        rounds += 1
        delivery.deliver_due(now=now, rng=rng)
        pending = Delivery.objects.filter(state=DeliveryState.PENDING).order_by("next_attempt_at")
        if not pending.exists():
            break
        now = max(now, pending.first().next_attempt_at)  # the clock jumps to the next due retry

    # Every fault kind happened, and the worker settled within the bounds.
    assert set(server.schedule.injected) == set(FAULT_KINDS), server.schedule.injected
    assert not Delivery.objects.filter(state=DeliveryState.PENDING).exists(), "not settled"
    deliveries = list(Delivery.objects.filter(receiver="zgw").select_related("message"))
    messages = OutboxMessage.objects.filter(recipient="ZGW").count()
    assert messages == 5
    assert len(deliveries) == messages  # one delivery per message, never two

    zaken = Counter(z["identificatie"] for z in server.items("zaken"))
    besluiten = Counter(b["identificatie"] for b in server.items("besluiten"))
    documenten = Counter(d["identificatie"] for d in server.items("documenten"))
    assert all(n == 1 for n in (*zaken.values(), *besluiten.values(), *documenten.values()))
    zio = Counter((r["zaak"], r["informatieobject"]) for r in server.items("zio"))
    bio = Counter((r["besluit"], r["informatieobject"]) for r in server.items("bio"))
    assert all(n == 1 for n in (*zio.values(), *bio.values()))
    rollen = Counter(r["zaak"] for r in server.items("rollen"))
    assert all(n == 1 for n in rollen.values())

    for sent in deliveries:
        client, versions = cases[sent.message.person_id]
        if sent.state == DeliveryState.DEAD:
            assert sent.dead_reason, "a dead letter always says why"
            continue
        assert sent.state == DeliveryState.DELIVERED
        assert sent.delivered_at and sent.acknowledgement
        sent.message.refresh_from_db()
        assert sent.message.delivered_at == sent.delivered_at
        assert zaken[f"INB-{client.uuid.hex}"] == 1
        assert len(sent.acknowledgement["besluiten"]) == versions
        (zaak,) = [
            z for z in server.items("zaken") if z["identificatie"] == f"INB-{client.uuid.hex}"
        ]
        assert sent.acknowledgement["zaak"] == zaak["url"]
    assert server.answer_errors == []
    delivered = sum(d.state == DeliveryState.DELIVERED for d in deliveries)
    assert delivered >= messages - 1, [d.dead_reason for d in deliveries]
    assert len(zaken) == len(cases)


def test_a_client_without_the_certificate_is_refused(world, tls_zgw, settings):
    settings.REGIE_TLS_CERT = ""
    settings.REGIE_TLS_KEY = ""
    tls_zgw.faults = lambda method, path: None
    decided_plan(world, world.clients["own_cm1"])
    delivery.deliver_due()
    assert not Delivery.objects.filter(state=DeliveryState.DELIVERED).exists()
    first = Delivery.objects.first()
    assert first.state == DeliveryState.PENDING
    assert "TLS" in first.last_error or "Verbinding" in first.last_error
    assert tls_zgw.items("zaken") == []
