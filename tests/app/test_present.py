"""views/present.py: the markup pages build from what hdras returns (no Streamlit needed)."""

from __future__ import annotations

import re

import pandas as pd

from goal_fixtures import store_actuals
from hdras.goals import status
from views import present


def _aligned(text: str) -> list[str]:
    """Each column's alignment in a ``table_html`` table, from its header cells."""
    heads = re.findall(r"<th [^>]*>", text.split("</thead>")[0])
    return ["right" if 'class="hdras-r"' in th else "left" for th in heads]


def test_tables_show_user_text_as_text():
    frame = pd.DataFrame({"Escenario": ["<img src=x onerror=alert(1)> *b* | $x$\nfin"],
                          "Valor": ["1"]})
    text = present.table_html(frame)
    assert "&lt;img src=x onerror=alert(1)&gt; *b* | $x$ fin" in text
    assert "<img" not in text and text.count("<tr>") == 2
    assert '<th scope="col">Escenario</th>' in text


def test_tables_align_figures_right_and_words_left():
    frame = pd.DataFrame({"Serie": ["Meta 1", "Meta 2"], "Después": ["13.4 %", "—"],
                          "Brecha": ["−1 p. p.", "+0.12 p. p."], "Alcance": ["✓ 20 %", "⚠ 18 %"],
                          "Estado": ["○ Sin datos", "✓ En camino"], "Lote": [1, 2],
                          "Supuesto": ["+1.31 p. p. por año", "Incrementos de Tabla 1"],
                          "Por": ["Ana", "demo (datos ficticios)"]})
    assert _aligned(present.table_html(frame)) == [
        "left", "right", "right", "right", "left", "right", "left", "left"]
    assert _aligned(present.table_html(frame, text=True)) == ["left"] * 8
    body = present.table_html(frame).split("<tbody>")[1]
    assert body.count('<td class="hdras-r">') == 2 * 4  # every cell of a figures' column


def test_a_table_box_is_a_named_region_keyboard_users_can_scroll():
    box = present.scroll_box("<table></table>", 'Meta 1 · "A" <b>')
    assert box == ('<div class="hdras-scroll" role="region" tabindex="0" '
                   'aria-label="Meta 1 · &quot;A&quot; &lt;b&gt;"><table></table></div>')


def test_a_grid_widens_only_the_columns_whose_header_is_longer_than_their_cells():
    frame = pd.DataFrame({"N.º de años": [1, 12],
                          "Actividad": ["Crear un grupo de trabajo", "Otra"],
                          "↻ Reprogramada": [0, 3], "% completadas": [36.1, 0.0]})
    given = {"% completadas": {"type_config": {"format": "%.0f %%"}}}
    config = present.fit_headers(present.header_widths(frame), given)
    assert set(config) == {"N.º de años", "↻ Reprogramada", "% completadas"}  # not «Actividad»
    assert config["↻ Reprogramada"]["width"] > config["N.º de años"]["width"] > 60
    assert config["% completadas"]["type_config"] == {"format": "%.0f %%"}  # kept, widened
    assert given == {"% completadas": {"type_config": {"format": "%.0f %%"}}}  # not changed
    sized = {"N.º de años": {"width": "small"}}  # a width the page chose stays
    assert present.fit_headers(present.header_widths(frame), sized)["N.º de años"] == {
        "width": "small"}


def test_an_action_block_escapes_the_plan_text():
    block = present.action_html("1.1.1", "Crear <GTS> & más", "C · corto plazo", None,
                                pd.DataFrame({"Código": ["1.1.1.1"], "Actividad": ["A"]}))
    assert block.startswith("<p><strong>Acción 1.1.1</strong> · Crear &lt;GTS&gt; &amp; más<br>")
    assert "Hito: —</p>" in block and block.endswith("</table>")


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


def test_metric_cards_show_each_number_with_its_note_and_a_help_button():
    from hdras.scenarios.tables import Metric
    cards = present.metric_cards([Metric("Proyección 2030", "20\u00a0%", "meta <2030>"),
                                  Metric("Brecha 2030", "0 p. p.", "", "negativa & falta")])
    first, second = cards.split('<div class="hdras-metric">')[1:]
    assert '<div class="hdras-metric-value">20\u00a0%</div>' in first
    assert '<div class="hdras-metric-note"><span>meta &lt;2030&gt;</span></div>' in first
    assert "<button" not in first and "hdras-metric-note" not in second
    # the help: a button a keyboard reaches, named by its text, which style.css shows on focus
    assert ('<button type="button" class="hdras-help" aria-label="negativa &amp; falta" '
            'data-help="negativa &amp; falta">?</button>') in second
