"""Scenario parameters: the plan's defaults, a versioned dict (saved in DuckDB) and a short link.

The link is the page's query string, so a meeting can reopen the exact picture. Its keys are short
and stable; ``v`` carries the version. Version 1:

- ``v``: link version (``1``); ``g``: the goal in focus (``M2``);
- ``m1 m2 m3 m5 m6``: model (``l`` linear, ``g`` growth) and rate of each goal's driver
  (``l1.32``, ``g8.5``);
- ``qt``: total wastewater flow in m³/s for Meta 2 (``79.5``);
- ``m4``: Meta 4 from Tabla 1's increments (``p``) or constant (``c``); ``m4b``, ``m4o``: new
  utilities per year with biogás and with other sources;
- ``dn``: delay in years; ``do``, ``dl``, ``du``: objectives, lines and responsible units whose
  activities slip (comma-separated: ``OE1,OE4``).

Rates apply to each goal's driver: Meta 2 in m³/s, Meta 3 in PTAR, the others in the goal's unit.
A link or a saved scenario that names something the plan no longer has is read as far as possible;
the parts that do not fit come back as Spanish warnings instead of an error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd

from hdras.core import config, db
from hdras.core.errors import InvalidScenarioError
from hdras.core.messages import msg
from hdras.goals import series as goals
from hdras.goals.series import HEADLINE_GOALS
from hdras.goals.status import pace_required
from hdras.plan import queries as plan_queries
from hdras.scenarios.model import (RATE_GOALS, ScenarioInputs, check_rate, driver_start,
                                   driver_target, growth_required, plan_increments)

VERSION = 1
M4_MODES = ("plan", "constant")
MAX_DELAY_YEARS = 5
TOTAL_FLOW_LIMITS = (1.0, 1000.0)
M4_LIMITS = (0.0, 100.0)
NAME_MAX_CHARS = 60
_MODEL_LETTERS = {"linear": "l", "growth": "g"}


@dataclass(frozen=True)
class RateSetting:
    """A growth model and its rate for one goal's driver (M2 in m³/s, M3 in PTAR, else the goal)."""
    model: str
    rate: float


@dataclass(frozen=True)
class ScenarioParams:
    """Every assumption of a scenario (rates apply to each goal's driver, see DRIVER_UNITS)."""
    rates: Mapping[str, RateSetting]
    total_flow: float
    m4_mode: str = "plan"  # "plan": Tabla 1's own increments; "constant": the two numbers below
    m4_biogas: float = 1.0
    m4_other: float = 3.0
    delay_years: int = 0
    delay_objectives: tuple[str, ...] = ()
    delay_lines: tuple[str, ...] = ()
    delay_units: tuple[str, ...] = ()
    focus: str = "M1"


DRIVER_UNITS = {"M1": "%", "M2": "m3/s", "M3": "PTAR", "M5": "%", "M6": "EPS"}
LINEAR_STEPS = {"%": 0.01, "m3/s": 0.01, "PTAR": 0.1, "EPS": 0.1}
GROWTH_STEP = 0.5


def _ceil_to(value: float, step: float) -> float:
    return round(math.ceil(round(value / step, 9)) * step, 6)


def plan_rate(inputs: ScenarioInputs, goal: str, model: str) -> float:
    """The rate that takes the driver from its start exactly to (or just past) the 2030 target."""
    start, target = driver_start(inputs, goal), driver_target(inputs, goal)
    if model == "growth":
        needed = growth_required(start, target)
        return _ceil_to(needed, GROWTH_STEP) if needed is not None else 0.0
    needed = pace_required(start.value, start.year, target)
    return _ceil_to(needed, LINEAR_STEPS[DRIVER_UNITS[goal]]) if needed is not None else 0.0


