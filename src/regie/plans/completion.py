"""When a part of the route is completed: attended hours and the recorded signing or eindgesprek.

sources: docs/rules.md (numbers in the rule set, with their source and UNCONFIRMED mark):

- PVT: at least ``pvt_min_hours`` attended hours including the signing of the
  participatieverklaring, and the signing recorded.
- MAP (not in the onderwijsroute): at least ``map_min_hours`` attended practical hours, and the
  eindgesprek with the municipality recorded.
- Z-route: at least ``z_route_language_hours`` attended hours of language and KNM together; for
  asylum holders also ``z_route_participation_hours`` attended participation hours (asylum holders
  only: UNCONFIRMED); then the eindgesprek. The eindgesprek is what completes the Z-route and what
  DUO hears of.

Attended hours are the providers' attendance reports plus the activities recorded with who
reported them (:func:`regie.plans.selectors.attended_hours`); planned hours never count. Every
message is Dutch and says which hours or which conversation are missing.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from regie.core.legal_terms import format_date_nl
from regie.core.ruleset import RULES_BY_KEY, rules_on

from . import selectors
from .models import ComponentKind, MilestoneKind, Route


@dataclass
class HoursRequirement:
    """One minimum of attended hours and how far the client is."""

    key: str  # the rule key
    label: str  # what it is about, in words
    needed: int
    attended: selectors.AttendedHours
    unconfirmed: bool
    source: str

    @property
    def met(self) -> bool:
        return self.attended.total >= self.needed

    @property
    def missing(self) -> Decimal:
        return max(Decimal(self.needed) - self.attended.total, Decimal(0))

    @property
    def rule_label(self) -> str:
        return str(RULES_BY_KEY[self.key].label)


def _hours(value: Decimal) -> str:
    """Hours in Dutch notation: 12, 12,5."""
    value = Decimal(value).normalize()
    text = f"{value:f}"
    return text.replace(".", ",")


def _requirement(client, on_date, key, label, kinds) -> HoursRequirement:
    rules = rules_on(on_date)
    return HoursRequirement(
        key=key,
        label=label,
        needed=int(rules.value(key)),
        attended=selectors.attended_hours(client, kinds),
        unconfirmed=rules.unconfirmed(key),
        source=rules.source(key),
    )


def pvt_requirement(client, on_date) -> HoursRequirement:
    return _requirement(client, on_date, "pvt_min_hours", _("PVT"), [ComponentKind.PVT])


def map_requirement(client, on_date) -> HoursRequirement:
    return _requirement(
        client, on_date, "map_min_hours", _("MAP (praktijkuren)"), [ComponentKind.MAP]
    )


def z_language_requirement(client, on_date) -> HoursRequirement:
    return _requirement(
        client,
        on_date,
        "z_route_language_hours",
        _("Z-route: taal en KNM"),
        [ComponentKind.LANGUAGE, ComponentKind.KNM],
    )


def z_participation_requirement(client, on_date) -> HoursRequirement:
    return _requirement(
        client,
        on_date,
        "z_route_participation_hours",
        _("Z-route: participatie"),
        [ComponentKind.PARTICIPATION],
    )


def requirements(version, on_date: dt.date) -> list[HoursRequirement]:
    """The hour minimums that apply to the decided version's parts (for the plan page)."""
    if version is None:
        return []
    client = version.client
    kinds = {c.kind for c in version.components.all()}
    out = []
    if ComponentKind.PVT in kinds:
        out.append(pvt_requirement(client, on_date))
    if ComponentKind.MAP in kinds and version.route != Route.EDUCATION:
        out.append(map_requirement(client, on_date))
    if version.route == Route.Z:
        out.append(z_language_requirement(client, on_date))
        if client.is_asylum_holder:
            out.append(z_participation_requirement(client, on_date))
    return out


