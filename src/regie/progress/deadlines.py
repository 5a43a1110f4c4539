"""Deadline provider of the progress app (registered in ``ProgressConfig.ready``).

* ``review`` 1..n: ``review_min_count`` reviews within ``review_window_months`` from the PIP date,
  spread evenly; met on the date a review was held (UNCONFIRMED local norm from the seed, no Atw).
* ``contact_year_one``: last review or contact + ``contact_interval_weeks_year_one``, while within
  the first year after the PIP date (local norm, no Atw).
* ``late_offer`` (asylum holders): the offer must start within ``late_offer_months``
  (``late_offer_months_education`` for the onderwijsroute) of the PIP date.
* ``term_end``: after a DUO extension the new end date replaces the plans app's term end.
* A closed client: every deadline of every provider is marked met on the closing date, so nothing
  stays open while the history of what was due is kept (see docs/progress.md).
"""

import dataclasses

from dateutil.relativedelta import relativedelta

from django.utils.translation import gettext as _

from regie.clients import deadlines
from regie.clients.models import Client, ClientStatus, DeadlineKind

from .models import DuoDecision, DuoDecisionKind, Review, ReviewKind
from .selectors import late_offer_check, next_contact_due, plan_facts, review_schedule


def _open_specs(client: Client) -> list[deadlines.DeadlineSpec]:
    specs: list[deadlines.DeadlineSpec] = []
    extension = (
        DuoDecision.objects.filter(
            client=client, kind=DuoDecisionKind.EXTENSION, new_end_date__isnull=False
        )
        .order_by("-decision_date", "-id")
        .first()
    )
    if extension:
        specs.append(
            deadlines.DeadlineSpec(
                DeadlineKind.TERM_END,
                extension.new_end_date,
                _(
                    "Inburgeringstermijn verlengd door DUO (besluit van %(date)s, grond: "
                    "%(ground)s); Wet art. 12."
                )
                % {
                    "date": extension.decision_date.strftime("%d-%m-%Y"),
                    "ground": extension.get_ground_display() or "-",
                },
            )
        )
    facts = plan_facts(client)
    if not facts.decided:
        return specs
    held = list(
        Review.objects.filter(client=client, held_on__isnull=False).values_list("kind", "held_on")
    )
    review_days = [d for kind, d in held if kind == ReviewKind.REVIEW]
    slots, rules = review_schedule(facts.pip_date, review_days)
    for slot in slots:
        specs.append(
            deadlines.DeadlineSpec(
                DeadlineKind.REVIEW,
                slot.due_date,
                _(
                    "Voortgangsgesprek %(i)s van %(n)s binnen %(m)s maanden na het PIP "
                    "(%(pip)s); lokale norm, niet bevestigd (%(source)s)."
                )
                % {
                    "i": slot.sequence,
                    "n": len(slots),
                    "m": rules.value("review_window_months"),
                    "pip": facts.pip_date.strftime("%d-%m-%Y"),
                    "source": rules.source("review_min_count"),
                },
                unconfirmed=rules.unconfirmed("review_min_count")
                or rules.unconfirmed("review_window_months"),
                met_on=slot.met_on,
                sequence=slot.sequence,
            )
        )
    due, rules = next_contact_due(facts.pip_date, [d for _kind, d in held])
    if due:
        specs.append(
            deadlines.DeadlineSpec(
                DeadlineKind.CONTACT_YEAR_ONE,
                due,
                _("Contact elke %(w)s weken in het eerste jaar na het PIP; lokale norm.")
                % {"w": rules.value("contact_interval_weeks_year_one")},
                unconfirmed=rules.unconfirmed("contact_interval_weeks_year_one"),
            )
        )
    if client.is_asylum_holder:
        check = late_offer_check(client, facts.pip_date, facts)
        deadline = facts.pip_date + relativedelta(months=check.allowed_months)
        met = facts.offer_start if facts.offer_start and facts.offer_start <= deadline else None
        key = "late_offer_months_education" if facts.route == "onderwijs" else "late_offer_months"
        specs.append(
            deadlines.DeadlineSpec(
                DeadlineKind.LATE_OFFER,
                deadline,
                _(
                    "Aanbod gestart binnen %(m)s maanden na het PIP (%(pip)s); anders kan de klant "
                    "een verklaring te laat aanbod vragen (rulebook §2.5)."
                )
                % {"m": check.allowed_months, "pip": facts.pip_date.strftime("%d-%m-%Y")},
                unconfirmed=check.rules.unconfirmed(key),
                met_on=met,
            )
        )
    return specs


def provider(client: Client) -> list[deadlines.DeadlineSpec]:
    if client.status != ClientStatus.CLOSED:
        return _open_specs(client)
    # Closed: collect what every other provider (and this one) would say and mark it met on the
    # closing date. Later providers replace earlier specs with the same (kind, sequence).
    specs: list[deadlines.DeadlineSpec] = []
    for other in deadlines.PROVIDERS:
        if other is not provider:
            specs.extend(other(client))
    specs.extend(_open_specs(client))
    closed_on = client.closed_on
    return [dataclasses.replace(s, met_on=s.met_on or closed_on) for s in specs]
