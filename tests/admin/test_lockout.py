"""The server-wide sign-in lockout (hdras.admin.lockout): five wrong passwords lock sign-in, by
name and by client, whatever tab or session they come from."""

from __future__ import annotations

import threading

import pytest

from hdras.admin.lockout import Failure, SignInGuard


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def guard(clock):
    return SignInGuard(clock=clock)


def fail(guard, times, name="Ana", client="10.0.0.5"):
    return [guard.failure(name, client) for _ in range(times)][-1]


def test_five_wrong_passwords_lock_for_30_seconds(guard, clock):
    assert fail(guard, 4) == Failure(4, 0)
    assert guard.locked_for("Ana", "10.0.0.5") == 0
    assert fail(guard, 1) == Failure(5, 30)
    assert guard.locked_for("Ana", "10.0.0.5") == 30
    clock.now += 29.5
    assert guard.locked_for("Ana", "10.0.0.5") == 1
    clock.now += 0.5
    assert guard.locked_for("Ana", "10.0.0.5") == 0


def test_each_further_lock_lasts_twice_as_long_up_to_15_minutes(guard, clock):
    seconds = []
    for _ in range(7):
        seconds.append(fail(guard, 5).locked_seconds)
        clock.now += seconds[-1]
    assert seconds == [30, 60, 120, 240, 480, 900, 900]


def test_the_lock_follows_the_name_from_any_client(guard):
    for n in range(5):
        guard.failure("Ana Pérez", f"10.0.0.{n}")  # five tabs, five machines: one name
    assert guard.locked_for(" ana  perez ", "10.9.9.9") == 30  # the name folded alike
    assert guard.locked_for("Luis", "10.9.9.9") == 0


def test_the_lock_follows_the_client_whatever_name_is_typed(guard):
    for n in range(5):
        guard.failure(f"nombre {n}", "10.0.0.7")
    assert guard.locked_for("otro nombre", "10.0.0.7") == 30
    assert guard.locked_for("otro nombre", "10.0.0.8") == 0


def test_this_machine_counts_as_one_client(guard):
    for n in range(5):
        guard.failure(f"nombre {n}", None)
    assert guard.locked_for("cualquiera", None) == 30


def test_a_good_password_clears_the_counts(guard, clock):
    fail(guard, 4)
    guard.success("Ana", "10.0.0.5")
    assert fail(guard, 4) == Failure(4, 0)
    fail(guard, 1)
    clock.now += 30
    guard.success("Ana", "10.0.0.5")
    assert fail(guard, 5).locked_seconds == 30  # back to the first lock's length


def test_an_hour_without_attempts_forgets_a_key(guard, clock):
    fail(guard, 5)
    clock.now += 3600
    assert fail(guard, 5).locked_seconds == 30  # not 60: the earlier lock was forgotten


def test_a_flood_of_names_keeps_memory_bounded_and_locks_in_place():
    clock = Clock()
    guard = SignInGuard(max_keys=50, clock=clock)
    fail(guard, 5, name="víctima", client="10.0.0.1")
    for n in range(500):
        clock.now += 0.001
        guard.failure(f"n{n}", f"192.168.{n // 250}.{n % 250}")
    assert len(guard._states) <= 50
    assert guard.locked_for("víctima", "10.1.1.1") > 0


def test_counts_are_safe_across_threads():
    guard = SignInGuard(max_failures=1000)
    threads = [threading.Thread(target=lambda: [guard.failure("Ana", "10.0.0.1")
                                                for _ in range(100)]) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert guard.failure("Ana", "10.0.0.1").failures == 801
