"""Altair builders for the goals (plan trajectory with the actuals overlaid) and chart export.

Builders return charts and take frames from ``hdras.goals.series``; they never set a width so the page can
stretch them, and ``chart_image`` fixes one for PNG/SVG export. Each view of the Metas page is a
list of ``Figure``: the chart, the frame offered as CSV, and what to write next to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import altair as alt
import pandas as pd
import vl_convert

from hdras.core import config
from hdras.core.chart_style import (ACTUAL_COLOUR, BASELINE_COLOUR, PLAN_COLOUR, SOURCE_COLOURS,
                                    YEAR_MARK_COLOUR, axis_title, chart_title, over_target,
                                    readable, starts_at_zero, year_axis)
from hdras.core.formatting import format_number, format_value, unit_label
from hdras.core.messages import msg
from hdras.goals import chart_text, series as goals
from hdras.goals.series import GoalSeries, GoalSet, goal_label

HEIGHT = 380  # the whole chart when stretched in a page (title and legend included)
EXPORT_WIDTH = 720
VIEWS = ("M1", "M2", "M3", "M4", "M5", "M6")
# Views whose first two figures are read together, side by side (% beside m³/s; cumulative
# beside yearly).
PAIRED_VIEWS = {"M2": 2, "M4": 2}


@dataclass
class Figure:
    """One chart of a view with its downloadable data and the notes shown beside it."""
    key: str
    chart: alt.TopLevelMixin
    data: pd.DataFrame
    notes: list[str] = field(default_factory=list)


# --- One series: plan trajectory + actuals ----------------------------------------------------

def trajectory_frame(rows: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Long frame for ``trajectory_chart``: the baseline, the yearly targets and the actuals.

    The actual line starts at the baseline (the observed path since 2024, as the ratio R reads
    it); that starting row has ``marker`` False so it is not drawn twice.
    """
    plan = rows[rows["target"].notna()]
    marks = [pd.DataFrame({
        "year": plan["year"], "value": plan["target"], "line": "plan", "marker": True,
        "serie": [msg("chart.series_baseline") if y == config.BASELINE_YEAR
                  else msg("chart.series_plan") for y in plan["year"]],
        "label": plan["target_text"], "source": msg("chart.source_plan")})]
    done = rows[rows["actual"].notna() & (rows["year"] > config.BASELINE_YEAR)]
    if not done.empty:
        start = plan[plan["year"] == config.BASELINE_YEAR]
        marks.append(pd.DataFrame({
            "year": start["year"], "value": start["target"], "line": "actual", "marker": False,
            "serie": msg("chart.series_baseline"), "label": start["target_text"],
            "source": msg("chart.source_plan")}))
        marks.append(pd.DataFrame({
            "year": done["year"], "value": done["actual"], "line": "actual", "marker": True,
            "serie": [msg("chart.series_derived") if d else msg("chart.series_actual")
                      for d in done["derived"]],
            "label": [format_value(v, unit) for v in done["actual"]],
            "source": [_source_text(src, demo) for src, demo in zip(done["source"],
                                                                    done["is_demo"])]}))
    frame = pd.concat(marks, ignore_index=True)
    frame["year"] = frame["year"].astype(int)
    return frame


def _source_text(source, demo: bool) -> str:
    """The reported source, marked when it is fictitious demo data."""
    text = "" if source is None or pd.isna(source) else str(source)
    return " · ".join(t for t in (text, msg("demo.label") if demo else "") if t)


def _series_scales(present: pd.Series) -> tuple[alt.Scale, alt.Scale]:
    """Colour and shape per series name, listing only the series drawn (a clean legend)."""
    styles = {msg("chart.series_baseline"): (BASELINE_COLOUR, "diamond"),
              msg("chart.series_plan"): (PLAN_COLOUR, "circle"),
              msg("chart.series_actual"): (ACTUAL_COLOUR, "circle"),
              msg("chart.series_derived"): (ACTUAL_COLOUR, "triangle-up")}
    names = [name for name in styles if name in set(present)]
    return (alt.Scale(domain=names, range=[styles[n][0] for n in names]),
            alt.Scale(domain=names, range=[styles[n][1] for n in names]))


def _value_axis(values: pd.Series, unit: str) -> tuple[alt.Scale, alt.Axis]:
    """Start at zero unless the series lives far from it (Meta 6: 37 → 40 EPS); whole ticks for
    counts of utilities."""
    scale = alt.Scale(zero=starts_at_zero(values), nice=True)
    axis = alt.Axis(format="d", tickMinStep=1) if unit == "EPS" else alt.Axis()
    return scale, axis


