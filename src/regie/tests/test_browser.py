"""Real browser tests: every role's pages through axe-core, keyboard, journeys, reflow.

Debian's chromium is driven by Playwright's sync API against pytest-django's ``live_server``,
with the Westfriesland demo region loaded into the test database. These tests are never skipped:
without ``/usr/bin/chromium`` they fail and say how to install it.

Run only these:  .venv/bin/pytest -q -m browser
"""

import importlib
import re
from collections import defaultdict
from pathlib import Path

import pytest

from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from regie.demo.loader import DEMO_PASSWORD, load_region

# live_server needs committed data (transaction=True); serialized_rollback: see demo_snapshot.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
BLOCKING_IMPACTS = {"serious", "critical"}
TIMEOUT_MS = 10_000

# username -> (first name in "Welkom, …", role label in the header). Source: westfriesland.json.
DEMO_USERS = {
    "klantregisseur": ("Fatima", "Klantregisseur"),
    "teamleider": ("Anouk", "Teamleider"),
    "begeleider": ("Sanne", "Maatschappelijk begeleider"),
    "inkomensconsulent": ("Mohamed", "Inkomensconsulent"),
    "contractmanager": ("Pieter", "Contractmanager"),
    "aanbieder.fiolet": ("Lisa", "Medewerker aanbieder"),
    "beheerder": ("Kees", "Functioneel beheerder"),
    "privacy": ("Ingrid", "Privacy officer"),
    "werkgroep": ("Tom", "Werkgroeplid MCA"),
    "beleid.hoorn": ("Eva", "Beleidsmedewerker"),
}

# A BSN-like number: nine digits standing alone (not a piece of a UUID or another token).
NINE_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])")


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(django_db_setup):
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium ontbreekt: {CHROMIUM} bestaat niet. De browsertests draaien met Debians "
            "chromium. Installeer die met: sudo apt-get install chromium",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an asyncio event loop in this thread; Django refuses ORM calls
    # (loading the demo data, the flush after each test) while a loop runs unless told otherwise.
    # Only for this module: other tests keep Django's async-safety check.
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as pw:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module", autouse=True)
def _append_only_logs_flushable(django_db_setup, django_db_blocker):
    """Let the flush after each transactional test empty the audit tables.

    The access log and change history are append-only through database triggers (migration
    core 0002), so TransactionTestCase's flush (DELETE on SQLite) would fail. For this module we
    drop the triggers; afterwards we put back the migrated state (the rows the data migrations
    seed, and the triggers) for whatever runs next. The append-only rule is tested in
    test_audit.py.
    """
    migration = importlib.import_module("regie.core.migrations.0002_register_and_append_only")
    migrated = getattr(connection, "_test_serialized_contents", None)
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        migration.drop_triggers(django_apps, editor)
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
            if migrated:
                connection._test_serialized_contents = migrated
                connection.creation.deserialize_db_from_string(migrated)
            reset_sequences()
            with connection.schema_editor() as editor:
                migration.add_triggers(django_apps, editor)


@pytest.fixture(scope="module")
def demo_snapshot(browser, django_db_blocker) -> list:
    """Load the Westfriesland demo once (it takes ~20 s) and keep a copy of every row.

    Each test still gets a clean database: the flush after a transactional test empties it, and
    ``demo`` puts the copy back with one bulk insert per table (well under a second, against
    ~4 s for Django's own serialized rollback). ``serialized_rollback`` is on with an empty
    snapshot, so Django restores nothing itself and its flush does not rebuild content types and
    permissions with new ids. While Playwright's loop runs this thread has its own connection
    objects, so the migrated-state snapshot that ``_append_only_logs_flushable`` uses is kept.
    """
    with django_db_blocker.unblock():
        load_region(client_count=8)
        serialized = connection.creation.serialize_db_to_string()
    connection._test_serialized_contents = "[]"
    tables, links = defaultdict(list), defaultdict(list)
    for item in serializers.deserialize("json", serialized):
        instance = item.object
        tables[type(instance)].append(instance)
        for name, ids in (item.m2m_data or {}).items():
            field = instance._meta.get_field(name)
            through = field.remote_field.through
            source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            links[through] += [through(**{source: instance.pk, target: pk}) for pk in ids]
    return list(tables.items()) + list(links.items())


