"""The editor password (design §8): stored only as a salted scrypt hash, checked in constant time.

Hash format (one line, safe in TOML and environment variables):

    scrypt$<n>$<r>$<p>$<salt, base64>$<key, base64>

e.g. ``scrypt$16384$8$1$Jq…==$9x…=``. Make one with ``python -m hdras hash-password`` and put it in
``.streamlit/secrets.toml`` as ``editor_password_hash = "…"`` or in $HDRAS_EDITOR_PASSWORD_HASH.
With neither, the dashboard runs in local single-user mode.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from hdras.core.errors import PasswordHashError
from hdras.core.messages import msg

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1
KEY_BYTES = 32
SALT_BYTES = 16
MIN_PASSWORD_LENGTH = 8
_MAX_N = 2**20  # refuse configured costs that would take the server's memory
_MAX_MEMORY = 256 * 1024 * 1024



def hash_password(password: str, salt: bytes | None = None) -> str:
    """The storable hash of ``password`` (random salt unless one is given, for tests)."""
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    key = _derive(password, salt, N, R, P, KEY_BYTES)
    return "$".join([SCHEME, str(N), str(R), str(P), _b64(salt), _b64(key)])


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; raises PasswordHashError for a malformed hash."""
    n, r, p, salt, key = parse_hash(stored)
    candidate = _derive(password, salt, n, r, p, len(key))
    return hmac.compare_digest(candidate, key)


def parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes]:
    """Split a stored hash into its cost parameters, salt and key."""
    try:
        scheme, n, r, p, salt, key = stored.strip().split("$")
        params = int(n), int(r), int(p)
        decoded = base64.b64decode(salt, validate=True), base64.b64decode(key, validate=True)
    except (ValueError, AttributeError) as exc:
        raise PasswordHashError(msg("auth.bad_hash")) from exc
    n_, r_, p_ = params
    sane = (scheme == SCHEME and 1 < n_ <= _MAX_N and not n_ & (n_ - 1) and 0 < r_ <= 32
            and 0 < p_ <= 16 and 128 * n_ * r_ <= _MAX_MEMORY // 2 and len(decoded[1]) >= 16)
    if not sane:
        raise PasswordHashError(msg("auth.bad_hash"))
    return (*params, *decoded)


def check_new_password(password: str) -> None:
    """Raise PasswordHashError when a password to be hashed is too short."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordHashError(msg("auth.password_too_short", minimum=MIN_PASSWORD_LENGTH))


def _derive(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length,
                          maxmem=_MAX_MEMORY)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
