"""Enrolment: referral from a PIP component, acceptance, placement, start feeding the component's
offer start and the late-offer deadline; the waiting list and the critical-mass view."""

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from regie.clients.models import Deadline, PermitType, TargetGroup
from regie.core.drf import issue_token
from regie.core.models import ApiClient
from regie.core.principal import Principal
from regie.core.roles import Role
from regie.offer import selectors, services
from regie.offer.models import (
    Contract,
    Enrolment,
    EnrolmentStatus,
    Lot,
    Product,
    QualityMark,
    Route,
)
from regie.offer.tests.factories import (
    ContractFactory,
    GroupFactory,
    LotFactory,
    ProductFactory,
    QualityMarkFactory,
)
from regie.plans.models import Component
from regie.plans.tests.helpers import decided_plan

PIP_DAY = dt.date(2025, 1, 15)


def principal(world, key):
    return Principal.from_assignment(world.assignments[key])


def build_offer(world, *, marks=True):
    """A contract in region A: lot B1 with a B1 language product per provider (p1, p2), valid
    keurmerken, and a group per product."""
    today = timezone.localdate()
    contract = ContractFactory(
        region=world.orgs["a1"].region,
        name="Raamovereenkomst A",
        main_contractor=world.orgs["gr_a"],
    )
    contract.subcontractors.set([world.orgs["p1"], world.orgs["p2"]])
    lot = LotFactory(contract=contract, route=Route.B1, name="Perceel B1")
    products, groups = {}, {}
    for key in ("p1", "p2"):
        provider = world.orgs[key]
        if marks:
            QualityMarkFactory(provider=provider)
        products[key] = ProductFactory(
            lot=lot, provider=provider, name=f"Taal B1 {key}", location="Leslocatie Gemeente A1"
        )
        groups[key] = GroupFactory(
            product=products[key],
            name=f"Groep {key}",
            location="Gemeente A1, Dorpsstraat 1",
            start_date=today + dt.timedelta(days=14),
        )
    return contract, products, groups


def asylum(client):
    client.target_group = TargetGroup.ASYLUM
    client.permit_type = PermitType.ASYLUM
    client.save()
    return client


def language_component(client):
    return Component.objects.get(client=client, kind="language", plan_version__status="decided")


@pytest.fixture
def offer(world):
    return build_offer(world)


def test_referral_to_start_feeds_offer_start_and_late_offer_deadline(world, offer):
    _contract, products, groups = offer
    client = asylum(world.clients["own_cm1"])
    decided_plan(world, client, PIP_DAY)
    late = Deadline.objects.get(client=client, kind="late_offer")
    assert late.met_on is None
    comp = language_component(client)

    enrolment = services.refer(principal(world, "cm1"), client, comp.uuid, products["p1"])
    assert enrolment.status == EnrolmentStatus.REFERRED
    assert enrolment.price == Decimal("9000.00")
    assert enrolment.provider == world.orgs["p1"]
    assert enrolment.target_level == "b1"

    p1 = principal(world, "provider_p1")
    # another provider can do nothing with it
    with pytest.raises(PermissionDenied):
        services.accept(principal(world, "provider_p2"), enrolment, enrolment.version)
    enrolment = services.accept(p1, enrolment, enrolment.version)
    assert enrolment.status == EnrolmentStatus.ACCEPTED
    start = dt.date(2025, 3, 3)
    enrolment = services.place(
        p1,
        enrolment,
        enrolment.version,
        group=groups["p1"],
        start_date=start,
        end_date=dt.date(2026, 3, 3),
        level="a1",
    )
    assert enrolment.status == EnrolmentStatus.PLACED and enrolment.group == groups["p1"]
    comp.refresh_from_db()
    assert comp.offer_start is None  # placing is not starting
    enrolment = services.start(p1, enrolment, enrolment.version, start)
    comp.refresh_from_db()
    assert comp.offer_start == start
    late.refresh_from_db()
    assert late.met_on == start
    client.refresh_from_db()
    assert client.status == "in_route"