@pytest.fixture
def demo(demo_snapshot, transactional_db):
    """The Westfriesland demo region (regie.demo.loader) in a clean test database."""
    if ContentType.objects.exists():
        return  # the first test: loaded just now
    with transaction.atomic():  # foreign keys are checked at commit
        for model, rows in demo_snapshot:
            model._base_manager.bulk_create(rows, batch_size=500)
    reset_sequences()


def reset_sequences() -> None:
    """Move PostgreSQL's id sequences past the rows put back with their own ids.

    ``flush`` restarts the sequences and a restore inserts explicit ids, so without this the next
    new row (e.g. a processing activity made on first use) would get an id that is taken.
    SQLite needs nothing: it takes the next id from the table itself."""
    statements = connection.ops.sequence_reset_sql(no_style(), django_apps.get_models())
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@pytest.fixture
def make_page(browser, live_server, demo):
    """A factory for pages, each in a fresh context (own cookies), closed after the test.

    Every request that leaves the live server is blocked and makes the test fail (no CDN, no
    external asset), and so does any uncaught JavaScript error.
    """
    contexts = []
    external: list[str] = []
    js_errors: list[str] = []
    own = live_server.url

    def _guard(route):
        url = route.request.url
        if url.startswith((own + "/", "data:")):
            route.continue_()
        else:
            external.append(url)
            route.abort()

    def _make(**context_options):
        context_options.setdefault("locale", "nl-NL")
        context = browser.new_context(base_url=own, **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", _guard)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: js_errors.append(f"{page.url}: {error}"))
        return page

    yield _make
    for context in contexts:
        context.close()
    assert not external, f"verzoeken buiten de eigen server: {external}"
    assert not js_errors, f"JavaScript-fouten: {js_errors}"


@pytest.fixture
def page(make_page):
    return make_page()


# --- helpers ----------------------------------------------------------------------------------


def axe_problems(page, label: str) -> str:
    """Serious or critical axe violations on the current page, as a readable report ('' if none)."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options=AXE_OPTIONS)
    blocking = [v for v in result.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    if not blocking:
        return ""
    lines = [f"\n== {label} ({page.url}): {len(blocking)} ernstige axe-overtreding(en)"]
    for violation in blocking:
        lines.append(result.generate_report(violation_id=violation["id"]))
    return "\n".join(lines)


def assert_accessible(page, label: str) -> None:
    report = axe_problems(page, label)
    assert not report, report


def log_in(page, username: str) -> None:
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam", exact=True).fill(username)
    page.get_by_label("Wachtwoord", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.wait_for_url(re.compile(r"/$"))


def assert_no_bsn_in_links(page, bsn: str) -> None:
    """No link or form action on the page carries a BSN (sort links, pagination, export)."""
    urls = page.evaluate(
        "() => [...document.querySelectorAll('a[href], form[action]')]"
        ".map(e => e.getAttribute('href') || e.getAttribute('action'))"
    )
    leaking = [u for u in urls if bsn in u or NINE_DIGITS.search(u)]
    assert not leaking, f"BSN-achtig getal in een link: {leaking}"


def active_element(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement;
                   return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
                           text: (el.textContent || '').trim()}; }"""
    )


def horizontal_overflow(page) -> dict:
    """Page width against viewport width, and the widest culprits outside table regions."""
    return page.evaluate(
        """() => {
          const vw = window.innerWidth;
          const culprits = [];
          for (const el of document.body.querySelectorAll('*')) {
            if (el.closest('.table-region')) continue;
            const r = el.getBoundingClientRect();
            if (r.width && r.right > vw + 0.5) {
              culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\\s+/g, '.') : '')
                + ' right=' + Math.round(r.right));
            }
          }
          return {scrollWidth: document.documentElement.scrollWidth, innerWidth: vw,
                  culprits: culprits.slice(0, 10)};
        }"""
    )


# --- a. every role: its main pages crawled in one parametrised test ----------------------------