def _short(req: HoursRequirement, subject: str) -> str:
    return _(
        "%(subject)s kan pas na ten minste %(needed)s gevolgde uren (%(what)s). Gevolgd volgens "
        "meldingen van aanbieders en vastgelegde activiteiten: %(now)s uur; er ontbreken er "
        "%(missing)s. Leg de gevolgde uren vast met wie ze meldde."
    ) % {
        "subject": subject,
        "needed": req.needed,
        "what": req.label,
        "now": _hours(req.attended.total),
        "missing": _hours(req.missing),
    }


def _milestone_before(milestone, on_date: dt.date, what: str) -> list[str]:
    if milestone.held_on > on_date:
        return [
            _(
                "%(what)s is vastgelegd op %(held)s, na de datum van afronden. Kies een datum van "
                "afronden op of na %(held)s."
            )
            % {"what": what, "held": format_date_nl(milestone.held_on)}
        ]
    return []


def completion_problems(component, completed_on: dt.date) -> list[str]:
    """Why ``component`` of the decided PIP cannot be marked done on ``completed_on``."""
    version = component.plan_version
    client = component.client
    milestones = selectors.milestones_of(client)
    out: list[str] = []
    if component.kind == ComponentKind.PVT:
        req = pvt_requirement(client, completed_on)
        if not req.met:
            out.append(_short(req, _("Het PVT afronden")))
        signed = milestones.get(MilestoneKind.PVT_DECLARATION_SIGNED)
        if signed is None:
            out.append(
                _(
                    "Leg eerst vast wanneer de klant de participatieverklaring heeft ondertekend: "
                    "het PVT is pas af na de ondertekening."
                )
            )
        else:
            out += _milestone_before(signed, completed_on, _("De ondertekening"))
    elif component.kind == ComponentKind.MAP:
        req = map_requirement(client, completed_on)
        if not req.met:
            out.append(_short(req, _("De MAP afronden")))
        interview = milestones.get(MilestoneKind.MAP_FINAL_INTERVIEW)
        if interview is None:
            out.append(
                _(
                    "Leg eerst het eindgesprek MAP met de gemeente vast: de MAP is pas af na het "
                    "eindgesprek."
                )
            )
        else:
            out += _milestone_before(interview, completed_on, _("Het eindgesprek MAP"))
    elif component.kind == ComponentKind.LANGUAGE and version.route == Route.Z:
        req = z_language_requirement(client, completed_on)
        if not req.met:
            out.append(_short(req, _("Het taaldeel van de Z-route afronden")))
    return out


def milestone_problems(client, version, kind: str, held_on: dt.date) -> list[str]:
    """Why the signing or eindgesprek ``kind`` cannot be recorded on ``held_on``."""
    if version is None:
        return [_("Er is nog geen vastgesteld PIP. Leg dit vast na het vaststellen van het PIP.")]
    kinds = {c.kind for c in version.components.all()}
    out: list[str] = []
    if kind == MilestoneKind.PVT_DECLARATION_SIGNED and ComponentKind.PVT not in kinds:
        out.append(_("Het vastgestelde PIP heeft geen PVT. Voeg het PVT toe met een bijstelling."))
    if kind == MilestoneKind.MAP_FINAL_INTERVIEW and (
        ComponentKind.MAP not in kinds or version.route == Route.EDUCATION
    ):
        out.append(_("Het vastgestelde PIP heeft geen MAP, dus ook geen eindgesprek MAP."))
    if kind == MilestoneKind.Z_FINAL_INTERVIEW:
        if version.route != Route.Z:
            out.append(_("Het eindgesprek Z-route hoort alleen bij de Z-route."))
        else:
            language = z_language_requirement(client, held_on)
            if not language.met:
                out.append(_short(language, _("Het eindgesprek Z-route")))
            if client.is_asylum_holder:
                participation = z_participation_requirement(client, held_on)
                if not participation.met:
                    out.append(_short(participation, _("Het eindgesprek Z-route")))
    return out
