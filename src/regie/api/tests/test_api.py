"""API base: schema drift, documentation served from the app, errors as Dutch 4xx JSON."""

from pathlib import Path

import pytest
import yaml

from django.conf import settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

from regie.core.drf import issue_token
from regie.core.models import ApiClient
from regie.core.roles import Role

COMMITTED = Path(settings.PROJECT_DIR) / "openapi.yaml"


def test_committed_openapi_matches_the_code():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    generated = OpenApiYamlRenderer().render(schema, renderer_context={}).decode()
    assert yaml.safe_load(generated) == yaml.safe_load(COMMITTED.read_text()), (
        "openapi.yaml is verouderd: voer 'make openapi' uit en commit het resultaat."
    )


@pytest.mark.django_db
def test_schema_and_docs_are_served_without_cdn(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert text.startswith("openapi: 3.") and "/api/v1/klanten/:" in text
    docs = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "https://" not in docs.split("<body")[0]  # assets come from the app (sidecar)
    redoc = client.get("/api/v1/redoc/")
    assert redoc.status_code == 200
    page = redoc.content.decode()
    assert "/api/v1/schema/" in page and "redoc.standalone.js" in page
    assert "https://" not in page  # no web fonts or scripts from elsewhere


@pytest.mark.django_db
def test_token_api_me_and_errors(world, client):
    api_client = ApiClient(name="Systeem", organisation=world.orgs["p1"], role=Role.PROVIDER_STAFF)
    token = issue_token(api_client)
    assert api_client.key_hash != token and token not in api_client.key_hash
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"}
    me = client.get("/api/v1/ik/", **headers).json()
    assert me["role"] == "aanbieder" and me["organisation"]["name"] == "Aanbieder P1"
    missing = client.get("/api/v1/klanten/00000000-0000-0000-0000-000000000000/", **headers)
    assert missing.status_code == 404 and "bestaat niet" in missing.json()["detail"]
    wrong = client.get("/api/v1/klanten/niet-een-uuid/", **headers)
    assert wrong.status_code == 404
    bad_page = client.get("/api/v1/klanten/?page=99", **headers)
    assert bad_page.status_code == 404 and "detail" in bad_page.json()
    bad_header = client.get("/api/v1/klanten/", HTTP_AUTHORIZATION="Token a b")
    assert bad_header.status_code == 401
    post = client.post("/api/v1/organisaties/", {}, content_type="application/json", **headers)
    assert post.status_code == 405 and "niet toegestaan" in post.json()["detail"]
    api_client.is_active = False
    api_client.save()
    assert client.get("/api/v1/ik/", **headers).status_code == 401


@pytest.mark.django_db
def test_a_number_too_large_for_the_database_is_a_400(world, client):
    from regie.core.principal import SESSION_KEY

    user, assignment = world.as_role("cm1")
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = assignment.pk
    session.save()
    c = world.clients["own_cm1"]
    response = client.post(
        f"/api/v1/klanten/{c.uuid}/datums/", {"version": 10**20}, content_type="application/json"
    )
    assert 400 <= response.status_code < 500
