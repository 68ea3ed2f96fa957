"""The review desk's pages and actions; each calls the same library function as its terminal command.

``Review next`` and the verdict form lease and record through :func:`claims.queue.lease_next`
and :func:`claims.verdicts.record_verdict`, with the logged-in user as the reviewer (no form
field can name another). The database work runs in Starlette's thread pool.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from claims.errors import ClaimsError, InvalidInput, LeaseConflict, NotFound, StoreError
from claims.queue import lease_next
from claims.queue import release as release_claim
from claims.queue import reopen as reopen_claim
from claims.report.article import article_page
from claims.report.claim import claim_page
from claims.report.common import article_filename
from claims.report.digest import digest_page
from claims.report.index import index_page
from claims.report.login import LoginPage
from claims.report.queue import queue_page
from claims.users import authenticate
from claims.verdicts import record_verdict
from claims.web.app import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    Desk,
    csrf_ok,
    desk,
    editor_of,
    first,
    forbidden,
    log,
    read_form,
    render,
    see_other,
    to_login,
)
from claims.web.auth import Editor, safe_next

T = TypeVar("T")
QUEUE_PAGE, INDEX_PAGE = 50, 100
_ARTICLE = re.compile(r"(\d{1,12})-[a-z0-9-]*\.html")


async def db(work: Callable[..., T], *args: Any) -> T:
    """Run blocking database work off the event loop."""
    return await run_in_threadpool(work, *args)


def _session_call(the_desk: Desk, build: Callable[[Session], T]) -> T:
    with Session(the_desk.engine) as session:
        return build(session)


def _cookie(request: Request, response: Response, the_desk: Desk, name: str, value: str) -> None:
    # Secure with --https-only, or when the request came over HTTPS (directly, or through a
    # proxy on this host saying so in X-Forwarded-Proto, which uvicorn trusts from 127.0.0.1).
    secure = the_desk.https_only or request.url.scheme == "https"
    response.set_cookie(name, value, httponly=True, samesite="lax", secure=secure, path=the_desk.root)


def _client(request: Request) -> str:
    return request.client.host if request.client else "-"


def _page_number(request: Request) -> int | Response:
    raw = request.query_params.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 1_000_000:
        return PlainTextResponse("?page= takes a page number from 1.", status_code=400)
    return int(raw)


def _notice(request: Request) -> str:
    """A fixed message named by the query (never text from it, except claim numbers)."""
    q = request.query_params
    for key, message in (
        ("recorded", "Verdict on claim {} recorded. Here is the next claim."),
        ("released", "Claim {} is back in the queue."),
        ("reopened", "Claim {} is pending again; its verdicts stay in its history."),
    ):
        value = q.get(key, "")
        if value.isdigit() and len(value) < 13:
            return message.format(int(value))
    if q.get("done") == "empty":
        return "The queue is empty: nothing waits for review."
    if q.get("done") == "recorded-last":
        return "Verdict recorded. The queue is empty: nothing else waits for review."
    return ""


async def _gate(request: Request) -> Editor | Response:
    editor = await db(editor_of, request)
    return editor if editor is not None else to_login(request)


async def _post_gate(request: Request) -> tuple[Editor, dict[str, list[str]]] | Response:
    """A POST's editor and form, or the 401/403/4xx answer (nothing written)."""
    editor = await db(editor_of, request)
    if editor is None:
        return PlainTextResponse("Log in first.", status_code=401)
    form = await read_form(request)
    if isinstance(form, Response):
        return form
    if not csrf_ok(form, editor):
        log.warning(
            "refused a %s to %s by %s: missing or wrong CSRF token", request.method, request.url.path, editor.name
        )
        return forbidden()
    return editor, form


# ------------------------------------------------------------------ login


async def home(request: Request) -> Response:
    return see_other(desk(request).root + "queue.html")


