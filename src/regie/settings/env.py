"""One typed, self-documenting way to read an environment variable.

Every variable read here is recorded in ``REGISTRY`` with its default and help text; a test checks
that the README documents each one.
"""

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EnvVar:
    name: str
    default: Any
    help: str


REGISTRY: dict[str, EnvVar] = {}

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nee", ""}


def env(name: str, default: Any, help: str, cast: type | None = None) -> Any:
    """Read ``name`` from the environment, cast to the type of ``default`` (or ``cast``)."""
    REGISTRY[name] = EnvVar(name, default, help)
    raw = os.environ.get(name)
    if raw is None:
        return default
    kind = cast or type(default)
    if kind is bool:
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ValueError(f"{name}: expected a boolean, got {raw!r}")
    if kind is int:
        return int(raw)
    if kind is list:
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw
