"""Test helpers shared by the apps' tests: factories and the permission-matrix world."""

from dataclasses import dataclass, field

import factory

from regie.clients.models import Client
from regie.core.bsn import demo_bsns
from regie.core.models import Organisation, Region, RoleAssignment, User
from regie.core.roles import OrganisationKind, Role

_bsns = demo_bsns(5000, start=50000)


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


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    bsn = factory.LazyFunction(lambda: next(_bsns))
    given_names = factory.Sequence(lambda n: f"Klant{n}")
    surname = factory.Sequence(lambda n: f"Achternaam{n}")


@dataclass
class World:
    """Region A (municipalities A1, A2; team A; providers P1, P2) and region B (B1, team B)."""

    orgs: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    assignments: dict[str, RoleAssignment] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)

    def as_role(self, key):
        return self.users[key], self.assignments[key]


def build_world() -> World:
    w = World()
    ra = RegionFactory(code="regio-a", name="Regio A")
    rb = RegionFactory(code="regio-b", name="Regio B")
    mk = OrganisationFactory
    w.orgs.update(
        a1=mk(region=ra, name="Gemeente A1", cbs_code="GM9001"),
        a2=mk(region=ra, name="Gemeente A2", cbs_code="GM9002"),
        b1=mk(region=rb, name="Gemeente B1", cbs_code="GM9003"),
        team_a=mk(region=ra, kind=OrganisationKind.TEAM, name="Team A"),
        team_b=mk(region=rb, kind=OrganisationKind.TEAM, name="Team B"),
        office_a=mk(region=ra, kind=OrganisationKind.REGION_OFFICE, name="Regiebureau A"),
        office_b=mk(region=rb, kind=OrganisationKind.REGION_OFFICE, name="Regiebureau B"),
        gr_a=mk(region=ra, kind=OrganisationKind.JOINT_BODY, name="GR A"),
        p1=mk(region=ra, kind=OrganisationKind.PROVIDER, name="Aanbieder P1"),
        p2=mk(region=ra, kind=OrganisationKind.PROVIDER, name="Aanbieder P2"),
    )
    roles = {
        "cm1": (Role.CASE_MANAGER, "team_a"),
        "cm2": (Role.CASE_MANAGER, "team_a"),
        "cm_b": (Role.CASE_MANAGER, "team_b"),
        "tl": (Role.TEAM_LEADER, "team_a"),
        "tl_b": (Role.TEAM_LEADER, "team_b"),
        "guide": (Role.SOCIAL_GUIDE, "team_a"),
        "policy_a1": (Role.POLICY_OFFICER, "a1"),
        "policy_b1": (Role.POLICY_OFFICER, "b1"),
        "contract": (Role.CONTRACT_MANAGER, "office_a"),
        "income": (Role.INCOME_CONSULTANT, "gr_a"),
        "provider_p1": (Role.PROVIDER_STAFF, "p1"),
        "provider_p2": (Role.PROVIDER_STAFF, "p2"),
        "admin": (Role.FUNCTIONAL_ADMIN, "office_a"),
        "privacy": (Role.PRIVACY_OFFICER, "office_a"),
        "privacy_b": (Role.PRIVACY_OFFICER, "office_b"),
        "mca": (Role.MCA_MEMBER, "office_a"),
    }
    for key, (role, org_key) in roles.items():
        user = UserFactory(username=key, is_staff=(key == "admin"))
        w.users[key] = user
        w.assignments[key] = RoleAssignment.objects.create(
            user=user, role=role, organisation=w.orgs[org_key]
        )
    if True:  # the functioneel beheerder may use the admin for core reference data
        from django.contrib.auth.models import Permission

        w.users["admin"].user_permissions.set(
            Permission.objects.filter(content_type__app_label="core")
        )
    team_a, team_b = w.orgs["team_a"], w.orgs["team_b"]
    u = w.users
    w.clients.update(
        own_cm1=ClientFactory(
            municipality=w.orgs["a1"], team=team_a, case_manager=u["cm1"], surname="Eigenklant"
        ),
        own_cm2=ClientFactory(
            municipality=w.orgs["a2"],
            team=team_a,
            case_manager=u["cm2"],
            surname="Collegaklant",
            social_guide=u["guide"],
        ),
        income=ClientFactory(
            municipality=w.orgs["a1"],
            team=team_a,
            case_manager=u["cm2"],
            surname="Inkomensklant",
            income_consultant=u["income"],
        ),
        region_b=ClientFactory(
            municipality=w.orgs["b1"], team=team_b, case_manager=u["cm_b"], surname="Anderregio"
        ),
    )
    return w
