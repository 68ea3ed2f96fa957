"""Who is asking: the cookie secret, sessions, CSRF tokens, login throttling and safe ``next=`` paths.

A session is a row of ``web_session`` keyed by the SHA-256 of a random token; the
browser holds the token in a cookie signed with the desk's secret (HttpOnly,
SameSite=Lax, Secure with ``--https-only``). Logging out deletes the row, so a copied
cookie is worthless afterwards; so does changing the password or removing the user.
A session ends after :data:`IDLE` without a request. Each session has its own CSRF
token, compared in constant time on every POST.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
import stat
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from itsdangerous import BadSignature, Signer
from sqlalchemy import delete
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, col, select

from claims.errors import ConfigError
from claims.models import WebSession, WebUser, utcnow
from claims.store import write

SECRET_ENV = "CLAIMS_WEB_SECRET"
IDLE = dt.timedelta(hours=12)
#: A session's ``seen_at`` is written at most this often (a page view is otherwise read-only).
TOUCH = dt.timedelta(seconds=60)
#: Failed logins for one account within WINDOW seconds before further attempts wait.
MAX_FAILURES, WINDOW = 5, 60.0


@dataclass(frozen=True)
class Editor:
    """The logged-in user of a request, with the session's CSRF token."""

    name: str
    is_admin: bool
    csrf: str
    session_id: str


def load_secret(database_url: str) -> bytes:
    """The cookie-signing secret: CLAIMS_WEB_SECRET, else a 0600 file made once beside the SQLite database."""
    given = os.environ.get(SECRET_ENV, "")
    if given:
        if len(given) < 32:
            raise ConfigError(f"{SECRET_ENV} is too short: use at least 32 random characters")
        return given.encode("utf-8")
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise ConfigError(f"set {SECRET_ENV} (the same value for every app process) when the database is not a file")
    path = Path(url.database).expanduser().resolve()
    path = path.with_name(path.name + "-web-secret")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48) + "\n")
    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise ConfigError(f"{path} is readable by others: run `chmod 600 {path}`")
        secret = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the web secret ({exc.strerror})") from None
    if len(secret) < 32:
        raise ConfigError(f"{path} holds too short a secret: remove it to make a new one")
    return secret.encode("utf-8")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Sessions:
    """Sessions in the claims database, handed to browsers as signed tokens."""

    def __init__(self, engine: Engine, secret: bytes) -> None:
        self.engine = engine
        self.signer = Signer(secret, salt="claims-web-session")
        self.login_signer = Signer(secret, salt="claims-web-login")

    def start(self, user_id: int, now: dt.datetime | None = None) -> str:
        """A new session for the user; the cookie value (a fresh token: no session fixation)."""
        at = now or utcnow()
        token = secrets.token_urlsafe(32)

        def work(session: Session) -> None:
            session.exec(delete(WebSession).where(col(WebSession.seen_at) < at - IDLE))  # type: ignore[call-overload]
            session.add(
                WebSession(
                    id=_digest(token), user_id=user_id, csrf=secrets.token_urlsafe(32), created_at=at, seen_at=at
                )
            )

        write(self.engine, work)
        return self.signer.sign(token).decode("ascii")

    def _token(self, cookie: str | None) -> str | None:
        if not cookie:
            return None
        try:
            return self.signer.unsign(cookie).decode("ascii")
        except (BadSignature, UnicodeError):
            return None

    def editor(self, cookie: str | None, now: dt.datetime | None = None) -> Editor | None:
        """The editor of a live session, or None (no cookie, a forged one, logged out or idle too long)."""
        token = self._token(cookie)
        if token is None:
            return None
        at = now or utcnow()
        key = _digest(token)
        with Session(self.engine) as session:
            row = session.exec(
                select(WebSession, WebUser)
                .join(WebUser, col(WebUser.id) == col(WebSession.user_id))
                .where(col(WebSession.id) == key)
            ).first()
        if row is None:
            return None
        web_session, user = row
        seen = web_session.seen_at if web_session.seen_at.tzinfo else web_session.seen_at.replace(tzinfo=dt.UTC)
        if at - seen > IDLE:
            self.end(key)
            return None
        if at - seen > TOUCH:
            write(
                self.engine,
                lambda s: s.exec(  # type: ignore[call-overload]
                    WebSession.__table__.update().where(WebSession.__table__.c.id == key).values(seen_at=at)  # type: ignore[attr-defined]
                ),
            )
        return Editor(user.name, user.is_admin, web_session.csrf, key)

    def end(self, session_id: str) -> None:
        """Log a session out (delete its row)."""
        write(self.engine, lambda s: s.exec(delete(WebSession).where(col(WebSession.id) == session_id)))  # type: ignore[call-overload]

    def login_token(self) -> tuple[str, str]:
        """A CSRF token for the login form, and the signed cookie that vouches for it."""
        token = secrets.token_urlsafe(32)
        return token, self.login_signer.sign(token).decode("ascii")

    def login_token_ok(self, cookie: str | None, form_token: str) -> bool:
        """Whether the login form's token is the one its cookie was signed for."""
        if not cookie or not form_token:
            return False
        try:
            expected = self.login_signer.unsign(cookie).decode("ascii")
        except (BadSignature, UnicodeError):
            return False
        return same(expected, form_token)


def same(expected: str, given: str) -> bool:
    """Constant-time comparison of two tokens."""
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8", "surrogatepass"))


class Throttle:
    """Failed logins per account over the last WINDOW seconds, in this process."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = WINDOW) -> None:
        self.limit, self.window = limit, window
        self._fails: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        fails = self._fails.get(key, deque())
        while fails and fails[0] <= now - self.window:
            fails.popleft()
        return fails

    def wait(self, name: str, now: float | None = None) -> int:
        """Seconds before ``name`` may try again (0: it may now)."""
        at = time.monotonic() if now is None else now
        with self._lock:
            fails = self._recent(name.lower(), at)
            if len(fails) < self.limit:
                return 0
            return max(1, int(fails[0] + self.window - at + 0.999))

    def fail(self, name: str, now: float | None = None) -> int:
        """Count a failed login for ``name``; how many in the window."""
        at = time.monotonic() if now is None else now
        with self._lock:
            if len(self._fails) > 10_000:  # names are attacker-chosen: keep the table bounded
                self._fails = {k: v for k, v in self._fails.items() if self._recent(k, at)}
            fails = self._recent(name.lower(), at)
            fails.append(at)
            self._fails[name.lower()] = fails
            return len(fails)


def safe_next(value: str | None, root: str) -> str | None:
    """``value`` when it is a path on this desk (under ``root``), else None: no open redirects."""
    if not value or len(value) > 2000 or not value.startswith(root):
        return None
    if value.startswith("//") or "\\" in value or any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in value):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    return value