def _legend(title: str | None) -> alt.Legend:
    """Below the plot, two entries per row, labels never cut (charts may be half a page wide)."""
    return alt.Legend(title=title, orient="bottom", direction="horizontal", columns=2,
                      labelLimit=0)


def _tooltip() -> list[alt.Tooltip]:
    return [alt.Tooltip("year:Q", title=msg("chart.axis_year"), format="d"),
            alt.Tooltip("serie:N", title=msg("chart.tooltip_series")),
            alt.Tooltip("label:N", title=msg("chart.tooltip_value")),
            alt.Tooltip("source:N", title=msg("chart.tooltip_source"))]


def trajectory_chart(series: GoalSeries, year: int, title: str | None = None,
                     subtitle: str | None = None) -> alt.LayerChart:
    """Plan (baseline 2024 → yearly targets, dashed) and reported actuals (solid) of one series,
    with the 2030 target as a labelled horizontal line and the analysis year marked."""
    unit, rows = series.unit, series.frame()
    frame = trajectory_frame(rows, unit)
    plan = frame[frame["line"] == "plan"]
    frame["over_plan"] = over_target(frame["year"], frame["value"], frame["line"] == "actual",
                                     dict(zip(plan["year"], plan["value"])))
    colours, shapes = _series_scales(frame.loc[frame["marker"], "serie"])
    y_scale, y_axis = _value_axis(frame["value"], unit)
    y = alt.Y("value:Q", title=axis_title(unit), scale=y_scale, axis=y_axis)
    base = alt.Chart(frame)
    # The lines only join the points (which carry the values, the tooltips and the legend):
    # hidden from assistive technology, so an empty one (no actuals yet) is not announced.
    plan_line = base.transform_filter(alt.datum.line == "plan").mark_line(
        color=PLAN_COLOUR, strokeDash=[6, 4], strokeWidth=2, aria=False).encode(x=year_axis(), y=y)
    actual_line = base.transform_filter(alt.datum.line == "actual").mark_line(
        color=ACTUAL_COLOUR, strokeWidth=3, aria=False).encode(x=year_axis(), y=y)
    markers = base.transform_filter(alt.datum.marker)
    points = markers.mark_point(filled=True, size=90, opacity=1).encode(
        x=year_axis(), y=y,
        color=alt.Color("serie:N", scale=colours, legend=_legend(None)),
        shape=alt.Shape("serie:N", scale=shapes, legend=None), tooltip=_tooltip())
    actual_labels = [markers.transform_filter(
        (alt.datum.line == "actual") & (alt.datum.over_plan if over else ~alt.datum.over_plan)
    ).mark_text(dx=8, dy=-12 if over else 12, align="left", fontSize=11, fontWeight="bold",
                color=ACTUAL_COLOUR).encode(x=year_axis(), y=y, text="label:N")
        for over in (True, False)]
    layers = [plan_line, actual_line, points, *actual_labels,
              *_final_target_layers(rows, unit, y_scale), _analysis_year_layer(year)]
    title = title or msg("chart.title_goal", label=series.label, title=series.short_title)
    chart = alt.layer(*layers).properties(
        height=HEIGHT, title=chart_title(title, subtitle or msg("chart.subtitle_goal")))
    return readable(chart, chart_text.describe_trajectory(series, year))


def _final_target_layers(rows: pd.DataFrame, unit: str, y_scale: alt.Scale) -> list[alt.Chart]:
    final = rows.loc[rows["year"] == config.FINAL_YEAR, "target"].dropna()
    if final.empty:
        return []
    value = float(final.iloc[0])
    frame = pd.DataFrame({"value": [value], "year": [config.BASELINE_YEAR],
                          "label": [msg("chart.target_final", value=format_value(value, unit))]})
    y = alt.Y("value:Q", scale=y_scale)
    rule = alt.Chart(frame).mark_rule(color=BASELINE_COLOUR, strokeDash=[2, 3],
                                      strokeWidth=1.5).encode(y=y)
    text = alt.Chart(frame).mark_text(align="left", dy=-7, fontSize=12, fontWeight="bold",
                                      color=BASELINE_COLOUR).encode(
        x=year_axis(), y=y, text="label:N")
    return [rule, text]


def _analysis_year_layer(year: int) -> alt.Chart:
    frame = pd.DataFrame({"year": [year], "label": [msg("chart.selected_year", year=year)]})
    rule = alt.Chart(frame).mark_rule(color=YEAR_MARK_COLOUR, strokeWidth=6, opacity=0.35).encode(
        x=year_axis(), tooltip=[alt.Tooltip("label:N", title=msg("chart.tooltip_series"))])
    return rule


