"""Work items of the progress app: the new PIP after a move within the region.

Created by ``services.move_within_region`` for the client's case manager (the draft revision with
reason *verhuizing* is to be completed and offered for decision to the college of the new
municipality); the case manager marks it done. Registered in ``ProgressConfig.ready()``.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regie.core import workitems
from regie.core.roles import Role

MOVE_KIND = "progress.move_pip"
MOVE_DUE_DAYS = 14  # a working agreement of the team, not a legal term


def _url(item, subject):
    return reverse("plans:overview", args=[subject.obj.uuid]) if subject else None


def register() -> None:
    workitems.register_kind(
        MOVE_KIND,
        _("PIP na verhuizing binnen de regio"),
        role=Role.CASE_MANAGER,
        due_days=MOVE_DUE_DAYS,
        url=_url,
        link_text=_("Naar het PIP"),
    )
