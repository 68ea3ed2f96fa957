"""The review desk's login form (``login.html``)."""

from __future__ import annotations

from dataclasses import dataclass

from claims.report.common import environment


@dataclass(frozen=True)
class LoginPage:
    """Context of ``login.html``: the form's CSRF token, where to go after, and a fixed error message."""

    csrf_token: str
    next: str = ""
    username: str = ""
    error: str = ""


def render_login(page: LoginPage, **context: object) -> str:
    """The HTML of the login page."""
    return environment().get_template("login.html").render(page=page, **context)
