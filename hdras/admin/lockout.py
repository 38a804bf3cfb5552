"""Sign-in lockout for a whole server (design §8): five wrong passwords lock sign-in.

A lock kept in the browser session ends when someone opens a new tab. A room or a server needs
one kept by the server process. It counts failures two ways: by the name typed and by the client
address. Five wrong passwords in a row on either one lock sign-in for that name, or that client,
for 30 s. Each lock that follows without a good password lasts twice as long, up to 15 minutes.
A good password clears both counts. After an hour without attempts a key is forgotten, so the
memory stays small whatever names are typed.

Pure logic with an injectable clock. The dashboard uses ``server_guard()``, one per server process,
kept outside Streamlit's caches: any browser may ask a Streamlit server to clear those.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from hdras.core.text import fold

MAX_FAILURES = 5
LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 15 * 60
FORGET_AFTER_SECONDS = 60 * 60
MAX_KEYS = 10_000
LOCAL_CLIENT = "local"  # Streamlit gives no address for connections from this machine


@dataclass
class _State:
    failures: int = 0  # wrong passwords since the last lock or good password
    strikes: int = 0  # locks since the last good password
    locked_until: float = 0.0
    last_seen: float = 0.0


@dataclass(frozen=True)
class Failure:
    """What one wrong password did: the longest run of failures it completed (by name or by
    client) and the lock it started, in seconds (0 when none)."""

    failures: int
    locked_seconds: int


class SignInGuard:
    """Counts wrong passwords per name and per client; thread-safe."""

    def __init__(self, max_failures: int = MAX_FAILURES, lock_seconds: float = LOCK_SECONDS,
                 max_lock_seconds: float = MAX_LOCK_SECONDS,
                 forget_after: float = FORGET_AFTER_SECONDS, max_keys: int = MAX_KEYS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_failures, self.lock_seconds = max_failures, lock_seconds
        self.max_lock_seconds, self.forget_after = max_lock_seconds, forget_after
        self.max_keys, self._clock = max_keys, clock
        self._states: dict[tuple[str, str], _State] = {}
        self._lock = threading.Lock()

    @staticmethod
    def keys(name: str, client: str | None) -> list[tuple[str, str]]:
        """The counters an attempt touches: its name (folded) and its client."""
        return [("name", fold(name)), ("client", client or LOCAL_CLIENT)]

    def locked_for(self, name: str, client: str | None) -> int:
        """Whole seconds until this name and client may try again (0: they may now)."""
        with self._lock:
            now = self._clock()
            states = [self._states.get(key) for key in self.keys(name, client)]
            waits = [s.locked_until - now for s in states if s is not None] or [0.0]
        return max(0, math.ceil(max(waits)))

    def failure(self, name: str, client: str | None) -> Failure:
        """Count one wrong password; lock the name or the client that reached the limit."""
        with self._lock:
            now = self._clock()
            longest, locked = 0, 0.0
            for key in self.keys(name, client):
                state = self._state(key, now)
                state.failures += 1
                state.last_seen = now
                longest = max(longest, state.failures)
                if state.failures >= self.max_failures:
                    state.strikes += 1
                    seconds = min(self.lock_seconds * 2 ** (state.strikes - 1),
                                  self.max_lock_seconds)
                    state.locked_until = max(state.locked_until, now + seconds)
                    state.failures = 0
                    locked = max(locked, seconds)
            self._prune(now)
        return Failure(longest, math.ceil(locked))

    def success(self, name: str, client: str | None) -> None:
        """A good password: forget the failures and locks of this name and client."""
        with self._lock:
            for key in self.keys(name, client):
                self._states.pop(key, None)

    def clear(self) -> None:
        """Forget every count and lock (tests start clean)."""
        with self._lock:
            self._states.clear()

    def _state(self, key: tuple[str, str], now: float) -> _State:
        state = self._states.get(key)
        if state is None or self._forgotten(state, now):
            state = self._states[key] = _State(last_seen=now)
        return state

    def _forgotten(self, state: _State, now: float) -> bool:
        return state.locked_until <= now and now - state.last_seen >= self.forget_after

    def _prune(self, now: float) -> None:
        if len(self._states) <= self.max_keys:
            return
        for key in [k for k, s in self._states.items() if self._forgotten(s, now)]:
            del self._states[key]
        if len(self._states) > self.max_keys:  # a flood of names: drop the unlocked, oldest first
            free = sorted((s.last_seen, k) for k, s in self._states.items()
                          if s.locked_until <= now)
            for _, key in free[: len(self._states) - self.max_keys]:
                del self._states[key]


_SERVER_GUARD = SignInGuard()


def server_guard() -> SignInGuard:
    """The lockout of this server process."""
    return _SERVER_GUARD
