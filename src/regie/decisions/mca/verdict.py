"""A verdict in plain Dutch, generated from the robustness numbers.

Rule (issue 5): there is a
*clear winner* only when

1. one alternative has the highest score on its own (no tie),
2. its first-rank acceptability in SMAA-2 (over mixtures of the stakeholders' weights) is at
   least :data:`CLEAR_WINNER_ACCEPTABILITY` (0.9), and
3. no single change of one working-group point alters the winner.

The thresholds are policy choices, so the text names them. The sentences are short and at
language level B1; numbers use a decimal comma. Every sentence comes from a number in the
result, so the text and the figures cannot disagree.
"""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .group import join_names
from .textformat import format_moved_weight, format_number, format_points

CLEAR_WINNER_ACCEPTABILITY = 0.9


def out_of_hundred(share: float) -> int:
    """A share as 'x out of 100', rounded down so a value below a threshold never reaches it."""
    return math.floor(share * 100 + 1e-9)


def build_verdict(
    result: dict[str, Any],
    names: dict[str, str],
    criterion_names: dict[str, str],
    nature: str = "measured",
    weight_floor: float = 1.0,
) -> dict[str, Any]:
    """The verdict for an :func:`evaluate` result (before the verdict itself is added).

    A study whose ``nature`` is ``reconstruction`` or ``illustration`` gets an honest verdict
    (:func:`_honest_verdict`) that names no stakeholder and no criterion: its weights and points
    are invented, so what they single out is no finding. ``weight_floor`` is the lowest weight a
    criterion can have (the bottom of the weight scale).

    Returns ``clear_winner``, ``winner`` (key, or None on a tie), ``headline``, ``reasons``
    (list of short sentences), ``text`` (headline and reasons as one paragraph) and
    ``thresholds``.
    """
    scores = result["total"]["scores"]
    ranking = result["ranking"]
    robustness = result["robustness"]
    smaa = robustness["smaa"]
    change = robustness["smallest_point_change"]
    best = scores[ranking[0]]
    top = [alt for alt in ranking if scores[alt] == best]
    winner = top[0] if len(top) == 1 else None
    acceptability = robustness["rank_acceptability"][winner][0] if winner else 0.0
    one_point = change is not None and abs(change["change"]) <= 1
    clear = winner is not None and acceptability >= CLEAR_WINNER_ACCEPTABILITY and not one_point

    reasons: list[str] = []
    if winner is not None:
        runner_up = ranking[1]
        reasons.append(
            _(
                "%(leader)s heeft de hoogste score: %(leader_score)s. Daarna komt %(second)s "
                "met %(second_score)s. Het verschil is %(gap)s punt."
            )
            % {
                "leader": names[winner],
                "leader_score": format_number(best),
                "second": names[runner_up],
                "second_score": format_number(scores[runner_up]),
                "gap": format_number(best - scores[runner_up]),
            }
        )
    else:
        reasons.append(
            _("%(names)s hebben samen de hoogste score: %(score)s.")
            % {"names": join_names([names[alt] for alt in top]), "score": format_number(best)}
        )
    if nature != "measured":
        return _honest_verdict(result, names, nature, reasons[0], weight_floor)

    if change is None:
        reasons.append(
            _("Als de werkgroep één van de punten anders geeft, blijft de winnaar dezelfde.")
        )
    else:
        after = change["winners_after"]
        if len(after) == 1:
            outcome = _("wint %(name)s") % {"name": names[after[0]]}
        else:
            outcome = _("staan %(names)s gelijk bovenaan") % {
                "names": join_names([names[alt] for alt in after])
            }
        detail = _(
            "Stel dat %(alternative)s op het criterium '%(criterion)s' %(to)s punten krijgt in "
            "plaats van %(from)s. Dan %(outcome)s."
        ) % {
            "alternative": names[change["alternative"]],
            "criterion": criterion_names[change["criterion"]],
            "to": format_points(change["to"]),
            "from": format_points(change["from"]),
            "outcome": outcome,
        }
        if one_point:
            reasons.append(_("Eén punt van de werkgroep kan de winnaar al veranderen."))
            reasons.append(detail)
            count = change["one_point_changes"]
            if count > 1:
                reasons.append(
                    ngettext(
                        "Er is %(count)s zo'n verandering van één punt.",
                        "Er zijn %(count)s van zulke veranderingen van één punt.",
                        count,
                    )
                    % {"count": count}
                )
        else:
            reasons.append(
                _(
                    "Eén punt meer of minder verandert de winnaar niet. Pas een grotere stap doet "
                    "dat."
                )
            )
            reasons.append(detail)

    stakeholder_count = len(result["stakeholders"])
    lead = winner or top[0]
    share = out_of_hundred(robustness["rank_acceptability"][lead][0])
    if stakeholder_count > 1:
        reasons.append(
            _(
                "We hebben %(draws)s keer een mengsel gemaakt van de gewichten van de "
                "%(count)s belanghebbenden. %(name)s staat dan in %(share)s van de 100 gevallen "
                "bovenaan."
            )
            % {
                "draws": format_number(smaa["draws"], 0),
                "count": stakeholder_count,
                "name": names[lead],
                "share": share,
            }
        )
    else:
        reasons.append(
            _(
                "Er is maar één belanghebbende. De gewichten liggen dus vast. %(name)s staat in "
                "%(share)s van de 100 gevallen bovenaan."
            )
            % {"name": names[lead], "share": share}
        )
    threshold = out_of_hundred(CLEAR_WINNER_ACCEPTABILITY)
    if winner is not None and acceptability >= CLEAR_WINNER_ACCEPTABILITY:
        reasons.append(
            _(
                "Dat is genoeg: voor een duidelijke winnaar moet dat minstens %(threshold)s van "
                "de 100 zijn."
            )
            % {"threshold": threshold}
        )
    else:
        reasons.append(
            _(
                "Dat is te weinig: voor een duidelijke winnaar moet dat minstens %(threshold)s "
                "van de 100 zijn."
            )
            % {"threshold": threshold}
        )

    reversal = robustness.get("top_two_reversal")
    if reversal and reversal["distance_pp"] > 0:
        reasons.append(
            _(
                "Als %(moved)s van het totale gewicht naar andere criteria gaat, haalt "
                "%(second)s %(leader)s in."
            )
            % {
                "moved": format_moved_weight(reversal["moved_pp"]),
                "second": names[reversal["to"]],
                "leader": names[reversal["from"]],
            }
        )

    group = result.get("group")
    if group and stakeholder_count > 1:
        favourites = group["favourite_counts"][lead]
        reasons.append(
            ngettext(
                "%(count)s van de %(total)s belanghebbenden heeft met de eigen gewichten "
                "%(name)s bovenaan.",
                "%(count)s van de %(total)s belanghebbenden hebben met hun eigen gewichten "
                "%(name)s bovenaan.",
                favourites,
            )
            % {"count": favourites, "total": stakeholder_count, "name": names[lead]}
        )
        changed = [name for name, e in group["leave_one_out"].items() if e["winner_changed"]]
        if changed:
            reasons.append(
                ngettext(
                    "Als de gewichten van %(names)s niet meetellen, verandert de winnaar.",
                    "Als de gewichten van één van deze belanghebbenden niet meetellen, "
                    "verandert de winnaar: %(names)s.",
                    len(changed),
                )
                % {"names": join_names(changed)}
            )
        if group["winner_depends_on_aggregation"]:
            reasons.append(
                _("Met een andere manier van middelen van de gewichten wint een ander alternatief.")
            )
        if not clear and group["discuss_first"]:
            reasons.append(
                _(
                    "Bespreek eerst deze criteria. Daarover verschillen de gewichten het meest: "
                    "%(criteria)s."
                )
                % {
                    "criteria": join_names(
                        [f"'{criterion_names[key]}'" for key in group["discuss_first"]]
                    )
                }
            )

    reasons.extend(_tie_rule_reasons(result))
    reasons.extend(_set_reasons(result, names))

    if clear:
        headline = _("Er is een duidelijke winnaar: %(name)s.") % {"name": names[winner]}
    else:
        headline = _("Er is geen duidelijke winnaar.")
    return {
        "clear_winner": clear,
        "winner": winner,
        "headline": headline,
        "reasons": reasons,
        "text": " ".join([headline, *reasons]),
        "thresholds": {
            "rank1_acceptability": CLEAR_WINNER_ACCEPTABILITY,
            "max_point_change": 1,
        },
    }


