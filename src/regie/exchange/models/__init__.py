"""The exchange models, one module per part so the parts can grow apart:
delivery (the delivery worker and the ZGW export), brp (Haal Centraal), duo (DUO's portal)."""

from .brp import *  # noqa: F401,F403
from .delivery import *  # noqa: F401,F403
from .duo import *  # noqa: F401,F403
