"""Issue 14 item 10: large input gets a clear answer.

Every text field has a maximum length that the form states ("Maximaal 2.000 tekens") and
enforces (the maxlength attribute and the server's check); an oversized form post (5 MB in one
field, or too many fields) gets the app's own Dutch 413 page with the way back to the form; the
API answers 413 in Dutch, never a 500."""

import importlib
import pkgutil

import pytest

from django import forms
from django.template import Context, Template
from django.urls import reverse

import regie
from regie.core.forms import TEXT_MAX_LENGTH, text_field

FIVE_MB = 5 * 1024 * 1024


def _all_form_classes():
    for info in pkgutil.walk_packages(regie.__path__, "regie."):
        if info.name.rsplit(".", 1)[-1] in ("forms", "views") and ".tests" not in info.name:
            importlib.import_module(info.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    seen = set()
    for base in (forms.Form, forms.ModelForm):
        for cls in subclasses(base):
            if cls.__module__.startswith("regie.") and cls not in seen:
                seen.add(cls)
                yield cls


def test_every_text_field_has_a_maximum_length():
    missing = []
    for cls in _all_form_classes():
        for name, field in cls.base_fields.items():
            if not isinstance(field, forms.CharField) or field.widget.is_hidden:
                continue
            if field.max_length is None:
                missing.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert missing == []


def test_text_field_states_and_enforces_its_maximum():
    class F(forms.Form):
        note = text_field("Toelichting", long=True, required=False)

    assert F.base_fields["note"].max_length == TEXT_MAX_LENGTH == 2000
    html = Template("{% load regie %}{% form_field form.note %}").render(Context({"form": F()}))
    assert "Maximaal 2.000 tekens." in html and 'maxlength="2000"' in html
    assert 'aria-describedby="id_note-hint"' in html
    too_long = F(data={"note": "x" * 2001})
    # the error names its field (ux.md), next to it and in the summary
    assert too_long.errors["note"] == ["Toelichting: gebruik hoogstens 2000 tekens."]
    assert F(data={}).is_valid()


@pytest.mark.django_db
def test_five_mb_in_a_form_field_gets_the_dutch_413_page_with_the_way_back(world, client, login):
    login(*world.as_role("cm1"))
    c = world.clients["own_cm1"]
    url = reverse("clients:edit_contact", args=[c.uuid])
    response = client.post(
        url,
        "version=1&phone=" + "1" * FIVE_MB,
        content_type="application/x-www-form-urlencoded",
        HTTP_REFERER=f"http://testserver{url}",
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert 'lang="nl"' in page and "Te veel gegevens" in page and "Bad Request" not in page
    assert "terugknop" in page and f'href="http://testserver{url}"' in page
    # too many fields is "too much at once" as well
    many = "&".join(f"f{i}=x" for i in range(1200))
    response = client.post(url, many, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413 and "Te veel gegevens" in response.content.decode()


@pytest.mark.django_db
def test_api_answers_oversized_and_overfull_requests_with_413_in_dutch(world, client, login):
    login(*world.as_role("cm1"))
    big = '{"x": "' + "a" * FIVE_MB + '"}'
    response = client.post("/api/v1/klanten/", big, content_type="application/json")
    assert response.status_code == 413 and "te groot" in response.json()["detail"]
    many = "&".join(f"f{i}=x" for i in range(1200))
    response = client.post(
        "/api/v1/klanten/", many, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413 and "te groot" in response.json()["detail"]
