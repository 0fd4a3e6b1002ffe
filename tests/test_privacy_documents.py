"""The privacy documents: the notice for families, printable in French and the poster's
languages with every font embedded, and the processing description for the register."""

from __future__ import annotations

from pathlib import Path

from printing.privacy_notice import build_privacy_notice
from tests.conftest import ROOT, run_cabane
from tests.support.pdf import font_dicts, is_embedded, pdftotext, reader


def test_the_notice_for_families(tmp_path: Path) -> None:
    pdf = build_privacy_notice("Cabane des Lilas")
    assert len(reader(pdf).pages) == 2
    assert all(is_embedded(font) for font in font_dicts(pdf))
    text = pdftotext(pdf, tmp_path)
    for expected in (
        "Vos données à la cabane",
        "Cabane des Lilas",
        "24 mois après votre dernière venue",
        "Département de la Seine-Saint-Denis",
        "for 24 months after your last visit",
        "24 ay boyunca",
    ):
        assert expected in text, expected


def test_the_notice_from_the_command_line(data_dir: Path, tmp_path: Path) -> None:
    assert (
        run_cabane("setup", "--site", "lilas", "--staff", "Awa", data_dir=data_dir).returncode == 0
    )
    out = tmp_path / "notice.pdf"
    result = run_cabane("print", "privacy-notice", "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "Vos droits" in pdftotext(out.read_bytes(), tmp_path)


def test_the_processing_is_described_for_the_register() -> None:
    text = (ROOT / "docs" / "confidentialite.md").read_text(encoding="utf-8")
    for section in (
        "## Responsable et finalités",
        "## Catégories de personnes et de données",
        "## Destinataires",
        "## Durées de conservation",
        "## Mesures de sécurité",
        "## Droits des personnes",
    ):
        assert section in text
