"""The quality pages: figures per provider, product or group with their charts, and the CSV
export. Thin views over quality.py; the data come from ``offer.selectors`` and
``progress.selectors``."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core.csvexport import csv_response
from regie.portal import selectors as portal_selectors

from . import charts, quality

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
        return csv_response(
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
        "reporting/quality.html",
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
            "feedback": portal_selectors.feedback_for(principal, start=start, end=end),
            "trend": trend,
            "threshold": threshold,
            "below": below,
            "signals": quality.provider_signals(principal, today=today),
            "thresholds": quality.thresholds(today),
        },
    )
