"""Issue 9 item 3: family and other migrants arrange and pay their own language/KNM course (DUO
loan): never on a course waiting list, never referred to a course, no course spend on the SPUK;
the PVT and MAP the municipality offers them are enrolled as usual and tagged SPUK (badge)."""

from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.clients.models import PermitType, TargetGroup
from regie.offer import funding, selectors, services
from regie.offer.models import EnrolmentStatus, Lot, ProductKind, Route
from regie.offer.tests.factories import EnrolmentFactory, ProductFactory
from regie.offer.tests.test_enrolment import PIP_DAY, build_offer, principal
from regie.plans.models import Component
from regie.plans.tests.helpers import decided_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(world):
    return build_offer(world)


def family(client, group=TargetGroup.FAMILY):
    client.target_group = group
    client.permit_type = PermitType.REGULAR
    client.save()
    return client


def other_lot_product(contract, provider, kind, price):
    lot, _ = Lot.objects.get_or_create(contract=contract, route=Route.OTHER, name="Overig")
    return ProductFactory(
        lot=lot,
        provider=provider,
        kind=kind,
        level="",
        name=f"{kind} {provider.name}",
        price=Decimal(price),
        hours=40,
        location="Gemeente A1",
    )


def component(client, kind):
    return Component.objects.get(client=client, kind=kind, plan_version__status="decided")


def region_clients(world):
    return selectors.Client.objects.filter(municipality__region=world.orgs["a1"].region)


def test_family_migrant_is_not_on_course_waiting_list(world, offer):
    contract, products, _groups = offer
    asylum = world.clients["own_cm1"]
    migrant = family(world.clients["own_cm2"])
    decided_plan(world, asylum, PIP_DAY)
    decided_plan(world, migrant, PIP_DAY)
    knm = other_lot_product(contract, world.orgs["p1"], ProductKind.KNM, "500")
    pvt = other_lot_product(contract, world.orgs["p1"], ProductKind.PVT, "400")
    clients = region_clients(world)
    assert {w.client for w in selectors.waiting_for_product(products["p1"], clients)} == {asylum}
    assert {w.client for w in selectors.waiting_for_product(knm, clients)} == {asylum}
    # the PVT the municipality offers him: he waits for it like anyone else
    assert {w.client for w in selectors.waiting_for_product(pvt, clients)} == {asylum, migrant}


def test_other_migrant_is_not_referred_to_a_language_or_knm_course(world, offer):
    contract, products, _groups = offer
    migrant = family(world.clients["own_cm1"], TargetGroup.OTHER)
    decided_plan(world, migrant, PIP_DAY)
    with pytest.raises(services.OfferError, match="zelf"):
        services.refer(
            principal(world, "cm1"), migrant, component(migrant, "language").uuid, products["p1"]
        )
    knm = other_lot_product(contract, world.orgs["p1"], ProductKind.KNM, "500")
    with pytest.raises(services.OfferError, match="zelf"):
        services.refer(principal(world, "cm1"), migrant, component(migrant, "knm").uuid, knm)
    assert not migrant.enrolments.exists()


def test_family_migrant_pvt_and_map_are_enrolled_and_tagged_spuk_voorziening(world, offer):
    contract, _products, _groups = offer
    migrant = family(world.clients["own_cm1"])
    decided_plan(world, migrant, PIP_DAY)
    p = principal(world, "cm1")
    for kind in (ProductKind.PVT, ProductKind.MAP):
        product = other_lot_product(contract, world.orgs["p1"], kind, "400")
        enrolment = services.refer(p, migrant, component(migrant, kind).uuid, product)
        assert funding.enrolment_funding(enrolment) == funding.Funding.SPUK
        assert funding.funding_unconfirmed(migrant.target_group, kind)  # badge until confirmed
    # an asylum holder's PVT is SPUK, confirmed as far as the rulebook goes (no badge)
    assert funding.funding_for(TargetGroup.ASYLUM, ProductKind.PVT) == funding.Funding.SPUK
    assert not funding.funding_unconfirmed(TargetGroup.ASYLUM, ProductKind.PVT)


def test_no_course_spend_for_a_family_migrant_is_tagged_spuk(world, offer):
    contract, products, _groups = offer
    for group in (TargetGroup.FAMILY, TargetGroup.OTHER):
        for kind in funding.COURSE_KINDS:
            assert funding.funding_for(group, kind) == funding.Funding.OWN
        assert funding.funding_for(group, ProductKind.Z_PARTICIPATION) == "gemeentefonds"
    for kind in ProductKind:
        assert funding.funding_for(TargetGroup.ASYLUM, kind) == funding.Funding.SPUK

    asylum = world.clients["own_cm1"]
    migrant = family(world.clients["own_cm2"])
    committed = EnrolmentStatus.ACCEPTED
    EnrolmentFactory(client=asylum, product=products["p1"], status=committed)  # 9000 SPUK
    # a course enrolment of a family migrant recorded before this rule (older data)
    EnrolmentFactory(client=migrant, product=products["p1"], status=committed)  # 9000 own
    pvt = other_lot_product(contract, world.orgs["p1"], ProductKind.PVT, "400")
    EnrolmentFactory(client=migrant, product=pvt, status=committed, level="", target_level="")
    with CaptureQueriesContext(connection) as queries:
        spend = selectors.contract_spend(contract)
    assert len(queries) == 3  # enrolments by funding, invoices, providers
    by_funding = {f.funding: f for f in spend["funding"]}
    assert by_funding["spuk"].committed == Decimal("9400.00") and by_funding["spuk"].unconfirmed
    assert by_funding["own"].committed == Decimal("9000.00") and not by_funding["own"].municipal
    # what the newcomer pays himself is not the municipality's commitment
    assert spend["total"].committed == Decimal("9400.00")


def test_contract_and_dossier_pages_show_who_pays(world, offer, login, client):
    contract, products, _groups = offer
    migrant = family(world.clients["own_cm1"])
    decided_plan(world, migrant, PIP_DAY)
    pvt = other_lot_product(contract, world.orgs["p1"], ProductKind.PVT, "400")
    services.refer(principal(world, "cm1"), migrant, component(migrant, "pvt").uuid, pvt)
    EnrolmentFactory(
        client=migrant, product=pvt, status=EnrolmentStatus.ACCEPTED, level="", target_level=""
    )
    login(*world.as_role("cm1"))
    page = client.get(reverse("offer:dossier", args=[migrant.uuid])).content.decode()
    assert "Regelt de klant zelf" in page and "SPUK inburgeringsvoorzieningen" in page
    assert "Niet bevestigd" in page
    login(*world.as_role("contract"))
    page = client.get(reverse("offer:contract_detail", args=[contract.uuid]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Verplicht per financieringsbron" in html and "Niet bevestigd" in html


def test_wi2013_voluntary_offer_is_never_tagged_spuk():
    for group in TargetGroup:
        for kind in ProductKind:
            assert funding.funding_for(group, kind, wi2013=True) == "gemeentefonds"
            assert funding.funding_unconfirmed(group, kind, wi2013=True)
        assert not funding.pays_own_course(group, wi2013=True)
