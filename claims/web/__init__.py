"""The review desk: ``claims web`` serves the reports live, with accounts, leases and verdicts.

:mod:`claims.web.auth` holds sessions, CSRF tokens and login throttling;
:mod:`claims.web.app` the ASGI app and its security headers; :mod:`claims.web.views`
the pages and actions, which call the same library functions as the terminal commands.
"""

from __future__ import annotations

import logging
import re
import socket

from claims.errors import ConfigError

_BASE = re.compile(r"(/[A-Za-z0-9._~-]+)*/?")


def check_base_path(base_path: str) -> str:
    """``--base-path`` without its trailing slash ("" for the root); :class:`ConfigError` if malformed."""
    value = (base_path or "").strip()
    if value in ("", "/"):
        return ""
    if not value.startswith("/") or not _BASE.fullmatch(value):
        raise ConfigError(f"--base-path must be a path like /review, not {value[:60]!r}")
    return value.rstrip("/")


def serve(
    database_url: str, host: str, port: int, base_path: str = "", https_only: bool = False, access_log: bool = True
) -> None:
    """Serve the desk until interrupted; :class:`ConfigError` when the address cannot be used."""
    import uvicorn

    from claims.db import open_engine
    from claims.users import list_users
    from claims.web.app import create_app
    from claims.web.auth import load_secret

    base = check_base_path(base_path)
    engine = open_engine(database_url)
    secret = load_secret(database_url)
    app = create_app(engine, secret, base, https_only)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named explicitly: asyncio sets TCP_NODELAY on accepted connections only when the
    # socket says it is TCP; without it every keep-alive response waited ~40 ms (Nagle + delayed ACK).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    except UnicodeError:
        sock.close()
        raise ConfigError(f"cannot listen on {host!r}: not a host name or address") from None
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    if not list_users(engine):
        print("No accounts yet: add one with `claims user add NAME --admin --password-stdin`.", flush=True)
    print(f"Review desk on http://{shown}:{bound}{base}/ (Ctrl-C to stop)", flush=True)
    logging.getLogger("claims.web").setLevel(logging.INFO)
    config = uvicorn.Config(
        app,
        log_level="info",
        access_log=access_log,
        proxy_headers=True,
        server_header=False,
        date_header=True,
        timeout_graceful_shutdown=5,
    )
    uvicorn.Server(config).run(sockets=[sock])
