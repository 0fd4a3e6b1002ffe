"""Who may do what in a shared PostgreSQL store of the coordination (issue 17).

Two group roles, given to people's own logins by IT (``GRANT cabane_import TO …``):
``cabane_import`` imports weekly files and withdraws weeks, ``cabane_lecture`` reads
(reports, the data team's views, BI tools). A cabane's staff may be given read access to
their own cabane's rows only: a row of ``coord_site_readers`` (login → cabane code) and
the group ``cabane_site``. Row-level security is enabled and forced on every table that
holds a cabane's rows, so that it holds for the tables' owner too: the owner and both
groups see every cabane, ``cabane_site`` members their own. The views read as the person
asking (``security_invoker``), so they show a cabane's staff their rows only too.

``secure`` is run once by IT with an account allowed to create roles
(``cabane coordination --database … secure``); running them again changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, bindparam, text

IMPORTER, READER, SITE_READER = "cabane_import", "cabane_lecture", "cabane_site"
# tables with a cabane's rows (site_code), and the others the importer writes
SITE_TABLES = (
    "imported_weeks",
    "coord_visits",
    "coord_orientations",
    "coord_referrals",
    "coord_sessions",
    "coord_outings",
    "coord_survey_counts",
    "coord_block_figures",
)
IMPORT_TABLES = (*SITE_TABLES, "audit_events", "app_settings")  # keys: app_settings
# the data team's views (migration 0014; tests/test_postgres.py checks the names)
VIEWS = (
    "vue_passages_par_semaine",
    "vue_passages_par_commune",
    "vue_passages_par_canal",
    "vue_orientations_pmi",
    "vue_orientations_partenaires",
    "vue_seances",
    "vue_aller_vers",
)


def secure(connection: Connection) -> None:
    """Make the roles, grants and forced row-level security, in the caller's transaction
    (idempotent)."""
    quote = connection.dialect.identifier_preparer.quote
    found = connection.execute(
        text(
            "SELECT tablename, tableowner FROM pg_tables "
            "WHERE schemaname = current_schema() AND tablename IN :tables"
        ).bindparams(bindparam("tables", expanding=True)),
        {"tables": list(SITE_TABLES)},
    )
    owners = {str(table): str(owner) for table, owner in found}
    for statement in secure_statements(owners, quote):
        connection.execute(text(statement))


def secure_statements(owners: dict[str, str], quote: Callable[[str], str]) -> list[str]:
    """The SQL of ``secure``; ``owners``: each table's owner (who migrates it)."""
    statements = [
        f"""DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                CREATE ROLE {role} NOLOGIN;
            END IF;
        END $$"""
        for role in (IMPORTER, READER, SITE_READER)
    ]
    readable = ", ".join((*SITE_TABLES, *VIEWS))
    statements += [
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(IMPORT_TABLES)} TO {IMPORTER}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {IMPORTER}",
        f"GRANT SELECT ON {readable} TO {READER}, {SITE_READER}",
        f"GRANT SELECT ON coord_site_readers TO {READER}, {IMPORTER}, {SITE_READER}",
    ]
    for table in SITE_TABLES:
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",  # its owner too
            f"DROP POLICY IF EXISTS coordination ON {table}",
            f"DROP POLICY IF EXISTS own_cabane ON {table}",
            # the owner (who migrates) and both coordination groups: every cabane
            f"CREATE POLICY coordination ON {table} FOR ALL "
            f"TO {quote(owners[table])}, {IMPORTER}, {READER} USING (true) WITH CHECK (true)",
            f"CREATE POLICY own_cabane ON {table} FOR SELECT TO {SITE_READER} "
            "USING (site_code IN (SELECT site_code FROM coord_site_readers "
            "WHERE login = current_user))",
        ]
    statements += [f"ALTER VIEW {view} SET (security_invoker = true)" for view in VIEWS]
    return statements
