"""The extraction result: one checkable claim, as a plain frozen dataclass."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: The claim kinds, in the order the report lists them.
KINDS = (
    "quantity",
    "date",
    "time",
    "duration",
    "record",
    "comparison",
    "role",
    "attribution",
    "quote",
    "event",
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable fact found in an article.

    ``quote`` is the verbatim span ``text[start:end]`` of the article text that the
    claim rests on; ``text`` restates the claim so it stands alone.
    """

    quote: str
    start: int
    end: int
    sentence: str
    text: str
    kind: str
    score: float
    reason: str
    values: dict[str, Any] = field(default_factory=dict)
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return asdict(self)
