import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from regie.clients.tests.factories import HouseholdFactory
from regie.plans.models import ComponentKind, VersionStatus
from regie.plans.tests.factories import ComponentFactory, PlanFactory, PlanVersionFactory
from regie.portal import oidc
from regie.portal.standin import StandinProvider


@pytest.fixture
def standin(settings):
    provider = StandinProvider([]).start()
    settings.REGIE_PORTAL_OIDC_ISSUER = provider.issuer
    settings.REGIE_PORTAL_OIDC_CLIENT_ID = provider.client_id
    settings.REGIE_PORTAL_OIDC_CLIENT_SECRET = provider.client_secret
    yield provider
    provider.stop()
    oidc._discovery.clear()
    oidc._jwks_clients.clear()


def with_plan(client, *, today=None):
    today = today or dt.date.today()
    plan = PlanFactory(
        client=client,
        term_start=today - dt.timedelta(days=60),
        term_end=today + dt.timedelta(days=900),
    )
    version = PlanVersionFactory(
        plan=plan,
        status=VersionStatus.DECIDED,
        decision_date=today - dt.timedelta(days=60),
        notes="INTERNE NOTITIE niet tonen",
    )
    ComponentFactory(
        plan_version=version,
        kind=ComponentKind.LANGUAGE,
        hours_planned=600,
        offer_start=today + dt.timedelta(days=14),
    )
    ComponentFactory(
        plan_version=version,
        kind=ComponentKind.KNM,
        hours_planned=40,
        offer_start=today - dt.timedelta(days=7),
    )
    return version


@pytest.fixture
def newcomer(world):
    """Client own_cm1 with a decided plan, in a household with another adult (own_cm2's data
    must stay invisible to him)."""
    me = world.clients["own_cm1"]
    other = world.clients["income"]
    household = HouseholdFactory(municipality=me.municipality)
    for c in (me, other):
        c.household = household
        c.save()
    with_plan(me)
    return me


def portal_login(django_client, bsn, *, level="substantieel"):
    """The whole authorisation-code flow: our login, the stand-in's page, back to our callback."""
    start = django_client.get("/mijn/inloggen/digid/")
    assert start.status_code == 302, start
    authorize = start["Location"]
    page = requests.get(authorize, timeout=5)
    assert page.status_code == 200 and "DEMO" in page.text
    fields = dict(
        re.findall(r'name="(client_id|redirect_uri|state|nonce)" value="([^"]*)"', page.text)
    )
    answer = requests.post(
        authorize.split("?")[0],
        data={**fields, "other_bsn": bsn, "level": level},
        allow_redirects=False,
        timeout=5,
    )
    back = urlparse(answer.headers["Location"])
    query = {k: v[0] for k, v in parse_qs(back.query).items()}
    return django_client.get(back.path, query)
