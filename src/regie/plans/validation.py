"""The checks a PIP version must pass before it is offered and decided.

Every number comes from the rule set in force on the decision date (``rules_on``). Each message
is Dutch, says what to fix and ends with a full stop. Covered: target groups, bijstellen, PVT,
MAP and KNM, the routes and afschalen (Wi2021 art. 17 lid 3), ontzorgen (Participatiewet
art. 56a); each rule's source is in the rule set.
"""

import datetime as dt

from django.utils.translation import gettext as _

from regie.core import hooks
from regie.core.legal_terms import Term, Unit, add_term, format_date_nl
from regie.core.ruleset import RULES_BY_KEY, rules_on

from .models import ComponentKind, ParticipationType, Reason, Route, TargetLevel, VersionStatus

REQUIRED = {
    Route.B1: [ComponentKind.LANGUAGE, ComponentKind.KNM, ComponentKind.PVT, ComponentKind.MAP],
    Route.Z: [ComponentKind.LANGUAGE, ComponentKind.KNM, ComponentKind.PVT, ComponentKind.MAP],
    # no MAP in the onderwijsroute (Wi2021 art. 8 lid 3, article text not checked); PVT applies
    Route.EDUCATION: [ComponentKind.LANGUAGE, ComponentKind.KNM, ComponentKind.PVT],
}
REPEATABLE = {ComponentKind.PARTICIPATION}


def previous_decided(version):
    return (
        version.plan.versions.filter(
            status__in=[VersionStatus.DECIDED, VersionStatus.SUPERSEDED],
            number__lt=version.number,
        )
        .order_by("-number")
        .first()
    )


def switch_window_end(first_decision_date: dt.date) -> dt.date:
    """Last day on which the route may be switched: ``switch_window_months`` after the start of
    the term (the term starts the day after the first PIP's dagtekening, Wet art. 11)."""
    months = rules_on(first_decision_date).value("switch_window_months")
    return add_term(first_decision_date, Term(int(months), Unit.MONTHS))


def _label(kind) -> str:
    return str(ComponentKind(kind).label)


