"""The meeting pack from a database, in the format asked for: what the ``report`` command and the
Resumen page's button call."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence

import duckdb
import vl_convert

from hdras.core.errors import ReportError
from hdras.core.messages import msg
from hdras.report.pack import build_pack

FORMATS = {".pdf": "application/pdf",
           ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
_TINY_SPEC = {"mark": "point", "data": {"values": [{"a": 1}]},
              "encoding": {"x": {"field": "a", "type": "quantitative"}}}


def report_format(path: str) -> str:
    """'.pdf' or '.pptx' from an output file name; ReportError (Spanish) for anything else."""
    suffix = "." + str(path).rsplit(".", 1)[-1].lower() if "." in str(path) else ""
    if suffix not in FORMATS:
        raise ReportError(msg("report.bad_extension", path=path))
    return suffix


def _warm_up() -> threading.Thread:
    """Start vl-convert's JavaScript engine (about 0.6 s) while Python reads the database."""
    thread = threading.Thread(target=vl_convert.vegalite_to_svg, args=(_TINY_SPEC,),
                              kwargs={"allowed_base_urls": []}, daemon=True)
    thread.start()
    return thread


def build_report(con: duckdb.DuckDBPyConnection, fmt: str, year: int,
                 since: dt.datetime | None = None, scenario_names: Sequence[str] = (),
                 now: dt.datetime | None = None) -> bytes:
    """The pack as PDF (``fmt`` '.pdf') or slides ('.pptx') bytes."""
    from hdras.report import pdf, slides

    if fmt not in FORMATS:
        raise ReportError(msg("report.bad_extension", path=fmt))
    warming = _warm_up()
    pack = build_pack(con, year, since, scenario_names, now)
    warming.join()
    return pdf.render_pdf(pack) if fmt == ".pdf" else slides.render_pptx(pack)
