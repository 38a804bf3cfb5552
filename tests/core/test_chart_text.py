"""hdras.core.chart_text: the pieces every chart description and «Ver datos» table share."""

from __future__ import annotations

import pandas as pd

from hdras.core import chart_text, messages
from hdras.core.chart_text import (category_counts_text, lower_first, no_data, readable_table,
                                   spanish_list, wide_table)


def test_spanish_list_joins_with_y():
    assert spanish_list([]) == ""
    assert spanish_list(["a"]) == "a"
    assert spanish_list(["a", "b"]) == "a y b"
    assert spanish_list(["a", "b", "c"]) == "a, b y c"


def test_small_helpers():
    assert lower_first("Requiere aceleración") == "requiere aceleración"
    assert no_data("Meta 3") == "Meta 3: gráfico sin datos que mostrar."
    assert category_counts_text({"Completada": 3, "En proceso": 0, "No iniciada": 2}) == \
        "Completada 3, No iniciada 2"
    assert category_counts_text({"Completada": 0}) == "0"


def test_readable_table_writes_numbers_as_the_project_does():
    frame = pd.DataFrame({"Año": [2025, 2026], "valor": [1250.0, float("nan")],
                          "ficticio": [True, False], "fuente": ["MEF", ""], "n": [3, 4]})
    assert readable_table(frame).values.tolist() == [
        ["2025", "1 250", "Sí", "MEF", "3"], ["2026", "—", "No", "—", "4"]]


def test_wide_table_puts_each_line_in_a_column_in_order_of_appearance():
    frame = pd.DataFrame({"year": [2024, 2030, 2025, 2030], "value": [4.0, 20.0, 6.0, 18.0],
                          "serie": ["Plan", "Plan", "Escenario", "Escenario"],
                          "label": ["4 %", "20 %", "6 %", "18 %"]})
    table = readable_table(wide_table(frame))
    assert list(table.columns) == ["Año", "Plan", "Escenario"]
    assert table.values.tolist() == [["2024", "4 %", "—"], ["2025", "—", "6 %"],
                                     ["2030", "20 %", "18 %"]]
    assert wide_table(frame.iloc[0:0]).empty


def test_every_csv_header_has_its_words_for_ver_datos():
    for code in [c for c in messages.MESSAGES if c.startswith("csv.")]:
        twin = "data." + code.removeprefix("csv.")
        assert twin in messages.MESSAGES, twin
        assert messages.placeholders(twin) == messages.placeholders(code), twin


def test_data_headers_put_file_headers_in_words():
    frame = pd.DataFrame(columns=["serie", "año", "meta_plan", "M4.1_nuevos_plan",
                                  "comprobacion_1_mas_nuevos_4_1_y_4_2", "Otra columna"])
    assert list(chart_text.data_headers(frame).columns) == [
        "Serie", "Año", "Meta del plan", "M4.1: nuevos por año, plan",
        "Comprobación: 1 + nuevos de 4.1 y 4.2", "Otra columna"]