def problems(version, on_date: dt.date, *, window: bool = True) -> list[str]:
    """All reasons why ``version`` cannot be decided on ``on_date`` (empty list: it can).

    ``window=False`` skips the switching window, which depends on the dagtekening the team
    leader chooses (used when the draft is offered; the decision checks it)."""
    rules = rules_on(on_date)
    client = version.client
    comps = list(version.components.all())
    by_kind: dict[str, list] = {}
    for c in comps:
        by_kind.setdefault(c.kind, []).append(c)
    out: list[str] = []

    route = version.route
    if route not in Route.values:
        out.append(_("Kies de leerroute."))
        route = None
    if route:
        for kind in REQUIRED[route]:
            if kind not in by_kind:
                out.append(_("Voeg het onderdeel %(kind)s toe.") % {"kind": _label(kind)})
    for kind, items in by_kind.items():
        if kind not in REPEATABLE and len(items) > 1:
            out.append(
                _("Het onderdeel %(kind)s staat er meer dan één keer in. Verwijder er één.")
                % {"kind": _label(kind)}
            )

    if route and version.reason == Reason.MOVE:
        out.extend(_move_keeps_route(version, route))

    if route == Route.EDUCATION and ComponentKind.MAP in by_kind:
        out.append(_("In de onderwijsroute hoort geen MAP. Verwijder het onderdeel MAP."))
    for kind in (ComponentKind.LANGUAGE, ComponentKind.KNM):
        for c in by_kind.get(kind, []):
            if not c.hours_planned:
                out.append(_("Vul de geplande uren in bij %(kind)s.") % {"kind": _label(kind)})
    minimums = [(ComponentKind.PVT, "pvt_min_hours")]
    if route != Route.EDUCATION:
        minimums.append((ComponentKind.MAP, "map_min_hours"))
    for kind, key in minimums:
        needed = rules.value(key)
        for c in by_kind.get(kind, []):
            if (c.hours_planned or 0) < needed:
                out.append(
                    _("Plan voor %(kind)s ten minste %(hours)s uur.")
                    % {"kind": _label(kind), "hours": needed}
                )

    if route == Route.Z:
        language = sum(
            c.hours_planned or 0
            for c in by_kind.get(ComponentKind.LANGUAGE, []) + by_kind.get(ComponentKind.KNM, [])
        )
        needed = rules.value("z_route_language_hours")
        if language < needed:
            out.append(
                _("Plan in de Z-route samen ten minste %(hours)s uur taal en KNM; nu %(now)s.")
                % {"hours": needed, "now": language}
            )
        if client.is_asylum_holder:
            participation = sum(
                c.hours_planned or 0 for c in by_kind.get(ComponentKind.PARTICIPATION, [])
            )
            needed = rules.value("z_route_participation_hours")
            if participation < needed:
                out.append(
                    _(
                        "Plan in de Z-route ten minste %(hours)s uur participatie; nu %(now)s. "
                        "Voeg participatie toe of verhoog de uren."
                    )
                    % {"hours": needed, "now": participation}
                )

    if ComponentKind.ONTZORGEN in by_kind and not (
        client.has_asylum_permit and client.benefit_start
    ):
        out.append(
            _(
                "Financieel ontzorgen geldt alleen voor een klant met een asielvergunning die "
                "bijstand krijgt. Verwijder het onderdeel of vul bij Datums de start van de "
                "bijstand in."
            )
        )
    if ComponentKind.SOCIAL_GUIDANCE in by_kind and not client.is_asylum_holder:
        out.append(
            _(
                "Maatschappelijke begeleiding geldt alleen voor asielstatushouders. Verwijder het "
                "onderdeel maatschappelijke begeleiding."
            )
        )
    for c in by_kind.get(ComponentKind.PARTICIPATION, []):
        if c.participation_type not in ParticipationType.values:
            out.append(_("Kies bij participatie: werk, vrijwilligerswerk of studie."))
        elif (
            c.participation_type in (ParticipationType.WORK, ParticipationType.VOLUNTEERING)
            and not c.linked_to_werksaam
        ):
            out.append(
                _("Koppel participatie (%(type)s) aan WerkSaam.")
                % {"type": str(ParticipationType(c.participation_type).label).lower()}
            )

    out += target_level_problems(version, route)
    if version.scaled_to_a2:
        if route and route != Route.B1:
            out.append(
                _("Afschalen naar A2 kan alleen in de B1-route. Zet het vinkje voor afschalen uit.")
            )
        needed = rules.value("scale_down_min_hours")
        attended = sum(c.hours_attended for c in by_kind.get(ComponentKind.LANGUAGE, []))
        if attended < needed:
            out.append(
                _(
                    "Afschalen naar A2 kan pas na ten minste %(hours)s gevolgde lesuren taal; "
                    "de klant heeft er %(now)s gevolgd."
                )
                % {"hours": needed, "now": attended}
            )
        out += scale_down_problems(version, on_date)
    if version.reason == Reason.SCALE_DOWN and not version.scaled_to_a2:
        out.append(_("Zet het vinkje voor afschalen naar A2 aan, of kies een andere reden."))

    if version.review_count is None:
        out.append(_("Vul het aantal voortgangsgesprekken in."))
    if not version.review_agreements.strip():
        out.append(_("Beschrijf de afspraken over de voortgangsgesprekken."))

    previous = previous_decided(version) if version.number > 1 else None
    if previous is not None and route and route != previous.route:
        first = version.plan.first_decision_date
        if version.reason == Reason.MOVE:
            out.append(
                _("Bij een verhuizing blijft de leerroute gelijk. Kies weer de %(route)s.")
                % {"route": Route(previous.route).label}
            )
        elif version.reason != Reason.SWITCH:
            out.append(_("Kies als reden 'schakelen' als de leerroute verandert."))
        elif window and not (previous.route == Route.EDUCATION and route == Route.B1) and first:
            end = switch_window_end(first)
            if on_date > end:
                out.append(
                    _(
                        "Schakelen kan alleen tot en met %(end)s (%(months)s maanden na de start "
                        "van de inburgeringstermijn). Alleen van de onderwijsroute naar de "
                        "B1-route kan altijd."
                    )
                    % {"end": format_date_nl(end), "months": rules.value("switch_window_months")}
                )
    if version.reason == Reason.SWITCH and previous is not None and route == previous.route:
        out.append(_("Kies een andere leerroute, of kies een andere reden."))
    return out


def target_level_problems(version, route) -> list[str]:
    """sources: docs/rules.md: the B1-route and the onderwijsroute aim at B1 at least (B2 is
    possible); empty means B1. The Z-route aims at no B1/B2 level."""
    level = version.target_level
    if route == Route.Z and level:
        return [_("In de Z-route geldt geen taalniveau B1 of B2. Laat het taalniveau leeg.")]
    if route in (Route.B1, Route.EDUCATION) and level and level not in TargetLevel.values:
        label = Route(route).label
        return [
            _("De %(route)s is gericht op ten minste B1. Kies taalniveau B1 of B2.")
            % {"route": label}
        ]
    return []


