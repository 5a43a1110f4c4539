"""The actor of the current request or command, for the audit trail (a context variable)."""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class ActorContext:
    user: object | None = None
    principal: object | None = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    channel: str = "ui"


_current: ContextVar[ActorContext | None] = ContextVar("regie_actor", default=None)


def current() -> ActorContext:
    ctx = _current.get()
    if ctx is None:
        ctx = ActorContext(channel="cli")
        _current.set(ctx)
    return ctx


def set_current(ctx: ActorContext):
    return _current.set(ctx)


def reset(token) -> None:
    _current.reset(token)


@contextmanager
def acting_as(user=None, principal=None, channel: str = "cli"):
    """Run a block (a command, a task, a test) as a given actor."""
    token = _current.set(ActorContext(user=user, principal=principal, channel=channel))
    try:
        yield
    finally:
        _current.reset(token)
