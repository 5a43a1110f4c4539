"""Forms for login, second factor, role switch, reference data and log search; and the field
factories every app's forms use (:func:`date_field`, :func:`text_field`, :func:`choice_field`),
so a date, a text or a choice asks and answers the same way on every page."""

import datetime as dt

from django import forms
from django.utils.dateparse import parse_date
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import AccessLogEntry, AuditEvent, HousingTarget, Organisation

DATE_HELP = _("Bijvoorbeeld 28-11-2026")
DATE_ERRORS = {"invalid": _("Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026.")}
MAX_LENGTH_ERROR = _("Gebruik hoogstens %(limit_value)d tekens.")
DISPLAY_DATE_FORMAT = "%d-%m-%Y"


def _as_date(value):
    """A date for a date object or an ISO text (``2026-12-05``); anything else as it is."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return parse_date(value.strip()) or value
        except ValueError:  # well-formed but impossible, such as 2026-02-30
            return value
    return value


class DutchDateInput(forms.DateInput):
    """One text box showing a date as dd-mm-jjjj, also when the initial value is ISO text.

    Django's ``TextInput`` prints a date object or an ISO string as ``2026-12-05``; this widget
    always prints ``05-12-2026`` (ux.md: tables and forms, prefilled values too)."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DISPLAY_DATE_FORMAT)

    def format_value(self, value):
        return super().format_value(_as_date(value))


def max_length_error(label):
    """The Dutch "too long" error that names its field (ux.md: each error names its field)."""
    return format_lazy(_("{label}: gebruik hoogstens %(limit_value)d tekens."), label=label)


def required_error(label, what=None):
    """The Dutch "empty" error that names its field: "Toelichting: vul dit in."."""
    return format_lazy(_("{label}: {what}"), label=label, what=what or _("vul dit in."))


# Every text field has a maximum the form states ("Maximaal 2.000 tekens") and enforces (the
# maxlength attribute and the server's check); a text area 2,000, a line 200 (issue 14).
TEXT_MAX_LENGTH = 2000
LINE_MAX_LENGTH = 200


def limited_formfield(model_field, **kwargs):
    """``Meta.formfield_callback`` of a ModelForm: a model's TextField gets the form maximum
    ``TEXT_MAX_LENGTH`` (a CharField keeps its column's max_length)."""
    from django.db import models

    if isinstance(model_field, models.TextField):
        kwargs.setdefault("max_length", TEXT_MAX_LENGTH)
        field = model_field.formfield(**kwargs)
        if field is not None:
            field.error_messages["max_length"] = max_length_error(field.label)
        return field
    return model_field.formfield(**kwargs)


# Every date field's sensible range (issue 14): not before 1900, not more than 25 years ahead
# (a duty term of three years, extended, plus rule-set versions and contracts stay far inside).
DATE_EARLIEST = dt.date(1900, 1, 1)
DATE_YEARS_AHEAD = 25


def _nl_date(value: dt.date) -> str:
    return value.strftime("%d-%m-%Y")


class DateRangeValidator:
    """Refuses a date outside its field's range with a Dutch message that names the field and
    stands next to it.

    ``not_future``: no later than today (a birth date, a permit date, something that happened);
    ``not_past``: no earlier than today (something planned). Bounds are taken on the day of the
    check, not when the form class is loaded."""

    def __init__(self, *, label="", not_future=False, not_past=False, earliest=None, latest=None):
        self.label = label
        self.not_future = not_future
        self.not_past = not_past
        self.earliest = earliest or DATE_EARLIEST
        self.latest = latest

    def __call__(self, value):
        from django.utils import timezone

        if value is None:
            return
        today = timezone.localdate()
        latest = self.latest or today.replace(
            year=today.year + DATE_YEARS_AHEAD, day=min(today.day, 28)
        )
        field = {"veld": self.label or _("Deze datum")}
        if value < self.earliest:
            message, code, day = (
                _("%(veld)s: vul een datum in vanaf %(datum)s."),
                "min_value",
                self.earliest,
            )
        elif self.not_future and value > today:
            message, code, day = (
                _("%(veld)s ligt in de toekomst. Vul een datum in tot en met vandaag (%(datum)s)."),
                "future",
                today,
            )
        elif self.not_past and value < today:
            message, code, day = (
                _("%(veld)s ligt in het verleden. Vul vandaag (%(datum)s) of een latere datum in."),
                "past",
                today,
            )
        elif value > latest:
            message, code, day = (
                _("%(veld)s ligt te ver in de toekomst. Vul een datum in tot en met %(datum)s."),
                "max_value",
                latest,
            )
        else:
            return
        raise forms.ValidationError(message % {**field, "datum": _nl_date(day)}, code=code)


