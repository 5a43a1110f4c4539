"""Provider reports: CSV upload, all-or-nothing, idempotent resubmission, versions, the PIP
component's hours, DUO's official exam results, and bulk performance (10,000 rows)."""

import csv
import datetime as dt
import io
import time
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regie.core.principal import Principal
from regie.offer import provider_reports as reporting
from regie.offer.models import (
    Contract,
    Enrolment,
    EnrolmentStatus,
    Lot,
    Product,
    ProviderReport,
    ProviderReportVersion,
    Route,
)

TODAY = timezone.localdate()


def make_offer(world, *, provider="p1", clients=("own_cm1",), start_days_ago=60, **product):
    """A contract in region A with one product of ``provider`` and a started enrolment per client."""
    region = world.orgs["a1"].region
    contract = Contract.objects.filter(region=region).first() or Contract.objects.create(
        region=region,
        name="Raamovereenkomst A",
        main_contractor=world.orgs["p1"],
        period_start=TODAY - dt.timedelta(days=400),
        period_end=TODAY + dt.timedelta(days=400),
    )
    lot = Lot.objects.filter(contract=contract).first() or Lot.objects.create(
        contract=contract, route=Route.B1, name="B1-route"
    )
    values = {
        "kind": "taal",
        "name": f"Taal B1 {provider}",
        "level": "b1",
        "price": Decimal("5000"),
        "hours": 600,
        "hours_per_week": Decimal("10"),
        "location": "Hoorn",
        "capacity": 20,
        "period_start": TODAY - dt.timedelta(days=400),
        "period_end": TODAY + dt.timedelta(days=400),
    }
    values.update(product)
    product_obj = Product.objects.create(lot=lot, provider=world.orgs[provider], **values)
    enrolments = []
    for key in clients:
        enrolments.append(
            Enrolment.objects.create(
                client=world.clients[key],
                product=product_obj,
                provider=world.orgs[provider],
                status=EnrolmentStatus.STARTED,
                level="a1",
                target_level="b1",
                price=Decimal("5000"),
                referred_on=TODAY - dt.timedelta(days=start_days_ago + 10),
                start_date=TODAY - dt.timedelta(days=start_days_ago),
            )
        )
    return product_obj, enrolments


def provider_principal(world, key="provider_p1"):
    return Principal.from_assignment(world.assignments[key])


def attendance(enrolment, record_id, day, offered="3", attended="3"):
    return {
        "record_id": record_id,
        "enrolment": str(enrolment.uuid),
        "kind": "aanwezigheid",
        "date": day.isoformat(),
        "hours_offered": offered,
        "hours_attended": attended,
    }