def test_start_never_overwrites_recorded_offer_start(world, offer):
    _c, products, groups = offer
    client = asylum(world.clients["own_cm1"])
    decided_plan(world, client, PIP_DAY)
    comp = language_component(client)
    Component.objects.filter(pk=comp.pk).update(offer_start=dt.date(2025, 2, 1))
    p1 = principal(world, "provider_p1")
    e = services.refer(principal(world, "cm1"), client, comp.uuid, products["p1"])
    e = services.accept(p1, e, e.version)
    e = services.place(p1, e, e.version, group=groups["p1"], start_date=dt.date(2025, 3, 3))
    services.start(p1, e, e.version, dt.date(2025, 3, 3))
    comp.refresh_from_db()
    assert comp.offer_start == dt.date(2025, 2, 1)


def test_referral_rules(world, offer):
    _c, products, groups = offer
    client = world.clients["own_cm1"]
    comp_uuid = "00000000-0000-0000-0000-000000000000"
    # no decided PIP
    with pytest.raises(services.OfferError, match="vastgesteld PIP"):
        services.refer(principal(world, "cm1"), client, comp_uuid, products["p1"])
    decided_plan(world, client, PIP_DAY)
    comp = language_component(client)
    # only the own case manager (FULL), not a colleague (READ) or a provider
    for key in ("cm2", "provider_p1", "contract"):
        with pytest.raises(PermissionDenied):
            services.refer(principal(world, key), client, comp.uuid, products["p1"])
    knm = Component.objects.get(client=client, kind="knm", plan_version__status="decided")
    with pytest.raises(services.OfferError, match="past niet"):
        services.refer(principal(world, "cm1"), client, knm.uuid, products["p1"])
    services.refer(principal(world, "cm1"), client, comp.uuid, products["p1"])
    with pytest.raises(services.OfferError, match="loopt al"):
        services.refer(principal(world, "cm1"), client, comp.uuid, products["p2"])


def test_steps_out_of_order_and_full_group_refused(world, offer):
    _c, products, groups = offer
    client = world.clients["own_cm1"]
    decided_plan(world, client, PIP_DAY)
    comp = language_component(client)
    p1 = principal(world, "provider_p1")
    e = services.refer(principal(world, "cm1"), client, comp.uuid, products["p1"])
    with pytest.raises(services.OfferError, match="Plaats de klant eerst"):
        services.start(p1, e, e.version, dt.date(2025, 3, 3))
    e = services.accept(p1, e, e.version)
    with pytest.raises(services.OfferError, match="groep van het product"):
        services.place(p1, e, e.version, group=groups["p2"], start_date=dt.date(2025, 3, 3))
    groups["p1"].max_size = 1
    groups["p1"].save()
    other = world.clients["own_cm2"]
    decided_plan(world, other, PIP_DAY)
    e2 = services.refer(
        principal(world, "cm2"), other, language_component(other).uuid, products["p1"]
    )
    e2 = services.accept(p1, e2, e2.version)
    e2 = services.place(p1, e2, e2.version, group=groups["p1"], start_date=dt.date(2025, 3, 3))
    with pytest.raises(services.OfferError, match="vol"):
        services.place(p1, e, e.version, group=groups["p1"], start_date=dt.date(2025, 3, 3))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(services.OfferError, match="toekomst"):
        services.start(p1, e2, e2.version, tomorrow)


def test_refusal_needs_reason_and_frees_the_component(world, offer):
    _c, products, _g = offer
    client = world.clients["own_cm1"]
    decided_plan(world, client, PIP_DAY)
    comp = language_component(client)
    p1 = principal(world, "provider_p1")
    e = services.refer(principal(world, "cm1"), client, comp.uuid, products["p1"])
    with pytest.raises(services.OfferError, match="reden"):
        services.refuse(p1, e, e.version, "  ")
    services.refuse(p1, e, e.version, "Geen plek in de avondgroep.")
    # the case manager may refer again, elsewhere
    services.refer(principal(world, "cm1"), client, comp.uuid, products["p2"])


