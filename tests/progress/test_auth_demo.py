"""The editor password hash (design §8) and the fictitious demo batch."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from hdras.admin import auth
from hdras.core.errors import PasswordHashError
from hdras.progress import demo, store as progress

ROOT = Path(__file__).resolve().parents[2]


def test_hash_round_trip_and_format():
    stored = auth.hash_password("una clave larga", salt=b"0123456789abcdef")
    assert re.fullmatch(r"scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}", stored)
    assert auth.verify_password("una clave larga", stored)
    assert not auth.verify_password("una clave larga ", stored)
    assert auth.hash_password("una clave larga") != auth.hash_password("una clave larga")  # salt


@pytest.mark.parametrize("stored", [
    "", "sha256$abc", "scrypt$16384$8$1$AAAA$", "scrypt$1000$8$1$QUFBQUFBQUFBQUFBQUFBQQ==$"
    "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=",  # n not a power of two
    "scrypt$1048576$32$1$QUFBQQ==$QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=",  # 4 GB of memory
    "scrypt$16384$8$1$no-es-base64$QUFB",
])
def test_malformed_hashes_are_reported_not_crashed(stored):
    with pytest.raises(PasswordHashError) as exc:
        auth.verify_password("x", stored)
    assert "hash-password" in str(exc.value)


def test_secrets_example_documents_the_format():
    example = (ROOT / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8")
    assert "editor_password_hash" in example and "scrypt$" in example


def test_hash_password_command_reads_stdin():
    done = subprocess.run([sys.executable, "-m", "hdras", "hash-password"], input="clave-segura\n",
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert auth.verify_password("clave-segura", done.stdout.strip())
    short = subprocess.run([sys.executable, "-m", "hdras", "hash-password"], input="corta\n",
                           capture_output=True, text=True, timeout=60)
    assert short.returncode == 1 and "al menos 8 caracteres" in short.stderr


def test_demo_batch_is_deterministic_flagged_and_consistent(mini_con):
    goals = demo.demo_goal_actuals(mini_con).set_index("goal_code")["value"]
    assert goals.equals(demo.demo_goal_actuals(mini_con).set_index("goal_code")["value"])
    targets = dict(mini_con.execute("SELECT goal_code, value FROM goal_targets WHERE year = 2025"
                                    ).fetchall())
    assert all(goals[c] <= targets[c] + 1e-9 for c in goals.index)  # near or below target
    assert goals["M4"] == 1 + goals["M4.1"] + goals["M4.2"]  # the plan's cumulative rule
    assert goals["M2-caudal"] == pytest.approx(goals["M2"] * 3.17 / 4.0, abs=0.01)
    activities = demo.demo_activity_progress(mini_con)
    assert activities["activity_code"].tolist() == ["1.1.1.1", "1.1.1.2", "1.2.1.1"]  # 2025 plan
    batch_id, created = demo.store_demo_batch(mini_con)
    assert created and demo.store_demo_batch(mini_con) == (batch_id, False)
    batch = progress.list_batches(mini_con).iloc[0]
    assert bool(batch["is_demo"]) and batch["imported_by"] == "demo (datos ficticios)"
    assert progress.has_demo_data(mini_con)
    progress.rollback_batch(mini_con, batch_id, "prueba")
    assert not progress.has_demo_data(mini_con) and demo.demo_batch_ids(mini_con) == []
