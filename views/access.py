"""Who may change data (design §8): local single-user mode, editor sign-in with lockout, the gate
on editor actions. Pages call ``is_editor``, ``require_editor`` and ``current_user``."""

from __future__ import annotations

import time

import streamlit as st

from hdras.admin import auth
from hdras.core import config
from hdras.core.errors import HdrasError
from hdras.core.messages import msg
from views.common import show_error
from views.present import plain

LOCAL_NAME_KEY = "auth_local_name"
MAX_FAILURES, LOCK_SECONDS = 5, 30


def current_user() -> str:
    """Who is acting: the signed-in editor; in local mode the name typed in the sidebar, else
    'local'; else 'lector'. Every batch and rollback records it (design §8)."""
    if local_mode():
        typed = str(st.session_state.get(LOCAL_NAME_KEY) or "").strip()
        return f"{typed} (modo local)" if typed else "local"
    return st.session_state.get("editor_name") or "lector"


def configured_password_hash() -> str | None:
    """The editor password hash: $HDRAS_EDITOR_PASSWORD_HASH, else secrets.toml's
    ``editor_password_hash`` (format in hdras.admin.auth and .streamlit/secrets.toml.example)."""
    return config.editor_password_hash() or _secrets().get("editor_password_hash") or None


def local_mode() -> bool:
    """No editor password or identity provider configured: one user on this machine edits."""
    return configured_password_hash() is None


def is_editor() -> bool:
    """May this session upload, roll back and save shared scenarios? (design §8)"""
    return local_mode() or bool(st.session_state.get("editor_signed_in"))


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets.toml: Streamlit raises its own error types here
        return {}



def access_sidebar() -> None:
    """The sidebar box: local single-user mode notice, sign-in form, or who is signed in."""

    if local_mode():
        st.info(msg("auth.local_mode"), icon=":material/computer:")
        st.text_input("Su nombre (queda en el historial)", key=LOCAL_NAME_KEY,
                      placeholder="p. ej. Ana Pérez, DGAA")
        return
    if st.session_state.get("editor_signed_in"):
        st.success(msg("auth.signed_in", name=plain(st.session_state["editor_name"])),
                   icon=":material/edit:")
        if st.button("Cerrar sesión", key="auth_signout"):
            st.session_state.pop("editor_signed_in", None)
            st.session_state.pop("editor_name", None)
            st.rerun()
        return
    with st.expander("Acceso de editores", icon=":material/lock:"):
        st.caption(msg("auth.reader"))
        name = st.text_input("Nombre", key="auth_name")
        password = st.text_input("Contraseña", type="password", key="auth_password")
        if st.button("Ingresar", key="auth_signin"):
            _sign_in(name.strip(), password)


def _sign_in(name: str, password: str) -> None:
    locked_for = st.session_state.get("auth_locked_until", 0) - time.time()
    if locked_for > 0:
        st.error(msg("auth.locked", seconds=int(locked_for) + 1))
        return
    if not name:
        st.error(msg("auth.name_required"))
        return
    try:
        valid = auth.verify_password(password, configured_password_hash() or "")
    except HdrasError as exc:
        show_error(exc)
        return
    if not valid:
        failures = st.session_state.get("auth_failures", 0) + 1
        st.session_state["auth_failures"] = failures
        if failures >= MAX_FAILURES:
            st.session_state["auth_locked_until"] = time.time() + LOCK_SECONDS
            st.session_state["auth_failures"] = 0
        st.error(msg("auth.wrong_password"))
        return
    st.session_state.update(editor_signed_in=True, editor_name=name, auth_failures=0)
    st.rerun()


def require_editor(action: str) -> bool:
    """True for editors; otherwise say plainly why the controls are off and return False."""

    if is_editor():
        return True
    st.info(msg("auth.editor_required", action=action), icon=":material/lock:")
    return False
