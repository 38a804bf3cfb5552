"""views/present.py: the markup pages build from what hdras returns (no Streamlit needed)."""

from __future__ import annotations

import pandas as pd

from goal_fixtures import store_actuals
from hdras.goals import status
from views import present


def test_markdown_tables_show_user_text_as_text():
    frame = pd.DataFrame({"Escenario": ["![x](http://e/i.png) *b* | $x$"], "Valor": ["1"]})
    text = present.markdown_table(frame)
    assert "\\!\\[x\\]\\(http\\://e/i\\.png\\)" in text and "\\|" in text and "\\$x\\$" in text
    assert text.count("\n") == 2


def test_markdown_tables_align_figures_right_and_words_left():
    frame = pd.DataFrame({"Serie": ["Meta 1", "Meta 2"], "Después": ["13.4 %", "—"],
                          "Brecha": ["−1 p. p.", "+0.12 p. p."], "Alcance": ["✓ 20 %", "⚠ 18 %"],
                          "Estado": ["○ Sin datos", "✓ En camino"], "Lote": [1, 2],
                          "Supuesto": ["+1.31 p. p. por año", "Incrementos de Tabla 1"],
                          "Por": ["Ana", "demo (datos ficticios)"]})
    rule = present.markdown_table(frame).splitlines()[1]
    assert rule == "|:---|---:|---:|---:|:---|---:|:---|:---|"
    assert present.markdown_table(frame, text=True).splitlines()[1] == "|" + "|".join(
        [":---"] * 8) + "|"


def test_plain_keeps_a_typed_name_on_one_line():
    assert present.plain("Ana *Pérez*\n[x](y)") == "Ana \\*Pérez\\* \\[x\\]\\(y\\)"


def test_every_badge_says_icon_and_word():
    for category in status.CATEGORIES.values():
        badge = present.badge_of(category)
        colour, icon = present.BADGES[category.code]
        assert category.label in badge and icon in badge and badge.startswith(f":{colour}-badge[")


def test_status_card_lines(mini_con):
    store_actuals(mini_con)
    lines = present.status_card_lines(status.status_table_for(mini_con, 2026))
    assert lines["M1"].startswith(":green-badge[:material/check_circle: En camino]")
    assert "R = 1.44" in lines["M1"] and "sin avance reportado" in lines["M5"]