def rate_range(inputs: ScenarioInputs, goal: str, model: str,
               value: float | None = None) -> tuple[float, float, float]:
    """(min, max, step) for a rate slider: about three times the pace the plan needs, widened to
    include ``value`` so a saved scenario or a link always fits."""
    plan = abs(plan_rate(inputs, goal, model))
    if model == "growth":
        low, high, step = -20.0, max(50.0, _nice_ceiling(2 * plan)), GROWTH_STEP
    else:
        step = LINEAR_STEPS[DRIVER_UNITS[goal]]
        high = _nice_ceiling(max(3 * plan, 10 * step))
        low = -_nice_ceiling(high / 4)
    if value is not None:
        low, high = min(low, value), max(high, value)
    return float(low), float(high), step


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k at or above ``value``."""
    exponent = math.floor(math.log10(value)) if value > 0 else 0
    for factor in (1, 2, 2.5, 5, 10):
        if factor * 10 ** exponent >= value - 1e-12:
            return float(factor * 10 ** exponent)
    return float(10 ** (exponent + 1))


def plan_constant_increments(inputs: ScenarioInputs) -> tuple[float, float]:
    """Tabla 1's average new utilities per year by source, rounded half up (1 biogás, 3 otras)."""
    averages = [sum(v.values()) / len(v) for v in plan_increments(inputs).values()]
    return tuple(float(math.floor(a + 0.5)) for a in averages)


def default_params(inputs: ScenarioInputs) -> ScenarioParams:
    """The plan scenario: each driver at the linear pace that meets its 2030 target, the implied
    total flow, Meta 4 from Tabla 1's own increments and no delays."""
    biogas, other = plan_constant_increments(inputs)
    return ScenarioParams(
        rates={g: RateSetting("linear", plan_rate(inputs, g, "linear")) for g in RATE_GOALS},
        total_flow=goals.plan_total_flow(inputs.goals), m4_biogas=biogas, m4_other=other)




def with_rate(params: ScenarioParams, goal: str, model: str, rate: float) -> ScenarioParams:
    """A copy of ``params`` with one goal's model and rate changed."""
    rates = dict(params.rates)
    rates[goal] = RateSetting(model, float(rate))
    return dataclasses.replace(params, rates=rates)


# --------------------------------------------------------------------------- dict (saved form)


def params_to_dict(params: ScenarioParams) -> dict:
    """A JSON-ready, readable dict with a version; ``params_from_dict`` reads it back."""
    return {
        "version": VERSION, "focus": params.focus,
        "rates": {g: {"model": s.model, "rate": s.rate} for g, s in sorted(params.rates.items())},
        "total_flow": params.total_flow,
        "m4": {"mode": params.m4_mode, "biogas": params.m4_biogas, "other": params.m4_other},
        "delay": {"years": params.delay_years, "objectives": list(params.delay_objectives),
                  "lines": list(params.delay_lines), "units": list(params.delay_units)},
    }


def params_from_dict(data: Mapping, inputs: ScenarioInputs) -> tuple[ScenarioParams, list[str]]:
    """Read a saved dict; InvalidScenarioError when it is not a scenario at all, else the params
    and Spanish warnings for the parts that were out of range or unknown (those keep the plan's
    default)."""
    if not isinstance(data, Mapping) or "version" not in data:
        raise InvalidScenarioError(msg("scenario.not_a_scenario"))
    m4, delay = data.get("m4") or {}, data.get("delay") or {}
    fields = {"g": data.get("focus"), "qt": data.get("total_flow"),
              "m4": {"plan": "p", "constant": "c"}.get(m4.get("mode"), m4.get("mode")),
              "m4b": m4.get("biogas"), "m4o": m4.get("other"), "dn": delay.get("years"),
              "do": delay.get("objectives"), "dl": delay.get("lines"), "du": delay.get("units")}
    for goal, setting in (data.get("rates") or {}).items():
        if isinstance(setting, Mapping):
            model = _MODEL_LETTERS.get(setting.get("model"), "?")
            fields[goal.lower()] = f"{model}{setting.get('rate')}"
    return _parse(fields, inputs, str(data.get("version")))


# ------------------------------------------------------------------------ query parameters (link)


def params_to_query(params: ScenarioParams) -> dict[str, str]:
    """The link's query parameters (every setting, so the link does not depend on defaults)."""
    query = {"v": str(VERSION), "g": params.focus}
    for goal in RATE_GOALS:
        setting = params.rates[goal]
        query[goal.lower()] = _MODEL_LETTERS[setting.model] + _number(setting.rate)
    query.update(qt=_number(params.total_flow), m4="p" if params.m4_mode == "plan" else "c",
                 m4b=_number(params.m4_biogas), m4o=_number(params.m4_other),
                 dn=str(params.delay_years))
    for key, codes in (("do", params.delay_objectives), ("dl", params.delay_lines),
                       ("du", params.delay_units)):
        if codes:
            query[key] = ",".join(codes)
    return query


