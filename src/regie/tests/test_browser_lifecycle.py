"""One client's whole lifecycle in a real browser, by a case manager and a team leader.

Registration → brede intake (every life domain, leerbaarheidstoets) → first PIP (B1-route for an
asylum holder on bijstand) → offered → decided by the team leader (four eyes, own browser
context) → offer start on the language component → progress review planned and held → a
revision ("Andere bijstelling") offered and decided → dossier closed (voldaan) → "Afgesloten".
Along the way: no nine-digit number in any URL, the BSN never in a page title, no serious or
critical axe-core violation on the main pages, and the Historie page lists what happened.

The fixtures and helpers come from test_browser.py; ``demo`` is redefined here with a small
Westfriesland region (two demo clients) so the module loads in a few seconds.

Run only this:  .venv/bin/pytest -q src/regie/tests/test_browser_lifecycle.py
"""

import datetime as dt
import re

import pytest

from django.utils import timezone

from regie.demo.loader import load_region
from regie.tests.test_browser import (  # noqa: F401  (fixtures are used by name)
    NINE_DIGITS,
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    fill_memorable_date,
    log_in,
    make_page,
    pytestmark,
)

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
TODAY = timezone.localdate()  # the app's "today" (Europe/Amsterdam)


@pytest.fixture
def demo(transactional_db):
    """A small Westfriesland region: organisations, users and two demo clients (a few seconds)."""
    load_region(client_count=2)


# --- helpers ----------------------------------------------------------------------------------


def day(days_ago: int) -> str:
    return (TODAY - dt.timedelta(days=days_ago)).strftime("%d-%m-%Y")


def label(text: str) -> re.Pattern:
    """A form label, with or without the "(optioneel)" that optional fields carry."""
    return re.compile(rf"^{re.escape(text)}( \(optioneel\))?$")


def new_bsn() -> str:
    from regie.clients.models import Client
    from regie.core.bsn import demo_bsns

    return next(b for b in demo_bsns(500, start=73000) if not Client.objects.filter(bsn=b).exists())


class Journey:
    """Watches a page: every URL it requests, every title it shows, 4xx/5xx documents."""

    def __init__(self, page, bsn: str, who: str):
        self.page, self.bsn, self.who = page, bsn, who
        self.urls: list[str] = []
        self.titles: list[str] = []
        self.bad: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("response", self._response)

    def _response(self, response):
        if response.request.resource_type == "document" and response.status >= 400:
            self.bad.append(f"{response.status} {response.request.method} {response.url}")

    def settle(self, heading: str | None = None) -> None:
        """Wait for the page after an action; fail with the error summary if it went wrong."""
        page = self.page
        page.wait_for_load_state("load")
        summary = page.locator(".error-summary")
        problems = summary.inner_text() if summary.count() else ""
        assert not self.bad and not problems, (
            f"{self.who} op {page.url} ({page.title()}): {self.bad} {problems}"
        )
        if heading is not None:
            h1 = page.locator("h1").inner_text().strip()
            assert h1 == heading, f"{self.who}: h1 is {h1!r}, verwacht {heading!r} op {page.url}"
        title = page.title()
        self.titles.append(title)
        assert self.bsn not in title, f"BSN in de paginatitel: {title!r}"
        assert not title.startswith("Fout:"), title

    def click(self, locator, heading: str | None = None) -> None:
        locator.click()
        self.settle(heading)

    def dossier_part(self, name: str, heading: str) -> None:
        nav = self.page.get_by_role("navigation", name="Dossier", exact=True)
        self.click(nav.get_by_role("link", name=name, exact=True), heading)

    def notice(self, text: str) -> None:
        notices = self.page.get_by_role("status").filter(has_text=text)
        assert notices.count() >= 1, f"{self.who}: melding {text!r} ontbreekt op {self.page.url}"

    def check_urls(self) -> None:
        leaking = [u for u in self.urls if self.bsn in u or NINE_DIGITS.search(UUID.sub("", u))]
        assert not leaking, f"{self.who}: BSN-achtig getal in een URL: {leaking}"
        leaking = [t for t in self.titles if self.bsn in t]
        assert not leaking, f"{self.who}: BSN in een paginatitel: {leaking}"
        assert self.urls and self.titles


