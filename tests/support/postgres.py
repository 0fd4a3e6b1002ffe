"""A throwaway PostgreSQL cluster for the tests (issue 17).

``initdb`` in a temporary folder, the server started on a Unix socket of its own (no TCP
port, nothing shared with a server of the machine), a fresh database for each test,
stopped and deleted at the end of the session. As root (CI), the server runs as the
``postgres`` system user, as PostgreSQL requires. Where no server is installed (a
developer's laptop) the tests that need it are skipped and say why — never in CI, where
``CABANE_REQUIRE_POSTGRES=1`` (set by ``.ci/run``) turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

_NEXT = count(1)


def server_bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: from pg_config, else Debian's layout."""
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        folder = Path(found.stdout.strip())
        if (folder / "initdb").exists():
            return folder
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return candidates[0].parent if candidates else None


class Cluster:
    def __init__(self, bindir: Path, durable: bool = False) -> None:
        """``durable``: writes flushed to disk as a real server's (benchmarks); tests
        run without (``-F``)."""
        self.bindir = bindir
        self.durable = durable
        self.base = Path(tempfile.mkdtemp(prefix="cabane-pg-"))
        self.data, self.socket = self.base / "data", self.base / "socket"
        self.socket.mkdir()
        self._as: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            shutil.chown(self.base, "postgres")
            shutil.chown(self.socket, "postgres")
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        done = subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]}: {done.stderr.strip()[-500:]}")

    def start(self) -> None:
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "cabane",
            "-A", "trust", "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync",
        )  # fmt: skip
        options = f"-k {self.socket} -c listen_addresses=''" + ("" if self.durable else " -F")
        log = self.base / "server.log"
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(log), "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://cabane@/{database}?host={self.socket}"

    def new_database(self) -> str:
        """A fresh, empty database; its SQLAlchemy URL."""
        import psycopg

        name = f"cabane_test_{next(_NEXT)}"
        with psycopg.connect(host=str(self.socket), user="cabane", dbname="postgres") as conn:
            conn.autocommit = True
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    required = os.environ.get("CABANE_REQUIRE_POSTGRES") == "1"
    bindir = server_bin()
    reason = ""
    if bindir is None:
        reason = "PostgreSQL n'est pas installé ici (initdb introuvable)"
    else:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            reason = "le pilote psycopg n'est pas installé (make install)"
    if reason:
        if required:
            pytest.fail(f"PostgreSQL est exigé ici (CABANE_REQUIRE_POSTGRES=1) : {reason}")
        pytest.skip(reason)
    assert bindir is not None
    cluster = Cluster(bindir)
    try:
        cluster.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        shutil.rmtree(cluster.base, ignore_errors=True)
        if required:
            pytest.fail(f"le serveur PostgreSQL de test n'a pas démarré : {error}")
        pytest.skip(f"le serveur PostgreSQL de test n'a pas démarré : {error}")
    yield cluster
    cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster: Cluster) -> str:
    """The URL of a fresh database of the session's throwaway cluster."""
    return postgres_cluster.new_database()


ENGINES = ["sqlcipher", "postgresql"]  # a fixture's params: the coordination's test on both


@contextmanager
def coordination_factory(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[sessionmaker[Session]]:
    """Sessions on a fresh coordination store: this test's folder (SQLCipher), or a fresh
    database of the throwaway cluster (``request.param``)."""
    if request.param == "sqlcipher":
        from desktop.folder.desk import set_up_coordination
        from desktop.folder.secrets import open_keychain

        folder = tmp_path / "coordination"
        folder.mkdir(parents=True)
        desk = set_up_coordination(folder, open_keychain())
        try:
            yield desk.factory
        finally:
            desk.close()
        return
    from desktop.folder.database import make_engine
    from models.store import schema

    engine = make_engine(request.getfixturevalue("postgres_url"))
    try:
        schema.upgrade(engine)
        yield sessionmaker(engine, expire_on_commit=False)
    finally:
        engine.dispose()
