"""The functional administrator's deliveries screen: the dead letter with its reason, re-queue;
and the DUO machine channel (configuration only) through the same worker."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from django.urls import reverse

from regie.core.models import AuditEvent, OutboxMessage
from regie.exchange import delivery
from regie.exchange.models import Delivery, DeliveryState
from regie.plans.tests.helpers import decided_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead(world, zgw, settings):
    settings.REGIE_ZGW_SECRET = "a-wrong-secret-of-at-least-32-bytes!"
    decided_plan(world, world.clients["own_cm1"])
    delivery.deliver_due()
    item = Delivery.objects.get(receiver="zgw")
    assert item.state == DeliveryState.DEAD
    return item


def test_the_administrator_sees_the_dead_letter_and_requeues_it(world, login, dead, zgw, settings):
    c = login(*world.as_role("admin"))
    page = c.get(reverse("exchange:deliveries"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Onafleverbare berichten" in text
    assert dead.dead_reason[:40] in text
    assert world.clients["own_cm1"].bsn not in text  # no person data on this screen

    settings.REGIE_ZGW_SECRET = zgw.secret  # the cause is fixed
    response = c.post(reverse("exchange:requeue", args=[dead.pk]))
    assert response.status_code == 302
    dead.refresh_from_db()
    assert dead.state == DeliveryState.PENDING and dead.requeued_by == world.users["admin"]
    assert AuditEvent.objects.filter(action="delivery.requeued").exists()
    delivery.deliver_due()
    dead.refresh_from_db()
    assert dead.state == DeliveryState.DELIVERED
    assert len(zgw.items("zaken")) == 1


def test_only_the_functional_administrator_sees_the_screen(world, login, dead):
    c = login(*world.as_role("cm1"))
    assert c.get(reverse("exchange:deliveries")).status_code == 403
    assert c.post(reverse("exchange:requeue", args=[dead.pk])).status_code == 403
    dead.refresh_from_db()
    assert dead.state == DeliveryState.DEAD


def test_requeue_of_something_not_dead_is_a_clear_message(world, login, dead):
    c = login(*world.as_role("admin"))
    Delivery.objects.filter(pk=dead.pk).update(state=DeliveryState.DELIVERED)
    response = c.post(reverse("exchange:requeue", args=[dead.pk]), follow=True)
    assert response.status_code == 200
    assert "niet (meer)" in response.content.decode()


class _Duo(BaseHTTPRequestHandler):
    received: list = []
    answers: list = []

    def log_message(self, *args):
        pass

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        key = self.headers.get("Idempotency-Key")
        status = self.answers.pop(0) if self.answers else 202
        if status == 202 and any(k == key for k, _ in self.received):
            status = 409  # already received: the key makes a repeat harmless
        if status in (202, 409):
            self.received.append((key, body))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_duo_messages_go_through_the_worker_when_an_endpoint_is_configured(world, settings):
    _Duo.received, _Duo.answers = [], [500]
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Duo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.REGIE_ZGW_URL = ""
        settings.REGIE_DUO_ENDPOINT = f"http://127.0.0.1:{server.server_address[1]}/berichten"
        decided_plan(world, world.clients["own_cm1"])
        message = OutboxMessage.objects.get(recipient="DUO", message_type="pip.decided")
        first = delivery.deliver_due()
        assert first.retried == 1  # the 500
        item = Delivery.objects.get(message=message)
        delivery.deliver_due(now=item.next_attempt_at)
        item.refresh_from_db()
        assert item.state == DeliveryState.DELIVERED
        assert item.acknowledgement["status"] == 202
        message.refresh_from_db()
        assert message.delivered_at is not None
        ((key, body),) = _Duo.received
        assert key == str(message.uuid) and body["schema"] == "regie.duo/1.0"
    finally:
        server.shutdown()
        server.server_close()


def test_without_a_duo_endpoint_duo_messages_are_left_to_the_portal(world, settings):
    settings.REGIE_ZGW_URL = ""
    settings.REGIE_DUO_ENDPOINT = ""
    decided_plan(world, world.clients["own_cm1"])
    delivery.deliver_due()
    assert not Delivery.objects.exists()


def test_the_screen_does_not_query_per_row(world, login, dead):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = login(*world.as_role("admin"))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(reverse("exchange:deliveries")).status_code == 200
        return len(ctx.captured_queries)

    one = count()
    for n in range(4):
        message = OutboxMessage.objects.create(
            recipient="ZGW", message_type="zgw.case", person_id=dead.message.person_id, payload={}
        )
        Delivery.objects.create(
            message=message,
            receiver="zgw",
            state=DeliveryState.DEAD if n % 2 else DeliveryState.PENDING,
            next_attempt_at=dead.next_attempt_at,
            dead_reason="Na 12 pogingen opgegeven.",
        )
    assert count() == one
