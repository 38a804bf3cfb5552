"""The curated plan in data/ against its structure and against the plan document.

Every expected value below was typed from the plan text (Plan de Implementación 2025 de la HdR-AS):
Tabla 1 (lines 16–26), section 1 (titles, responsible units, indicator codes), section 2.1 (the
schedule), section 2.2 (yearly targets, funding sources, its own indicator codes) and section 2.3
(2025 semester targets). They do not come from the CSV files, so a wrong edit of data/ fails here.
data/README.md explains how the text was read (decisions 1–9) and lists the plan's disagreements.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from hdras.plan import loader as plan

ROOT = Path(__file__).resolve().parents[2]
PERIODS = ("2025-I", "2025-II", "2026", "2027", "2028", "2029", "2030")
YEARS = range(2025, 2031)


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return plan.load_plan_frames(ROOT / "data")


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts, pandas missing values as None."""
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


# --------------------------------------------------------------------------------------------
# Structure: counts, codes, parents
# --------------------------------------------------------------------------------------------

CODE_PATTERNS = {
    "objectives": r"OE[1-5]",
    "action_lines": r"[1-5]\.[1-9]",
    "actions": r"[1-5]\.[1-9]\.[1-9]",
    "activities": r"[1-5]\.[1-9]\.[1-9]\.[1-9]",
    "indicators": r"I\.[1-5]\.[1-9]\.[1-9]\.[1-9][ab]?",
}


def test_counts(frames):
    assert len(frames["objectives"]) == 5
    assert len(frames["action_lines"]) == 14
    assert len(frames["actions"]) == 35
    assert len(frames["activities"]) == 92
    assert len(frames["indicators"]) == 90
    assert len(frames["goals"]) == 9
    assert len(frames["goal_targets"]) == 9 * 7


@pytest.mark.parametrize("table", sorted(CODE_PATTERNS))
def test_codes_unique_and_well_formed(frames, table):
    codes = frames[table]["code"]
    assert codes.notna().all()
    assert codes.is_unique, codes[codes.duplicated()].tolist()
    bad = [c for c in codes if not re.fullmatch(CODE_PATTERNS[table], c)]
    assert bad == []


def test_every_parent_exists(frames):
    objectives = set(frames["objectives"]["code"])
    lines = frames["action_lines"]
    assert set(lines["objective_code"]) <= objectives
    assert all(f"OE{c.split('.')[0]}" == oe for c, oe in zip(lines["code"], lines["objective_code"]))
    actions = frames["actions"]
    assert set(actions["line_code"]) <= set(lines["code"])
    assert all(c.rsplit(".", 1)[0] == p for c, p in zip(actions["code"], actions["line_code"]))
    activities = frames["activities"]
    assert set(activities["action_code"]) <= set(actions["code"])
    assert all(c.rsplit(".", 1)[0] == p
               for c, p in zip(activities["code"], activities["action_code"]))
    # every objective, line and action has children
    assert set(lines["objective_code"]) == objectives
    assert set(actions["line_code"]) == set(lines["code"])
    assert set(activities["action_code"]) == set(actions["code"])


def test_activity_tables_refer_to_existing_activities(frames):
    known = set(frames["activities"]["code"])
    for table in ("indicators", "indicators_s22", "activity_schedule", "activity_targets",
                  "semester_targets"):
        assert set(frames[table]["activity_code"]) <= known, table
    variants = frames["title_variants"]
    all_codes = (set(frames["objectives"]["code"]) | set(frames["action_lines"]["code"])
                 | set(frames["actions"]["code"]) | known)
    assert set(variants["code"]) <= all_codes
    # 2.1 and 2.3 repeat every title (5 + 14 + 35 + 92); 2.2 has no OE rows
    counts = variants.groupby("section")["code"].nunique().to_dict()
    assert counts == {"2.1": 146, "2.2": 141, "2.3": 146}


def test_indicator_code_matches_its_activity(frames):
    for row in _records(frames["indicators"]):
        prefix = "I." + row["activity_code"]
        assert row["code"].startswith(prefix), row["code"]
        assert row["code"][len(prefix):] in ("", "a", "b"), row["code"]
        # code_as_written differs only for the 4.1.3.2 indicator that the plan prints as
        # I.1.4.3.2 (the code of 1.4.3.2's indicator); see data/README.md, "Indicators".
        if row["code"] == "I.4.1.3.2":
            assert row["code_as_written"] == "I.1.4.3.2"
        else:
            assert row["code_as_written"] == row["code"]


