"""Issue 9 items 2-3 in a real browser: the late-offer letter in the dossier, a family migrant's
Aanbod part and the contract's spend per funding line — accessible and without sideways scroll
at 320 px. Fixtures from test_browser.py (the small Westfriesland demo).

Run only this:  .venv/bin/pytest -q -m browser src/regie/tests/test_browser_law_lateoffer.py
"""

from django.urls import reverse

from regie.tests.test_browser import (  # noqa: F401  (fixtures are used by name)
    NARROW,
    WIDE,
    _append_only_logs_flushable,
    assert_accessible,
    browser,
    demo,
    demo_snapshot,
    horizontal_overflow,
    log_in,
    make_page,
    pytestmark,
)


def _check(page, url, label, *texts):
    page.set_viewport_size(WIDE)
    response = page.goto(url)
    assert response is not None and response.status == 200, label
    body = page.content()
    for text in texts:
        assert text in body, f"{label}: {text!r} ontbreekt"
    assert_accessible(page, label)
    page.set_viewport_size(NARROW)
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], f"{label} 320px: {overflow}"


def test_late_offer_letter_family_migrant_offer_and_spend_per_funding(make_page):  # noqa: F811
    from regie.clients.models import PermitType, TargetGroup
    from regie.core.models import User
    from regie.offer.models import Contract, EnrolmentStatus, Lot, Product, ProductKind, Route
    from regie.offer.tests.factories import EnrolmentFactory
    from regie.progress.models import LateOfferStatement

    statement = LateOfferStatement.objects.select_related("client").get()
    user = User.objects.get(username="klantregisseur")
    late = statement.client
    late.case_manager = user
    late.save(update_fields=["case_manager"])

    # a family migrant on the same caseload with a PVT enrolment
    contract = Contract.objects.get()
    lot = Lot.objects.get(contract=contract, route=Route.OTHER)
    pvt = Product.objects.filter(lot=lot, kind=ProductKind.PVT).first() or Product.objects.create(
        lot=lot,
        provider=contract.subcontractors.order_by("name").first(),
        kind=ProductKind.PVT,
        name="PVT Westfriesland",
        price="450.00",
        hours=12,
        hours_per_week="4.0",
        location="Hoorn",
        capacity=40,
        period_start=contract.period_start,
        period_end=contract.period_end,
    )
    migrant = (
        type(late)
        .objects.filter(is_obliged=True, municipality__region=contract.region)
        .exclude(pk=late.pk)
        .order_by("pk")
        .first()
    )
    migrant.target_group = TargetGroup.FAMILY
    migrant.permit_type = PermitType.REGULAR
    migrant.case_manager = user
    migrant.save()
    EnrolmentFactory(
        client=migrant, product=pvt, status=EnrolmentStatus.ACCEPTED, level="", target_level=""
    )

    page = make_page()
    log_in(page, "klantregisseur")
    _check(
        page,
        reverse("progress:duo", args=[late.uuid]),
        "DUO en afsluiten met verklaring",
        reverse("progress:late_offer_pdf", args=[late.uuid, statement.uuid]),
        "Niet bevestigd",
    )
    _check(
        page,
        reverse("offer:dossier", args=[migrant.uuid]),
        "Aanbod van een gezinsmigrant",
        "regelt en betaalt zijn taal- en KNM-cursus zelf",
        "SPUK inburgeringsvoorzieningen",
    )
    page.context.clear_cookies()
    log_in(page, "contractmanager")
    _check(
        page,
        reverse("offer:contract_detail", args=[contract.uuid]),
        "Contract met besteding per financieringsbron",
        "Verplicht per financieringsbron",
        "Niet bevestigd",
    )
