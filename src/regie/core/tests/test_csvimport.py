"""The one CSV import pipeline: decoding, delimiter, Dutch dates, header check, row report
(never a BSN in it), all-or-nothing storage and progress."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.core import csvimport
from regie.core.csvimport import Column

COLUMNS = [Column("naam", True), Column("datum", True), Column("opmerking")]


def test_decoding_utf8_with_and_without_bom_and_refusing_others():
    assert csvimport.decode("naam;datum\nJosé;1-2-2026\n".encode()) == "naam;datum\nJosé;1-2-2026\n"
    assert csvimport.decode("\ufeffnaam".encode()) == "naam"  # Excel's byte-order mark
    with pytest.raises(csvimport.DecodeError) as refused:
        csvimport.decode("José".encode("cp1252"))
    assert "UTF-8" in str(refused.value)


@pytest.mark.parametrize(
    ("first_line", "delimiter"),
    [("naam;datum", ";"), ("naam,datum", ","), ("naam", ";"), ("a,b;c,d", ","), ("", ";")],
)
def test_delimiter_is_what_the_header_has_more_of(first_line, delimiter):
    assert csvimport.sniff_delimiter(first_line + "\nx;y,z\n") == delimiter


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dutch_and_iso_dates(day):
    for text in (
        day.strftime("%d-%m-%Y"),
        day.strftime("%d/%m/%Y"),
        day.strftime("%d.%m.%Y"),
        day.isoformat(),
        f" {day.day}-{day.month}-{day.year} ",
    ):
        assert csvimport.parse_date(text) == day
    assert csvimport.parse_date(day) == day


@pytest.mark.parametrize("text", ["", "31-02-2026", "2026/13/01", "morgen", None])
def test_bad_dates_raise(text):
    with pytest.raises(ValueError):
        csvimport.parse_date(text)


def test_header_errors_in_dutch_and_rows_by_column_name():
    rows, errors = csvimport.read_rows("Naam;onzin\nx;y\n", COLUMNS)
    assert rows == []
    assert [(e.row, e.column, e.message) for e in errors] == [
        (1, "datum", "De kolom 'datum' ontbreekt."),
        (1, "onzin", "De kolom 'onzin' kennen wij niet."),
    ]
    assert csvimport.read_rows("  \n", COLUMNS)[1][0].message.startswith("Het bestand is leeg")
    rows, errors = csvimport.read_rows(
        "\ufeffnaam,datum\n Amal , 1-2-2026\n,,\n\nJos,2-2-2026,extra,te veel\n", COLUMNS
    )
    assert errors == []
    assert rows == [{"naam": "Amal", "datum": "1-2-2026"}, {"naam": "Jos", "datum": "2-2-2026"}]


def test_a_row_report_never_repeats_a_bsn():
    error = csvimport.RowError(2, "bsn", "BSN 999990019 staat ook in regel 3 (123456789012).")
    assert "999990019" not in error.message and "regel 3" in error.message
    assert "123456789012" in error.message  # not nine digits: not a BSN
    collected = csvimport.RowErrors()
    collected.for_row(4)("bsn", "999990019 is onbekend")
    assert collected.errors[0].as_dict() == {
        "row": 4,
        "column": "bsn",
        "message": "••••••••• is onbekend",
    }


@pytest.mark.django_db
def test_all_or_nothing():
    from regie.core.models import Region

    def save():
        Region.objects.create(code="alles-of-niets", name="Alles of niets")
        return "saved"

    assert csvimport.store_all_or_nothing([csvimport.RowError(3, "x", "fout")], save) is None
    assert not Region.objects.filter(name="Alles of niets").exists()

    def half_then_fail():
        Region.objects.create(code="half", name="Half")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        csvimport.store_all_or_nothing([], half_then_fail)
    assert not Region.objects.filter(name="Half").exists()  # rolled back as a whole
    assert csvimport.store_all_or_nothing([], save) == "saved"


def test_progress_every_n_rows():
    calls = []
    for done in range(1, 2501):
        csvimport.tick(lambda d, t: calls.append((d, t)), done, 2500, 1000)
    assert calls == [(1000, 2500), (2000, 2500)]
    csvimport.tick(None, 1000, 2500, 1000)  # no callback, no error


def test_template_has_header_and_examples():
    text = csvimport.write_template(COLUMNS, [["Amal", "01-02-2026", ""]])
    assert text.splitlines() == ["naam;datum;opmerking", "Amal;01-02-2026;"]


# Issue 15 item 7: every parser error is a row-level Dutch message, never "Onverwachte fout".
PARSE_COLUMNS = [Column("a", required=True), Column("b", max_length=10)]


def test_a_field_over_the_csv_limit_is_a_row_error():
    text = "a;b\n1;x\n2;" + "y" * 200_000 + "\n3;z\n"
    rows, errors = csvimport.read_rows(text, PARSE_COLUMNS)
    assert rows == []
    assert [(e.row, e.column) for e in errors] == [(3, "")]
    assert "te lang" in errors[0].message and "131.072" in errors[0].message


@pytest.mark.parametrize("cr", ["\r", "\r\r"])
def test_a_bare_carriage_return_in_a_field_is_a_row_error(cr):
    text = f"a;b\n1;x\n2;y{cr}z\n3;q\n"
    rows, errors = csvimport.read_rows(text, PARSE_COLUMNS)
    assert rows == [] and [e.row for e in errors] == [3]
    assert "regelovergang" in errors[0].message


def test_nul_and_header_errors_are_row_errors():
    rows, errors = csvimport.read_rows("a;b\n1;x\x00y\n", PARSE_COLUMNS)
    assert rows == [] and (errors[0].row, errors[0].column) == (2, "b")
    assert "NUL" in errors[0].message
    rows, errors = csvimport.read_rows("a;b\x00\n1;x\n", PARSE_COLUMNS)
    assert rows == [] and errors[0].row == 1 and "kennen wij niet" in errors[0].message


def test_a_value_longer_than_its_column_is_a_row_error():
    rows, errors = csvimport.read_rows(
        "a;b\n1;" + "x" * 11 + "\n" + "y" * 1001 + ";\n", PARSE_COLUMNS
    )
    assert rows == []
    assert [(e.row, e.column) for e in errors] == [(2, "b"), (3, "a")]
    assert "ten hoogste 10 tekens" in errors[0].message
    assert "ten hoogste 1000 tekens" in errors[1].message


def test_quoted_newlines_still_parse():
    rows, errors = csvimport.read_rows('a;b\n1;"x\r\ny"\n', PARSE_COLUMNS)
    assert errors == [] and rows == [{"a": "1", "b": "x\r\ny"}]
