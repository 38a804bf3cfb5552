"""The meeting pack as slides (python-pptx): one title slide, then one idea per slide (a chart or
a table, long tables continued on the next slide), type a projector shows, «FICTICIO» on every
slide while demo data counts."""

from __future__ import annotations

import io
import math
from concurrent.futures import ThreadPoolExecutor

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from hdras.core.messages import msg
from hdras.report import images
from hdras.report.pack import Chart, Pack, PackTable

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
ACCENT = RGBColor(0x0B, 0x6E, 0x99)
GREY = RGBColor(0x4B, 0x55, 0x63)
ALARM = RGBColor(0xB9, 0x1C, 0x1C)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
BODY_PT = 12
LINES_PER_SLIDE = 20     # text lines of a table that fit under a slide's title
CHARS_PER_INCH = 12      # at BODY_PT, for estimating how many lines a cell wraps to


def _text(slide, left, top, width, height, text: str, size: int, bold: bool = False,
          colour: RGBColor = GREY, align=PP_ALIGN.LEFT) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, colour


def _frame(slide, pack: Pack, number: int, total: int) -> None:
    """What every slide carries: the «FICTICIO» mark while demo data counts, and the footer."""
    if pack.demo:
        box = slide.shapes.add_shape(1, WIDTH - MARGIN - Inches(1.6), Inches(0.2), Inches(1.6),
                                     Inches(0.45))
        box.fill.solid()
        box.fill.fore_color.rgb = ALARM
        box.line.fill.background()
        run = box.text_frame.paragraphs[0].add_run()
        run.text = msg("report.demo_mark")
        run.font.size, run.font.bold, run.font.color.rgb = Pt(16), True, WHITE
    footer = f"{msg('report.title')} · HdR-AS · {pack.year}"
    _text(slide, MARGIN, HEIGHT - Inches(0.45), Inches(9), Inches(0.35), footer, 10)
    _text(slide, WIDTH - MARGIN - Inches(2.5), HEIGHT - Inches(0.45), Inches(2.5), Inches(0.35),
          msg("report.page", page=number, total=total), 10, align=PP_ALIGN.RIGHT)


def _heading(slide, kicker: str, title: str) -> None:
    _text(slide, MARGIN, Inches(0.2), Inches(10.5), Inches(0.35), kicker, 12)
    _text(slide, MARGIN, Inches(0.5), Inches(12.3), Inches(0.7), title, 26, True, ACCENT)


def _title_slide(slide, pack: Pack) -> None:
    _text(slide, MARGIN, Inches(0.9), Inches(12.3), Inches(0.4), msg("report.publisher"), 14)
    _text(slide, MARGIN, Inches(1.5), Inches(12.3), Inches(0.9), msg("report.title"), 40, True,
          ACCENT)
    _text(slide, MARGIN, Inches(2.5), Inches(12.3), Inches(0.9), msg("report.plan_name"), 20)
    _text(slide, MARGIN, Inches(3.6), Inches(12.3), Inches(1.1), "\n".join(pack.cover_lines), 18)
    lines = [msg("report.batches_title") + ":"] + pack.batches[:4]
    if pack.demo:
        lines.insert(0, pack.demo_text)
    _text(slide, MARGIN, Inches(4.9), Inches(12.3), Inches(1.8), "\n".join(lines), 14,
          colour=ALARM if pack.demo else GREY)


def _row_lines(table: PackTable, row: list[str], width_in: float) -> int:
    total = sum(table.widths)
    return max(math.ceil(len(text) / max(CHARS_PER_INCH * width_in * w / total, 1)) or 1
               for text, w in zip(row, table.widths))


def table_pages(table: PackTable, width_in: float = 12.3) -> list[list[list[str]]]:
    """The table's rows split into slides so that each fits under the title."""
    pages, current, used = [], [], _row_lines(table, table.columns, width_in)
    for row in table.rows:
        lines = _row_lines(table, row, width_in)
        if current and used + lines > LINES_PER_SLIDE:
            pages.append(current)
            current, used = [], _row_lines(table, table.columns, width_in)
        current.append(row)
        used += lines
    return pages + [current] if current else pages


def _table(slide, table: PackTable, rows: list[list[str]]) -> None:
    width = WIDTH - 2 * MARGIN
    shape = slide.shapes.add_table(len(rows) + 1, len(table.columns), MARGIN, Inches(1.35),
                                   width, Inches(0.4) * (len(rows) + 1))
    grid = shape.table
    total = sum(table.widths)
    for i, w in enumerate(table.widths):
        grid.columns[i].width = Emu(int(width * w / total))
    for r, values in enumerate([table.columns] + rows):
        for c, value in enumerate(values):
            cell = grid.cell(r, c)
            cell.text = value
            cell.margin_top = cell.margin_bottom = Pt(2)
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.font.size = Pt(BODY_PT)
            paragraph.font.bold = r == 0
            if table.numeric[c] and r > 0:
                paragraph.alignment = PP_ALIGN.RIGHT


def _notes(slide, notes: list[str]) -> None:
    if notes:
        _text(slide, MARGIN, HEIGHT - Inches(1.25), Inches(12.3), Inches(0.8), " ".join(notes), 11)


def _slides(pack: Pack) -> list[tuple[str, PackTable | Chart, list[list[str]] | None]]:
    """(section title, block, rows of this slide or None for a chart), in order."""
    plan = []
    for section in pack.sections:
        for block in section.blocks:
            if isinstance(block, Chart):
                plan.append((section.title, block, None))
            else:
                plan += [(section.title, block, rows) for rows in table_pages(block) or [[]]]
    return plan


def render_pptx(pack: Pack) -> bytes:
    """The slides of ``pack`` as .pptx bytes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    blank = deck.slide_layouts[6]
    plan = _slides(pack)
    charts = [block for _, block, rows in plan if rows is None]
    with ThreadPoolExecutor(max_workers=2) as pool:
        pictures = dict(zip(map(id, charts), pool.map(lambda c: images.slide_png(c.chart),
                                                      charts)))
    total = len(plan) + 1
    first = deck.slides.add_slide(blank)
    _title_slide(first, pack)
    _frame(first, pack, 1, total)
    seen: set[int] = set()
    for number, (section, block, rows) in enumerate(plan, start=2):
        slide = deck.slides.add_slide(blank)
        title = block.title if id(block) not in seen else msg("report.continued",
                                                              title=block.title)
        seen.add(id(block))
        _heading(slide, section, title)
        if rows is None:
            picture = slide.shapes.add_picture(io.BytesIO(pictures[id(block)]), MARGIN,
                                               Inches(1.3), width=WIDTH - 2 * MARGIN)
            if picture.height > Inches(4.9):  # keep room for the notes and the footer
                ratio = Inches(4.9) / picture.height
                picture.height, picture.width = Inches(4.9), int(picture.width * ratio)
                picture.left = int((WIDTH - picture.width) / 2)
        elif rows:
            _table(slide, block, rows)
        else:
            _text(slide, MARGIN, Inches(1.6), Inches(12.3), Inches(1), block.empty, 20)
        _notes(slide, block.notes)
        _frame(slide, pack, number, total)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