# Pages a role reaches beyond its main menu (which the crawl reads from the page itself).
# "{dossier}" is a client on the user's own caseload (or else the team's), from the demo data.
DOSSIER_PARTS = [
    "{dossier}",
    "{dossier}intake/",
    "{dossier}plan/",
    "{dossier}voortgang/",
    "{dossier}handhaving/",
    "{dossier}duo-en-afsluiten/",
    "{dossier}historie/",
]
ROLE_PAGES = {
    "klantregisseur": ["/klanten/werkvoorraad/", *DOSSIER_PARTS],
    "teamleider": ["/klanten/werkvoorraad/", "/klanten/caseload/", *DOSSIER_PARTS[:3]],
}
NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 720}


def role_pages(page, username: str) -> dict[str, bool]:
    """The start page, every main-menu page (not the Django admin) and the role's extra pages:
    path -> whether it is a main-menu page."""
    from regie.clients.models import Client

    menu_links = page.locator('nav[aria-label="Hoofdmenu"] a')
    menu = [menu_links.nth(i).get_attribute("href") for i in range(menu_links.count())]
    assert menu, f"{username}: geen hoofdmenu"
    extra = ROLE_PAGES.get(username, [])
    values = {}
    if any("{dossier}" in p for p in extra):
        own = Client.objects.filter(case_manager__username=username).order_by("pk").first()
        team = Client.objects.filter(team__role_assignments__user__username=username)
        values["dossier"] = f"/klanten/{(own or team.order_by('pk').first()).uuid}/"
    pages = {h: True for h in ["/", *menu] if not h.startswith("/beheer/")}
    for path in extra:
        pages.setdefault(path.format(**values), False)
    return pages


@pytest.mark.parametrize("username", list(DEMO_USERS))
def test_every_role_main_pages(page, username):
    """Per role, every main page: answers 200, has one h1, no serious or critical axe-core
    violation, one current main-menu item, and no horizontal scroll at 320 CSS px (400 % zoom)."""
    first_name, role_label = DEMO_USERS[username]
    log_in(page, username)
    assert page.locator("h1").inner_text().strip() == f"Welkom, {first_name}"
    who = page.locator("header .site-header__who").inner_text()
    assert role_label in who, f"rol {role_label!r} staat niet in de kop: {who!r}"

    problems = []
    for href, in_menu in role_pages(page, username).items():
        page.set_viewport_size(WIDE)
        response = page.goto(href)
        if response is None or response.status != 200:
            problems.append(f"\n== {username}: {href} gaf {response and response.status}")
            continue
        headings = page.locator("h1").count()
        if headings != 1:
            problems.append(f"\n== {username}: {href} heeft {headings} h1's")
        # a menu page marks exactly one menu item as current; an extra page at most one
        current = page.locator('nav[aria-label="Hoofdmenu"] a[aria-current="page"]').count()
        if current > 1 or (current == 0 and in_menu):
            problems.append(f"\n== {username}: {href}: {current} menu-items met aria-current")
        problems.append(axe_problems(page, f"{username}: {href}"))
        page.set_viewport_size(NARROW)
        overflow = horizontal_overflow(page)
        if overflow["scrollWidth"] > overflow["innerWidth"]:
            problems.append(f"\n== {username}: {href} scrolt horizontaal op 320 px: {overflow}")
    report = "".join(problems)
    assert not report, report


# --- b. login page: failed submit -------------------------------------------------------------


def test_login_empty_submit_shows_error_summary_with_focus(page):
    page.goto("/inloggen/")
    assert_accessible(page, "inlogpagina")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.wait_for_load_state("load")

    summary = page.locator(".error-summary")
    assert summary.count() == 1
    assert summary.get_by_role("heading", name="Er is een probleem").is_visible()
    assert page.title().startswith("Fout:"), page.title()
    focused = page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    assert focused, f"focus staat op {active_element(page)}, niet op de foutsamenvatting"
    # Every link in the summary points at a field that exists.
    for link in summary.locator("a").all():
        target = link.get_attribute("href")
        assert target.startswith("#") and page.locator(target).count() == 1, target
    assert page.get_by_label("Gebruikersnaam", exact=True).get_attribute("aria-invalid") == "true"
    assert_accessible(page, "inlogpagina na lege verzending")


# --- c. keyboard: skip link -------------------------------------------------------------------


