"""Forms of the decisions app: import a study, one stakeholder's weights, the group's points."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import mca, services

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("JSON-bestand met de studie"),
        help_text=gettext_lazy("Een bestand in de vorm van de studie (zie de export)."),
        error_messages={"required": gettext_lazy("Kies een JSON-bestand met de studie.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 2 MB."))
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Het bestand is geen tekst in UTF-8.")) from None
        try:
            self.study = services.validate(text)
        except mca.StudyError as error:
            raise forms.ValidationError(services.error_lines(error)) from None
        return upload


def _scale(study_data, key):
    low, high = study_data.get("scale", {}).get(key, [1, 3])
    return int(low), int(high)


class _VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class WeightsForm(_VersionedForm):
    """One whole-number field per criterion, on the study's weight scale."""

    def __init__(self, *args, study, stakeholder, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = _scale(study.data, "weights")
        message = _("Vul een gewicht van %(low)s tot %(high)s in.") % {"low": low, "high": high}
        current = study.data.get("weights", {}).get(stakeholder, {})
        self.initial.setdefault("version", study.version)
        self.groups = []
        for cluster in study.data["clusters"]:
            names = []
            for criterion in cluster["criteria"]:
                name = f"w_{criterion['key']}"
                self.fields[name] = forms.IntegerField(
                    label=criterion["name"],
                    min_value=low,
                    max_value=high,
                    help_text=criterion.get("description", ""),
                    error_messages={
                        key: message for key in ("required", "invalid", "min_value", "max_value")
                    },
                )
                if criterion["key"] in current:
                    self.initial.setdefault(name, int(current[criterion["key"]]))
                names.append(name)
            self.groups.append({"name": cluster["name"], "fields": [self[n] for n in names]})

    def weights(self) -> dict:
        return {
            name[2:]: value for name, value in self.cleaned_data.items() if name.startswith("w_")
        }


class PointsForm(_VersionedForm):
    """The working group's points per alternative × criterion (only points given directly)."""

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = _scale(study.data, "points")
        message = _("Vul punten van %(low)s tot %(high)s in.") % {"low": low, "high": high}
        points = study.data.get("points", {})
        self.initial.setdefault("version", study.version)
        self.rows = []
        self._cells: dict[str, tuple[str, str]] = {}
        for cluster in study.data["clusters"]:
            for criterion in cluster["criteria"]:
                cells = []
                for alternative in study.data["alternatives"]:
                    row = points.get(alternative["key"], {})
                    if criterion["key"] not in row:
                        cells.append(None)
                        continue
                    name = f"p_{len(self._cells)}"
                    self._cells[name] = (alternative["key"], criterion["key"])
                    self.fields[name] = forms.IntegerField(
                        label=_("%(criterion)s: %(alternative)s")
                        % {"criterion": criterion["name"], "alternative": alternative["name"]},
                        min_value=low,
                        max_value=high,
                        error_messages={
                            key: message
                            for key in ("required", "invalid", "min_value", "max_value")
                        },
                    )
                    self.initial.setdefault(name, int(row[criterion["key"]]))
                    cells.append(self[name])
                self.rows.append({"criterion": criterion, "cells": cells})
        self.alternatives = study.data["alternatives"]

    def points(self) -> dict:
        result: dict[str, dict] = {}
        for name, (alternative, criterion) in self._cells.items():
            result.setdefault(alternative, {})[criterion] = self.cleaned_data[name]
        return result
