"""Upgrading and removing the package keep a cabane's data.

Builds version N+1 of Cabane from a copy of this tree with one more migration, installs
it over the installed version N (dpkg, as IT's tools do), starts it, and finds every
visit, the new schema, and the automatic backup made before migrating. Then removes the
package and finds the data folder untouched. Needs root (dpkg) and takes a few minutes.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.installed.conftest import PASSPHRASE, ROOT, Installed, __version__, installed_version

pytestmark = pytest.mark.installed

PROBE_REVISION = "upgrade_probe"
PROBE_MIGRATION = '''"""A migration that only the upgrade test's version N+1 carries

Revision ID: {revision}
Revises: {down}
"""

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("upgrade_probe", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("upgrade_probe")
'''


def next_version(version: str) -> str:
    parts = version.split(".")
    return ".".join([*parts[:-1], str(int(parts[-1]) + 1)])


def dpkg(*args: str) -> None:
    result = subprocess.run(["dpkg", *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def source_copy(target: Path) -> Path:
    """The files of this tree git knows (committed or not), without build products."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(source.read_bytes())
    return target


def build_next(work: Path) -> tuple[str, Path]:
    """Version N+1 with one more migration, as a .deb built by `make dist`'s own script."""
    tree = source_copy(work / "source")
    version = next_version(__version__)
    init = tree / "desktop" / "__init__.py"
    init.write_text(init.read_text().replace(f'"{__version__}"', f'"{version}"'))
    migrations = tree / "models" / "store" / "migrations"
    head = re.search(r'HEAD_REVISION = "([^"]+)"', (migrations / "__init__.py").read_text())
    assert head is not None
    (migrations / "versions" / "9999_upgrade_probe.py").write_text(
        PROBE_MIGRATION.format(revision=PROBE_REVISION, down=head.group(1))
    )
    marker = migrations / "__init__.py"
    marker.write_text(
        marker.read_text().replace(head.group(0), f'HEAD_REVISION = "{PROBE_REVISION}"')
    )
    dist = work / "dist"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "installer/build.py", "--fast", "--dist", str(dist)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    debs = list(dist.glob(f"cabane_{version}_*.deb"))
    assert len(debs) == 1, list(dist.iterdir())
    return version, debs[0]


def database_facts(folder: Path) -> dict[str, object]:
    """Visits, schema revision and tables, read with this checkout's engine factory."""
    from desktop.folder.database import make_engine, sqlite_url
    from desktop.folder.secrets import load_config, passphrase_key

    config = load_config(folder)
    assert config is not None
    engine = make_engine(
        sqlite_url(folder / "cabane.db"), passphrase_key(PASSPHRASE, config.passphrase_salt)
    )
    try:
        with engine.connect() as connection:
            visits = connection.execute(text("SELECT id FROM visits ORDER BY id")).scalars()
            digest = hashlib.sha256("\n".join(visits).encode()).hexdigest()
            return {
                "visits": connection.execute(text("SELECT count(*) FROM visits")).scalar(),
                "visit_ids": digest,
                "revision": connection.execute(
                    text("SELECT version_num FROM alembic_version")
                ).scalar(),
                "tables": set(
                    connection.execute(
                        text("SELECT name FROM sqlite_master WHERE type = 'table'")
                    ).scalars()
                ),
            }
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def current_deb() -> Iterator[Path]:
    """The .deb of version N from `make dist`; reinstalled at the end, whatever happened."""
    debs = sorted((ROOT / "dist").glob(f"cabane_{__version__}_*.deb"))
    if not debs or installed_version() != __version__:
        pytest.fail("installez d'abord le paquet de cette version (make dist, apt-get install).")
    if os.geteuid() != 0:
        pytest.fail("ce test installe des paquets : lancez-le en root (dpkg).")
    yield debs[0]
    dpkg("-i", str(debs[0]))


def test_upgrade_keeps_every_visit_and_uninstall_keeps_the_data(
    installed: Installed, current_deb: Path, tmp_path: Path
) -> None:
    setup = installed.run("setup", "--site", "courneuve", "--staff", "Inès")
    assert setup.returncode == 0, setup.stderr
    demo = installed.run("demo", "--visits", "1500", "--days", "120")
    assert demo.returncode == 0, demo.stderr
    before = database_facts(installed.data)
    assert before["visits"] == 1500

    version, deb = build_next(tmp_path)
    dpkg("-i", str(deb))
    assert installed_version() == version
    assert installed.run("--version").stdout.strip() == f"Cabane {version}"

    ready = installed.run("--exit-when-ready")  # the first start migrates
    assert ready.returncode == 0, ready.stderr
    after = database_facts(installed.data)
    assert after["revision"] == PROBE_REVISION
    assert "upgrade_probe" in after["tables"]  # type: ignore[operator]
    assert (after["visits"], after["visit_ids"]) == (before["visits"], before["visit_ids"])
    backups = list((installed.data / "backups").glob("cabane-*.db"))
    assert backups, "no backup before migrating"
    assert installed.run("self-test").returncode == 0

    kept = {
        path.relative_to(installed.data): path.read_bytes()
        for path in installed.data.rglob("*")
        if path.is_file() and "logs" not in path.parts
    }
    dpkg("-r", "cabane")
    assert installed_version() is None
    assert not Path("/usr/bin/cabane").exists()
    assert not Path("/opt/cabane").exists()
    for relative, content in kept.items():
        assert (installed.data / relative).read_bytes() == content, relative