def trajectory_csv(series: GoalSeries) -> pd.DataFrame:
    """The data behind ``trajectory_chart``, with Spanish headers, one row per year."""
    rows = series.frame()
    return pd.DataFrame({
        msg("csv.series"): series.code, msg("csv.year"): rows["year"].astype(int),
        msg("csv.unit"): unit_label(series.unit), msg("csv.target"): rows["target"],
        msg("csv.target_text"): rows["target_text"], msg("csv.actual"): rows["actual"],
        msg("csv.source"): rows["source"],
        msg("csv.derived"): _yes_no(rows["derived"], rows["actual"]),
        msg("csv.demo"): _yes_no(rows["is_demo"], rows["actual"])})


def _yes_no(flags: pd.Series, actual: pd.Series) -> pd.Series:
    """'Sí'/'No' where a value was reported, blank elsewhere."""
    return flags.map({True: "Sí", False: "No"}).where(actual.notna(), "")


def trajectory_figure(goal_set: GoalSet, code: str, year: int, **titles) -> Figure:
    """The standard figure of one series, its CSV and its footnote."""
    series = goal_set[code]
    return Figure(key=code, chart=trajectory_chart(series, year, **titles),
                  data=trajectory_csv(series), notes=footnotes(series))


def footnotes(series: GoalSeries) -> list[str]:
    """The plan's footnote (¹, ²) or the curators' reading note of a series, labelled as such."""
    note = series.footnote
    if not isinstance(note, str) or not note.strip():
        return []
    kind = "chart.note_plan" if note.startswith(("¹", "²")) else "chart.note_reading"
    return [msg(kind, label=series.label, note=note)]


# --- Meta 2: reuse ----------------------------------------------------------------------------

def total_flow_chart(table: pd.DataFrame, year: int) -> alt.LayerChart:
    """The total wastewater flow implied by Meta 2's % and m³/s, per year (plan and reported)."""
    plan = pd.DataFrame({"year": table["year"], "value": table["total_plan"],
                         "serie": msg("chart.total_plan")})
    done = pd.DataFrame({"year": table["year"], "value": table["total_actual"],
                         "serie": msg("chart.total_actual")})
    frame = pd.concat([plan, done], ignore_index=True).dropna(subset=["value"])
    frame["label"] = frame["value"].map(lambda v: format_value(v, "m3/s", 1))
    colours = alt.Scale(domain=[msg("chart.total_plan"), msg("chart.total_actual")],
                        range=[PLAN_COLOUR, ACTUAL_COLOUR])
    y = alt.Y("value:Q", title=msg("chart.axis_total_flow"), scale=alt.Scale(zero=True))
    base = alt.Chart(frame).encode(x=year_axis(), y=y, color=alt.Color(
        "serie:N", scale=colours, legend=_legend(None)))
    lines = base.mark_line(point=alt.OverlayMarkDef(filled=True, size=70)).encode(
        tooltip=[alt.Tooltip("year:Q", title=msg("chart.axis_year"), format="d"),
                 alt.Tooltip("serie:N", title=msg("chart.tooltip_series")),
                 alt.Tooltip("label:N", title=msg("chart.tooltip_value"))])
    labels = base.transform_filter(alt.datum.serie == msg("chart.total_plan")).mark_text(
        dy=-12, fontSize=11).encode(text="label:N")
    chart = alt.layer(lines, labels, _analysis_year_layer(year)).properties(
        height=HEIGHT, title=chart_title(msg("chart.total_flow_title"),
                                         msg("chart.total_flow_subtitle")))
    return readable(chart, chart_text.describe_total_flow(table))


def reuse_csv(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        msg("csv.year"): table["year"].astype(int),
        msg("csv.pct_target"): table["pct_target"], msg("csv.flow_target"): table["flow_target"],
        msg("csv.total_plan"): table["total_plan"].round(2),
        msg("csv.pct_actual"): table["pct_actual"], msg("csv.flow_actual"): table["flow_actual"],
        msg("csv.total_actual"): table["total_actual"].round(2)})


def reuse_view(goal_set: GoalSet, year: int) -> list[Figure]:
    """Meta 2 as % and as flow together, and the total flow the two series imply."""
    table = goals.reuse_table(goal_set)
    base = table.loc[table["year"] == config.BASELINE_YEAR].iloc[0]
    note = msg("goals.reuse_total_note", flow=format_number(base["flow_target"]),
               pct=format_number(base["pct_target"], 1), total=format_number(base["total_plan"], 2),
               low=format_number(table["total_plan"].min(), 1),
               high=format_number(table["total_plan"].max(), 1))
    return [trajectory_figure(goal_set, "M2", year),
            trajectory_figure(goal_set, "M2-caudal", year),
            Figure("M2-total", total_flow_chart(table, year), reuse_csv(table), [note])]


