"""« Bilan d'activité »: the same year at the cabane and at the coordination, as a PDF and a
workbook a funder can read, small counts masked unless asked for exact."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from models.demo import generate_visits
from models.demo_activity import generate_activity
from models.desk.sites import set_coordination_recipients
from models.exchange import crypto
from models.exchange.annual_report import annual_report, year_bounds
from models.exchange.coordination import CoordinationStore
from models.exchange.exporter import WeeklyExporter
from models.exchange.own_figures import own_year_figures, year_weeks
from models.exchange.row_figures import ALL
from models.store.base import Base
from printing.annual_report import build_annual_report_pdf, build_annual_report_xlsx
from tests.conftest import backdate_sites, run_cabane
from tests.support.pdf import pdftotext
from tests.support.postgres import ENGINES, coordination_factory

YEAR = 2025


@pytest.fixture
def cabane(desk):  # type: ignore[no-untyped-def]
    """A cabane with a busy autumn 2025: visits, the programme, outings, follow-ups."""
    backdate_sites(desk.factory)
    end = date(2025, 12, 21)
    generate_visits(desk.factory, desk.site.id, "93045", 900, end=end, days=70)
    generate_activity(desk.factory, desk.site.id, "93045", end=end, days=70)
    return desk


def own(desk):  # type: ignore[no-untyped-def]
    scratch = create_engine("sqlite://", poolclass=StaticPool)
    Base.metadata.create_all(scratch)
    try:
        return own_year_figures(desk.factory, desk.site, YEAR, sessionmaker(scratch))
    finally:
        scratch.dispose()


@pytest.fixture(params=ENGINES)
def coordination_sessions(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The coordination's store on SQLCipher and on PostgreSQL (issue 17)."""
    with coordination_factory(request, tmp_path / "coord") as factory:
        yield factory


def test_the_cabane_and_the_coordination_say_the_same_year(  # type: ignore[no-untyped-def]
    cabane, coordination_sessions, tmp_path: Path
) -> None:
    secret, public = crypto.new_identity()
    site = set_coordination_recipients(cabane.factory, cabane.site.id, (public,), None)
    out = tmp_path / "out"
    out.mkdir()
    exporter = WeeklyExporter(cabane.factory, site, "0.1.0")
    paths = [exporter.export(y, w, out, (public,)).path for y, w in year_weeks(YEAR)]
    store = CoordinationStore(coordination_sessions)
    outcomes = store.import_paths(paths, [secret], lambda *_: True)
    assert {o.status for o in outcomes} == {"imported"}
    theirs = store.figures(*year_bounds(YEAR), [site.code])[ALL]
    ours = own(cabane)
    assert ours.value("visits") == 900 and theirs.value("visits") == 900
    mine = annual_report(ours, YEAR, site.name, publication=False)
    at_coordination = annual_report(theirs, YEAR, site.name, publication=False)
    assert mine.lines == at_coordination.lines and mine.months == at_coordination.months


