"""Accounts of the review desk (``claims web``): names, scrypt password hashes, admins.

A password is hashed with :func:`hashlib.scrypt` and a random 16-byte salt of its
own; only ``scrypt$N$r$p$salt$hash`` is stored. Checking a password compares in
constant time, and an unknown name costs the same hash as a known one, so the
answer's timing does not tell which names exist. Passwords are never logged, and
no function here puts one in an error message.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from claims.errors import InvalidInput, NotFound
from claims.models import WebUser, utcnow
from claims.store import write

#: scrypt cost: N=2**14, r=8, p=1 (16 MiB, about 50 ms): OWASP's floor for interactive logins.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD, MAX_PASSWORD = 8, 1024
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,119}")


@dataclass(frozen=True)
class Account:
    """A user as the desk sees it: never the password hash."""

    id: int
    name: str
    is_admin: bool
    created_at: dt.datetime

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict for ``--format json``."""
        return {"id": self.id, "name": self.name, "admin": self.is_admin, "created_at": self.created_at.isoformat()}


def _account(user: WebUser) -> Account:
    return Account(user.id or 0, user.name, user.is_admin, user.created_at)


def check_name(name: str) -> str:
    """The user name, or :class:`InvalidInput` unless it is 1-120 letters, digits, ``.``, ``_``, ``@``, ``-``."""
    name = (name or "").strip()
    if not _NAME.fullmatch(name):
        raise InvalidInput(
            f"not a user name: {name[:40]!r} (1-120 letters, digits, '.', '_', '@' or '-', starting with a letter or digit)"
        )
    return name


def check_password(password: str) -> str:
    """The password, or :class:`InvalidInput` (which never quotes it) when too short or too long."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"the password is too short: at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(f"the password is too long: at most {MAX_PASSWORD} characters")
    return password


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def hash_password(password: str) -> str:
    """``scrypt$N$r$p$salt$hash`` for a fresh random salt."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches the stored hash (constant-time compare)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


# Hashed once, for unknown names: a failed login costs one scrypt whether or not the name exists.
_DUMMY = hash_password(secrets.token_urlsafe(16))


def add_user(engine: Engine, name: str, password: str, admin: bool = False) -> Account:
    """Create an account; :class:`InvalidInput` if the name is taken or the password unfit."""
    name = check_name(name)
    hashed = hash_password(check_password(password))

    def work(session: Session) -> Account:
        user = WebUser(name=name, password_hash=hashed, is_admin=admin)
        session.add(user)
        try:
            session.flush()
        except IntegrityError:
            raise InvalidInput(
                f"user {name} exists already (change the password with `claims user password`)"
            ) from None
        return _account(user)

    return write(engine, work)


def _get(session: Session, name: str) -> WebUser:
    user = session.exec(select(WebUser).where(col(WebUser.name) == name)).first()
    if user is None:
        raise NotFound(f"no user named {name[:120]!r}")
    return user


def set_password(engine: Engine, name: str, password: str) -> Account:
    """Replace a user's password; it ends every session the user has open."""
    from claims.models import WebSession

    name = check_name(name)
    hashed = hash_password(check_password(password))

    def work(session: Session) -> Account:
        user = _get(session, name)
        user.password_hash = hashed
        user.password_changed_at = utcnow()
        session.add(user)
        for open_session in session.exec(select(WebSession).where(col(WebSession.user_id) == user.id)):
            session.delete(open_session)
        return _account(user)

    return write(engine, work)


def remove_user(engine: Engine, name: str) -> Account:
    """Delete an account and its sessions; the verdicts it signed keep its name."""
    name = check_name(name)

    def work(session: Session) -> Account:
        user = _get(session, name)
        account = _account(user)
        session.delete(user)
        return account

    return write(engine, work)


def list_users(engine: Engine) -> list[Account]:
    """Every account, by name."""
    with Session(engine) as session:
        return [_account(u) for u in session.exec(select(WebUser).order_by(col(WebUser.name)))]


def authenticate(engine: Engine, name: str, password: str) -> Account | None:
    """The account when name and password match, else None (in about the same time either way)."""
    with Session(engine) as session:
        user = session.exec(select(WebUser).where(col(WebUser.name) == name.strip())).first() if name else None
    stored = user.password_hash if user is not None else _DUMMY
    ok = verify_password(password, stored)
    return _account(user) if ok and user is not None else None
