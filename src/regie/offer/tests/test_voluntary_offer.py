"""Issue 9, item 11: a Wet inburgering 2013 client has no PIP; the municipality can still enrol
him in the voluntary offer (an enrolment without a PIP component)."""

import pytest

from regie.clients.models import Client, Deadline
from regie.offer import services
from regie.plans.tests.helpers import principal

from .test_enrolment import build_offer


@pytest.mark.django_db
def test_wi2013_client_is_enrolled_in_the_voluntary_offer_without_a_pip(world):
    _contract, products, _groups = build_offer(world)
    target = world.clients["own_cm1"]
    Client.objects.filter(pk=target.pk).update(regime="wi2013")
    target.refresh_from_db()
    product = next(iter(products.values()))
    enrolment = services.refer_voluntary(principal(world, "cm1"), target, product)
    assert enrolment.component_uuid is None and enrolment.provider == product.provider
    assert not Deadline.objects.filter(client=target).exists()


@pytest.mark.django_db
def test_wi2021_client_is_enrolled_from_his_pip_not_the_voluntary_offer(world):
    _contract, products, _groups = build_offer(world)
    target = world.clients["own_cm1"]
    with pytest.raises(services.OfferError, match="PIP"):
        services.refer_voluntary(principal(world, "cm1"), target, next(iter(products.values())))
