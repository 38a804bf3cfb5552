"""Accessibility audit: axe-core's WCAG 2.1 A/AA rules in headless Chromium on every page of the
dashboard, without progress and with the demo batch. Prints, per page, the violations by rule and
the number of failing elements, and the charts' accessible names. Not a test
(tests/browser/test_accessibility.py asserts zero); this is the before/after measurement.

Usage: .venv/bin/python benchmarks/axe_audit.py [--screenshots DIR] [--pages metas,plan] [--names]
  --screenshots  save a 1366×768 screenshot of every page (DIR/<data>-<page>.png) and one of
                 the whole page at 1366 px wide (DIR/<data>-<page>-full.png)
  --names        print every chart's accessible name
  --details      print every failing element
The findings in Streamlit's own navigation markup (list/listitem in the sidebar nav) are counted
in a column of their own.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

import axe_checks  # noqa: E402
from axe_checks import GENERIC_NAME  # noqa: E402
from test_browser import chromium_driver, running_app  # noqa: E402


def chromium(profile: Path):
    """The tests' Chromium, at the size the issue's screenshots use (1366 × 768)."""
    driver = chromium_driver(profile)
    driver.set_window_size(1366, 768)
    driver.set_page_load_timeout(90)
    return driver


def audit(driver, url: str, pages, shots: Path | None, label: str, details: bool) -> dict:
    """Page → (our violations by rule, Streamlit navigation's by rule, chart names)."""
    results = {}
    for name, path in pages:
        axe_checks.open_page(driver, url, path)
        if shots:
            _screenshots(driver, shots / f"{label.replace(' ', '-')}-{name}")
        everything = axe_checks.run_axe(driver)
        ours = axe_checks.summary(axe_checks.without_streamlit_navigation(driver, everything))
        results[name] = (ours, axe_checks.summary(everything) - ours,
                         axe_checks.chart_names(driver))
        if details:
            print(f"--- {label} · {name}\n" + axe_checks.describe(
                axe_checks.without_streamlit_navigation(driver, everything), limit=50))
    return results


def _screenshots(driver, stem: Path) -> None:
    """The 1366×768 window, then the whole page at the same width (the window made as tall as
    the page, so Streamlit lays it out the same)."""
    driver.save_screenshot(f"{stem}.png")
    height = driver.execute_script(
        "return document.querySelector('[data-testid=stMain]').scrollHeight")
    driver.set_window_size(1366, min(int(height) + 40, 9000))
    time.sleep(1.5)  # Vega redraws at the new size
    driver.save_screenshot(f"{stem}-full.png")
    driver.set_window_size(1366, 768)
    time.sleep(0.5)


def print_table(label: str, results: dict) -> None:
    print(f"\n### {label}\n")
    print("| page | violations (elements) | by rule | Streamlit nav | charts | named |")
    print("|---|---:|---|---|---:|---:|")
    for name, (ours, nav, names) in results.items():
        named = sum(1 for n in names if n and n != GENERIC_NAME)
        print(f"| {name} | {sum(ours.values())} | {_rules(ours)} | {_rules(nav)} | {len(names)} "
              f"| {named} |")
    print("\n(named: charts whose accessible name is more than «Vega visualization»)")


def _rules(counts) -> str:
    return ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items())) or "—"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshots", type=Path)
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument("--names", action="store_true", help="print every chart's name")
    parser.add_argument("--details", action="store_true", help="print every failing element")
    args = parser.parse_args()
    pages = [p for p in axe_checks.PAGES
             if not args.pages or p[0] in args.pages.split(",")]
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        driver = chromium(Path(tmp) / "profile")
        try:
            for label, seed in axe_checks.SEEDS.items():
                folder = Path(tmp) / label.replace(" ", "-")
                folder.mkdir()
                with running_app(folder, seed) as url:
                    results = audit(driver, url, pages, args.screenshots, label, args.details)
                print_table(label, results)
                if args.names:
                    for name, (_, _, names) in results.items():
                        for chart_name in names:
                            print(f"  {name}: {chart_name}")
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
