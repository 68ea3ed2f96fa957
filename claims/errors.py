"""Errors raised by the claims library.

Every error the library raises on bad input or a failed operation derives from
``ClaimsError``; the CLI turns each into a one-line message and an exit code.

    ClaimsError
    ├── SourceError            an article could not be read (missing file, bad URL, empty text)
    │   ├── FetchError         an HTTP fetch failed (status, timeout, size, content type)
    │   └── UnsupportedSource  a source of a kind we refuse (directory, binary, unknown scheme)
    ├── StoreError             the database refused an operation
    │   ├── NotFound           no such article or claim
    │   └── LeaseConflict      the claim is leased to another reviewer
    ├── InvalidInput           a bad option value (unknown rating, malformed URL, ...)
    │   └── ClaimChanged       the claim changed (a revision) since the editor saw it
    └── ConfigError            bad settings (database URL, rating scale file, ...)
"""

from __future__ import annotations


class ClaimsError(Exception):
    """Base class of every error this package raises on purpose."""

    exit_code = 1


class SourceError(ClaimsError):
    """An article source could not be read."""

    exit_code = 2


class FetchError(SourceError):
    """An HTTP(S) source could not be fetched."""


class UnsupportedSource(SourceError):
    """A source of a kind we do not read."""


class StoreError(ClaimsError):
    """The database refused an operation."""

    exit_code = 3


class NotFound(StoreError):
    """No row with that id."""


class LeaseConflict(StoreError):
    """The claim is leased to somebody else."""


class InvalidInput(ClaimsError):
    """An option or argument value is not acceptable."""

    exit_code = 2


class ClaimChanged(InvalidInput):
    """The claim's facts changed since the editor was shown it: the verdict would judge other text."""


class ConfigError(ClaimsError):
    """Settings are missing or malformed."""

    exit_code = 2
