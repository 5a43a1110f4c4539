"""factory_boy factories for the clients app: households, clients and their deadlines."""

import datetime as dt

import factory

from regie.clients.models import Client, Deadline, Household
from regie.core.bsn import demo_bsns
from regie.core.roles import OrganisationKind
from regie.core.tests.factories import OrganisationFactory

# Valid (eleven-test) BSNs no demo or fixture uses; shared by every ClientFactory.
_bsns = demo_bsns(5000, start=50000)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    name = factory.Sequence(lambda n: f"Huishouden {n}")
    municipality = factory.SubFactory(OrganisationFactory)


class ClientFactory(factory.django.DjangoModelFactory):
    """A registered client. Pass ``municipality`` and ``team`` to place it in a world; without
    them it gets a municipality and a team of its own."""

    class Meta:
        model = Client

    bsn = factory.LazyFunction(lambda: next(_bsns))
    given_names = factory.Sequence(lambda n: f"Klant{n}")
    surname = factory.Sequence(lambda n: f"Achternaam{n}")
    municipality = factory.SubFactory(OrganisationFactory)
    team = factory.SubFactory(
        OrganisationFactory,
        kind=OrganisationKind.TEAM,
        region=factory.SelfAttribute("..municipality.region"),
    )


class DeadlineFactory(factory.django.DjangoModelFactory):
    """A computed deadline row as the recompute writes it (tests that need a row, not the rule)."""

    class Meta:
        model = Deadline

    client = factory.SubFactory(ClientFactory)
    kind = "review"
    sequence = factory.Sequence(lambda n: n + 1)
    due_date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=30))
    basis = "Testgegevens"
