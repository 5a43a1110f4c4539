"""Issue 15 item 1: no self-granted rights. Roles are granted, changed and ended in /rollen/,
roles that see dossiers need a second functional administrator (four eyes), nobody requests or
approves for himself, the Django admin cannot edit roles, and everything is in the change history.
"""

import pytest

from regie.core import role_requests as rr
from regie.core.models import AuditEvent, RoleAssignment, RoleRequest
from regie.core.principal import Principal
from regie.core.roles import Role
from regie.core.tests.factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin2(world):
    """A second functional administrator of region A (the four-eyes partner)."""
    user = UserFactory(username="admin2", is_staff=True)
    assignment = RoleAssignmentFactory(
        user=user, role=Role.FUNCTIONAL_ADMIN, organisation=world.orgs["office_a"]
    )
    return user, assignment


def _principal(assignment):
    return Principal.from_assignment(assignment)


def _has(user, role, org):
    return RoleAssignment.objects.filter(
        user=user, role=role, organisation=org, is_active=True
    ).exists()


def test_django_admin_cannot_add_a_role_to_ones_own_account(world, login, client):
    admin_user, assignment = world.as_role("admin")
    login(admin_user, assignment)
    team = world.orgs["team_a"]
    data = {
        "username": admin_user.username,
        "first_name": admin_user.first_name,
        "last_name": admin_user.last_name,
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "role_assignments-TOTAL_FORMS": "2",
        "role_assignments-INITIAL_FORMS": "1",
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
        "role_assignments-0-id": str(assignment.pk),
        "role_assignments-0-user": str(admin_user.pk),
        "role_assignments-0-role": Role.FUNCTIONAL_ADMIN,
        "role_assignments-0-organisation": str(world.orgs["office_a"].pk),
        "role_assignments-0-is_active": "on",
        "role_assignments-1-user": str(admin_user.pk),
        "role_assignments-1-role": Role.TEAM_LEADER,
        "role_assignments-1-organisation": str(team.pk),
        "role_assignments-1-is_active": "on",
    }
    client.post(f"/beheer/core/user/{admin_user.pk}/change/", data)
    assert not _has(admin_user, Role.TEAM_LEADER, team)
    # the role models have no add or change form in the admin
    assert client.get("/beheer/core/roleassignment/add/").status_code == 403
    response = client.post(
        "/beheer/core/roleassignment/add/",
        {"user": admin_user.pk, "role": Role.TEAM_LEADER, "organisation": team.pk},
    )
    assert response.status_code == 403
    assert not _has(admin_user, Role.TEAM_LEADER, team)
    own = RoleAssignment.objects.get(pk=assignment.pk)
    assert client.get(f"/beheer/core/roleassignment/{own.pk}/change/").status_code == 200
    client.post(
        f"/beheer/core/roleassignment/{own.pk}/change/",
        {"user": admin_user.pk, "role": Role.TEAM_LEADER, "organisation": team.pk},
    )
    own.refresh_from_db()
    assert own.role == Role.FUNCTIONAL_ADMIN
    assert client.get(f"/beheer/core/user/{admin_user.pk}/change/").status_code == 200


def test_screen_refuses_a_request_for_oneself(world, login, client):
    admin_user, assignment = world.as_role("admin")
    login(admin_user, assignment)
    team = world.orgs["team_a"]
    # the user list leaves him out, and a forged post is refused
    page = client.get("/rollen/toekennen/")
    assert page.status_code == 200
    assert f'value="{admin_user.pk}"' not in page.content.decode()
    response = client.post(
        "/rollen/toekennen/",
        {"user": admin_user.pk, "role": Role.TEAM_LEADER, "organisation": team.pk, "reason": "x"},
    )
    assert response.status_code == 400
    assert not _has(admin_user, Role.TEAM_LEADER, team)
    assert not RoleRequest.objects.exists()
    # the service refuses it too (any other way in)
    with pytest.raises(rr.RoleRequestRefused):
        rr.request_change(
            _principal(assignment),
            action=RoleRequest.Action.GRANT,
            user=admin_user,
            role=Role.TEAM_LEADER,
            organisation=team,
            reason="x",
        )
    # nor can he change or end his own role in the screen
    assert client.get(f"/rollen/{assignment.pk}/wijzigen/").status_code == 200
    response = client.post(
        f"/rollen/{assignment.pk}/wijzigen/",
        {"role": Role.FUNCTIONAL_ADMIN, "organisation": world.orgs["gr_a"].pk, "reason": "x"},
    )
    assert response.status_code == 403
    assert "voor uzelf" in response.content.decode()


def test_dossier_role_needs_a_second_administrator(world, login, client, admin2):
    admin_user, assignment = world.as_role("admin")
    colleague = UserFactory(username="nieuw")
    team = world.orgs["team_a"]
    login(admin_user, assignment)
    response = client.post(
        "/rollen/toekennen/",
        {
            "user": colleague.pk,
            "role": Role.TEAM_LEADER,
            "organisation": team.pk,
            "reason": "Nieuw",
        },
    )
    assert response.status_code == 302
    req = RoleRequest.objects.get()
    assert req.status == RoleRequest.Status.PENDING and req.needs_approval
    assert not _has(colleague, Role.TEAM_LEADER, team)
    # the requester cannot approve his own request
    response = client.post(f"/rollen/aanvragen/{req.uuid}/goedkeuren/")
    assert response.status_code == 403
    assert not _has(colleague, Role.TEAM_LEADER, team)
    # nor can the person concerned, even if he is an administrator
    with pytest.raises(rr.RoleRequestRefused):
        rr.approve(
            _principal(
                RoleAssignmentFactory(
                    user=colleague, role=Role.FUNCTIONAL_ADMIN, organisation=world.orgs["gr_a"]
                )
            ),
            req,
        )
    # an administrator of another region cannot see it
    other = RoleAssignmentFactory(
        user=UserFactory(), role=Role.FUNCTIONAL_ADMIN, organisation=world.orgs["office_b"]
    )
    login(other.user, other)
    assert client.post(f"/rollen/aanvragen/{req.uuid}/goedkeuren/").status_code == 404
    # the second administrator approves: now the role works
    login(*admin2)
    assert client.get("/rollen/").status_code == 200
    response = client.post(f"/rollen/aanvragen/{req.uuid}/goedkeuren/")
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == RoleRequest.Status.APPLIED and req.decided_by == admin2[0]
    assert _has(colleague, Role.TEAM_LEADER, team)


