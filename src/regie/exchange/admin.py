"""Admin of the exchange app: one module per part."""

from . import duo_admin  # noqa: F401
