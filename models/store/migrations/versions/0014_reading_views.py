"""Read-only views with stable French names, for the data team's own tools (Excel, Power
BI, Metabase) on the coordination's store, SQLCipher or PostgreSQL (issue 17)

Counts by cabane and ISO week, from the rows every imported week keeps: never a
family_ref, a session's id or anything finer than a cabane, a week and a code. Their
names and columns are a contract with the data team (README): a later migration may add
a view or a column, never rename one. A later migration that rebuilds one of the tables
they read (batch mode on SQLite) drops these views first and creates them again.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_WEEK = (
    "w.site_code AS cabane, w.site_name AS nom_cabane, w.iso_year AS annee, w.iso_week AS semaine"
)
_GROUP_WEEK = "w.site_code, w.site_name, w.iso_year, w.iso_week"

VIEWS = {
    "vue_passages_par_semaine": f"""
        SELECT {_WEEK},
            COUNT(*) AS passages,
            SUM(v.mothers) AS meres, SUM(v.fathers) AS peres,
            SUM(v.other_adults) AS autres_adultes, SUM(v.professionals) AS professionnels,
            SUM(v.pregnant) AS femmes_enceintes,
            SUM(v.children_0_5m) AS enfants_0_5_mois,
            SUM(v.children_6_11m) AS enfants_6_11_mois,
            SUM(v.children_12_23m) AS enfants_12_23_mois,
            SUM(v.children_24_35m) AS enfants_24_35_mois,
            SUM(v.children_3_5y) AS enfants_3_5_ans,
            SUM(v.children_6y_plus) AS enfants_6_ans_et_plus,
            SUM(CASE WHEN v.first_visit = 'yes' THEN 1 ELSE 0 END) AS premieres_venues,
            SUM(CASE WHEN v.known_to_pmi = 'no' THEN 1 ELSE 0 END) AS pas_connues_pmi,
            SUM(CASE WHEN v.interpreter_needed THEN 1 ELSE 0 END) AS besoins_interprete
        FROM imported_weeks w JOIN coord_visits v ON v.week_id = w.id
        GROUP BY {_GROUP_WEEK}""",
    "vue_passages_par_commune": f"""
        SELECT {_WEEK}, v.commune AS commune, COUNT(*) AS passages
        FROM imported_weeks w JOIN coord_visits v ON v.week_id = w.id
        GROUP BY {_GROUP_WEEK}, v.commune""",
    "vue_passages_par_canal": f"""
        SELECT {_WEEK}, v.heard_via AS canal, COUNT(*) AS passages
        FROM imported_weeks w JOIN coord_visits v ON v.week_id = w.id
        GROUP BY {_GROUP_WEEK}, v.heard_via""",
    "vue_orientations_pmi": f"""
        SELECT {_WEEK}, o.service AS service_pmi, o.status AS suite, COUNT(*) AS orientations
        FROM imported_weeks w JOIN coord_orientations o ON o.week_id = w.id
        GROUP BY {_GROUP_WEEK}, o.service, o.status""",
    "vue_orientations_partenaires": f"""
        SELECT {_WEEK}, r.partner_type AS type_partenaire, r.theme AS theme,
            r.status AS suite, COUNT(*) AS orientations
        FROM imported_weeks w JOIN coord_referrals r ON r.week_id = w.id
        GROUP BY {_GROUP_WEEK}, r.partner_type, r.theme, r.status""",
    "vue_seances": f"""
        SELECT {_WEEK}, s.activity AS activite, s.status AS etat,
            COUNT(*) AS seances, SUM(s.minutes) AS minutes,
            SUM(s.adults) AS adultes, SUM(s.children) AS enfants,
            SUM(s.salaried) AS animateurs_salaries, SUM(s.volunteers) AS animateurs_benevoles,
            SUM(s.partner_staff) AS animateurs_partenaires
        FROM imported_weeks w JOIN coord_sessions s ON s.week_id = w.id
        GROUP BY {_GROUP_WEEK}, s.activity, s.status""",
    "vue_aller_vers": f"""
        SELECT {_WEEK}, COUNT(*) AS sorties, SUM(o.minutes) AS minutes,
            SUM(o.adults) AS adultes, SUM(o.children) AS enfants,
            SUM(o.pregnant) AS femmes_enceintes, SUM(o.flyers) AS flyers,
            SUM(o.conversations) AS echanges, SUM(o.orientations) AS orientations
        FROM imported_weeks w JOIN coord_outings o ON o.week_id = w.id
        GROUP BY {_GROUP_WEEK}""",
}


def upgrade() -> None:
    for name, query in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {query}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
