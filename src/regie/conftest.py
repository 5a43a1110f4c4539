"""Shared fixtures: a small world with two regions, two municipalities, two providers, every role;
and the hypothesis profiles."""

import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from regie.testing import World, build_world

# Hypothesis: ``ci`` (when CI=true) is reproducible and bounded: the same examples on every run, no
# timing deadline on a shared 2-core machine, no example database. ``dev`` explores new random
# examples each run and remembers failing ones in .hypothesis/. HYPOTHESIS_PROFILE picks one
# explicitly. A test's own @settings(max_examples=...) still wins over the profile's number.
hypothesis_settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.register_profile("dev", max_examples=50, deadline=None)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters (core/throttling.py) never leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def login(client):
    """Log a test client in as a user, in a given role assignment."""
    from regie.core.principal import SESSION_KEY

    def _login(user, assignment=None, c=None):
        c = c or client
        c.force_login(user)
        if assignment is not None:
            session = c.session
            session[SESSION_KEY] = assignment.pk
            session.save()
        return c

    return _login
