"""The permission-matrix world shared by the apps' tests (two regions, every role) and what each
role may see in it. Test infrastructure at the top: an app's tests may use it if that app may
import ``clients``; the factories live in each app's ``tests/factories.py``."""

from dataclasses import dataclass, field

from regie.clients.models import Client
from regie.clients.tests.factories import ClientFactory
from regie.core.models import Organisation, RoleAssignment, User
from regie.core.roles import OrganisationKind, Role
from regie.core.tests.factories import OrganisationFactory, RegionFactory, UserFactory

__all__ = [
    "CLIENT_KEYS",
    "EXPECTED",
    "ClientFactory",
    "OrganisationFactory",
    "RegionFactory",
    "UserFactory",
    "World",
    "build_world",
]

# The permission matrix (regie/tests/test_permission_matrix.py and each app's own checks): per
# role key of the world, the clients it may list/open and the clients it may change.
_A = {"own_cm1", "own_cm2", "income"}
EXPECTED = {
    "cm1": (_A, {"own_cm1"}),
    "cm2": (_A, {"own_cm2", "income"}),
    "cm_b": ({"region_b"}, {"region_b"}),
    "tl": (_A, _A),
    "tl_b": ({"region_b"}, {"region_b"}),
    "guide": ({"own_cm2"}, set()),
    "income": ({"income"}, set()),
    "policy_a1": (set(), set()),
    "policy_b1": (set(), set()),
    "contract": (set(), set()),
    "provider_p1": (set(), set()),
    "provider_p2": (set(), set()),
    "admin": (set(), set()),
    "privacy": (set(), set()),
    "privacy_b": (set(), set()),
    "mca": (set(), set()),
}
CLIENT_KEYS = ["own_cm1", "own_cm2", "income", "region_b"]


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
