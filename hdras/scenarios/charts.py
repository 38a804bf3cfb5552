"""Altair builders for the Escenarios page, sized for a projector: large type, values written on the
chart (the 2030 values and every reported point), lines told apart by dash and marker as well as
colour. Builders take the frames of ``hdras.scenarios.tables``.

A slider change must redraw quickly, and building and validating an Altair chart costs far more
than the numbers behind it. So each builder makes its Altair chart without data once per shape
(unit, title, series names…), keeps the Vega-Lite dict, and returns it with the frame to draw:
``ChartSpec(spec, data, summary)`` for ``st.vega_lite_chart(data, spec)``.

Words for those who cannot see the chart, both from the frame in one pass (``*_words`` below):
the spec's description, its accessible name, says what the chart shows and the figures that do
not move with the sliders (the plan, the latest report); ``summary`` says where the scenario's
lines end, and the page announces it after every change. The spec thus stays the same while a
slider moves, and the browser only swaps the chart's data instead of building the chart anew (a
fifth of a slider step in Chromium, ``benchmarks/bench_keys.py``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import altair as alt
import pandas as pd

from hdras.core import config
from hdras.core.chart_style import (ACTUAL_COLOUR, COMPARE_COLOURS, PLAN_COLOUR, SCENARIO_COLOUR,
                                    axis_title, readable_spec, starts_at_zero, year_axis,
                                    year_scale)
from hdras.core.chart_text import no_data, spanish_list
from hdras.core.messages import msg
from hdras.scenarios.tables import ACTUAL_LABEL, PLAN_LABEL, SCENARIO_LABEL

HEIGHT = 380  # the whole chart, title and legend included (Streamlit fits it)
FONT = 15


@dataclass(frozen=True)
class ChartSpec:
    """A Vega-Lite spec without data, the frame that fills it, and what the frame shows in words
    (the sentence the page announces when the assumptions change)."""
    spec: dict
    data: pd.DataFrame
    summary: str = ""


def _spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite dict, its text colours readable (``readable_spec``). Layers without
    data of their own read the frame the page passes; Altair gives them an 'empty' dataset when
    another layer has inline data."""
    spec = chart.to_dict()
    datasets = spec.get("datasets", {})
    if "empty" in datasets:
        for layer in spec.get("layer", []):
            if layer.get("data") == {"name": "empty"}:
                del layer["data"]
        del datasets["empty"]
    if "datasets" in spec and not datasets:
        del spec["datasets"]
    return readable_spec(spec)


def _named(spec: dict, name: str) -> dict:
    """The cached spec with its accessible name: a new top level over the same parts (Streamlit
    copies the top level it draws and changes only that; a deep copy cost 0.1 ms a step)."""
    return {**spec, "description": name}


