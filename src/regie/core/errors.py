"""The errors every app raises for a refused change, and that views and the API answer alike.

- :class:`ConflictError`: the change clashes with the state of the data (a stale version, a
  transition the case's state does not allow). Views answer 409 with the Dutch message, the API a
  409 JSON body ``{"detail": ...}``.
- :class:`core.locking.VersionConflict` is the optimistic-locking case of it.
"""

from django.utils.translation import gettext_lazy as _


class ConflictError(Exception):
    """A change that conflicts with the current state. ``str(exc)`` is a Dutch sentence for the user."""

    default_message = _("Deze handeling past niet bij de huidige stand van het dossier.")

    def __init__(self, message=None):
        self.message = message if message is not None else self.default_message
        super().__init__(self.message)

    def __str__(self) -> str:
        return str(self.message)