def test_first_tab_reaches_visible_skip_link_that_moves_focus_to_main(page):
    page.goto("/inloggen/")
    page.keyboard.press("Tab")
    focused = active_element(page)
    assert focused["tag"] == "a" and focused["text"] == "Naar de inhoud", focused
    skip = page.get_by_role("link", name="Naar de inhoud")
    assert skip.is_visible()
    box = skip.bounding_box()
    viewport = page.viewport_size
    assert box is not None and box["y"] >= 0 and box["x"] >= 0, box
    assert box["y"] + box["height"] <= viewport["height"], box
    page.keyboard.press("Enter")
    focused = active_element(page)
    assert focused["tag"] == "main" and focused["id"] == "inhoud", focused
    # The next Tab continues inside main, not back at the top of the page.
    page.keyboard.press("Tab")
    inside_main = page.evaluate("() => !!document.activeElement.closest('main')")
    assert inside_main, active_element(page)


# --- d. case manager journey ------------------------------------------------------------------


def test_case_manager_searches_opens_dossier_and_changes_contact_details(page):
    from regie.clients.models import Client

    client = Client.objects.filter(case_manager__username="klantregisseur").order_by("pk").first()
    assert client is not None
    log_in(page, "klantregisseur")

    page.locator('nav[aria-label="Hoofdmenu"]').get_by_role("link", name="Klanten").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Klanten"
    assert_accessible(page, "klantenlijst")

    # A BSN typed in the search box never reaches the address bar.
    page.get_by_label("Zoek op naam of BSN").fill(client.bsn)
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_load_state("load")
    assert not NINE_DIGITS.search(page.url), page.url
    assert page.get_by_role("link", name=client.full_name).count() >= 1
    assert_no_bsn_in_links(page, client.bsn)

    # Search by name.
    page.get_by_label("Zoek op naam of BSN").fill(client.full_name)
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_load_state("load")
    assert not NINE_DIGITS.search(page.url), page.url
    assert_no_bsn_in_links(page, client.bsn)
    assert_accessible(page, "klantenlijst na zoeken")

    page.get_by_role("link", name=client.full_name).first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == client.full_name
    assert not NINE_DIGITS.search(page.url), page.url
    assert client.bsn not in page.title()
    assert_accessible(page, "dossier")

    page.get_by_role("link", name="Contactgegevens wijzigen").click()
    page.wait_for_load_state("load")
    email = page.get_by_label("E-mailadres")
    email.fill("fatima-at-voorbeeld")
    page.get_by_role("button", name="Contactgegevens opslaan").click()
    page.wait_for_load_state("load")

    summary = page.locator(".error-summary")
    assert summary.get_by_role("heading", name="Er is een probleem").is_visible()
    assert page.title().startswith("Fout:"), page.title()
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    assert email.input_value() == "fatima-at-voorbeeld", "wat de gebruiker typte is weg"
    assert email.get_attribute("aria-invalid") == "true"
    described = (email.get_attribute("aria-describedby") or "").split()
    assert described and all(page.locator(f"#{i}").count() == 1 for i in described), described
    link = summary.get_by_role("link", name="Vul een e-mailadres in zoals naam@voorbeeld.nl.")
    assert link.get_attribute("href") == f"#{email.get_attribute('id')}"
    assert_accessible(page, "contactgegevens na foute verzending")

    email.fill("fatima@voorbeeld.nl")
    page.get_by_role("button", name="Contactgegevens opslaan").click()
    page.wait_for_load_state("load")
    notice = page.get_by_role("status").filter(has_text="De contactgegevens zijn opgeslagen.")
    assert notice.is_visible()
    assert page.locator("h1").inner_text() == client.full_name
    assert not page.title().startswith("Fout:")
    assert_accessible(page, "dossier na opslaan")


# --- e. language switch -----------------------------------------------------------------------


