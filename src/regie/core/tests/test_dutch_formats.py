"""Dutch formats in forms (issue 14, item 3; ux.md "Date input" and "Dates and numbers")."""

import datetime as dt

from django import forms
from django.template import Context, Template

from regie.core.forms import date_field, memorable_date_field


class _Form(forms.Form):
    start = date_field("Startdatum")
    born = memorable_date_field("Geboortedatum", message="Vul de geboortedatum in.")


def _render(form, name):
    return Template("{% load regie %}{% form_field f." + name + " %}").render(Context({"f": form}))


def test_prefilled_date_fields_show_day_month_year_never_iso():
    for initial in (dt.date(2026, 12, 5), "2026-12-05"):
        html = _render(_Form(initial={"start": initial}), "start")
        assert 'value="05-12-2026"' in html, html
        assert "2026-12-05" not in html
    # what the user typed stays as typed, also when it is no date
    assert 'value="32-13-2026"' in _render(_Form({"start": "32-13-2026"}), "start")


def test_birth_date_is_entered_in_three_fields_dag_maand_jaar():
    html = _render(_Form(initial={"born": dt.date(1990, 3, 14)}), "born")
    assert "<fieldset" in html and "<legend>Geboortedatum</legend>" in html
    for name, label, value, autocomplete in (
        ("born_dag", "Dag", "14", "bday-day"),
        ("born_maand", "Maand", "3", "bday-month"),
        ("born_jaar", "Jaar", "1990", "bday-year"),
    ):
        assert f'name="{name}" value="{value}"' in html
        assert f">{label}</label>" in html and f'autocomplete="{autocomplete}"' in html
    assert html.count('inputmode="numeric"') == 3
    assert 'id="id_born"' in html  # the error summary's link lands on the day box

    form = _Form({"start": "05-12-2026", "born_dag": "14", "born_maand": "3", "born_jaar": "1990"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["born"] == dt.date(1990, 3, 14)


def test_birth_date_errors_are_dutch_and_name_what_is_missing():
    missing = _Form({"start": "05-12-2026"})
    assert missing.errors["born"] == ["Vul de geboortedatum in."]
    partial = _Form({"start": "05-12-2026", "born_dag": "14", "born_maand": "", "born_jaar": ""})
    assert partial.errors["born"] == ["De datum moet een maand en een jaar bevatten."]
    impossible = _Form(
        {"start": "05-12-2026", "born_dag": "31", "born_maand": "2", "born_jaar": "1990"}
    )
    assert "bestaande datum" in impossible.errors["born"][0]
    # one value as before (an API-like post or an older client) is still understood
    assert _Form({"start": "05-12-2026", "born": "14-03-1990"}).is_valid()
