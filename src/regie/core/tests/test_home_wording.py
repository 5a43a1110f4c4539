"""Start pages say what is there (issue 14, item 13): a provider has clients enrolled with it,
not a caseload; the contract manager's page leads to his work, with no placeholder text."""

import re

from django.urls import reverse


def _home(world, login, client, key):
    login(*world.as_role(key))
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_provider_start_page_counts_enrolled_clients_not_a_caseload(world, login, client):
    body = _home(world, login, client, "provider_p1")
    text = re.sub(r"<[^>]+>", " ", body)  # what the user reads
    assert "caseload" not in text
    assert re.search(r"\d+ klant(?:en)? ingeschreven bij uw organisatie", body)


def test_contract_manager_start_page_has_real_links_and_no_placeholder(world, login, client):
    body = _home(world, login, client, "contract")
    assert "komen hier" not in body
    for name in ("offer:contracts", "offer:providers", "offer:groups", "reporting:quality"):
        assert f'href="{reverse(name)}"' in body, name
    for link in re.findall(r'href="(/[^"#]*)"', body):
        if link.startswith(("/static/", "/uitloggen", "/api/")):
            continue
        assert client.get(link).status_code == 200, link
