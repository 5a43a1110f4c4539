"""factory_boy factories of the exchange app."""

import factory  # noqa: F401
