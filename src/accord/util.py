"""Small shared helpers."""
from __future__ import annotations

import datetime as dt

from .errors import AccordError


def check_date(value: str | None, name: str = "date") -> str | None:
    """Validate a YYYY-MM-DD string; raise AccordError with a clear message otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise AccordError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None


def shorten(text: str | None, width: int) -> str:
    """`text` cut to at most `width` characters at a word boundary, with an ellipsis when cut."""
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    if " " in cut and not text[width - 1].isspace():
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"
