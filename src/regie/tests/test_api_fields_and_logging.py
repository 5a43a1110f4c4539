"""Every API read, for every role and token: the fields follow the rights table and the read is in
the access log (issue Security, items 2 and 3).

The walk is driven by the router itself (``regie.api.urls.router``), so a new viewset is walked
without editing this test; a viewset that does not derive from ``ScopedViewSet`` fails
``test_every_api_view_uses_the_logging_base`` before any data is made.
"""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from regie.clients import visibility
from regie.clients.models import Client
from regie.core.drf import ScopedViewSet, hash_key, issue_token
from regie.core.models import AccessLogEntry, ApiClient, Organisation, RoleAssignment, User
from regie.core.roles import OrganisationKind, Role

API = "/api/v1/"
# Views under /api/v1/ that are not viewsets and show no client: who am I, and the schema pages
# (drf-spectacular's views, public).
NOT_VIEWSETS = {"MeView"}
PERSONAL_FIELDS = {"date_of_birth", "phone", "email"}
# Detail GET actions that build a file (zip, pdf): walked for a few objects only.
FILE_ACTIONS = {"pdf"}


def _api_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _api_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_every_api_view_uses_the_logging_base():
    from regie.api.urls import router

    for prefix, viewset, _basename in router.registry:
        assert issubclass(viewset, ScopedViewSet), f"/{prefix}/ does not use ScopedViewSet"
    seen = 0
    for pattern, callback in _api_patterns():
        if not pattern.startswith("api/v1/"):
            continue
        cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        assert cls is not None, pattern
        if cls.__name__ in NOT_VIEWSETS or cls.__module__.startswith("drf_spectacular."):
            continue
        assert issubclass(cls, ScopedViewSet), f"{pattern}: {cls.__name__} bypasses the access log"
        seen += 1
    assert seen > 20


# --- the walk --------------------------------------------------------------------------------


