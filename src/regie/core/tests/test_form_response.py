"""The one answer of a form page (core.views.forms): 200 fresh, 400 with errors, 409 on conflict."""

from unittest import mock

from django import forms
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory

from regie.core.errors import ConflictError
from regie.core.forms import choice_field, date_field, text_field
from regie.core.locking import CONFLICT_MESSAGE, VersionConflict
from regie.core.views.forms import form_status, render_form


class _Form(forms.Form):
    day = date_field("Datum", message="Vul de datum in.")
    note = text_field("Toelichting", required=False, long=True, max_length=10)
    kind = choice_field("Soort", [("a", "A"), ("b", "B")], message="Kies de soort.", radio=True)


def test_status_fresh_form_is_200():
    assert form_status(_Form()) == 200
    assert form_status(None) == 200


def test_status_bound_form_with_errors_is_400():
    form = _Form({"day": "31-02-2026", "kind": "c"})
    assert not form.is_valid()
    assert form_status(form) == 400
    assert form_status(_Form(), errors=True) == 400


def test_status_valid_bound_form_is_200():
    form = _Form({"day": "28-11-2026", "kind": "a"})
    assert form.is_valid()
    assert form_status(form) == 200


def test_status_conflict_is_409_even_with_errors():
    form = _Form({})
    form.is_valid()
    assert form_status(form, conflict=VersionConflict()) == 409
    assert form_status(conflict=ConflictError("Kan niet.")) == 409


def test_render_form_sets_status_has_errors_and_the_conflict_sentence():
    class Capture:
        context = None

    def fake_render(request, template, context, status):
        Capture.context = context
        return HttpResponse(status=status)

    request = RequestFactory().get("/")
    with mock.patch("regie.core.views.forms.render", fake_render):
        assert render_form(request, "x.html", {}, _Form()).status_code == 200
        assert Capture.context["has_errors"] is False
        assert Capture.context["conflict"] is None
        bound = _Form({})
        assert render_form(request, "x.html", {}, bound).status_code == 400
        assert Capture.context["has_errors"] is True
        response = render_form(request, "x.html", {}, _Form(), conflict=VersionConflict())
        assert response.status_code == 409
        assert Capture.context["conflict"] == str(CONFLICT_MESSAGE)
        assert Capture.context["has_errors"] is True


def test_error_summary_shows_the_conflict_first():
    template = Template("{% load regie %}{% error_summary form conflict=conflict %}")
    form = _Form({})
    form.is_valid()
    html = template.render(Context({"form": form, "conflict": "Iemand anders was eerder."}))
    assert "Er is een probleem" in html
    assert html.index("Iemand anders was eerder.") < html.index("Vul de datum in.")
    assert (
        Template("{% load regie %}{% error_summary form conflict=None %}")
        .render(Context({"form": _Form()}))
        .strip()
        == ""
    )


def test_field_factories_answer_in_dutch():
    form = _Form({"day": "morgen", "note": "x" * 11, "kind": "c"})
    assert not form.is_valid()
    assert "dag-maand-jaar" in form.errors["day"][0]
    assert "hoogstens 10 tekens" in form.errors["note"][0]
    assert form.errors["kind"] == ["Kies de soort."]
    assert isinstance(_Form().fields["kind"].widget, forms.RadioSelect)
    assert isinstance(_Form().fields["note"].widget, forms.Textarea)
