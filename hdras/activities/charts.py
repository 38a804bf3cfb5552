"""Altair charts of the activity views: the schedule (Gantt) and completion counts.

Every status carries its label and icon (legend, tooltips, icons on the cells) beside the colour;
the icons and counts written on a fill take ``chart_style.text_on`` (AA contrast). Each chart has its
description (``hdras.activities.chart_text``). Builders take the frames of
``hdras.activities.schedule`` and return charts; they never query the database.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from hdras.activities import chart_text
from hdras.core import config
from hdras.core.chart_style import INK, WHITE, readable, text_on
from hdras.core.formatting import period_label
from hdras.activities.schedule import CATEGORIES, DISPLAY_STATUSES, OVERDUE_ICON, STATUS_STYLES

ROW_STEP = 22          # px per activity row: 92 rows stay readable without zooming
LABEL_CHARS = 60       # activity titles are cut here on the axis; the tooltip has the full text
LABEL_WIDTH = 360      # px reserved for the row labels
GANTT_WIDTH = 470      # px for the seven periods
HEADER_CHARS = 64      # a line's heading wraps here to stay above the periods
HEADER_LINE_BREAK = "|"
FUTURE_OPACITY = 0.6   # cells of years after the analysis year are drawn lighter
_OVERDUE_COLOUR = "#D55E00"


def truncate(text: str, limit: int = LABEL_CHARS) -> str:
    """Cut ``text`` at a word boundary near ``limit`` characters, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit * 0.6 else text[:limit]).rstrip(",.;: ") + "…"


def _status_scale(keys=DISPLAY_STATUSES) -> alt.Scale:
    return alt.Scale(domain=[STATUS_STYLES[k].tag for k in keys],
                     range=[STATUS_STYLES[k].colour for k in keys])


def gantt_frame(cells: pd.DataFrame, reference_year: int) -> pd.DataFrame:
    """The columns the Gantt draws: labels, positions, tooltip texts (one row per X mark)."""
    future = cells["year"].gt(reference_year)
    frame = cells.assign(
        row_label=cells["activity_code"] + "  " + cells["title"].map(truncate),
        group_label=(cells["objective_code"] + " › " + cells["line_code"] + "  "
                     + cells["line_title"]).map(_header_lines),
        group_order=cells["line_code"].map(_code_rank(cells["line_code"])),
        x0=cells["period_index"] + 0.06, x1=cells["period_index"] + 0.94,
        xc=cells["period_index"] + 0.5,
        period_text=cells["period"].map(period_label),
        action_text=cells["action_code"] + " "
                    + cells["action_title"].map(lambda t: truncate(t, 90)),
        overdue_text=cells["overdue"].map({True: f"{OVERDUE_ICON} Sí", False: "No"}),
        overdue_legend=_overdue_legend(reference_year),
        future=future,
        ink=[text_on(STATUS_STYLES[status].colour, FUTURE_OPACITY if later else 1.0)
             for status, later in zip(cells["display_status"], future)],
        band=cells["action_code"].map(_code_rank(cells["action_code"])) % 2,
        first=~cells.duplicated("activity_code"),
    )
    keep = ["activity_code", "title", "row_label", "group_label", "group_order", "order", "x0",
            "x1", "xc", "period_text", "year", "status_label", "icon", "overdue", "overdue_text",
            "overdue_legend", "future",
            "ink", "band", "first", "action_text", "responsible", "achieved", "target",
            "target_text", "comment"]
    return frame[keep]


def _code_rank(codes: pd.Series) -> dict[str, int]:
    from hdras.plan.queries import code_sort_key
    return {c: i for i, c in enumerate(sorted(codes.unique(), key=code_sort_key))}


