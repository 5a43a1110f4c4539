"""Scoped reads of studies: a principal sees the studies of his own region, in five roles."""

from django.db.models import QuerySet

from regie.core.roles import Role

from .models import Study

STUDY_ROLES = frozenset(
    {
        Role.POLICY_OFFICER,
        Role.MCA_MEMBER,
        Role.FUNCTIONAL_ADMIN,
        Role.TEAM_LEADER,
        Role.CONTRACT_MANAGER,
    }
)
# Who may import a study and change the working group's points.
MANAGE_ROLES = frozenset({Role.MCA_MEMBER, Role.FUNCTIONAL_ADMIN})


def may_use_studies(principal) -> bool:
    return principal is not None and principal.role in STUDY_ROLES


def visible_studies(principal) -> QuerySet[Study]:
    qs = Study.objects.select_related("region")
    if not may_use_studies(principal) or principal.region_id is None:
        return qs.none()
    return qs.filter(region_id=principal.region_id)


def get_visible_study(principal, uuid) -> Study | None:
    return visible_studies(principal).filter(uuid=uuid).first()


def may_manage_studies(principal) -> bool:
    return principal is not None and principal.role in MANAGE_ROLES


def own_stakeholder(principal, study: Study) -> str | None:
    """The stakeholder a policy officer speaks for: his municipality, if it is in the study."""
    if principal is None or principal.role != Role.POLICY_OFFICER:
        return None
    name = principal.organisation.name
    return name if name in study.data.get("stakeholders", []) else None


def may_edit_weights(principal, study: Study, stakeholder: str) -> bool:
    return own_stakeholder(principal, study) == stakeholder


def may_edit_points(principal) -> bool:
    return principal is not None and principal.role == Role.MCA_MEMBER
