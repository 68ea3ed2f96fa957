"""Optional model-backed extractor: an OpenAI-compatible chat-completions endpoint, same interface.

Selected with ``CLAIMS_EXTRACTOR=llm``; ``CLAIMS_LLM_URL`` is the API base (".../v1"),
``CLAIMS_LLM_MODEL`` the model, ``CLAIMS_LLM_KEY`` an optional bearer token and
``CLAIMS_LLM_TIMEOUT`` the seconds to wait. Every quote the model returns must occur
verbatim in the text, so offsets stay exact; a malformed or slow answer falls back to the
rule-based extractor with a warning.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import warnings
from typing import Any

from claims.extract.claim import KINDS, Claim
from claims.extract.engine import rule_claims

_PROMPT = """You extract checkable factual claims from a news article for fact-checkers.
Return JSON: {"claims": [{"quote": ..., "kind": ..., "text": ..., "speaker": ..., "score": ...}]}.
- quote: the SHORT verbatim phrase of the article a checker verifies (copy it exactly).
- kind: one of %s.
- text: the claim as a standalone sentence, naming who asserted it when attributed.
- speaker: who asserted it, or null. score: 0..1, how check-worthy it is.
One fact per claim. Skip opinions, predictions, questions, captions, credits and page furniture."""


class LLMFallbackWarning(RuntimeWarning):
    """The model's answer was unusable; the rule-based extractor was used instead."""


def extract_claims_llm(
    text: str,
    *,
    published: dt.date | None = None,
    url: str | None = None,
    model: str | None = None,
    timeout: float | None = None,
    transport: Any = None,
) -> list[Claim]:
    """Claims from the model at ``url`` (env defaults), or from the rules when it fails."""
    url = url or os.environ.get("CLAIMS_LLM_URL", "")
    model = model or os.environ.get("CLAIMS_LLM_MODEL", "")
    timeout = timeout if timeout is not None else float(os.environ.get("CLAIMS_LLM_TIMEOUT", "30"))
    rules = rule_claims(text, published=published)
    if not url or not model or not text.strip():
        if text.strip():
            warnings.warn("CLAIMS_LLM_URL or CLAIMS_LLM_MODEL is not set", LLMFallbackWarning, stacklevel=2)
        return rules
    try:
        answer = _ask(url, model, text, published, timeout, transport)
        claims = _to_claims(text, answer, rules)
    except Exception as exc:  # network, HTTP, JSON or schema trouble: keep the rules' answer
        warnings.warn(
            f"LLM extractor failed ({type(exc).__name__}: {exc}); using rules", LLMFallbackWarning, stacklevel=2
        )
        return rules
    return claims


def _ask(url: str, model: str, text: str, published: dt.date | None, timeout: float, transport: Any) -> Any:
    """POST the article to ``{url}/chat/completions`` and return the parsed JSON content."""
    import httpx  # deferred: only this optional path needs it

    headers = {"Content-Type": "application/json"}
    if key := os.environ.get("CLAIMS_LLM_KEY"):
        headers["Authorization"] = f"Bearer {key}"
    body = {
        "model": model,
        "temperature": 0,
        "response_format": {"type": "json_object"},
        "messages": [
            {"role": "system", "content": _PROMPT % ", ".join(KINDS)},
            {"role": "user", "content": (f"Published: {published.isoformat()}\n\n" if published else "") + text},
        ],
    }
    with httpx.Client(timeout=timeout, transport=transport) as client:
        resp = client.post(url.rstrip("/") + "/chat/completions", json=body, headers=headers)
        resp.raise_for_status()
        content = resp.json()["choices"][0]["message"]["content"]
    return json.loads(content)


def _to_claims(text: str, answer: Any, rules: list[Claim]) -> list[Claim]:
    """Validate the model's claims: verbatim quotes only, known kinds, scores in 0..1."""
    items = answer["claims"] if isinstance(answer, dict) else answer
    if not isinstance(items, list):
        raise ValueError("no list of claims in the answer")
    out: list[Claim] = []
    used: set[int] = set()
    for item in items:
        quote = str(item.get("quote", "")).strip() if isinstance(item, dict) else ""
        start = _find(text, quote, used)
        if not quote or start < 0:
            continue  # not verbatim: the model paraphrased, and a span we cannot show is useless
        used.add(start)
        end = start + len(quote)
        kind = str(item.get("kind", "event")).lower()
        kind = kind if kind in KINDS else "event"
        try:
            score = min(1.0, max(0.0, float(item.get("score", 0.5))))
        except (TypeError, ValueError):
            score = 0.5
        near = next((r for r in rules if r.start < end and start < r.end), None)
        sentence = near.sentence if near else _sentence_around(text, start, end)
        out.append(
            Claim(
                quote=quote,
                start=start,
                end=end,
                sentence=sentence,
                text=str(item.get("text") or sentence),
                kind=kind,
                score=round(score, 3),
                reason="model-extracted",
                values=dict(near.values) if near and near.kind == kind else {},
                speaker=item.get("speaker") if isinstance(item.get("speaker"), str) else None,
            )
        )
    if items and not out:
        raise ValueError("none of the model's quotes occur in the text")
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _find(text: str, quote: str, used: set[int]) -> int:
    """First occurrence of ``quote`` not already claimed, or -1."""
    start = text.find(quote) if quote else -1
    while start >= 0 and start in used:
        start = text.find(quote, start + 1)
    return start


def _sentence_around(text: str, start: int, end: int) -> str:
    """The line holding [start, end), as the claim's sentence."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a : b if b >= 0 else len(text)].strip()
