"""Issue 15 item 7, end to end: a field of 200,000 characters or a bare carriage return inside
a field gives a row-level Dutch message on the status page of both CSV imports (the linkage
list and the provider reports), never "Onverwachte fout"."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regie.clients.models import ImportJob
from regie.clients.registration import template_csv
from regie.offer.models import ReportUpload
from regie.offer.provider_reports import template_csv as report_template_csv

LONG = "x" * 200_000


def _bad_files(template: str) -> list[bytes]:
    header, example = template.splitlines()[:2]
    cells = example.split(";")
    long_row = ";".join([cells[0], LONG, *cells[2:]])
    cr_row = ";".join([cells[0], "Am\ral", *cells[2:]])
    return [
        f"{header}\n{long_row}\n".encode(),
        f"{header}\n{cr_row}\n".encode(),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("case", [0, 1], ids=["200k-field", "bare-cr"])
def test_linkage_import(world, login, client, case):
    login(*world.as_role("cm1"))
    raw = _bad_files(template_csv())[case]
    response = client.post(reverse("clients:import"), {"file": SimpleUploadedFile("l.csv", raw)})
    job = ImportJob.objects.latest("id")
    assert job.status == "refused", job.errors
    assert [e["row"] for e in job.errors] == [2]
    message = job.errors[0]["message"]
    assert ("te lang" in message) if case == 0 else ("regelovergang" in message)
    page = client.get(response["Location"]).content.decode()
    assert message in page and "Onverwachte fout" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("case", [0, 1], ids=["200k-field", "bare-cr"])
def test_provider_report_upload(world, login, client, case):
    login(*world.as_role("provider_p1"))
    raw = _bad_files(report_template_csv())[case]
    response = client.post(
        reverse("offer:report_upload"), {"file": SimpleUploadedFile("m.csv", raw)}
    )
    upload = ReportUpload.objects.latest("id")
    assert upload.state == "refused", upload.outcome
    errors = upload.outcome["errors"]
    assert [e["row"] for e in errors] == [2]
    page = response.content.decode()
    assert errors[0]["message"] in page and "Onverwachte fout" not in page
