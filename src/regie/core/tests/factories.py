"""factory_boy factories for core's main models: regions, organisations, users, role assignments,
API clients. Higher apps' factories build on these; core's own tests use nothing higher."""

import factory

from regie.core.models import ApiClient, Organisation, Region, RoleAssignment, User
from regie.core.roles import OrganisationKind, Role


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"regio-{n}")
    name = factory.Sequence(lambda n: f"Regio {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    region = factory.SubFactory(RegionFactory)
    kind = OrganisationKind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Organisatie {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Test"
    password = factory.django.Password("Test-wachtwoord-123")


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.CASE_MANAGER
    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.TEAM)


class ApiClientFactory(factory.django.DjangoModelFactory):
    """A system with an API token (issue one with ``regie.core.drf.issue_token``)."""

    class Meta:
        model = ApiClient

    name = factory.Sequence(lambda n: f"Systeem {n}")
    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.PROVIDER)
    role = Role.PROVIDER_STAFF
