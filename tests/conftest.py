"""Shared fixtures: a small in-memory plan, a file database, AppTest with clean caches."""

from __future__ import annotations

from pathlib import Path

import pytest

from hdras.core import db

ROOT = Path(__file__).resolve().parent.parent
MINI_PLAN = Path(__file__).resolve().parent / "fixtures" / "mini_plan"


@pytest.fixture
def mini_con():
    """An in-memory database built from the small fixture plan (tests/fixtures/mini_plan)."""
    con = db.connect(":memory:")
    db.ensure_schema(con, MINI_PLAN)
    yield con
    con.close()


@pytest.fixture
def plan_con():
    """An in-memory database built from the real plan in data/."""
    con = db.connect(":memory:")
    db.ensure_schema(con, ROOT / "data")
    yield con
    con.close()


@pytest.fixture
def db_file(tmp_path, monkeypatch):
    """A fresh database file for the app and the CLI ($HDRAS_DB points at it)."""
    path = tmp_path / "hdras.duckdb"
    monkeypatch.setenv("HDRAS_DB", str(path))
    return path


@pytest.fixture
def mini_env(db_file, monkeypatch):
    """$HDRAS_DB on a fresh file and $HDRAS_DATA_DIR on the fixture plan."""
    monkeypatch.setenv("HDRAS_DATA_DIR", str(MINI_PLAN))
    return db_file


@pytest.fixture(autouse=True)
def _debug_mode(monkeypatch):
    """A bug in a page or command is raised (AppTest's ``at.exception``), not turned into the
    Spanish message users get (tests of that message unset it)."""
    monkeypatch.setenv("HDRAS_DEBUG", "1")


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """Caches persist between AppTest instances in one process: start each test clean (the
    sign-in lockout too, which each server process keeps outside Streamlit's caches)."""
    import streamlit as st

    from hdras.admin import lockout
    from views import common, models
    st.cache_data.clear()
    models.forget()
    st.cache_resource.clear()
    common.forget_database()
    lockout.server_guard().clear()
    yield
