"""Catalogues: stable codes, French labels, the communes of Seine-Saint-Denis; data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.folder.paths import data_dir
from models import catalogues

ALL = {
    "communes": catalogues.communes,
    "channels": catalogues.channels,
    "reasons": catalogues.reasons,
    "languages": catalogues.languages,
    "adult_roles": catalogues.adult_roles,
    "age_bands": catalogues.age_bands,
    "answers": catalogues.answers,
    "staff_roles": catalogues.staff_roles,
    "site_formats": catalogues.site_formats,
}


@pytest.mark.parametrize("name", sorted(ALL))
def test_codes_are_unique_and_every_entry_has_a_french_label(name: str) -> None:
    entries = ALL[name]()
    codes = [e.code for e in entries]
    assert len(codes) == len(set(codes))
    assert all(e.label.strip() and e.label != e.code for e in entries if not e.code.isdigit())


def test_thirty_nine_communes_and_the_former_pierrefitte_code_kept() -> None:
    towns = [e for e in catalogues.communes() if e.code.startswith("93")]
    assert sum(1 for e in towns if e.active) == 39
    pierrefitte = next(e for e in towns if e.code == "93059")
    assert not pierrefitte.active and pierrefitte.label == "Pierrefitte-sur-Seine"
    assert {"paris", "hors93", "sans_domicile", "unknown"} <= catalogues.codes(
        catalogues.communes()
    )


def test_the_visit_model_codes_of_design_are_all_there() -> None:
    assert catalogues.codes(catalogues.channels()) == {
        "street",
        "pmi",
        "partner",
        "word_of_mouth",
        "flyer",
        "social_media",
        "passing_by",
        "other",
        "unknown",
    }
    assert [e.code for e in catalogues.age_bands()] == [
        "0-5m",
        "6-11m",
        "12-23m",
        "24-35m",
        "3-5y",
        "6y+",
    ]
    assert [e.code for e in catalogues.adult_roles()] == [
        "mother",
        "father",
        "other_adult",
        "professional",
    ]
    languages = catalogues.codes(catalogues.languages())
    assert {"fr", "ar", "ta", "bn", "ur", "tr", "zh", "ro", "pt", "en", "snk", "bm"} <= languages


def test_the_five_cabanes_are_known_with_their_commune() -> None:
    sites = {s.code: s.commune for s in catalogues.known_sites()}
    assert sites == {
        "lilas": "93045",
        "courneuve": "93027",
        "clichy": "93014",
        "tremblay": "93073",
        "stains": "93072",
    }


def test_data_folder_from_option_then_environment(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CABANE_DATA_DIR", str(tmp_path / "env"))
    assert data_dir(str(tmp_path / "option")) == (tmp_path / "option").resolve()
    assert data_dir() == (tmp_path / "env").resolve()
    assert (tmp_path / "env").is_dir()
    monkeypatch.delenv("CABANE_DATA_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "share"))
    assert data_dir() == (tmp_path / "home" / "share" / "Cabane").resolve()


def test_each_partner_type_suggests_a_known_referral_theme() -> None:
    from models import catalogues

    themes = catalogues.codes(catalogues.referral_themes(), active_only=True)
    suggested = {
        entry.code: catalogues.theme_for_partner_type(entry.code)
        for entry in catalogues.partner_types()
    }
    assert suggested["caf"] == "family_benefits"
    assert suggested["other"] is None
    assert {theme for theme in suggested.values() if theme} <= set(themes)
