"""The newcomer's late-offer statements are available to the portal (issue 9 item 2): a letter he
adds to his own request to DUO, read for his own client only."""

import datetime as dt

import pytest

from regie.portal import selectors
from regie.progress.models import LateOfferStatement

pytestmark = pytest.mark.django_db


def test_portal_reads_only_the_newcomers_own_late_offer_letters(world):
    mine, other = world.clients["own_cm1"], world.clients["own_cm2"]
    day = dt.date(2025, 6, 1)
    fields = {"statement_date": day, "pip_date": dt.date(2025, 1, 15), "allowed_months": 3}
    letter = LateOfferStatement.objects.create(client=mine, months_late=2, **fields)
    LateOfferStatement.objects.create(client=other, months_late=1, **fields)
    assert list(selectors.late_offer_letters(mine)) == [letter]
