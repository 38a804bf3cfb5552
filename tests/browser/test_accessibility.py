"""Real browser: WCAG 2.1 A/AA on every page and keyboard-only use, in Chromium (issue 14).

- axe-core (bundled by axe-selenium-python-nhsuk) with the WCAG 2.1 A/AA rules on every page app.py
  registers, and the Metas views with charts of their own, with the demo batch and without: zero
  violations. The one exclusion: the list/listitem findings inside Streamlit's own sidebar
  navigation markup (tests/browser/axe_checks.py), and nothing else there or elsewhere.
- Every chart's accessible name is its description, not «Vega visualization»; every text drawn in
  a chart passes AA on white (axe does not look inside SVG charts).
- Keyboard only: change the year, a filter and a scenario slider; open «Ver datos»; download the
  template, upload it filled (Selenium's send_keys on the file input stands for the file dialog a
  keyboard user opens with Enter) and confirm the import with Enter; the focus is visible at each
  step.
"""

from __future__ import annotations

import json
import time

import pytest

import axe_checks
from hdras.core.chart_style import INK, WHITE, contrast_ratio
from hdras.core.messages import msg
from test_browser import _settle, _wait_for, driver, running_app  # noqa: F401 - driver: fixture

pytestmark = pytest.mark.browser

PAGES = dict(axe_checks.PAGES)


@pytest.fixture(scope="module", params=list(axe_checks.SEEDS))
def seeded_server(request, driver, tmp_path_factory):  # noqa: F811 - the imported fixture
    """The dashboard on the real plan, without progress ('sin datos') and with the demo batch."""
    with running_app(tmp_path_factory.mktemp("a11y"), axe_checks.SEEDS[request.param]) as url:
        yield url


def _chart_texts(browser) -> list[dict]:
    """Every text drawn in a chart: colour, size and weight."""
    return browser.execute_script(
        "return [...document.querySelectorAll('.vega-embed svg text')].map(t => {"
        "  const cs = getComputedStyle(t);"
        "  return {fill: t.getAttribute('fill'), size: parseFloat(cs.fontSize),"
        "          bold: parseInt(cs.fontWeight) >= 700, text: t.textContent}; });")


def _hex(colour: str) -> str:
    named = {"black": "#000000", "white": WHITE}
    colour = named.get(colour, colour)
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def test_every_registered_page_is_audited():
    source = (axe_checks.ROOT / "app.py").read_text(encoding="utf-8")
    registered = axe_checks.registered_pages()
    assert len(registered) == source.count("st.Page(") and len(set(registered)) == len(registered)
    assert set(registered) <= set(axe_checks.PAGES) and ("resumen", "") in registered


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_passes_wcag_21_aa(driver, seeded_server, page):  # noqa: F811
    axe_checks.open_page(driver, seeded_server, PAGES[page])
    everything = axe_checks.run_axe(driver)
    ours = axe_checks.without_streamlit_navigation(driver, everything)
    assert ours == [], axe_checks.describe(ours)
    # The exclusion is narrow: only list/listitem, only inside Streamlit's navigation.
    assert set(axe_checks.summary(everything) - axe_checks.summary(ours)) <= \
        axe_checks.STREAMLIT_NAV_RULES

    names = axe_checks.chart_names(driver)
    assert all(len(n) > 40 and n != axe_checks.GENERIC_NAME for n in names), names
    for text in _chart_texts(driver):
        fill = _hex(text["fill"] or "#000000")
        if fill in (WHITE, INK):
            continue  # written on a bar or a cell: tests/core/test_chart_style.py checks it
        large = text["size"] >= 24 or (text["bold"] and text["size"] >= 18.66)
        assert contrast_ratio(fill, WHITE) >= (3 if large else 4.5), text


def test_chart_pages_name_every_chart(driver, seeded_server):  # noqa: F811
    """The chart pages really have charts (so the names above were checked on something)."""
    counts = {}
    for page in ("metas-M2", "cronograma", "avance", "escenarios"):
        axe_checks.open_page(driver, seeded_server, PAGES[page])
        counts[page] = len(axe_checks.chart_names(driver))
    assert counts == {"metas-M2": 3, "cronograma": 1, "avance": 2, "escenarios": 2}


# --- Keyboard only -------------------------------------------------------------------------------

