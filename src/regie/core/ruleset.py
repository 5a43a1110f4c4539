"""The legal rule set: every number the law or the region sets, versioned by valid-from date.

``RULES`` defines each rule (key, label, unit, default, source, whether it is UNCONFIRMED, and
whether the law or the region sets it). The source cites the law where the rule is in the law;
a rule whose only source is guidance (Divosa, Stimulansz, DUO) names that guidance and is
UNCONFIRMED. "Artikeltekst niet gecontroleerd" marks an article known only from secondary
sources. A ``RuleSet`` row stores the values in force
from its ``valid_from``; the functioneel beheerder adds a new version in the UI. A case uses the
version in force on the date the rule counts from (:func:`rules_on`). Code never holds these
numbers as literals: it asks ``rules_on(date).value("pip_term_weeks")``.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RuleDef:
    key: str
    label: str
    unit: str
    default: object
    source: str
    unconfirmed: bool = False
    local: bool = False  # set by the region, not by the law
    choices: tuple[str, ...] = ()


# Issue 9: not confirmed from a primary text (the article texts could not be read), so badged.
PVT_MIN_HOURS_SOURCE = (
    "Divosa, Wijzigingenoverzicht nieuwe Wet inburgering (hoofdstuk 7); Besluit inburgering 2021 "
    "art. 3.1 (artikeltekst niet gecontroleerd)"
)
SCALE_DOWN_MIN_HOURS_SOURCE = (
    "Schulinck, Het aanpassen van de leerroute; Blik op Werk, Afstandsonderwijs binnen inburgering "
    "(noemt Besluit art. 5.5); Wi2021 art. 17 lid 3 en Besluit inburgering 2021 art. 5.5 "
    "(artikeltekst niet gecontroleerd)"
)
# The late-offer thresholds (issue 9): not in the Wet or the Besluit inburgering 2021.
LATE_OFFER_SOURCE = (
    "Brief van de minister van SZW over de uitvoering, zoals weergegeven door Stimulansz "
    "(Verlenging van de inburgeringstermijn); niet in de Wet of het Besluit inburgering 2021; "
    "gerekend zonder Algemene termijnenwet"
)

RULES: tuple[RuleDef, ...] = (
    RuleDef(
        "pip_term_weeks",
        _("Termijn PIP vaststellen"),
        "weken",
        10,
        "Besluit inburgering 2021 art. 5.3 (artikeltekst niet gecontroleerd); "
        "Divosa, nieuwsbericht 2023",
    ),
    RuleDef(
        "pip_term_anchor",
        _("Startpunt PIP-termijn"),
        "keuze",
        "later_of_duo_brp",
        "Besluit inburgering 2021 art. 5.3 (artikeltekst niet gecontroleerd); "
        "startpunt niet bevestigd",
        unconfirmed=True,
        choices=("later_of_duo_brp", "duo", "brp", "koppeling"),
    ),
    RuleDef(
        "pip_extension_weeks",
        _("Verlenging PIP-termijn na ontvangst informatie derden"),
        "weken",
        2,
        "Besluit inburgering 2021 art. 5.3 (artikeltekst niet gecontroleerd)",
        unconfirmed=True,
    ),
    RuleDef("objection_term_weeks", _("Bezwaartermijn"), "weken", 6, "Awb 6:7 en 6:8"),
    RuleDef("integration_term_years", _("Inburgeringstermijn"), "jaar", 3, "Wi2021 art. 11"),
    RuleDef(
        "switch_window_months",
        _("Termijn schakelen tussen leerroutes"),
        "maanden",
        18,
        "Divosa, Wet inburgering in vraag en antwoord (leerroutes); geen wetsartikel gevonden",
        unconfirmed=True,
    ),
    RuleDef(
        "pvt_min_hours",
        _("Minimum uren PVT (incl. ondertekening)"),
        "uren",
        12,
        PVT_MIN_HOURS_SOURCE,
        unconfirmed=True,
    ),
    RuleDef(
        "map_min_hours",
        _("Minimum praktijkuren MAP"),
        "uren",
        40,
        "Divosa (2020); geen wetsartikel gevonden",
        unconfirmed=True,
    ),
    RuleDef(
        "z_route_language_hours",
        _("Z-route: uren taal en KNM"),
        "uren",
        800,
        "Informatie van aanbieders; geen wetsartikel gevonden",
        unconfirmed=True,
    ),
    RuleDef(
        "z_route_participation_hours",
        _("Z-route: uren participatie (asielstatushouders)"),
        "uren",
        800,
        "Besluit inburgering 2021 art. 3.14 (artikeltekst niet gecontroleerd); "
        "alleen voor asielstatushouders is niet bevestigd",
        unconfirmed=True,
    ),
    RuleDef(
        "scale_down_min_hours",
        _("Minimum lesuren voor afschalen naar A2"),
        "uren",
        600,
        SCALE_DOWN_MIN_HOURS_SOURCE,
        unconfirmed=True,
    ),
    RuleDef(
        "scale_down_in_person_percent",
        _("Afschalen naar A2: deel van de lesuren fysiek"),
        "procent",
        50,
        "Blik op Werk, Afstandsonderwijs binnen inburgering (noemt de Handleiding Inburgeren "
        "van DUO); geen wetsartikel gevonden",
        unconfirmed=True,
    ),
    RuleDef(
        "ontzorgen_months",
        _("Duur financieel ontzorgen"),
        "maanden",
        6,
        "Participatiewet art. 56a; Schulinck",
    ),
    RuleDef(
        "fine_intake_eur",
        _("Boete niet meewerken brede intake (gefixeerd)"),
        "euro",
        250,
        "Wi2021 art. 22 (artikeltekst niet gelezen); Schulinck, Gefixeerde inburgeringsboete en "
        "de Algemene wet bestuursrecht",
        unconfirmed=True,
    ),
    RuleDef(
        "fine_pip_max_eur",
        _("Boete niet nakomen PIP (maximum)"),
        "euro",
        800,
        "Wi2021 art. 23 (artikeltekst niet gelezen); Schulinck, Samenloop tussen de nieuwe Wet "
        "inburgering en de Participatiewet",
        unconfirmed=True,
    ),
    RuleDef(
        "late_offer_months",
        _("Taal/KNM te laat gestart (B1-route, Z-route)"),
        "maanden",
        3,
        LATE_OFFER_SOURCE,
        unconfirmed=True,
    ),
    RuleDef(
        "late_offer_months_education",
        _("Taal/KNM te laat gestart (onderwijsroute)"),
        "maanden",
        6,
        LATE_OFFER_SOURCE,
        unconfirmed=True,
    ),
    RuleDef(
        "extension_window_months",
        _("Verlenging aanvragen vanaf"),
        "maanden",
        30,
        "DUO, inburgeren.nl (extra tijd); Wi2021 art. 12 regelt de verlenging, niet deze termijn",
        unconfirmed=True,
    ),
    RuleDef(
        "review_min_count",
        _("Minimum aantal voortgangsgesprekken"),
        "aantal",
        2,
        "Haalbaarheidsonderzoek Westfriesland (2019); geen wettelijke bron gevonden",
        unconfirmed=True,
        local=True,
    ),
    RuleDef(
        "review_window_months",
        _("Periode voor die voortgangsgesprekken, vanaf PIP"),
        "maanden",
        10,
        "Haalbaarheidsonderzoek Westfriesland (2019); geen wettelijke bron gevonden",
        unconfirmed=True,
        local=True,
    ),
    RuleDef(
        "contact_interval_weeks_year_one",
        _("Contactnorm eerste jaar: elke"),
        "weken",
        6,
        "Lokale norm: het haalbaarheidsonderzoek Westfriesland (2019) vond de begeleiding in het "
        "eerste jaar weinig intensief",
        local=True,
    ),
    RuleDef(
        "intake_start_weeks",
        _("Lokale norm: brede intake gestart binnen"),
        "weken",
        4,
        "Lokale norm vanaf inschrijving BRP. Een wettelijke termijn voor de start van de brede "
        "intake is niet gevonden in de Wet of het Besluit inburgering 2021 (niet bevestigd dat "
        "er geen is)",
        unconfirmed=True,
        local=True,
    ),
    RuleDef(
        "reminder_days", _("Herinnering voor een termijn"), "dagen", 7, "Lokale keuze", local=True
    ),
    # Money (Besluit inburgering 2021; the yearly Regeling inburgering 2021). Both differ per year: the rule set has
    # one version per calendar year (valid from 1 January), so a case or a service year is costed
    # with the amounts of its own year. Neither is the SPUK amount per person: that amount is
    # published yearly in the Regeling inburgering 2021 and was not found (UNCONFIRMED).
    RuleDef(
        "avg_trajectory_price_eur",
        _("Gemiddelde trajectprijs per asielstatushouder (rekenprijs, geen norm)"),
        "euro",
        10000,
        "Divosa, Wet inburgering in vraag en antwoord (kosten voorzieningen via SPUK): het Rijk "
        "ging uit van gemiddeld 10.000 euro per traject, een gemiddelde over de leerroutes en "
        "geen norm; ongeveer 11.600 euro in 2025 na indexering. Het SPUK-bedrag per persoon "
        "staat jaarlijks in de Regeling inburgering 2021 (niet gevonden)",
        unconfirmed=True,
    ),
    RuleDef(
        "education_route_price_eur",
        _("Prijs onderwijsroute per persoon (vanaf 2026, in plaats van de gemiddelde prijs)"),
        "euro",
        0,
        "Divosa, Wet inburgering in vraag en antwoord (kosten voorzieningen via SPUK): voor "
        "2026-2029 geld om de onderwijsroute in te kopen tegen ten minste 17.000 euro per "
        "persoon, eenmalig in het jaar van huisvesting; geen opslag op de gemiddelde prijs. "
        "2022-2025: een aparte SPUK onderwijsroute (59 miljoen euro), geen bedrag per persoon "
        "(0 = geen eigen prijs)",
        unconfirmed=True,
    ),
    # Objections (regie.objections): the Awb itself, text read (docs/objections.md).
    RuleDef(
        "objection_decision_weeks",
        _("Beslistermijn bezwaar"),
        "weken",
        6,
        "Awb art. 7:10 lid 1: zes weken na afloop van de bezwaartermijn",
    ),
    RuleDef(
        "objection_committee_weeks",
        _("Beslistermijn bezwaar met adviescommissie"),
        "weken",
        12,
        "Awb art. 7:10 lid 1 en 7:13: twaalf weken als een adviescommissie is ingesteld",
    ),
    RuleDef(
        "objection_postponement_weeks",
        _("Verdaging beslissing op bezwaar, ten hoogste"),
        "weken",
        6,
        "Awb art. 7:10 lid 3; verder uitstel alleen met instemming (lid 4)",
    ),
    RuleDef(
        "late_penalty_max_days",
        _("Dwangsom niet tijdig beslissen: ten hoogste"),
        "dagen",
        42,
        "Awb art. 4:17 lid 1 (via art. 7:14 ook voor de beslissing op bezwaar); tekst geldend "
        "2019-2025 gelezen, wijziging per 1-1-2026 niet gelezen",
        unconfirmed=True,
    ),
    RuleDef(
        "late_penalty_day_1_14_eur",
        _("Dwangsom per dag, dag 1 tot en met 14"),
        "euro",
        23,
        "Awb art. 4:17 lid 2; tekst geldend 2019-2025 gelezen, wijziging per 1-1-2026 niet gelezen",
        unconfirmed=True,
    ),
    RuleDef(
        "late_penalty_day_15_28_eur",
        _("Dwangsom per dag, dag 15 tot en met 28"),
        "euro",
        35,
        "Awb art. 4:17 lid 2; tekst geldend 2019-2025 gelezen, wijziging per 1-1-2026 niet gelezen",
        unconfirmed=True,
    ),
    RuleDef(
        "late_penalty_day_29_eur",
        _("Dwangsom per dag, vanaf dag 29"),
        "euro",
        45,
        "Awb art. 4:17 lid 2; tekst geldend 2019-2025 gelezen, wijziging per 1-1-2026 niet gelezen",
        unconfirmed=True,
    ),
    RuleDef(
        "late_penalty_wait_days",
        _("Dwangsom: wachttijd na ingebrekestelling"),
        "dagen",
        14,
        "Awb art. 4:17 lid 3: twee weken na einde beslistermijn en ontvangst ingebrekestelling; "
        "tekst geldend 2019-2025 gelezen, wijziging per 1-1-2026 niet gelezen",
        unconfirmed=True,
    ),
    # Retention (core.retention): how long after the end of the case records are kept.
    RuleDef(
        "retention_special_category_days",
        _("Bewaartermijn bijzondere persoonsgegevens na einde zaak"),
        "dagen",
        0,
        "AVG, beginsel van opslagbeperking: niet langer dan nodig voor het doel; geen langere "
        "termijn gevonden, dus vernietigen bij einde zaak (artikeltekst niet gecontroleerd)",
        unconfirmed=True,
    ),
    RuleDef(
        "retention_client_dossier_years",
        _("Bewaartermijn klantdossier inburgering na einde zaak"),
        "jaar",
        7,
        "Archiefwet 1995; Selectielijst gemeenten en intergemeentelijke organen 2020 "
        "(tekst niet gecontroleerd: categorie en termijn niet bevestigd)",
        unconfirmed=True,
    ),
)

RULES_BY_KEY = {r.key: r for r in RULES}
LEGACY_LAW_CUTOFF = dt.date(2022, 1, 1)  # Wi2021 in force; earlier duties stay under Wi2013


def default_values() -> dict:
    return {
        r.key: {"value": r.default, "source": r.source, "unconfirmed": r.unconfirmed} for r in RULES
    }


@dataclass(frozen=True)
class RuleView:
    """The values of one rule-set version, with their source and UNCONFIRMED mark."""

    rule_set_id: int | None
    valid_from: dt.date
    values: dict

    def value(self, key: str):
        raw = self.values.get(key, {}).get("value", RULES_BY_KEY[key].default)
        if RULES_BY_KEY[key].choices:
            return raw
        number = Decimal(str(raw))
        return int(number) if number == number.to_integral_value() else number

    def unconfirmed(self, key: str) -> bool:
        return bool(self.values.get(key, {}).get("unconfirmed", RULES_BY_KEY[key].unconfirmed))

    def source(self, key: str) -> str:
        return self.values.get(key, {}).get("source", RULES_BY_KEY[key].source)


def rules_on(day: dt.date) -> RuleView:
    """The rule set in force on ``day`` (the earliest version if ``day`` precedes them all)."""
    from .models import RuleSet

    row = (
        RuleSet.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
        or RuleSet.objects.order_by("valid_from").first()
    )
    if row is None:
        return RuleView(None, LEGACY_LAW_CUTOFF, default_values())
    merged = default_values()
    merged.update(row.values)
    return RuleView(row.pk, row.valid_from, merged)


def rules_for_year(year: int) -> RuleView:
    """The rule set of a calendar (service) year: the version in force on 1 January."""
    return rules_on(dt.date(int(year), 1, 1))


# Dutch labels of the choice values (a form shows these, never the stored code).
CHOICE_LABELS = {
    "pip_term_anchor": {
        "later_of_duo_brp": _("De laatste van: melding DUO en inschrijving in de gemeente (BRP)"),
        "duo": _("Melding DUO"),
        "brp": _("Inschrijving in de gemeente (BRP)"),
        "koppeling": _("Koppeling aan de gemeente"),
    },
}


# What a rule changes besides deadlines (the preview names it; deadlines are counted by a dry
# run). The amounts are read where a figure is computed, never stored with a case.
FIGURE_USES = {
    "avg_trajectory_price_eur": _(
        "Kostenmodel (Kosten en capaciteit per scenario): de financiering per nieuwe inburgeraar"
    ),
    "education_route_price_eur": _(
        "Kostenmodel (Kosten en capaciteit per scenario): de financiering van de onderwijsroute"
    ),
    "fine_intake_eur": _("Boetevoorstellen: de hoogte van de boete"),
    "fine_pip_max_eur": _("Boetevoorstellen: de hoogste boete"),
    "late_penalty_day_1_14_eur": _("Bezwaren: de dwangsom bij niet tijdig beslissen"),
    "late_penalty_day_15_28_eur": _("Bezwaren: de dwangsom bij niet tijdig beslissen"),
    "late_penalty_day_29_eur": _("Bezwaren: de dwangsom bij niet tijdig beslissen"),
}


def choice_label(key: str, value) -> str:
    return str(CHOICE_LABELS.get(key, {}).get(value, value))


def basis_token() -> str:
    """The rule-set versions a form was opened with (for the version check against lost
    updates): the ids of all versions. A version added or removed meanwhile changes it."""
    from .models import RuleSet

    return ",".join(str(pk) for pk in RuleSet.objects.order_by("pk").values_list("pk", flat=True))


def _stored_values(values: dict, unconfirmed: dict, sources: dict | None) -> dict:
    from .models import RuleSet

    latest = RuleSet.objects.order_by("-valid_from").first()
    stored = {}
    for rule in RULES:
        raw = values[rule.key]
        source = (sources or {}).get(rule.key) or (
            latest.values.get(rule.key, {}).get("source", rule.source) if latest else rule.source
        )
        stored[rule.key] = {
            "value": raw if rule.choices else float(raw),
            "source": source,
            "unconfirmed": bool(unconfirmed.get(rule.key)),
        }
    return stored


def create_rule_set(
    principal,
    *,
    valid_from: dt.date,
    label: str,
    values: dict,
    unconfirmed: dict,
    sources: dict | None = None,
    basis: str | None = None,
):
    """A new rule-set version in force from ``valid_from`` (the functioneel beheerder only).

    ``values`` maps each rule key to its value (a number, or one of the rule's choices);
    ``unconfirmed`` maps a rule key to its NIET BEVESTIGD mark; ``sources`` (optional) maps a
    rule key to its source; a rule without one keeps the source of the latest version (or its
    definition's). ``basis`` is the :func:`basis_token` the form was opened with: when another
    version was added meanwhile, :class:`~regie.core.locking.VersionConflict` is raised. The
    creation is audited (``RuleSet`` is tracked) and the stored deadlines of running cases are
    recomputed in the same transaction (``hooks.reference_data_changed``). Raises ``PermissionDenied`` for anyone else.
    """
    from django.core.exceptions import PermissionDenied
    from django.db import transaction

    from . import hooks
    from .locking import VersionConflict
    from .models import RuleSet
    from .selectors import can_edit_reference_data

    if not can_edit_reference_data(principal):
        raise PermissionDenied
    with transaction.atomic():
        if basis is not None and basis != basis_token():
            raise VersionConflict
        stored = _stored_values(values, unconfirmed, sources)
        row = RuleSet.objects.create(valid_from=valid_from, label=label, values=stored)
        hooks.reference_data_changed()  # stored deadlines of running cases follow at once
        return row


class _DryRun(Exception):
    pass


def _due_dates_with(valid_from: dt.date, stored: dict | None):
    """The running cases' due dates with ``stored`` in force from ``valid_from`` (None: as now).
    The version is written in a transaction that is always rolled back."""
    from django.db import transaction

    from . import hooks
    from .models import RuleSet

    if stored is None:
        return hooks.deadline_snapshot()
    result = None
    try:
        with transaction.atomic():
            RuleSet.objects.filter(valid_from=valid_from).delete()
            RuleSet.objects.create(valid_from=valid_from, label="voorbeeld", values=stored)
            result = hooks.deadline_snapshot()
            raise _DryRun
    except _DryRun:
        pass
    return result


def _moved(before: dict, after: dict) -> tuple[int, list[str]]:
    """How many clients have a due date that moves, and the kinds that move."""
    clients, kinds = 0, set()
    for client_id, dates in after.items():
        old = before.get(client_id, {})
        changed = {key[0] for key in set(old) | set(dates) if old.get(key) != dates.get(key)}
        if changed:
            clients += 1
            kinds |= changed
    return clients, sorted(kinds)


def preview_rule_set(
    principal, *, valid_from: dt.date, values: dict, unconfirmed: dict, sources: dict
) -> dict:
    """What a new version would change, without saving it (issue 14).

    Per rule whose value, source or state differs from the version in force on
    ``valid_from``: the old and new value, and (a dry run of the deadlines registry over every
    active, obliged client) how many clients' deadlines would move and which kinds. Returns
    ``{"changes": [...], "clients": total moved, "kinds": [...], "available": bool}``.
    """
    from django.core.exceptions import PermissionDenied

    from .selectors import can_edit_reference_data

    if not can_edit_reference_data(principal):
        raise PermissionDenied
    current = rules_on(valid_from)
    stored = _stored_values(values, unconfirmed, sources)
    before = _due_dates_with(valid_from, None)
    available = before is not None
    changes = []
    for rule in RULES:
        new = stored[rule.key]
        old_value = current.value(rule.key)
        new_value = (
            new["value"] if rule.choices else RuleView(None, valid_from, stored).value(rule.key)
        )
        value_changed = str(old_value) != str(new_value)
        state_changed = current.unconfirmed(rule.key) != new["unconfirmed"]
        source_changed = current.source(rule.key) != new["source"]
        if not (value_changed or state_changed or source_changed):
            continue
        clients, kinds = 0, []
        if value_changed and available:
            only = {**current.values, rule.key: {**current.values.get(rule.key, {}), **new}}
            clients, kinds = _moved(before, _due_dates_with(valid_from, only))
        changes.append(
            {
                "rule": rule,
                "old": choice_label(rule.key, old_value),
                "new": choice_label(rule.key, new_value),
                "value_changed": value_changed,
                "state_changed": state_changed,
                "source_changed": source_changed,
                "unconfirmed": new["unconfirmed"],
                "clients": clients,
                "kinds": kinds,
                "figure": FIGURE_USES.get(rule.key, ""),
            }
        )
    total, kinds = (0, [])
    if available and any(c["value_changed"] for c in changes):
        total, kinds = _moved(before, _due_dates_with(valid_from, stored))
    return {"changes": changes, "clients": total, "kinds": kinds, "available": available}


def add_decree_day(principal, *, date: dt.date, source: str, unconfirmed: bool):
    """Add a day equated with a holiday (Algemene termijnenwet art. 3 lid 3); audited. The
    stored deadlines of running cases are recomputed."""
    from django.core.exceptions import PermissionDenied
    from django.db import transaction

    from . import hooks
    from .models import ExtraNonWorkingDay
    from .selectors import can_edit_reference_data

    if not can_edit_reference_data(principal):
        raise PermissionDenied
    with transaction.atomic():
        day = ExtraNonWorkingDay.objects.create(date=date, source=source, unconfirmed=unconfirmed)
        hooks.reference_data_changed()
    return day


def remove_decree_day(principal, day_id: int) -> None:
    """Remove a decree day; audited; running cases recomputed. A day someone else removed
    meanwhile is a conflict."""
    from django.core.exceptions import PermissionDenied
    from django.db import transaction

    from . import hooks
    from .locking import VersionConflict
    from .models import ExtraNonWorkingDay
    from .selectors import can_edit_reference_data

    if not can_edit_reference_data(principal):
        raise PermissionDenied
    with transaction.atomic():
        day = ExtraNonWorkingDay.objects.select_for_update().filter(pk=day_id).first()
        if day is None:
            raise VersionConflict
        day.delete()
        hooks.reference_data_changed()
