"""Reads for the portal. The newcomer's own data only: every function takes his client.

What the newcomer sees comes from the other apps' selectors (plans, progress, offer, intake);
nothing here reads the intake's special-category record, internal notes, enforcement cases or
the case manager's review notes. ``feedback_aggregates`` is what reporting reads: counts under
:data:`MIN_GROUP` are suppressed.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Avg, Count
from django.utils import timezone

from regie.clients.models import Client
from regie.core.models import Organisation
from regie.intake import selectors as intake_selectors
from regie.plans import selectors as plan_selectors
from regie.progress import selectors as progress_selectors

from .models import Difference, Feedback, Message, MomentKind, Request

MIN_GROUP = 5  # aggregates over fewer answers are not shown (anonymity)


def client_by_bsn(bsn: str) -> Client | None:
    return Client.objects.filter(bsn=bsn).select_related("municipality").first()


def demo_people(limit: int = 12) -> list[dict]:
    """For the stand-in login page of the demo: newcomers with a decided plan, one per route
    first. Only called in demo mode."""
    people, seen_routes = [], set()
    for version in plan_selectors.decided_versions().select_related("client")[:500]:
        client = version.client
        if any(p["bsn"] == client.bsn for p in people):
            continue
        first = version.route not in seen_routes
        seen_routes.add(version.route)
        entry = {"bsn": client.bsn, "name": f"{client.full_name} ({version.get_route_display()})"}
        people.insert(0 if first else len(people), entry)
    return people[:limit]


# --- my plan --------------------------------------------------------------------------------


@dataclass
class MyPlan:
    version: object | None
    components: list = field(default_factory=list)
    term_start: dt.date | None = None
    term_end: dt.date | None = None


def my_plan(client: Client) -> MyPlan:
    plan = plan_selectors.plan_of(client)
    version = plan_selectors.current_version(plan)
    if version is None:
        return MyPlan(version=None)
    components = list(version.components.select_related("provider").order_by("id"))
    return MyPlan(
        version=version,
        components=components,
        term_start=plan.term_start,
        term_end=progress_selectors.current_term_end(client) or plan.term_end,
    )


# --- appointments and the journey -----------------------------------------------------------


@dataclass(frozen=True)
class Appointment:
    ref: str  # "review:<uuid>" or "course:<component uuid>"; never a BSN
    kind: str  # a MomentKind value
    date: dt.date
    title: str
    place: str = ""


def appointments(client: Client, *, today: dt.date | None = None) -> list[Appointment]:
    """Upcoming reviews and course starts (today and later)."""
    today = today or timezone.localdate()
    return [a for a in contact_moments(client) if a.date >= today]


def contact_moments(client: Client) -> list[Appointment]:
    """Intake, reviews and course starts, past and future, by date."""
    moments = []
    intake = intake_selectors.get_intake(client)
    if intake is not None:
        moments.append(
            Appointment(f"intake:{intake.uuid}", MomentKind.INTAKE, intake.started_on, "")
        )
    for review in progress_selectors.reviews_of(client):
        moments.append(
            Appointment(
                f"review:{review.uuid}", MomentKind.REVIEW, review.held_on or review.planned_on, ""
            )
        )
    mine = my_plan(client)
    for component in mine.components:
        if component.offer_start:
            place = component.provider.name if component.provider_id else ""
            moments.append(
                Appointment(
                    f"course:{component.uuid}",
                    MomentKind.COURSE_START,
                    component.offer_start,
                    component.kind,
                    place,
                )
            )
    return sorted(moments, key=lambda a: a.date)


def moment(client: Client, ref: str) -> Appointment | None:
    return next((a for a in contact_moments(client) if a.ref == ref), None)


@dataclass(frozen=True)
class Step:
    key: str
    date: dt.date | None
    done: bool


def journey(client: Client, *, today: dt.date | None = None) -> list[Step]:
    """The steps of the integration journey with their dates (done or expected)."""
    today = today or timezone.localdate()
    intake = intake_selectors.get_intake(client)
    mine = my_plan(client)
    reviews = progress_selectors.reviews_of(client)
    starts = [c.offer_start for c in mine.components if c.offer_start]
    next_review = next((r.planned_on for r in reviews if r.held_on is None), None)
    steps = [
        Step("intake", intake.started_on if intake else None, bool(intake and intake.completed_on)),
        Step(
            "plan", mine.version.decision_date if mine.version else None, mine.version is not None
        ),
        Step("course", min(starts) if starts else None, bool(starts and min(starts) <= today)),
        Step("review", next_review, False),
        Step("exams", None, False),
        Step("term_end", mine.term_end, bool(mine.term_end and mine.term_end < today)),
    ]
    return steps


def contact_person(client: Client):
    return client.case_manager


# --- messages, requests, feedback -----------------------------------------------------------


def late_offer_letters(client: Client):
    """The newcomer's own late-offer statements (letters he adds to his request to DUO for an
    extension), oldest first; for the portal's documents page."""
    return progress_selectors.late_offer_statements_of(client)