def date_field(
    label,
    *,
    required=True,
    message=None,
    help_text=DATE_HELP,
    attrs=None,
    not_future=False,
    not_past=False,
    earliest=None,
    latest=None,
):
    """A day-month-year date in a short text box (no date picker), within a sensible range.

    ``message`` is the Dutch "required" error (default "Vul de datum in."). Every date lies
    between 1-1-1900 and 25 years ahead (``earliest``/``latest`` narrow that); ``not_future``
    refuses a date after today (a birth date, something that happened), ``not_past`` a date
    before today (something planned). The messages are Dutch and stand next to the field.
    """
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        error_messages={
            "invalid": required_error(
                label, _("vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026.")
            ),
            "required": message or required_error(label, _("vul de datum in.")),
        },
        widget=DutchDateInput(attrs={"size": "12", **(attrs or {})}),
        validators=[
            DateRangeValidator(
                label=label,
                not_future=not_future,
                not_past=not_past,
                earliest=earliest,
                latest=latest,
            )
        ],
    )


class MemorableDateWidget(forms.MultiWidget):
    """A memorable date (date of birth) as three boxes Dag, Maand, Jaar in a fieldset (ux.md).

    The boxes are named ``<name>_dag``, ``<name>_maand``, ``<name>_jaar``; the day box carries
    the field's own id, so the error summary's link lands on the first box. A request that sends
    the date as one value (``<name>=14-03-1990``, as before) is still understood."""

    template_name = "components/memorable_date.html"
    parts = (
        ("dag", _("Dag"), "bday-day", 2),
        ("maand", _("Maand"), "bday-month", 2),
        ("jaar", _("Jaar"), "bday-year", 4),
    )

    def __init__(self, attrs=None):
        widgets = {
            key: forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "autocomplete": autocomplete,
                    "size": str(size),
                    "maxlength": str(size),
                    "class": f"date-input__{key}",
                }
            )
            for key, _label, autocomplete, size in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        value = _as_date(value)
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and value.strip():
            pieces = value.replace("/", "-").replace(".", "-").replace(" ", "-").split("-")
            if len(pieces) == 3:
                return pieces
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        if name in data and not any(f"{name}_{key}" in data for key, *_rest in self.parts):
            return self.decompress(data.get(name))
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        own_id = (attrs or {}).get("id") or self.attrs.get("id")
        for (key, label, *_rest), sub in zip(self.parts, context["widget"]["subwidgets"]):
            sub["label"] = label
            if own_id:
                sub["attrs"]["id"] = own_id if key == "dag" else f"{own_id}_{key}"
        return context

    def id_for_label(self, id_):
        return id_


class MemorableDateField(forms.MultiValueField):
    """The date of three boxes; each error in Dutch, naming what is missing or wrong."""

    widget = MemorableDateWidget

    def __init__(self, *, label, required=True, message=None, help_text="", **kwargs):
        self.missing_message = message or _("Vul de datum in.")
        fields = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        super().__init__(
            fields,
            label=label,
            required=required,
            help_text=help_text,
            require_all_fields=False,
            error_messages={"required": self.missing_message, "incomplete": self.missing_message},
            **kwargs,
        )

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = tuple(key for key, v in (("dag", day), ("maand", month), ("jaar", year)) if not v)
        if missing:
            raise forms.ValidationError(MEMORABLE_DATE_MISSING[missing], code="incomplete")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(MEMORABLE_DATE_INVALID, code="invalid")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(MEMORABLE_DATE_INVALID, code="invalid") from None


