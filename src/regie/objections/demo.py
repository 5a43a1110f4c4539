"""Demo content for the objection register (called by ``regie.demo.loader``): objections against
demo PIPs, one heard and decided, one postponed and still open. Everything is invented; every
date goes through the services, so every term is computed as for a real case (the Algemene
termijnenwet puts each decision term on a working day)."""

import datetime as dt

from django.utils import timezone

from regie.core.context import acting_as
from regie.core.legal_terms import extend_to_working_day
from regie.core.models import RoleAssignment
from regie.core.principal import Principal
from regie.core.roles import OrganisationKind, Role
from regie.core.termcalendar import extra_days
from regie.plans.models import PlanVersion, VersionStatus

from . import selectors, services
from .models import DecisionKind, Objection, Outcome


def _team_principals(region):
    assignments = RoleAssignment.objects.filter(
        organisation__region=region,
        organisation__kind=OrganisationKind.TEAM,
        is_active=True,
        role__in=[Role.TEAM_LEADER, Role.CASE_MANAGER],
    ).select_related("user", "organisation", "organisation__region")
    tl = next((a for a in assignments if a.role == Role.TEAM_LEADER), None)
    return {a.user_id: a for a in assignments if a.role == Role.CASE_MANAGER}, tl


def load(region) -> int:
    """Idempotent: nothing happens when the region already has an objection."""
    if Objection.objects.filter(client__team__region=region).exists():
        return 0
    today = timezone.localdate()
    extra = extra_days()
    cms, tl_assignment = _team_principals(region)
    if tl_assignment is None:
        return 0
    tl = Principal.from_assignment(tl_assignment)
    decided = PlanVersion.objects.filter(
        client__team__region=region,
        status=VersionStatus.DECIDED,
        client__case_manager_id__in=list(cms),
    ).select_related("client")
    # one old PIP (heard and decided) and one recent one (still open, postponed)
    old = decided.filter(made_known_on__lte=today - dt.timedelta(days=120))
    recent = decided.filter(
        made_known_on__gte=today - dt.timedelta(days=70),
        made_known_on__lte=today - dt.timedelta(days=25),
    )
    versions = [
        v
        for v in (
            old.order_by("made_known_on", "id").first(),
            recent.order_by("made_known_on", "id").first()
            or old.order_by("made_known_on", "id")[1:2].first(),
        )
        if v is not None
    ]
    created = 0

    def day(d):
        return min(extend_to_working_day(d, extra), today)

    for index, version in enumerate(versions):
        cm = Principal.from_assignment(cms[version.client.case_manager_id])
        with acting_as(user=cm.user, principal=cm, channel="cli"):
            objection = services.register_objection(
                cm,
                version.client,
                decision_kind=DecisionKind.PIP,
                plan_version=version,
                received_on=day(version.made_known_on + dt.timedelta(days=24)),
                grounds=(
                    "Ik wil de B1-route volgen in plaats van de Z-route."
                    if index == 0
                    else "De afspraken over de kinderopvang staan niet in mijn plan."
                ),
            )
            created += 1
            due = selectors.terms_for(objection, today, extra).decision_due
            if index == 0:
                services.record_hearing(
                    cm,
                    objection,
                    objection.version,
                    held_on=day(objection.received_on + dt.timedelta(days=21)),
                    report=(
                        "De klant lichtte toe dat hij in zijn land van herkomst voortgezet "
                        "onderwijs volgde. De leerbaarheidstoets wees op de Z-route; de klant "
                        "legde geen nieuwe gegevens over."
                    ),
                )
                objection.refresh_from_db()
        if index == 0:
            with acting_as(user=tl.user, principal=tl, channel="cli"):
                services.decide(
                    tl,
                    objection,
                    objection.version,
                    outcome=Outcome.DISMISSED,
                    decided_on=min(day(due - dt.timedelta(days=7)), today),
                    reasoning=(
                        "De route volgt uit de leerbaarheidstoets en het gesprek in de brede "
                        "intake. Wat de klant bij het horen aanvoerde, verandert dat niet. Het "
                        "college kan later schakelen naar de B1-route als de voortgang daartoe "
                        "aanleiding geeft."
                    ),
                )
        else:
            with acting_as(user=cm.user, principal=cm, channel="cli"):
                services.plan_hearing(
                    cm,
                    objection,
                    objection.version,
                    planned_on=extend_to_working_day(
                        objection.received_on + dt.timedelta(days=28), extra
                    ),
                )
                objection.refresh_from_db()
                services.postpone(
                    cm,
                    objection,
                    objection.version,
                    postponed_on=min(day(due - dt.timedelta(days=10)), today),
                    weeks=6,
                )
    return created
