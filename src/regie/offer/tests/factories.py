"""factory_boy factories for the offer app: contracts, lots, products, groups, quality marks and
enrolments. An ``EnrolmentFactory`` row skips the referral rules (a decided PIP, a valid
keurmerk); use ``offer.services.refer`` where the rules are what is tested."""

import datetime as dt
from decimal import Decimal

import factory

from django.utils import timezone

from regie.clients.tests.factories import ClientFactory
from regie.core.roles import OrganisationKind
from regie.core.tests.factories import OrganisationFactory, RegionFactory
from regie.offer.models import (
    CefrLevel,
    Contract,
    Enrolment,
    EnrolmentStatus,
    Group,
    Lot,
    MarkKind,
    Product,
    ProductKind,
    QualityMark,
    Route,
)


def _today():
    return timezone.localdate()


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Raamovereenkomst {n}")
    main_contractor = factory.SubFactory(
        OrganisationFactory,
        kind=OrganisationKind.JOINT_BODY,
        region=factory.SelfAttribute("..region"),
    )
    period_start = factory.LazyFunction(lambda: _today() - dt.timedelta(days=700))
    period_end = factory.LazyFunction(lambda: _today() + dt.timedelta(days=700))


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot

    contract = factory.SubFactory(ContractFactory)
    route = Route.B1
    name = factory.Sequence(lambda n: f"Perceel {n}")


class QualityMarkFactory(factory.django.DjangoModelFactory):
    """A keurmerk valid from long ago until a year from now."""

    class Meta:
        model = QualityMark

    provider = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.PROVIDER)
    kind = MarkKind.KEURMERK
    valid_from = factory.LazyFunction(lambda: _today() - dt.timedelta(days=700))
    valid_until = factory.LazyFunction(lambda: _today() + dt.timedelta(days=365))


class ProductFactory(factory.django.DjangoModelFactory):
    """A B1 language product of a provider in a lot, for the whole contract period."""

    class Meta:
        model = Product

    lot = factory.SubFactory(LotFactory)
    provider = factory.SubFactory(
        OrganisationFactory,
        kind=OrganisationKind.PROVIDER,
        region=factory.SelfAttribute("..lot.contract.region"),
    )
    kind = ProductKind.LANGUAGE
    name = factory.Sequence(lambda n: f"Taal B1 {n}")
    level = CefrLevel.B1
    price = Decimal("9000.00")
    hours = 600
    hours_per_week = Decimal("12")
    location = "Leslocatie"
    capacity = 30
    period_start = factory.SelfAttribute("lot.contract.period_start")
    period_end = factory.SelfAttribute("lot.contract.period_end")


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    product = factory.SubFactory(ProductFactory)
    name = factory.Sequence(lambda n: f"Groep {n}")
    level = CefrLevel.A1
    location = "Dorpsstraat 1"
    start_date = factory.LazyFunction(lambda: _today() + dt.timedelta(days=14))
    min_size = 3
    max_size = 12


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """A client referred to a product (status *aangemeld*), with the product's provider."""

    class Meta:
        model = Enrolment

    client = factory.SubFactory(ClientFactory)
    product = factory.SubFactory(ProductFactory)
    provider = factory.SelfAttribute("product.provider")
    status = EnrolmentStatus.REFERRED
    level = CefrLevel.A1
    target_level = CefrLevel.B1
    price = factory.SelfAttribute("product.price")
    referred_on = factory.LazyFunction(_today)