# --- Meta 3: biosolids ------------------------------------------------------------------------

def ptar_chart(table: pd.DataFrame, year: int, total: int = goals.PTAR_TOTAL) -> alt.LayerChart:
    """Meta 3 in plants: the PTAR equivalent of each yearly % (bars) and of the reported %."""
    plan = table[table["pct_target"].notna()].assign(
        serie=msg("chart.ptar_plan"),
        label=lambda t: [msg("chart.ptar_label", n=int(n)) for n in t["ptar_needed"]],
        exact=lambda t: t["ptar_target"].map(lambda v: format_number(v, 1)),
        pct=lambda t: t["pct_target"].map(lambda v: format_value(v, "%")))
    done = table[table["pct_actual"].notna()].assign(
        serie=msg("chart.ptar_actual"),
        pct=lambda t: t["pct_actual"].map(lambda v: format_value(v, "%")))
    tooltip = [alt.Tooltip("year:Q", title=msg("chart.axis_year"), format="d"),
               alt.Tooltip("pct:N", title=msg("chart.tooltip_pct"))]
    y_title = msg("chart.axis_ptar", total=total)
    bars = alt.Chart(plan).mark_bar(color=PLAN_COLOUR, opacity=0.6, size=26).encode(
        x=year_axis(), y=alt.Y("ptar_target:Q", title=y_title),
        tooltip=tooltip + [alt.Tooltip("exact:N", title=msg("chart.tooltip_ptar_exact")),
                           alt.Tooltip("label:N", title=msg("chart.tooltip_ptar_needed"))])
    labels = alt.Chart(plan).mark_text(dy=-8, fontSize=11).encode(
        x=year_axis(), y="ptar_target:Q", text="label:N")
    layers = [bars, labels]
    if not done.empty:
        layers.append(alt.Chart(done).mark_point(filled=True, size=110, shape="diamond",
                                                 color=ACTUAL_COLOUR).encode(
            x=year_axis(), y="ptar_actual:Q",
            tooltip=tooltip + [alt.Tooltip("ptar_actual:Q", title=msg("chart.ptar_actual"))]))
    layers.append(_analysis_year_layer(year))
    chart = alt.layer(*layers).properties(height=HEIGHT, title=chart_title(
        msg("chart.ptar_title", total=total), msg("chart.ptar_subtitle", total=total)))
    return readable(chart, chart_text.describe_ptar(table, total))


def biosolids_csv(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        msg("csv.year"): table["year"].astype(int), msg("csv.pct_target"): table["pct_target"],
        msg("csv.ptar_target"): table["ptar_target"].round(2),
        msg("csv.ptar_needed"): table["ptar_needed"], msg("csv.pct_actual"): table["pct_actual"],
        msg("csv.ptar_actual"): table["ptar_actual"]})


def biosolids_view(goal_set: GoalSet, year: int) -> list[Figure]:
    """Meta 3 % and what it means in PTAR out of 172 (footnote ¹)."""
    table = goals.biosolids_table(goal_set)
    share = goals.PTAR_REUSING_2024 / goals.PTAR_TOTAL * 100
    note = msg("goals.ptar_note", n=goals.PTAR_REUSING_2024, total=goals.PTAR_TOTAL,
               share=format_number(share, 1),
               final=int(table.loc[table["year"] == config.FINAL_YEAR, "ptar_needed"].iloc[0]))
    return [trajectory_figure(goal_set, "M3", year),
            Figure("M3-ptar", ptar_chart(table, year), biosolids_csv(table), [note])]


# --- Meta 4: renewables -----------------------------------------------------------------------

