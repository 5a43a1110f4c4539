"""The number of database queries of a list or a page does not grow with the rows it shows.

Each test builds N rows, counts the queries of one request, builds 2N more (3N in all) and
counts again: the two counts must be equal. A warm-up request first fills the caches that a
first request fills once (content types, the rule set, the session). An N+1 shows up as a
difference of 2N queries; the failure message lists the queries of the larger request.
"""

import datetime as dt

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from regie.clients.tests.factories import ClientFactory, DeadlineFactory, HouseholdFactory
from regie.core.drf import issue_token
from regie.core.roles import Role
from regie.core.tests.factories import ApiClientFactory
from regie.offer.tests.factories import EnrolmentFactory, ProductFactory

pytestmark = pytest.mark.django_db

N = 4


def queries(fetch) -> tuple[int, list[str], object]:
    with CaptureQueriesContext(connection) as ctx:
        response = fetch()
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries], response


def assert_flat(add_rows, fetch, shown) -> None:
    """``add_rows(n)`` adds n rows; ``fetch()`` makes the request; ``shown(response)`` says how
    many rows it shows (proof that the rows were really on the page)."""
    add_rows(N)
    fetch()  # warm-up
    small, _, response = queries(fetch)
    assert shown(response) >= N, f"{shown(response)} rijen getoond, verwacht ten minste {N}"
    add_rows(2 * N)
    large, sql, response = queries(fetch)
    assert shown(response) >= 3 * N, f"{shown(response)} rijen getoond, verwacht {3 * N}"
    assert large == small, f"{small} queries bij {N} rijen, {large} bij {3 * N}:\n" + "\n".join(sql)


def _clients_of_cm1(world, n, **extra):
    return [
        ClientFactory(
            municipality=world.orgs["a1"],
            team=world.orgs["team_a"],
            case_manager=world.users["cm1"],
            **extra,
        )
        for _ in range(n)
    ]


def test_worklist_page(world, login, client):
    login(*world.as_role("cm1"))
    today = timezone.localdate()

    def add_rows(n):
        for c in _clients_of_cm1(world, n):
            # one row in each bucket: overdue, this week, within 30 days
            for days in (-3, 2, 20):
                DeadlineFactory(client=c, kind="review", due_date=today + dt.timedelta(days))

    def fetch():
        response = client.get("/klanten/werkvoorraad/")
        assert response.status_code == 200
        return response

    def shown(response):
        return sum(len(section["rows"]) for section in response.context["sections"]) // 3

    assert_flat(add_rows, fetch, shown)


def test_dossier_page(world, login, client):
    login(*world.as_role("cm1"))
    household = HouseholdFactory(municipality=world.orgs["a1"])
    dossier = _clients_of_cm1(world, 1, household=household)[0]
    today = timezone.localdate()
    members = []

    def add_rows(n):
        # household members (a list on the page) and open deadlines (the first ten are shown)
        members.extend(_clients_of_cm1(world, n, household=household))
        for i in range(n):
            DeadlineFactory(client=dossier, due_date=today + dt.timedelta(days=10 + i))

    def fetch():
        response = client.get(f"/klanten/{dossier.uuid}/")
        assert response.status_code == 200
        return response

    def shown(response):
        html = response.content.decode()
        return sum(1 for m in members if m.surname in html)

    assert_flat(add_rows, fetch, shown)


def test_client_api_list(world, login, client):
    login(*world.as_role("cm1"))

    def fetch():
        response = client.get("/api/v1/klanten/")
        assert response.status_code == 200
        return response

    assert_flat(
        lambda n: _clients_of_cm1(world, n),
        fetch,
        lambda response: len(response.json()["results"]),
    )


@pytest.fixture
def enrol(world):
    """``enrol(n)``: n clients of region A referred to a product of provider P1."""
    product = ProductFactory(
        provider=world.orgs["p1"], lot__contract__region=world.orgs["a1"].region
    )

    def _enrol(n):
        for c in _clients_of_cm1(world, n):
            EnrolmentFactory(client=c, product=product)

    return _enrol


def test_provider_enrolment_api_list(world, client, enrol):
    api_client = ApiClientFactory.build(organisation=world.orgs["p1"], role=Role.PROVIDER_STAFF)
    headers = {"HTTP_AUTHORIZATION": f"Token {issue_token(api_client)}"}

    def fetch():
        response = client.get("/api/v1/inschrijvingen/", **headers)
        assert response.status_code == 200
        return response

    assert_flat(enrol, fetch, lambda response: len(response.json()["results"]))


def test_provider_enrolment_page(world, login, client, enrol):
    login(*world.as_role("provider_p1"))

    def fetch():
        response = client.get("/aanbod/inschrijvingen/")
        assert response.status_code == 200
        return response

    assert_flat(enrol, fetch, lambda response: len(response.context["rows"]))


def test_assert_flat_catches_a_query_per_row(world):
    from regie.clients.models import Client

    def fetch():  # an N+1: one query per client for its municipality
        rows = list(Client.objects.all())
        return [c.municipality.name for c in rows]

    with pytest.raises(AssertionError, match="queries bij"):
        assert_flat(lambda n: _clients_of_cm1(world, n), fetch, len)