def test_waiting_list_and_critical_mass(world, offer):
    _c, products, groups = offer
    a = world.clients["own_cm1"]  # municipality A1
    b = world.clients["own_cm2"]  # municipality A2
    decided_plan(world, a, PIP_DAY)
    decided_plan(world, b, PIP_DAY)
    region_clients = selectors.Client.objects.filter(municipality__region=world.orgs["a1"].region)
    waiting = selectors.waiting_for_product(products["p1"], region_clients)
    assert {w.client for w in waiting} == {a, b}
    assert all(w.target_level == "b1" for w in waiting)
    # place: only A1 matches the group in "Gemeente A1, Dorpsstraat 1"
    matches = selectors.waiting_for_group(groups["p1"], waiting)
    assert [w.client for w in matches] == [a]
    # a Z-route product does not list B1-route clients
    z_lot = Lot.objects.create(contract=products["p1"].lot.contract, route=Route.Z, name="Z")
    z = Product.objects.create(
        lot=z_lot,
        provider=world.orgs["p1"],
        kind="taal",
        name="Z taal",
        level="a1",
        price=Decimal("1"),
        hours=800,
        hours_per_week=Decimal("10"),
        location="A1",
        capacity=10,
        period_start=products["p1"].period_start,
        period_end=products["p1"].period_end,
    )
    assert selectors.waiting_for_product(z, region_clients) == []
    # an active enrolment takes the client off the list
    services.refer(principal(world, "cm1"), a, language_component(a).uuid, products["p1"])
    waiting = selectors.waiting_for_product(products["p1"], region_clients)
    assert {w.client for w in waiting} == {b}

    # critical mass: one accepted client in a group with minimum 3; levels A0 and A2 are mixed
    p1 = principal(world, "provider_p1")
    e = Enrolment.objects.get(client=a)
    e = services.accept(p1, e, e.version)
    services.place(p1, e, e.version, group=groups["p1"], start_date=PIP_DAY, level="a0")
    health = selectors.group_health([groups["p1"]])[0]
    assert health.size == 1 and health.too_small and not health.mixed_levels
    e2 = services.refer(principal(world, "cm2"), b, language_component(b).uuid, products["p1"])
    e2 = services.accept(p1, e2, e2.version)
    services.place(p1, e2, e2.version, group=groups["p1"], start_date=PIP_DAY, level="a2")
    health = selectors.group_health([groups["p1"]])[0]
    assert health.size == 2 and health.mixed_levels and health.spread == 3


def test_views_waiting_list_and_groups(world, offer, login, client):
    _c, products, groups = offer
    a = world.clients["own_cm1"]
    decided_plan(world, a, PIP_DAY)
    login(*world.as_role("contract"))
    page = client.get(reverse("offer:waiting_list")).content.decode()
    assert "1 op de wachtlijst" in page
    assert a.surname not in page  # the contract manager sees counts, no names
    page = client.get(reverse("offer:groups") + "?toon=aandacht").content.decode()
    assert "Te weinig deelnemers" in page and "Groep p1" in page
    assert client.get(reverse("offer:group_detail", args=[groups["p1"].uuid])).status_code == 200
    login(*world.as_role("tl"))
    page = client.get(reverse("offer:waiting_list")).content.decode()
    assert a.surname in page
    login(*world.as_role("provider_p1"))
    assert client.get(reverse("offer:waiting_list")).status_code == 403
    page = client.get(reverse("offer:groups")).content.decode()
    assert "Groep p1" in page and "Groep p2" not in page