# Whole sentences per combination, so each language can word them (no joined fragments).
MEMORABLE_DATE_MISSING = {
    ("dag",): _("De datum moet een dag bevatten."),
    ("maand",): _("De datum moet een maand bevatten."),
    ("jaar",): _("De datum moet een jaar bevatten."),
    ("dag", "maand"): _("De datum moet een dag en een maand bevatten."),
    ("dag", "jaar"): _("De datum moet een dag en een jaar bevatten."),
    ("maand", "jaar"): _("De datum moet een maand en een jaar bevatten."),
}

MEMORABLE_DATE_INVALID = _(
    "Vul een bestaande datum in met de dag, de maand en het jaar in cijfers, bijvoorbeeld 14 3 1990."
)


def memorable_date_field(
    label, *, required=True, message=None, help_text=None, not_future=False, earliest=None
):
    """A date people know by heart (date of birth): three boxes Dag, Maand, Jaar (ux.md).

    ``cleaned_data`` holds a ``date`` (or ``None``), as :func:`date_field` does, within the same
    sensible range (:class:`DateRangeValidator`; ``not_future`` for a birth date)."""
    return MemorableDateField(
        label=label,
        required=required,
        message=message,
        help_text=_("Bijvoorbeeld 14 3 1990") if help_text is None else help_text,
        validators=[DateRangeValidator(label=label, not_future=not_future, earliest=earliest)],
    )


def text_field(
    label, *, required=True, message=None, max_length=None, long=False, size=None, help_text=""
):
    """Text in one line, or in a text area of three rows with ``long=True``.

    ``message`` is the Dutch "required" error (default "Vul dit in."); ``size`` the width of a
    one-line box in characters; ``max_length`` defaults to 2,000 for a text area and 200 for a
    line.
    """
    errors = {
        "required": message or required_error(label),
        "max_length": max_length_error(label),
    }
    if max_length is None:
        max_length = TEXT_MAX_LENGTH if long else LINE_MAX_LENGTH
    if long:
        widget = forms.Textarea(attrs={"rows": 3})
    else:
        widget = forms.TextInput(attrs={"size": str(size)} if size else {})
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        error_messages=errors,
        widget=widget,
    )


YES_NO = [("True", _("Ja")), ("False", _("Nee"))]


def yes_no_field(
    label, *, message=None, required=True, initial=None, help_text="", empty_value=None
):
    """A yes/no question as two radios Ja and Nee (ux.md: yes/no as radios, never a checkbox or
    a select). Cleans to True or False (None when optional and unanswered); the values are
    "True"/"False" so an initial or a model's boolean preselects the right radio; an optional
    question left open cleans to ``empty_value``."""
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "True",
        empty_value=empty_value,
        required=required,
        initial=initial,
        help_text=help_text,
        widget=forms.RadioSelect,
        error_messages={
            "required": message or required_error(label, _("kies ja of nee.")),
            "invalid_choice": message or required_error(label, _("kies ja of nee.")),
        },
    )