FOCUS_RING = """
let e = document.activeElement;
for (let i = 0; e && i < 9; i++, e = e.parentElement) {
  const cs = getComputedStyle(e), r = e.getBoundingClientRect();
  if (r.width > 4 && r.height > 4 && cs.outlineStyle !== 'none'
      && parseFloat(cs.outlineWidth) >= 2) return true;
}
return false;"""


@pytest.fixture(scope="module")
def keyboard_server(driver, tmp_path_factory):  # noqa: F811
    with running_app(tmp_path_factory.mktemp("keyboard"), axe_checks.seed_empty) as url:
        yield url


def _press(browser, *keys) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(browser).send_keys(*keys).perform()
    time.sleep(0.15)


def _tab_to(browser, condition: str, limit: int = 120) -> None:
    """Press Tab until ``condition`` (JS on ``e``, the focused element) holds; the focus must be
    visible there."""
    from selenium.webdriver.common.keys import Keys
    check = f"const e = document.activeElement; return !!(e && ({condition}));"
    for _ in range(limit):
        _press(browser, Keys.TAB)
        if browser.execute_script(check):
            assert browser.execute_script(FOCUS_RING), f"focus not visible on {condition}"
            return
    raise AssertionError(f"Tab never reached {condition}")


def _main_text(browser) -> str:
    return browser.execute_script(
        "return document.querySelector('[data-testid=stMain]').innerText;")


def test_keyboard_changes_the_year(driver, keyboard_server):  # noqa: F811
    from selenium.webdriver.common.keys import Keys
    axe_checks.open_page(driver, keyboard_server, "avance", "Avance de actividades por año")
    year = int(driver.find_element("css selector", "h1").text.rsplit(" ", 1)[-1])
    _tab_to(driver, "e.getAttribute('aria-label') === 'Año de análisis'")
    _press(driver, Keys.ARROW_DOWN)  # opens the list
    _press(driver, Keys.ARROW_DOWN)  # moves down the years
    _press(driver, Keys.ENTER)
    chosen = int(driver.execute_script("return document.activeElement.value;"))
    assert chosen != year
    _wait_for(driver, lambda b: f"por año · {chosen}" in _main_text(b))


def test_keyboard_sets_a_filter(driver, keyboard_server):  # noqa: F811
    from selenium.webdriver.common.keys import Keys
    axe_checks.open_page(driver, keyboard_server, "cronograma", "92 de 92 actividades")
    _tab_to(driver, "e.getAttribute('aria-label') === 'Objetivo estratégico'")
    _press(driver, Keys.ARROW_DOWN)  # opens the list on «Select all» (Streamlit's own words)
    _press(driver, Keys.ARROW_DOWN)
    _press(driver, Keys.ENTER)  # the first objective, OE1
    _press(driver, Keys.ESCAPE)
    _wait_for(driver, lambda b: "de 92 actividades" in _main_text(b)
              and "92 de 92 actividades" not in _main_text(b))
    _settle(driver)
    assert "OE1" in driver.execute_script(
        "return document.querySelector('.st-key-gantt_objectives').innerText;")


def test_keyboard_moves_a_scenario_slider(driver, keyboard_server):  # noqa: F811
    from selenium.webdriver.common.keys import Keys
    axe_checks.open_page(driver, keyboard_server, "escenarios", "Escenarios")
    status = "return document.querySelector('.hdras-live[role=status]').textContent;"
    before, name = driver.execute_script(status), axe_checks.chart_names(driver)[0]
    driver.execute_script("window.__region = document.querySelector('.hdras-live[role=status]');")
    _tab_to(driver, "e.type === 'range' && e.getAttribute('aria-label').startsWith('Incremento')")
    value = float(driver.execute_script("return document.activeElement.value;"))
    _press(driver, Keys.ARROW_RIGHT)
    _press(driver, Keys.ARROW_RIGHT)
    _wait_for(driver, lambda b: float(b.execute_script(
        "return document.activeElement.value;")) > value)
    # the status region screen readers announce follows the new 2030 value, the chart keeps its
    # name (its data is swapped, not rebuilt), and the link carries the new Meta 1 rate
    _wait_for(driver, lambda b: b.execute_script(status) != before)
    assert "Escenario actual" in driver.execute_script(status)
    # the same region, its text changed: a region written anew is often not announced
    assert driver.execute_script("return window.__region.isConnected && window.__region === "
                                 "document.querySelector('.hdras-live[role=status]');")
    assert axe_checks.chart_names(driver)[0] == name
    new = float(driver.execute_script("return document.activeElement.value;"))
    _wait_for(driver, lambda b: f"m1=l{new:g}" in b.current_url)


