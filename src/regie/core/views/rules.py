"""The legal rule set: every version readable by staff, a new version by the functioneel beheerder."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import ExtraNonWorkingDay, RuleSet
from ..ruleset import RULES, create_rule_set, default_values, rules_on
from ..selectors import can_edit_reference_data
from ..termcalendar import years_without_decree
from .forms import render_form


class RuleSetForm(forms.Form):
    valid_from = forms.DateField(
        label=gettext_lazy("Geldig vanaf"),
        help_text=gettext_lazy("Bijvoorbeeld 1-1-2027"),
        error_messages={
            "required": gettext_lazy("Vul de datum in vanaf wanneer deze waarden gelden."),
            "invalid": gettext_lazy("Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026."),
        },
    )
    label = forms.CharField(
        label=gettext_lazy("Omschrijving"),
        max_length=200,
        error_messages={"required": gettext_lazy("Vul een omschrijving in.")},
    )

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        values = current.values if current else default_values()
        self.fields["valid_from"].widget = forms.TextInput(attrs={"size": "12"})
        for rule in RULES:
            stored = values.get(rule.key, {})
            if rule.choices:
                field = forms.ChoiceField(choices=[(c, c) for c in rule.choices])
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
            field.label = f"{rule.label} ({rule.unit})"
            field.help_text = stored.get("source", rule.source)
            field.initial = stored.get("value", rule.default)
            self.fields[f"rule_{rule.key}"] = field
            self.fields[f"unconfirmed_{rule.key}"] = forms.BooleanField(
                label=_("%(rule)s: NIET BEVESTIGD") % {"rule": rule.label},
                required=False,
                initial=stored.get("unconfirmed", rule.unconfirmed),
            )

    def clean_valid_from(self):
        day = self.cleaned_data["valid_from"]
        if RuleSet.objects.filter(valid_from=day).exists():
            raise forms.ValidationError(_("Er is al een regelset die op deze datum ingaat."))
        return day

    def rule_fields(self):
        return [(self[f"rule_{r.key}"], self[f"unconfirmed_{r.key}"], r) for r in RULES]


def rule_sets(request):
    versions = list(RuleSet.objects.order_by("-valid_from"))
    from django.utils import timezone

    today = timezone.localdate()
    current = rules_on(today)
    rows = [
        {
            "rule": r,
            "value": current.value(r.key),
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
                        {"value": view.value(rule.key), "unconfirmed": view.unconfirmed(rule.key)}
                        for view in views
                    ],
                }
            )
    return {"versions": ordered, "rows": rows}


def rule_set_new(request):
    if not can_edit_reference_data(request.principal):
        raise PermissionDenied
    latest = RuleSet.objects.order_by("-valid_from").first()
    form = RuleSetForm(request.POST or None, current=latest)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        create_rule_set(
            request.principal,
            valid_from=data["valid_from"],
            label=data["label"],
            values={rule.key: data[field.name] for field, _flag, rule in form.rule_fields()},
            unconfirmed={rule.key: data[flag.name] for _field, flag, rule in form.rule_fields()},
        )
        messages.success(request, _("De nieuwe regelset is opgeslagen."))
        return redirect("core:rule_sets")
    return render_form(request, "core/rule_set_form.html", {"form": form}, form)