def test_language_switch_to_english_and_back(page):
    log_in(page, "klantregisseur")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("button", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.url.endswith("/"), "de taalkeuze moet op dezelfde pagina blijven"
    assert page.locator("h1").inner_text() == "Welcome, Fatima"
    switch_back = page.get_by_role("button", name="Nederlands")
    assert switch_back.get_attribute("lang") == "nl"
    assert_accessible(page, "startpagina in het Engels")
    switch_back.click()
    page.wait_for_function("() => document.documentElement.lang === 'nl'")
    assert page.locator("h1").inner_text() == "Welkom, Fatima"
    assert page.get_by_role("button", name="English").get_attribute("lang") == "en"


# --- f. reflow at 320 CSS px (400 % zoom) and 640 CSS px (200 %) ------------------------------


def test_reflow_at_320_css_pixels(make_page):
    """320 px for every role's main pages is in test_every_role_main_pages; here 640 px (200 %)
    and the main menu's disclosure button at 320 px."""
    page = make_page(viewport={"width": 640, "height": 640})
    log_in(page, "klantregisseur")
    for label, url in (("startpagina", "/"), ("klantenlijst", "/klanten/")):
        page.goto(url)
        overflow = horizontal_overflow(page)
        assert overflow["scrollWidth"] <= overflow["innerWidth"], f"{label} 640px: {overflow}"
    page.set_viewport_size({"width": 320, "height": 640})

    # The main menu collapses into a disclosure button on narrow screens.
    toggle = page.locator(".main-menu__toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    menu_list = page.locator("#hoofdmenu-lijst")
    assert not menu_list.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and menu_list.is_visible()
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], f"menu open: {overflow}"
    assert_accessible(page, "klantenlijst op 320 px met open menu")


# --- session time-out warning (WCAG 2.2.1) ----------------------------------------------------


def test_session_warning_takes_focus_and_extends_the_session(make_page, settings):
    page = make_page()
    page.clock.install()
    log_in(page, "begeleider")
    warning = page.locator("#sessie-waarschuwing")
    assert warning.is_hidden()
    seconds = int(page.locator("body").get_attribute("data-session-seconds"))
    assert seconds == settings.SESSION_COOKIE_AGE
    page.clock.fast_forward((seconds - 120 + 1) * 1000)  # two minutes before the time-out
    assert warning.is_visible()
    focused = active_element(page)
    assert focused["tag"] == "button" and focused["text"] == "Ingelogd blijven", focused
    assert_accessible(page, "sessiewaarschuwing")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.getElementById('aankondiging').textContent === 'Sessie verlengd.'"
    )
    assert warning.is_hidden()
    assert page.locator("h1").inner_text() == "Welkom, Sanne", "de pagina is niet herladen"


# --- text spacing (WCAG 1.4.12) ---------------------------------------------------------------

TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-block-end: 2em !important; }
"""


def test_text_spacing_clips_nothing(page):
    log_in(page, "teamleider")
    for url in ("/", "/klanten/"):
        page.goto(url)
        page.add_style_tag(content=TEXT_SPACING)
        clipped = page.evaluate(
            """() => [...document.body.querySelectorAll('*')].filter(el => {
                 if (el.closest('.visually-hidden, .table-region, [hidden]')) return false;
                 const s = getComputedStyle(el);
                 const clips = v => v === 'hidden' || v === 'clip';
                 return (clips(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
                     || (clips(s.overflowY) && el.scrollHeight > el.clientHeight + 1);
               }).map(el => el.outerHTML.slice(0, 120))"""
        )
        assert not clipped, f"{url}: afgesneden tekst met extra tekstafstand: {clipped}"
        overflow = horizontal_overflow(page)
        assert overflow["scrollWidth"] <= overflow["innerWidth"], f"{url}: {overflow}"


def fill_memorable_date(page, legend: str, value: str) -> None:
    """Type a date (dd-mm-jjjj) into a Dag/Maand/Jaar group such as the date of birth."""
    group = page.get_by_role("group", name=legend)
    for part, text in zip(("Dag", "Maand", "Jaar"), value.split("-"), strict=True):
        group.get_by_label(part, exact=True).fill(text)


def memorable_date_value(page, legend: str) -> str:
    """What a Dag/Maand/Jaar group shows, as dd-mm-jjjj ('' when empty)."""
    group = page.get_by_role("group", name=legend)
    day, month, year = (
        group.get_by_label(part, exact=True).input_value() for part in ("Dag", "Maand", "Jaar")
    )
    return f"{int(day):02d}-{int(month):02d}-{year}" if day and month and year else ""
