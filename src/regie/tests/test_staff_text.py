"""No developer text and no ISO dates where a user looks (issue 14, items 2 and 3).

The Westfriesland demo is loaded once; every staff role opens its start page and follows the
links it is shown (one page per URL shape, so each kind of page is seen once), and the visible
text of each page (text, filled-in values, chosen options) is searched for what a user should
never read: a code in snake_case or CAPS_WITH_UNDERSCORES, "rulebook", a ``.md`` file,
"(seed)", "aanname: true", a JSON or dict brace, and an ISO date (2026-12-05).

Codes a user must type are allowed where a page documents a file format: the table carries
``data-file-format`` (the columns of a CSV import), or the code is in ``<code>``.
"""

import re
from collections import defaultdict
from html.parser import HTMLParser

import pytest

from regie.core.models import User
from regie.demo.loader import load_region
from regie.tests.test_browser import DEMO_USERS

FORBIDDEN = {
    "code in snake_case": re.compile(
        r"(?<![\w@./:=#-])[a-z][a-z0-9]*_[a-z0-9_]*[a-z0-9](?![\w@.])"
    ),
    "code in capitals": re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b"),
    "rulebook": re.compile(r"rulebook", re.I),
    "a .md file": re.compile(r"\w\.md\b"),
    "(seed)": re.compile(r"\(seed\)", re.I),
    "aanname: true": re.compile(r"aanname:\s*true", re.I),
    "JSON or dict": re.compile(r"[{}]"),
}
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
SKIPPED_LINKS = re.compile(
    r"^/(admin|static|api|uitloggen|media)\b|formaat=|\.(csv|pdf|json)\b|/pdf/|/download|/export"
)
SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+")
PAGES_PER_ROLE = 45


class VisibleText(HTMLParser):
    """The text a sighted user reads: no script, style or template; no documented file format."""

    HIDDEN = {"script", "style", "template", "code"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._stack: list[tuple[str, bool]] = []
        self._hidden = 0
        self._in_option = False
        self._option_selected = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        hides = tag in self.HIDDEN or "data-file-format" in a or "hidden" in a
        if tag not in {"input", "br", "img", "meta", "link", "hr", "col", "source", "wbr"}:
            self._stack.append((tag, hides))
            self._hidden += hides
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if self._hidden:
            return
        typed = a.get("type", "text") in {"text", "search", "email", "tel", "number"}
        if tag == "input" and typed and a.get("value"):
            self.parts.append(a["value"])
        if tag == "option":
            self._in_option, self._option_selected = True, "selected" in a

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, hides = self._stack.pop()
            self._hidden -= hides
            if open_tag == tag:
                break
        if tag == "option":
            self._in_option = False

    def handle_data(self, data):
        if self._hidden or (self._in_option and not self._option_selected):
            return
        self.parts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def _crawl(client, start="/"):
    """(url, visible text) for the pages a role reaches from its start page."""
    seen_shapes: set[str] = set()
    queue, pages = [start], []
    while queue and len(pages) < PAGES_PER_ROLE:
        url = queue.pop(0)
        shape = SHAPE.sub("#", url)
        if shape in seen_shapes:
            continue
        seen_shapes.add(shape)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = VisibleText()
        parser.feed(response.content.decode())
        pages.append((url, parser.text()))
        for href in parser.links:
            href = href.split("#")[0]
            local = href.startswith("/") and "?" not in href and not SKIPPED_LINKS.search(href)
            if local and SHAPE.sub("#", href) not in seen_shapes:
                queue.append(href)
    return pages


@pytest.fixture
def demo_region(db):
    load_region(client_count=8)


def _findings(client, problems: dict) -> int:
    crawled = 0
    for username in DEMO_USERS:
        client.force_login(User.objects.get(username=username))
        pages = _crawl(client)
        assert len(pages) >= 5, f"{username}: only {[url for url, _t in pages]}"
        crawled += len(pages)
        for url, text in pages:
            for what, pattern in {**FORBIDDEN, "ISO date": ISO_DATE}.items():
                for match in pattern.finditer(text):
                    context = text[max(0, match.start() - 60) : match.end() + 60]
                    problems[(what, match.group())].add(f"{username} {url}: …{context}…")
        client.logout()
    return crawled


@pytest.mark.django_db
def test_no_developer_text_and_no_iso_dates_on_the_main_pages_of_each_role(demo_region, client):
    problems: dict[tuple[str, str], set[str]] = defaultdict(set)
    crawled = _findings(client, problems)
    assert crawled > 200  # the crawl reached the roles' pages
    report = "\n".join(
        f"[{what}] {token!r}: {sorted(where)[0]} (+{len(where) - 1} meer)"
        for (what, token), where in sorted(problems.items())
    )
    assert not problems, "Ontwikkelaarstekst of ISO-datum op het scherm:\n" + report
