"""Browser tests of issue 14 items 9-12: phones and small windows, forms per ux.md, dates, input.

Per role, every main page and (for the roles with clients) every part of a dossier is loaded at
1280, 390 and 320 CSS px and checked: no sideways scroll at 390 or 320 px (tables scroll inside
their own ``.table-region``), the menu toggle a real button of at least 44 x 44 px, at most one
primary button, the page title opening with the h1, breadcrumbs on every page below the start
page. Then the date and length checks of a form as a user meets them.

Uses the fixtures of ``regie.tests.test_browser`` (Westfriesland demo, chromium, axe).
Run only this:  .venv/bin/pytest -q -m browser src/regie/tests/test_browser_forms.py
"""

import datetime as dt

import pytest

from django.utils import timezone

from regie.tests.test_browser import (  # noqa: F401 (fixtures)
    DEMO_USERS,
    DOSSIER_PARTS,
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    demo,
    demo_snapshot,
    fill_memorable_date,
    horizontal_overflow,
    log_in,
    make_page,
    page,
    role_pages,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 720}
# The roles that open dossiers, and a client of theirs; every part of the dossier is crawled.
DOSSIER_ROLES = {"klantregisseur", "teamleider", "begeleider", "inkomensconsulent"}

PRIMARY_BUTTONS = """() => [...document.querySelectorAll('main .button, main button.button')]
  .filter(el => !el.classList.contains('button--secondary')
             && !el.classList.contains('button--danger')
             && el.getClientRects().length > 0)
  .map(el => el.textContent.trim())"""


def _pages(pg, username):
    from regie.clients.models import Client

    pages = role_pages(pg, username)
    if username in DOSSIER_ROLES:
        own = Client.objects.filter(case_manager__username=username).order_by("pk").first()
        team = Client.objects.filter(team__role_assignments__user__username=username)
        client = own or team.order_by("pk").first()
        if client is not None:
            for part in DOSSIER_PARTS:
                pages.setdefault(part.format(dossier=f"/klanten/{client.uuid}/"), False)
    return pages


def _title_and_h1(pg):
    h1 = " ".join(pg.locator("h1").first.inner_text().split())
    title = " ".join(pg.title().split())
    return title.removeprefix("Fout: "), h1


@pytest.mark.parametrize("username", list(DEMO_USERS))
def test_main_pages_reflow_at_390_and_320_px_with_one_primary_button_title_and_breadcrumbs(
    page,  # noqa: F811
    username,
):
    log_in(page, username)
    problems = []
    for href in _pages(page, username):
        page.set_viewport_size(WIDE)
        response = page.goto(href)
        if response is None or response.status != 200:
            problems.append(f"{href}: status {response and response.status}")
            continue
        primaries = page.evaluate(PRIMARY_BUTTONS)
        if len(primaries) > 1:
            problems.append(f"{href}: {len(primaries)} primaire knoppen {primaries}")
        title, h1 = _title_and_h1(page)
        if not title.startswith(h1):
            problems.append(f"{href}: titel {title!r} begint niet met h1 {h1!r}")
        if href != "/" and page.locator('nav[aria-label="Kruimelpad"]').count() != 1:
            problems.append(f"{href}: geen kruimelpad")
        for size in (PHONE, NARROW):
            page.set_viewport_size(size)
            overflow = horizontal_overflow(page)
            if overflow["scrollWidth"] > overflow["innerWidth"]:
                problems.append(f"{href}: scrolt opzij op {size['width']} px: {overflow}")
            toggle = page.locator(".main-menu__toggle")
            if toggle.count():
                box = toggle.bounding_box()
                tag = toggle.evaluate("el => el.tagName")
                if tag != "BUTTON" or box["width"] < 44 or box["height"] < 44:
                    problems.append(f"{href}: menuknop {tag} {box} op {size['width']} px")
    assert not problems, f"{username}:\n" + "\n".join(problems)


def test_registration_refuses_a_future_birth_date_next_to_the_field_and_states_text_limits(
    page,  # noqa: F811
):
    """Item 9, 10 and 12 as a case manager meets them: a birth date tomorrow is refused next to
    the field and in the summary, both naming the field; what he typed stays; a text box says
    and enforces its maximum."""
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d-%m-%Y")
    log_in(page, "klantregisseur")
    page.goto("/klanten/inschrijven/")
    assert page.locator('nav[aria-label="Kruimelpad"]').count() == 1
    page.get_by_label("Voornamen").fill("Amal")
    page.get_by_label("Achternaam").fill("Haddad")
    fill_memorable_date(page, "Geboortedatum", tomorrow)
    page.locator("#id_permit_date").fill(tomorrow)
    page.get_by_role("button", name="Klant inschrijven").click()
    error = page.locator("#id_date_of_birth-error")
    assert "Geboortedatum ligt in de toekomst" in error.inner_text()
    summary = page.locator(".error-summary")
    assert "Geboortedatum ligt in de toekomst" in summary.inner_text()
    assert "Datum vergunning ligt in de toekomst" in summary.inner_text()
    assert page.title().startswith("Fout: ")
    assert page.get_by_label("Achternaam").input_value() == "Haddad"  # nothing lost
    # yes/no as two radios beside their labels, in a fieldset named by the question
    obliged = page.get_by_role("group", name="Is deze persoon inburgeringsplichtig?")
    assert obliged.get_by_label("Ja").is_checked() and obliged.get_by_label("Nee").count() == 1
    assert_accessible(page, "inschrijven met fouten")
    surname = page.get_by_label("Achternaam")
    assert surname.get_attribute("maxlength") == "200"
    hint = page.locator("#id_surname-hint").inner_text()
    assert "Maximaal 200 tekens." in hint
    surname.fill("x" * 300)
    assert len(surname.input_value()) == 200  # the browser keeps to the stated maximum


def test_deleting_a_plan_component_asks_for_confirmation_first(page):  # noqa: F811
    """Item 12: a destructive act asks first; "Annuleren" in the question deletes nothing."""
    from regie.plans.models import Component, PlanVersion, VersionStatus

    draft = (
        PlanVersion.objects.filter(
            status=VersionStatus.DRAFT,
            components__isnull=False,
            client__case_manager__isnull=False,
        )
        .order_by("pk")
        .first()
    )
    assert draft is not None, "de demo heeft geen concept-PIP met onderdelen"
    before = Component.objects.filter(plan_version=draft).count()
    log_in(page, draft.client.case_manager.username)
    page.goto(f"/klanten/{draft.client.uuid}/plan/versie/{draft.number}/bewerken/")
    questions = []

    def dismiss(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.locator("form[data-confirm] button").first.click()
    assert questions and questions[0].endswith("verwijderen?")
    assert Component.objects.filter(plan_version=draft).count() == before
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("form[data-confirm] button").first.click()
    page.wait_for_load_state()
    assert Component.objects.filter(plan_version=draft).count() == before - 1
