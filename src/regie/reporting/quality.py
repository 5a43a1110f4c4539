"""Quality figures of the offer, scoped like selectors: the contract manager sees his region's
enrolments, provider staff only their own organisation's. Figures come from the providers'
reports (one submission feeds them all; the aggregates come from ``offer.selectors``) and the
progress reviews' satisfaction scores (``progress.selectors``).

Every query here is a fixed number of aggregates per page, whatever the number of enrolments.
"""

import datetime as dt
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core.roles import Role
from regie.offer import selectors as offer_selectors
from regie.offer.selectors import CEFR_RANK
from regie.progress import selectors as progress_selectors

# The thresholds of the quality signals. They belong in the region's rule set
# (regie.core.ruleset.RULES, local=True); until the lead adds them there, these defaults apply.
# Read them only through rule().
LOCAL_RULE_DEFAULTS = {
    # a client's attendance over the last weeks below this raises a signal for his case manager
    "attendance_threshold_pct": 80,
    # a provider's attendance rate below this raises a signal for the contract manager
    "provider_attendance_threshold_pct": 75,
    # the window of the client signal, in weeks back from today
    "attendance_window_weeks": 4,
    # the window of the provider signal, in weeks back from today
    "provider_window_weeks": 13,
}
RULE_LABELS = {
    "attendance_threshold_pct": gettext_lazy("Norm aanwezigheid klant"),
    "provider_attendance_threshold_pct": gettext_lazy("Norm aanwezigheid aanbieder"),
    "attendance_window_weeks": gettext_lazy("Periode signaal aanwezigheid klant"),
    "provider_window_weeks": gettext_lazy("Periode signaal aanwezigheid aanbieder"),
}

GROUPINGS = {
    "aanbieder": gettext_lazy("Aanbieder"),
    "product": gettext_lazy("Product"),
    "groep": gettext_lazy("Groep"),
}


def rule(key: str, day: dt.date | None = None):
    """A threshold from the rule set in force on ``day``, or its local default."""
    from regie.core.ruleset import RULES_BY_KEY, rules_on

    if key in RULES_BY_KEY:
        return rules_on(day or timezone.localdate()).value(key)
    return LOCAL_RULE_DEFAULTS[key]


def thresholds(day: dt.date | None = None) -> list[dict]:
    from regie.core.ruleset import RULES_BY_KEY

    return [
        {
            "key": key,
            "label": RULE_LABELS[key],
            "value": rule(key, day),
            "in_rule_set": key in RULES_BY_KEY,
        }
        for key in LOCAL_RULE_DEFAULTS
    ]


def may_view_quality(principal) -> bool:
    """Contract manager, and provider staff for their own organisation."""
    return offer_selectors.may_view_quality(principal)


def scoped_enrolments(principal):
    """Contract manager: his region's contracts. Provider staff: their own enrolments."""
    return offer_selectors.quality_scope(principal)