def test_keys_unique(frames):
    assert not frames["activity_schedule"].duplicated(["activity_code", "period"]).any()
    assert not frames["activity_targets"].duplicated(["activity_code", "year"]).any()
    assert not frames["semester_targets"].duplicated(["activity_code", "semester"]).any()
    assert not frames["indicators_s22"].duplicated(["activity_code", "seq"]).any()
    assert not frames["title_variants"].duplicated(["code", "section"]).any()
    assert not frames["goal_targets"].duplicated(["goal_code", "year"]).any()


def test_every_activity_has_funding_and_responsible(frames):
    activities = frames["activities"]
    assert activities["funding_source"].notna().all()
    assert activities["responsible"].notna().all()
    sources = {s for v in activities["funding_source"] for s in v.split(", ")}
    assert sources == {"Recursos propios", "Cooperación internacional", "Empresa privada"}


# --------------------------------------------------------------------------------------------
# Schedule, targets, semesters
# --------------------------------------------------------------------------------------------

def test_schedule_periods_valid_and_every_activity_scheduled(frames):
    schedule = frames["activity_schedule"]
    assert set(schedule["period"]) <= set(PERIODS)
    assert len(schedule) == 229
    assert set(schedule["activity_code"]) == set(frames["activities"]["code"])


def test_targets_only_for_plan_years(frames):
    targets = frames["activity_targets"]
    assert set(targets["year"]) <= set(YEARS)
    assert len(targets) == 228
    assert targets["target_text"].notna().all()
    assert (targets["target"].dropna() >= 0).all()


_YEAR_PHRASE = re.compile(r"^(\d{4}(?:(?:, \d{4})* y \d{4})?(?: y)?(?: en adelante)?): (.+)$")


def _expand(phrase: str) -> list[int]:
    years = [int(y) for y in re.findall(r"\d{4}", phrase)]
    return list(range(years[0], 2031)) if "en adelante" in phrase else years


def test_targets_follow_their_source_statement(frames):
    """Each row's year is covered by the year phrase of its source statement, and each statement
    covers exactly the rows it expands to ("2026 en adelante" → 2026–2030, "2026 y 2027", …)."""
    rows = _records(frames["activity_targets"])
    covered: dict[tuple[str, str], set[int]] = {}
    for row in rows:
        statements = row["source_text"].split(" | ")
        texts = row["target_text"].split(" | ")
        assert len(statements) == len(texts)
        for statement, text in zip(statements, texts):
            match = _YEAR_PHRASE.match(statement)
            assert match, statement
            assert match.group(2) == text
            assert row["year"] in _expand(match.group(1)), (row["activity_code"], statement)
            covered.setdefault((row["activity_code"], statement), set()).add(row["year"])
        if len(statements) > 1:  # two statements for one year: no single number (decision 4)
            assert row["target"] is None
        else:
            lead = re.match(r"(\d+)", texts[0])
            expected = float(lead.group(1)) if lead else (1.0 if texts[0].startswith("Una ") else None)
            assert row["target"] == expected, (row["activity_code"], row["year"])
    for (code, statement), years in covered.items():
        assert years == set(_expand(_YEAR_PHRASE.match(statement).group(1))), (code, statement)


# The plan's one 2.3 target in a semester where 2.1 has no X: 1.1.3.2 (2.1 line 963 marks 2025-II,
# 2.3 line 1358 puts its target under SEMESTRE I). data/README.md, disagreement 91.
KNOWN_SEMESTER_EXCEPTIONS = {("1.1.3.2", "I")}


def test_semester_targets_only_where_scheduled(frames):
    marks = set(zip(frames["activity_schedule"]["activity_code"], frames["activity_schedule"]["period"]))
    semester = frames["semester_targets"]
    assert set(semester["semester"]) <= {"I", "II"}
    assert len(semester) == 37
    outside = {(code, sem) for code, sem in zip(semester["activity_code"], semester["semester"])
               if (code, f"2025-{sem}") not in marks}
    assert outside == KNOWN_SEMESTER_EXCEPTIONS


# --------------------------------------------------------------------------------------------
# Tabla 1
# --------------------------------------------------------------------------------------------

