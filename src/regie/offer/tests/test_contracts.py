"""Quality marks (validity, refusal, start-page warning) and contracts with spend: committed
(accepted and later enrolments) against paid (invoices), per contract and per provider."""

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from regie.offer import selectors, services
from regie.offer.models import Contract, Invoice, Lot, MarkKind, Product, QualityMark, Route
from regie.plans.tests.helpers import EDU_COMPONENTS, decided_plan

from .test_enrolment import PIP_DAY, build_offer, language_component, principal


@pytest.fixture
def offer(world):
    return build_offer(world)


def test_valid_mark_by_route_and_date(world, offer):
    p1 = world.orgs["p1"]
    today = timezone.localdate()
    assert selectors.valid_mark(p1, Route.B1, today)
    assert selectors.valid_mark(p1, Route.Z, today)
    assert selectors.valid_mark(p1, Route.EDUCATION, today) is None  # needs diploma-erkenning
    assert selectors.valid_mark(p1, Route.B1, today + dt.timedelta(days=400)) is None
    assert selectors.required_mark(Route.OTHER) is None


def test_referral_refused_without_valid_mark(world, offer):
    _c, products, _g = offer
    client = world.clients["own_cm1"]
    decided_plan(world, client, PIP_DAY)
    comp = language_component(client)
    QualityMark.objects.filter(provider=world.orgs["p1"]).update(
        valid_until=timezone.localdate() - dt.timedelta(days=1)
    )
    with pytest.raises(services.OfferError) as exc:
        services.refer(principal(world, "cm1"), client, comp.uuid, products["p1"])
    message = " ".join(exc.value.messages)
    assert "Aanbieder P1 heeft op" in message and "geen geldig" in message
    assert "Kies een product van een andere aanbieder" in message
    # p2 still has its mark
    services.refer(principal(world, "cm1"), client, comp.uuid, products["p2"])


def test_acceptance_refused_when_mark_expired_after_referral(world, offer):
    _c, products, _g = offer
    client = world.clients["own_cm1"]
    decided_plan(world, client, PIP_DAY)
    e = services.refer(
        principal(world, "cm1"), client, language_component(client).uuid, products["p1"]
    )
    QualityMark.objects.filter(provider=world.orgs["p1"]).delete()
    with pytest.raises(services.OfferError, match="geen geldig"):
        services.accept(principal(world, "provider_p1"), e, e.version)


def test_education_route_needs_diploma_recognition(world, offer):
    contract, _products, _g = offer
    client = world.clients["own_cm1"]
    decided_plan(world, client, PIP_DAY, route=Route.EDUCATION, components=EDU_COMPONENTS)
    lot = Lot.objects.create(contract=contract, route=Route.EDUCATION, name="Onderwijs")
    product = Product.objects.create(
        lot=lot,
        provider=world.orgs["p1"],
        kind="taalschakeltraject",
        name="Taalschakeltraject",
        level="b1",
        price=Decimal("16000"),
        hours=1500,
        hours_per_week=Decimal("20"),
        location="A1",
        capacity=20,
        period_start=contract.period_start,
        period_end=contract.period_end,
    )
    comp = language_component(client)
    with pytest.raises(services.OfferError, match="Diploma-erkenning"):
        services.refer(principal(world, "cm1"), client, comp.uuid, product)
    today = timezone.localdate()
    services.add_mark(
        principal(world, "admin"),
        world.orgs["p1"],
        kind=MarkKind.DIPLOMA,
        reference="",
        valid_from=today,
        valid_until=today + dt.timedelta(days=365),
    )
    assert services.refer(principal(world, "cm1"), client, comp.uuid, product).price == Decimal(
        "16000.00"
    )