def params_from_query(query: Mapping, inputs: ScenarioInputs) -> tuple[ScenarioParams, list[str]]:
    """Read a link's query parameters; anything missing keeps the plan's default and anything
    invalid is skipped with a Spanish warning (a link never breaks the page)."""
    fields = {k: _last(v) for k, v in query.items()}
    return _parse(fields, inputs, fields.get("v"))


def has_scenario_query(query: Mapping) -> bool:
    """True when the query string carries scenario parameters."""
    return any(k in query for k in ("v", "g", "qt", "m4", "dn", *(g.lower() for g in RATE_GOALS)))


def _last(value):
    if isinstance(value, (list, tuple)):
        return value[-1] if value else None
    return value


def _number(value: float) -> str:
    """Shortest text that reads back as the same float ('1.32', '3', '-0.5')."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _parse(fields: Mapping, inputs: ScenarioInputs,
           version: str | None) -> tuple[ScenarioParams, list[str]]:
    """Build params from flat short-key fields over the plan defaults, collecting warnings."""
    params, warnings = default_params(inputs), []
    if version not in (None, str(VERSION)):
        warnings.append(msg("scenario.link_version", version=version, supported=VERSION))
    changes: dict = {}
    rates = dict(params.rates)
    readers = _field_readers(inputs)
    for key, value in fields.items():
        if value is None or (key not in readers and key not in _RATE_KEYS):
            continue
        try:
            if key in _RATE_KEYS:
                rates[_RATE_KEYS[key]] = _read_rate(value)
            else:
                name, parsed = readers[key](value)
                changes[name] = parsed
        except (InvalidScenarioError, ValueError, TypeError):
            warnings.append(msg("scenario.link_ignored", key=key, value=_shown(value)))
        except _UnknownCodes as exc:
            changes[exc.field] = exc.known
            warnings.append(msg("scenario.link_unknown_codes", key=key,
                                codes=", ".join(exc.unknown)))
    return dataclasses.replace(params, rates=rates, **changes), warnings


_RATE_KEYS = {g.lower(): g for g in RATE_GOALS}


class _UnknownCodes(Exception):
    def __init__(self, field: str, known: tuple[str, ...], unknown: list[str]):
        super().__init__(field)
        self.field, self.known, self.unknown = field, known, unknown


def _shown(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _read_rate(value) -> RateSetting:
    text = str(value).strip()
    models = {v: k for k, v in _MODEL_LETTERS.items()}
    if len(text) < 2 or text[0] not in models:
        raise ValueError(text)
    model = models[text[0]]
    return RateSetting(model, check_rate(model, float(text[1:])))


def _bounded(value, low: float, high: float) -> float:
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(value)
    return number


def _field_readers(inputs: ScenarioInputs) -> dict:
    """Short key → function(value) → (ScenarioParams field, parsed value)."""
    options = delay_options(inputs)

    def codes(field: str, allowed: list[str]):
        def read(value):
            items = value if isinstance(value, (list, tuple)) else str(value).split(",")
            items = [str(i).strip() for i in items if str(i).strip()]
            known = tuple(dict.fromkeys(i for i in items if i in allowed))
            unknown = [i for i in items if i not in allowed]
            if unknown:
                raise _UnknownCodes(field, known, unknown)
            return field, known
        return read

    def delay_years(value):
        number = _bounded(value, 0, MAX_DELAY_YEARS)
        if not number.is_integer():
            raise ValueError(value)
        return "delay_years", int(number)

    def focus(value):
        if str(value) not in HEADLINE_GOALS:
            raise ValueError(value)
        return "focus", str(value)

    def m4_mode(value):
        modes = {"p": "plan", "c": "constant"}
        if str(value) not in modes:
            raise ValueError(value)
        return "m4_mode", modes[str(value)]

    return {
        "g": focus, "qt": lambda v: ("total_flow", _bounded(v, *TOTAL_FLOW_LIMITS)),
        "m4": m4_mode, "m4b": lambda v: ("m4_biogas", _bounded(v, *M4_LIMITS)),
        "m4o": lambda v: ("m4_other", _bounded(v, *M4_LIMITS)), "dn": delay_years,
        "do": codes("delay_objectives", options["objectives"]),
        "dl": codes("delay_lines", options["lines"]),
        "du": codes("delay_units", options["units"]),
    }


def delay_options(inputs: ScenarioInputs) -> dict[str, list[str]]:
    """The objectives, lines and responsible units activities can be chosen by, in plan order."""
    table = inputs.activities
    return {
        "objectives": sorted(table["objective_code"].unique(), key=plan_queries.code_sort_key),
        "lines": sorted(table["line_code"].unique(), key=plan_queries.code_sort_key),
        "units": plan_queries.unit_options(table, "responsible"),
    }


# --------------------------------------------------------------------------- storage


def clean_name(name: str) -> str:
    """A scenario name with spaces tidied; InvalidScenarioError when empty, too long or with
    control characters."""
    text = re.sub(r"\s+", " ", str(name or "")).strip()
    if not text:
        raise InvalidScenarioError(msg("scenario.name_empty"))
    if len(text) > NAME_MAX_CHARS:
        raise InvalidScenarioError(msg("scenario.name_too_long", limit=NAME_MAX_CHARS))
    if any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in text):
        raise InvalidScenarioError(msg("scenario.name_invalid"))
    return text


def save_scenario(con: duckdb.DuckDBPyConnection, name: str, params: ScenarioParams, by: str,
                  overwrite: bool = False, saved_at: dt.datetime | None = None) -> str:
    """Store ``params`` under ``name`` (returns the cleaned name). An existing name is replaced
    only with ``overwrite``; otherwise InvalidScenarioError."""
    name = clean_name(name)
    payload = json.dumps(params_to_dict(params), ensure_ascii=False, sort_keys=True)
    exists = con.execute("SELECT count(*) FROM scenarios WHERE name = ?", [name]).fetchall()[0][0]
    if exists and not overwrite:
        raise InvalidScenarioError(msg("scenario.name_exists", name=name))
    with db.transaction(con):
        con.execute("INSERT OR REPLACE INTO scenarios (name, params_json, saved_at, saved_by) "
                    "VALUES (?, ?, ?, ?)", [name, payload, saved_at or config.now(), by])
        db.bump_progress_version(con)
    return name


def load_scenario(con: duckdb.DuckDBPyConnection, name: str,
                  inputs: ScenarioInputs) -> tuple[ScenarioParams, list[str]]:
    """The saved scenario ``name`` and any warnings about parts the plan no longer has."""
    rows = con.execute("SELECT params_json FROM scenarios WHERE name = ?", [name]).fetchall()
    if not rows:
        raise InvalidScenarioError(msg("scenario.not_found", name=name))
    return _from_json(rows[0][0], inputs)


def _from_json(text: str, inputs: ScenarioInputs) -> tuple[ScenarioParams, list[str]]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError):
        raise InvalidScenarioError(msg("scenario.not_a_scenario")) from None
    return params_from_dict(data, inputs)


def list_scenarios(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Saved scenarios, newest first: name, saved_at, saved_by, params_json."""
    return con.execute("SELECT name, saved_at, saved_by, params_json FROM scenarios "
                       "ORDER BY saved_at DESC, name").df()


def saved_params(saved: pd.DataFrame, names: list[str],
                 inputs: ScenarioInputs) -> dict[str, ScenarioParams]:
    """The params of the ``names`` chosen from a ``list_scenarios`` frame (for comparing);
    names no longer saved are skipped."""
    texts = dict(zip(saved["name"], saved["params_json"]))
    return {name: _from_json(texts[name], inputs)[0] for name in names if name in texts}


def delete_scenario(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Remove a saved scenario; False when there was none by that name."""
    with db.transaction(con):
        rows = con.execute("DELETE FROM scenarios WHERE name = ? RETURNING name",
                           [name]).fetchall()
        if rows:
            db.bump_progress_version(con)
    return bool(rows)