def build_gantt_chart(cells: pd.DataFrame, reference_year: int) -> alt.FacetChart:
    """The schedule of section 2.1 as a Gantt: one row per activity, one cell per X mark.

    Rows are grouped under a header per action line (with its objective), in plan order; alternate
    actions get a light band; the year under analysis is shaded; cells show the status of their
    year (icon + colour, label in the legend and tooltip) and overdue cells a ⚠ and an orange
    (vermilion) border.
    """
    data = gantt_frame(cells, reference_year)
    y = alt.Y("row_label:N", sort=alt.SortField("order"), title=None,
              axis=alt.Axis(labelLimit=LABEL_WIDTH, labelPadding=LABEL_WIDTH + 8, labelAlign="left",
                            labelFontSize=11.5, labelColor="#262730", ticks=False, domain=False),
              scale=alt.Scale(paddingInner=0.18))
    ref = [i for i, p in enumerate(config.PERIODS) if p.startswith(str(reference_year))]
    first = alt.datum.first
    # Bands, the year's shading and the overdue outline are decoration (the icons say ⚠ and the
    # tooltips say everything): hidden from assistive technology, so an empty one is not announced.
    bands = alt.Chart().mark_rect(color="#EEF1F5", aria=False).encode(
        x=alt.datum(0), x2=alt.datum(len(config.PERIODS)), y=y,
    ).transform_filter(first & (alt.datum.band == 1))
    year_band = alt.Chart().mark_rect(color="#FFE9A8", opacity=0.55, aria=False).encode(
        x=alt.datum(min(ref, default=0)), x2=alt.datum(max(ref, default=0) + 1), y=y,
    ).transform_filter(first)
    tooltip = [alt.Tooltip("activity_code:N", title="Actividad"),
               alt.Tooltip("title:N", title="Título"),
               alt.Tooltip("action_text:N", title="Acción"),
               alt.Tooltip("responsible:N", title="Responsable"),
               alt.Tooltip("period_text:N", title="Periodo"),
               alt.Tooltip("status_label:N", title="Estado del año"),
               alt.Tooltip("overdue_text:N", title=f"Vencida (antes de {reference_year})"),
               alt.Tooltip("achieved:Q", title="Avance reportado"),
               alt.Tooltip("target_text:N", title="Meta del año (plan)"),
               alt.Tooltip("comment:N", title="Comentario")]
    x = alt.X("x0:Q", scale=alt.Scale(domain=[0, len(config.PERIODS)], nice=False, zero=False),
              title=None, axis=alt.Axis(
                  values=[i + 0.5 for i in range(len(config.PERIODS))], orient="top", grid=False,
                  ticks=False, domain=False, labelFontWeight="bold", labelOverlap=False,
                  labelFontSize=11.5, labelColor="#262730", labelExpr=_period_label_expr()))
    cells_layer = alt.Chart().mark_rect(cornerRadius=2).encode(
        x=x, x2="x1:Q", y=y,
        opacity=alt.condition(alt.datum.future, alt.value(FUTURE_OPACITY), alt.value(1.0)),
        color=alt.Color("status_label:N", scale=_status_scale(),
                        legend=alt.Legend(title="Estado del año", orient="top", columns=3,
                                          labelLimit=220)),
        tooltip=tooltip)
    overdue = alt.Chart().mark_rect(fill=None, strokeWidth=2.2, cornerRadius=2, aria=False).encode(
        x="x0:Q", x2="x1:Q", y=y,
        stroke=alt.Stroke("overdue_legend:N", scale=alt.Scale(
            domain=[_overdue_legend(reference_year)], range=[_OVERDUE_COLOUR]),
            legend=alt.Legend(title=f"Atraso (antes de {reference_year})", orient="top",
                              labelLimit=200)),
        tooltip=tooltip,
    ).transform_filter(alt.datum.overdue)
    icons = alt.Chart().mark_text(fontSize=12, fontWeight="bold").encode(
        x="xc:Q", y=y, text="icon:N",
        color=_ink(), tooltip=tooltip)
    layered = alt.layer(bands, year_band, cells_layer, overdue, icons).properties(
        width=GANTT_WIDTH, height=alt.Step(ROW_STEP))
    chart = layered.facet(
        data=data,
        row=alt.Row("group_label:N", sort=alt.SortField("group_order"), title=None,
                    header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start",
                                      labelOrient="top", labelFontWeight="bold", labelFontSize=13,
                                      labelColor="#262730",
                                      labelLimit=GANTT_WIDTH + 40, labelPadding=4,
                                      labelExpr=f"split(datum.value, '{HEADER_LINE_BREAK}')")),
        spacing=14,
    ).resolve_scale(y="independent").resolve_axis(x="independent").configure_view(stroke=None)
    return readable(chart, chart_text.describe_gantt(cells, reference_year))


def _ink() -> alt.Color:
    """The text colour a row's ``ink`` holds (``text_on`` its fill), as a value: a colour field
    would join the status legend and turn its squares into circles."""
    return alt.condition(alt.datum.ink == WHITE, alt.value(WHITE), alt.value(INK))


def _header_lines(text: str) -> str:
    """A line's heading in lines that fit above the periods, joined by "|" (the chart splits
    them): a long title would run past the chart's right edge on a 1366 px screen."""
    return HEADER_LINE_BREAK.join(textwrap.wrap(text, HEADER_CHARS))