def test_spend_committed_versus_paid(world, offer):
    contract, products, groups = offer
    cm1, cm2 = principal(world, "cm1"), principal(world, "cm2")
    p1, p2 = principal(world, "provider_p1"), principal(world, "provider_p2")
    a, b, c = (world.clients[k] for k in ("own_cm1", "own_cm2", "income"))
    for client in (a, b, c):
        decided_plan(world, client, PIP_DAY)
    e_a = services.refer(cm1, a, language_component(a).uuid, products["p1"])
    e_b = services.refer(cm2, b, language_component(b).uuid, products["p1"])
    e_c = services.refer(cm2, c, language_component(c).uuid, products["p2"])
    # only referred: nothing committed yet
    assert selectors.contract_spend(contract)["total"].committed == 0
    e_a = services.accept(p1, e_a, e_a.version)
    e_a = services.place(p1, e_a, e_a.version, group=groups["p1"], start_date=PIP_DAY)
    services.accept(p2, e_c, e_c.version)
    services.refuse(p1, e_b, e_b.version, "Past niet in het rooster.")  # refused: not committed
    services.add_invoice(
        principal(world, "contract"),
        contract,
        provider=world.orgs["p1"],
        number="F-1",
        invoice_date=PIP_DAY,
        amount=Decimal("2500.00"),
        note="",
    )
    with pytest.raises(services.OfferError, match="al vastgelegd"):
        services.add_invoice(
            principal(world, "contract"),
            contract,
            provider=world.orgs["p1"],
            number="F-1",
            invoice_date=PIP_DAY,
            amount=Decimal("1.00"),
            note="",
        )
    spend = selectors.contract_spend(contract)
    assert spend["total"].committed == Decimal("18000.00")
    assert spend["total"].paid == Decimal("2500.00")
    by = {r.provider.name: (r.committed, r.paid) for r in spend["rows"]}
    assert by == {
        "Aanbieder P1": (Decimal("9000.00"), Decimal("2500.00")),
        "Aanbieder P2": (Decimal("9000.00"), Decimal("0.00")),
    }


def test_contract_pages_for_contract_manager(world, offer, login, client):
    contract, _p, _g = offer
    Invoice.objects.create(
        contract=contract,
        provider=world.orgs["p2"],
        number="F-9",
        invoice_date=PIP_DAY,
        amount=Decimal("1234.56"),
    )
    login(*world.as_role("contract"))
    page = client.get(reverse("offer:contracts")).content.decode()
    assert "Raamovereenkomst A" in page
    detail = client.get(reverse("offer:contract_detail", args=[contract.uuid])).content.decode()
    assert "Verplicht en betaald per aanbieder" in detail and "1.234,56" in detail
    # create a contract with a subcontractor, a lot, a product and an invoice through the UI
    response = client.post(
        reverse("offer:contract_create"),
        {
            "name": "Nieuw contract",
            "main_contractor": str(world.orgs["gr_a"].uuid),
            "subcontractors": [str(world.orgs["p1"].uuid)],
            "period_start": "01-01-2026",
            "period_end": "31-12-2028",
            "budget": "100.000,00",
        },
    )
    assert response.status_code == 302
    new = Contract.objects.get(name="Nieuw contract")
    assert new.budget == Decimal("100000.00") and list(new.subcontractors.all()) == [
        world.orgs["p1"]
    ]
    # a product before any lot: sent to add a lot first
    assert client.get(reverse("offer:product_create", args=[new.uuid])).status_code == 302
    assert (
        client.post(
            reverse("offer:lot_create", args=[new.uuid]), {"route": "z", "name": "Perceel Z"}
        ).status_code
        == 302
    )
    lot = new.lots.get()
    product = {
        "lot": str(lot.pk),
        "provider": str(world.orgs["p1"].uuid),
        "kind": "taal",
        "name": "Z taal A1",
        "level": "a1",
        "price": "7.600,00",
        "hours": "800",
        "hours_per_week": "10",
        "location": "Gemeente A1",
        "evening_weekend": "on",
        "capacity": "20",
        "period_start": "01-01-2026",
        "period_end": "31-12-2029",
    }
    response = client.post(reverse("offer:product_create", args=[new.uuid]), product)
    assert response.status_code == 400
    assert "binnen de looptijd van het contract" in response.content.decode()
    product["period_end"] = "31-12-2028"
    response = client.post(reverse("offer:product_create", args=[new.uuid]), product)
    assert response.status_code == 302
    saved = Product.objects.get(name="Z taal A1")
    assert saved.price == Decimal("7600.00") and saved.evening_weekend and not saved.daytime
    response = client.post(reverse("offer:invoice_create", args=[new.uuid]), {})
    assert response.status_code == 400 and "Vul het factuurnummer in." in response.content.decode()


