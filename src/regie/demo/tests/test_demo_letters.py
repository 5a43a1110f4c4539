"""The demo shows issue 14, item 1: every college has an address for the objection section of
its beschikking, and one (Hoorn) has opened a digital route, so both letters can be seen."""

import pytest

from regie.core.models import Organisation
from regie.core.roles import OrganisationKind
from regie.demo.loader import load_region


@pytest.mark.django_db
def test_demo_colleges_have_an_objection_address_and_hoorn_a_digital_route():
    load_region(with_clients=False)
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    assert municipalities.count() == 7
    assert all("demo-adres" in m.postal_address for m in municipalities)
    opened = {m.name for m in municipalities if m.objection_digital_open}
    assert opened == {"Hoorn"}
    assert municipalities.get(name="Hoorn").objection_digital_route.startswith("https://")
