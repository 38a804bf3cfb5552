"""Who may change data (design §8): local single-user mode, shared mode, editor sign-in with a
server-wide lockout, the gate on editor actions. Pages call ``is_editor``, ``require_editor`` and
``current_user``.

Local single-user mode (anyone who opens the page edits) applies only when nothing says
otherwise: no editor password is configured, the app was not started by ``hdras serve``
($HDRAS_SHARED_MODE), and Streamlit listens on this machine only. In any other case editing needs
a signed-in editor, even if the password hash is missing (then nobody can edit).
"""

from __future__ import annotations

import streamlit as st

from hdras.admin import audit, auth, lockout
from hdras.core import config
from hdras.core.errors import HdrasError
from hdras.core.messages import msg
from views.common import show_error
from views.present import plain

LOCAL_NAME_KEY = "auth_local_name"
LOOPBACK = {"localhost", "127.0.0.1", "::1"}


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


def shared_mode() -> bool:
    """Served to others: by ``hdras serve``, or by Streamlit listening beyond this machine."""
    address = str(st.get_option("server.address") or "")
    return config.shared_mode() or address not in LOOPBACK


def local_mode() -> bool:
    """No editor password configured and not shared: one user on this machine edits."""
    return not shared_mode() and configured_password_hash() is None


def is_editor() -> bool:
    """May this session upload, roll back and save shared scenarios? (design §8) A signed-in
    editor stops being one if the password hash is removed while the server runs."""
    if local_mode():
        return True
    return bool(st.session_state.get("editor_signed_in")) and configured_password_hash() is not None


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets.toml: Streamlit raises its own error types here
        return {}


def _client() -> str | None:
    """The browser's address (None for this machine), as the lockout and the log name it."""
    try:
        address = st.context.ip_address
    except Exception:  # no client context
        return None
    return address if isinstance(address, str) else None  # AppTest gives a mock


def access_sidebar() -> None:
    """The sidebar box: local single-user mode notice, shared mode notice and sign-in form, or
    who is signed in."""
    if config.shared_mode():
        audit.enable_console_log()  # hdras serve's log: imports, rollbacks, sign-ins
    if shared_mode():
        st.info(msg("auth.shared_mode"), icon=":material/groups:")
        if configured_password_hash() is None:
            st.error(msg("auth.no_editor_configured"), icon=":material/lock:")
            return
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
    guard, client = lockout.server_guard(), _client()  # one per server: tabs share it
    locked_for = guard.locked_for(name, client)
    if locked_for > 0:
        st.error(msg("auth.locked", seconds=locked_for))
        return
    if not name:
        st.error(msg("auth.name_required"))
        return
    stored = configured_password_hash()
    if stored is None:
        st.error(msg("auth.no_editor_configured"))
        return
    try:
        valid = auth.verify_password(password, stored)
    except HdrasError as exc:
        show_error(exc)
        return
    if not valid:
        failure = guard.failure(name, client)
        audit.sign_in_failed(name, client, failure.failures, failure.locked_seconds)
        st.error(msg("auth.wrong_password"))
        if failure.locked_seconds:
            st.error(msg("auth.locked", seconds=failure.locked_seconds))
        return
    guard.success(name, client)
    audit.signed_in(name, client)
    st.session_state.update(editor_signed_in=True, editor_name=name)
    st.rerun()


def require_editor(action: str) -> bool:
    """True for editors; otherwise say plainly why the controls are off and return False."""

    if is_editor():
        return True
    st.info(msg("auth.editor_required", action=action), icon=":material/lock:")
    return False
