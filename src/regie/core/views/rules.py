"""The legal rule set: every version readable by staff, a new version by the functioneel beheerder."""

import hashlib
import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..locking import VersionConflict
from ..models import ExtraNonWorkingDay, RuleSet
from ..ruleset import (
    RULES,
    add_decree_day,
    basis_token,
    choice_label,
    create_rule_set,
    default_values,
    preview_rule_set,
    remove_decree_day,
    rules_on,
)
from ..selectors import can_edit_reference_data
from ..termcalendar import years_without_decree
from .forms import render_form

STATE_CHOICES = [
    ("confirmed", gettext_lazy("Bevestigd")),
    ("unconfirmed", gettext_lazy("Niet bevestigd")),
]


class RuleSetForm(forms.Form):
    valid_from = forms.DateField(
        label=gettext_lazy("Geldig vanaf"),
        help_text=gettext_lazy("Bijvoorbeeld 01-01-2027"),
        error_messages={
            "required": gettext_lazy("Vul de datum in vanaf wanneer deze waarden gelden."),
            "invalid": gettext_lazy("Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026."),
        },
    )
    label = forms.CharField(
        label=gettext_lazy("Omschrijving"),
        max_length=200,
        help_text=gettext_lazy("Maximaal 200 tekens."),
        error_messages={"required": gettext_lazy("Vul een omschrijving in.")},
    )
    basis = forms.CharField(widget=forms.HiddenInput, required=False)
    preview_digest = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        values = current.values if current else default_values()
        self.fields["valid_from"].widget = forms.TextInput(attrs={"size": "12"})
        for rule in RULES:
            stored = values.get(rule.key, {})
            if rule.choices:
                field = forms.ChoiceField(
                    choices=[(c, choice_label(rule.key, c)) for c in rule.choices],
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.DecimalField(
                    min_value=0,
                    max_digits=10,
                    decimal_places=2,
                    error_messages={
                        "required": _("Vul een waarde in voor %(rule)s.") % {"rule": rule.label},
                        "invalid": _("Vul voor %(rule)s een getal in.") % {"rule": rule.label},
                        "min_value": _("%(rule)s kan niet negatief zijn.") % {"rule": rule.label},
                    },
                )
            field.label = (
                _("Waarde (%(unit)s)") % {"unit": rule.unit} if not rule.choices else _("Waarde")
            )
            field.initial = stored.get("value", rule.default)
            self.fields[f"rule_{rule.key}"] = field
            self.fields[f"source_{rule.key}"] = forms.CharField(
                label=_("Bron"),
                max_length=500,
                help_text=_("De wet in woorden, of de richtlijn. Maximaal 500 tekens."),
                initial=stored.get("source", rule.source),
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "required": _("Vul de bron in voor %(rule)s.") % {"rule": rule.label}
                },
            )
            self.fields[f"state_{rule.key}"] = forms.ChoiceField(
                label=_("Is de waarde bevestigd in de tekst van de wet of regeling?"),
                choices=STATE_CHOICES,
                widget=forms.RadioSelect,
                initial=(
                    "unconfirmed" if stored.get("unconfirmed", rule.unconfirmed) else "confirmed"
                ),
                error_messages={
                    "required": _("Kies of %(rule)s bevestigd is.") % {"rule": rule.label}
                },
            )

    def clean_valid_from(self):
        day = self.cleaned_data["valid_from"]
        if RuleSet.objects.filter(valid_from=day).exists():
            raise forms.ValidationError(_("Er is al een regelset die op deze datum ingaat."))
        return day

    def rule_fields(self):
        return [
            (self[f"rule_{r.key}"], self[f"source_{r.key}"], self[f"state_{r.key}"], r)
            for r in RULES
        ]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "valid_from": data["valid_from"],
            "values": {r.key: data[f"rule_{r.key}"] for r in RULES},
            "unconfirmed": {r.key: data[f"state_{r.key}"] == "unconfirmed" for r in RULES},
            "sources": {r.key: data[f"source_{r.key}"].strip() for r in RULES},
        }

    def digest(self) -> str:
        """A fingerprint of what the user previewed; saving needs the preview of these values."""
        payload = json.dumps(
            {
                k: str(v)
                for k, v in sorted(self.cleaned_data.items())
                if k not in ("preview_digest", "basis")
            }
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:32]


def _shown(rule, value):
    """A choice by its label (never the stored code); a number as it is, for the template."""
    return choice_label(rule.key, value) if rule.choices else value


def rule_sets(request):
    versions = list(RuleSet.objects.order_by("-valid_from"))
    from django.utils import timezone

    today = timezone.localdate()
    current = rules_on(today)
    rows = [
        {
            "rule": r,
            "value": _shown(r, current.value(r.key)),
            "unconfirmed": current.unconfirmed(r.key),
            "source": current.source(r.key),
        }
        for r in RULES
    ]
    days = ExtraNonWorkingDay.objects.order_by("date")
    return render(
        request,
        "core/rule_sets.html",
        {
            "versions": versions,
            "rows": rows,
            "current": current,
            "days": days,
            "yearly": _yearly_rows(versions),
            "missing_decree_years": years_without_decree(today),
            "has_unconfirmed_days": any(d.unconfirmed for d in days),
            "can_edit": can_edit_reference_data(request.principal),
        },
    )


