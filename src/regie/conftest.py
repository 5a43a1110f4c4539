"""Shared fixtures: a small world with two regions, two municipalities, two providers, every role."""

import pytest

from regie.testing import World, build_world


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