def csv_text(rows, delimiter=";"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow([c[0] for c in reporting.COLUMNS])
    for row in rows:
        writer.writerow([row.get(c[1], "") for c in reporting.COLUMNS])
    return out.getvalue()


@pytest.mark.django_db
def test_submit_creates_versions_and_is_idempotent(world):
    _product, (enrolment,) = make_offer(world)
    principal = provider_principal(world)
    day = TODAY - dt.timedelta(days=3)
    rows = [
        attendance(enrolment, "les-1", day, "3", "2,5"),
        {
            "record_id": "v-1",
            "enrolment": str(enrolment.uuid),
            "kind": "voortgang",
            "date": day.isoformat(),
            "skill": "lezen",
            "level": "A2",
        },
    ]
    first = reporting.submit_reports(principal, rows)
    assert first.ok and (first.created, first.updated, first.unchanged) == (2, 0, 0)
    report = ProviderReport.objects.get(record_id="les-1")
    assert report.hours_attended == Decimal("2.50") and report.version == 1
    digest = report.content_hash

    again = reporting.submit_reports(principal, rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    report.refresh_from_db()
    assert report.content_hash == digest and report.version == 1
    assert not ProviderReportVersion.objects.exists()

    rows[0]["hours_attended"] = "3"
    changed = reporting.submit_reports(principal, rows)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    report.refresh_from_db()
    assert report.version == 2 and report.hours_attended == Decimal("3.00")
    old = ProviderReportVersion.objects.get(report=report)
    assert old.version == 1 and old.content["hours_attended"] == "2.50"


@pytest.mark.django_db
def test_all_or_nothing_with_row_report_in_dutch(world):
    _product, (enrolment,) = make_offer(world)
    _other_product, (foreign,) = make_offer(world, provider="p2", clients=("own_cm2",))
    principal = provider_principal(world)
    day = TODAY - dt.timedelta(days=1)
    rows = [
        attendance(enrolment, "ok-1", day),
        attendance(enrolment, "ok-1", day),  # duplicate record id
        attendance(foreign, "foreign-1", day),  # another provider's enrolment: unknown
        attendance(enrolment, "too-many", day, "3", "4"),
        {
            "record_id": "x",
            "enrolment": str(enrolment.uuid),
            "kind": "voortgang",
            "date": "31-02-2026",
        },
        {
            "record_id": "y",
            "enrolment": str(enrolment.uuid),
            "kind": "aanwezigheid",
            "date": (TODAY + dt.timedelta(days=2)).isoformat(),
            "hours_offered": "3",
            "hours_attended": "3",
            "level": "b1",
        },
    ]
    result = reporting.submit_reports(principal, rows)
    assert not result.ok
    assert not ProviderReport.objects.exists()
    by_row = {(e.row, e.column): e.message for e in result.errors}
    assert "regel 1" in by_row[(2, "record_id")]
    assert "kennen wij niet" in by_row[(3, "enrolment")]
    assert "hoger dan" in by_row[(4, "hours_attended")]
    assert "dag-maand-jaar" in by_row[(5, "date")]
    assert "Vul dit in" in by_row[(5, "skill")]
    assert "toekomst" in by_row[(6, "date")]
    assert "Laat dit leeg" in by_row[(6, "level")]


@pytest.mark.django_db
def test_submission_feeds_the_pip_component(world):
    from regie.plans.models import Component, Plan, PlanVersion

    client = world.clients["own_cm1"]
    plan = Plan.objects.create(client=client)
    version = PlanVersion.objects.create(
        plan=plan, client=client, number=1, status="decided", drafted_by=world.users["cm1"]
    )
    component = Component.objects.create(plan_version=version, client=client, kind="language")
    _product, (enrolment,) = make_offer(world)
    enrolment.component_uuid = component.uuid
    enrolment.save()
    principal = provider_principal(world)
    rows = [
        attendance(enrolment, f"les-{i}", TODAY - dt.timedelta(days=i), "3", "2.5")
        for i in range(1, 5)
    ]
    assert reporting.submit_reports(principal, rows).ok
    component.refresh_from_db()
    assert component.hours_attended == 10 and component.version == 2


@pytest.mark.django_db
def test_csv_upload_happy_path_and_template(world, login, client):
    _product, (enrolment,) = make_offer(world)
    login(*world.as_role("provider_p1"))
    template = client.get(reverse("offer:report_template"))
    assert template.status_code == 200
    assert template.content.decode("utf-8").lstrip("\ufeff").startswith("kenmerk;inschrijving")
    page = client.get(reverse("offer:report_upload"))
    assert page.status_code == 200 and "uren_aanwezig" in page.content.decode()

    rows = [
        attendance(enrolment, f"les-{i}", TODAY - dt.timedelta(days=i), "3", "2,5")
        for i in range(1, 9)
    ]
    for row in rows:
        row["date"] = dt.date.fromisoformat(row["date"]).strftime("%d-%m-%Y")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "maart.csv", ("\ufeff" + csv_text(rows, ",")).encode("utf-8"), content_type="text/csv"
    )
    response = client.post(reverse("offer:report_upload"), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "8 meldingen verwerkt: 8 nieuw" in html
    assert ProviderReport.objects.filter(provider=world.orgs["p1"]).count() == 8


@pytest.mark.django_db
def test_csv_upload_refused_shows_row_report(world, login, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _product, (enrolment,) = make_offer(world)
    login(*world.as_role("provider_p1"))
    rows = [attendance(enrolment, "a", TODAY), attendance(enrolment, "b", TODAY, "x", "1")]
    upload = SimpleUploadedFile("fout.csv", csv_text(rows).encode(), content_type="text/csv")
    html = client.post(reverse("offer:report_upload"), {"file": upload}).content.decode()
    assert "Er is niets opgeslagen" in html and "uren_aangeboden" in html
    assert '<td class="num">3</td>' in html  # line 3 of the file (header is line 1)
    assert not ProviderReport.objects.exists()
    latin = SimpleUploadedFile("l.csv", "kenmerk;thema\nx;Café".encode("latin-1"))
    refused = client.post(reverse("offer:report_upload"), {"file": latin})
    assert refused.status_code == 400 and "UTF-8" in refused.content.decode()
    header = SimpleUploadedFile("h.csv", b"kenmerk;onzin\n1;2\n")
    html = client.post(reverse("offer:report_upload"), {"file": header}).content.decode()
    assert "De kolom &#x27;inschrijving&#x27; ontbreekt." in html
    assert "De kolom &#x27;onzin&#x27; kennen wij niet." in html


@pytest.mark.django_db
def test_upload_and_status_are_for_provider_staff_only(world, login, client):
    login(*world.as_role("cm1"))
    assert client.get(reverse("offer:report_upload")).status_code == 403
    assert client.get(reverse("offer:report_template")).status_code == 403


@pytest.mark.django_db
def test_status_page_polls_until_done_with_the_database_backend(world, login, client, settings):
    """The real worker path: enqueue in the database, the page shows a <progress> bar and polls;
    after the worker ran, HTMX gets HTTP 286 with the outcome. Only the uploader sees it. (The
    test drives the database backend's worker; the app itself only uses the tasks API.)"""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _product, (enrolment,) = make_offer(world)
    login(*world.as_role("provider_p1"))
    rows = [attendance(enrolment, f"les-{i}", TODAY - dt.timedelta(days=i)) for i in range(1, 4)]
    upload = SimpleUploadedFile("april.csv", csv_text(rows).encode(), content_type="text/csv")
    response = client.post(reverse("offer:report_upload"), {"file": upload})
    assert response.status_code == 302
    status_url = response["Location"]
    page = client.get(status_url).content.decode()
    assert "<progress" in page and 'hx-trigger="every 2s"' in page and "Vernieuwen" in page
    polling = client.get(status_url, HTTP_HX_REQUEST="true")
    assert polling.status_code == 200

    # what `regie worker` does for one task (without closing the test's database connection)
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test",
        excluded_queue_names=[],
    )
    queued = DBTaskResult.objects.get()
    queued.claim("test")
    worker.run_task(queued)

    done = client.get(status_url, HTTP_HX_REQUEST="true")
    assert done.status_code == 286
    assert "3 meldingen verwerkt: 3 nieuw" in done.content.decode()
    from regie.offer.models import ReportUpload

    job = ReportUpload.objects.get()
    assert job.content == "" and job.state == "done"  # the upload is not kept
    # the task got only our own id: the backend holds no upload (any backend will do)
    assert DBTaskResult.objects.get().args_kwargs == {"args": [job.pk], "kwargs": {}}

    other = login(*world.as_role("provider_p2"))
    assert other.get(status_url).status_code == 404


@pytest.mark.django_db
def test_exam_result_is_official_only_after_duo(world, login, client):
    _product, (enrolment,) = make_offer(world)
    principal = provider_principal(world)
    exam = {
        "record_id": "ex-1",
        "enrolment": str(enrolment.uuid),
        "kind": "examen",
        "date": TODAY.isoformat(),
        "skill": "lezen",
        "level": "b1",
        "passed": "ja",
    }
    assert reporting.submit_reports(principal, [exam]).ok
    report = ProviderReport.objects.get(record_id="ex-1")
    assert report.official is False and report.passed is True

    login(*world.as_role("cm2"))  # not his client: no page rows, no marking
    assert "ex-1" not in client.get(reverse("offer:report_exams")).content.decode()
    refused = client.post(reverse("offer:report_exams"), {"report": report.pk, "passed": "nee"})
    assert refused.status_code == 404

    login(*world.as_role("cm1"))
    page = client.get(reverse("offer:report_exams"))
    assert page.status_code == 200 and "DUO-uitslag vastleggen" in page.content.decode()
    done = client.post(reverse("offer:report_exams"), {"report": report.pk, "passed": "nee"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.official is True and report.passed is False and report.version == 2
    assert ProviderReportVersion.objects.get(report=report).content["passed"] is True

    exam["passed"] = "ja"
    exam["level"] = "a2"  # a change after DUO's result: refused
    late = reporting.submit_reports(principal, [exam])
    assert not late.ok and "officieel" in late.errors[0].message


def _bulk_rows(enrolments, count):
    rows = []
    for i in range(count):
        enrolment = enrolments[i % len(enrolments)]
        rows.append(
            attendance(enrolment, f"bulk-{i}", TODAY - dt.timedelta(days=1 + i % 300), "3", "2")
        )
    return rows


@pytest.mark.django_db
def test_ten_thousand_rows_in_seconds_without_per_row_queries(world):
    """10,000 rows: measured, asserted loosely; the queries grow with the batches only."""
    _product, enrolments = make_offer(
        world, clients=("own_cm1", "own_cm2", "income"), start_days_ago=320
    )
    principal = provider_principal(world)

    with CaptureQueriesContext(connection) as small:
        assert reporting.submit_reports(principal, _bulk_rows(enrolments, 500)).ok
    ProviderReport.objects.all().delete()
    rows = _bulk_rows(enrolments, 10_000)
    started = time.monotonic()
    with CaptureQueriesContext(connection) as big:
        result = reporting.submit_reports(principal, rows)
    elapsed = time.monotonic() - started
    assert result.ok and result.created == 10_000
    assert elapsed < 30, f"10,000 rows took {elapsed:.1f} s"
    # SQLite inserts at most 999 parameters per statement (~60 rows); PostgreSQL 1,000 rows.
    assert len(big.captured_queries) - len(small.captured_queries) <= 9_500 / 50

    rows[0]["hours_attended"] = "1"
    started = time.monotonic()
    with CaptureQueriesContext(connection) as again:
        result = reporting.submit_reports(principal, rows)
    assert (result.updated, result.unchanged) == (1, 9_999)
    assert len(again.captured_queries) < 40
    assert time.monotonic() - started < 30


@pytest.mark.django_db
def test_demo_reports_are_idempotent(world):
    _product, enrolments = make_offer(world, clients=("own_cm1", "own_cm2"))
    region = world.orgs["a1"].region
    first = reporting.load_demo_reports(region)
    assert first > 0
    assert ProviderReport.objects.filter(kind="voortgang").count() == 8
    assert reporting.load_demo_reports(region) == 0
    assert ProviderReport.objects.count() == first
