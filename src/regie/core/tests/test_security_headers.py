"""Issue 15 item 12: Content-Security-Policy without inline script, no caching of pages with
personal data, the demo marking on the admin and in every PDF, production refuses no 2FA."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings as django_settings

from regie.core.pdf import demo_marking, html_to_pdf

SRC = Path(__file__).resolve().parents[2]  # src/regie
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def _csp(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in (p.strip() for p in policy.split(";"))
        if part
    }


def _no_inline_script(html: str, where: str) -> None:
    assert not INLINE_SCRIPT.search(html), f"inline <script> in {where}"
    assert not EVENT_HANDLER.search(html), f"on...= handler in {where}"


@pytest.mark.django_db
def test_csp_forbids_inline_script_on_pages_admin_and_api(world, client, login):
    pages = ["/inloggen/", "/toegankelijkheid/"]
    for url in pages:
        response = client.get(url)
        policy = _csp(response)
        assert policy["default-src"] == "'self'"
        assert policy["script-src"] == "'self'", policy
        assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
        _no_inline_script(response.content.decode(), url)
    login(*world.as_role("admin"))
    for url in ["/", "/rollen/", "/beheer/", "/beheer/core/user/", "/organisaties/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _csp(response)["script-src"] == "'self'"
        _no_inline_script(response.content.decode(), url)
    login(*world.as_role("cm1"))
    response = client.get("/api/v1/ik/")
    assert _csp(response)["script-src"] == "'self'"


def test_no_template_has_inline_script_or_event_handlers():
    """Every template of every app: scripts are files in /static/, no on...= attributes."""
    offenders = []
    for path in SRC.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        if INLINE_SCRIPT.search(text) or EVENT_HANDLER.search(text):
            offenders.append(str(path.relative_to(SRC)))
    assert not offenders, offenders


@pytest.mark.django_db
def test_pages_and_api_answers_are_not_stored(world, client, login):
    login(*world.as_role("cm1"))
    client_uuid = world.clients["own_cm1"].uuid
    for url in ["/", f"/klanten/{client_uuid}/", "/api/v1/ik/", f"/api/v1/klanten/{client_uuid}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    login(*world.as_role("admin"))
    assert "no-store" in client.get("/beheer/")["Cache-Control"]


@pytest.mark.django_db
def test_admin_pages_carry_the_demo_marking(world, client, login, settings):
    login(*world.as_role("admin"))
    settings.REGIE_DEMO = True
    for url in ["/beheer/", "/beheer/core/organisation/"]:
        assert "Demo-omgeving" in client.get(url).content.decode(), url
    settings.REGIE_DEMO = False
    assert "Demo-omgeving" not in client.get("/beheer/").content.decode()


LONG_HTML = (
    "<html><head><style>@page { size: A4; margin: 2cm; }</style></head><body>"
    + "".join(f"<p>Regel {i} van een lang besluit.</p>" for i in range(120))
    + "</body></html>"
)


def _page_texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_every_pdf_page_carries_the_demo_marking_in_demo_mode(settings):
    settings.REGIE_DEMO = True
    pages = _page_texts(html_to_pdf(LONG_HTML))
    assert len(pages) > 1
    for number, text in enumerate(pages, 1):
        assert "DEMO" in text and "fictieve gegevens" in text, f"pagina {number}: {text[:200]}"
    settings.REGIE_DEMO = False
    assert all("DEMO" not in text for text in _page_texts(html_to_pdf(LONG_HTML)))
    assert demo_marking().startswith("DEMO")


def test_every_pdf_is_made_through_the_one_marking_function():
    """Only core/pdf.py calls WeasyPrint, so no PDF can skip the demo marking."""
    users = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if "weasyprint" in p.read_text(encoding="utf-8")
        and p.name != "test_security_headers.py"
        and "/tests/" not in str(p)
    ]
    assert users == ["core/pdf.py"], users


def _import_production(**overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REGIE_", "DJANGO_SETTINGS"))}
    env.update(
        SECRET_KEY="x" * 60,
        REGIE_PSEUDONYM_KEY="pseudonym-key",
        DATABASE_URL="sqlite:///:memory:",
        **overrides,
    )
    return subprocess.run(
        [sys.executable, "-c", "import regie.settings.production"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_second_factor():
    refused = _import_production(REGIE_REQUIRE_2FA="false")
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and "REGIE_REQUIRE_2FA" in refused.stderr
    assert _import_production(REGIE_REQUIRE_2FA="true").returncode == 0
    assert django_settings.REGIE_REQUIRE_2FA is False  # the test settings themselves are untouched