def _tie_rule_reasons(result: dict[str, Any]) -> list[str]:
    tie_rules = result.get("tie_rules")
    if not tie_rules:
        return []
    reasons = [
        _(
            "Een deel van de punten volgt uit een volgorde van de alternatieven. Die punten "
            "veranderen als er een alternatief bij komt of af gaat."
        )
    ]
    if tie_rules["winner_depends_on_rule"]:
        reasons.append(_("De winnaar hangt ook af van de regel voor gelijke plaatsen."))
    return reasons


def _set_reasons(result: dict[str, Any], names: dict[str, str]) -> list[str]:
    """One sentence per alternative whose removal changes the order of the others."""
    alternative_set = result.get("alternative_set")
    if not alternative_set or not alternative_set["order_depends_on_set"]:
        return []
    ranking = result["ranking"]
    return [
        _(
            "Met %(removed)s erbij is de volgorde van de andere alternatieven: %(with)s. "
            "Zonder %(removed)s is die volgorde: %(without)s."
        )
        % {
            "removed": names[removed],
            "with": join_names([names[alt] for alt in ranking if alt != removed]),
            "without": join_names([names[alt] for alt in entry["ranking"]]),
        }
        for removed, entry in alternative_set["without"].items()
        if entry["order_changed"]
    ]


