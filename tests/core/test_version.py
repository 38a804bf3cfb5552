"""hdras.core.version: the data version's key changes after every committed change, never before."""

from __future__ import annotations

import pytest

from conftest import MINI_PLAN
from hdras.core import db, version


def test_a_committed_change_publishes_a_new_token(tmp_path):
    path = tmp_path / "hdras.duckdb"
    with db.session(path, ensure=False) as con:
        db.ensure_schema(con, MINI_PLAN)
        first = version.token_path(path).read_text()  # the plan load is a change
        inside = {}
        with db.transaction(con):
            db.bump_progress_version(con)
            inside["token"] = version.token_path(path).read_text()
        after = version.token_path(path).read_text()
    assert inside["token"] == first  # not published before COMMIT
    assert after != first and len(after) == 16
    assert db.data_version(db.connect(path)).endswith(f"progress_version={after}")


def test_a_rolled_back_change_publishes_nothing(tmp_path):
    path = tmp_path / "hdras.duckdb"
    with db.session(path, ensure=False) as con:
        db.ensure_schema(con, MINI_PLAN)
        before = version.token_path(path).read_text()
        with pytest.raises(ZeroDivisionError), db.transaction(con):
            db.bump_progress_version(con)
            1 / 0
    assert version.token_path(path).read_text() == before


def test_the_stamp_sees_the_token_the_files_and_the_plan(tmp_path):
    path, plan = tmp_path / "hdras.duckdb", tmp_path / "plan"
    plan.mkdir()
    (plan / "goals.csv").write_text("x")
    start = version.stamp(path, plan)
    version.publish(path)
    with_token = version.stamp(path, plan)
    (plan / "goals.csv").write_text("xy")
    assert len({start, with_token, version.stamp(path, plan)}) == 3


def test_tokens_never_repeat():
    assert len({version.new_token() for _ in range(1000)}) == 1000
