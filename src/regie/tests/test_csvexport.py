"""CSV formula injection (OWASP): every CSV export neutralises cells that start with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return, through the one helper in core.csvexport."""

import csv
import io
from decimal import Decimal

import pytest

from django.urls import reverse

from regie.core.csvexport import safe_cell, write_rows
from regie.reporting.tests.test_quality import example  # noqa: F401 - fixture

DANGEROUS = ["=1+1", "+31612345678", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_formula_like_text_gets_a_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Jansen", "", "a=b", "0612", "'al gequote"])
def test_plain_text_unchanged(value):
    assert safe_cell(value) == value


def test_numbers_and_none():
    assert safe_cell(-5) == -5 and safe_cell(Decimal("-1.5")) == Decimal("-1.5")
    assert safe_cell(None) == "" and safe_cell(True) == "True"


def _cells(response) -> list[str]:
    body = "".join(
        p.decode() if isinstance(p, bytes) else p for p in response.streaming_content
    ).lstrip("\ufeff")
    return [cell for row in csv.reader(io.StringIO(body), delimiter=";") for cell in row]


def _assert_neutral(cells, *expected):
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    for value in expected:
        assert "'" + value in cells, (value, cells)


@pytest.mark.django_db
def test_client_list_export(world, login, client):
    c = world.clients["own_cm1"]
    c.surname, c.given_names = '=HYPERLINK("http://x")', "@Amal"
    c.save()
    login(*world.as_role("tl"))
    cells = _cells(client.get(reverse("clients:list"), {"formaat": "csv"}))
    _assert_neutral(cells, '=HYPERLINK("http://x")', "@Amal")


@pytest.mark.django_db
def test_access_and_change_log_exports(world, login, client):
    team = world.orgs["team_a"]
    team.name = "=cmd|' /C calc'!A0"
    team.save()
    c = world.clients["own_cm1"]
    login(*world.as_role("tl"))
    client.get(reverse("clients:dossier", args=[c.uuid]))
    login(*world.as_role("privacy"))
    cells = _cells(client.get(reverse("core:access_log"), {"formaat": "csv"}))
    _assert_neutral(cells, "=cmd|' /C calc'!A0")
    cells = _cells(client.get(reverse("core:change_log"), {"formaat": "csv"}))
    _assert_neutral(cells)


@pytest.mark.django_db
def test_quality_export(world, login, client, example):  # noqa: F811
    provider = world.orgs["p1"]
    provider.name = "+Aanbieder P1"
    provider.save()
    login(*world.as_role("contract"))
    response = client.get(reverse("reporting:quality"), {"indeling": "product", "formaat": "csv"})
    _assert_neutral(_cells(response), "+Aanbieder P1")


def test_templates_go_through_the_helper():
    text = write_rows(["a"], [["=1"], ["-"]])
    assert text.splitlines() == ["a", "'=1", "'-"]