async def login_form(
    request: Request, error: str = "", username: str = "", status: int = 200, target: str | None = None
) -> Response:
    the_desk = desk(request)
    if target is None:
        target = safe_next(request.query_params.get("next"), the_desk.root) or ""
    if not error and await db(editor_of, request) is not None:
        return see_other(target or the_desk.root + "queue.html")
    token, cookie = the_desk.sessions.login_token()
    response = render("login.html", request, None, LoginPage(token, target, username, error), status=status)
    _cookie(request, response, the_desk, LOGIN_COOKIE, cookie)
    return response


async def login(request: Request) -> Response:
    the_desk = desk(request)
    form = await read_form(request)
    if isinstance(form, Response):
        return form
    if not the_desk.sessions.login_token_ok(request.cookies.get(LOGIN_COOKIE), first(form, "csrf_token")):
        log.warning("refused a login from %s: missing or wrong CSRF token", _client(request))
        return forbidden()
    name, password = first(form, "username").strip()[:200], first(form, "password")
    target = safe_next(first(form, "next"), the_desk.root)
    wait = the_desk.throttle.wait(name)
    if wait:
        log.warning("refused a login for %r from %s: too many failed logins in the last minute", name, _client(request))
        message = f"Too many failed logins for this account: try again in {wait} seconds."
        response = await login_form(request, message, name, 429, target or "")
        response.headers["Retry-After"] = str(wait)
        return response
    account = await db(authenticate, the_desk.engine, name, password) if name and password else None
    if account is None:
        failures = the_desk.throttle.fail(name)
        log.warning("failed login for %r from %s (%d in the last minute)", name, _client(request), failures)
        return await login_form(request, "Wrong user name or password.", name, 401, target or "")
    cookie = await db(the_desk.sessions.start, account.id)
    log.info("%s logged in from %s", account.name, _client(request))
    response = see_other(target or the_desk.root + "queue.html")
    _cookie(request, response, the_desk, SESSION_COOKIE, cookie)
    response.delete_cookie(LOGIN_COOKIE, path=the_desk.root)
    return response


async def logout(request: Request) -> Response:
    gate = await _post_gate(request)
    if isinstance(gate, Response):
        return gate
    editor, _ = gate
    the_desk = desk(request)
    await db(the_desk.sessions.end, editor.session_id)
    log.info("%s logged out", editor.name)
    response = see_other(the_desk.root + "login")
    response.delete_cookie(SESSION_COOKIE, path=the_desk.root)
    return response


# ------------------------------------------------------------------ pages


async def _paged(request: Request, template: str, build: Callable[..., Any], per_page: int) -> Response:
    """A paginated page (``?page=``) for the logged-in editor."""
    editor = await _gate(request)
    if isinstance(editor, Response):
        return editor
    number = _page_number(request)
    if isinstance(number, Response):
        return number
    context = await db(_session_call, desk(request), lambda s: build(s, page=number, per_page=per_page))
    return render(template, request, editor, context, _notice(request))


async def index(request: Request) -> Response:
    return await _paged(request, "index.html", index_page, INDEX_PAGE)


async def queue(request: Request) -> Response:
    return await _paged(request, "queue.html", queue_page, QUEUE_PAGE)


async def digest(request: Request) -> Response:
    editor = await _gate(request)
    if isinstance(editor, Response):
        return editor
    context = await db(_session_call, desk(request), lambda s: digest_page(s))
    return render("digest.html", request, editor, context)


async def article(request: Request) -> Response:
    editor = await _gate(request)
    if isinstance(editor, Response):
        return editor
    filename = request.path_params["filename"]
    found = _ARTICLE.fullmatch(filename)
    if found is None:
        return PlainTextResponse("Not Found", status_code=404)
    try:
        context = await db(_session_call, desk(request), lambda s: article_page(s, int(found.group(1))))
    except NotFound:
        return PlainTextResponse("Not Found", status_code=404)
    if article_filename(context.article) != filename:
        return see_other(desk(request).root + article_filename(context.article))
    return render("article.html", request, editor, context)


