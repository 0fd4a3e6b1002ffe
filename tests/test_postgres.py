"""The coordination's store on PostgreSQL (issue 17): one set of models and migrations
serves SQLCipher and PostgreSQL. On a throwaway cluster (tests/support/postgres.py)."""

from __future__ import annotations

from sqlalchemy import text

from desktop.folder.database import make_engine
from models.store import schema
from models.store.base import Base
from models.store.migrations import HEAD_REVISION

pytest_plugins = ("tests.test_period_figures",)


def test_alembic_head_equals_the_models_on_postgresql(postgres_url: str) -> None:
    """The same migrations as on SQLCipher bring an empty PostgreSQL database to the
    models, with nothing left to migrate (the SQLCipher twin is in test_database)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import models.store.activity_entities
    import models.store.coordination_entities
    import models.store.survey_entities  # noqa: F401

    engine = make_engine(postgres_url)
    try:
        assert schema.upgrade(engine)
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert version.scalar() == HEAD_REVISION
        assert diff == []
        assert not schema.upgrade(engine)  # at head: nothing runs again
    finally:
        engine.dispose()


def test_the_same_files_give_the_same_figures_on_postgresql(
    files,  # type: ignore[no-untyped-def]
    coordination,
    postgres_url: str,
) -> None:
    """Imported into PostgreSQL and into SQLCipher, the same weekly files give the same
    outcomes and the same figures, whatever the period (quarters, weeks, edge days); a
    second import changes nothing."""
    from datetime import date

    from sqlalchemy.orm import sessionmaker

    from models.exchange.coordination import CoordinationStore
    from models.exchange.row_figures import ALL

    _desk, secret, paths = files
    engine = make_engine(postgres_url)
    try:
        schema.upgrade(engine)
        on_postgres = CoordinationStore(sessionmaker(engine, expire_on_commit=False))
        on_sqlcipher = CoordinationStore(coordination.factory)
        outcomes = [
            [(o.source, o.status) for o in store.import_paths(paths, [secret], lambda *_: True)]
            for store in (on_postgres, on_sqlcipher)
        ]
        assert outcomes[0] == outcomes[1] and {s for _, s in outcomes[0]} == {"imported"}
        again = on_postgres.import_paths(paths, [secret], lambda *_: True)
        assert {o.status for o in again} == {"unchanged"}
        for first, last in (
            (date(2025, 12, 22), date(2026, 2, 1)),
            (date(2025, 12, 24), date(2026, 1, 27)),
            (date(2026, 1, 1), date(2026, 12, 31)),
        ):
            mine, theirs = (s.figures(first, last, None) for s in (on_postgres, on_sqlcipher))
            assert mine[ALL].value("visits") > 0
            assert mine[ALL].totals == theirs[ALL].totals
            assert mine[ALL].groups == theirs[ALL].groups
            assert mine[ALL].families == theirs[ALL].families
        assert on_postgres.latest_day() == on_sqlcipher.latest_day()
        assert on_postgres.site_names() == on_sqlcipher.site_names()
    finally:
        engine.dispose()


def _views_agree_with_the_figures(store, engine) -> None:  # type: ignore[no-untyped-def]
    """The data team's views give the same counts as the coordination's figures."""
    from collections import Counter
    from datetime import date

    from models.exchange.row_figures import ALL

    figures = store.figures(date(2015, 1, 1), date(2035, 12, 31), None)[ALL]
    with engine.connect() as connection:

        def rows(sql: str) -> list:  # type: ignore[type-arg]
            return list(connection.execute(text(sql)))

        weeks = rows("SELECT passages, meres, premieres_venues FROM vue_passages_par_semaine")
        assert sum(r[0] for r in weeks) == figures.value("visits") > 0
        assert sum(r[1] for r in weeks) == figures.value("adults_by_role.mother")
        assert sum(r[2] for r in weeks) == figures.value("first_visits")
        communes: Counter[str] = Counter()
        for commune, count in rows("SELECT commune, passages FROM vue_passages_par_commune"):
            communes[commune] += count
        assert communes == figures.groups["visits_by_commune"]
        columns = rows("SELECT cabane, nom_cabane, annee, semaine FROM vue_aller_vers")
        assert all(len(row) == 4 for row in columns)  # the names are the contract


def test_the_data_teams_views_count_as_the_coordination_on_both_engines(
    files,  # type: ignore[no-untyped-def]
    coordination,
    postgres_url: str,
) -> None:
    """« vue_passages_par_semaine », « vue_passages_par_commune »…: read-only views with
    French names, the same on SQLCipher and PostgreSQL, agreeing with « Chiffres »."""
    from sqlalchemy.orm import sessionmaker

    from models.exchange.coordination import CoordinationStore

    _desk, secret, paths = files
    engine = make_engine(postgres_url)
    try:
        schema.upgrade(engine)
        for factory, bound in (
            (sessionmaker(engine), engine),
            (coordination.factory, coordination.engine),
        ):
            store = CoordinationStore(factory)
            store.import_paths(paths, [secret], lambda *_: True)
            _views_agree_with_the_figures(store, bound)
    finally:
        engine.dispose()


def test_two_coordinators_importing_at_once_never_lose_nor_double_a_week(
    files,  # type: ignore[no-untyped-def]
    coordination,
    postgres_url: str,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    """Two processes import overlapping batches into the same PostgreSQL store at the same
    instant, three times each, one of them carrying a higher revision of a week both have,
    each transaction held open a moment so that they surely meet: every week once, the
    highest revision kept, its rows neither lost nor doubled (the figures equal one
    import, alone, of the same final files)."""
    import json
    import os
    import subprocess
    import sys
    import time
    from datetime import date, datetime

    from sqlalchemy.orm import sessionmaker

    from models.desk.checkin import CheckInService, VisitDraft
    from models.exchange.coordination import CoordinationStore
    from models.exchange.exporter import WeeklyExporter
    from models.exchange.row_figures import ALL
    from models.store.base import PARIS
    from tests.conftest import ROOT

    desk, secret, paths = files
    CheckInService(desk.factory, desk.site.id).record(
        VisitDraft(arrived_at=datetime(2026, 1, 6, 10, tzinfo=PARIS), mothers=1), 1
    )
    (tmp_path / "again").mkdir()
    newer = (
        WeeklyExporter(desk.factory, desk.site, "0.1.0")
        .export(2026, 2, tmp_path / "again", desk.site.coordination_recipients)
        .path
    )
    engine = make_engine(postgres_url)
    try:
        schema.upgrade(engine)
        shared = CoordinationStore(sessionmaker(engine))
        shared.import_paths(paths[:1], [secret], lambda *_: True)  # the cabane trusted
        start_at = time.time() + 4  # both processes loaded by then
        batches = ([*paths[:4], newer], [*paths[2:], paths[2]])
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.support.import_worker",
                    postgres_url,
                    str(start_at),
                    "3",
                    secret,
                    *map(str, batch),
                ],
                cwd=ROOT,
                env={**os.environ, "HOLD": "0.3"},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for batch in batches
        ]
        results = [worker.communicate(timeout=120) for worker in workers]
        for worker, (out, err) in zip(workers, results, strict=True):
            assert worker.returncode == 0, err[-2000:]
            for line in out.splitlines():
                statuses = {status for _source, status, _code in json.loads(line)}
                assert statuses <= {"imported", "replaced", "unchanged", "refused"}
        weeks = shared.weeks()
        assert len(weeks) == 6  # every week once
        assert {(w.iso_year, w.iso_week): w.revision for w in weeks}[(2026, 2)] == 2
        alone = CoordinationStore(coordination.factory)
        alone.import_paths([*paths[:2], newer, *paths[3:]], [secret], lambda *_: True)
        first, last = date(2025, 12, 22), date(2026, 2, 1)
        both, single = (s.figures(first, last, None)[ALL] for s in (shared, alone))
        assert both.totals == single.totals and both.groups == single.groups
        assert both.value("visits") == sum(w.figure("visits") for w in weeks)
    finally:
        engine.dispose()


class _Keychain:
    def __init__(self, secrets: dict[str, str]) -> None:
        self.secrets = secrets

    def get(self, name: str) -> str | None:
        return self.secrets.get(name)


def test_a_shared_store_address_never_carries_a_password_and_goes_remote_over_tls() -> None:
    import pytest

    from desktop.folder.postgres_url import BadDatabaseUrl, checked_database

    for address, code in (
        ("postgresql://coord:secret@pg.seine-saint-denis.fr/cabane", "password_in_url"),
        ("mysql://coord@pg/cabane", "not_postgresql"),
        ("postgresql://coord@pg.seine-saint-denis.fr/cabane?sslmode=disable", "tls_required"),
        ("n'importe quoi", "unreadable"),
    ):
        with pytest.raises(BadDatabaseUrl) as refused:
            checked_database(address, None)
        assert refused.value.code == code, address
    remote = checked_database(
        "postgresql://coord@pg.seine-saint-denis.fr/cabane",
        _Keychain({"postgresql:coord@pg.seine-saint-denis.fr": "s3cret"}),
    )
    assert remote.url.query["sslmode"] == "require" and remote.password == "s3cret"
    assert "s3cret" not in str(remote.url) and "s3cret" not in remote.shown
    strict = checked_database("postgresql://coord@pg.example.org/c?sslmode=verify-full", None)
    assert strict.url.query["sslmode"] == "verify-full" and strict.password is None
    local = checked_database("postgresql://coord@/cabane?host=/run/postgresql", None)
    assert "sslmode" not in local.url.query  # a local socket needs no TLS


def test_a_coordination_folder_is_copied_into_postgresql_and_says_what(
    postgres_url: str,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    """« cabane coordination migrate-to »: everything of the folder's store in PostgreSQL
    (the same figures), said table by table in French; a second copy into the same base is
    refused and changes nothing."""
    from datetime import date

    from sqlalchemy.orm import sessionmaker

    from desktop.folder.desk import open_existing
    from desktop.folder.secrets import open_keychain
    from models.exchange.coordination import CoordinationStore
    from models.exchange.row_figures import ALL
    from tests.conftest import run_cabane

    folder = tmp_path / "coordination"
    made = run_cabane("coordination", "demo", "--sites", "2", "--weeks", "3", data_dir=folder)
    assert made.returncode == 0, made.stderr
    address = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    done = run_cabane("coordination", "migrate-to", address, data_dir=folder, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Espace de coordination copié dans" in done.stdout
    assert "6 semaines importées" in done.stdout and " passages" in done.stdout
    again = run_cabane("coordination", "migrate-to", address, data_dir=folder, timeout=120)
    assert again.returncode == 1 and "contient déjà des semaines importées" in again.stderr
    desk = open_existing(folder, open_keychain())
    engine = make_engine(postgres_url)
    try:
        here, there = CoordinationStore(desk.factory), CoordinationStore(sessionmaker(engine))
        first, last = date(2015, 1, 1), date(2035, 12, 31)
        mine, theirs = (s.figures(first, last, None)[ALL] for s in (here, there))
        assert mine.value("visits") > 0 and mine.totals == theirs.totals
        assert mine.groups == theirs.groups
        assert here.register.all() == there.register.all()  # the cabanes' keys came too
    finally:
        engine.dispose()
        desk.close()


def test_the_coordination_commands_work_on_a_shared_postgresql_store(
    postgres_url: str,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    """« cabane coordination --database … »: the demo's weekly files are imported into the
    shared store, the report reads them there, this folder's own store stays empty; an
    address with a password is refused in French and the password is logged nowhere."""
    from tests.conftest import run_cabane

    folder = tmp_path / "coordination"
    address = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    made = run_cabane(
        "coordination", "--database", address, "demo", "--sites", "2", "--weeks", "3",
        data_dir=folder, timeout=180,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "6 fichiers hebdomadaires importés" in made.stdout
    shared, local = tmp_path / "partagee.csv", tmp_path / "locale.csv"
    report = run_cabane(
        "coordination", "--database", address, "report", "--out", str(shared), data_dir=folder
    )
    assert report.returncode == 0, report.stderr
    assert len(shared.read_text(encoding="utf-8-sig").splitlines()) == 1 + 6  # header, weeks
    alone = run_cabane("coordination", "report", "--out", str(local), data_dir=folder)
    assert alone.returncode == 0, alone.stderr
    assert len(local.read_text(encoding="utf-8-sig").splitlines()) == 1  # nothing here
    secret = address.replace("cabane@", "cabane:motdepasse@")
    refused = run_cabane("coordination", "--database", secret, "report", "--out", str(local),
                         data_dir=folder)  # fmt: skip
    assert refused.returncode == 1 and "pas de mot de passe dans l'adresse" in refused.stderr
    logs = "".join(p.read_text(encoding="utf-8") for p in (folder / "logs").glob("*.log*"))
    assert "motdepasse" not in logs


def test_the_workspace_opens_on_the_shared_store_named_in_the_environment(
    postgres_url: str,
    coordination,  # type: ignore[no-untyped-def]
    files,  # type: ignore[no-untyped-def]
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """CABANE_COORDINATION_URL: the coordination window's services keep the weeks in the
    shared store; an unreachable one is refused with a French reason, not a crash."""
    import pytest

    from desktop.coordination_app import coordination_services
    from desktop.folder.secrets import open_keychain
    from desktop.folder.shared_store import COORDINATION_URL_ENV, SharedStoreRefused

    _desk, secret, paths = files
    monkeypatch.setenv(COORDINATION_URL_ENV, postgres_url)
    services = coordination_services(coordination, open_keychain())
    services.store.import_paths(paths, [secret], lambda *_: True)
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as connection:
            weeks = connection.execute(text("SELECT COUNT(*) FROM imported_weeks")).scalar()
        assert weeks == len(paths)
    finally:
        engine.dispose()
    gone = postgres_url.rsplit("?", 1)[0] + "?host=/nulle/part"
    monkeypatch.setenv(COORDINATION_URL_ENV, gone)
    with pytest.raises(SharedStoreRefused) as refused:
        coordination_services(coordination, open_keychain())
    assert "ne répond pas" in refused.value.message


def test_roles_and_forced_row_level_security_keep_each_cabane_to_its_rows(
    postgres_cluster,  # type: ignore[no-untyped-def]
    files,
) -> None:
    """« secure »: a reader reads every cabane and writes nothing, a cabane's staff read
    their cabane's rows only (tables and views), the tables' owner is under the same
    forced row-level security, and running it again changes nothing; an importer still
    imports under it (the rows go through a staging table: ``COPY`` refuses a table
    under row-level security)."""
    from datetime import date

    import psycopg
    import pytest
    from sqlalchemy.orm import sessionmaker

    from models.exchange.coordination import CoordinationStore
    from models.exchange.row_figures import ALL
    from models.exchange.shared_roles import VIEWS
    from models.exchange.signing import SiteKey
    from tests.conftest import run_cabane
    from tests.test_period_figures import visits_csv

    def connect(user: str, database: str = "rls_test") -> psycopg.Connection:  # type: ignore[type-arg]
        return psycopg.connect(
            host=str(postgres_cluster.socket), user=user, dbname=database, autocommit=True
        )

    with connect("cabane", "postgres") as admin:  # superusers bypass row-level security:
        admin.execute("CREATE ROLE proprietaire LOGIN CREATEDB")  # the owner is not one
        admin.execute("CREATE DATABASE rls_test OWNER proprietaire")
    owner = postgres_cluster.url("rls_test").replace("cabane@", "proprietaire@")
    superuser = postgres_cluster.url("rls_test")
    folder = postgres_cluster.base / "coordination"
    made = run_cabane(
        "coordination", "--database", owner.replace("+psycopg", ""), "demo",
        "--sites", "2", "--weeks", "2", data_dir=folder, timeout=180,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    for _ in range(2):  # the second time changes nothing
        done = run_cabane(
            "coordination", "--database", superuser.replace("+psycopg", ""), "secure",
            data_dir=folder,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "sécurité ligne par ligne forcée sur 8 tables" in done.stdout
    with connect("cabane") as admin:
        sites = sorted(r[0] for r in admin.execute("SELECT DISTINCT site_code FROM coord_visits"))
        assert len(sites) == 2
        views = {r[0] for r in admin.execute("SELECT table_name FROM information_schema.views")}
        assert set(VIEWS) <= views  # the names shared_roles knows are the migration's
        admin.execute("CREATE ROLE lecteur LOGIN IN ROLE cabane_lecture")
        admin.execute("CREATE ROLE equipe LOGIN IN ROLE cabane_site")
        admin.execute(
            "INSERT INTO coord_site_readers (login, site_code) VALUES ('equipe', %s)",
            (sites[0],),
        )
        forced = admin.execute(
            "SELECT relforcerowsecurity FROM pg_class WHERE relname = 'coord_visits'"
        ).fetchone()
        assert forced == (True,)
    with connect("equipe") as staff:
        seen = {r[0] for r in staff.execute("SELECT DISTINCT site_code FROM coord_visits")}
        assert seen == {sites[0]}
        in_view = {r[0] for r in staff.execute("SELECT cabane FROM vue_passages_par_semaine")}
        assert in_view == {sites[0]}
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            staff.execute("DELETE FROM coord_visits")
    with connect("lecteur") as reader:
        seen = {r[0] for r in reader.execute("SELECT DISTINCT site_code FROM coord_visits")}
        assert seen == set(sites)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reader.execute("UPDATE imported_weeks SET revision = 99")
    with connect("proprietaire") as owner_connection:
        seen = {r[0] for r in owner_connection.execute("SELECT site_code FROM coord_visits")}
        assert seen == set(sites)  # through its own policy: the security is forced on it
    with connect("cabane") as admin:
        admin.execute("CREATE ROLE importateur LOGIN IN ROLE cabane_import")
    _desk, secret, paths = files
    importer = make_engine(superuser.replace("cabane@", "importateur@"))
    try:
        store = CoordinationStore(sessionmaker(importer, expire_on_commit=False))
        refused = store.import_paths(paths, [secret], lambda *_: True)[0]
        assert refused.code == "untrusted_key"  # the demo has a « lilas » of its own
        store.register.trust(SiteKey("lilas", "Lilas", refused.signing_key), replace=True)
        outcomes = store.import_paths(paths, [secret], lambda *_: True)
        assert {o.status for o in outcomes} == {"imported"}
        first, last = date(2025, 12, 22), date(2026, 2, 1)
        assert store.figures(first, last, None)[ALL].value("visits") == sum(
            len(visits_csv(path, secret)) for path in paths
        )
    finally:
        importer.dispose()
