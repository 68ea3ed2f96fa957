"""claims: find checkable claims in news articles, queue them for editors, record verdicts.

The package is plain Python: extraction (``claims.extract``), article loading
(``claims.sources``), the database (``claims.db``, ``claims.models``,
``claims.store``) and HTML reports (``claims.report``). Prefect flows that
orchestrate it live in the separate ``flows`` package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claims.errors import ClaimsError

if TYPE_CHECKING:
    from claims.extract import Claim, extract_claims

__version__ = "0.1.0"
__all__ = ["Claim", "ClaimsError", "__version__", "extract_claims"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the review commands (queue, next, verdict, history) never load
    # the extractor's pattern tables, which are most of a cold start.
    if name in ("Claim", "extract_claims"):
        from claims import extract

        return getattr(extract, name)
    raise AttributeError(f"module 'claims' has no attribute {name!r}")