@pytest.mark.parametrize("role_key", ["cm1", "tl", "provider_p1", "admin", "policy_a1"])
def test_contract_pages_only_for_contract_manager(world, offer, login, client, role_key):
    contract, _p, _g = offer
    login(*world.as_role(role_key))
    assert client.get(reverse("offer:contracts")).status_code == 403
    assert client.get(reverse("offer:contract_detail", args=[contract.uuid])).status_code == 403
    assert client.get("/api/v1/contracten/").json()["results"] == []


def test_contract_of_other_region_is_404(world, offer, login, client):
    from regie.core.tests.factories import OrganisationFactory

    contract, _p, _g = offer
    contract.region = world.orgs["b1"].region
    contract.main_contractor = OrganisationFactory(region=contract.region, kind="gr")
    contract.save()
    login(*world.as_role("contract"))
    assert client.get(reverse("offer:contract_detail", args=[contract.uuid])).status_code == 404
    assert client.get(f"/api/v1/contracten/{contract.uuid}/").status_code == 404


def test_contract_api_shows_spend(world, offer, login, client):
    contract, _p, _g = offer
    login(*world.as_role("contract"))
    rows = client.get("/api/v1/contracten/").json()["results"]
    assert rows[0]["uuid"] == str(contract.uuid)
    assert rows[0]["committed"] == "0.00" and rows[0]["lots"][0]["route"] == "b1"
    products = client.get("/api/v1/producten/").json()["results"]
    assert {p["name"] for p in products} == {"Taal B1 p1", "Taal B1 p2"}


def test_marks_pages_and_home_warning(world, offer, login, client):
    today = timezone.localdate()
    QualityMark.objects.filter(provider=world.orgs["p2"]).update(
        valid_until=today + dt.timedelta(days=30)
    )
    login(*world.as_role("contract"))
    home = client.get(reverse("core:home")).content.decode()
    assert "Keurmerken van aanbieders" in home
    assert "Aanbieder P2" in home and "Aanbieder P1" not in home
    assert (today + dt.timedelta(days=30)).strftime("%d-%m-%Y") in home
    page = client.get(reverse("offer:providers")).content.decode()
    assert "Verloopt binnenkort" in page and "Geldig" in page
    # a renewal removes the warning
    url = reverse("offer:provider_detail", args=[world.orgs["p2"].uuid])
    response = client.post(
        url,
        {
            "kind": MarkKind.KEURMERK,
            "valid_from": (today + dt.timedelta(days=20)).strftime("%d-%m-%Y"),
            "valid_until": (today + dt.timedelta(days=1100)).strftime("%d-%m-%Y"),
        },
    )
    assert response.status_code == 302
    assert "Aanbieder P2" not in client.get(reverse("core:home")).content.decode()
    response = client.post(url, {"kind": MarkKind.KEURMERK, "valid_from": "02-01-2026"})
    assert response.status_code == 400
    assert "Vul de datum &#x27;geldig tot en met&#x27; in." in response.content.decode()


def test_expired_mark_warned_and_marks_only_for_managers(world, offer, login, client):
    QualityMark.objects.filter(provider=world.orgs["p1"]).update(
        valid_until=timezone.localdate() - dt.timedelta(days=3)
    )
    data = selectors.expiring_marks(principal(world, "contract"), timezone.localdate())
    assert [m.provider.name for m in data["expired"]] == ["Aanbieder P1"]
    assert data["days"] == selectors.MARK_WARNING_DAYS
    with pytest.raises(PermissionDenied):
        services.add_mark(
            principal(world, "cm1"),
            world.orgs["p1"],
            kind=MarkKind.KEURMERK,
            valid_from=PIP_DAY,
            valid_until=PIP_DAY,
        )
    for key in ("cm1", "provider_p1", "tl"):
        login(*world.as_role(key))
        assert client.get(reverse("offer:providers")).status_code == 403
    login(*world.as_role("admin"))
    assert client.get(reverse("offer:providers")).status_code == 200
