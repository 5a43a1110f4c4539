"""The start of the duty, its age bounds and the law a case runs under (issue 9).

* The start of the duty is its own fact (``Client.duty_start`` with ``duty_start_reason``): the
  permit date, the end of leerplicht or kwalificatieplicht, or another reason with a note. Empty
  means the permit date (``Client.duty_starts_on``).
* The duty runs from 16 up to the pension age (``core.pension_age``). A person outside those
  bounds is **warned, never refused**: the case manager confirms he checked it
  (``age_checked``: a checkbox on the form, a field in the API, a column in the CSV import).
* The law: a duty that started before 1 January 2022 stays under the Wet inburgering 2013
  (``core.ruleset.LEGACY_LAW_CUTOFF``). Such a person is registered as a Wi2013 case (``regime``),
  never refused; the registration only asks that the chosen law and the start date agree.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import pension_age
from regie.core.legal_terms import format_date_nl
from regie.core.ruleset import LEGACY_LAW_CUTOFF

from .models import DutyStartReason, Regime


def wi2013_refusal(what: str) -> str:
    """The Dutch answer when a Wi2021 step (``what``: "een PIP opstellen") is asked for a Wi2013
    case: the municipality only guides him and offers the voluntary offer."""
    return _(
        "Deze klant valt onder de Wet inburgering 2013: %(what)s kan niet. De gemeente biedt "
        "alleen begeleiding en het vrijwillige aanbod."
    ) % {"what": what}


def regime_for(duty_start: dt.date | None) -> str:
    """The law a duty that started on ``duty_start`` runs under (Wi2021 when unknown)."""
    if duty_start and duty_start < LEGACY_LAW_CUTOFF:
        return Regime.WI2013
    return Regime.WI2021


def age_warnings(
    born: dt.date | None, duty_start: dt.date | None, reason: str, today: dt.date | None = None
) -> list[str]:
    """Dutch warnings when the person is outside 16 up to the pension age (none when unknown)."""
    if born is None or duty_start is None:
        return []
    today = today or timezone.localdate()
    warnings = []
    sixteen = pension_age.sixteenth_birthday(born)
    if duty_start < sixteen:
        warnings.append(
            _(
                "Deze persoon is bij de start van de plicht (%(start)s) jonger dan 16 jaar; de "
                "plicht begint op zijn vroegst op %(sixteen)s. Controleer de startdatum."
            )
            % {"start": format_date_nl(duty_start), "sixteen": format_date_nl(sixteen)}
        )
    elif (
        reason == DutyStartReason.PERMIT
        and pension_age.age_on(born, duty_start) < 18
        and duty_start >= sixteen
    ):
        warnings.append(
            _(
                "Deze persoon is bij de vergunning jonger dan 18 jaar. Wie nog leerplichtig of "
                "kwalificatieplichtig is, wordt pas inburgeringsplichtig als die plicht eindigt. "
                "Controleer de reden van de start."
            )
        )
    pension = pension_age.pension_date(born)
    if pension <= max(duty_start, today):
        warnings.append(
            _(
                "Deze persoon bereikt de AOW-leeftijd op %(date)s; daarmee eindigt de "
                "inburgeringsplicht (AOW-leeftijd volgens de tabel, niet bevestigd)."
            )
            % {"date": format_date_nl(pension)}
        )
    return warnings


def check_duty(fields: dict, today: dt.date | None = None) -> tuple[list[tuple[str, str]], str]:
    """Problems (field, Dutch message) with the duty facts in ``fields``, and the law to apply.

    ``fields`` holds the registration values; ``regime`` empty means: derive it from the start.
    Refuses nothing about the person: only a missing note, a start before the permit, a chosen
    law that contradicts the start date, or an age warning that was not confirmed."""
    problems: list[tuple[str, str]] = []
    permit = fields.get("permit_date")
    start = fields.get("duty_start") or permit
    reason = fields.get("duty_start_reason") or DutyStartReason.PERMIT
    if reason == DutyStartReason.OTHER and not (fields.get("duty_start_note") or "").strip():
        problems.append(("duty_start_note", _("Leg uit waarom de plicht op deze datum begint.")))
    if reason != DutyStartReason.PERMIT and not fields.get("duty_start"):
        problems.append(("duty_start", _("Vul de datum in waarop de inburgeringsplicht begint.")))
    if permit and fields.get("duty_start") and fields["duty_start"] < permit:
        problems.append(
            (
                "duty_start",
                _("De plicht kan niet beginnen voor de datum van de vergunning."),
            )
        )
    derived = regime_for(start)
    chosen = fields.get("regime") or derived
    if start and chosen != derived:
        if derived == Regime.WI2013:
            message = _(
                "De plicht begon voor 1-1-2022: kies Wet inburgering 2013. De klant wordt dan "
                "ingeschreven zonder PIP, met begeleiding en het vrijwillige aanbod."
            )
        else:
            message = _(
                "De plicht begon op of na 1-1-2022: de Wet inburgering 2021 geldt. Kies Wet "
                "inburgering 2021 of pas de startdatum van de plicht aan."
            )
        problems.append(("regime", message))
    warnings = []
    if fields.get("is_obliged", True):  # a household member who is not obliged: no warning
        warnings = age_warnings(fields.get("date_of_birth"), start, reason, today)
    if warnings and not fields.get("age_checked"):
        problems.append(
            (
                "age_checked",
                " ".join(warnings)
                + " "
                + _("Zet het vinkje 'Ik heb de leeftijd gecontroleerd' om toch in te schrijven."),
            )
        )
    return problems, chosen


def summary(client) -> dict:
    """What the dossier shows about the duty's bounds: the pension date and the age warnings."""
    born = client.date_of_birth
    return {
        "pension_date": pension_age.pension_date(born) if born else None,
        "warnings": age_warnings(born, client.duty_starts_on, client.duty_start_reason),
    }