def test_ui_flow_case_manager_and_provider(world, offer, login, client):
    _c, products, groups = offer
    c = asylum(world.clients["own_cm1"])
    decided_plan(world, c, PIP_DAY)
    comp = language_component(c)
    login(*world.as_role("cm1"))
    page = client.get(reverse("offer:dossier", args=[c.uuid])).content.decode()
    assert "Aanmelden bij aanbieder" in page
    url = reverse("offer:refer", args=[c.uuid, comp.uuid])
    assert client.post(url, {}).status_code == 400
    response = client.post(url, {"product": str(products["p1"].uuid)})
    assert response.status_code == 302
    e = Enrolment.objects.get(client=c)

    login(*world.as_role("provider_p1"))
    listing = client.get(reverse("offer:enrolments")).content.decode()
    assert c.surname in listing and c.bsn not in listing
    step = reverse("offer:enrolment_step", args=[e.uuid, "accepteren"])
    assert client.post(step, {"version": e.version}).status_code == 302
    e.refresh_from_db()
    step = reverse("offer:enrolment_step", args=[e.uuid, "plaatsen"])
    response = client.post(
        step,
        {
            "version": e.version,
            "group": str(groups["p1"].uuid),
            "start_date": "03-03-2025",
            "end_date": "01-01-2025",
        },
    )
    assert response.status_code == 400
    assert "einddatum moet op of na de startdatum" in response.content.decode()
    response = client.post(
        step, {"version": e.version, "group": str(groups["p1"].uuid), "start_date": "03-03-2025"}
    )
    assert response.status_code == 302
    e.refresh_from_db()
    step = reverse("offer:enrolment_step", args=[e.uuid, "starten"])
    assert client.post(step, {"version": e.version, "started_on": "03-03-2025"}).status_code == 302
    assert language_component(c).offer_start == dt.date(2025, 3, 3)
    # stale version: conflict message, nothing changes
    step = reverse("offer:enrolment_step", args=[e.uuid, "afronden"])
    response = client.post(step, {"version": e.version, "ended_on": "04-03-2025"})
    assert response.status_code == 409 and "Iemand anders" in response.content.decode()
    # the provider sees the client's Aanbod part, with its enrolment
    page = client.get(reverse("offer:dossier", args=[c.uuid]))
    assert page.status_code == 200 and "Taal B1 p1" in page.content.decode()


