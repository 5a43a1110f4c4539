"""Forms of the objection register: Dutch labels, errors that say what to do."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.forms import choice_field, date_field, text_field, yes_no_field

from .models import (
    AppealKind,
    AppealOutcome,
    DecisionKind,
    FurtherDelayGround,
    Outcome,
    WaiverGround,
)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


def _weeks(label, message):
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=52,
        error_messages={
            "required": message,
            "invalid": _("Vul een heel aantal weken in, bijvoorbeeld 6."),
            "min_value": _("Vul ten minste 1 week in."),
            "max_value": _("Vul ten hoogste 52 weken in."),
        },
    )


class RegisterForm(forms.Form):
    decision_kind = choice_field(
        _("Tegen welk besluit is het bezwaar gericht?"),
        DecisionKind.choices,
        message=_("Kies het soort besluit."),
        radio=True,
    )
    plan_version = forms.ChoiceField(label=_("PIP-versie"), required=False)
    enforcement_case = forms.ChoiceField(label=_("Boetebesluit"), required=False)
    decision_description = text_field(
        _("Omschrijving van het besluit (bij een weigering: welke aanvraag)"),
        required=False,
        max_length=300,
    )
    decision_date = date_field(
        _("Dagtekening van het besluit"),
        required=False,
        help_text=_("Niet nodig bij een PIP of boete: die datum staat al in het dossier."),
    )
    decision_made_known_on = date_field(
        _("Bekendgemaakt op"),
        required=False,
        help_text=_("Leeg: de dagtekening. De bezwaartermijn begint de dag erna (Awb art. 6:8)."),
    )
    received_on = date_field(
        _("Bezwaarschrift ontvangen op"), message=_("Vul de datum van ontvangst in.")
    )
    grounds = text_field(_("Gronden van het bezwaar"), required=False, long=True)
    advisory_committee = yes_no_field(
        _("Is er een adviescommissie ingesteld (Awb art. 7:13)?"),
        help_text=_("Zo ja, dan is de beslistermijn 12 weken."),
        required=False,
        empty_value=False,
    )

    def __init__(self, *args, plan_versions=(), fines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._plan_versions = {str(v.uuid): v for v in plan_versions}
        self._fines = {str(c.uuid): c for c in fines}
        self.fields["plan_version"].choices = [("", _("Geen PIP-versie gekozen"))] + [
            (
                key,
                _("PIP versie %(n)s, dagtekening %(d)s")
                % {
                    "n": v.number,
                    "d": v.decision_date.strftime("%d-%m-%Y") if v.decision_date else "-",
                },
            )
            for key, v in self._plan_versions.items()
        ]
        self.fields["enforcement_case"].choices = [("", _("Geen boete gekozen"))] + [
            (
                key,
                _("Boete € %(a)s, dagtekening %(d)s")
                % {
                    "a": c.fine_amount,
                    "d": c.decision_date.strftime("%d-%m-%Y") if c.decision_date else "-",
                },
            )
            for key, c in self._fines.items()
        ]

    def clean_plan_version(self):
        return self._plan_versions.get(self.cleaned_data.get("plan_version") or "")

    def clean_enforcement_case(self):
        return self._fines.get(self.cleaned_data.get("enforcement_case") or "")


class RepairForm(VersionForm):
    requested_on = date_field(
        _("Verzocht om herstel op"), message=_("Vul de datum van het verzoek in.")
    )
    deadline = date_field(
        _("Herstellen uiterlijk op"), message=_("Vul de uiterste datum voor herstel in.")
    )
    defect = text_field(
        _("Wat ontbreekt (Awb art. 6:5)"), max_length=300, message=_("Beschrijf wat ontbreekt.")
    )


class RepairedForm(VersionForm):
    repaired_on = date_field(_("Verzuim hersteld op"), message=_("Vul de datum van herstel in."))


class PostponeForm(VersionForm):
    postponed_on = date_field(
        _("Verdaagd op (datum van de brief)"), message=_("Vul de datum van de brief in.")
    )
    weeks = _weeks(_("Aantal weken"), _("Vul het aantal weken in."))


class FurtherDelayForm(VersionForm):
    delayed_on = date_field(
        _("Uitgesteld op (datum van de brief)"), message=_("Vul de datum van de brief in.")
    )
    weeks = _weeks(_("Aantal weken"), _("Vul het aantal weken in."))
    ground = choice_field(
        _("Grond (Awb art. 7:10 lid 4)"),
        FurtherDelayGround.choices,
        message=_("Kies de grond voor verder uitstel."),
        radio=True,
    )


class PlanHearingForm(VersionForm):
    planned_on = date_field(_("Hoorzitting op"), message=_("Vul de datum van de hoorzitting in."))


class HearingForm(VersionForm):
    held_on = date_field(
        _("Gehoord op"), message=_("Vul de datum in waarop de bezwaarmaker is gehoord.")
    )
    report = text_field(
        _("Verslag van het horen"), long=True, message=_("Vat samen wat de bezwaarmaker zei.")
    )


class WaiveForm(VersionForm):
    ground = choice_field(
        _("Grond om van horen af te zien (Awb art. 7:3)"),
        WaiverGround.choices,
        message=_("Kies de grond uit Awb art. 7:3."),
        radio=True,
    )


class DecideForm(VersionForm):
    outcome = choice_field(
        _("Uitkomst"), Outcome.choices, message=_("Kies de uitkomst."), radio=True
    )
    decided_on = date_field(_("Beslist op"), message=_("Vul de datum van de beslissing in."))
    reasoning = text_field(_("Motivering (Awb art. 7:12)"), long=True, required=False)
    new_fine_amount = forms.DecimalField(
        label=_("Nieuw boetebedrag (0 is intrekken)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": _("Vul een bedrag in euro in, bijvoorbeeld 125 of 62,50."),
            "min_value": _("Vul 0 of meer in."),
        },
    )
    new_decision = text_field(_("Nieuw besluit (bij gegrond)"), long=True, required=False)


class LinkRevisionForm(VersionForm):
    plan_version = forms.ChoiceField(
        label=_("Nieuwe PIP-versie"),
        error_messages={
            "required": _("Kies de nieuwe PIP-versie."),
            "invalid_choice": _("Kies de nieuwe PIP-versie."),
        },
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._candidates = {str(v.uuid): v for v in candidates}
        self.fields["plan_version"].choices = [("", _("Kies een versie"))] + [
            (key, _("PIP versie %(n)s") % {"n": v.number}) for key, v in self._candidates.items()
        ]

    def clean_plan_version(self):
        return self._candidates[self.cleaned_data["plan_version"]]


class DefaultNoticeForm(VersionForm):
    received_on = date_field(
        _("Ingebrekestelling ontvangen op"), message=_("Vul de datum van ontvangst in.")
    )


class PenaltyForm(VersionForm):
    fixed_on = date_field(_("Vastgesteld op"), message=_("Vul de datum van de vaststelling in."))
    exception_note = text_field(
        _("Geen dwangsom verschuldigd omdat (Awb art. 4:17 lid 6)"),
        required=False,
        max_length=300,
        help_text=_(
            "Alleen invullen als een grond van Awb art. 4:17 lid 6 geldt; de dwangsom is dan € 0."
        ),
    )


class AppealForm(VersionForm):
    kind = choice_field(
        _("Beroep"),
        AppealKind.choices,
        message=_("Kies waartegen het beroep is gericht."),
        radio=True,
    )
    filed_on = date_field(_("Beroep ingesteld op"), message=_("Vul de datum in."))
    court = text_field(_("Rechtbank"), max_length=100, message=_("Vul de rechtbank in."))


class AppealOutcomeForm(VersionForm):
    outcome = choice_field(
        _("Uitspraak"), AppealOutcome.choices, message=_("Kies de uitspraak."), radio=True
    )
    decided_on = date_field(_("Uitspraak op"), message=_("Vul de datum van de uitspraak in."))
    note = text_field(_("Toelichting"), long=True, required=False)
