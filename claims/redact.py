"""Hide secrets in URLs before they are shown, logged or stored; make untrusted text inert where it is shown.

A URL can carry a password (``https://user:pw@host/``) or an API key in its
query (``?api_key=...``, ``token``, ``sig``, ...). :func:`redact_url` replaces
them with ``***``; :func:`redact_text` does it for every URL inside a message.
Database URLs go through :func:`claims.db.redact` (SQLAlchemy's rendering).

:func:`markdown_text` makes article text inert in Markdown (Prefect artifacts);
:func:`terminal_text` and :func:`terminal_json` in an editor's terminal (no escape
sequences: an article cannot set the window title, clear the screen or fake output).

:func:`parameter_url` and :func:`original_url` keep secrets out of Prefect flow-run parameters.

:func:`has_password` tells whether a database URL holds a password (flows never take
the URL as a parameter: see :func:`claims.runtime.settings_in_environment`).
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import parse_qsl, urlsplit, urlunsplit

if TYPE_CHECKING:
    from claims.sources import Article

MASK = "***"
#: Query parameter names whose values are secrets (matched as whole words of the name).
SECRET_WORDS = (
    "key",
    "apikey",
    "token",
    "secret",
    "password",
    "passwd",
    "pwd",
    "sig",
    "signature",
    "auth",
    "authorization",
    "credential",
    "credentials",
    "session",
    "sessionid",
    "access",
    "jwt",
)
_WORDS = re.compile(r"[a-z0-9]+")
_URL_IN_TEXT = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>\"'`|]+")
A = TypeVar("A", bound="Article")


def is_secret_name(name: str) -> bool:
    """True for a query parameter name such as ``api_key``, ``X-Amz-Signature`` or ``access_token``."""
    lowered = name.lower()
    words = _WORDS.findall(lowered.replace("-", "_"))
    compact = lowered.replace("-", "").replace("_", "")
    return any(w in SECRET_WORDS for w in words) or any(
        compact.endswith(w) for w in ("apikey", "token", "secret", "password", "signature")
    )


def redact_url(url: str) -> str:
    """``url`` with its password and secret query values replaced by ``***``; other text unchanged."""
    if not url or "://" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hostport = netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:{MASK}@{hostport}" if ":" in userinfo else f"{MASK}@{hostport}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(is_secret_name(name) for name, _ in pairs):
            query = "&".join(
                f"{_raw_name(piece)}={MASK}" if is_secret_name(_name(piece)) else piece for piece in query.split("&")
            )
    fragment = parts.fragment
    if fragment and "=" in fragment and any(is_secret_name(n) for n, _ in parse_qsl(fragment)):
        fragment = "&".join(
            f"{_raw_name(piece)}={MASK}" if is_secret_name(_name(piece)) else piece for piece in fragment.split("&")
        )
    if (netloc, query, fragment) == (parts.netloc, parts.query, parts.fragment):
        return url
    return urlunsplit((parts.scheme, netloc, parts.path, query, fragment))


#: URLs whose secrets were redacted from a flow parameter in this process, by their redacted form.
_HELD: dict[str, str] = {}


def parameter_url(url: str) -> str:
    """What a flow run started in this process takes as its parameter for ``url``: the URL redacted.

    Prefect stores flow-run parameters on its server (and the UI shows them), so a key in
    an article's URL must not reach one. The original is kept in this process only, and
    :func:`original_url` gives it back to the flow, which runs here too (``claims check``
    and ``claims batch`` run their flows in their own process). Two URLs that differ only
    in their secrets cannot both be given in one command.
    """
    shown = redact_url(url)
    if shown != url:
        held = _HELD.setdefault(shown, url)
        if held != url:
            from claims.errors import InvalidInput

            raise InvalidInput(f"{shown}: given twice with different secrets; check them one at a time")
    return shown


def original_url(source: str) -> str:
    """The URL :func:`parameter_url` redacted in this process, else ``source`` itself."""
    return _HELD.get(source, source)


def _raw_name(piece: str) -> str:
    return piece.split("=", 1)[0]


def _name(piece: str) -> str:
    from urllib.parse import unquote_plus

    return unquote_plus(_raw_name(piece))


def redact_text(text: str) -> str:
    """``text`` with every URL in it redacted (for error messages and log lines)."""
    if not text or "://" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        url = match.group(0)
        core = url.rstrip(".,:;)]!?")  # "URL: reason" and "(see URL)." keep their punctuation
        return redact_url(core) + url[len(core) :]

    return _URL_IN_TEXT.sub(one, text)


def redacted_article(article: A) -> A:
    """The article with its source and URL redacted: what we store and show."""
    source, url = redact_url(article.source), redact_url(article.url) if article.url else article.url
    if source == article.source and url == article.url:
        return article
    return dataclasses.replace(article, source=source, url=url)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def markdown_text(text: object) -> str:
    """Untrusted text made inert in Markdown (artifacts): no HTML, links, code spans or table breaks, one line.

    The one escaper for everything from an article, a feed or a verdict that the
    Prefect UI shows: Markdown artifacts, table cells and column names
    (:func:`markdown_table`), link text, descriptions and the Resume form's text. Run
    and task names and artifact keys are slugs (``claims.sources.slugify``) instead.
    """
    flat = " ".join(terminal_text(text).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def markdown_table(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Rows for a Prefect table artifact: every text cell and column name through :func:`markdown_text`.

    The UI renders table cells as Markdown with HTML, so a raw quote could load images
    or hold ``javascript:`` links; numbers and None stay as they are.
    """
    return [{markdown_text(k): markdown_text(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows]


#: C0 controls but tab and newline, DEL, and C1 controls (0x9b is CSI on some terminals).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def terminal_text(text: object, *, multiline: bool = False) -> str:
    """Untrusted text safe to print: control characters (ESC, BEL, CSI ...) removed.

    On one line (the default) tabs and line breaks become a space; ``multiline``
    keeps newlines and tabs for layouts that need them (a block of sources).
    """
    value = str(text)
    if not multiline:
        value = _BREAKS.sub(" ", value)
    return _CONTROLS.sub("", value)


def terminal_json(data: object, indent: int | None = None) -> str:
    """``data`` as JSON for a terminal: the C1 controls and DEL that ``ensure_ascii=False`` leaves raw escaped.

    JSON already escapes every C0 control; the others can only stand inside strings,
    so ``\\u009b`` is the same JSON, and inert.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent, default=str)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def has_password(database_url: str) -> bool:
    """True when a database URL carries a password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return bool(make_url(database_url).password)
    except ArgumentError:
        return "@" in database_url
