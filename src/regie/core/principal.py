"""Who is acting: a user in one of his roles, or an organisation's API client.

Every scoping function takes a :class:`Principal`, so the web UI, the API, exports and reports
share one rule for what a party may see.
"""

from dataclasses import dataclass

from .models import ApiClient, Organisation, RoleAssignment, User
from .roles import Role

SESSION_KEY = "regie_role_assignment"


@dataclass(frozen=True)
class Principal:
    role: str
    organisation: Organisation
    user: User | None = None
    api_client: ApiClient | None = None
    assignment_id: int | None = None

    @property
    def region_id(self) -> int | None:
        return self.organisation.region_id

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)

    @property
    def label(self) -> str:
        who = str(self.user) if self.user else str(self.api_client)
        return f"{who} · {self.role_label} · {self.organisation.name}"

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    @classmethod
    def from_assignment(cls, assignment: RoleAssignment) -> "Principal":
        return cls(
            role=assignment.role,
            organisation=assignment.organisation,
            user=assignment.user,
            assignment_id=assignment.pk,
        )

    @classmethod
    def from_api_client(cls, client: ApiClient) -> "Principal":
        return cls(role=client.role, organisation=client.organisation, api_client=client)


def principal_for_request(request) -> "Principal | None":
    """The active role of the logged-in user (the session remembers his choice)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    assignments = list(user.active_assignments())
    if not assignments:
        return None
    chosen_id = request.session.get(SESSION_KEY)
    for assignment in assignments:
        if assignment.pk == chosen_id:
            return Principal.from_assignment(assignment)
    return Principal.from_assignment(assignments[0])