def test_back_undoes_a_scenario_step_and_forward_redoes_it(driver, keyboard_server):  # noqa: F811
    """Each change of the scenario is an entry of the browser's history (Streamlit pushes one
    when the address changes): Back shows the scenario before the step, sliders and chart
    included, and Forward the one after; Back did nothing visible before."""
    from selenium.webdriver.common.keys import Keys
    axe_checks.open_page(driver, keyboard_server, "escenarios", "Escenarios")
    rate = ("return [...document.querySelectorAll('input[type=range]')].find(e => "
            "e.getAttribute('aria-label').startsWith('Incremento')).value;")
    status = "return document.querySelector('.hdras-live[role=status]').textContent;"
    _tab_to(driver, "e.type === 'range' && e.getAttribute('aria-label').startsWith('Incremento')")
    before, said_before = float(driver.execute_script(rate)), driver.execute_script(status)
    _press(driver, Keys.ARROW_RIGHT)
    _wait_for(driver, lambda b: float(b.execute_script(rate)) > before)
    after = float(driver.execute_script(rate))
    _wait_for(driver, lambda b: f"m1=l{after:g}&" in b.current_url
              and b.execute_script(status) != said_before)
    said_after = driver.execute_script(status)

    driver.back()
    _wait_for(driver, lambda b: f"m1=l{before:g}&" in b.current_url
              and float(b.execute_script(rate)) == before
              and b.execute_script(status) == said_before)
    _settle(driver)
    assert f"m1=l{before:g}&" in driver.current_url  # the page did not write the step back

    driver.forward()
    _wait_for(driver, lambda b: f"m1=l{after:g}&" in b.current_url
              and float(b.execute_script(rate)) == after
              and b.execute_script(status) == said_after)


def test_saving_a_scenario_keeps_the_page_where_it_was(driver, keyboard_server):  # noqa: F811
    """«Guardar» sits at the foot of Escenarios: the page must not jump away from it (it jumped
    about 2000 px up when the notice appeared at the top), and the notice is seen there too."""
    from selenium.webdriver.common.by import By
    axe_checks.open_page(driver, keyboard_server, "escenarios", "Escenarios")
    main = "document.querySelector('[data-testid=stMain]')"
    name = driver.find_element(By.CSS_SELECTOR, ".st-key-scx_name input")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", name)
    name.send_keys("Sin saltos")
    save = driver.find_element(By.CSS_SELECTOR, ".st-key-scx_save button")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", save)
    time.sleep(0.5)
    before = driver.execute_script(f"return {main}.scrollTop;")
    driver.execute_script(f"window.__lowest = {main}.scrollTop; window.__watch = setInterval("
                          f"() => {{ window.__lowest = Math.min(window.__lowest, {main}.scrollTop);"
                          " }, 5);")
    save.click()
    _wait_for(driver, lambda b: "Escenario «Sin saltos» guardado." in b.execute_script(
        "return [...document.querySelectorAll('[data-testid=stToast]')]"
        ".map(t => t.innerText).join(' ');"))
    _settle(driver)
    lowest = driver.execute_script("clearInterval(window.__watch); return window.__lowest;")
    assert before - lowest < 200, (before, lowest)
    assert abs(driver.execute_script(f"return {main}.scrollTop;") - before) < 200


def test_keyboard_shows_the_help_of_a_scenario_number(driver, keyboard_server):  # noqa: F811
    """The goal panel's big numbers are HTML cards (views/present.metric_cards): the «?» of a
    card is a button the keyboard reaches, and its text shows while it has the focus."""
    axe_checks.open_page(driver, keyboard_server, "escenarios", "Escenarios")
    _tab_to(driver, "e.classList.contains('hdras-help')")
    shown = driver.execute_script(
        "const e = document.activeElement; return [e.getAttribute('aria-label'), "
        "getComputedStyle(e, '::after').content];")
    assert shown[0] and shown[1] == json.dumps(shown[0], ensure_ascii=False), shown


