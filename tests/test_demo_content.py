"""The demos fill every screen: a cabane's programme, outings and follow-ups, and a
coordination filled through real weekly files."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from models.store.activity_entities import ActivitySession, Orientation, OutreachOuting, Referral
from tests.conftest import run_cabane


def test_a_cabanes_demo_has_a_programme_outings_and_follow_ups(tmp_path: Path) -> None:
    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain

    folder = tmp_path / "cabane"
    done = run_cabane("demo", "--visits", "800", "--days", "60", data_dir=folder)
    assert done.returncode == 0, done.stderr
    assert "séances" in done.stdout and "sorties d'aller-vers" in done.stdout
    desk = open_existing(folder, open_keychain())
    try:
        with desk.factory() as session:
            held = session.scalar(select(func.count()).where(ActivitySession.status == "held"))
            planned = session.scalar(
                select(func.count()).where(ActivitySession.status == "planned")
            )
            facilitated = session.scalar(
                select(func.count()).where(ActivitySession.facilitator != "")
            )
            outings = session.scalar(select(func.count(OutreachOuting.id)))
            honoured = session.scalar(select(func.count()).where(Orientation.status == "honoured"))
            done_referrals = session.scalar(select(func.count()).where(Referral.status == "done"))
    finally:
        desk.close()
    assert held and planned and facilitated  # sessions held, the next weeks planned
    assert outings and outings >= 7 and honoured and done_referrals


def test_a_coordination_demo_is_filled_through_real_weekly_files(tmp_path: Path) -> None:
    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain
    from models.exchange.coordination import CoordinationStore
    from models.exchange.period_figures import period_figures
    from models.exchange.row_figures import ALL

    folder = tmp_path / "coordination"
    done = run_cabane("coordination", "demo", "--sites", "2", "--weeks", "3", data_dir=folder)
    assert done.returncode == 0, done.stderr
    assert (
        "2 cabanes de démonstration, 6 fichiers hebdomadaires importés (0 refusé)." in done.stdout
    )
    desk = open_existing(folder, open_keychain())
    try:
        assert len(CoordinationStore(desk.factory).weeks()) == 6
        today = date.today()
        figures = period_figures(desk.factory, today - timedelta(days=40), today)
    finally:
        desk.close()
    together = figures[ALL]
    assert len(figures) == 3 and together.value("visits") > 100
    assert sum(together.groups["sessions_held_by_activity"].values()) > 0
    assert together.groups["outreach"]["outings"] >= 4
    assert together.groups["orientations_by_status"]["honoured"] > 0
