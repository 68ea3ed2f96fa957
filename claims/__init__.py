"""claims: find checkable claims in news articles, queue them for editors, record verdicts.

The package is plain Python: extraction (``claims.extract``), article loading
(``claims.sources``), the database (``claims.db``, ``claims.models``,
``claims.store``) and HTML reports (``claims.report``). Prefect flows that
orchestrate it live in the separate ``flows`` package.
"""

from __future__ import annotations

from claims.errors import ClaimsError
from claims.extract import Claim, extract_claims

__version__ = "0.1.0"
__all__ = ["Claim", "ClaimsError", "__version__", "extract_claims"]