def scale_down_problems(version, on_date: dt.date) -> list[str]:
    """The conditions of afschalen naar A2 (sources: docs/rules.md; Schulinck and Blik op Werk), recorded
    on the version, not only an hour count: B1 not feasible within
    the term, with the reason; at least ``scale_down_min_hours`` lesson hours at a school with the
    Blik op Werk Keurmerk Inburgeren, of which at least ``scale_down_in_person_percent`` per cent
    in person; and sufficient effort."""
    rules = rules_on(on_date)
    needed = int(rules.value("scale_down_min_hours"))
    out: list[str] = []
    if not version.scale_down_infeasible_reason.strip():
        out.append(
            _(
                "Beschrijf waarom B1 niet haalbaar is binnen de inburgeringstermijn: dat is een "
                "voorwaarde voor afschalen naar A2."
            )
        )
    school = version.scale_down_school
    if school is None:
        out.append(_("Kies de taalschool waar de klant de lesuren volgde."))
    elif hooks.has_keurmerk(school.pk, on_date) is False:
        out.append(
            _(
                "%(school)s heeft op %(date)s geen Blik op Werk Keurmerk Inburgeren. Afschalen "
                "kan alleen na lesuren bij een taalschool met het keurmerk."
            )
            % {"school": school.name, "date": format_date_nl(on_date)}
        )
    lessons = version.scale_down_lesson_hours
    if lessons is None:
        out.append(_("Vul het aantal gevolgde lesuren volgens de taalschool in."))
    elif lessons < needed:
        out.append(
            _(
                "Afschalen naar A2 kan pas na ten minste %(hours)s lesuren bij de taalschool; de "
                "taalschool meldt er %(now)s."
            )
            % {"hours": needed, "now": lessons}
        )
    in_person = version.scale_down_in_person_hours
    percent = rules.value("scale_down_in_person_percent")
    minimum = -(-needed * int(percent) // 100)  # rounded up
    if in_person is None:
        out.append(_("Vul in hoeveel van die lesuren fysiek (op locatie) waren."))
    elif lessons is not None and in_person > lessons:
        out.append(_("Er kunnen niet meer fysieke lesuren zijn dan lesuren in totaal."))
    elif in_person < minimum:
        out.append(
            _(
                "Ten minste %(percent)s%% van de %(hours)s lesuren (%(min)s uur) moet fysiek "
                "onderwijs zijn; nu %(now)s uur."
            )
            % {"percent": percent, "hours": needed, "min": minimum, "now": in_person}
        )
    if not version.scale_down_effort.strip():
        out.append(
            _(
                "Beschrijf de inspanning van de klant: wat blijkt uit de aanwezigheid en het "
                "huiswerk volgens de taalschool."
            )
        )
    if not version.scale_down_effort_sufficient:
        out.append(
            _(
                "Afschalen kan alleen als de klant voldoende inspanning heeft geleverd. Vink aan "
                "dat de inspanning voldoende is, of schaal niet af."
            )
        )
    return out


def unconfirmed_rules(version, on_date: dt.date) -> list[dict]:
    """The UNCONFIRMED rules that drive a check of this version ("Niet bevestigd" badges)."""
    rules = rules_on(on_date)
    kinds = set(version.components.values_list("kind", flat=True))
    keys = []
    if ComponentKind.MAP in kinds:
        keys.append("map_min_hours")
    if ComponentKind.PVT in kinds:
        keys.append("pvt_min_hours")
    if version.route == Route.Z:
        keys.append("z_route_language_hours")
        if version.client.is_asylum_holder:
            keys.append("z_route_participation_hours")
    if version.scaled_to_a2:
        keys += ["scale_down_min_hours", "scale_down_in_person_percent"]
    return [
        {
            "key": key,
            "label": str(RULES_BY_KEY[key].label),
            "value": rules.value(key),
            "unit": RULES_BY_KEY[key].unit,
            "source": rules.source(key),
        }
        for key in keys
        if rules.unconfirmed(key)
    ]


def _move_keeps_route(version, route: str) -> list[str]:
    """After a move the new municipality adopts a new PIP but keeps the leerroute of the old one
    (Schulinck, "Het aanpassen van het PIP tijdens het inburgeringstraject"); switching is a
    separate revision. The term does not restart (Wi2021 art. 11 lid 3)."""
    previous = (
        version.plan.versions.filter(status__in=[VersionStatus.DECIDED, VersionStatus.SUPERSEDED])
        .exclude(pk=version.pk)
        .order_by("-number")
        .first()
    )
    if previous is None or not previous.route or previous.route == route:
        return []
    return [
        _(
            "Bij een verhuizing houdt het nieuwe PIP de leerroute van het vorige PIP "
            "(%(route)s). Kies die leerroute; schakelen is een aparte bijstelling."
        )
        % {"route": Route(previous.route).label}
    ]
