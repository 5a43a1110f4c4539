"""The schema tells the truth (issue Security, item 13): what the API answers is what the schema
says, for the cases the probe found wrong."""

import pytest

from regie.core.models import Organisation
from regie.core.roles import OrganisationKind

ERRORS = {"400", "401", "403", "404", "413", "414", "429"}


@pytest.fixture
def schema(client):
    return client.get("/api/v1/schema/?format=json").json()


@pytest.mark.django_db
def test_every_operation_documents_its_4xx_answers(schema):
    assert "ApiError" in schema["components"]["schemas"]
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            codes = set(operation["responses"])
            assert codes >= ERRORS, f"{method} {path}: {sorted(ERRORS - codes)} undocumented"
            if method != "get":
                assert "409" in codes, f"{method} {path}: 409 undocumented"


@pytest.mark.django_db
def test_deadlines_are_paginated_as_documented(schema, world, login, client):
    ref = schema["paths"]["/api/v1/klanten/{uuid}/termijnen/"]["get"]["responses"]["200"]
    assert ref["content"]["application/json"]["schema"]["$ref"].endswith("PaginatedDeadlineList")
    login(*world.as_role("cm1"))
    body = client.get(f"/api/v1/klanten/{world.clients['own_cm1'].uuid}/termijnen/").json()
    assert set(body) == {"count", "next", "previous", "results"}


@pytest.mark.django_db
def test_national_party_without_region_is_null_and_nullable(schema, world, login, client):
    Organisation.objects.create(name="DUO", kind=OrganisationKind.EXTERNAL, region=None)
    region = schema["components"]["schemas"]["Organisation"]["properties"]["region"]
    assert region.get("nullable") is True
    login(*world.as_role("cm1"))
    rows = client.get("/api/v1/organisaties/?page_size=200").json()["results"]
    duo = [row for row in rows if row["name"] == "DUO"]
    assert duo and duo[0]["region"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0", "-1", "abc", "201", "1e3", "٣"])
def test_invalid_page_size_is_a_dutch_400(world, login, client, value):
    login(*world.as_role("cm1"))
    response = client.get("/api/v1/klanten/", {"page_size": value})
    assert response.status_code == 400
    assert "paginagrootte" in str(response.json()["errors"]["page_size"])


@pytest.mark.django_db
def test_valid_page_size_is_used(world, login, client):
    login(*world.as_role("cm1"))
    body = client.get("/api/v1/klanten/", {"page_size": "1"}).json()
    assert len(body["results"]) == 1 and body["count"] == 3 and body["next"]


@pytest.mark.django_db
def test_no_write_answer_is_documented_as_a_page(schema):
    """Writes answer the changed object or a bare list, never a page (e.g. POST …/datums/)."""
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"post", "put", "patch"}:
                for code in ("200", "201"):
                    text = str(operation["responses"].get(code, ""))
                    assert "Paginated" not in text, f"{method} {path} {code}"
