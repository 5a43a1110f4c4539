"""Issue 14 item 7: provider staff find their enrolments' identifiers (the ``inschrijving`` the
report CSV needs) in their own list, filter it, export it and download a report file pre-filled
with their open enrolments. Only their own provider's enrolments, only the fields of
docs/roles.md."""

import csv
import io

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.clients.tests.factories import ClientFactory
from regie.offer import provider_reports
from regie.offer.models import EnrolmentStatus
from regie.offer.tests.factories import EnrolmentFactory, GroupFactory
from regie.offer.tests.test_enrolment import build_offer


@pytest.fixture
def enrolled(world):
    _c, products, groups = build_offer(world)
    team = world.orgs["team_a"]

    def make(key, status, surname, group=None):
        client = ClientFactory(
            municipality=world.orgs["a1"], team=team, surname=surname, phone="0612345678"
        )
        return EnrolmentFactory(client=client, product=products[key], status=status, group=group)

    rows = {
        "started": make("p1", EnrolmentStatus.STARTED, "Gestartklant", groups["p1"]),
        "placed": make("p1", EnrolmentStatus.PLACED, "Geplaatstklant", groups["p1"]),
        "accepted": make("p1", EnrolmentStatus.ACCEPTED, "Geaccepteerdklant"),
        "referred": make("p1", EnrolmentStatus.REFERRED, "Aangemeldklant"),
        "finished": make("p1", EnrolmentStatus.FINISHED, "Afgerondklant"),
        "other": make("p2", EnrolmentStatus.STARTED, "Anderaanbiederklant", groups["p2"]),
    }
    return rows, products, groups


def _csv(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))


def test_provider_enrolment_list_shows_own_enrolments_with_the_csv_identifier(
    world, enrolled, login, client
):
    rows, _p, _g = enrolled
    login(*world.as_role("provider_p1"))
    page = client.get(reverse("offer:enrolments")).content.decode()
    for key in ("started", "placed", "accepted", "referred", "finished"):
        assert str(rows[key].uuid) in page
        assert rows[key].client.masked_bsn in page
    assert str(rows["other"].uuid) not in page and "Anderaanbiederklant" not in page
    # no contact data or full BSN for provider staff (docs/roles.md)
    assert rows["started"].client.bsn not in page and "0612345678" not in page


def test_provider_enrolment_list_filters_by_status_product_and_group(
    world, enrolled, login, client
):
    rows, products, groups = enrolled
    login(*world.as_role("provider_p1"))
    url = reverse("offer:enrolments")
    page = client.get(url, {"group": str(groups["p1"].uuid)}).content.decode()
    assert "Gestartklant" in page and "Geplaatstklant" in page and "Aangemeldklant" not in page
    page = client.get(url, {"status": EnrolmentStatus.ACCEPTED}).content.decode()
    assert "Geaccepteerdklant" in page and "Gestartklant" not in page
    page = client.get(url, {"product": str(products["p1"].uuid)}).content.decode()
    assert "Aangemeldklant" in page
    # another provider's product or group gives nothing, a broken value neither (and no 500)
    page = client.get(url, {"group": str(groups["p2"].uuid)}).content.decode()
    assert "Anderaanbiederklant" not in page and "Geen inschrijvingen gevonden" in page
    assert client.get(url, {"product": "x" * 500}).status_code == 200
    # the filter only offers the provider's own products and groups
    page = client.get(url).content.decode()
    assert "Taal B1 p1" in page and "Taal B1 p2" not in page and "Groep p2" not in page


def test_provider_enrolment_list_is_keyset_paged_with_constant_queries(
    world, enrolled, login, client, monkeypatch
):
    from regie.offer import views

    rows, products, _g = enrolled
    monkeypatch.setattr(views, "ENROLMENTS_PER_PAGE", 3)
    login(*world.as_role("provider_p1"))
    url = reverse("offer:enrolments")
    first = client.get(url)
    assert first.context["page"]["next_query"]
    second = client.get(url + "?" + first.context["page"]["next_query"])
    seen = [e.pk for e in first.context["rows"]] + [e.pk for e in second.context["rows"]]
    assert len(seen) == len(set(seen)) == 5
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    monkeypatch.setattr(views, "ENROLMENTS_PER_PAGE", 50)
    for _i in range(8):
        EnrolmentFactory(
            client=ClientFactory(municipality=world.orgs["a1"], team=world.orgs["team_a"]),
            product=products["p1"],
            status=EnrolmentStatus.STARTED,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_provider_enrolment_export_has_identifier_and_only_allowed_fields(
    world, enrolled, login, client
):
    rows, _p, _g = enrolled
    login(*world.as_role("provider_p1"))
    table = _csv(client.get(reverse("offer:enrolments_csv"), {"status": EnrolmentStatus.STARTED}))
    assert table[0] == [
        "inschrijving",
        "naam",
        "bsn",
        "leerroute",
        "product",
        "groep",
        "startdatum",
        "einddatum",
        "status",
    ]
    assert [r[0] for r in table[1:]] == [str(rows["started"].uuid)]
    assert table[1][2] == rows["started"].client.masked_bsn
    from regie.core.models import AccessLogEntry

    assert AccessLogEntry.objects.filter(action=AccessLogEntry.Action.EXPORT).exists()


def test_report_template_is_prefilled_with_open_enrolments_and_reads_back_in_the_upload(
    world, enrolled, login, client
):
    rows, _p, _g = enrolled
    login(*world.as_role("provider_p1"))
    response = client.get(reverse("offer:enrolments_report_template"))
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = table[0]
    assert header == [c.name for c in provider_reports.CSV_COLUMNS]
    col = header.index("inschrijving")
    assert {r[col] for r in table[1:]} == {
        str(rows[k].uuid) for k in ("started", "placed", "accepted")
    }
    # the file is the upload's own format: filled in, it reads back without header errors
    text = response.content.decode("utf-8-sig")
    parsed, errors = provider_reports.parse_csv(text)
    assert not [e for e in errors if getattr(e, "row", 0) == 1]
    assert len(parsed) == 3


@pytest.mark.parametrize("key", ["cm1", "tl", "guide", "contract", "provider_p2"])
def test_enrolment_list_export_and_template_are_provider_staff_of_that_provider_only(
    world, enrolled, login, client, key
):
    rows, _p, _g = enrolled
    login(*world.as_role(key))
    for name in ("offer:enrolments", "offer:enrolments_csv", "offer:enrolments_report_template"):
        response = client.get(reverse(name))
        if key == "provider_p2":
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert str(rows["started"].uuid).encode() not in body
            assert str(rows["other"].uuid).encode() in body
        else:
            assert response.status_code == 403


def test_group_of_other_provider_not_in_filter(world, enrolled):
    from regie.core.principal import Principal
    from regie.offer import selectors

    _r, _p, groups = enrolled
    GroupFactory(product=groups["p2"].product, name="Groep p2 extra")
    filters = selectors.provider_enrolment_filters(
        Principal.from_assignment(world.assignments["provider_p1"])
    )
    assert {g.name for g in filters["groups"]} == {"Groep p1"}