# (unit, kind, parent, [2024 baseline, 2025 … 2030]) as printed in Tabla 1, lines 18–26.
TABLA_1 = {
    "M1": ("%", "level", None, [12.1, 13.6, 14.2, 15.3, 16.4, 17.5, 20.0]),
    "M2": ("%", "level", None, [4.0, 7.0, 8.3, 10.5, 12.7, 14.8, 20.0]),
    "M2-caudal": ("m3/s", "level", "M2", [3.17, 5.5, 6.6, 8.3, 10.1, 11.8, 15.9]),
    "M3": ("%", "level", None, [0.0, 2.8, 4.1, 6.1, 8.1, 10.2, 15.0]),
    "M4": ("EPS", "level", None, [1, 3, 5, 7, 10, 12, 20]),
    "M4.1": ("EPS", "increment", "M4", [1, 0, 0, 0, 1, 1, 1]),
    "M4.2": ("EPS", "increment", "M4", [None, 2, 2, 2, 2, 1, 7]),  # baseline "nd"
    "M5": ("%", "level", None, [0.0, 0.0, 4.3, 20.3, 27.1, 33.9, 50.0]),
    "M6": ("EPS", "level", None, [37, 37, 38, 38, 39, 39, 40]),
}


def test_goal_definitions(frames):
    goals = {g["code"]: g for g in _records(frames["goals"])}
    assert set(goals) == set(TABLA_1)
    for code, (unit, kind, parent, _) in TABLA_1.items():
        assert (goals[code]["unit"], goals[code]["kind"], goals[code]["parent_code"]) == \
            (unit, kind, parent), code
    assert goals["M1"]["title"] == ("Las inversiones con enfoque de economía circular se incrementan "
                                    "en no menos del 20 % anual respecto del presupuesto del MVCS")
    assert goals["M4"]["title"] == "Hasta 20 prestadores generan electricidad de fuentes renovables."
    assert goals["M3"]["footnote"].startswith("¹ Se asume una meta de partida para el año 1: 2025 de 2.8 %")
    assert goals["M5"]["footnote"].startswith("² En el año 2025, se definirán los criterios")


@pytest.mark.parametrize("code", sorted(TABLA_1))
def test_goal_values_equal_tabla_1(frames, code):
    values = frames["goal_targets"]
    series = values[values["goal_code"] == code].set_index("year")["value"]
    got = [None if pd.isna(series.get(year)) else float(series.get(year)) for year in range(2024, 2031)]
    assert got == [None if v is None else float(v) for v in TABLA_1[code][3]]
    texts = values[values["goal_code"] == code].set_index("year")["value_text"]
    assert texts.notna().all() and len(texts) == 7


def test_meta_4_is_baseline_plus_cumulative_increments(frames):
    values = frames["goal_targets"].pivot(index="year", columns="goal_code", values="value")
    total = values.loc[2024, "M4"]
    assert total == 1
    for year in YEARS:
        total += values.loc[year, "M4.1"] + values.loc[year, "M4.2"]
        assert values.loc[year, "M4"] == total, year
    assert total == 20


# --------------------------------------------------------------------------------------------
# Roadmap indicators and the derived term
# --------------------------------------------------------------------------------------------

# Indicators with a "Formulado/Formulada en la Hoja de Ruta…" footnote (or an Ibid. to one):
# footnotes 5, 7, 8, 10, 14, 22, 25, 28, 29, 30, 31, 35, 36, 42. data/README.md, decision 2.
ROADMAP = {"I.1.1.3.1", "I.1.2.1.1", "I.1.2.1.2", "I.1.2.2.2", "I.1.4.1.2", "I.2.1.2.3",
           "I.2.2.1.1b", "I.3.1.2.1", "I.3.2.1.2", "I.3.2.2.2", "I.3.2.3.3", "I.4.3.1.4a",
           "I.4.3.1.4b", "I.5.2.2.2"}


def test_roadmap_indicators(frames):
    ind = frames["indicators"]
    assert set(ind.loc[ind["roadmap_indicator"].astype(bool), "code"]) == ROADMAP


def test_term_is_derived_and_labelled(frames, plan_con):
    actions = frames["actions"].set_index("code")
    assert actions["term_derived"].all()
    assert set(actions["term"]) <= {"C", "M", "L"}
    # latest X of the action: 2.2.2 → 2029 (L), 4.1.3 → 2028 (M), 1.2.2 → 2027 (M),
    # 3.1.1 → 2027 (M), 1.3.2 → 2027 (M), 1.1.1 → 2030 (L)
    expected = {"2.2.2": "L", "4.1.3": "M", "1.2.2": "M", "3.1.1": "M", "1.3.2": "M", "1.1.1": "L"}
    assert {c: actions.loc[c, "term"] for c in expected} == expected
    # the database built from data/ holds the same plan
    assert plan_con.execute("SELECT count(*) FROM activities").fetchone()[0] == 92
    assert plan_con.execute(
        "SELECT count(*) FROM actions WHERE term_derived AND term IN ('C','M','L')").fetchone()[0] == 35


