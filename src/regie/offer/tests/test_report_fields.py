"""The one table of provider-report fields: it drives the CSV columns, the API serializer and
the example file, and its content hash carries a format version, so adding a field does not
turn an unchanged resubmission into an update."""

import dataclasses
import datetime as dt
import hashlib
import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from regie.offer import provider_reports, provider_reports_api
from regie.offer import provider_reports_fields as report_fields

# What external providers use today: never change these (docs/offer-reporting.md).
CSV_COLUMNS = [
    "kenmerk",
    "inschrijving",
    "soort",
    "datum",
    "uren_aangeboden",
    "uren_aanwezig",
    "vaardigheid",
    "niveau",
    "thema",
    "geslaagd",
    "reden",
]
API_FIELDS = [
    "record_id",
    "enrolment",
    "kind",
    "date",
    "hours_offered",
    "hours_attended",
    "skill",
    "level",
    "theme",
    "passed",
    "reason",
]


def test_columns_api_fields_and_example_file_come_from_the_table():
    assert [f.column for f in report_fields.FIELDS] == CSV_COLUMNS
    assert [f.name for f in report_fields.FIELDS] == API_FIELDS
    assert [c[0] for c in provider_reports.COLUMNS] == CSV_COLUMNS
    assert list(provider_reports_api.ReportInSerializer().fields) == API_FIELDS
    lines = provider_reports.template_csv().splitlines()
    assert lines[0] == ";".join(CSV_COLUMNS) and len(lines) == 6
    rows, errors = provider_reports.parse_csv(provider_reports.template_csv())
    assert errors == [] and {r["kind"] for r in rows} == {
        "aanwezigheid",
        "voortgang",
        "knm_thema",
        "examen",
        "uitval",
    }


def _old_hash(values):
    """The content hash as wave 1 computed it (before the table); stored hashes use it."""
    content = {
        "enrolment": str(values["enrolment"]),
        "kind": str(values["kind"]),
        "date": values["date"].isoformat(),
        "hours_offered": None
        if values.get("hours_offered") is None
        else str(values["hours_offered"]),
        "hours_attended": None
        if values.get("hours_attended") is None
        else str(values["hours_attended"]),
        "skill": values.get("skill") or "",
        "level": values.get("level") or "",
        "theme": values.get("theme") or "",
        "passed": values.get("passed"),
        "reason": values.get("reason") or "",
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


reports = st.fixed_dictionaries(
    {
        "record_id": st.text(min_size=1, max_size=20),
        "enrolment": st.uuids().map(str),
        "kind": st.sampled_from(["aanwezigheid", "voortgang", "knm_thema", "examen", "uitval"]),
        "date": st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2026, 12, 31)),
    },
    optional={
        "hours_offered": st.decimals(0, 24, places=2),
        "hours_attended": st.decimals(0, 24, places=2),
        "skill": st.sampled_from(report_fields.EXAM_SUBJECTS),
        "level": st.sampled_from(["a1", "a2", "b1", ""]),
        "theme": st.text(max_size=20),
        "passed": st.sampled_from([True, False, None]),
        "reason": st.text(max_size=20),
    },
)


@given(reports)
def test_version_1_hash_is_the_stored_hash_of_wave_1(values):
    assert report_fields.values_hash(values) == _old_hash(values)
    assert report_fields.is_unchanged(_old_hash(values), values)


# A table as it would look after adding a field in format version 2.
NEW_FIELD = report_fields.ReportField(
    "teacher",
    "docent",
    "Naam van de docent",
    "text",
    lambda value, kind: report_fields.text_of(value),
    kinds={"aanwezigheid": report_fields.OPTIONAL},
    since=2,
)
TABLE_V2 = (*report_fields.FIELDS, NEW_FIELD)


@given(reports, st.text(min_size=1, max_size=20).filter(str.strip))
def test_adding_a_field_keeps_unchanged_resubmissions_unchanged(values, teacher):
    stored = report_fields.values_hash(values)  # stored under format version 1
    # the same report again, after version 2 added a field that it leaves empty: unchanged
    assert report_fields.is_unchanged(stored, {**values, "teacher": ""}, TABLE_V2)
    assert report_fields.is_unchanged(stored, values, TABLE_V2)
    # filling the new field is a change, and so is changing an old field
    assert not report_fields.is_unchanged(stored, {**values, "teacher": teacher}, TABLE_V2)
    other_day = values["date"] - dt.timedelta(days=1)
    assert not report_fields.is_unchanged(stored, {**values, "date": other_day}, TABLE_V2)
    # a report stored under version 2 carries its version and compares in it
    stored_v2 = report_fields.values_hash({**values, "teacher": teacher}, 2, TABLE_V2)
    assert stored_v2.startswith("2:") and report_fields.hash_version(stored_v2) == 2
    assert report_fields.is_unchanged(stored_v2, {**values, "teacher": teacher}, TABLE_V2)
    assert not report_fields.is_unchanged(stored_v2, values, TABLE_V2)


def test_clean_row_uses_the_table():
    errors = []
    values = report_fields.clean_row(
        {
            "record_id": "les-1",
            "enrolment": "ABC",
            "kind": "aanwezigheid",
            "date": "02-03-2026",
            "hours_offered": "3",
            "hours_attended": "2,5",
            "theme": "Werk",
        },
        lambda column, message: errors.append((column, message)),
    )
    assert values["hours_attended"] == Decimal("2.50") and values["enrolment"] == "abc"
    assert errors == [("theme", "Laat dit leeg bij soort 'aanwezigheid'.")]
    assert dataclasses.replace(NEW_FIELD, since=3).since == 3  # the table rows are plain data
