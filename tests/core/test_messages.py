"""The Spanish catalogue: every message formats, and pages use no SQL or spreadsheet code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hdras.core import messages

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("code", sorted(messages.MESSAGES))
def test_every_message_formats_with_its_placeholders(code):
    params = {name: "X" for name in messages.placeholders(code)}
    text = messages.msg(code, **params)
    assert text.strip() and "{" not in text


PAGE_FILES = sorted((ROOT / "views").glob("*.py"))


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_pages_stay_thin(path):
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\s", source), "SQL belongs in hdras/"
    assert "import openpyxl" not in source and "import duckdb" not in source.replace(
        "import duckdb\nimport streamlit", "")


def test_the_catalogue_files_define_no_code_twice():
    """messages.py merges its parts (messages_*.py) into one dict: a code in two of them would
    silently lose one."""
    import ast
    import importlib

    tree = ast.parse((ROOT / "hdras" / "core" / "messages.py").read_text(encoding="utf-8"))
    literal = next(node.value for node in tree.body if isinstance(node, ast.AnnAssign)
                   and getattr(node.target, "id", "") == "MESSAGES")
    codes = [k.value for k in literal.keys if isinstance(k, ast.Constant)]
    for path in sorted((ROOT / "hdras" / "core").glob("messages_*.py")):
        part = importlib.import_module(f"hdras.core.{path.stem}")
        codes += [code for name, table in vars(part).items() if name.endswith("_MESSAGES")
                  for code in table]
    assert len(codes) == len(set(codes)) == len(messages.MESSAGES)