# --------------------------------------------------------------------------------------------
# 29 activities, field by field, typed from the plan
# --------------------------------------------------------------------------------------------

def years(first: int, last: int, number: float | None, text: str) -> dict[int, tuple]:
    return {y: (number, text) for y in range(first, last + 1)}


def adelante(first: int, number: float | None, text: str) -> dict[int, tuple]:
    """'YYYY en adelante: …' — every year from YYYY to 2030."""
    return years(first, 2030, number, text)


RP = "Recursos propios"
RP_CI = "Recursos propios, Cooperación internacional"
RP_CI_EP = "Recursos propios, Cooperación internacional, Empresa privada"

T_2211 = ("01 taller de intercambio de experiencias sobre detección de fugas y reparación dando "
          "cuenta del avance de reducción de agua no facturada")
T_4324 = "03 casos de uso de energías renovables por año principalmente solar y eólica"

# title: section 1 bullet; responsible: section 1 (footnotes 15/17/21 applied, README decision 1);
# periods: section 2.1; targets: section 2.2 META ACTIVIDAD {year: (number, text)};
# funding: section 2.2 FUENTE; indicators: section 1 codes; s22_codes: codes as printed in 2.2;
# semesters: section 2.3 {semester: (number, text)}.
ACTIVITIES = [
    dict(code="1.1.1.2", action="1.1.1", title="Desarrollar las reuniones de la CECAS en la CNEC.",
         responsible="DGAA", periods=list(PERIODS),
         targets={2025: (4, "04 Reuniones de la CECAS")}, funding=RP,
         indicators=["I.1.1.1.2"], s22_codes=["1.1.1.1.2"],
         semesters={"I": (2, "02 Reuniones de la CECAS"), "II": (2, "02 Reuniones de la CECAS")}),
    dict(code="1.1.2.1", action="1.1.2", title="Elaborar el plan de trabajo anual de la CECAS.",
         responsible="DGAA", periods=["2025-I", "2026", "2027", "2028", "2029", "2030"],
         targets=adelante(2025, 1, "01 plan de trabajo anual"), funding=RP,
         indicators=["I.1.1.2.1"], s22_codes=["1.1.2.1"],
         semesters={"I": (1, "01 plan de trabajo anual")}),
    dict(code="1.1.3.2", action="1.1.3",
         title="Incorporar en el diseño de Sistema de Información en Agua y Saneamiento (SIAS) "
               "información relacionada con la Economía Circular (EC).",
         responsible="DGPRCS", periods=["2025-II", "2026"],
         targets={2025: (None, "Reunión para incorporar la EC en el SIAS")}, funding=RP,
         indicators=["I.1.1.3.2"], s22_codes=[],
         semesters={"I": (1, "01 reunión con el equipo del SIAS para precisar información de EC a "
                             "incluir")}),
    dict(code="1.1.3.4", action="1.1.3",
         title="Incorporar en la programación de actividades operativas del POI 2026 y en adelante, "
               "las actividades del Plan de Implementación 2026 al 2030 de la HdR-AS, por parte de la "
               "U.O. responsable.",
         responsible="DGPRCS", periods=["2025-II", "2026", "2027", "2028", "2029", "2030"],
         targets=adelante(2026, None, "POI 2026 incorpora el presupuesto para el plan de "
                                      "implementación de la HdR-AS"),
         funding=RP, indicators=[], s22_codes=[],
         semesters={"II": (None, "POI 2026 incorpora el presupuesto para el plan de implementación "
                                 "de la HdR-AS")}),
    dict(code="1.2.1.1", action="1.2.1",
         title="Diseñar un programa permanente de capacitación en economía circular aplicada dirigido "
               "a funcionarios de las empresas prestadoras y MVCS, como parte de los Planes de "
               "Fortalecimiento de Capacidades.",
         responsible="DGPRCS, DGAA", periods=["2025-II"],
         targets={2025: (1, "01 programa de capacitación y formación en EC y 1 taller implementado")},
         funding=RP, indicators=["I.1.2.1.1"], s22_codes=["I.1.2.1.1"],
         semesters={"II": (2, "02 eventos de capacitación en EC")}),
    dict(code="1.2.2.1", action="1.2.2",
         title="Reuniones con PNSU, PNSR, SUNASS y Cooperación Internacional para mapear las "
               "tecnologías y equipos de base digital frecuentemente usadas por los prestadores; así "
               "como, potenciales nuevas tecnologías.",
         responsible="DGAA, DGPRCS", periods=["2025-II"],
         targets={2025: (2, "02 reuniones con el PNSU, PNSR, SUNASS y Cooperación Internacional para "
                            "mapear las tecnologías y equipos de base digital.")},
         funding=RP_CI, indicators=["I.1.2.2.1"], s22_codes=["1.1.2.2.1"],
         semesters={"II": (2, "02 reuniones con el PNSU, PNSR, SUNASS y Cooperación Internacional")}),
    dict(code="1.3.2.1", action="1.3.2",
         title="Reunión de coordinación con el equipo a cargo del FIAS para la programación de charlas "
               "de capacitación e información a su directorio.",
         responsible="DGAA, DGPRCS", periods=["2025-II"],
         targets={2025: (1, "01 reunión de coordinación con el equipo y directivos a cargo del FIAS")},
         funding=RP, indicators=["I.1.3.2.1"], s22_codes=["I.1.3.2.1"],
         semesters={"II": (1, "01 reunión de coordinación con el equipo y directivos a cargo del "
                              "FIAS")}),
    dict(code="1.4.1.2", action="1.4.1",
         title="Desarrollar e impulsar la y aprobar aprobación de una normativa sobre calidad de agua "
               "para reúso.",
         responsible="DGAA", periods=["2026"],
         targets=adelante(2026, 2, "02 normas/instrumentos sobre EC aprobados por año"), funding=RP,
         indicators=["I.1.4.1.2"], s22_codes=["I.1.4.1.2"], semesters={}),
    dict(code="1.4.1.3", action="1.4.1",
         title="Continuar con el desarrollo normativo: Participar en el CTN de Fertilizantes y "
               "productos afines; adecuar la Ficha Técnica Estándar para la formulación y evaluación de "
               "proyectos de inversión en EC, regulación de biogás y energía, etc.",
         responsible="DGAA", periods=["2025-II", "2026", "2027", "2028", "2029", "2030"],
         targets={}, funding=RP, indicators=[], s22_codes=[],
         semesters={"II": (None, "Adecuación de Ficha Técnica Estándar")}),
    dict(code="1.4.3.1", action="1.4.3",
         title="Identificar oportunidades de mejoras en los procesos de otorgamiento de permisos de "
               "vertimiento y/o reúso de aguas residuales.",
         responsible="DGAA", periods=["2025-II", "2026"],
         targets={2025: (1, "01 Informe de avance de oportunidades de mejoras en los permisos de "
                            "vertimiento y/o reúso de agua"),
                  2026: (1, "01 Informe de oportunidades de mejoras en los permisos de vertimiento "
                            "y/o reúso de agua")},
         funding=RP, indicators=["I.1.4.3.1"], s22_codes=["I.1.4.3.1"],
         semesters={"II": (1, "01 Informe de avance de oportunidades de mejoras en los permisos de "
                              "vertimiento y/o reúso de agua")}),
    dict(code="2.1.1.3", action="2.1.1",
         title="Definir escenarios hídricos (disponibilidad y demanda proyectada de agua) en las "
               "fuentes de agua de las empresas prestadoras de servicios priorizadas aportando a la "
               "formulación de los MERESE-H.",
         responsible="DGPRCS", periods=["2028", "2029", "2030"],
         targets=adelante(2028, 2, "02 escenarios oferta-demanda hídrica en fuentes priorizadas de "
                                   "las regiones por año"),
         funding=RP_CI, indicators=["I.2.1.1.3"], s22_codes=["I.2.1.1.2"], semesters={}),
    dict(code="2.1.2.2", action="2.1.2",
         title="Realizar talleres regionales de capacitación y socialización de experiencias exitosas "
               "y lecciones aprendidas en la implementación de los MERESE-H, así como de otras "
               "intervenciones orientadas a la sostenibilidad, confiabilidad y resiliencia de las "
               "fuentes de agua, incluyendo soluciones basadas en la naturaleza, infraestructura "
               "natural, soluciones híbrida u otros mecanismos complementarios.",
         responsible="DGAA, DGPRCS", periods=["2026", "2027", "2028", "2029"],
         targets=adelante(2027, 1, "01 taller regional anual sobre los MERESE-H y otras intervenciones "
                                   "que promuevan la gestión sostenible del agua (como soluciones "
                                   "basadas en la naturaleza, infraestructura natural o mecanismos "
                                   "alternativos)"),
         funding=RP_CI, indicators=["I.2.1.2.2"], s22_codes=["I.2.1.2.1"], semesters={}),
    dict(code="2.2.1.1", action="2.2.1",
         title="Realizar talleres de información sobre los avances en el agua no facturada, e "
               "intercambio de experiencias sobre técnicas apropiadas de detección de fugas y "
               "reparación eficiente entre prestadores de servicios.",
         responsible="DGPRCS", periods=["2026", "2027", "2028", "2029", "2030"],
         targets={**years(2026, 2029, 1, T_2211),
                  2030: (None, T_2211 + " | 30% es la proporción de agua no facturada")},
         funding=RP_CI, indicators=["I.2.2.1.1a", "I.2.2.1.1b"],
         s22_codes=["I.2.2.1.1a", "I.2.2.1.1b"], semesters={}),
    dict(code="2.2.2.2", action="2.2.2",
         title="Recopilar y difundir los casos de éxito sobre servicios resilientes, confiables e "
               "inclusivos que se presenten en el foro.",
         responsible="DGAA, DGPRCS", periods=["2029"],
         targets={2029: (1, "01 Publicación virtual de los casos de éxito de servicios resilientes e "
                            "inclusivos presentados en el Foro")},
         funding=RP_CI, indicators=["I.2.2.2.2"], s22_codes=["I.2.2.2.2"], semesters={}),
    dict(code="3.1.1.2", action="3.1.1",
         title='Desarrollar una "caja de herramientas" sobre valoración de los servicios, consumo '
               'responsable y economía circular con herramientas didácticas para uso por parte de los '
               'prestadores.',
         responsible="DGAA, DGPRCS", periods=["2026", "2027"],
         targets={2026: (1, '01 "caja de herramientas" avance sobre valoración, consumo responsable y '
                            'economía circular'),
                  2027: (1, '01 "caja de herramientas" disponible sobre valoración, consumo '
                            'responsable y economía circular')},
         funding=RP, indicators=["I.3.1.1.2"], s22_codes=["I.3.1.1.2"], semesters={}),
    dict(code="3.1.2.1", action="3.1.2",
         title="Diseñar una campaña nacional anual sobre valoración de los servicios de agua potable y "
               "saneamiento, y economía circular a implementar con ayuda de la “caja de herramientas”",
         responsible="DGPRCS", periods=["2025-II", "2026"],
         targets=adelante(2025, 1, "01 Campaña nacional diseñada sobre valoración del servicio y "
                                   "economía circular"),
         funding=RP, indicators=["I.3.1.2.1"], s22_codes=["I.3.1.2.1"],
         semesters={"II": (None, "Avance del diseño de la campaña de valoración de los servicios de "
                                 "agua potable y saneamiento y EC")}),
    dict(code="3.2.1.3", action="3.2.1",
         title="Aprobar y difundir las ecoetiquetas sobre buenas prácticas en reúso de agua residual "
               "y reaprovechamiento de biosólidos.",
         responsible="DGAA", periods=["2027", "2028", "2029", "2030"],
         targets={2028: (4, "04 ecoetiquetas aprobadas y difundidas")},
         funding=RP_CI, indicators=["I.3.2.1.3"], s22_codes=["I.3.2.1.2"], semesters={}),
    dict(code="3.2.2.2", action="3.2.2",
         title="Convocatoria y entrega de ecoetiquetas sobre buenas prácticas a prestadores de "
               "servicios que cumplen con los requisitos.",
         responsible="DGAA", periods=["2027", "2028", "2029", "2030"],
         targets=adelante(2027, 25, "25 prestadores reciben la ecoetiqueta con requisitos "
                                    "progresivos"),
         funding=RP, indicators=["I.3.2.2.2"], s22_codes=["I.3.2.2.2"], semesters={}),
    dict(code="3.2.3.2", action="3.2.3", title="Desarrollar la base normativa de los AVECS.",
         responsible="DGAA", periods=["2027"],
         targets={2027: (1, "01 normativa sobre los AVECS")},
         funding=RP, indicators=["I.3.2.3.2"], s22_codes=["I.3.2.3.2"], semesters={}),
    dict(code="4.1.1.1", action="4.1.1",
         title="Identificar y desarrollar, brindando asistencia técnica, casos de reúso de aguas "
               "residuales de PTAR con participación del sector privado.",
         responsible="DGAA, DGPRCS", periods=["2025-II", "2026", "2027", "2028", "2029", "2030"],
         targets={2025: (3, "03 proyectos de reúso iniciados con PROAGUA/GIZ y APP"),
                  **adelante(2026, 4, "04 proyectos (incluye APP) de reúso por año")},
         funding=RP_CI_EP, indicators=["I.4.1.1.1"], s22_codes=["I.4.1.1.1"],
         semesters={"II": (3, "03 proyectos de reúso iniciados con PROAGUA/GIZ y APP")}),
    dict(code="4.1.3.2", action="4.1.3",
         title="Entregar ecoetiquetas a las empresas que adoptan el reúso de agua residual en alianza "
               "con prestadores.",
         responsible="DGAA", periods=["2028"],
         targets=adelante(2028, 3, "03 ecoetiquetas a las empresas que reúsan el agua residual por "
                                   "año"),
         funding=RP, indicators=["I.4.1.3.2"], s22_codes=["I.1.4.3.2"], semesters={}),
    dict(code="4.2.1.2", action="4.2.1", title="Desarrollar casos de reaprovechamiento de biosólidos.",
         responsible="DGAA", periods=["2025-II", "2026", "2027", "2028", "2029", "2030"],
         targets={2025: (1, "01 caso de reaprovechamiento de biosólidos implementado con apoyo de "
                            "PROAGUA/GIZ"),
                  **adelante(2026, 2, "02 casos de reaprovechamiento de biosólidos implementados "
                                      "anualmente")},
         funding=RP_CI_EP, indicators=["I.4.2.1.2"], s22_codes=["I.4.2.1.2"],
         semesters={"II": (1, "01 caso de reaprovechamiento de biosólidos implementado con apoyo de "
                              "PROAGUA/GIZ")}),
    dict(code="4.3.1.4", action="4.3.1", title="Desarrollar casos de generación de energía con el biogás.",
         responsible="DGAA, DGPRCS", periods=["2028", "2029", "2030"],
         targets=adelante(2028, 1, "01 caso de uso de biogás implementado por año"),
         funding=RP_CI_EP, indicators=["I.4.3.1.4a", "I.4.3.1.4b"],
         s22_codes=["I.4.3.1.4a", "I.4.3.1.4b"], semesters={}),
    dict(code="4.3.2.4", action="4.3.2",
         title="Desarrollar casos de generación de energías renovables (solar, eólica, hidráulica).",
         responsible="DGAA, DGPRCS", periods=["2025-II", "2026", "2027", "2028", "2029", "2030"],
         targets={2025: (2, "02 acuerdos para implementar paneles solares en medidores de caudal (con "
                            "apoyo de PROAGUA/GIZ)"),
                  2026: (None, "02 casos de uso de paneles solares en medidores de caudal (con apoyo "
                               "de PROAGUA/GIZ) | " + T_4324),
                  **years(2027, 2030, 3, T_4324)},
         funding=RP_CI, indicators=["I.4.3.2.4"], s22_codes=["I.4.3.2.4"],
         semesters={"II": (2, "02 acuerdos para implementar paneles solares en medidores de caudal "
                              "(con apoyo de PROAGUA/GIZ)")}),
    dict(code="5.1.1.1", action="5.1.1",
         title="Reunión con actores del nodo regional para establecer las bases de un plan de "
               "promoción empresarial y mercadeo regional/local de la comercialización de los "
               "productos y subproductos asociados a las aguas residuales.",
         responsible="DGAA, DGPRCS", periods=["2025-II"],
         targets={2025: (1, "Una reunión con actores del nodo regional para las bases de planes de "
                            "promoción empresarial y regional/local para la comercialización de "
                            "subproductos diseñados")},
         funding=RP_CI, indicators=["I.5.1.1.1"], s22_codes=["I.5.1.1.1"],
         semesters={"II": (1, "01 reunión para las bases de planes de promoción empresarial y "
                              "regional/local para la comercialización de subproductos diseñados")}),
    dict(code="5.1.1.2", action="5.1.1",
         title="Formular un plan de promoción empresarial y mercadeo regional/local de la "
               "comercialización de los productos y subproductos asociados a las aguas residuales.",
         responsible="DGAA, DGPRCS", periods=["2026", "2027", "2028"],
         targets=years(2026, 2028, 2, "02 regiones priorizadas disponen de planes de promoción "
                                      "empresarial y mercadeo para la comercialización de productos y "
                                      "subproductos"),
         funding=RP_CI, indicators=["I.5.1.1.2"], s22_codes=["I.5.1.1.2"], semesters={}),
    dict(code="5.2.1.2", action="5.2.1",
         title="Desarrollar una evaluación de las oportunidades de compras públicas circulares en el "
               "sector saneamiento incluyendo a las empresas prestadoras.",
         responsible="DGAA", periods=["2026", "2027", "2028"],
         targets=years(2026, 2028, None, "Informe de oportunidades de CPC en el sector saneamiento"),
         funding=RP, indicators=["I.5.2.1.2"], s22_codes=["I.5.2.1.2"], semesters={}),
    dict(code="5.3.1.2", action="5.3.1",
         title="Identificar y priorizar líneas de investigación, desarrollo e innovación clave en "
               "economía circular aplicada al: i) agua residual y el reúso; ii) uso de biosólidos y "
               "iii) captura de biogás y producción y uso de energías renovables en el sector "
               "saneamiento.",
         responsible="DGAA, DGPRCS", periods=["2026", "2027"],
         targets=years(2026, 2027, 1, "01 informe de identificación y priorización de líneas de "
                                      "investigación, desarrollo e innovación clave en economía "
                                      "circular aplicada al: i) agua residual y el reúso; ii) uso de "
                                      "biosólidos y iii) captura de biogás y producción y uso de "
                                      "energías renovables en el sector saneamiento"),
         funding=RP_CI, indicators=["I.5.3.1.2"], s22_codes=["I.5.3.1.2"], semesters={}),
    dict(code="5.3.2.3", action="5.3.2",
         title="Ejecución de los acuerdos institucionales para fomentar la inclusión y desarrollo de "
               "la innovación y emprendimiento en los fondos de Proinnóvate y Concytec.",
         responsible="DGAA", periods=["2028", "2029", "2030"],
         targets=adelante(2028, 2, "02 proyectos desarrollados en I+D+i con líneas de financiamiento "
                                   "de subsidios por año"),
         funding=RP, indicators=["I.5.3.2.3"], s22_codes=["I.5.3.2.3"], semesters={}),
]


