"""API names (docs/glossary.md): ``?client=`` filters the plans; the old ``?klant=`` still works for
the 1.x versions (removed in 2.0: delete this file's alias cases then)."""

import pytest

from .helpers import decided_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/pip/", "/api/v1/pip-versies/"])
def test_plans_filter_on_client_and_the_deprecated_klant(world, login, client, url):
    own, other = world.clients["own_cm1"], world.clients["own_cm2"]
    decided_plan(world, own)
    decided_plan(world, other)
    login(*world.as_role("tl"))
    assert client.get(url).json()["count"] == 2
    by_client = client.get(f"{url}?client={own.uuid}").json()
    assert [r["client"] for r in by_client["results"]] == [str(own.uuid)]
    assert client.get(f"{url}?klant={own.uuid}").json() == by_client
    # the new name wins when both are given
    assert client.get(f"{url}?client={own.uuid}&klant={other.uuid}").json() == by_client
    bad = client.get(f"{url}?klant=geen-uuid")
    assert bad.status_code == 400 and bad.json()["errors"] == {
        "klant": ["Vul een geldige uuid in."]
    }
