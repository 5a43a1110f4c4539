"""Costs follow the residence history (issue 9 item 10): a client who moved within the region costs
the old municipality before the move and the new one after it."""

import datetime as dt
from decimal import Decimal

import pytest

from regie.clients.residence import record_move
from regie.offer.models import EnrolmentStatus
from regie.offer.selectors import committed_by_municipality

from .factories import EnrolmentFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_costs_are_attributed_to_the_municipality_of_residence_on_the_start_date(
    world, django_assert_num_queries
):
    c = world.clients["own_cm1"]  # A1
    moved_on = dt.date.today() - dt.timedelta(days=30)
    product = ProductFactory(provider=world.orgs["p1"], price=Decimal("1000.00"))
    contract = product.lot.contract
    for start in (moved_on - dt.timedelta(days=60), moved_on + dt.timedelta(days=5)):
        EnrolmentFactory(
            client=c, product=product, status=EnrolmentStatus.STARTED, start_date=start
        )
    before = committed_by_municipality(contract)
    assert before == [{"municipality": "Gemeente A1", "committed": Decimal("2000.00")}]
    record_move(c, world.orgs["a2"], moved_on)
    with django_assert_num_queries(3):
        after = committed_by_municipality(contract)
    assert after == [
        {"municipality": "Gemeente A1", "committed": Decimal("1000.00")},
        {"municipality": "Gemeente A2", "committed": Decimal("1000.00")},
    ]
