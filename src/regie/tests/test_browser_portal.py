"""The newcomer's portal in a real browser, in Dutch, Arabic (RTL) and Tigrinya: log in through
the stand-in DigiD broker, read the plan, ask for an interpreter, send a message, give feedback.
Every page at 320 px: no sideways scrolling, targets of at least 44 px, axe clean; a screenshot of
each page goes to the test artefacts (REGIE_TEST_ARTEFACTS, default var/test-artefacts/portal).

Run only these:  .venv/bin/pytest -q src/regie/tests/test_browser_portal.py
"""

import os
import re
from pathlib import Path

import pytest

from django.conf import settings as django_settings

from regie.clients.models import Client
from regie.portal import oidc, selectors
from regie.portal.models import Feedback, Message, Request
from regie.portal.standin import StandinProvider
from regie.tests.test_browser import (  # noqa: F401  (fixtures)
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    demo,
    demo_snapshot,
    horizontal_overflow,
    log_in,
    make_page,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NARROW = {"width": 320, "height": 640}
ARTEFACTS = (
    Path(os.environ.get("REGIE_TEST_ARTEFACTS") or Path(django_settings.VAR_DIR) / "test-artefacts")
    / "portal"
)

TEXT = {
    "nl": {
        "plan": "Mijn plan",
        "interpreter": "Een tolk",
        "phone": "Via de telefoon",
        "lang": "Taal voor de tolk (alleen bij een tolk)",
        "send": "Verstuur",
        "sent": "Uw vraag is verstuurd",
        "message": "Uw bericht aan uw klantregisseur",
        "msg_sent": "Uw bericht is verstuurd",
        "good": "Goed",
        "thanks": "Dank u wel",
    },
    "ar": {
        "plan": "خطتي",
        "interpreter": "مترجم",
        "phone": "عبر الهاتف",
        "lang": "لغة المترجم (فقط عند طلب مترجم)",
        "send": "أرسل",
        "sent": "تم إرسال طلبك",
        "message": "رسالتك إلى مدير حالتك",
        "msg_sent": "تم إرسال رسالتك",
        "good": "جيد",
        "thanks": "شكراً لك",
    },
    "ti": {
        "plan": "ናተይ መደብ",
        "interpreter": "ተርጓሚ",
        "phone": "ብተሌፎን",
        "lang": "ቋንቋ ንተርጓሚ (ንተርጓሚ ጥራይ)",
        "send": "ስደድ",
        "sent": "ሕቶኻ ተላኢኹ",
        "message": "መልእኽትኻ ናብ ኣመሓዳሪ ጉዳይካ",
        "msg_sent": "መልእኽትኻ ተላኢኹ",
        "good": "ጽቡቕ",
        "thanks": "የቐንየለይ",
    },
    "en": {
        "plan": "My plan",
        "interpreter": "An interpreter",
        "phone": "By phone",
        "lang": "Language for the interpreter (only for an interpreter)",
        "send": "Send",
        "sent": "Your request has been sent",
        "message": "Your message to your case manager",
        "msg_sent": "Your message has been sent",
        "good": "Good",
        "thanks": "Thank you",
    },
    "uk": {
        "plan": "Мій план",
        "interpreter": "Перекладача",
        "phone": "По телефону",
        "lang": "Мова для перекладача (лише якщо потрібен перекладач)",
        "send": "Надіслати",
        "sent": "Ваш запит надіслано",
        "message": "Ваше повідомлення куратору",
        "msg_sent": "Ваше повідомлення надіслано",
        "good": "Добре",
        "thanks": "Дякуємо",
    },
}


def _newcomer():
    """A demo newcomer with a decided plan; a review in two weeks and one held last week are
    added when the random demo has none (the journey needs an appointment and a past moment)."""
    import datetime as dt

    from regie.progress.models import Review

    people = selectors.demo_people(limit=100)
    assert people, "de demo heeft geen inburgeraar met een vastgesteld plan"
    person = people[0]
    client = Client.objects.get(bsn=person["bsn"])
    today = dt.date.today()
    if not selectors.appointments(client):
        Review.objects.create(client=client, planned_on=today + dt.timedelta(days=14))
    if not selectors.open_feedback_moments(client):
        Review.objects.create(
            client=client,
            planned_on=today - dt.timedelta(days=7),
            held_on=today - dt.timedelta(days=7),
        )
    return client, person


@pytest.fixture
def standin(demo, settings):  # noqa: F811
    client, person = _newcomer()
    provider = StandinProvider([person]).start()
    settings.REGIE_PORTAL_OIDC_ISSUER = provider.issuer
    settings.REGIE_PORTAL_OIDC_CLIENT_ID = provider.client_id
    settings.REGIE_PORTAL_OIDC_CLIENT_SECRET = provider.client_secret
    yield provider, client
    provider.stop()
    oidc._discovery.clear()
    oidc._jwks_clients.clear()


@pytest.fixture
def portal_page(browser, live_server, standin):  # noqa: F811
    provider, _client = standin
    allowed = (live_server.url + "/", provider.issuer + "/", "data:")
    blocked: list[str] = []

    def guard(route):
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context = browser.new_context(base_url=live_server.url, viewport=NARROW, locale="nl-NL")
    context.set_default_timeout(10_000)
    context.route("**/*", guard)
    page = context.new_page()
    yield page
    context.close()
    assert not blocked, f"verzoeken buiten de eigen server en de stand-in: {blocked}"


def small_targets(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll(
              '.portal-nav a, button, select, textarea, input[type=text], .portal-faces label,'
              + ' .portal-form fieldset p, .portal-links a')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.height < 44 || r.width < 44)
            .map(([e, r]) => e.tagName + ' ' + (e.textContent || '').trim().slice(0, 30)
                 + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))"""
    )


def check(page, lang: str, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{lang}-{name}-320.png"), full_page=True)
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], (lang, name, overflow)
    assert not small_targets(page), (lang, name, small_targets(page))
    assert_accessible(page, f"portaal {lang} {name}")


@pytest.mark.parametrize("lang", ["nl", "ar", "ti", "uk", "en"])
def test_newcomer_journey_in_three_languages(portal_page, standin, lang):
    page, (_provider, client), t = portal_page, standin, TEXT[lang]
    page.goto("/mijn/inloggen/")
    if lang != "nl":  # the language switch on the login page, remembered in a cookie
        page.get_by_label(re.compile("Taal")).select_option(lang)
        page.get_by_role("button", name="Kies").click()
        page.wait_for_load_state()
    direction = "rtl" if lang == "ar" else "ltr"
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("html").get_attribute("dir") == direction
    check(page, lang, "inloggen")
    page.locator("a.portal-button").click()
    assert "DEMO" in page.content()  # the stand-in says it is not DigiD
    page.get_by_role("button", name="Inloggen (demo)").click()
    page.wait_for_url(re.compile(r"/mijn/$"))
    assert page.locator("html").get_attribute("dir") == direction
    check(page, lang, "wat-komt-er")

    page.locator(".portal-nav").get_by_role("link", name=t["plan"]).click()
    page.wait_for_url(re.compile(r"/mijn/plan/$"))
    assert page.get_by_role("heading", level=1, name=t["plan"]).is_visible()
    check(page, lang, "plan")

    page.goto("/mijn/afspraken/")
    page.get_by_label(t["interpreter"], exact=True).check()
    page.get_by_label(t["lang"]).fill("Tigrinya")
    page.get_by_label(t["phone"]).check()
    page.locator("form.portal-form").get_by_role("button", name=t["send"]).click()
    assert t["sent"] in page.locator("[role=status]").inner_text()
    check(page, lang, "afspraken")
    assert Request.objects.filter(client=client, kind="interpreter", mode="phone").exists()

    page.goto("/mijn/berichten/")
    page.get_by_label(t["message"]).fill(f"Testbericht {lang}")
    page.locator("form.portal-form").get_by_role("button", name=t["send"]).click()
    assert t["msg_sent"] in page.locator("[role=status]").inner_text()
    check(page, lang, "berichten")
    assert Message.objects.filter(client=client, body=f"Testbericht {lang}").exists()

    page.goto("/mijn/mening/")
    check(page, lang, "mening")
    form = page.locator("form.portal-feedback").first
    face = form.locator('input[name=score][value="4"]')
    label = form.locator(f"label[for='{face.get_attribute('id')}']").inner_text()
    assert t["good"] in label  # the face has a text label in the page's language
    face.check()
    form.get_by_role("button", name=t["send"]).click()
    assert t["thanks"] in page.locator("[role=status]").inner_text()
    assert Feedback.objects.filter(client=client, score=4).exists()

    page.goto("/mijn/gemeente/")
    check(page, lang, "gemeente")


def test_policy_officer_keeps_the_register_and_staff_see_it_side_by_side(make_page):  # noqa: F811
    page = make_page(viewport=NARROW)
    log_in(page, "beleid.hoorn")
    page.goto("/portaal/verschillen/")
    assert_accessible(page, "verschillen (beleidsmedewerker)")
    page.get_by_role("link", name="Verschil toevoegen").click()
    page.get_by_label("Onderwerp").select_option("mentors")
    page.get_by_label("Wat is hier anders").fill("Elke nieuwkomer krijgt een maatje.")
    page.get_by_label("Waarom").fill("Raadsbesluit over vrijwillige maatjes.")
    assert_accessible(page, "verschil toevoegen")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/portaal/verschillen/$"))
    assert "Elke nieuwkomer krijgt een maatje." in page.content()
    other = make_page(viewport=NARROW)
    log_in(other, "klantregisseur")
    other.goto("/portaal/verschillen/")
    assert "Elke nieuwkomer krijgt een maatje." in other.content()
    assert other.get_by_role("link", name="Verschil toevoegen").count() == 0
    assert_accessible(other, "verschillen (klantregisseur)")
