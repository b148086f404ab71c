"""Reading tables as real exports write them: encodings, separators, title rows, dates."""
from datetime import date

import pytest

from hh.tabular import TableError, parse_date, read_table

KNOWN = {"hmis_id", "first_name", "last_name", "county"}


def test_windows_1252_is_read_and_named():
    data = "HMIS ID,First Name,Last Name\r\nA1,José,Núñez\r\n".encode("cp1252")
    table = read_table("bnl.csv", data, KNOWN)
    assert table.encoding_label == "Windows-1252"
    assert table.rows == [(2, ["A1", "José", "Núñez"])]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_utf16_with_or_without_byte_order_mark(codec):
    data = "HMIS ID\tFirst Name\tLast Name\r\nA1\tRenée\tO'Neil\r\n".encode(codec)
    table = read_table("bnl.txt", data, KNOWN)
    assert table.encoding_label == "UTF-16" and table.delimiter_label == "tab"
    assert table.headings == ["HMIS ID", "First Name", "Last Name"]
    assert table.rows[0][1] == ["A1", "Renée", "O'Neil"]


def test_utf8_with_bom_and_a_forced_encoding():
    data = "\ufeffHMIS ID,First Name\nA1,Zoë\n".encode("utf-8")
    assert read_table("a.csv", data, KNOWN).headings[0] == "HMIS ID"
    assert read_table("a.csv", "HMIS ID,First Name\nA1,Zoë\n".encode("utf-8"), KNOWN,
                      encoding="latin-1").rows[0][1][1] == "ZoÃ«"  # what the person asked for


def test_semicolons_and_title_rows_above_the_header():
    data = ("By-Name List report;;\nRun 1/20/2024 by coordinator;;\n;;\n"
            "HMIS ID;First Name;County\n101;Ann;Alder\n102;Bo;Birch\n").encode()
    table = read_table("report.csv", data, KNOWN)
    assert table.delimiter_label == "semicolon"
    assert table.header_line == 4 and table.headings == ["HMIS ID", "First Name", "County"]
    assert [line for line, _ in table.rows] == [5, 6]


def test_a_quoted_cell_with_a_line_break_keeps_line_numbers_true():
    data = b'HMIS ID,First Name,Last Name\n1,"Ann\nMarie",Lee\n2,Bo,Ng\n'
    assert [line for line, _ in read_table("a.csv", data, KNOWN).rows] == [2, 4]


def test_empty_and_binary_files_are_refused_with_a_reason():
    with pytest.raises(TableError, match="empty"):
        read_table("a.csv", b"\n\n", KNOWN)
    with pytest.raises(TableError):
        read_table("a.csv", b"\x00\x01\x02\x03abc", KNOWN)


@pytest.mark.parametrize("text,expected", [
    ("2024-01-20", date(2024, 1, 20)),
    ("2024-01-20T00:00:00", date(2024, 1, 20)),
    ("1/20/2024", date(2024, 1, 20)),
    ("1/20/24", date(2024, 1, 20)),
    ("1/20/2024 0:00", date(2024, 1, 20)),
    ("01/20/2024 12:30 PM", date(2024, 1, 20)),
    ("15-Feb-24", date(2024, 2, 15)),
    ("15-Feb-2024", date(2024, 2, 15)),
    ("Feb 15, 2024", date(2024, 2, 15)),
    ("45321", date(2024, 1, 30)),  # Excel's serial number for 2024-01-30
    ("45321.5", date(2024, 1, 30)),
    ("", None),
])
def test_dates_in_every_shape_exports_use(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["13/45/2024", "soon", "1/20", "99999999", "3000-01-01"])
def test_what_is_not_a_date_is_refused(text):
    with pytest.raises(ValueError):
        parse_date(text)
