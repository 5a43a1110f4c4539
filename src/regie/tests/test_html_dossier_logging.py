"""Every HTML dossier page that answers a read writes an access-log row for that client (issue
Security, item 3). The walk takes the routes from the URL resolver: every route under
``klanten/<uuid>/`` (and the other pages about one client), so a new page is walked without
editing this test."""

import datetime as dt

import pytest

from django.urls import URLPattern, URLResolver, get_resolver

from regie.clients.models import Client
from regie.core.models import AccessLogEntry, RoleAssignment, User

CLIENT_PAGES = ("klanten/<uuid:uuid>/", "aanbod/klant/<uuid:uuid>/")
# Pages that are (also) a form: a GET shows the current data, so it is a read too. A route that
# answers a GET with a redirect or 405 is an action, not a read, and is not asserted.
MUST_BE_WALKED = {
    "clients:dossier",
    "clients:history",
    "intake:overview",
    "plans:overview",
    "plans:version",
    "progress:reviews",
    "progress:enforcement",
    "progress:duo",
    "objections:dossier",
    "objections:detail",
}


def _patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _patterns(entry, prefix + str(entry.pattern), full)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield prefix + str(entry.pattern), name


def _fill(pattern: str, values: dict) -> str | None:
    import re

    def sub(match):
        key = match.group(2)
        return str(values[key]) if key in values else "\0"

    url = "/" + re.sub(r"<(?:(\w+):)?(\w+)>", sub, pattern)
    return None if "\0" in url else url


@pytest.mark.django_db
def test_every_html_dossier_read_is_logged(login, client):
    from regie.demo.loader import load_region
    from regie.intake.models import DomainRecord
    from regie.objections.models import Objection
    from regie.plans.models import PlanVersion
    from regie.progress.models import EnforcementCase, LateOfferStatement, Review

    load_region(client_count=12)
    cm = User.objects.get(username="klantregisseur")
    assignment = RoleAssignment.objects.get(user=cm, role="casemanager")
    version = (
        PlanVersion.objects.filter(client__case_manager=cm, client__reviews__isnull=False)
        .order_by("-number", "id")
        .first()
    )
    person: Client = version.client
    today = dt.date(2026, 1, 5)
    case = EnforcementCase.objects.create(
        client=person, violation="pip", description="Niet verschenen", opened_on=today
    )
    statement = LateOfferStatement.objects.create(
        client=person, statement_date=today, pip_date=today, allowed_months=10, months_late=1
    )
    domain = DomainRecord.objects.filter(intake__client=person).first()
    objection = Objection.objects.create(
        client=person,
        number=99,
        decision_kind="refusal",
        decision_description="Weigering",
        decision_date=today,
        decision_made_known_on=today,
        received_on=today,
    )
    values = {
        "uuid": person.uuid,
        "number": version.number,
        "component": version.components.first().uuid,
        "review_uuid": Review.objects.filter(client=person).first().uuid,
        "case_uuid": case.uuid,
        "statement_uuid": statement.uuid,
        "domain": domain.domain if domain else "taal",
        "objection_uuid": objection.uuid,
        "kind": "beslissing",
    }
    login(cm, assignment)
    walked, not_logged = set(), []
    for pattern, name in _patterns():
        if not pattern.startswith(CLIENT_PAGES):
            continue
        url = _fill(pattern, values)
        assert url is not None, f"{name}: add its URL parameter to this test"
        before = AccessLogEntry.objects.count()
        response = client.get(url)
        if response.status_code != 200:
            assert response.status_code in (302, 403, 404, 405), f"{name} {url}"
            continue
        rows = AccessLogEntry.objects.order_by("id")[before:]
        walked.add(name)
        if not any(row.person_id == person.pk for row in rows):
            not_logged.append(name)
    assert not not_logged, f"dossier pages read without an access-log row: {not_logged}"
    assert walked >= MUST_BE_WALKED, sorted(MUST_BE_WALKED - walked)


@pytest.mark.django_db
def test_a_list_page_is_one_bulk_insert(world, login, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    login(*world.as_role("tl"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("clients:list")).status_code == 200
    inserts = [
        q
        for q in queries.captured_queries
        if q["sql"].startswith("INSERT") and "core_accesslogentry" in q["sql"]
    ]
    assert len(inserts) == 1
    assert AccessLogEntry.objects.filter(action="list").count() == 3