def _strings(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


def _dicts(data):
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _dicts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _dicts(value)


def _rows(data):
    if isinstance(data, dict) and "results" in data:
        return data["results"]
    return data if isinstance(data, list) else []


def _make_missing_records(cm_user):
    """The demo has no enforcement case, DUO decision or late-offer statement: add one each."""
    import datetime as dt

    from regie.progress.models import DuoDecision, EnforcementCase, LateOfferStatement

    client = Client.objects.filter(case_manager=cm_user, is_obliged=True).order_by("id").first()
    today = dt.date(2026, 1, 5)
    EnforcementCase.objects.create(
        client=client, violation="pip", description="Niet verschenen", opened_on=today
    )
    DuoDecision.objects.create(client=client, kind="verlenging", decision_date=today)
    LateOfferStatement.objects.create(
        client=client, statement_date=today, pip_date=today, allowed_months=10, months_late=1
    )


class Audience:
    def __init__(self, label, role, headers=None, user=None, assignment=None):
        self.label, self.role, self.headers = label, role, headers or {}
        self.user, self.assignment = user, assignment


def _audiences(login, client):
    audiences = []
    for assignment in RoleAssignment.objects.select_related("user").order_by("role", "id"):
        if any(a.role == assignment.role for a in audiences):
            continue
        audiences.append(
            Audience(
                f"sessie {assignment.role}", assignment.role, None, assignment.user, assignment
            )
        )
    demo = ApiClient.objects.get(key_hash=hash_key("demo-token-fiolet"))
    audiences.append(
        Audience(
            "token aanbieder",
            Role.PROVIDER_STAFF,
            {"HTTP_AUTHORIZATION": "Token demo-token-fiolet"},
        )
    )
    assert demo.role == Role.PROVIDER_STAFF
    werksaam = Organisation.objects.filter(kind=OrganisationKind.JOINT_BODY).first()
    token = issue_token(
        ApiClient(name="WerkSaam systeem", organisation=werksaam, role=Role.INCOME_CONSULTANT)
    )
    audiences.append(
        Audience(
            "token inkomensconsulent",
            Role.INCOME_CONSULTANT,
            {"HTTP_AUTHORIZATION": f"Token {token}"},
        )
    )
    return audiences


def _get(client, audience, url):
    with CaptureQueriesContext(connection) as queries:
        before = AccessLogEntry.objects.count()
        response = client.get(url, **audience.headers)
    inserts = [
        q for q in queries.captured_queries if 'INSERT INTO "core_accesslogentry"' in q["sql"]
    ]
    new = AccessLogEntry.objects.order_by("id")[before:]
    return response, list(new), len(inserts)


@pytest.mark.django_db
def test_every_api_read_follows_the_field_table_and_is_logged(login, client):
    from regie.api.urls import router
    from regie.demo.loader import load_region
    from regie.offer.models import Enrolment
    from regie.plans.models import Component

    load_region(client_count=18)
    cm_user = User.objects.get(username="klantregisseur")
    _make_missing_records(cm_user)
    people = {str(c.uuid): c.pk for c in Client.objects.all()}
    people.update({str(e.uuid): e.client_id for e in Enrolment.objects.all()})
    # a plan component's answer names no client: its own uuid stands for him
    for component in Component.objects.all():
        people.setdefault(str(component.uuid), component.client.pk)
    full_bsns = set(Client.objects.values_list("bsn", flat=True))
    audiences = _audiences(login, client)
    assert {a.role for a in audiences} == set(Role.values)

    walked: dict[str, int] = {}  # route -> answers with a person, over all audiences
    for audience in audiences:
        if audience.user is not None:
            login(audience.user, audience.assignment)
        else:
            client.logout()
        for prefix, viewset, _basename in router.registry:
            base = f"{API}{prefix}/"
            ids: list[str] = []
            if hasattr(viewset, "list"):
                ids = _check(
                    client,
                    audience,
                    base + "?page_size=200",
                    prefix,
                    people,
                    full_bsns,
                    walked,
                    kind="list",
                )
            elif prefix == "overdrachten":
                ids = list(people)[:3]
            elif prefix == "pip-onderdelen":
                ids = [str(u) for u in Component.objects.values_list("uuid", flat=True)[:5]]
            if not hasattr(viewset, "retrieve"):
                ids = []
            for ident in ids[:4]:
                _check(
                    client,
                    audience,
                    f"{base}{ident}/",
                    prefix,
                    people,
                    full_bsns,
                    walked,
                    kind="detail",
                )
                for extra in viewset.get_extra_actions():
                    if not extra.detail or "get" not in extra.mapping or "(?P" in extra.url_path:
                        continue
                    if extra.url_path in FILE_ACTIONS and ident != ids[0]:
                        continue
                    _check(
                        client,
                        audience,
                        f"{base}{ident}/{extra.url_path}/",
                        prefix,
                        people,
                        full_bsns,
                        walked,
                        kind=extra.url_path,
                    )
    # every route that shows persons was walked with at least one person in its answer
    expected = {
        "klanten",
        "intakes",
        "pip",
        "pip-versies",
        "pip-onderdelen",
        "voortgangsgesprekken",
        "handhavingszaken",
        "duo-besluiten",
        "verklaringen-te-laat-aanbod",
        "afsluitingen",
        "overdrachten",
        "inschrijvingen",
        "meldingen",
        "werkvoorraad",
    }
    assert expected <= {route for route, n in walked.items() if n}, walked


def _check(client, audience, url, prefix, people, full_bsns, walked, *, kind):
    response, new, inserts = _get(client, audience, url)
    where = f"{audience.label} GET {url}"
    if response.status_code != 200:
        assert response.status_code in (403, 404), f"{where}: {response.status_code}"
        assert not new, f"{where}: a refused read is not logged as a read"
        return []
    if response["Content-Type"].startswith("application/json"):
        data = response.json()
        shown = {people[s] for s in _strings(data) if s in people}
        _check_fields(audience, data, prefix, full_bsns, where, kind)
    else:  # a file (zip, pdf) about the client in the URL
        shown = {people[s] for s in url.split("/") if s in people}
        shown |= {new_row.person_id for new_row in new}
        assert new, f"{where}: a file about a person without an access-log row"
        data = None
    logged = {row.person_id for row in new}
    assert shown <= logged, f"{where}: persons shown but not logged: {shown - logged}"
    if shown:
        walked[prefix] = walked.get(prefix, 0) + 1
        audiences = visibility.API_RESOURCE_AUDIENCES.get(prefix, frozenset())
        assert audience.role in audiences, f"{where}: /{prefix}/ shows persons to {audience.role}"
        assert inserts == 1, f"{where}: {inserts} inserts; the access log is one bulk insert"
        assert all(row.channel == "api" for row in new), where
    else:
        walked.setdefault(prefix, 0)
    if data is None:
        return []
    rows = _rows(data)
    keys = ("uuid", "id", "client")
    ids = [next((r[k] for k in keys if r.get(k)), None) for r in rows if isinstance(r, dict)]
    return [str(i) for i in ids if i is not None][:4]


def _check_fields(audience, data, prefix, full_bsns, where, kind):
    allowed = set(visibility.VISIBLE_CLIENT_FIELDS.get(audience.role, visibility.NONE))
    if prefix == "klanten" and kind == "detail":
        # the client himself: exactly the fields of the table
        expected = visibility.client_fields(audience.role, detail=True)
        assert set(data) == set(expected), f"{where}: fields {sorted(data)} != {expected}"
    if prefix == "klanten" and kind == "list":
        expected = visibility.client_fields(audience.role, detail=False)
        for row in _rows(data):
            assert set(row) == set(expected), f"{where}: list fields {sorted(row)} != {expected}"
    for obj in _dicts(data):
        extra = (set(obj) & PERSONAL_FIELDS) - allowed
        assert not extra, f"{where}: {sorted(extra)} not in the field table for {audience.role}"
    if audience.role not in visibility.FULL_BSN_ROLES:
        leaked = {s for s in _strings(data) if s in full_bsns}
        assert not leaked, f"{where}: a full BSN for {audience.role}"


def test_field_table_is_the_documented_one():
    """docs/roles.md has the table; this keeps them in step (a change needs both)."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[3] / "docs" / "roles.md").read_text(encoding="utf-8")
    for role, fields in visibility.VISIBLE_CLIENT_FIELDS.items():
        line = next((ln for ln in text.splitlines() if ln.startswith(f"| `{role}` ")), None)
        assert line is not None, f"docs/roles.md has no field-table row for {role}"
        for name in visibility.CLIENT_FIELDS:
            cell = f"`{name}`"
            assert (cell in line) == (name in fields), f"docs/roles.md: {role} {name}"
