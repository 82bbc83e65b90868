"""One exception tree for the library (the CLI turns these into one-line messages)."""
from __future__ import annotations


class AccordError(Exception):
    """Base of every error accord raises on purpose."""


class InputError(AccordError):
    """A document could not be read or parsed. Carries the path and the reason."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class StoreError(AccordError):
    """The DuckDB store could not be opened, migrated or written."""


class NotFoundError(AccordError):
    """A document, act or actor named by the user does not exist."""


class BadRequest(AccordError):
    """A parameter of a read is malformed: a date, an actor code, an id, a choice (the API
    answers 400)."""


class GazetteerError(AccordError):
    """A gazetteer data file is malformed."""
