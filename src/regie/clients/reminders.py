"""Reminders before each deadline: one per deadline, case manager and due date (idempotent).

Run daily by the worker (``regie worker``) and by ``regie deadlines remind``. The reminder shows on
the case manager's start page and goes out by e-mail without personal data (only a count and a
link), because e-mail is not a safe channel for special-category data.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.ruleset import rules_on

from .models import ClientStatus, Deadline, Reminder


def send_reminders(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    days = int(rules_on(today).value("reminder_days"))
    horizon = today + dt.timedelta(days=days)
    due = (
        Deadline.objects.filter(
            met_on__isnull=True,
            due_date__gte=today,
            due_date__lte=horizon,
            client__case_manager__isnull=False,
        )
        .exclude(client__status=ClientStatus.CLOSED)
        .select_related("client__case_manager")
    )
    created_per_user: dict = {}
    for deadline in due.iterator(chunk_size=1000):
        user = deadline.client.case_manager
        try:
            with transaction.atomic():
                Reminder.objects.create(deadline=deadline, user=user, due_date=deadline.due_date)
        except IntegrityError:
            continue
        created_per_user.setdefault(user, 0)
        created_per_user[user] += 1
    for user, count in created_per_user.items():
        if user.email:
            send_mail(
                _("Regie Inburgering: %(n)s termijnen binnenkort") % {"n": count},
                _(
                    "Er lopen %(n)s termijnen af in de komende %(d)s dagen. Bekijk uw werkvoorraad in "
                    "Regie Inburgering."
                )
                % {"n": count, "d": days},
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
                fail_silently=True,
            )
    return sum(created_per_user.values())