def _overdue_legend(reference_year: int) -> str:
    """The overdue cells' legend entry (the legend title says before which year)."""
    return f"{OVERDUE_ICON} Vencida"


def _period_label_expr() -> str:
    labels = ", ".join(f"'{p}'" for p in config.PERIODS)
    return f"[{labels}][floor(datum.value)]"


def _long(frame: pd.DataFrame, id_cols: list[str]) -> pd.DataFrame:
    """Counts frame → one row per (group, category) with label, icon tag and stacking order."""
    long = frame.melt(id_vars=id_cols, value_vars=list(CATEGORIES), var_name="category",
                      value_name="count")
    long["status_label"] = long["category"].map(lambda k: STATUS_STYLES[k].tag)
    long["stack_order"] = long["category"].map({k: i for i, k in enumerate(CATEGORIES)})
    long["ink"] = long["category"].map(lambda k: text_on(STATUS_STYLES[k].colour))
    long["share"] = long["count"] / long["planned"].where(long["planned"] > 0)
    return long


def _stacked_layers(base: alt.Chart, value_axis: str, group_axis: alt.X | alt.Y, group_field: str,
                    tooltip: list) -> alt.LayerChart:
    """Stacked counts by category, each non-zero segment labelled with its count."""
    stacked = base.transform_stack(
        stack="count", groupby=[group_field],
        sort=[alt.SortField("stack_order")], as_=["lo", "hi"],
    ).transform_calculate(mid="(datum.lo + datum.hi) / 2")
    value = alt.X if value_axis == "x" else alt.Y
    value2 = alt.X2 if value_axis == "x" else alt.Y2
    bars = stacked.mark_bar().encode(
        value("lo:Q", title="Actividades"), value2("hi:Q"), group_axis,
        color=alt.Color("status_label:N", scale=_status_scale(CATEGORIES),
                        legend=alt.Legend(title="Estado", orient="top", labelLimit=220)),
        tooltip=tooltip)
    text = stacked.mark_text(fontSize=11, fontWeight="bold").encode(
        value("mid:Q"), group_axis, text="count:Q", color=_ink(),
    ).transform_filter(alt.datum.count > 0)
    return alt.layer(bars, text)


def build_completion_by_year_chart(by_year: pd.DataFrame, selected_year: int) -> alt.LayerChart:
    """Planned activities of each year 2025–2030 split into the four categories (stacked)."""
    data = _long(by_year, ["year", "planned"]).assign(
        year_label=lambda f: f["year"].astype(str) + f["year"].eq(selected_year).map(
            {True: " ◆", False: ""}))
    group = alt.X("year_label:N", title=None, sort=alt.SortField("year"),
                  axis=alt.Axis(labelAngle=0, labelFontWeight="bold"))
    tooltip = [alt.Tooltip("year:O", title="Año"), alt.Tooltip("status_label:N", title="Estado"),
               alt.Tooltip("count:Q", title="Actividades"),
               alt.Tooltip("planned:Q", title="Programadas"),
               alt.Tooltip("share:Q", title="Parte de las programadas", format=".0%")]
    chart = _stacked_layers(alt.Chart(data), "y", group, "year_label", tooltip)
    return readable(chart.properties(height=280), chart_text.describe_completion_by_year(by_year))


def build_breakdown_chart(counts: pd.DataFrame, group_title: str) -> alt.LayerChart:
    """One horizontal stacked bar per group (objective, line or unit) of ``schedule.breakdown``."""
    data = _long(counts.assign(
        group_label=counts["group"] + counts["group"].ne(counts["group_title"]).map(
            {True: "  ", False: ""}) + counts["group_title"].where(
            counts["group"].ne(counts["group_title"]), "").map(lambda t: truncate(t, 48)),
        group_rank=range(len(counts))), ["group", "group_label", "group_rank", "planned"])
    group = alt.Y("group_label:N", title=None, sort=alt.SortField("group_rank"),
                  axis=alt.Axis(labelLimit=360))
    tooltip = [alt.Tooltip("group_label:N", title=group_title),
               alt.Tooltip("status_label:N", title="Estado"),
               alt.Tooltip("count:Q", title="Actividades"),
               alt.Tooltip("planned:Q", title="Programadas"),
               alt.Tooltip("share:Q", title="Parte de las programadas", format=".0%")]
    chart = _stacked_layers(alt.Chart(data), "x", group, "group_label", tooltip)
    return readable(chart.properties(height=alt.Step(26)),
                    chart_text.describe_breakdown(counts, group_title))
