"""Schemathesis over the whole API (issue Security, item 13): every operation, in process through
the WSGI app, on demo data, as a provider token and as a case manager's session. Checks: no 5xx,
every status code and every response body as the OpenAPI schema says. Bounded (a few examples per
operation) so it runs in well under two minutes; the schema is the one the code serves, which is
the one ``make openapi`` commits."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client as DjangoClient

from regie.core.models import RoleAssignment
from regie.core.principal import SESSION_KEY
from regie.core.roles import Role
from regie.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = {"GET": 6}
OTHER_EXAMPLES = 3


def _session_cookie(role: str) -> dict:
    assignment = (
        RoleAssignment.objects.select_related("user").filter(role=role).order_by("id").first()
    )
    browser = DjangoClient()
    browser.force_login(assignment.user)
    session = browser.session
    session[SESSION_KEY] = assignment.pk
    session.save()
    return {"sessionid": browser.cookies["sessionid"].value}


@pytest.mark.django_db
def test_whole_api_conforms_to_its_schema():
    from regie.demo.loader import load_region

    load_region(client_count=18)
    audiences = {
        "token aanbieder": ({"Authorization": "Token demo-token-fiolet"}, None),
        "sessie klantregisseur": ({}, _session_cookie(Role.CASE_MANAGER)),
    }
    # Like Django's test client: the WSGI app must not close the test's connection (PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
        operations = [result.ok() for result in schema.get_all_operations()]
        paths = {op.path for op in operations}
        assert len(operations) >= 60 and "/api/v1/klanten/{uuid}/termijnen/" in paths
        statuses: dict[str, dict[int, int]] = {}
        for label, (headers, cookies) in audiences.items():
            for operation in operations:
                _run(operation, headers, cookies, label, statuses.setdefault(label, {}))
        for label, (headers, cookies) in audiences.items():
            _walk_real_data(operations, headers, cookies, label, statuses[label])
        for label, seen in statuses.items():
            # the walk reached data, not only refusals
            assert seen.get(200, 0) >= 20, f"{label}: {seen}"
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _run(operation, headers, cookies, label, statuses):
    @settings(
        max_examples=EXAMPLES.get(operation.method.upper(), OTHER_EXAMPLES),
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        try:
            response = case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        except Exception as exc:
            exc.add_note(f"{label}: {operation.method.upper()} {operation.path}")
            raise

    run()


def _walk_real_data(operations, headers, cookies, label, statuses):
    """Random uuids mostly meet a 404: also read every list and, with the ids it gives, every
    detail and GET action, so the schema of real answers is checked too."""
    ids: dict[str, list[str]] = {}
    gets = [op for op in operations if op.method.upper() == "GET"]
    for operation in gets:
        if "{" in operation.path:
            continue
        case = operation.Case(query={"page_size": 50} if _paginated(operation) else None)
        response = case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code != 200:
            continue
        body = response.json()
        rows = body["results"] if isinstance(body, dict) and "results" in body else body
        prefix = operation.path.split("/")[3]
        for row in rows if isinstance(rows, list) else []:
            ident = next((row[k] for k in ("uuid", "id", "client") if row.get(k)), None)
            if ident is not None:
                ids.setdefault(prefix, []).append(str(ident))
    for operation in gets:
        names = [p.name for p in operation.path_parameters]
        if len(names) != 1:
            continue
        prefix = operation.path.split("/")[3]
        for ident in ids.get(prefix, [])[:3]:
            case = operation.Case(path_parameters={names[0]: ident})
            response = case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1


def _paginated(operation) -> bool:
    return any(p.name == "page_size" for p in operation.query)
