"""Forms of the work-item queue: filter by kind and state, finish with an optional note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import WorkItemState


class WorkItemFilterForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort taak"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=WorkItemState.choices,
        error_messages={"invalid_choice": _("Kies een status uit de lijst.")},
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Alle soorten")), *kinds]
        self.fields["soort"].error_messages["invalid_choice"] = _("Kies een soort uit de lijst.")


class WorkItemCompleteForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        help_text=_("Bijvoorbeeld wat u hebt gedaan of afgesproken."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )
