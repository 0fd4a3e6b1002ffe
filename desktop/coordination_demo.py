"""``cabane coordination demo --sites 5 --weeks 104``: a coordination folder filled the way
real ones are, through weekly files.

Each demo cabane lives for the time of the command in its own encrypted scratch database
(a temporary folder, deleted after): visits, the programme, outings, orientations and
referrals are made there, every week is exported, encrypted to this coordination and
signed with the cabane's own key, then imported and checked like any file. Nothing is
faked at the coordination's end.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from desktop import __version__
from desktop.folder.database import make_engine, sqlite_url
from desktop.folder.desk import OpenDesk
from desktop.folder.secrets import new_key
from models import catalogues
from models.demo import generate_visits
from models.demo_activity import generate_activity
from models.desk.sites import SiteInfo, current_site, set_coordination_recipients
from models.exchange.coordination import CoordinationStore
from models.exchange.exporter import WeeklyExporter
from models.exchange.week_store import ImportOutcome
from models.figures.calendar import iso_monday
from models.orientations.partners import PartnerDirectory
from models.store.base import Base, paris_now
from models.store.entities import Site

MAX_SITES, MAX_WEEKS = 20, 520
VISITS_A_WEEK = 45


def _demo_sites(count: int) -> list[tuple[str, str, str]]:
    """(code, name, commune) of the catalogue's cabanes, then made-up ones."""
    known = [(s.code, s.name, s.commune) for s in catalogues.known_sites()]
    communes = sorted(catalogues.codes(catalogues.communes(), active_only=True))
    extra = [
        (f"demo{n}", f"Cabane de démonstration n° {n}", communes[n % len(communes)])
        for n in range(len(known) + 1, count + 1)
    ]
    return (known + extra)[:count]


@contextmanager
def scratch_cabane(
    folder: Path, code: str, name: str, commune: str
) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(sqlite_url(folder / f"{code}.db"), new_key())
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory.begin() as session:
        session.add(
            Site(
                code=code,
                name=name,
                commune=commune,
                format="modulaire",
                address="",
                opening_hours="",
                settings={},
                created_at=datetime(2015, 1, 5, tzinfo=UTC),
            )
        )
    PartnerDirectory(factory).seed()
    try:
        yield factory
    finally:
        engine.dispose()


def fill(
    desk: OpenDesk,
    public: str,
    identities: list[str],
    sites: int,
    weeks: int,
    into: CoordinationStore | None = None,
) -> list[ImportOutcome]:
    """Make ``sites`` cabanes' last ``weeks`` weeks and import their files ``into`` the
    store (this folder's by default)."""
    today = paris_now().date()
    last_sunday = today - timedelta(days=today.isoweekday())
    first_monday = last_sunday - timedelta(days=7 * weeks - 1)
    store = into or CoordinationStore(desk.factory)
    outcomes: list[ImportOutcome] = []
    with tempfile.TemporaryDirectory(prefix="cabane-demo-") as scratch:
        work = Path(scratch)
        for number, (code, name, commune) in enumerate(_demo_sites(sites)):
            with scratch_cabane(work, code, name, commune) as factory:
                site = current_site(factory)
                assert site is not None
                days = 7 * weeks
                generate_visits(
                    factory, site.id, commune, VISITS_A_WEEK * weeks,
                    end=last_sunday, days=days, seed=300 + number,
                )  # fmt: skip
                generate_activity(
                    factory, site.id, commune, end=last_sunday, days=days, seed=300 + number
                )
                site = set_coordination_recipients(factory, site.id, (public,), None)
                files = _export_weeks(factory, site, first_monday, weeks, work / code)
            outcomes += store.import_paths(files, identities, lambda *_: True)
    return outcomes


def _export_weeks(
    factory: sessionmaker[Session], site: SiteInfo, first: date, weeks: int, out: Path
) -> list[Path]:
    out.mkdir()
    exporter = WeeklyExporter(factory, site, __version__)
    paths = []
    for offset in range(weeks):
        year, week, _ = (first + timedelta(weeks=offset)).isocalendar()
        assert iso_monday(year, week) == first + timedelta(weeks=offset)
        paths.append(exporter.export(year, week, out, site.coordination_recipients).path)
    return paths


def run(
    args: argparse.Namespace,
    desk: OpenDesk,
    public: str,
    identities: list[str],
    into: CoordinationStore | None = None,
) -> int:
    from desktop.command_folder import print_error
    from models.figures.french import counted

    if not 1 <= args.sites <= MAX_SITES or not 1 <= args.weeks <= MAX_WEEKS:
        print_error(f"--sites va de 1 à {MAX_SITES} et --weeks de 1 à {MAX_WEEKS}.")
        return 2
    outcomes = fill(desk, public, identities, args.sites, args.weeks, into)
    refused = [o for o in outcomes if o.status == "refused"]
    print(
        f"{counted(args.sites, 'cabane')} de démonstration, "
        f"{counted(len(outcomes) - len(refused), 'fichier hebdomadaire importé')} "
        f"({counted(len(refused), 'refusé')})."
    )
    return 1 if refused else 0
