"""Issue 15 item 1 in a real browser: a functional administrator asks a team-leader role for a
colleague; he cannot approve it himself; a second administrator (own browser context) approves
it, and only then does the role exist. No serious axe violation on the role pages.

Run only this:  .venv/bin/pytest -q src/regie/tests/test_browser_roles.py
"""

import re

import pytest

from regie.demo.loader import DEMO_PASSWORD, load_region
from regie.tests.test_browser import (  # noqa: F401  (fixtures are used by name)
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    log_in,
    make_page,
    pytestmark,
)


@pytest.fixture
def demo(transactional_db):
    """A small Westfriesland region plus a second functional administrator."""
    from regie.core.models import Organisation, RoleAssignment, User
    from regie.core.roles import Role

    load_region(client_count=1)
    first = RoleAssignment.objects.get(user__username="beheerder")
    second = User.objects.create_user(
        "beheerder2", password=DEMO_PASSWORD, first_name="Wim", last_name="Tweede", is_staff=True
    )
    RoleAssignment.objects.create(
        user=second, role=Role.FUNCTIONAL_ADMIN, organisation=first.organisation
    )
    return Organisation.objects.get(kind="team")


def test_role_request_needs_a_second_administrator(make_page, demo):  # noqa: F811
    from regie.core.models import RoleAssignment, RoleRequest
    from regie.core.roles import Role

    def has_role():
        return RoleAssignment.objects.filter(
            user__username="klantregisseur2", role=Role.TEAM_LEADER, is_active=True
        ).exists()

    violations: list[str] = []  # the Content-Security-Policy blocks nothing the app needs

    def watch(page):
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        return page

    requester = watch(make_page())
    log_in(requester, "beheerder")
    requester.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Rollen").click()
    requester.wait_for_url(re.compile(r"/rollen/$"))
    assert_accessible(requester, "rollen")
    requester.get_by_role("link", name="Rol toekennen").click()
    assert_accessible(requester, "rol toekennen")
    requester.get_by_label("Gebruiker").select_option(label="Jeroen Bakker (klantregisseur2)")
    requester.get_by_label("Rol", exact=True).select_option(label="Teamleider")
    requester.get_by_label("Organisatie").select_option(label=demo.name)
    requester.get_by_label("Toelichting").fill("Vervanging teamleider tijdens verlof")
    requester.get_by_role("button", name="Aanvraag indienen").click()
    requester.wait_for_url(re.compile(r"/rollen/$"))
    assert requester.get_by_text(
        "Een andere functioneel beheerder moet hem goedkeuren"
    ).is_visible()
    # the requester sees the pending request but no button to approve it
    pending = requester.get_by_role("table", name="Wachtende aanvragen, nieuwste eerst")
    assert pending.get_by_text("Een collega beslist hierover.").is_visible()
    assert pending.get_by_role("button").count() == 0
    assert not has_role()

    approver = watch(make_page())
    log_in(approver, "beheerder2")
    approver.goto("/rollen/")
    pending = approver.get_by_role("table", name="Wachtende aanvragen, nieuwste eerst")
    assert pending.get_by_text("Vervanging teamleider tijdens verlof").is_visible()
    pending.get_by_role("button", name=re.compile("^Goedkeuren")).click()
    approver.wait_for_url(re.compile(r"/rollen/$"))
    assert approver.get_by_text("De aanvraag is goedgekeurd en doorgevoerd.").is_visible()
    assert_accessible(approver, "rollen na goedkeuring")
    assert has_role()
    req = RoleRequest.objects.get()
    assert req.requested_by.username == "beheerder" and req.decided_by.username == "beheerder2"
    # the Django admin with the demo marking, under the same policy
    approver.goto("/beheer/")
    assert approver.get_by_text("Demo-omgeving.").is_visible()
    assert not violations, violations
