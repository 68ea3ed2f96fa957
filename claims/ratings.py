"""The rating scale editors choose from, mapped to normalized ratings and ClaimReview values.

The default scale is built in; a newsroom can use its own with a TOML file named
by ``CLAIMS_RATINGS_FILE``::

    best = 5
    worst = 1
    [[rating]]
    label = "correct"
    normalized = "TRUE"     # TRUE, FALSE, MIXED or OTHER
    value = 5               # ClaimReview ratingValue
    description = "The claim is accurate."

Verdicts store the label they were given, so changing the scale never rewrites history.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from claims.errors import ConfigError, InvalidInput

NORMALIZED = ("TRUE", "FALSE", "MIXED", "OTHER")


@dataclass(frozen=True)
class Rating:
    """One label of the scale."""

    label: str
    normalized: str
    value: int
    description: str = ""


@dataclass(frozen=True)
class RatingScale:
    """The labels an editor may give, best first, with ClaimReview's best and worst values."""

    ratings: tuple[Rating, ...]
    best: int
    worst: int

    @property
    def labels(self) -> list[str]:
        """The labels in order."""
        return [r.label for r in self.ratings]

    def get(self, label: str) -> Rating:
        """The rating for ``label`` (case-insensitive), or :class:`InvalidInput`."""
        wanted = label.strip().lower()
        for rating in self.ratings:
            if rating.label == wanted:
                return rating
        raise InvalidInput(f"unknown rating {label!r}: choose one of {', '.join(self.labels)}")


DEFAULT_SCALE = RatingScale(
    ratings=(
        Rating("true", "TRUE", 5, "Accurate, nothing significant missing."),
        Rating("mostly-true", "TRUE", 4, "Accurate but needs clarification or context."),
        Rating("mixed", "MIXED", 3, "Partly accurate, partly not."),
        Rating("misleading", "FALSE", 2, "Contains some fact but leaves a false impression."),
        Rating("false", "FALSE", 1, "Not accurate."),
        Rating("unverifiable", "OTHER", 0, "Cannot be checked with the evidence available."),
    ),
    best=5,
    worst=1,
)


def parse_scale(path: Path) -> RatingScale:
    """Read a scale from a TOML file; :class:`ConfigError` on anything malformed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"rating scale {path}: {exc}") from None
    rows = data.get("rating")
    if not isinstance(rows, list) or not rows:
        raise ConfigError(f"rating scale {path}: needs at least one [[rating]] table")
    ratings = []
    for row in rows:
        try:
            label = str(row["label"]).strip().lower()
            normalized = str(row["normalized"]).upper()
            value = int(row["value"])
        except (KeyError, TypeError, ValueError):
            raise ConfigError(f"rating scale {path}: each [[rating]] needs label, normalized and value") from None
        if normalized not in NORMALIZED or not label:
            raise ConfigError(f"rating scale {path}: {label!r} has normalized {normalized!r}, not one of {NORMALIZED}")
        ratings.append(Rating(label, normalized, value, str(row.get("description", ""))))
    if len({r.label for r in ratings}) != len(ratings):
        raise ConfigError(f"rating scale {path}: labels repeat")
    values = [r.value for r in ratings]
    return RatingScale(tuple(ratings), int(data.get("best", max(values))), int(data.get("worst", min(values))))


@lru_cache(maxsize=8)
def _cached(path: str) -> RatingScale:
    return parse_scale(Path(path))


def load_scale(path: str | Path | None = None) -> RatingScale:
    """The scale from ``path`` or ``CLAIMS_RATINGS_FILE``, else the default."""
    chosen = path or os.environ.get("CLAIMS_RATINGS_FILE")
    return _cached(str(chosen)) if chosen else DEFAULT_SCALE