def _honest_verdict(
    result: dict[str, Any],
    names: dict[str, str],
    nature: str,
    leader_sentence: str,
    weight_floor: float,
) -> dict[str, Any]:
    """The verdict of a reconstruction or an illustration (issue 14, MCA honesty).

    Only what does not depend on the invented numbers is stated: the totals, the order and the
    gap, and (for a reconstruction) whether the gap is smaller than the smallest weight a
    criterion can have, which makes a one-point change enough to swap the top two whatever the
    invented numbers are. It names no stakeholder and no criterion, and it never declares a
    clear winner.
    """
    gap = result["robustness"]["gap"]
    reasons: list[str] = []
    if nature == "reconstruction":
        reasons.append(
            _(
                "Deze studie is een reconstructie. Alleen de gepubliceerde totalen zijn echt. "
                "De gewichten per belanghebbende en de punten per criterium zijn verzonnen, "
                "zodat die totalen precies terugkomen."
            )
        )
        reasons.append(leader_sentence)
        small_gap = weight_floor > 0 and gap < weight_floor
        if small_gap:
            headline = _("Er is geen duidelijke winnaar.")
            reasons.append(
                _(
                    "Het verschil is kleiner dan het kleinste gewicht dat een criterium kan "
                    "hebben (%(floor)s). Eén punt verschil op één criterium kan de volgorde van "
                    "de nummers één en twee dus al omdraaien, welke gewichten en punten er ook "
                    "achter de totalen zitten."
                )
                % {"floor": format_number(weight_floor, 0)}
            )
        else:
            headline = _("Of er een duidelijke winnaar is, kan deze reconstructie niet zeggen.")
        reasons.append(
            _(
                "Wat de reconstructie kan dragen: de totalen, de volgorde van de alternatieven "
                "en de grootte van het verschil."
            )
        )
        reasons.append(
            _(
                "Wat de reconstructie niet kan dragen: welke criteria of welke belanghebbenden "
                "de uitkomst bepalen, hoe vaak een alternatief bovenaan staat bij andere "
                "gewichten, en welke criteria eerst besproken moeten worden. De cijfers per "
                "criterium en per belanghebbende op deze pagina laten alleen zien hoe de "
                "berekening werkt."
            )
        )
    else:
        headline = _("Dit voorbeeld wijst geen winnaar aan: de plaatsen zijn ter illustratie.")
        reasons.append(
            _(
                "Dit is een voorbeeld. De plaatsen in de volgordes en de gewichten zijn "
                "verzonnen om te laten zien hoe de berekening werkt. Ze zijn geen uitkomst van "
                "een echte beoordeling."
            )
        )
        reasons.append(_("In dit voorbeeld: %(sentence)s") % {"sentence": leader_sentence})
        reasons.extend(_tie_rule_reasons(result))
        reasons.extend(_set_reasons(result, names))
        reasons.append(
            _(
                "Wat het voorbeeld niet kan dragen: welk alternatief het beste is, en welke "
                "criteria of welke belanghebbenden de uitkomst bepalen."
            )
        )
    return {
        "clear_winner": False,
        "winner": None,
        "headline": headline,
        "reasons": reasons,
        "text": " ".join([headline, *reasons]),
        "thresholds": {
            "rank1_acceptability": CLEAR_WINNER_ACCEPTABILITY,
            "max_point_change": 1,
        },
        "nature": nature,
    }
