"""No cell Cabane writes is ever run by a spreadsheet (OWASP CSV injection), and phone
numbers stay as typed: the helper, the directory's CSV round trip, the XLSX report."""

from __future__ import annotations

import csv
import io
import zipfile

from models.orientations.partners import PartnerData, PartnerDirectory
from models.store.cells import safe_cell, unquoted
from printing.spreadsheet import report_xlsx

DANGEROUS = ("=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x", "=cmd|' /C calc'!A0")


def test_formulas_are_quoted_and_phones_stay() -> None:
    for text in DANGEROUS:
        assert safe_cell(text) == "'" + text
        assert unquoted(str(safe_cell(text))) == text
    for text in ("+33 1 43 62 12 34", "01 43 62 12 34", "Maison des parents", "L'Aquarelle"):
        assert safe_cell(text) == text and unquoted(text) == text
    assert safe_cell(-3) == -3  # numbers are numbers


def test_the_directory_csv_neutralises_and_reads_back(desk) -> None:  # type: ignore[no-untyped-def]
    directory = PartnerDirectory(desk.factory)
    name = '=HYPERLINK("http://x")'
    directory.create(PartnerData(name=name, partner_type="other", phone="+33 1 43 62 12 34"), 1)
    exported = directory.export_csv().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported), delimiter=";"))
    row = next(r for r in rows if "HYPERLINK" in r[0])
    assert row[0] == "'" + name and row[4] == "+33 1 43 62 12 34"
    assert unquoted(row[0]) == name  # read back as typed by the directory's import


def test_xlsx_cells_are_text_never_formulas() -> None:
    data = report_xlsx("Cabanes", ["Cabane", "Passages"], [["=1+1", 12], ["+33 1 43", 3]], "note")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    from openpyxl import load_workbook

    cells = load_workbook(io.BytesIO(data)).active
    assert cells is not None
    assert cells["A2"].value == "=1+1" and cells["A2"].data_type == "s"
    assert cells["B2"].value == 12  # numbers stay numbers


def test_excel_unicode_text_imports_and_oversized_cells_are_refused(desk) -> None:  # type: ignore[no-untyped-def]
    directory = PartnerDirectory(desk.factory)
    unicode_text = "nom\ttype\tcommune\nالجمعية\tCAF\tStains\nMaison 文\tCAF\t\n"
    report = directory.import_csv(b"\xff\xfe" + unicode_text.encode("utf-16-le"), 1)
    assert report.imported == 2, report.refused
    names = {p.data.name for p in directory.search(include_inactive=True)}
    assert {"الجمعية", "Maison 文"} <= names
    huge = ("nom;notes\nA;" + "x" * 10_000 + "\n").encode()
    assert directory.import_csv(huge, 1).refused == [(0, "file", "cell_too_large")]
    never_closed = b'nom;notes\n"A;' + b"y" * 10_000
    assert directory.import_csv(never_closed, 1).refused[0][2] == "cell_too_large"


def test_a_logo_must_be_a_reasonable_picture(desk) -> None:  # type: ignore[no-untyped-def]
    import struct
    import zlib

    import pytest

    from models.desk.sites import SetupError, set_poster_settings
    from models.store.images import checked_picture

    def png(width: int, height: int) -> bytes:
        header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
        chunk = b"IHDR" + header
        return (
            b"\x89PNG\r\n\x1a\n"
            + struct.pack(">I", len(header))
            + chunk
            + struct.pack(">I", zlib.crc32(chunk))
        )

    assert checked_picture(png(400, 200)) == (400, 200)
    for bad in (png(60_000, 60_000), b"GIF89a....", b"%PDF-1.7", b"\x89PNG\r\n\x1a\n"):
        with pytest.raises(SetupError):
            set_poster_settings(desk.factory, desk.site.id, "", bad, 1)


def test_any_bytes_as_a_partner_csv_are_a_report_never_a_crash(desk) -> None:  # type: ignore[no-untyped-def]
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    directory = PartnerDirectory(desk.factory)
    lines = st.lists(
        st.lists(st.text(max_size=30), max_size=6).map(";".join), min_size=0, max_size=5
    ).map(lambda rows: "\n".join(["nom;type;commune;téléphone", *rows]))
    inputs = st.one_of(
        st.binary(max_size=400),
        lines.map(lambda text: text.encode("utf-8")),
        lines.map(lambda text: b"\xff\xfe" + text.encode("utf-16-le")),
    )

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(raw=inputs)
    def never_crashes(raw: bytes) -> None:
        report = directory.import_csv(raw, 1)
        assert report.imported >= 0

    never_crashes()
