"""Demo (issue 9, items 4 and 11): a young client whose duty starts when kwalificatieplicht ends,
and a Wet inburgering 2013 client with guidance and the voluntary offer. Both are registered
through the real registration service, so the demo shows what a case manager would see.
Idempotent: skipped when the demo BSNs exist."""

import datetime as dt

from dateutil.relativedelta import relativedelta

from django.utils import timezone

from regie.clients import registration
from regie.clients.models import Client
from regie.core.bsn import demo_bsns
from regie.core.context import acting_as
from regie.core.models import Organisation
from regie.core.roles import OrganisationKind

BSN_START = 96500


def load(orgs: dict) -> int:
    """Create the two clients in the first municipality of the region; returns how many."""
    from regie.demo.casework import _principals

    team = next(o for o in orgs.values() if o.kind == OrganisationKind.TEAM)
    municipality = (
        Organisation.objects.filter(region=team.region, kind=OrganisationKind.MUNICIPALITY)
        .order_by("name")
        .first()
    )
    if municipality is None:
        return 0
    young_bsn, old_bsn = list(demo_bsns(2, start=BSN_START))
    if Client.objects.filter(bsn__in=[young_bsn, old_bsn]).exists():
        return 0
    cms, _tl = _principals(team)
    cm = cms[0]
    today = timezone.localdate()
    born = today - relativedelta(years=17, months=3)
    permit = today - relativedelta(months=4)
    with acting_as(user=cm.user, principal=cm, channel="cli"):
        young = registration.register_client(
            cm,
            team=team,
            bsn=young_bsn,
            given_names="Yonas",
            surname="Tesfamariam",
            date_of_birth=born,
            municipality=municipality,
            target_group="asielstatushouder",
            permit_type="asiel",
            nationality="Eritrese",
            languages="Tigrinya",
            permit_date=permit,
            brp_date=permit + dt.timedelta(days=40),
            duo_notice_date=permit + dt.timedelta(days=50),
            # kwalificatieplicht until 18 (no startkwalificatie): the duty starts then
            duty_start=born + relativedelta(years=18),
            duty_start_reason="einde_kwalificatieplicht",
        )
        old = registration.register_client(
            cm,
            team=team,
            bsn=old_bsn,
            given_names="Hamid",
            surname="Rahimi",
            date_of_birth=dt.date(1979, 6, 12),
            municipality=municipality,
            target_group="gezinsmigrant",
            permit_type="regulier",
            nationality="Afghaanse",
            languages="Dari",
            permit_date=dt.date(2021, 5, 3),
            brp_date=dt.date(2021, 6, 1),
            regime="wi2013",
        )
        _guide_and_offer(cm, old, today)
    return 2 if young and old else 0


def _guide_and_offer(cm, client: Client, today: dt.date) -> None:
    """What the municipality still does for a Wi2013 client: a contact moment (guidance) and,
    when the region has a running product, an enrolment in the voluntary offer."""
    from regie.offer import selectors as offer_selectors
    from regie.offer import services as offer_services
    from regie.progress import services as progress_services
    from regie.progress.models import ReviewKind

    progress_services.schedule_review(
        cm, client, planned_on=today + dt.timedelta(days=14), kind=ReviewKind.CONTACT
    )
    for product in offer_selectors.visible_products(cm).filter(period_end__gte=today)[:10]:
        try:
            offer_services.refer_voluntary(cm, client, product)
        except offer_services.OfferError:
            continue
        break
