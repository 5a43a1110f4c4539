"""Schemathesis against the provider reporting API, in process through the WSGI app, with a
valid provider token: no 5xx and no response that breaks the OpenAPI schema."""

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

from regie.wsgi import application

from .test_reporting import TODAY, attendance, make_offer
from .test_reporting_api import URL, token_for

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.django_db
def test_provider_reporting_api_conforms_to_its_schema(world, client):
    _product, (enrolment,) = make_offer(world)
    headers = token_for(world)
    seeded = client.post(
        URL,
        {"reports": [attendance(enrolment, "seed-1", TODAY)]},
        content_type="application/json",
        **headers,
    )
    assert seeded.status_code == 200
    auth = {"Authorization": headers["HTTP_AUTHORIZATION"]}
    # Like Django's test client: the WSGI app must not close the test's connection (PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        _run(auth)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _run(auth):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    operations = [
        result.ok()
        for result in schema.include(path_regex=r"^/api/v1/meldingen/").get_all_operations()
    ]
    assert {op.method.upper() for op in operations} == {"GET", "POST"}
    for operation in operations:

        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            case.call_and_validate(headers=auth, checks=CHECKS)

        run()
