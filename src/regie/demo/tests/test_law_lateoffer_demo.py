"""The demo region shows issue 9 items 2-3: a family migrant with PVT and MAP enrolments and no
course on the waiting list, and an asylum holder with a late-offer statement in his dossier."""

from regie.clients.models import TargetGroup
from regie.core.models import OutboxMessage
from regie.offer import funding, selectors
from regie.offer.models import Enrolment, Product
from regie.progress.models import LateOfferStatement


def test_demo_has_family_migrant_pvt_and_map_and_a_late_offer_statement(db):
    from regie.demo.loader import load_region

    load_region(client_count=40)
    # Wi2021 family migrants (a Wi2013 one in the voluntary offer is law-duty's demo)
    family = Enrolment.objects.filter(client__target_group=TargetGroup.FAMILY).exclude(
        client__regime="wi2013"
    )
    assert set(family.values_list("product__kind", flat=True)) == {"pvt", "map"}
    assert {funding.enrolment_funding(e) for e in family} == {"spuk"}
    client = family.first().client
    courses = Product.objects.filter(kind__in=funding.COURSE_KINDS)
    region_clients = selectors.Client.objects.filter(pk=client.pk)
    assert all(selectors.waiting_for_product(p, region_clients) == [] for p in courses)
    statement = LateOfferStatement.objects.get()
    assert statement.client.target_group == TargetGroup.ASYLUM
    assert not OutboxMessage.objects.filter(message_type="late_offer.statement").exists()
    load_region(client_count=40)  # idempotent
    assert LateOfferStatement.objects.count() == 1
    assert family.count() == 2