def _yearly_rows(versions):
    """The rules whose value differs between versions, with the value of each version (oldest
    first): the amounts per year the functioneel beheerder checks against each year's Regeling."""
    ordered = sorted(versions, key=lambda v: v.valid_from)
    if len(ordered) < 2:
        return {"versions": ordered, "rows": []}
    views = [rules_on(v.valid_from) for v in ordered]
    rows = []
    for rule in RULES:
        values = [view.value(rule.key) for view in views]
        if len(set(map(str, values))) > 1:
            rows.append(
                {
                    "rule": rule,
                    "cells": [
                        {
                            "value": _shown(rule, view.value(rule.key)),
                            "unconfirmed": view.unconfirmed(rule.key),
                        }
                        for view in views
                    ],
                }
            )
    return {"versions": ordered, "rows": rows}


def rule_set_new(request):
    """A new version: fill in, preview what changes for running cases, then save."""
    if not can_edit_reference_data(request.principal):
        raise PermissionDenied
    latest = RuleSet.objects.order_by("-valid_from").first()
    form = RuleSetForm(request.POST or None, current=latest)
    if request.method != "POST":
        form.fields["basis"].initial = basis_token()
    preview = None
    conflict = None
    if request.method == "POST" and form.is_valid():
        arguments = form.service_arguments()
        digest = form.digest()
        if request.POST.get("action") == "save" and form.cleaned_data["preview_digest"] == digest:
            try:
                create_rule_set(
                    request.principal,
                    label=form.cleaned_data["label"],
                    basis=form.cleaned_data["basis"],
                    **arguments,
                )
            except VersionConflict as exc:
                conflict = exc
            else:
                messages.success(request, _("De nieuwe regelset is opgeslagen."))
                return redirect("core:rule_sets")
        preview = preview_rule_set(request.principal, **arguments)
        data = form.data.copy()
        data["preview_digest"] = digest
        if conflict is not None:  # show the new situation; the next save checks against it
            data["basis"] = basis_token()
        form.data = data
    return render_form(
        request,
        "core/rule_set_form.html",
        {"form": form, "preview": preview},
        form,
        conflict=conflict,
    )


class DecreeDayForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Datum"),
        help_text=gettext_lazy("Bijvoorbeeld 27-05-2022"),
        widget=forms.TextInput(attrs={"size": "12"}),
        error_messages={
            "required": gettext_lazy("Vul de datum van de gelijkgestelde dag in."),
            "invalid": gettext_lazy("Vul de datum in als dag-maand-jaar, bijvoorbeeld 27-05-2022."),
        },
    )
    source = forms.CharField(
        label=gettext_lazy("Bron"),
        max_length=200,
        help_text=gettext_lazy("Het besluit, met vindplaats. Maximaal 200 tekens."),
        error_messages={"required": gettext_lazy("Vul de bron in.")},
    )
    state = forms.ChoiceField(
        label=gettext_lazy("Is de dag gecontroleerd in de tekst van het besluit zelf?"),
        choices=STATE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies of de dag bevestigd is.")},
    )

    def clean_date(self):
        day = self.cleaned_data["date"]
        if ExtraNonWorkingDay.objects.filter(date=day).exists():
            raise forms.ValidationError(_("Deze dag staat al in de lijst."))
        return day


def decree_days(request):
    """The decree days (Algemene termijnenwet art. 3 lid 3): add with source, remove."""
    if not can_edit_reference_data(request.principal):
        raise PermissionDenied
    form = DecreeDayForm(request.POST or None) if request.POST.get("action") == "add" else None
    conflict = None
    confirm_day = None
    if request.method == "POST":
        if form is not None and form.is_valid():
            add_decree_day(
                request.principal,
                date=form.cleaned_data["date"],
                source=form.cleaned_data["source"],
                unconfirmed=form.cleaned_data["state"] == "unconfirmed",
            )
            messages.success(request, _("De dag is toegevoegd."))
            return redirect("core:decree_days")
        if request.POST.get("action") == "remove" and not request.POST.get("confirmed"):
            confirm_day = ExtraNonWorkingDay.objects.filter(
                pk=int(request.POST.get("day") or 0)
                if (request.POST.get("day") or "").isdigit()
                else 0
            ).first()
            if confirm_day is None:
                conflict = _("Deze dag was al verwijderd. Bekijk de lijst opnieuw.")
        elif request.POST.get("action") == "remove":
            try:
                remove_decree_day(request.principal, int(request.POST.get("day") or 0))
            except (VersionConflict, ValueError):
                conflict = _("Deze dag was al verwijderd. Bekijk de lijst opnieuw.")
            else:
                messages.success(request, _("De dag is verwijderd."))
                return redirect("core:decree_days")
    return render_form(
        request,
        "core/decree_days.html",
        {
            "form": form or DecreeDayForm(),
            "days": ExtraNonWorkingDay.objects.order_by("date"),
            "confirm_day": confirm_day,
        },
        form,
        conflict=conflict,
    )