async def claim(request: Request) -> Response:
    editor = await _gate(request)
    if isinstance(editor, Response):
        return editor
    return await _claim_page(request, editor, request.path_params["claim_id"], notice=_notice(request))


async def _claim_page(
    request: Request,
    editor: Editor,
    claim_id: int,
    error: str = "",
    form: dict[str, Any] | None = None,
    status: int = 200,
    notice: str = "",
) -> Response:
    def build(session: Session) -> Any:
        page = claim_page(session, claim_id, editor.name, editor.is_admin)
        if error or form:
            from dataclasses import replace

            page = replace(page, error=error, form=form or {})
        return page

    try:
        context = await db(_session_call, desk(request), build)
    except NotFound as exc:
        return PlainTextResponse(str(exc), status_code=404)
    return render("claim.html", request, editor, context, notice, status)


# ------------------------------------------------------------------ actions


async def take_next(request: Request) -> Response:
    gate = await _post_gate(request)
    if isinstance(gate, Response):
        return gate
    editor, _ = gate
    root = desk(request).root
    item = await db(lease_next, desk(request).engine, editor.name)
    if item is None:
        return see_other(root + "queue.html?done=empty")
    return see_other(f"{root}claims/{item.claim.id}")


async def verdict(request: Request) -> Response:
    gate = await _post_gate(request)
    if isinstance(gate, Response):
        return gate
    editor, form = gate
    the_desk = desk(request)
    claim_id = request.path_params["claim_id"]
    rating, note = first(form, "rating"), first(form, "note")
    sources = [s for s in form.get("source", []) if s.strip()]
    try:
        # The reviewer is the session's user: a "reviewer" field in the form is ignored.
        await db(lambda: record_verdict(the_desk.engine, claim_id, rating, editor.name, note, sources))
    except (InvalidInput, LeaseConflict) as exc:
        status = 409 if isinstance(exc, LeaseConflict) else 400
        given = {"rating": rating, "note": note, "sources": sources}
        return await _claim_page(request, editor, claim_id, str(exc), given, status)
    except NotFound as exc:
        return PlainTextResponse(str(exc), status_code=404)
    log.info("%s recorded %s on claim %d", editor.name, rating, claim_id)
    item = await db(lease_next, the_desk.engine, editor.name)
    if item is None:
        return see_other(the_desk.root + "queue.html?done=recorded-last")
    return see_other(f"{the_desk.root}claims/{item.claim.id}?recorded={claim_id}")


async def release(request: Request) -> Response:
    gate = await _post_gate(request)
    if isinstance(gate, Response):
        return gate
    editor, _ = gate
    claim_id = request.path_params["claim_id"]
    try:
        # An admin may end anybody's lease; an editor only their own.
        await db(release_claim, desk(request).engine, claim_id, None if editor.is_admin else editor.name)
    except NotFound as exc:
        return PlainTextResponse(str(exc), status_code=404)
    except ClaimsError as exc:
        status = 409 if isinstance(exc, LeaseConflict) else 400
        return await _claim_page(request, editor, claim_id, str(exc), status=status)
    return see_other(f"{desk(request).root}queue.html?released={claim_id}")


async def reopen(request: Request) -> Response:
    gate = await _post_gate(request)
    if isinstance(gate, Response):
        return gate
    editor, _ = gate
    claim_id = request.path_params["claim_id"]
    if not editor.is_admin:
        return PlainTextResponse("Forbidden: only an admin can reopen a claim.", status_code=403)
    try:
        await db(reopen_claim, desk(request).engine, claim_id)
    except NotFound as exc:
        return PlainTextResponse(str(exc), status_code=404)
    except (InvalidInput, StoreError) as exc:
        return await _claim_page(request, editor, claim_id, str(exc), status=400)
    return see_other(f"{desk(request).root}claims/{claim_id}?reopened={claim_id}")
