"""Charts on the pages: built once per data version, drawn from a ready Vega-Lite dict.

``st.altair_chart`` converts an Altair chart on every run and validates it against the Vega-Lite
JSON schema each time (about a third of a page's time, measured). Here a chart is converted once,
when its read model is computed (``views.models``): the same conversion Streamlit does (the theme
"none", the data as Arrow IPC bytes named by their hash), without the schema check — the chart
builders in hdras are checked against the schema by the tests instead. Drawing is then
``st.vega_lite_chart`` with that dict: a copy of bytes, no pandas, no validation.
"""

from __future__ import annotations

import hashlib
import threading

import altair as alt
import streamlit as st
from streamlit import dataframe_util

_ALTAIR_GLOBALS = threading.Lock()  # Altair's theme and data transformer are process-wide


def spec_of(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite dict Streamlit would draw for ``chart``, its datasets as Arrow bytes."""
    datasets: dict[str, bytes] = {}

    def to_arrow(data) -> dict[str, str]:
        payload = dataframe_util.convert_anything_to_arrow_bytes(data)
        name = "data-" + hashlib.sha256(payload).hexdigest()[:32]
        datasets[name] = payload
        return {"name": name}

    with _ALTAIR_GLOBALS:
        alt.data_transformers.register("hdras_arrow", to_arrow)
        with alt.theme.enable("none"), alt.data_transformers.enable("hdras_arrow"):
            spec = chart.to_dict(validate=False)
    spec["datasets"] = {**spec.get("datasets", {}), **datasets}
    return spec


def draw(spec: dict, key: str, data=None, width: str | None = None) -> None:
    """Draw a ready spec (``data``: a frame for a spec without datasets; ``width`` as
    ``st.altair_chart`` takes it: "stretch", or None for the chart's own width)."""
    st.vega_lite_chart(data, spec, width=width, key=key)
