"""Provider reporting (CSV upload with a status page), quality figures with charts, and the
case manager's recording of DUO's exam results. Thin views over reporting.py and quality.py."""

import datetime as dt
import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core.views.logs import _csv_response

from . import charts, quality, reporting
from .reporting_tasks import run_report_upload

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
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("Sla het bestand op als UTF-8 en probeer het opnieuw.")
            ) from None
        return upload


def _state_from_outcome(outcome: dict) -> dict:
    state = dict(outcome or {})
    state.setdefault("state", "running")
    state.setdefault("processed", 0)
    state.setdefault("total", 0)
    state["finished"] = state["state"] in ("done", "refused", "failed")
    state["saving"] = (
        state["state"] == "running" and state["total"] and state["processed"] >= state["total"]
    )
    return state


def upload(request):
    principal = request.principal
    if not reporting.may_submit(principal) or principal.user is None:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = run_report_upload.enqueue(
            assignment_id=principal.assignment_id,
            user_id=request.user.pk,
            filename=form.cleaned_data["file"].name[:200],
            text=form.text,
        )
        if result.is_finished:  # an immediate backend ran it already: show the outcome here
            outcome = result.return_value if result.status == "SUCCESSFUL" else None
            state = _state_from_outcome(outcome or {"state": "failed", "errors": []})
            return render(request, "offer/reporting/status.html", {"job": state, "job_id": None})
        return redirect("offer:report_status", result_id=result.id)
    return render(
        request,
        "offer/reporting/upload.html",
        {"form": form, "columns": reporting.COLUMNS},
        status=400 if form.errors else 200,
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
    from django.apps import apps

    if not reporting.may_submit(request.principal) or not apps.is_installed("django_tasks_db"):
        raise Http404
    from django_tasks_db.models import DBTaskResult

    try:
        key = uuid.UUID(str(result_id))
    except ValueError:
        raise Http404 from None
    row = DBTaskResult.objects.filter(pk=key, task_path=run_report_upload.module_path).first()
    if row is None or (row.args_kwargs or {}).get("kwargs", {}).get("user_id") != request.user.pk:
        raise Http404
    if row.status == "FAILED":
        state = _state_from_outcome(
            {
                "state": "failed",
                "errors": [
                    {
                        "row": 0,
                        "column": "",
                        "message": _(
                            "Er ging iets mis bij ons. Er is niets opgeslagen. Probeer het over"
                            " een paar minuten opnieuw."
                        ),
                    }
                ],
            }
        )
    else:
        state = _state_from_outcome(row.return_value or {"state": "queued"})
    state.setdefault("filename", row.args_kwargs.get("kwargs", {}).get("filename", ""))
    context = {"job": state, "job_id": row.pk}
    if request.htmx:
        response = render(request, "offer/reporting/_progress.html", context)
        if state["finished"]:
            response.status_code = 286  # htmx: stop polling
        return response
    return render(request, "offer/reporting/status.html", context)


# --- quality ------------------------------------------------------------------------------------


def _quarters(today: dt.date, count: int = 4) -> list[tuple[str, dt.date, dt.date]]:
    starts = [quality.quarter_start(today)]
    for _i in range(count - 1):
        starts.insert(0, quality.quarter_start(starts[0] - dt.timedelta(days=1)))
    result = []
    for start in starts:
        nxt = quality.quarter_start(start + dt.timedelta(days=95))
        result.append((quality.quarter_label(start), start, nxt - dt.timedelta(days=1)))
    return result


FIGURE_COLUMNS = [
    ("enrolments", gettext_lazy("Inschrijvingen")),
    ("hours_offered", gettext_lazy("Uren aangeboden")),
    ("hours_attended", gettext_lazy("Uren aanwezig")),
    ("attendance_rate", gettext_lazy("Aanwezigheid (%)")),
    ("on_track_share", gettext_lazy("Op koers voor PIP-niveau (%)")),
    ("pass_rate", gettext_lazy("Examens geslaagd (%)")),
    ("median_days_to_exam", gettext_lazy("Mediaan dagen tot examen")),
    ("dropout_rate", gettext_lazy("Uitval (%)")),
    ("satisfaction", gettext_lazy("Tevredenheid (1–5)")),
]


def quality_page(request):
    principal = request.principal
    if not quality.may_view_quality(principal):
        raise PermissionDenied
    today = timezone.localdate()
    by = request.GET.get("indeling", "aanbieder")
    if by not in quality.GROUPINGS:
        by = "aanbieder"
    quarters = _quarters(today)
    chosen = request.GET.get("kwartaal", "")
    period = next((q for q in quarters if q[0] == chosen), None)
    start, end = (period[1], period[2]) if period else (None, None)
    figures = quality.quality_figures(principal, by=by, start=start, end=end, today=today)
    rows = [f.as_row() for f in figures["rows"]]
    if request.GET.get("formaat") == "csv":
        header = [str(quality.GROUPINGS[by]), _("Aanbieder"), *[str(c[1]) for c in FIGURE_COLUMNS]]
        return _csv_response(
            f"kwaliteit-{by}.csv",
            header,
            (
                [
                    row["label"],
                    row["provider"],
                    *[
                        "" if row[k] is None else str(row[k]).replace(".", ",")
                        for k, _l in FIGURE_COLUMNS
                    ],
                ]
                for row in rows
            ),
        )
    threshold = figures["threshold"]
    bar = charts.bar_chart(
        "grafiek-aanwezigheid",
        _("Aanwezigheid per %(what)s") % {"what": str(quality.GROUPINGS[by]).lower()},
        [
            (
                r["label"] if by == "aanbieder" else f"{r['label']} ({r['provider']})",
                r["attendance_rate"],
            )
            for r in rows
        ],
        threshold=threshold,
    )
    trend = quality.attendance_by_quarter(principal, today=today)
    line = charts.line_chart(
        "grafiek-kwartalen",
        _("Aanwezigheid per aanbieder per kwartaal"),
        trend["quarters"],
        trend["series"],
        threshold=threshold,
    )
    below = [r for r in rows if r["below_threshold"]]
    return render(
        request,
        "offer/reporting/quality.html",
        {
            "rows": rows,
            "total": figures["total"].as_row(),
            "by": by,
            "groupings": quality.GROUPINGS,
            "grouping_label": quality.GROUPINGS[by],
            "quarters": quarters,
            "chosen": chosen if period else "",
            "columns": FIGURE_COLUMNS,
            "bar_chart": bar,
            "line_chart": line,
            "trend": trend,
            "threshold": threshold,
            "below": below,
            "signals": quality.provider_signals(principal, today=today),
            "thresholds": quality.thresholds(today),
        },
    )


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
    return render(
        request,
        "offer/reporting/exams.html",
        {"rows": rows, "form": form},
        status=400 if form.errors else 200,
    )