def test_non_dossier_role_and_ending_take_effect_at_once(world, admin2):
    admin_user, assignment = world.as_role("admin")
    me = _principal(assignment)
    policy = UserFactory()
    req = rr.request_change(
        me,
        action=RoleRequest.Action.GRANT,
        user=policy,
        role=Role.POLICY_OFFICER,
        organisation=world.orgs["a1"],
        reason="Nieuw",
    )
    assert req.status == RoleRequest.Status.APPLIED and not req.needs_approval
    # ending a dossier role is immediate (taking rights away never waits)
    cm1, cm1_assignment = world.as_role("cm1")
    req = rr.request_change(
        me, action=RoleRequest.Action.END, user=cm1, assignment=cm1_assignment, reason="Vertrek"
    )
    assert req.status == RoleRequest.Status.APPLIED
    cm1_assignment.refresh_from_db()
    assert not cm1_assignment.is_active
    # changing to a dossier role waits
    policy_assignment = RoleAssignment.objects.get(user=policy)
    req = rr.request_change(
        me,
        action=RoleRequest.Action.CHANGE,
        user=policy,
        assignment=policy_assignment,
        role=Role.INCOME_CONSULTANT,
        organisation=world.orgs["gr_a"],
        reason="Overstap",
    )
    assert req.status == RoleRequest.Status.PENDING
    rr.approve(_principal(admin2[1]), req)
    policy_assignment.refresh_from_db()
    assert policy_assignment.role == Role.INCOME_CONSULTANT


def test_granting_the_administrator_role_also_needs_four_eyes(world):
    """Else one administrator could make an accomplice account administrator and let it approve."""
    _, assignment = world.as_role("admin")
    req = rr.request_change(
        _principal(assignment),
        action=RoleRequest.Action.GRANT,
        user=UserFactory(),
        role=Role.FUNCTIONAL_ADMIN,
        organisation=world.orgs["office_a"],
        reason="Tweede",
    )
    assert req.status == RoleRequest.Status.PENDING


def test_other_roles_cannot_use_the_screen(world, login, client):
    login(*world.as_role("tl"))
    assert client.get("/rollen/").status_code == 403
    assert client.get("/rollen/toekennen/").status_code == 403


def test_request_decision_and_assignment_are_in_the_change_history(world, login, client, admin2):
    admin_user, assignment = world.as_role("admin")
    colleague = UserFactory()
    team = world.orgs["team_a"]
    login(admin_user, assignment)
    client.post(
        "/rollen/toekennen/",
        {"user": colleague.pk, "role": Role.CASE_MANAGER, "organisation": team.pk, "reason": "N"},
    )
    req = RoleRequest.objects.get()
    login(*admin2)
    client.post(f"/rollen/aanvragen/{req.uuid}/goedkeuren/")
    events = AuditEvent.objects.filter(object_type="core.RoleRequest", object_id=str(req.pk))
    created = events.get(action=AuditEvent.Action.CREATE)
    assert created.actor == admin_user
    decided = events.get(action=AuditEvent.Action.UPDATE)
    assert decided.actor == admin2[0]
    assert decided.after["status"] == RoleRequest.Status.APPLIED
    new_assignment = RoleAssignment.objects.get(user=colleague)
    granted = AuditEvent.objects.get(
        object_type="core.RoleAssignment",
        object_id=str(new_assignment.pk),
        action=AuditEvent.Action.CREATE,
    )
    assert granted.actor == admin2[0]


def test_database_refuses_a_request_for_oneself(world):
    from django.db import IntegrityError, transaction

    admin_user, _ = world.as_role("admin")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleRequest.objects.create(
            action=RoleRequest.Action.GRANT,
            user=admin_user,
            role=Role.TEAM_LEADER,
            organisation=world.orgs["team_a"],
            reason="x",
            requested_by=admin_user,
        )


def test_django_admin_cannot_change_the_role_of_an_issued_token(world, login, client):
    from regie.core.drf import issue_token
    from regie.core.models import ApiClient
    from regie.core.tests.factories import ApiClientFactory

    api_client = ApiClientFactory(organisation=world.orgs["p1"])
    issue_token(api_client)
    login(*world.as_role("admin"))
    client.post(
        f"/beheer/core/apiclient/{api_client.pk}/change/",
        {
            "name": api_client.name,
            "organisation": world.orgs["team_a"].pk,
            "role": Role.TEAM_LEADER,
            "is_active": "on",
        },
    )
    api_client = ApiClient.objects.get(pk=api_client.pk)
    assert api_client.role == Role.PROVIDER_STAFF
    assert api_client.organisation == world.orgs["p1"]
