"""The review desk as an ASGI app (Starlette): routes, security headers, and how a request is answered.

Every response carries the security headers, whatever produced it (a page, a
redirect, Starlette's own 404). Pages need a session: without one a GET is sent
to the login form (303) and any other method gets 401. Every POST carries the
session's CSRF token (403 otherwise, before anything is read or written).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, quote

from markupsafe import Markup
from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claims.report.common import content_security_policy, environment
from claims.web.auth import Editor, Sessions, Throttle, same

log = logging.getLogger("claims.web")
SESSION_COOKIE, LOGIN_COOKIE = "claims_session", "claims_login"
#: Largest form body we read: a verdict's note is at most 10,000 characters.
MAX_FORM = 256 * 1024


@dataclass
class Desk:
    """What every request handler needs: the database, the sessions and where the desk lives."""

    engine: Engine
    sessions: Sessions
    throttle: Throttle
    #: The desk's path prefix with a trailing slash: "/" or "/review/".
    root: str
    https_only: bool = False


def desk(request: Request) -> Desk:
    """The desk a request belongs to."""
    return request.app.state.desk  # type: ignore[no-any-return]


class SecurityHeaders:
    """ASGI middleware: the security headers on every response."""

    def __init__(self, app: ASGIApp, https_only: bool = False) -> None:
        self.app = app
        policy = content_security_policy(environment(), "'self'") + "; frame-ancestors 'none'"
        self.headers = [
            (b"content-security-policy", policy.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"cache-control", b"no-store"),
        ]
        if https_only:
            self.headers.append((b"strict-transport-security", b"max-age=31536000"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in self.headers if h[0] not in names]
            await send(message)

        await self.app(scope, receive, with_headers)


def page(html: str, status: int = 200) -> HTMLResponse:
    """An HTML page response."""
    return HTMLResponse(html, status_code=status)


def render(
    name: str, request: Request, editor: Editor | None, page_context: Any, notice: str = "", status: int = 200
) -> HTMLResponse:
    """A template of the shared set, rendered for the desk: links under its root, the user and CSRF token."""
    root = desk(request).root
    html = (
        environment()
        .get_template(name)
        .render(
            page=page_context,
            root=root,
            desk=root,
            user=editor,
            csrf=editor.csrf if editor else "",
            notice=notice,
            csp_html=_meta_csp(),
        )
    )
    return page(html, status)


@lru_cache(maxsize=1)
def _meta_csp() -> Markup:
    # The <meta> copy of the header's policy (frame-ancestors is ignored in a meta tag, so it is left out).
    return Markup(content_security_policy(environment(), "'self'"))


def see_other(url: str) -> RedirectResponse:
    """A 303 redirect (after a POST, the browser GETs the target)."""
    return RedirectResponse(url, status_code=303)


def to_login(request: Request) -> Response:
    """No session: pages go to the login form (coming back here after), anything else gets 401."""
    root = desk(request).root
    if request.method not in ("GET", "HEAD"):
        return PlainTextResponse("Log in first.", status_code=401)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return see_other(f"{root}login?next={quote(here, safe='/')}")


def editor_of(request: Request) -> Editor | None:
    """The logged-in editor of this request, if any."""
    return desk(request).sessions.editor(request.cookies.get(SESSION_COOKIE))


async def read_form(request: Request) -> dict[str, list[str]] | Response:
    """The request's url-encoded form (at most MAX_FORM bytes), or the error response."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return PlainTextResponse("Send the form as application/x-www-form-urlencoded.", status_code=415)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            return PlainTextResponse("The form is too large.", status_code=413)
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=200, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        return PlainTextResponse("The form is not valid UTF-8 url-encoded data.", status_code=400)
    form: dict[str, list[str]] = {}
    for key, value in pairs:
        form.setdefault(key, []).append(value)
    return form


def first(form: dict[str, list[str]], name: str) -> str:
    """The first value of a form field, or ''."""
    values = form.get(name)
    return values[0] if values else ""


def csrf_ok(form: dict[str, list[str]], editor: Editor) -> bool:
    """Whether the form carries the session's CSRF token."""
    return same(editor.csrf, first(form, "csrf_token"))


def forbidden() -> PlainTextResponse:
    """The answer to a POST without the right CSRF token: nothing was read or written."""
    return PlainTextResponse(
        "Forbidden: the form's CSRF token is missing or wrong. Reload the page and try again.", status_code=403
    )


def create_app(engine: Engine, secret: bytes, base_path: str = "", https_only: bool = False) -> Starlette:
    """The review desk for the claims database behind ``engine``, served under ``base_path``."""
    from claims.web import views

    root = base_path.rstrip("/") + "/"
    routes = [
        Route(root, views.home, methods=["GET"]),
        Route(root + "login", views.login_form, methods=["GET"]),
        Route(root + "login", views.login, methods=["POST"]),
        Route(root + "logout", views.logout, methods=["POST"]),
        Route(root + "next", views.take_next, methods=["POST"]),
        Route(root + "index.html", views.index, methods=["GET"]),
        Route(root + "queue.html", views.queue, methods=["GET"]),
        Route(root + "digest.html", views.digest, methods=["GET"]),
        Route(root + "claims/{claim_id:int}", views.claim, methods=["GET"]),
        Route(root + "claims/{claim_id:int}/verdict", views.verdict, methods=["POST"]),
        Route(root + "claims/{claim_id:int}/release", views.release, methods=["POST"]),
        Route(root + "claims/{claim_id:int}/reopen", views.reopen, methods=["POST"]),
        Route(root + "{filename:str}", views.article, methods=["GET"]),
    ]
    if root != "/":
        routes.append(Route(root.rstrip("/"), views.home, methods=["GET"]))
    app = Starlette(routes=routes)
    app.state.desk = Desk(engine, Sessions(engine, secret), Throttle(), root, https_only)
    app.add_middleware(SecurityHeaders, https_only=https_only)
    return app