def fill_domain(page) -> None:
    """Fill one life domain generically: an option in every group, a plausible value per text
    field, and "Ja" for "Is dit onderdeel klaar?"."""
    form = page.locator("main form.stacked")
    for group in form.locator("fieldset").all():
        group.locator("input[type=radio], input[type=checkbox]").first.check()
    for field in form.locator("input[type=text]").all():
        name = field.get_attribute("name")
        if name == "arrival_year":
            field.fill(str(TODAY.year - 1))
        elif field.get_attribute("inputmode") == "numeric":
            field.fill("2")
        elif name == "languages_spoken":
            field.fill("Arabisch, Engels")
        else:
            field.fill("Zie gesprek")
    for area in form.locator("textarea").all():
        area.fill("Besproken in het intakegesprek.")
    page.get_by_role("group", name="Is dit onderdeel klaar?").get_by_label("Ja", exact=True).check()


# --- the journey ------------------------------------------------------------------------------


def test_one_client_from_registration_to_closed_dossier(make_page):  # noqa: F811
    from regie.clients.models import Client, ClientStatus

    bsn = new_bsn()
    cm = Journey(make_page(), bsn, "klantregisseur")
    page = cm.page
    log_in(page, "klantregisseur")

    # 1. Registration: Klanten → "Klant inschrijven".
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    cm.click(menu.get_by_role("link", name="Klanten", exact=True), "Klanten")
    cm.click(page.get_by_role("link", name="Klant inschrijven", exact=True), "Klant inschrijven")
    assert_accessible(page, "klant inschrijven")
    page.get_by_label(label("BSN")).fill(bsn)
    page.get_by_label(label("Voornamen")).fill("Rana")
    page.get_by_label(label("Achternaam")).fill("Levensloop")
    fill_memorable_date(page, "Geboortedatum", "14-03-1990")
    page.get_by_label(label("Nationaliteit")).fill("Syrische")
    page.get_by_label(label("Talen")).fill("Arabisch, Engels")
    page.get_by_label(label("Gemeente")).select_option(label="Hoorn")
    page.get_by_label("Asielstatushouder", exact=True).check()
    page.get_by_label("Asielvergunning", exact=True).check()
    page.get_by_label(label("Datum vergunning")).fill(day(150))
    page.get_by_label(label("Datum koppeling")).fill(day(140))
    page.get_by_label(label("Datum huisvesting")).fill(day(105))
    page.get_by_label(label("Datum inschrijving BRP")).fill(day(100))
    page.get_by_label(label("Datum kennisgeving DUO")).fill(day(95))
    page.get_by_label(label("Start bijstand")).fill(day(100))
    name = "Rana Levensloop"
    cm.click(page.get_by_role("button", name="Klant inschrijven", exact=True), name)
    cm.notice(f"{name} is ingeschreven.")
    client = Client.objects.get(bsn=bsn)
    assert client.case_manager.username == "klantregisseur"
    dossier_url = page.url
    assert str(client.uuid) in dossier_url
    assert "Aangemeld" in page.locator(".dossier-meta").inner_text()
    assert_accessible(page, "dossier na inschrijven")

    # 2. Brede intake: start, every life domain done, learnability test, complete.
    cm.dossier_part("Intake", name)
    cm.click(page.get_by_role("button", name="Intake starten", exact=True), name)
    domains = page.locator("ul.task-list a")
    links = [
        (domains.nth(i).inner_text(), domains.nth(i).get_attribute("href"))
        for i in range(domains.count())
    ]
    assert len(links) == 10, links
    for index, (domain, href) in enumerate(links):
        page.goto(href)
        cm.settle(name)
        fill_domain(page)
        if index == 0:
            assert_accessible(page, f"intake-onderdeel {domain} ingevuld")
        cm.click(page.get_by_role("button", name="Opslaan", exact=True))
        status = page.locator(f"#status-{href.rstrip('/').rsplit('/', 1)[-1]}")
        if status.count():
            assert status.inner_text() == "Klaar", f"{domain}: {status.inner_text()}"
    assert page.url == dossier_url + "intake/"
    assert page.locator("#onderdelen-titel").inner_text() == "10 van 10 onderdelen klaar"

    cm.click(page.get_by_role("link", name="Leerbaarheidstoets vastleggen", exact=True), name)
    assert_accessible(page, "leerbaarheidstoets")
    page.get_by_label(label("Datum van de toets")).fill(day(3))
    page.get_by_label(label("Afgenomen door")).fill("Toetsbureau West")
    page.get_by_label("B1-route", exact=True).check()
    page.get_by_label(label("Score")).fill("B1-advies")
    cm.click(page.get_by_role("button", name="Leerbaarheidstoets opslaan", exact=True), name)
    cm.click(page.get_by_role("button", name="Intake afronden", exact=True), name)
    cm.notice("De intake is afgerond.")
    assert f"Afgerond op {TODAY:%d-%m-%Y}." in page.locator("main").inner_text()
    assert_accessible(page, "intake afgerond")

    # 3. First PIP: draft (prefilled from the intake), route and components, offer it.
    cm.dossier_part("Plan", name)
    cm.click(page.get_by_role("link", name="PIP opstellen", exact=True), name)
    cm.click(page.get_by_role("button", name="Concept maken", exact=True), name)
    cm.notice("Het concept is aangemaakt.")
    edit_url = page.url
    assert page.get_by_label("B1-route", exact=True).is_checked(), "route niet uit de LBT"
    assert_accessible(page, "concept PIP")

    hours = {
        "Taal": "600",
        "Kennis van de Nederlandse Maatschappij (KNM)": "80",
        "Participatieverklaringstraject (PVT)": "12",
        "Module Arbeidsmarkt en Participatie (MAP)": "40",
    }
    for kind, planned in hours.items():
        cm.click(page.get_by_role("link", name=f"Wijzigen {kind}", exact=True), name)
        page.get_by_label(label("Geplande uren")).fill(planned)
        page.get_by_label(label("Afspraken bij dit onderdeel")).fill(f"{planned} uur {kind}.")
        cm.click(page.get_by_role("button", name="Onderdeel opslaan", exact=True), name)
        cm.notice("Het onderdeel is opgeslagen.")
    for kind in ("Financieel ontzorgen", "Maatschappelijke begeleiding"):
        assert page.get_by_role("link", name=f"Wijzigen {kind}", exact=True).count() == 1, kind

    cm.click(page.get_by_role("link", name="Onderdeel toevoegen", exact=True), name)
    assert_accessible(page, "onderdeel toevoegen")
    page.get_by_label(label("Onderdeel")).select_option(label="Participatie")
    page.get_by_label("Vrijwilligerswerk", exact=True).check()
    page.get_by_label("Gekoppeld aan WerkSaam (alleen bij participatie)").check()
    page.get_by_label(label("Geplande uren")).fill("120")
    cm.click(page.get_by_role("button", name="Onderdeel opslaan", exact=True), name)
    link = page.get_by_role("link", name="Wijzigen Participatie: Vrijwilligerswerk", exact=True)
    assert link.count() == 1

    assert page.url == edit_url
    page.get_by_label("B1-route", exact=True).check()
    page.get_by_label(label("Aantal voortgangsgesprekken")).fill("2")
    page.get_by_label(label("Afspraken over voortgangsgesprekken")).fill(
        "Elke drie maanden een gesprek met de klantregisseur."
    )
    cm.click(page.get_by_role("button", name="Opslaan en controleren", exact=True), name)
    assert page.get_by_role("region", name="Dit moet nog anders").count() == 0, page.get_by_role(
        "region", name="Dit moet nog anders"
    ).inner_text()
    assert_accessible(page, "PIP controleren")
    cm.click(page.get_by_role("button", name="PIP ter besluitvorming aanbieden", exact=True), name)
    cm.notice("Het PIP ligt ter besluitvorming bij de teamleider.")
    assert "Ter besluitvorming" in page.locator("main .summary-list").inner_text()
    # Four eyes: the case manager cannot decide her own draft.
    assert page.get_by_role("link", name="PIP vaststellen").count() == 0
    plan_url = dossier_url + "plan/"

    # 4. The team leader decides, in a separate browser context (own session).
    tl = Journey(make_page(), bsn, "teamleider")
    leader = tl.page
    log_in(leader, "teamleider")

    def decide(number: int, decision_date: str, known_on: str) -> None:
        leader.goto(plan_url)
        tl.settle(name)
        tl.click(
            leader.get_by_role("link", name=f"PIP versie {number} vaststellen", exact=True), name
        )
        assert leader.get_by_role("region", name="Dit moet nog anders").count() == 0
        if number == 1:
            assert_accessible(leader, "PIP vaststellen")
        leader.get_by_label(label("Dagtekening")).fill(decision_date)
        leader.get_by_label(label("Bekendgemaakt op")).fill(known_on)
        tl.click(leader.get_by_role("button", name="PIP vaststellen", exact=True), name)
        tl.notice("Het PIP is vastgesteld.")
        assert "Vastgesteld" in leader.locator("main .summary-list").inner_text()

    decide(1, day(60), day(58))
    client.refresh_from_db()
    assert client.status == ClientStatus.PLAN_DECIDED
    assert client.plan.first_decision_date == TODAY - dt.timedelta(days=60)

    # 5. The case manager records the offer start on the language component.
    page.goto(plan_url)
    cm.settle(name)
    assert "PIP vastgesteld" in page.locator(".dossier-meta").inner_text()
    assert_accessible(page, "plan met vastgesteld PIP")
    cm.click(page.get_by_role("link", name="Voortgang vastleggen Taal", exact=True), name)
    assert_accessible(page, "voortgang taal")
    page.get_by_label(label("Aanbod gestart op")).fill(day(45))
    page.get_by_label(label("Gevolgde uren")).fill("60")
    page.get_by_label(label("Voortgang")).fill("Start bij taalaanbieder, gaat goed.")
    cm.click(page.get_by_role("button", name="Voortgang opslaan", exact=True), name)
    cm.notice("De voortgang is opgeslagen.")
    assert "In leerroute" in page.locator(".dossier-meta").inner_text()

    # 6. Schedule and record a progress review ("Voortgang"): planned for today (a planned review
    #    may not lie in the past, issue 14) and held today.
    cm.dossier_part("Voortgang", name)
    assert_accessible(page, "voortgang")
    page.get_by_label("Voortgangsgesprek", exact=True).check()
    page.get_by_label(label("Datum")).fill(day(0))
    cm.click(page.get_by_role("button", name="Gesprek plannen", exact=True), name)
    cm.notice("De afspraak is gepland.")
    cm.click(
        page.get_by_role("link", name=f"Vastleggen Voortgangsgesprek {day(0)}", exact=True), name
    )
    page.get_by_label(label("Gehouden op")).fill(day(0))
    page.get_by_label(label("Onderdeel van het PIP")).select_option(label="Taal")
    page.get_by_label(label("Aanwezige uren")).fill("60")
    page.get_by_label(label("Voortgang")).fill("Gaat goed; komt op tijd.")
    page.get_by_label(label("Eigen kijk van de klant")).fill("Tevreden over de les.")
    page.get_by_role("group", name=re.compile("^Tevredenheid")).get_by_label("4").check()
    page.get_by_label("Op koers", exact=True).check()
    assert_accessible(page, "gesprek vastleggen")
    cm.click(page.get_by_role("button", name="Gesprek vastleggen", exact=True), name)
    cm.notice("Het gesprek is vastgelegd.")
    held = page.get_by_role("table", name="Gesprekken en contactmomenten").locator("tbody tr")
    assert held.count() == 1 and "Op koers" in held.inner_text(), held.all_inner_texts()
    assert held.inner_text().split("\t")[1:3] == [day(0), day(0)], held.inner_text()
    deadlines = page.get_by_role("table", name="Termijnen voor gesprekken en contact")
    assert day(0) in deadlines.inner_text(), "het gesprek telt niet voor een termijn"

    # 7. Revise the PIP ("Andere bijstelling", same route, same rules) and offer it.
    cm.dossier_part("Plan", name)
    cm.click(page.get_by_role("link", name="PIP bijstellen", exact=True), name)
    assert_accessible(page, "PIP bijstellen")
    page.get_by_label("Andere bijstelling", exact=True).check()
    page.get_by_label(label("Toelichting")).fill("Meer uren taal na het voortgangsgesprek.")
    cm.click(page.get_by_role("button", name="Concept maken", exact=True), name)
    cm.notice("Het concept is aangemaakt.")
    assert "/plan/versie/2/" in page.url
    cm.click(page.get_by_role("link", name="Wijzigen Taal", exact=True), name)
    page.get_by_label(label("Geplande uren")).fill("700")
    cm.click(page.get_by_role("button", name="Onderdeel opslaan", exact=True), name)
    cm.click(page.get_by_role("button", name="Opslaan en controleren", exact=True), name)
    assert page.get_by_role("region", name="Dit moet nog anders").count() == 0
    cm.click(page.get_by_role("button", name="PIP ter besluitvorming aanbieden", exact=True), name)
    cm.notice("Het PIP ligt ter besluitvorming bij de teamleider.")

    decide(2, day(0), day(0))
    leader.goto(plan_url)
    tl.settle(name)
    versions = leader.get_by_role("table", name="Versies van het PIP, nieuwste eerst")
    rows = versions.locator("tbody tr")
    assert rows.nth(0).inner_text().split("\t")[:2] == ["Versie 2", "Vastgesteld"], rows.nth(
        0
    ).inner_text()
    assert "Vervangen" in rows.nth(1).inner_text()
    assert "Andere bijstelling" in rows.nth(0).inner_text()
    client.refresh_from_db()
    assert client.plan.term_start == TODAY - dt.timedelta(days=59), "termijn herstart"

    # 8. Close the dossier (voldaan).
    cm.dossier_part("DUO en afsluiten", name)
    assert_accessible(page, "DUO en afsluiten")
    cm.click(page.get_by_role("link", name="Dossier sluiten", exact=True), name)
    assert_accessible(page, "dossier sluiten")
    page.get_by_label("Voldaan aan de inburgeringsplicht", exact=True).check()
    page.get_by_label(label("Afgesloten op")).fill(day(0))
    cm.click(page.get_by_role("button", name="Dossier sluiten", exact=True), name)
    assert "Afgesloten" in page.locator(".dossier-meta").inner_text()
    page.goto(dossier_url)
    cm.settle(name)
    assert "Afgesloten" in page.locator(".dossier-meta").inner_text()
    client.refresh_from_db()
    assert client.status == ClientStatus.CLOSED and client.closure_reason == "voldaan"
    assert_accessible(page, "afgesloten dossier")

    # 9. Historie lists what happened.
    cm.dossier_part("Historie", name)
    assert_accessible(page, "historie")
    assert bsn not in page.content(), "het volledige BSN staat in de historie"
    assert page.locator("ol.timeline li time").count() >= 10
    kinds = (
        page.get_by_label("Soort gebeurtenis")
        .locator("option")
        .evaluate_all("options => options.map(o => o.value)")
    )
    expected = {
        "clients.Client",
        "intake.Intake",
        "intake.DomainRecord",
        "intake.LearnabilityTest",
        "plans.PlanVersion",
        "plans.Component",
        "progress.Review",
        "progress.Closure",
    }
    assert expected <= set(kinds), f"ontbreekt in de historie: {expected - set(kinds)}"

    def events(kind: str) -> str:
        page.get_by_label("Soort gebeurtenis").select_option(kind)
        cm.click(page.get_by_role("button", name="Filters toepassen", exact=True), name)
        return page.locator("ol.timeline").inner_text()

    # The history speaks in words: field labels and choice names, not codes.
    closure = events("progress.Closure")
    assert (
        "maakte een afsluiting aan" in closure and "Voldaan aan de inburgeringsplicht" in closure
    ), closure
    person = events("clients.Client")
    for status in ("Brede intake", "PIP vastgesteld", "In leerroute", "Afgesloten"):
        assert status in person, f"statuswijziging {status} ontbreekt: {person}"
    review = events("progress.Review")
    assert "Op koers" in review, review
    versions = events("plans.PlanVersion")
    assert "PIP versie 1 (Vervangen)" in versions and "Andere bijstelling" in versions, versions

    cm.check_urls()
    tl.check_urls()

    # Offering, deciding (dagtekening) and the offer start are in the history too.
    components = events("plans.Component")
    first_decision = (TODAY - dt.timedelta(days=60)).strftime("%d-%m-%Y")  # Dutch, never ISO
    assert "Ter besluitvorming" in versions, versions
    assert first_decision in versions and TODAY.strftime("%d-%m-%Y") in versions, versions
    assert "aanbod gestart op" in components.lower(), components