def test_api_flow_with_provider_token(world, offer, client):
    _c, products, groups = offer
    c = asylum(world.clients["own_cm1"])
    decided_plan(world, c, PIP_DAY)
    comp = language_component(c)
    api_cm = ApiClient.objects.create(
        name="Team", organisation=world.orgs["team_a"], role="casemanager"
    )
    token = issue_token(api_cm)
    # an API token has no user: it is never the client's own case manager
    response = client.post(
        "/api/v1/inschrijvingen/",
        {
            "client": str(c.uuid),
            "component_uuid": str(comp.uuid),
            "product": str(products["p1"].uuid),
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 403
    e = services.refer(principal(world, "cm1"), c, comp.uuid, products["p1"])

    p1 = ApiClient.objects.create(
        name="LVS P1", organisation=world.orgs["p1"], role=Role.PROVIDER_STAFF
    )
    h = {"HTTP_AUTHORIZATION": f"Token {issue_token(p1)}"}
    rows = client.get("/api/v1/inschrijvingen/", **h).json()["results"]
    assert [r["uuid"] for r in rows] == [str(e.uuid)]
    assert rows[0]["bsn"].startswith("*") and rows[0]["route"] == "b1"
    base = f"/api/v1/inschrijvingen/{e.uuid}/"
    post = lambda path, body: client.post(  # noqa: E731
        base + path, body, content_type="application/json", **h
    )
    assert post("accepteren/", {"version": 1}).status_code == 200
    assert post("accepteren/", {"version": 1}).status_code in (400, 409)
    r = post(
        "plaatsen/", {"version": 2, "group": str(groups["p2"].uuid), "start_date": "2025-03-03"}
    )
    assert r.status_code == 400
    r = post(
        "plaatsen/", {"version": 2, "group": str(groups["p1"].uuid), "start_date": "2025-03-03"}
    )
    assert r.status_code == 200, r.json()
    r = post("starten/", {"version": 3, "started_on": "2025-03-03"})
    assert r.status_code == 200 and r.json()["status"] == "gestart"
    assert language_component(c).offer_start == dt.date(2025, 3, 3)
    r = post("afronden/", {"version": 3, "ended_on": "2025-06-01"})
    assert r.status_code == 409
    assert post("onzin/", {}).status_code == 404
    # groups: the provider plans one for its own product, not for another's
    body = {
        "product": str(products["p1"].uuid),
        "name": "Avondgroep",
        "location": "Gemeente A1",
        "start_date": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "min_size": 6,
        "max_size": 12,
    }
    assert (
        client.post("/api/v1/groepen/", body, content_type="application/json", **h).status_code
        == 201
    )
    body["product"] = str(products["p2"].uuid)
    assert (
        client.post("/api/v1/groepen/", body, content_type="application/json", **h).status_code
        == 400
    )
    r = client.patch(
        f"/api/v1/groepen/{groups['p2'].uuid}/", {"name": "x"}, content_type="application/json", **h
    )
    assert r.status_code == 404


def test_load_demo_offer_is_idempotent(world):
    from regie.core.models import Organisation

    region = world.orgs["a1"].region
    Organisation.objects.create(region=region, kind="gr", name="GR WerkSaam Westfriesland")
    for name in services.DEMO_PROVIDERS + [services.DEMO_EDUCATION]:
        Organisation.objects.create(region=region, kind="aanbieder", name=name)
    c = world.clients["own_cm1"]
    decided_plan(world, c, PIP_DAY)
    first = services.load_demo_offer(region)
    assert first["contract"] and first["marks"] == 6 and first["enrolments"] == 1
    again = services.load_demo_offer(region)
    assert again["marks"] == 0 and again["enrolments"] == 0
    assert Contract.objects.filter(region=region).count() == 1
    contract = Contract.objects.get(region=region)
    assert contract.main_contractor.name == "GR WerkSaam Westfriesland"
    assert set(contract.lots.values_list("route", flat=True)) >= {"b1", "onderwijs", "z"}
    today = timezone.localdate()
    soon = QualityMark.objects.filter(
        valid_until__gte=today, valid_until__lte=today + dt.timedelta(days=60)
    )
    assert soon.count() == 1
    assert QualityMark.objects.filter(valid_until__lt=today).count() == 1


@pytest.mark.django_db
def test_provider_api_never_5xx(world, offer, client):
    """Schemathesis over the enrolment, group and product endpoints with a provider token, on
    top of real data: never a server error, no response outside the schema."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import response_schema_conformance

    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    checks = [not_a_server_error, response_schema_conformance]

    from regie.wsgi import application

    _c, products, _g = offer
    c = world.clients["own_cm1"]
    decided_plan(world, c, PIP_DAY)
    services.refer(principal(world, "cm1"), c, language_component(c).uuid, products["p1"])
    api = ApiClient.objects.create(
        name="LVS P1", organisation=world.orgs["p1"], role=Role.PROVIDER_STAFF
    )
    auth = {"Authorization": f"Token {issue_token(api)}"}
    # As Django's test client does: a WSGI call must not close the test's connection (on
    # PostgreSQL the test runs inside a transaction, which close_old_connections would end).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
        pattern = r"^/api/v1/(inschrijvingen|groepen|producten|contracten)/"
        operations = [r.ok() for r in schema.include(path_regex=pattern).get_all_operations()]
        assert len(operations) >= 10
        for operation in operations:

            @settings(
                max_examples=15,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy())
            def run(case):
                case.call_and_validate(headers=auth, checks=checks)

            run()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
