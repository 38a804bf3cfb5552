"""Metas: each goal's plan trajectory with the reported actuals, and its status (design §5)."""

import streamlit as st

from hdras.core import text
from hdras.core.messages import msg
from hdras.goals import charts, display, series as goals, status
from views import charts as chart_ui, common, models, present

year = common.selected_year()
st.title("Metas: trayectoria del plan y avance reportado")
st.caption(f"Año de análisis: **{year}** (se cambia en la barra lateral). Línea base 2024, metas "
           "anuales de la Tabla 1 del Plan de Implementación 2025 y avances importados.")

with common.domain_errors():
    page = models.metas(year)
table = page["status"]
if not page["has_actuals"]:
    st.info(msg("goals.no_actuals"), icon=":material/info:")


def method_expander() -> None:
    """The formulas and their source, shown under every view."""
    with st.expander(msg("status.method_title"), icon=":material/function:"):
        st.markdown(msg("status.method_intro"))
        st.markdown(msg("status.method_attainment"))
        st.latex(status.FORMULAS["attainment"])
        st.markdown(msg("status.method_ratio"))
        st.latex(status.FORMULAS["ratio"])
        st.markdown(msg("status.method_thresholds"))
        st.markdown(msg("status.method_pace"))
        st.latex(status.FORMULAS["pace"])
        st.latex(status.FORMULAS["year_reached"])
        st.markdown(msg("status.method_increment"))
        st.markdown(msg("status.method_source", url=status.SOURCE_URL))


def image(view: str, key: str, fmt: str) -> bytes:
    """The PNG or SVG of one figure, drawn only when its button is pressed."""
    figure = next(f for f in charts.build_view(view, models.goal_set(), year) if f.key == key)
    return charts.chart_image(figure.chart, fmt)


def downloads(view: str, figure: dict) -> None:
    """PNG, SVG and CSV of one figure; images are drawn only when asked for."""
    cols = st.columns(3)
    key, name = figure["key"], f"hdras-{figure['key']}-{year}"
    cols[0].download_button("PNG", lambda: image(view, key, "png"),
                            file_name=f"{name}.png", mime="image/png", key=f"png-{key}",
                            icon=":material/image:", on_click="ignore")
    cols[1].download_button("SVG", lambda: image(view, key, "svg"),
                            file_name=f"{name}.svg", mime="image/svg+xml", key=f"svg-{key}",
                            icon=":material/draw:", on_click="ignore")
    cols[2].download_button("CSV", lambda: text.csv_bytes(figure["data"]),
                            file_name=f"{name}.csv", mime="text/csv", key=f"csv-{key}",
                            icon=":material/table:", on_click="ignore")


def show_figure(view: str, figure: dict) -> None:
    chart_ui.draw(figure["chart"].spec, key=f"chart-{figure['key']}", width="stretch")
    downloads(view, figure)
    present.chart_data(figure["see_data"], f"chart-{figure['key']}")


def show_notes(figures: list[dict]) -> None:
    """The plan's footnotes and reading notes, beside the charts they belong to."""
    notes = [note for figure in figures for note in figure["notes"]]
    if notes:
        st.markdown(f"**{msg('goals.notes_title')}**")
    for note in notes:
        st.caption(note)


def status_table() -> None:
    """Every series' status for the year: the page's message, on the first screen."""
    st.markdown(f"**Estado de las metas · {year}**")
    st.dataframe(page["display"], hide_index=True, width="stretch",
                 column_config={name: st.column_config.Column(**options)
                                for name, options in display.display_columns(year).items()})


def status_cards(view: str) -> None:
    rows = table[table["code"].eq(view) | table["parent_code"].eq(view)]  # goal and sub-series
    for column, row in zip(st.columns(len(rows)), rows.itertuples()):
        with column.container(border=True, key=f"status-{row.code}"):
            st.markdown(f"**{goals.goal_label(row.code)}** · {row.short_title}  \n"
                        f"{present.badge_of(status.CATEGORIES[row.status])}")
            st.markdown("  \n".join(display.describe(row)))


@st.fragment
@common.guarded
def view_section() -> None:
    """The status table beside the chosen view's first chart (a meeting's first screen at
    1366×768), then the view's status cards and its other charts. The view has its own
    selector: changing it reruns only this part."""
    common.follow_address("vista", "vista", charts.view_from_link)  # a link ?vista=M2, Back
    view = st.segmented_control("Vista", charts.VIEWS, key="vista", required=True,
                                label_visibility="collapsed",  # its name stays «Vista»
                                format_func=lambda v: msg(f"goals.view_{v}")) or charts.VIEWS[0]
    st.query_params["vista"] = view
    with common.domain_errors():
        figures = models.goal_view(view, year)
    table_col, first_col = st.columns([11, 9], gap="medium")
    with table_col:
        status_table()
    with first_col:
        for figure in figures[:1]:  # every view draws at least the plan's targets
            show_figure(view, figure)
    status_cards(view)
    paired = charts.PAIRED_VIEWS.get(view, 0)  # M2 and M4: always two charts
    if paired:  # the pair's second chart beside the notes of both
        chart_col, notes_col = st.columns([2, 1])
        with chart_col:
            show_figure(view, figures[1])
        with notes_col:
            show_notes(figures[:paired])
    elif figures[:1] and figures[0]["notes"]:
        show_notes(figures[:1])
    for figure in figures[max(paired, 1):]:
        if not figure["notes"]:
            show_figure(view, figure)
            continue
        chart_col, notes_col = st.columns([3, 1])
        with chart_col:
            show_figure(view, figure)
        with notes_col:
            show_notes([figure])


view_section()
method_expander()
