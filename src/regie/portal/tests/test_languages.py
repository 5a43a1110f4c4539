"""The portal's languages: complete catalogues, RTL for Arabic, the remembered switch, and PDFs
that embed the shipped Noto fonts and contain the text."""

import io
import re
import unicodedata
from pathlib import Path

import pytest

from django.conf import settings
from django.utils import translation

from regie.portal import selectors
from regie.portal.pdf import render_plan_pdf
from regie.portal.session import SESSION_KEY

LOCALE = Path(__file__).resolve().parent.parent / "locale"
NOTE = "#. Niet gecontroleerd door een moedertaalspreker"


ENTRY = re.compile(r'((?:#.*\n)*)msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)')


def entries(po: Path):
    for match in ENTRY.finditer(po.read_text(encoding="utf-8")):
        comments, msgid, msgstr = match.groups()
        msgid = "".join(re.findall(r'"(.*)"', msgid))
        if msgid:
            yield comments, msgid, "".join(re.findall(r'"(.*)"', msgstr))


@pytest.mark.parametrize("lang", ["en", "ar", "ti", "uk"])
def test_portal_catalogue_is_complete_and_marked(lang):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    rows = list(entries(po))
    assert len(rows) > 150
    for block, msgid, msgstr in rows:
        assert msgstr, f"{lang}: no translation for {msgid!r}"
        assert "#, fuzzy" not in block, f"{lang}: fuzzy {msgid!r}"
        assert NOTE in block, f"{lang}: {msgid!r} not marked as unchecked"
        assert set(re.findall(r"%\(\w+\)s", msgid)) == set(re.findall(r"%\(\w+\)s", msgstr))
    # The compiled catalogue says what the .po says (by content: a checkout sets file times
    # in any order, so comparing times would fail a fresh clone at random).
    import polib

    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{lang}: compile the catalogue"
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(mo))}
    stale = [
        e.msgid
        for e in polib.pofile(str(po))
        if e.translated() and compiled.get(e.msgid) != e.msgstr
    ]
    assert not stale, f"{lang}: compile the catalogue ({stale[:3]})"


def test_every_portal_string_is_in_the_catalogue():
    """A string added to the portal without running makemessages makes the catalogue incomplete."""
    portal = LOCALE.parent
    found = set()
    for path in list(portal.rglob("*.html")) + [
        p for p in portal.rglob("*.py") if "tests" not in p.parts
    ]:
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'{% translate "([^"]+)" %}', text))
        found |= set(re.findall(r'\b_\("([^"]+)"\)', text))
    known = {msgid for _b, msgid, _s in entries(LOCALE / "ar" / "LC_MESSAGES" / "django.po")}
    assert found - known == set()


def test_languages_and_tigrinya_known():
    codes = [code for code, _n in settings.LANGUAGES]
    assert {"ar", "ti", "uk"} <= set(codes)
    assert translation.get_language_info("ti")["name_local"] == "ትግርኛ"


@pytest.fixture
def me(client, newcomer):
    session = client.session
    session[SESSION_KEY] = newcomer.pk
    session.save()
    return newcomer


@pytest.mark.parametrize(
    "lang,direction,text",
    [
        ("ar", "rtl", "خطتي"),
        ("ti", "ltr", "ናተይ መደብ"),
        ("uk", "ltr", "Мій план"),
        ("en", "ltr", "My plan"),
    ],
)
def test_pages_in_each_language_with_direction(client, me, lang, direction, text):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    body = client.get("/mijn/plan/").content.decode()
    assert f'lang="{lang}" dir="{direction}"' in body
    assert text in body


def test_language_switch_is_remembered(client, me):
    response = client.post("/i18n/setlang/", {"language": "ti", "next": "/mijn/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ti"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME]["max-age"]
    assert 'lang="ti"' in client.get("/mijn/").content.decode()


def test_staff_screens_stay_dutch_or_english(client, world, login):
    staff = login(*world.as_role("cm1"))
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    assert 'lang="nl" dir="ltr"' in staff.get("/").content.decode()


def _pdf_text_and_fonts(pdf: bytes):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts.add(str(font.get("/BaseFont")))
            for desc in font.get("/DescendantFonts") or []:
                descriptor = desc.get_object().get("/FontDescriptor").get_object()
                if any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    fonts.add("embedded:" + str(descriptor.get("/FontName")))
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages))
    return text, fonts


@pytest.mark.parametrize(
    "lang,font,words",
    [("ti", "Regie-Noto-Ethiopic", ["ናተይ", "መደብ"]), ("ar", "Regie-Noto-Arabic", ["خطتي"])],
)
def test_plan_pdf_embeds_the_shipped_font_and_contains_the_text(me, lang, font, words):
    with translation.override(lang):
        pdf = render_plan_pdf(me, selectors.my_plan(me), lang)
    text, fonts = _pdf_text_and_fonts(pdf)
    assert any(f.startswith("embedded:") and font in f for f in fonts), fonts
    for word in words:
        assert word in text or word[::-1] in text, (word, text[:300])


def test_plan_pdf_download_in_own_language(client, me):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ti"
    response = client.get("/mijn/plan/mijn-plan.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
