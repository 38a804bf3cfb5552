"""The meeting pack as a PDF: A4, page numbers, table headers repeated on every page, vector
charts, «FICTICIO» on every page while demo data counts.

Typst (the ``typst`` wheel: the compiler itself, nothing else to install) lays out
``pack.typ``; this module writes what the template reads: ``data.json`` (every word and number,
placed as text, never as markup) and one SVG per chart.
"""

from __future__ import annotations

import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import typst

from hdras.core.errors import ReportError
from hdras.core.messages import msg
from hdras.report import images
from hdras.report.pack import Chart, Pack, PackTable

TEMPLATE = Path(__file__).with_name("pack.typ")


def pack_document(pack: Pack) -> tuple[dict, dict[str, Chart]]:
    """What ``pack.typ`` reads (a JSON-ready dict) and the charts to draw, by file name."""
    charts: dict[str, Chart] = {}
    sections = []
    for section in pack.sections:
        blocks = []
        for block in section.blocks:
            if isinstance(block, PackTable):
                blocks.append({"kind": "table", "title": block.title, "columns": block.columns,
                               "rows": block.rows, "widths": block.widths,
                               "numeric": block.numeric, "notes": block.notes,
                               "empty": block.empty})
            else:
                name = f"chart-{len(charts) + 1}.svg"
                charts[name] = block
                blocks.append({"kind": "chart", "title": block.title, "file": name,
                               "notes": block.notes})
        sections.append({"title": section.title, "intro": section.intro, "blocks": blocks})
    data = {
        "title": msg("report.title"), "plan": msg("report.plan_name"),
        "publisher": msg("report.publisher"),
        "header": f"{msg('report.title')} · HdR-AS · {pack.year}",
        "footer": pack.cover_lines[1],
        "page_template": msg("report.page", page="{page}", total="{total}"),
        "cover_lines": pack.cover_lines, "batches_title": msg("report.batches_title"),
        "batches": pack.batches, "contents_title": msg("report.contents"),
        "demo": pack.demo, "demo_mark": msg("report.demo_mark"), "demo_text": pack.demo_text,
        "sections": sections}
    return data, charts


def render_pdf(pack: Pack) -> bytes:
    """The PDF bytes of ``pack``; ReportError (Spanish) if Typst cannot lay it out."""
    data, charts = pack_document(pack)
    with ThreadPoolExecutor(max_workers=2) as pool:
        drawn = dict(zip(charts, pool.map(lambda c: images.chart_svg(c.chart), charts.values())))
    with tempfile.TemporaryDirectory(prefix="hdras-pack-") as folder:
        root = Path(folder)
        (root / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        for name, svg in drawn.items():
            (root / name).write_text(svg, encoding="utf-8")
        (root / "pack.typ").write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
        try:
            return typst.compile(str(root / "pack.typ"), root=str(root),
                                 timestamp=int(pack.generated_at.timestamp()))
        except RuntimeError as exc:  # a layout error: a bug, but never a traceback for users
            raise ReportError(msg("report.failed", detail=str(exc)[:300])) from exc
