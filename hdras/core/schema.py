"""Every table of the database, declared once: the DDL, the loaders and the tests read it from here.

Plan tables are rebuilt from data/ whenever the curated files change; progress tables hold what users
upload and are never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

GOAL_CODES = ("M1", "M2", "M2-caudal", "M3", "M4", "M4.1", "M4.2", "M5", "M6")
GOAL_UNITS = ("%", "m3/s", "EPS")
GOAL_KINDS = ("level", "increment")
TERMS = ("C", "M", "L")
ACTIVITY_STATES = ("No iniciada", "En proceso", "Completada", "Reprogramada")
BATCH_STATES = ("active", "rolled_back")

# The version of this declaration, recorded in hdras_meta (key 'schema_version') of every database.
# Raise it with a step in hdras.core.migrations whenever a table or column changes; the plan
# fingerprint includes it, so the plan tables are rebuilt too.
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool = True
    allowed: tuple[str, ...] | None = None
    doc: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    kind: str  # "plan" (rebuilt from data/) or "progress" (user data, kept)
    source: str | None = None  # CSV file in data/ for plan tables
    doc: str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def ddl(self) -> str:
        cols = []
        for c in self.columns:
            parts = [c.name, c.type]
            if not c.nullable:
                parts.append("NOT NULL")
            if c.allowed:
                values = ", ".join("'" + v.replace("'", "''") + "'" for v in c.allowed)
                parts.append(f"CHECK ({c.name} IS NULL OR {c.name} IN ({values}))")
            cols.append(" ".join(parts))
        cols.append(f"PRIMARY KEY ({', '.join(self.key)})")
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n  " + ",\n  ".join(cols) + "\n)"


def _c(name, type_, nullable=True, allowed=None, doc=""):
    return Column(name, type_, nullable, allowed, doc)


PLAN_TABLES: tuple[Table, ...] = (
    Table("objectives", (
        _c("code", "VARCHAR", False), _c("title", "VARCHAR", False),
    ), ("code",), "plan", "objectives.csv"),
    Table("action_lines", (
        _c("code", "VARCHAR", False), _c("objective_code", "VARCHAR", False),
        _c("title", "VARCHAR", False),
    ), ("code",), "plan", "action_lines.csv"),
    Table("actions", (
        _c("code", "VARCHAR", False), _c("line_code", "VARCHAR", False),
        _c("title", "VARCHAR", False),
        _c("milestone", "VARCHAR"), _c("responsible", "VARCHAR"), _c("participants", "VARCHAR"),
        _c("objective_text", "VARCHAR", doc="'Objetivo y Actividades de la Acción' paragraph"),
        _c("targets_text", "VARCHAR", doc="section 1 'Meta de las actividades', verbatim"),
        _c("notes", "VARCHAR", doc="how unclear text was read"),
        _c("term", "VARCHAR", allowed=TERMS, doc="derived from the schedule (design §2)"),
        _c("term_derived", "BOOLEAN", doc="always true: the PDF's C/M/L highlight was lost"),
    ), ("code",), "plan", "actions.csv"),
    Table("activities", (
        _c("code", "VARCHAR", False), _c("action_code", "VARCHAR", False),
        _c("title", "VARCHAR", False),
        _c("responsible", "VARCHAR"), _c("participants", "VARCHAR"),
        _c("notes", "VARCHAR", doc="how unclear text was read"),
        _c("funding_source", "VARCHAR", doc="section 2.2, merged from activity_funding.csv"),
        _c("responsible_s22", "VARCHAR", doc="section 2.2 responsible (underlined)"),
        _c("participants_s22", "VARCHAR", doc="section 2.2 participating entities"),
    ), ("code",), "plan", "activities.csv"),
    Table("indicators", (
        _c("code", "VARCHAR", False), _c("activity_code", "VARCHAR", False),
        _c("text", "VARCHAR", False), _c("roadmap_indicator", "BOOLEAN", False),
        _c("code_as_written", "VARCHAR", False,
           doc="the code as section 1 prints it; differs from `code` only where the plan's typo "
               "would collide with another indicator's code"),
        _c("notes", "VARCHAR"),
    ), ("code",), "plan", "indicators.csv"),
    Table("indicators_s22", (
        _c("activity_code", "VARCHAR", False), _c("seq", "INTEGER", False),
        _c("code", "VARCHAR"), _c("text", "VARCHAR", False),
    ), ("activity_code", "seq"), "plan", "indicators_s22.csv"),
    Table("title_variants", (
        _c("code", "VARCHAR", False), _c("section", "VARCHAR", False, ("2.1", "2.2", "2.3")),
        _c("title", "VARCHAR", False),
    ), ("code", "section"), "plan", "title_variants.csv"),
    Table("activity_schedule", (
        _c("activity_code", "VARCHAR", False),
        _c("period", "VARCHAR", False, ("2025-I", "2025-II", "2026", "2027", "2028", "2029", "2030")),
    ), ("activity_code", "period"), "plan", "activity_schedule.csv"),
    Table("activity_targets", (
        _c("activity_code", "VARCHAR", False), _c("year", "INTEGER", False),
        _c("target", "DOUBLE"), _c("target_text", "VARCHAR", False),
        _c("source_text", "VARCHAR", doc="the original line, e.g. '2026 en adelante: 02 …'"),
    ), ("activity_code", "year"), "plan", "activity_targets.csv"),
    Table("semester_targets", (
        _c("activity_code", "VARCHAR", False),
        _c("semester", "VARCHAR", False, ("I", "II")),
        _c("target", "DOUBLE"), _c("target_text", "VARCHAR", False),
    ), ("activity_code", "semester"), "plan", "semester_targets.csv"),
    Table("goals", (
        _c("code", "VARCHAR", False, GOAL_CODES), _c("title", "VARCHAR", False),
        _c("short_title", "VARCHAR", False),
        _c("unit", "VARCHAR", False, GOAL_UNITS), _c("kind", "VARCHAR", False, GOAL_KINDS),
        _c("parent_code", "VARCHAR"), _c("direction", "VARCHAR", False, ("up", "down")),
        _c("footnote", "VARCHAR"), _c("sort_order", "INTEGER", False),
    ), ("code",), "plan", "goals.csv"),
    Table("goal_targets", (
        _c("goal_code", "VARCHAR", False), _c("year", "INTEGER", False),
        _c("value", "DOUBLE"), _c("value_text", "VARCHAR", False),
    ), ("goal_code", "year"), "plan", "goal_targets.csv"),
)

# Columns of a plan table that come from another CSV (merged by key when the plan is loaded).
SUPPLEMENTS = {
    "activities": ("activity_funding.csv", "activity_code",
                   ("funding_source", "responsible_s22", "participants_s22")),
}
# Columns computed by the loader, not read from data/.
DERIVED_COLUMNS = {"actions": ("term", "term_derived")}

PROGRESS_TABLES: tuple[Table, ...] = (
    Table("import_batches", (
        _c("batch_id", "INTEGER", False), _c("imported_at", "TIMESTAMP", False),
        _c("filename", "VARCHAR", False), _c("sha256", "VARCHAR", False),
        _c("imported_by", "VARCHAR", False),
        _c("status", "VARCHAR", False, BATCH_STATES),
        _c("rows_goals", "INTEGER"), _c("rows_activities", "INTEGER"),
        _c("rolled_back_at", "TIMESTAMP"), _c("rolled_back_by", "VARCHAR"),
        _c("is_demo", "BOOLEAN", doc="fictitious demo data, labelled 'ficticio' everywhere"),
    ), ("batch_id",), "progress"),
    Table("goal_actuals", (
        _c("goal_code", "VARCHAR", False), _c("year", "INTEGER", False),
        _c("batch_id", "INTEGER", False), _c("value", "DOUBLE", False), _c("source", "VARCHAR"),
    ), ("goal_code", "year", "batch_id"), "progress"),
    Table("activity_progress", (
        _c("activity_code", "VARCHAR", False), _c("year", "INTEGER", False),
        _c("batch_id", "INTEGER", False),
        _c("status", "VARCHAR", False, ACTIVITY_STATES),
        _c("achieved", "DOUBLE"), _c("evidence", "VARCHAR"), _c("comment", "VARCHAR"),
    ), ("activity_code", "year", "batch_id"), "progress"),
    Table("scenarios", (
        _c("name", "VARCHAR", False), _c("params_json", "VARCHAR", False),
        _c("saved_at", "TIMESTAMP", False), _c("saved_by", "VARCHAR", False),
    ), ("name",), "progress"),
)

META_TABLE = Table("hdras_meta", (
    _c("key", "VARCHAR", False), _c("value", "VARCHAR"),
), ("key",), "meta")

ALL_TABLES = PLAN_TABLES + PROGRESS_TABLES + (META_TABLE,)

VIEWS = {
    # The plan's hierarchy, one row per activity: objective → line → action → activity.
    "activity_hierarchy": """
        SELECT o.code AS objective_code, o.title AS objective_title,
               l.code AS line_code, l.title AS line_title,
               a.code AS action_code, a.title AS action_title, a.term, a.milestone,
               a.responsible AS action_responsible,
               t.code, t.title, t.responsible, t.participants, t.funding_source
        FROM activities t
        JOIN actions a ON a.code = t.action_code
        JOIN action_lines l ON l.code = a.line_code
        JOIN objectives o ON o.code = l.objective_code""",
    # The years each activity is scheduled in (2025-I and 2025-II are 2025), with their periods.
    "activity_years": """
        SELECT activity_code, CAST(left(period, 4) AS INTEGER) AS year,
               list(period ORDER BY period) AS periods
        FROM activity_schedule GROUP BY ALL""",
    "current_goal_actuals": """
        SELECT goal_code, year, value, source, batch_id, imported_at, is_demo FROM (
          SELECT a.*, b.imported_at, coalesce(b.is_demo, false) AS is_demo,
                 row_number() OVER (PARTITION BY a.goal_code, a.year
                                    ORDER BY a.batch_id DESC) AS rn
          FROM goal_actuals a JOIN import_batches b USING (batch_id)
          WHERE b.status = 'active') WHERE rn = 1""",
    "current_activity_progress": """
        SELECT activity_code, year, status, achieved, evidence, comment, batch_id, imported_at,
               is_demo FROM (
          SELECT p.*, b.imported_at, coalesce(b.is_demo, false) AS is_demo,
                 row_number() OVER (PARTITION BY p.activity_code, p.year
                                    ORDER BY p.batch_id DESC) AS rn
          FROM activity_progress p JOIN import_batches b USING (batch_id)
          WHERE b.status = 'active') WHERE rn = 1""",
}


def view_ddl(name: str) -> str:
    return f"CREATE OR REPLACE VIEW {name} AS {VIEWS[name]}"
