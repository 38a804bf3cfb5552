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
    """messages.py merges messages_progress.py and messages_admin.py into one dict: a code in two
    of them would silently lose one."""
    import ast

    from hdras.core.messages_admin import ADMIN_MESSAGES
    from hdras.core.messages_progress import PROGRESS_MESSAGES
    tree = ast.parse((ROOT / "hdras" / "core" / "messages.py").read_text(encoding="utf-8"))
    literal = next(node.value for node in tree.body if isinstance(node, ast.AnnAssign)
                   and getattr(node.target, "id", "") == "MESSAGES")
    codes = [k.value for k in literal.keys if isinstance(k, ast.Constant)]
    codes += list(ADMIN_MESSAGES) + list(PROGRESS_MESSAGES)
    assert len(codes) == len(set(codes)) == len(messages.MESSAGES)
