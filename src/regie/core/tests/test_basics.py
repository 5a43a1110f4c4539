"""BSN rules, health check, configuration documented, housing-target form, components."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.nl import bsn as stdnum_bsn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from regie.core.bsn import demo_bsns, mask_bsn, validate_bsn
from regie.core.models import HousingTarget, WorkerHeartbeat
from regie.settings.env import REGISTRY


def test_demo_bsns_are_test_persons_passing_the_11_test():
    values = list(demo_bsns(200))
    assert len(set(values)) == 200
    for value in values:
        assert value.startswith("9999") and len(value) == 9 and stdnum_bsn.is_valid(value)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_validate_bsn_is_the_11_test(n):
    value = f"{n:09d}"
    digits = [int(d) for d in value]
    eleven = sum(d * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True)) % 11 == 0
    if eleven and n != 0:
        validate_bsn(value)
    else:
        with pytest.raises(ValidationError) as err:
            validate_bsn(value)
        assert "elfproef" in str(err.value)


def test_mask_shows_only_last_three_digits():
    assert mask_bsn("999990019") == "******019"
    assert "99999" not in mask_bsn("999990019")


@pytest.mark.django_db
def test_health_reports_database_and_worker(client):
    body = client.get("/health/").json()
    assert body["status"] == "ok" and body["worker"]["state"] == "not_seen"
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", started_at=now, last_seen=now)
    assert client.get("/health/").json()["worker"]["state"] == "running"
    WorkerHeartbeat.objects.filter(worker_id="w1").update(
        last_seen=now - timezone.timedelta(minutes=5)
    )
    assert client.get("/health/").json()["worker"]["state"] == "stale"


def test_every_environment_variable_is_in_the_readme():
    readme = (Path(settings.PROJECT_DIR) / "README.md").read_text()
    missing = [name for name in REGISTRY if f"`{name}`" not in readme]
    assert not missing, f"README mist omgevingsvariabelen: {missing}"


@pytest.mark.django_db
def test_housing_target_form_errors_and_duplicates(world, login, client):
    login(*world.as_role("admin"))
    url = reverse("core:housing_target_add", args=[world.orgs["a1"].uuid])
    bad = client.post(url, {"period_start": "31-02-2027", "period_end": "", "target": "veel"})
    page = bad.content.decode()
    assert bad.status_code == 400 and "Er is een probleem" in page
    assert (
        "Vul de datum in als dag-maand-jaar" in page and "Vul het einde van de periode in." in page
    )
    ok = client.post(url, {"period_start": "1-1-2027", "period_end": "31-12-2027", "target": "20"})
    assert ok.status_code == 302
    assert HousingTarget.objects.get(municipality=world.orgs["a1"]).target == 20
    twice = client.post(
        url, {"period_start": "01-01-2027", "period_end": "31-12-2027", "target": "5"}
    )
    assert twice.status_code == 400 and "al een taakstelling" in twice.content.decode()
    reversed_period = client.post(
        url, {"period_start": "1-1-2028", "period_end": "1-1-2027", "target": "5"}
    )
    assert "na het begin" in reversed_period.content.decode()


@pytest.mark.django_db
def test_form_field_component_links_hint_and_error():
    from regie.core.forms import HousingTargetForm

    form = HousingTargetForm(data={"period_start": "x"})
    form.is_valid()
    html = Template(
        "{% load regie %}{% error_summary form %}{% form_field form.period_start %}"
    ).render(Context({"form": form}))
    field_id = "id_period_start"
    assert f'<label for="{field_id}">' in html
    described = re.search(r'aria-describedby="([^"]+)"', html).group(1).split()
    for ref in described:
        assert f'id="{ref}"' in html
    assert 'aria-invalid="true"' in html and f'href="#{field_id}"' in html
    clean = HousingTargetForm()
    html = Template("{% load regie %}{% form_field form.source %}").render(Context({"form": clean}))
    assert "aria-invalid" not in html and "(optioneel)" in html


def test_english_catalogue_is_complete_and_compiled():
    import polib

    base = Path(settings.SRC_DIR) / "locale" / "en" / "LC_MESSAGES"
    po = polib.pofile(str(base / "django.po"))
    mo = polib.mofile(str(base / "django.mo"))
    assert po.percent_translated() >= 95, "voer 'make messages' uit en vertaal de nieuwe teksten"
    compiled = {entry.msgid: entry.msgstr for entry in mo}
    stale = [
        e.msgid
        for e in po.translated_entries()
        if not e.msgid_plural and compiled.get(e.msgid) != e.msgstr
    ]
    assert not stale, f"django.mo is verouderd: compileer opnieuw ({stale[:3]})"
