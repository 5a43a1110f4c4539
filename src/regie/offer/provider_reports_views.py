"""Provider reports coming in (CSV upload with a status page) and the case manager's recording
of DUO's exam results. Thin views over provider_reports.py. The quality figures built from the
reports are in ``regie.reporting``."""

import uuid

from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist, TaskResultMismatch

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core import jobs
from regie.core.csvimport import DecodeError
from regie.core.views.forms import render_form

from . import provider_reports as reporting
from .models import ReportUpload
from .provider_reports_tasks import run_report_upload

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Meldingen (CSV)"),
        help_text=gettext_lazy(
            "CSV in UTF-8, gescheiden door ; of , — hoogstens 10.000 regels en 5 MB. Gebruik het"
            " voorbeeldbestand."
        ),
        error_messages={"required": gettext_lazy("Kies het CSV-bestand met de meldingen.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het bestand moet kleiner zijn dan 5 MB."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Kies een CSV-bestand (.csv)."))
        try:
            self.text = reporting.decode_upload(upload.read())
        except DecodeError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


FAILED_MESSAGE = gettext_lazy(
    "Er ging iets mis bij ons. Er is niets opgeslagen. Probeer het over een paar minuten opnieuw."
)


def _job_state(upload: ReportUpload) -> dict:
    """What the status page shows of one upload. A task the backend reports as failed (the
    worker died before our own bookkeeping) counts as failed too."""
    state = {
        "state": upload.state,
        "filename": upload.filename,
        "processed": upload.processed,
        "total": upload.total,
        **(upload.outcome or {}),
    }
    if upload.state not in ReportUpload.FINISHED and upload.task_result_id:
        try:
            result = run_report_upload.get_result(upload.task_result_id)
        except (TaskResultDoesNotExist, TaskResultMismatch):
            result = None
        if result is not None and result.status == TaskResultStatus.FAILED:
            state.update(
                state=ReportUpload.State.FAILED,
                errors=[{"row": 0, "column": "", "message": str(FAILED_MESSAGE)}],
            )
    state.setdefault("errors", [])
    state["finished"] = state["state"] in ReportUpload.FINISHED
    state["saving"] = (
        state["state"] == ReportUpload.State.RUNNING
        and state["total"]
        and state["processed"] >= state["total"]
    )
    return state


def upload(request):
    principal = request.principal
    if not reporting.may_submit(principal) or principal.user is None:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = ReportUpload.objects.create(
            created_by=request.user,
            assignment_id=principal.assignment_id,
            provider=principal.organisation,
            filename=form.cleaned_data["file"].name[:200],
            content=form.text,
        )
        result = run_report_upload.enqueue(job.pk)
        ReportUpload.objects.filter(pk=job.pk).update(task_result_id=str(result.id)[:64])
        job.refresh_from_db()
        if job.state in ReportUpload.FINISHED:  # an immediate backend ran it already
            return render(
                request, "offer/reporting/status.html", {"job": _job_state(job), "job_id": None}
            )
        return redirect("offer:report_status", result_id=job.uuid)
    return render_form(
        request, "offer/reporting/upload.html", {"form": form, "columns": reporting.COLUMNS}, form
    )


def template(request):
    if not reporting.may_submit(request.principal):
        raise PermissionDenied
    response = HttpResponse(
        "\ufeff" + reporting.template_csv(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="meldingen-voorbeeld.csv"'
    return response


def status(request, result_id):
    if not reporting.may_submit(request.principal):
        raise Http404
    try:
        key = uuid.UUID(str(result_id))
    except ValueError:
        raise Http404 from None
    jobs.mark_stale()  # an upload whose worker died shows as failed, with the reason
    job = ReportUpload.objects.filter(uuid=key, created_by=request.user).first()
    if job is None:
        raise Http404
    context = {"job": _job_state(job), "job_id": job.uuid}
    if request.htmx:
        response = render(request, "offer/reporting/_progress.html", context)
        if context["job"]["finished"]:
            response.status_code = 286  # htmx: stop polling
        return response
    return render(request, "offer/reporting/status.html", context)


# --- exam results made official -------------------------------------------------------------


class OfficialForm(forms.Form):
    report = forms.IntegerField(widget=forms.HiddenInput)
    passed = forms.TypedChoiceField(
        label=gettext_lazy("Uitslag van DUO"),
        choices=[("ja", gettext_lazy("Geslaagd")), ("nee", gettext_lazy("Niet geslaagd"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies de uitslag van DUO.")},
    )


def exams(request):
    principal = request.principal
    if principal is None or principal.role not in ("casemanager", "teamleider"):
        raise PermissionDenied
    pending = reporting.unofficial_exams(principal)
    form = OfficialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = pending.filter(pk=form.cleaned_data["report"]).first()
        if report is None:
            raise Http404
        reporting.mark_exam_official(principal, report, passed=form.cleaned_data["passed"])
        messages.success(
            request,
            _("De uitslag van DUO is vastgelegd voor %(name)s.")
            % {"name": report.enrolment.client.full_name},
        )
        return redirect("offer:report_exams")
    rows = list(pending[:200])
    from regie.core.audit import log_access

    log_access(
        principal,
        list(dict.fromkeys((r.enrolment.client.pk, r.enrolment.client.bsn) for r in rows)),
        part="examenuitslagen",
        activity="dossier-inzien",
        action="list",
    )
    return render_form(request, "offer/reporting/exams.html", {"rows": rows, "form": form}, form)