def increments_chart(parts: pd.DataFrame, year: int) -> alt.LayerChart:
    """New utilities per year by source (4.1 biogás, 4.2 otras fuentes): plan bars side by side,
    reported increments as diamonds. Not cumulative."""
    frame = parts.assign(
        label=parts["target"].map(lambda v: format_number(v)),
        fuente=parts["code"].map(goal_label) + " · " + parts["source"].str.replace(
            r"^Meta 4\.\d\s*", "", regex=True))
    domain = frame.drop_duplicates("code")["fuente"].tolist()
    colours = alt.Scale(domain=domain, range=[SOURCE_COLOURS.get(c, PLAN_COLOUR)
                                              for c in frame.drop_duplicates("code")["code"]])
    x = alt.X("year:O", title=msg("chart.axis_year"), axis=alt.Axis(labelAngle=0))
    y_title = msg("chart.axis_new_eps")
    tooltip = [alt.Tooltip("year:O", title=msg("chart.axis_year")),
               alt.Tooltip("fuente:N", title=msg("chart.legend_source")),
               alt.Tooltip("target_text:N", title=msg("chart.series_plan")),
               alt.Tooltip("actual:Q", title=msg("chart.series_actual"))]
    base = alt.Chart(frame).encode(x=x, xOffset=alt.XOffset("fuente:N", scale=alt.Scale(
        domain=domain)))
    bars = base.mark_bar(opacity=0.75).encode(
        y=alt.Y("target:Q", title=y_title), tooltip=tooltip,
        color=alt.Color("fuente:N", scale=colours, legend=_legend(msg("chart.legend_source"))))
    labels = base.mark_text(dy=-7, fontSize=11).encode(y="target:Q", text="label:N")
    layers = [bars, labels]
    if frame["actual"].notna().any():  # an empty layer would be announced without a name
        layers.append(base.transform_filter("isValid(datum.actual)").mark_point(
            shape="diamond", filled=True, size=110, color="#111827").encode(
            y="actual:Q", tooltip=tooltip))
    # Grouped bars (xOffset) are laid out by band steps, and Streamlit's stretch then clips the
    # top of the title: a top padding keeps the whole title in view.
    chart = alt.layer(*layers).properties(height=HEIGHT, title=chart_title(
        msg("chart.increments_title"), msg("chart.increments_subtitle")),
        padding={"top": 28, "left": 5, "right": 5, "bottom": 5})
    return readable(chart, chart_text.describe_increments(parts))


def renewables_csv(cumulative: pd.DataFrame, parts: pd.DataFrame) -> pd.DataFrame:
    wide = cumulative[["year", "target", "plan_check", "actual", "derived"]].rename(columns={
        "year": msg("csv.year"), "target": msg("csv.m4_target"),
        "plan_check": msg("csv.m4_check"), "actual": msg("csv.m4_actual"),
        "derived": msg("csv.derived")})
    for code, rows in parts.groupby("code", sort=True):
        wide = wide.merge(rows[["year", "target", "actual"]].rename(columns={
            "year": msg("csv.year"), "target": msg("csv.new_target", series=code),
            "actual": msg("csv.new_actual", series=code)}), on=msg("csv.year"),
            how="left")
    wide[msg("csv.derived")] = wide[msg("csv.derived")].map({True: "Sí", False: "No"})
    return wide


def renewables_view(goal_set: GoalSet, year: int) -> list[Figure]:
    """Meta 4 as the cumulative count of utilities and, beside it, the new ones per year."""
    cumulative, parts = goals.renewables_tables(goal_set)
    consistent = bool(((cumulative["target"] - cumulative["plan_check"]).abs() < 1e-9).all())
    check = msg("goals.m4_identity_ok" if consistent else "goals.m4_identity_broken")
    table = renewables_csv(cumulative, parts)
    return [trajectory_figure(goal_set, "M4", year, title=msg("chart.cumulative_title"),
                              subtitle=msg("chart.cumulative_subtitle")),
            Figure("M4-increments", increments_chart(parts, year), table,
                   [msg("goals.increment_status_note"), check])]


# --- Views and export -------------------------------------------------------------------------

def build_view(view: str, goal_set: GoalSet, year: int) -> list[Figure]:
    """The figures of one view of the Metas page ('M1' … 'M6')."""
    if view == "M2":
        return reuse_view(goal_set, year)
    if view == "M3":
        return biosolids_view(goal_set, year)
    if view == "M4":
        return renewables_view(goal_set, year)
    return [trajectory_figure(goal_set, view, year)]


def view_from_link(value: str | None) -> str:
    """The view a link asks for ('?vista=M2', case-insensitive), else the first one."""
    wanted = (value or "").strip().upper()
    return wanted if wanted in VIEWS else VIEWS[0]


def chart_image(chart: alt.TopLevelMixin, fmt: str = "png", width: int = EXPORT_WIDTH,
                scale: float = 2.0) -> bytes:
    """The chart as PNG or SVG bytes (vl-convert, offline: no remote URL may be loaded)."""
    spec = chart.properties(width=width).to_json()
    if fmt == "png":
        return vl_convert.vegalite_to_png(spec, scale=scale, allowed_base_urls=[])
    if fmt == "svg":
        return vl_convert.vegalite_to_svg(spec, allowed_base_urls=[]).encode("utf-8")
    raise ValueError(f"unknown image format {fmt!r}")