def test_no_scenario_number_is_cut_on_a_narrow_screen(driver, keyboard_server):  # noqa: F811
    """At 1024 px a card is 166 px wide: its number gets smaller, whole («+1.31 p. p.», not
    «+1.31 …» as st.metric drew it); at 1366 px it keeps st.metric's 36 px."""
    size = driver.get_window_size()
    fit = ("return [...document.querySelectorAll('.hdras-metric-value')].map(v => [v.textContent,"
           " v.scrollWidth <= v.clientWidth, parseFloat(getComputedStyle(v).fontSize)]);")
    try:
        for width, largest in ((1024, 35), (1366, 36)):
            driver.set_window_size(width, 900)
            axe_checks.open_page(driver, keyboard_server, "escenarios", "Escenarios")
            values = driver.execute_script(fit)
            assert len(values) == 4 and all(whole for _, whole, _ in values), values
            assert all(20 <= px <= largest for _, _, px in values), values
            assert width == 1024 or {px for _, _, px in values} == {36}, values
    finally:
        driver.set_window_size(size["width"], size["height"])


def test_keyboard_opens_the_numbers_of_a_chart(driver, keyboard_server):  # noqa: F811
    from selenium.webdriver.common.keys import Keys
    axe_checks.open_page(driver, keyboard_server, "metas", "Estado de las metas")
    _tab_to(driver, f"e.tagName === 'SUMMARY' && e.innerText.includes('{msg('chart.see_data')}')")
    _press(driver, Keys.ENTER)
    _wait_for(driver, lambda b: b.execute_script(
        "return [...document.querySelectorAll('[data-testid=stExpander] table')]"
        ".some(t => t.offsetHeight > 0);"))
    # Wider than the chart's column, the table scrolls in its own box, not past the column and
    # the page (views/present.scroll_box); the keyboard reaches the box and scrolls it.
    box = "document.querySelector('[data-testid=stExpander] .hdras-scroll')"
    assert driver.execute_script(
        f"const b = {box}, column = b.closest('[data-testid=stColumn]').getBoundingClientRect();"
        " return b.scrollWidth > b.clientWidth && b.getBoundingClientRect().right <= column.right;")
    _tab_to(driver, "e.classList.contains('hdras-scroll')")
    _press(driver, Keys.ARROW_RIGHT)
    _wait_for(driver, lambda b: b.execute_script(f"return {box}.scrollLeft > 0;"))
    ours = axe_checks.without_streamlit_navigation(driver, axe_checks.run_axe(driver))
    assert ours == [], axe_checks.describe(ours)


def test_keyboard_only_import(driver, keyboard_server, tmp_path):  # noqa: F811
    """Download the template, fill it, upload it and confirm, all from the keyboard."""
    import openpyxl
    from selenium.webdriver.common.keys import Keys

    downloads = tmp_path / "descargas"
    downloads.mkdir()
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    axe_checks.open_page(driver, keyboard_server, "cargar", "Cargar avance")
    _tab_to(driver, "e.tagName === 'BUTTON' && e.innerText.includes('Descargar plantilla')")
    _press(driver, Keys.ENTER)
    _wait_for(driver, lambda b: list(downloads.glob("*.xlsx")))
    template = next(downloads.glob("*.xlsx"))
    time.sleep(0.5)  # the file is renamed from .crdownload once complete

    workbook = openpyxl.load_workbook(template)
    sheet = workbook["Metas"]
    row = next(r for r in range(2, sheet.max_row + 1)
               if sheet.cell(r, 1).value == "M1" and sheet.cell(r, 2).value == 2025)
    sheet.cell(row, 3).value = 13.2
    filled = tmp_path / "avance-teclado.xlsx"
    workbook.save(filled)

    _tab_to(driver, "e.tagName === 'BUTTON' && !!e.closest('[data-testid=stFileUploaderDropzone]')")
    # Enter here opens the system's file dialog; a keyboard user picks the file there. Selenium
    # cannot drive that dialog: it hands the file to the input the dialog fills.
    driver.find_element("css selector", "[data-testid=stFileUploaderDropzone] input[type=file]"
                        ).send_keys(str(filled))
    _wait_for(driver, lambda b: "Vista previa" in _main_text(b))
    _settle(driver)
    _tab_to(driver, "e.tagName === 'BUTTON' && e.innerText.includes('Confirmar e importar')")
    _press(driver, Keys.SPACE)
    _wait_for(driver, lambda b: "Lote 1 guardado" in _main_text(b))