def messages_of(client: Client):
    return Message.objects.filter(client=client).select_related("sent_by")


def requests_of(client: Client):
    return Request.objects.filter(client=client)


def feedback_given(client: Client) -> set[str]:
    return set(Feedback.objects.filter(client=client).values_list("moment_ref", flat=True))


def open_feedback_moments(client: Client, *, today: dt.date | None = None) -> list[Appointment]:
    today = today or timezone.localdate()
    given = feedback_given(client)
    return [m for m in contact_moments(client) if m.date <= today and m.ref not in given]


def feedback_aggregates(
    *, municipality_ids=None, provider_ids=None, start=None, end=None
) -> list[dict]:
    """Per contact-moment kind: number of answers and the average score. Rows with fewer than
    :data:`MIN_GROUP` answers keep only ``suppressed=True`` (no count, no average)."""
    qs = Feedback.objects.all()
    if municipality_ids is not None:
        qs = qs.filter(municipality_id__in=municipality_ids)
    if provider_ids is not None:
        qs = qs.filter(provider_id__in=provider_ids)
    if start:
        qs = qs.filter(moment_date__gte=start)
    if end:
        qs = qs.filter(moment_date__lte=end)
    rows = {
        r["moment_kind"]: r
        for r in qs.values("moment_kind").annotate(n=Count("id"), avg=Avg("score"))
    }
    out = []
    for kind in MomentKind:
        row = rows.get(kind.value)
        n = row["n"] if row else 0
        if n < MIN_GROUP:
            out.append(
                {
                    "kind": kind.value,
                    "label": kind.label,
                    "suppressed": True,
                    "n": None,
                    "average": None,
                }
            )
        else:
            out.append(
                {
                    "kind": kind.value,
                    "label": kind.label,
                    "suppressed": False,
                    "n": n,
                    "average": round(row["avg"], 1),
                }
            )
    return out


# --- differences between municipalities -----------------------------------------------------


def differences_of(municipality: Organisation):
    return Difference.objects.filter(municipality=municipality)


def differences_side_by_side(region_id) -> dict:
    """{topic: {municipality: Difference}} and the municipalities, for the staff overview."""
    municipalities = list(
        Organisation.objects.filter(kind="gemeente", region_id=region_id).order_by("name")
    )
    table: dict = {}
    for diff in Difference.objects.filter(municipality__in=municipalities):
        table.setdefault(diff.topic, {})[diff.municipality_id] = diff
    return {"municipalities": municipalities, "table": table}


def feedback_for(principal, *, start=None, end=None) -> list[dict]:
    """The aggregates a staff member may see: provider staff about their own course starts, the
    others about the municipalities of their region (always suppressed under five answers)."""
    from regie.core.roles import Role

    if principal is None:
        return []
    if principal.role == Role.PROVIDER_STAFF:
        rows = feedback_aggregates(provider_ids=[principal.organisation.pk], start=start, end=end)
        return [r for r in rows if r["kind"] == MomentKind.COURSE_START]
    municipalities = Organisation.objects.filter(
        region_id=principal.region_id, kind="gemeente"
    ).values_list("pk", flat=True)
    return feedback_aggregates(municipality_ids=list(municipalities), start=start, end=end)
