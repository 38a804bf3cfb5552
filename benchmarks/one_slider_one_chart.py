"""The yardstick of ``bench_keys.py``: a bare Streamlit page with one slider and one chart."""

import altair as alt
import pandas as pd
import streamlit as st

value = st.slider("Valor", 0.0, 10.0, 1.0, step=0.1, key="yardstick")
frame = pd.DataFrame({"x": range(7), "y": [value * i for i in range(7)]})
st.altair_chart(alt.Chart(frame).mark_line(point=True).encode(x="x:Q", y="y:Q"), width="stretch")
