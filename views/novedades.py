"""Novedades: what changed between two dates (design §9): batches imported and rolled back and
who did it, goal values and statuses that moved, activities whose status for a year moved."""

import dataclasses
import datetime as dt

import streamlit as st

from hdras.core import config
from hdras.core.errors import HdrasError
from hdras.core.formatting import format_moment
from hdras.core.messages import msg
from hdras.report import change_tables, changes
from views import common, models, present

SINCE, UNTIL, QUICK = "nov_since", "nov_until", "nov_quick"

st.title("Novedades: qué cambió desde la última reunión")
st.caption(msg("changes.net_rule"))

with common.domain_errors():
    days = models.event_days()

today = config.now().date()


def _since_from_link(text: str | None) -> dt.date:
    """The first day of a link ?desde=2026-03-31, else the last 90 days."""
    try:
        return changes.parse_moment(text or "").date()
    except HdrasError:
        return today - dt.timedelta(days=changes.DEFAULT_DAYS)


common.follow_address(SINCE, "desde", _since_from_link)  # a shared link, Back and Forward


def _quick_choice() -> None:
    """A day of imports or rollbacks: everything from that day on (the day before, to its end)."""
    day = st.session_state.get(QUICK)
    if day:
        st.session_state[SINCE] = day - dt.timedelta(days=1)


labels = {day: msg("changes.quick_since", day=day.strftime("%d/%m/%Y"), events=events)
          for day, events in days}
if labels:
    st.pills("Un clic: desde un día en que se cargó o revirtió avance (p. ej., la última "
             "reunión de seguimiento)", list(labels), format_func=labels.get, key=QUICK,
             on_change=_quick_choice)
left, right, _ = st.columns([1, 1, 2])
since_day = left.date_input("Desde el final del día", key=SINCE, max_value=today,
                            format="DD/MM/YYYY", help="Por defecto, los últimos 90 días.")
until_day = right.date_input("Hasta el final del día", value=today, key=UNTIL, max_value=today,
                             format="DD/MM/YYYY", help="Hoy: hasta este momento.")
st.query_params["desde"] = since_day.isoformat()

since = changes.end_of_day(since_day)
until = None if until_day >= today else changes.end_of_day(until_day)  # None: up to now
try:
    with common.domain_errors():
        found = models.changes_between(since, until)
except HdrasError as exc:  # a window that ends before it starts
    common.show_error(exc)
    st.stop()
if until is None:
    found = dataclasses.replace(found, until=config.now())  # the same data, shown as of now
until = found.until

st.markdown(f"**{change_tables.window_text(found)}**")
if found.empty:
    st.success(msg("changes.nothing", since=format_moment(since),
                   until=format_moment(until)), icon=":material/check:")
    st.stop()

for heading, table, empty in change_tables.sections(found):
    st.subheader(heading)
    if table.empty:
        st.caption(empty)
    elif len(table) > 12:  # a long list scrolls inside its own box
        st.dataframe(table, hide_index=True, width="stretch", key=f"nov-{heading[:12]}",
                     column_config={msg("changes.col_title"): st.column_config.TextColumn(
                         width="large")})
    else:
        present.table(table, heading)
st.caption(f"Fechas y horas en {config.timezone_label()}. Los estados de las metas usan las "
           "reglas de la página Metas; los de las actividades son los del libro de avance.")