def choice_field(
    label, choices, *, message=None, required=True, radio=False, widget=None, help_text=""
):
    """A choice: a select list, or radios (``radio=True``, rendered with
    ``components/radios.html``). ``message`` answers both "nothing chosen" and "not a choice"."""
    errors = {"required": message, "invalid_choice": message} if message else {}
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=help_text,
        widget=widget or (forms.RadioSelect if radio else forms.Select),
        error_messages=errors,
    )


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Gebruikersnaam"), max_length=150)
    password = forms.CharField(
        label=_("Wachtwoord"), strip=False, max_length=200, widget=forms.PasswordInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = _("Vul uw gebruikersnaam in.")
        self.fields["password"].error_messages["required"] = _("Vul uw wachtwoord in.")
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        max_length=6,
        min_length=6,
        help_text=_("6 cijfers, bijvoorbeeld 123456"),
        error_messages={
            "required": _("Vul de code van 6 cijfers in."),
            "min_length": _("Vul de code van 6 cijfers in."),
            "max_length": _("Vul de code van 6 cijfers in."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "size": "8"}
        )


class OrganisationForm(forms.ModelForm):
    """The reference data of an organisation; ``version`` for optimistic locking."""

    FIELDS = ["name", "inhabitants", "inhabitants_note"]
    # a municipality's college signs letters: its address and digital objection route (Awb 3:45)
    LETTER_FIELDS = ["postal_address", "objection_digital_open", "objection_digital_route"]
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        self.FIELDS = list(type(self).FIELDS)
        if self.instance.is_municipality:
            self.FIELDS += self.LETTER_FIELDS
            self.fields["postal_address"].widget = forms.Textarea(attrs={"rows": 3})
            model_field = Organisation._meta.get_field("objection_digital_open")
            self.fields["objection_digital_open"] = forms.TypedChoiceField(
                label=_("Kan een inwoner digitaal bezwaar maken?"),
                choices=[(True, _("Ja")), (False, _("Nee"))],
                coerce=lambda value: value in (True, "True"),
                empty_value=False,  # not answered: the route stays closed (the default)
                required=False,
                widget=forms.RadioSelect,
                help_text=model_field.help_text,
                error_messages={"invalid_choice": _("Kies ja of nee.")},
            )
            self.fields["objection_digital_route"].max_length = 300
        else:
            for name in self.LETTER_FIELDS:
                del self.fields[name]

    class Meta:
        model = Organisation
        fields = [
            "name",
            "inhabitants",
            "inhabitants_note",
            "postal_address",
            "objection_digital_open",
            "objection_digital_route",
        ]
        error_messages = {
            "name": {"required": _("Vul de naam in.")},
            "inhabitants": {"invalid": _("Vul het aantal inwoners in als een heel getal.")},
        }


class HousingTargetForm(forms.ModelForm):
    class Meta:
        model = HousingTarget
        fields = ["period_start", "period_end", "target", "source"]
        help_texts = {
            "period_start": _("Bijvoorbeeld 1-1-2027"),
            "period_end": _("Bijvoorbeeld 31-12-2027"),
        }
        error_messages = {
            "period_start": {
                "required": _("Vul het begin van de periode in."),
                "invalid": _("Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026."),
            },
            "period_end": {
                "required": _("Vul het einde van de periode in."),
                "invalid": _("Vul de datum in als dag-maand-jaar, bijvoorbeeld 28-11-2026."),
            },
            "target": {
                "required": _("Vul de taakstelling in."),
                "invalid": _("Vul de taakstelling in als een heel getal."),
            },
        }

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipality is not None:
            self.instance.municipality = municipality
        for name in ("period_start", "period_end"):
            self.fields[name].widget = forms.TextInput(attrs={"size": "12"})

    def clean(self):
        data = super().clean()
        start = data.get("period_start")
        if start and self.instance.municipality_id:
            clash = HousingTarget.objects.filter(
                municipality_id=self.instance.municipality_id, period_start=start
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "period_start",
                    _(
                        "Er is al een taakstelling die op deze datum begint. Wijzig die of kies een andere datum."
                    ),
                )
        return data


class AccessLogFilterForm(forms.Form):
    person = forms.CharField(
        label=_("Betrokkene"),
        required=False,
        max_length=LINE_MAX_LENGTH,
        help_text=_("Naam of BSN van de klant"),
    )
    actor = forms.CharField(label=_("Gebruiker"), required=False, max_length=LINE_MAX_LENGTH)
    date_from = date_field(_("Vanaf"), required=False)
    date_to = date_field(_("Tot en met"), required=False)
    action = forms.ChoiceField(
        label=_("Handeling"),
        required=False,
        choices=[("", _("Alle"))] + list(AccessLogEntry.Action.choices),
    )


class ChangeLogFilterForm(forms.Form):
    object_type = forms.CharField(
        label=_("Soort gegeven"), required=False, max_length=LINE_MAX_LENGTH
    )
    actor = forms.CharField(label=_("Gebruiker"), required=False, max_length=LINE_MAX_LENGTH)
    date_from = date_field(_("Vanaf"), required=False)
    date_to = date_field(_("Tot en met"), required=False)
    action = forms.ChoiceField(
        label=_("Handeling"),
        required=False,
        choices=[("", _("Alle"))] + list(AuditEvent.Action.choices),
    )