def test_sample_covers_every_objective():
    assert len(ACTIVITIES) >= 24
    assert {a["code"][0] for a in ACTIVITIES} == {"1", "2", "3", "4", "5"}
    assert len({a["code"] for a in ACTIVITIES}) == len(ACTIVITIES)


@pytest.mark.parametrize("expected", ACTIVITIES, ids=[a["code"] for a in ACTIVITIES])
def test_activity_matches_plan(frames, expected):
    code = expected["code"]
    activity = frames["activities"].set_index("code").loc[code]
    assert activity["title"] == expected["title"]
    assert activity["action_code"] == expected["action"]
    assert activity["responsible"] == expected["responsible"]
    assert activity["funding_source"] == expected["funding"]

    schedule = frames["activity_schedule"]
    periods = sorted(schedule.loc[schedule["activity_code"] == code, "period"], key=PERIODS.index)
    assert periods == expected["periods"]

    targets = frames["activity_targets"]
    got = {row["year"]: (row["target"], row["target_text"])
           for row in _records(targets[targets["activity_code"] == code])}
    want = {year: (None if n is None else float(n), text)
            for year, (n, text) in expected["targets"].items()}
    assert got == want

    ind = frames["indicators"]
    assert ind.loc[ind["activity_code"] == code, "code"].tolist() == expected["indicators"]
    s22 = frames["indicators_s22"].sort_values("seq")
    assert s22.loc[s22["activity_code"] == code, "code"].tolist() == expected["s22_codes"]

    semesters = frames["semester_targets"]
    got_sem = {row["semester"]: (row["target"], row["target_text"])
               for row in _records(semesters[semesters["activity_code"] == code])}
    want_sem = {s: (None if n is None else float(n), text)
                for s, (n, text) in expected["semesters"].items()}
    assert got_sem == want_sem