def test_the_pdf_and_the_workbook_read_back(cabane, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    figures = own(cabane)
    report = annual_report(figures, YEAR, "Cabane des Lilas", publication=True)
    text = " ".join(pdftotext(build_annual_report_pdf(report, date(2026, 1, 5)), tmp_path).split())
    assert "Bilan d'activité 2025" in text and "Cabane des Lilas" in text
    assert "Passages par mois" in text and "Effectifs de 1 à 4 masqués" in text
    visits = f"{figures.value('visits'):,}".replace(",", "\u202f")
    assert f"Passages (familles ou groupes accueillis) {visits}" in text.replace("\u202f", "\u202f")
    for needed in ("Séances d'accueil libre réalisées", "Interventions de bénévoles", "Aller-vers"):
        assert needed in text
    sheet = load_workbook(io.BytesIO(build_annual_report_xlsx(report))).active
    assert sheet is not None
    rows = {(row[0], row[1]): row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[("Accueil", "Passages (familles ou groupes accueillis)")] == figures.value("visits")
    # published: a count of 1 to 4 never appears as such
    assert not [line for line in report.lines if line.value in {"1", "2", "3", "4"}]


def test_small_counts_are_masked_for_funders_and_exact_inside() -> None:
    from models.exchange.row_figures import Figures

    few = Figures()
    few.totals["pregnant"] = 3
    few.totals["visits"] = 4

    def said(publication: bool, label: str) -> str:
        lines = annual_report(few, YEAR, "Cabane", publication).lines
        return next(line.value for line in lines if line.label == label)

    assert said(True, "Femmes enceintes accueillies") == "<5"
    assert said(False, "Femmes enceintes accueillies") == "3"
    # a share of fewer than five visits is not given
    assert said(False, "Part des passages de familles pas connues de la PMI") == "—"


def test_the_command_lines_write_it(tmp_path: Path) -> None:
    folder = tmp_path / "cabane"
    assert run_cabane("demo", "--visits", "300", "--days", "30", data_dir=folder).returncode == 0
    year = str(date.today().year)
    written = run_cabane(
        "annual-report", "--year", year, "--out", str(tmp_path / "b.pdf"), data_dir=folder
    )
    assert written.returncode == 0, written.stderr
    assert f"Bilan d'activité {year} écrit" in written.stdout
    assert f"Bilan d'activité {year}" in pdftotext((tmp_path / "b.pdf").read_bytes(), tmp_path)
    wrong = run_cabane(
        "annual-report", "--year", "1999", "--out", str(tmp_path / "c.pdf"), data_dir=folder
    )
    assert wrong.returncode == 2 and "année de 2015" in wrong.stderr
    odd = run_cabane(
        "annual-report", "--year", year, "--out", str(tmp_path / "c.doc"), data_dir=folder
    )
    assert odd.returncode == 2 and ".pdf ou en .xlsx" in odd.stderr
    coordination = tmp_path / "coordination"
    made = run_cabane("coordination", "demo", "--sites", "2", "--weeks", "2", data_dir=coordination)
    assert made.returncode == 0, made.stderr
    xlsx = tmp_path / "bilan.xlsx"
    both = run_cabane(
        "coordination", "annual-report", "--year", year, "--out", str(xlsx), data_dir=coordination
    )
    assert both.returncode == 0 and "Ensemble des cabanes (2 cabanes)" in both.stdout
    one = run_cabane(
        "coordination", "annual-report", "--year", year, "--site", "nulle-part",
        "--out", str(xlsx), data_dir=coordination,
    )  # fmt: skip
    assert one.returncode == 2 and "aucune cabane « nulle-part »" in one.stderr


def test_months_before_the_first_visits_are_left_out_of_the_chart(tmp_path: Path) -> None:
    """A cabane opened in April: no bar (and « — » in the workbook) for January to March,
    a real 0 for a closed August between two months of visits."""
    from openpyxl import load_workbook

    from models.exchange.row_figures import Figures

    figures = Figures()
    for month, visits in ((4, 30), (5, 41), (7, 12), (9, 25)):
        figures.groups["visits_by_month"][f"2026-{month:02d}"] = visits
    report = annual_report(figures, 2026, "Cabane des Lilas", False)
    counts = [count for _name, count in report.months]
    assert counts == [None, None, None, 30, 41, 0, 12, 0, 25, None, None, None]
    target = tmp_path / "bilan.xlsx"
    target.write_bytes(build_annual_report_xlsx(report))
    rows = {
        row[1]: row[2]
        for row in load_workbook(target).active.iter_rows(values_only=True)
        if row and row[0] == "Passages par mois"
    }
    assert (rows["janvier"], rows["avril"], rows["août"]) == ("—", 30, 0)
    assert build_annual_report_pdf(report, date(2026, 12, 1)).startswith(b"%PDF")
