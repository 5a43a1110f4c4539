"""Maatschappelijke begeleiding (issue 14): the work item a case manager gives the client's
begeleider, and the begeleider's start-page card. Registered in ``ProgressConfig.ready()``."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core import hooks, workitems
from regie.core.roles import Role

from .selectors import RECENT_NOTE_DAYS, guide_overview

TASK_KIND = "progress.guidance_task"
TASK_DUE_DAYS = 10  # a working agreement of the team, not a legal term


def _task_url(item, subject):
    if subject is None:
        return None
    return reverse("progress:guidance", args=[subject.obj.uuid])


def _task_describe(item):
    text = item.details.get("text") or item.summary
    who = item.details.get("from")
    return f"{text} ({who})" if who else text


def register() -> None:
    workitems.register_kind(
        TASK_KIND,
        _("Vraag van de klantregisseur"),
        role=Role.SOCIAL_GUIDE,
        due_days=TASK_DUE_DAYS,
        url=_task_url,
        link_text=_("Naar de begeleiding"),
        describe=_task_describe,
    )
    hooks.register_home_card(guide_card)


def guide_card(request, principal):
    """The begeleider's start page: his appointments this week, his open tasks and his clients
    without a recent note. Fixed number of queries."""
    if principal is None or principal.user is None or principal.role != Role.SOCIAL_GUIDE:
        return None
    from regie.core.audit import log_access
    from regie.core.models import AccessLogEntry
    from regie.core.selectors import open_work_items

    today = timezone.localdate()
    overview = guide_overview(principal, today)
    shown = [(a.client.pk, a.client.bsn) for a in overview["week"]]
    shown += [(c.pk, c.bsn) for c in overview["quiet"]]
    if shown:
        log_access(
            principal,
            list(dict.fromkeys(shown)),
            part="start",
            activity="dossier-inzien",
            action=AccessLogEntry.Action.LIST,
        )
    return {
        "template": "progress/_home_guide.html",
        "order": 9,
        "title": _("Wat op u wacht"),
        "overview": overview,
        "open_tasks": open_work_items(principal).filter(kind=TASK_KIND).count(),
        "recent_days": RECENT_NOTE_DAYS,
        "week_end": today + dt.timedelta(days=6),
    }