def _configure(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Axes, legend and title for a projector. Legend symbols have no outline: the plan's dash
    would draw one dashed around its marker (shape and dash share one legend), a smudge at
    1366×768; the marker and the colour tell the series apart."""
    return chart.configure_axis(labelFontSize=FONT - 1, titleFontSize=FONT, grid=True,
                                gridOpacity=0.4).configure_legend(
        labelFontSize=FONT, titleFontSize=FONT, orient="top", direction="horizontal",
        symbolSize=180, symbolStrokeWidth=0, labelLimit=320).configure_title(
        fontSize=FONT + 2, anchor="start")


def _value_scale(zero: bool) -> alt.Scale:
    return alt.Scale(zero=zero, nice=True)


def projection_chart(frame: pd.DataFrame, unit: str, title: str) -> ChartSpec:
    """Plan targets (grey, dashed), reported values (blue squares) and the scenario's projection
    (orange, solid), with the 2030 values and the reported values written beside the points."""
    names = tuple(n for n in (PLAN_LABEL, ACTUAL_LABEL, SCENARIO_LABEL) if n in set(frame["serie"]))
    spec = _projection_spec(unit, title, names, starts_at_zero(frame["value"]))
    name, summary = projection_words(frame, title)
    return ChartSpec(_named(spec, name), frame, summary)


@functools.lru_cache(maxsize=64)
def _projection_spec(unit: str, title: str, names: tuple[str, ...], zero: bool) -> dict:
    y = alt.Y("value:Q", title=axis_title(unit), scale=_value_scale(zero))
    x = year_axis(padding=24)
    styles = {PLAN_LABEL: (PLAN_COLOUR, "circle", [7, 5]), ACTUAL_LABEL: (ACTUAL_COLOUR, "square",
                                                                           [1, 0]),
              SCENARIO_LABEL: (SCENARIO_COLOUR, "triangle-up", [1, 0])}
    colour = alt.Color("serie:N", title=None, scale=alt.Scale(
        domain=names, range=[styles[n][0] for n in names]))
    shape = alt.Shape("serie:N", title=None, scale=alt.Scale(
        domain=names, range=[styles[n][1] for n in names]))
    dash = alt.StrokeDash("serie:N", title=None, scale=alt.Scale(
        domain=names, range=[styles[n][2] for n in names]))
    base = alt.Chart()
    lines = base.transform_filter(alt.datum.serie != ACTUAL_LABEL).mark_line(
        strokeWidth=3, aria=False).encode(x=x, y=y, color=colour, strokeDash=dash)
    points = base.mark_point(filled=True, size=140, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape,
        tooltip=[alt.Tooltip("serie:N", title="Serie"), alt.Tooltip("year:Q", title="Año"),
                 alt.Tooltip("label:N", title="Valor")])
    # 2030's values and the reported ones, written by their points: the plan's below, the
    # scenario's above, a reported value above when at or over that year's target, else below
    # (``over_target``)
    labelled = base.transform_calculate(
        under=f"datum.serie === {PLAN_LABEL!r} || "
              f"(datum.serie === {ACTUAL_LABEL!r} && !datum.over_plan)").transform_filter(
        (alt.datum.year == config.FINAL_YEAR) | (alt.datum.serie == ACTUAL_LABEL))
    above = labelled.transform_filter("!datum.under").mark_text(
        dy=-16, fontSize=FONT, fontWeight="bold").encode(x=x, y=y, text="label:N", color=colour)
    below = labelled.transform_filter("datum.under").mark_text(
        dy=20, fontSize=FONT, fontWeight="bold").encode(x=x, y=y, text="label:N", color=colour)
    chart = alt.layer(lines, points, above, below).properties(height=HEIGHT, title=title)
    return _spec(_configure(chart))


def comparison_chart(frame: pd.DataFrame, unit: str, title: str) -> ChartSpec:
    """The plan (grey, dashed) and each scenario (its own colour and marker) for one goal, with
    every line's 2030 value written at its end."""
    names = tuple(n for n in dict.fromkeys(frame["serie"]) if n != PLAN_LABEL)
    spec = _comparison_spec(unit, title, names, starts_at_zero(frame["value"]))
    name, summary = comparison_words(frame, title)
    return ChartSpec(_named(spec, name), frame, summary)


@functools.lru_cache(maxsize=64)
def _comparison_spec(unit: str, title: str, scenario_names: tuple[str, ...], zero: bool) -> dict:
    domain = [PLAN_LABEL, *scenario_names]
    palette = [PLAN_COLOUR, *(COMPARE_COLOURS[i % len(COMPARE_COLOURS)]
                              for i in range(len(scenario_names)))]
    shapes = ["circle", "triangle-up", "square", "diamond", "cross", "triangle-down", "wedge"]
    y = alt.Y("value:Q", title=axis_title(unit), scale=_value_scale(zero))
    x = year_axis(padding=24)
    colour = alt.Color("serie:N", title=None, scale=alt.Scale(domain=domain, range=palette))
    base = alt.Chart()
    lines = base.mark_line(strokeWidth=3, aria=False).encode(
        x=x, y=y, color=colour,
        strokeDash=alt.StrokeDash("serie:N", title=None, scale=alt.Scale(
            domain=domain, range=[[7, 5]] + [[1, 0]] * len(scenario_names))))
    points = base.mark_point(filled=True, size=120, opacity=1).encode(
        x=x, y=y, color=colour,
        shape=alt.Shape("serie:N", title=None, scale=alt.Scale(
            domain=domain, range=[shapes[i % len(shapes)] for i in range(len(domain))])),
        tooltip=[alt.Tooltip("serie:N", title="Serie"), alt.Tooltip("year:Q", title="Año"),
                 alt.Tooltip("label:N", title="Valor")])
    ends = base.transform_filter(alt.datum.year == config.FINAL_YEAR).mark_text(
        align="left", dx=12, fontSize=FONT, fontWeight="bold").encode(
        x=x, y=alt.Y("label_y:Q"), text="label:N", color=colour)
    chart = alt.layer(lines, points, ends).properties(height=HEIGHT, title=title)
    return _spec(_configure(chart))


def completion_chart(frame: pd.DataFrame) -> ChartSpec:
    """Share of the plan's activities finished by each year: plan (grey, dashed) against the
    scenario (orange), every point labelled with its %; years after 2030 shaded."""
    name, summary = delay_completion_words(frame)
    return ChartSpec(_named(_completion_spec(int(frame["year"].max())), name), frame, summary)


@functools.lru_cache(maxsize=16)
def _completion_spec(last_year: int) -> dict:
    x = year_axis(config.PLAN_YEARS[0], last_year, padding=24)
    x_scale = year_scale(config.PLAN_YEARS[0], last_year, padding=24)
    y = alt.Y("share:Q", title="Actividades terminadas (acumulado)",
              scale=alt.Scale(domain=[0, 1.08]), axis=alt.Axis(format="%"))
    domain = ["Plan", "Escenario"]
    colour = alt.Color("serie:N", title=None, scale=alt.Scale(
        domain=domain, range=[PLAN_COLOUR, SCENARIO_COLOUR]))
    base = alt.Chart()
    lines = base.mark_line(strokeWidth=3, aria=False).encode(
        x=x, y=y, color=colour, strokeDash=alt.StrokeDash(
            "serie:N", title=None, scale=alt.Scale(domain=domain, range=[[7, 5], [1, 0]])))
    points = base.mark_point(filled=True, size=120, opacity=1).encode(
        x=x, y=y, color=colour, shape=alt.Shape("serie:N", title=None, scale=alt.Scale(
            domain=domain, range=["circle", "triangle-up"])),
        tooltip=[alt.Tooltip("serie:N", title="Serie"), alt.Tooltip("year:Q", title="Año"),
                 alt.Tooltip("count:Q", title="Terminadas"), alt.Tooltip("label:N", title="%")])
    # Delays never finish earlier, so the plan's line is on or above the scenario's: plan labels
    # go above their points, the scenario's below.
    plan_text = base.transform_filter((alt.datum.serie == "Plan") & alt.datum.show_label).mark_text(
        dy=-16, fontSize=FONT - 1, fontWeight="bold").encode(x=x, y=y, text="label:N", color=colour)
    scenario_text = base.transform_filter(alt.datum.serie == "Escenario").mark_text(
        dy=20, fontSize=FONT - 1, fontWeight="bold").encode(x=x, y=y, text="label:N",
                                                            color=colour)
    layers = [lines, points, plan_text, scenario_text]
    if last_year > config.FINAL_YEAR:
        # One row of the frame carries the shading of the years after the plan's horizon.
        one = base.transform_filter((alt.datum.year == config.PLAN_YEARS[0])
                                    & (alt.datum.serie == "Plan"))
        shade = one.mark_rect(color="#e5e7eb", opacity=0.7).encode(
            x=alt.datum(config.FINAL_YEAR + 0.5, scale=x_scale),
            x2=alt.datum(last_year + 0.5))
        note = one.mark_text(align="right", dx=-4, dy=-8, fontSize=FONT - 2,
                             color="#374151").encode(
            x=alt.datum(last_year + 0.5, scale=x_scale), y=alt.datum(0.0),
            text=alt.value("Después de 2030"))
        layers = [shade, note, *layers]
    # Two lines: the chart shares its row with the delay table and is about 330 px wide at 1366
    chart = alt.layer(*layers).properties(
        height=HEIGHT, title=alt.TitleParams(["Completitud acumulada", "de actividades por año"]))
    return _spec(_configure(chart))


# --- Words: each chart's accessible name and its summary, from the frame it draws ---------
# The 2030 value of every line (plan, scenario, saved scenarios) and the latest reported value,
# written as the chart writes them (the frame's ``label``).


def _last_points(frame: pd.DataFrame) -> dict[str, dict]:
    """Per line, its last point (by year) that has a value: {'year', 'label'} (plain Python
    over the columns: it runs on every slider step)."""
    last: dict[str, dict] = {}
    for serie, year, value, label in zip(frame["serie"], frame["year"], frame["value"],
                                         frame["label"]):
        if value is None or pd.isna(value):
            continue
        if serie not in last or year > last[serie]["year"]:
            last[serie] = {"year": year, "label": label}
    return last


def projection_words(frame: pd.DataFrame, title: str) -> tuple[str, str]:
    """(name, summary) of the projection chart. The name gives what a slider does not move: the
    plan's 2030 value and the latest reported value; the summary adds the scenario's 2030 value."""
    last = _last_points(frame) if len(frame) else {}
    plan, scenario = last.get(PLAN_LABEL), last.get(SCENARIO_LABEL)
    if plan is None or scenario is None:
        return no_data(title), no_data(title)
    actual = last.get(ACTUAL_LABEL)
    reported = "" if actual is None else msg("describe.projection_reported",
                                             value=actual["label"], year=int(actual["year"]))
    common = dict(title=title, plan_label=PLAN_LABEL, plan=plan["label"],
                  scenario_label=SCENARIO_LABEL, final_year=config.FINAL_YEAR, reported=reported)
    return (msg("describe.projection_name", **common),
            msg("describe.projection", scenario=scenario["label"], **common))


def comparison_words(frame: pd.DataFrame, title: str) -> tuple[str, str]:
    """(name, summary) of the comparison chart: the lines it draws (and the plan's 2030 value);
    every line's 2030 value."""
    final = frame[frame["year"] == config.FINAL_YEAR].drop_duplicates("serie")
    if final.empty:
        return no_data(title), no_data(title)
    pairs = list(zip(final["serie"], final["label"]))
    plan = [label for serie, label in pairs if serie == PLAN_LABEL]
    name = msg("describe.comparison_name", title=title,
               plan=f"{PLAN_LABEL} {plan[0]} en {config.FINAL_YEAR}" if plan else PLAN_LABEL,
               scenarios=spanish_list(serie for serie, _ in pairs if serie != PLAN_LABEL))
    return name, msg("describe.comparison", title=title, final_year=config.FINAL_YEAR,
                     values=spanish_list(f"{serie} {label}" for serie, label in pairs))


def delay_completion_words(frame: pd.DataFrame) -> tuple[str, str]:
    """(name, summary) of the completion chart: the plan's share by 2030 (delays do not move it);
    the scenario's too, and when it finishes them all if that is later."""
    at_end = frame[frame["year"] == config.FINAL_YEAR].set_index("serie")["label"]
    if not {"Plan", "Escenario"} <= set(at_end.index):
        empty = no_data(msg("describe.completion_years_title"))
        return empty, empty
    later = frame[(frame["serie"] == "Escenario") & (frame["year"] > config.FINAL_YEAR)]
    return (msg("describe.delay_completion_name", final_year=config.FINAL_YEAR,
                plan=at_end["Plan"]),
            msg("describe.delay_completion", final_year=config.FINAL_YEAR,
                plan=at_end["Plan"], scenario=at_end["Escenario"],
                later=msg("describe.delay_later", share=later.iloc[-1]["label"],
                          year=int(later.iloc[-1]["year"])) if len(later) else ""))