def _pct(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Figures:
    key: object
    label: str
    provider: str = ""
    enrolments: int = 0
    hours_offered: Decimal = Decimal(0)
    hours_attended: Decimal = Decimal(0)
    judged: int = 0  # enrolments with progress reported and a PIP level to compare with
    on_track: int = 0
    exams_decided: int = 0
    exams_passed: int = 0
    days_to_exam: list[int] = field(default_factory=list)
    started: int = 0
    dropped: int = 0
    satisfaction_scores: list[int] = field(default_factory=list)
    below_threshold: bool = False

    @property
    def attendance_rate(self):
        return _pct(self.hours_attended, self.hours_offered)

    @property
    def on_track_share(self):
        return _pct(self.on_track, self.judged)

    @property
    def pass_rate(self):
        return _pct(self.exams_passed, self.exams_decided)

    @property
    def median_days_to_exam(self):
        return int(statistics.median(self.days_to_exam)) if self.days_to_exam else None

    @property
    def dropout_rate(self):
        return _pct(self.dropped, self.started)

    @property
    def satisfaction(self):
        if not self.satisfaction_scores:
            return None
        mean = Decimal(sum(self.satisfaction_scores)) / len(self.satisfaction_scores)
        return mean.quantize(Decimal("0.1"), ROUND_HALF_UP)

    def as_row(self) -> dict:
        return {
            "label": self.label,
            "provider": self.provider,
            "enrolments": self.enrolments,
            "hours_offered": self.hours_offered,
            "hours_attended": self.hours_attended,
            "attendance_rate": self.attendance_rate,
            "on_track_share": self.on_track_share,
            "judged": self.judged,
            "pass_rate": self.pass_rate,
            "exams_decided": self.exams_decided,
            "median_days_to_exam": self.median_days_to_exam,
            "dropout_rate": self.dropout_rate,
            "satisfaction": self.satisfaction,
            "satisfaction_n": len(self.satisfaction_scores),
            "below_threshold": self.below_threshold,
        }


def expected_rank(enrolment: dict, today: dt.date) -> int | None:
    """The CEFR rank a client should have reached by now: the way from his start level to his
    PIP level, in proportion to the elapsed share of the product's planned duration."""
    target = enrolment["target_level"] or enrolment["product__level"]
    start = enrolment["start_date"]
    if not target or target not in CEFR_RANK or start is None:
        return None
    start_rank = CEFR_RANK.get(enrolment["level"], 0)
    target_rank = CEFR_RANK[target]
    per_week = enrolment["product__hours_per_week"] or 0
    if not per_week or not enrolment["product__hours"]:
        share = 1.0
    else:
        weeks = float(Decimal(enrolment["product__hours"]) / Decimal(per_week))
        share = min(1.0, max(0.0, (today - start).days / (weeks * 7))) if weeks else 1.0
    return start_rank + math.floor(share * max(0, target_rank - start_rank))


def _key(row: dict, by: str):
    if by == "product":
        return row["product_id"], row["product__name"], row["provider__name"]
    if by == "groep":
        return (
            row["group_id"],
            row["group__name"] or _("Nog niet in een groep"),
            row["provider__name"],
        )
    return row["provider_id"], row["provider__name"], ""


def quality_figures(
    principal,
    *,
    by: str = "aanbieder",
    start: dt.date | None = None,
    end: dt.date | None = None,
    today: dt.date | None = None,
) -> dict:
    """Figures per provider, product or group, plus the total, for the reports dated in
    [start, end]. Returns {"rows": [Figures], "total": Figures}."""
    today = today or timezone.localdate()
    if by not in GROUPINGS:
        by = "aanbieder"
    scope = scoped_enrolments(principal)
    enrolments = offer_selectors.quality_enrolment_rows(scope)
    reported = offer_selectors.report_aggregates(scope, start=start, end=end)
    attendance, latest_levels = reported["attendance"], reported["levels"]
    exams, dropped_ids = reported["exams"], reported["dropped"]
    client_ids = {row["client_id"] for row in enrolments}
    scores = progress_selectors.satisfaction_scores(client_ids, start=start, end=end)

    groups: dict = {}
    total = Figures(key=None, label=_("Totaal"))
    seen_clients: dict = defaultdict(set)
    for row in enrolments:
        key, label, provider = _key(row, by)
        fig = groups.setdefault(key, Figures(key=key, label=label, provider=provider))
        for target in (fig, total):
            target.enrolments += 1
            att = attendance.get(row["pk"])
            if att:
                target.hours_offered += att["offered"] or 0
                target.hours_attended += att["attended"] or 0
            expected = expected_rank(row, today)
            levels = latest_levels.get(row["pk"])
            if expected is not None and levels:
                target.judged += 1
                if min(CEFR_RANK.get(level, 0) for level in levels.values()) >= expected:
                    target.on_track += 1
            for exam in exams.get(row["pk"], []):
                if exam["passed"] is not None:
                    target.exams_decided += 1
                    target.exams_passed += int(exam["passed"])
            first = exams.get(row["pk"])
            if first and row["start_date"] and first[0]["date"] >= row["start_date"]:
                target.days_to_exam.append((first[0]["date"] - row["start_date"]).days)
            dropped = row["dropped_status"] or row["pk"] in dropped_ids
            if row["start_date"] or row["started_status"] or dropped:
                target.started += 1
                target.dropped += int(dropped)
            marker = id(target)
            if row["client_id"] not in seen_clients[marker]:
                seen_clients[marker].add(row["client_id"])
                target.satisfaction_scores.extend(scores.get(row["client_id"], []))
    limit = rule("provider_attendance_threshold_pct", today)
    rows = sorted(groups.values(), key=lambda f: (f.provider, str(f.label)))
    for fig in rows:
        rate = fig.attendance_rate
        fig.below_threshold = rate is not None and rate < limit
    return {"rows": rows, "total": total, "by": by, "threshold": limit}


def quarter_label(day: dt.date) -> str:
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def attendance_by_quarter(principal, *, quarters: int = 4, today: dt.date | None = None) -> dict:
    """Attendance rate per provider per quarter, the last ``quarters`` quarters (one query)."""
    today = today or timezone.localdate()
    starts = [quarter_start(today)]
    for _i in range(quarters - 1):
        starts.insert(0, quarter_start(starts[0] - dt.timedelta(days=1)))
    rows = offer_selectors.attendance_per_provider_quarter(
        scoped_enrolments(principal), starts[0], today
    )
    series: dict = {}
    for row in rows:
        entry = series.setdefault(row["provider_id"], {"name": row["provider_name"], "values": {}})
        entry["values"][row["quarter"]] = _pct(row["attended"] or 0, row["offered"] or 0)
    return {
        "quarters": [quarter_label(s) for s in starts],
        "series": [
            {"name": e["name"], "values": [e["values"].get(s) for s in starts]}
            for e in sorted(series.values(), key=lambda e: e["name"])
        ],
    }


# --- signals ----------------------------------------------------------------------------------


def low_attendance_for_case_manager(principal, *, today: dt.date | None = None) -> list[dict]:
    """Clients of this case manager (team leader: of his team) whose attendance over the last
    weeks is below the threshold, lowest first."""
    from regie.clients.models import ClientStatus
    from regie.clients.selectors import visible_clients

    if principal is None or principal.role not in (Role.CASE_MANAGER, Role.TEAM_LEADER):
        return []
    today = today or timezone.localdate()
    clients = visible_clients(principal).exclude(status=ClientStatus.CLOSED)
    if principal.role == Role.CASE_MANAGER:
        if principal.user is None:
            return []
        clients = clients.filter(case_manager_id=principal.user.pk)
    since = today - dt.timedelta(weeks=int(rule("attendance_window_weeks", today)))
    limit = Decimal(rule("attendance_threshold_pct", today))
    sums = offer_selectors.running_attendance_of_clients(clients, since, today)
    low = {}
    for row in sums:
        rate = _pct(row["attended"] or 0, row["offered"] or 0)
        if rate is not None and rate < limit:
            low[row["enrolment_id"]] = (row, rate)
    if not low:
        return []
    enrolments = offer_selectors.enrolments_by_id(low)
    result = [
        {
            "client": e.client,
            "enrolment": e,
            "provider": e.provider,
            "product": e.product,
            "offered": low[e.pk][0]["offered"],
            "attended": low[e.pk][0]["attended"],
            "rate": low[e.pk][1],
            "since": since + dt.timedelta(days=1),
        }
        for e in enrolments
    ]
    return sorted(result, key=lambda r: (r["rate"], r["client"].surname))


def provider_signals(principal, *, today: dt.date | None = None) -> list[dict]:
    """Providers whose attendance rate over the last weeks is below the provider threshold
    (contract manager: his region's providers; provider staff: their own organisation)."""
    if not may_view_quality(principal):
        return []
    today = today or timezone.localdate()
    since = today - dt.timedelta(weeks=int(rule("provider_window_weeks", today)))
    limit = Decimal(rule("provider_attendance_threshold_pct", today))
    rows = offer_selectors.attendance_per_provider(scoped_enrolments(principal), since, today)
    result = []
    for row in rows:
        rate = _pct(row["attended"] or 0, row["offered"] or 0)
        if rate is not None and rate < limit:
            result.append(
                {
                    "provider_id": row["provider_id"],
                    "name": row["provider_name"],
                    "rate": rate,
                    "threshold": limit,
                    "since": since + dt.timedelta(days=1),
                }
            )
    return result


# --- start-page cards -------------------------------------------------------------------------


def low_attendance_card(request, principal):
    if principal is None or principal.role not in (Role.CASE_MANAGER, Role.TEAM_LEADER):
        return None
    rows = low_attendance_for_case_manager(principal)
    if not rows:
        return None
    return {
        "template": "reporting/_home_low_attendance.html",
        "order": 12,
        "title": _("Lage aanwezigheid"),
        "rows": rows[:10],
        "count": len(rows),
        "threshold": rule("attendance_threshold_pct"),
        "weeks": rule("attendance_window_weeks"),
    }


def provider_signal_card(request, principal):
    if principal is None or principal.role != Role.CONTRACT_MANAGER:
        return None
    return {
        "template": "reporting/_home_provider_signals.html",
        "order": 20,
        "title": _("Kwaliteit van het aanbod"),
        "rows": provider_signals(principal),
        "threshold": rule("provider_attendance_threshold_pct"),
        "weeks": rule("provider_window_weeks"),
    }


def provider_reporting_card(request, principal):
    if principal is None or principal.role != Role.PROVIDER_STAFF:
        return None
    today = timezone.localdate()
    return {
        "template": "reporting/_home_provider.html",
        "order": 20,
        "title": _("Meldingen en kwaliteit"),
        "reports_this_month": offer_selectors.provider_report_count(
            principal.organisation.pk, today.replace(day=1)
        ),
        "signals": provider_signals(principal),
    }


def worklist_signals(principal) -> list[dict]:
    """Low attendance as worklist signals for the case manager (clients.selectors hook)."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _

    return [
        {
            "client": row["client"],
            "text": _(
                "aanwezigheid %(rate)s%% bij %(provider)s sinds %(since)s (drempel in de regelset)."
            )
            % {
                "rate": number_format(row["rate"], 1),  # Dutch decimal comma in Dutch
                "provider": row["provider"],
                "since": row["since"].strftime("%d-%m-%Y"),
            },
        }
        for row in low_attendance_for_case_manager(principal)
    ]
