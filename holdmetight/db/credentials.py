"""The passwords of database servers, kept in the operating system's credential store (Windows
Credential Manager, the macOS keychain, the Secret Service of a Linux desktop) through
``keyring``: never in the settings file, a log or a message.

A login is stored under the service "holdmetight" with a name that identifies it without the
password ("user@host:port/database"). Where there is no credential store, as on a headless Linux
machine, nothing is stored and the window asks the password at every start.

``keyring`` is imported only when a server database is used: opening a SQLite file never loads
it. A credential store that fails (locked, refused, gone) counts as none: nothing here raises.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "holdmetight"
DEFAULT_PORT = 5432

log = logging.getLogger(__name__)


def _server_url(url: str) -> URL | None:
    """The parsed URL when it names a database server (not a SQLite file), else None."""
    try:
        parts = make_url(url)
    except ArgumentError:
        return None
    if parts.get_backend_name() == "sqlite":
        return None
    return parts


def login_name(url: str) -> str:
    """How the login of ``url`` is named in the credential store: "user@host:port/database"."""
    parts = make_url(url)
    return (
        f"{parts.username or ''}@{parts.host or 'localhost'}:{parts.port or DEFAULT_PORT}"
        f"/{parts.database or ''}"
    )


def without_password(url: str) -> str:
    """``url`` as it may be written to the settings file: without its password."""
    parts = _server_url(url)
    if parts is None or parts.password is None:
        return url
    # ``URL.set`` leaves out what is None, so it cannot remove a password.
    return parts._replace(password=None).render_as_string(hide_password=False)


def with_password(url: str, password: str) -> str:
    """``url`` with ``password`` in it, for opening; never write the result anywhere."""
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def has_password(url: str) -> bool:
    parts = _server_url(url)
    return parts is not None and parts.password is not None


def _backend() -> KeyringBackend | None:
    """The credential store keyring would use, or None when there is none to use."""
    try:
        import keyring
        from keyring.backends import chainer, fail, null

        backend = keyring.get_keyring()
        unusable = (fail.Keyring, null.Keyring)
        if isinstance(backend, unusable):
            return None
        if isinstance(backend, chainer.ChainerBackend) and not any(
            not isinstance(chained, unusable) for chained in backend.backends
        ):
            return None
        return backend
    except Exception as error:  # a broken installation is no credential store
        log.warning("no credential store could be found (%s)", type(error).__name__)
        return None


def has_credential_store() -> bool:
    """Whether this computer has a credential store that keyring can use."""
    return _backend() is not None


def stored_secret(name: str) -> str | None:
    """The password kept under ``name`` (a login, like "smtp:user@host:587"), or None."""
    backend = _backend()
    if backend is None:
        return None
    try:
        return backend.get_password(SERVICE, name)
    except Exception as error:
        log.warning("the credential store could not be read (%s)", type(error).__name__)
        return None


def store_secret(name: str, password: str) -> bool:
    """Keep ``password`` under ``name``; False when there is no credential store or it
    refused."""
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, name, password)
    except Exception as error:
        log.warning("the password could not be stored (%s)", type(error).__name__)
        return False
    return True


def forget_secret(name: str) -> None:
    """Remove the password kept under ``name``, if there is one."""
    backend = _backend()
    if backend is None:
        return
    try:
        if backend.get_password(SERVICE, name) is not None:
            backend.delete_password(SERVICE, name)
    except Exception as error:
        log.warning("the stored password could not be removed (%s)", type(error).__name__)


def stored_password(url: str) -> str | None:
    """The password stored for the login of ``url``, or None (none stored, or no store)."""
    if _server_url(url) is None:
        return None
    return stored_secret(login_name(url))


def store_password(url: str, password: str) -> bool:
    """Keep ``password`` for the login of ``url``; False when there is no credential store or
    it refused."""
    if _server_url(url) is None:
        return False
    return store_secret(login_name(url), password)


def forget_password(url: str) -> None:
    """Remove the password stored for the login of ``url``, if there is one."""
    if _server_url(url) is not None:
        forget_secret(login_name(url))


def complete(url: str) -> str:
    """``url`` ready to connect: a server URL without a password gets the stored one; a SQLite
    URL, a URL with a password and a login without a stored password are returned as they
    are."""
    parts = _server_url(url)
    if parts is None or parts.password is not None:
        return url
    password = stored_password(url)
    return url if password is None else with_password(url, password)
