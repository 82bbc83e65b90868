"""Per-document validation: every Document the ingest stage yields has fields of the
types the store takes, so one bad document (a JSONL line whose ``url`` is a number, a
front matter whose ``publisher`` is a list, a lone surrogate in a string) is a warning
or a rejection naming its file and line, never the loss of its batch.

A field of the wrong type is dropped with a warning ("field 'url' is a number, not
text; dropped"); text with lone surrogates (possible in JSON escapes) has them
replaced by U+FFFD with a warning; metadata that is nested too deeply or too large to
store is dropped with a warning. A body that is not text is a rejection.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..errors import InputError
from ..models import Document, DocWarning

SURROGATE = re.compile("[\ud800-\udfff]")  # a str holds one only when it is lone (a pair decodes to one character)
KINDS = ("statement", "news", "other")
MAX_META_NODES = 20_000  # values in a document's extra metadata (after aliases are expanded)
MAX_META_DEPTH = 32
MAX_FIELD_CHARS = 100_000  # title, url, publisher, a person's name


def type_name(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, (int, float)):
        return "a number"
    if isinstance(v, (list, tuple)):
        return "a list"
    if isinstance(v, dict):
        return "an object"
    if isinstance(v, (dt.date, dt.datetime)):
        return "a date"
    return f"a {type(v).__name__}"


def clean_text(s: str) -> tuple[str, bool]:
    """``s`` with lone surrogates replaced by U+FFFD, and whether any was."""
    try:
        s.encode("utf-8")
        return s, False
    except UnicodeEncodeError:
        return SURROGATE.sub("\ufffd", s), True


def text_field(obj: dict, key: str, warnings: list[DocWarning]) -> str | None:
    """obj[key] when it is text (a number is taken as its digits); otherwise None and a
    warning naming the field and what it was."""
    v = obj.get(key)
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    warnings.append(DocWarning("field_dropped", f"field {key!r} is {type_name(v)}, not text; dropped"))
    return None


def list_field(obj: dict, key: str, warnings: list[DocWarning]) -> list[str]:
    """obj[key] as a list of strings: a string is one item; items that are not text are
    dropped with a warning."""
    v = obj.get(key)
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    if not isinstance(v, (list, tuple)):
        warnings.append(DocWarning("field_dropped", f"field {key!r} is {type_name(v)}, not a list of names; dropped"))
        return []
    out = [x if isinstance(x, str) else str(x) for x in v if isinstance(x, (str, int, float)) and not isinstance(x, bool)]
    if len(out) < len([x for x in v if x is not None]):
        warnings.append(DocWarning("field_dropped", f"field {key!r} has items that are not text; those dropped"))
    return out


class _TooBig(Exception):
    pass


def _plain(v: Any, budget: list[int], depth: int, fixed: list[bool]) -> Any:
    """A JSON-safe copy of v (str keys, text without lone surrogates), counting values
    against the budget (shared references count each time they are reached, so a YAML
    alias bomb runs out of budget instead of memory)."""
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_META_DEPTH:
        raise _TooBig
    if isinstance(v, str):
        s, f = clean_text(v)
        if f:
            fixed[0] = True
        return s
    if v is None or isinstance(v, (bool, int, float)):
        return v
    if isinstance(v, dict):
        return {_plain(str(k), budget, depth + 1, fixed): _plain(x, budget, depth + 1, fixed) for k, x in v.items()}
    if isinstance(v, (list, tuple, set)):
        return [_plain(x, budget, depth + 1, fixed) for x in v]
    return _plain(str(v), budget, depth + 1, fixed)


def check_document(doc: Document) -> Document:
    """Coerce or drop what the store could not take; raise InputError when the document
    itself is unusable. Returns the document (changed in place)."""
    m, warn = doc.meta, doc.warn
    if not isinstance(doc.body, str):
        raise InputError(doc.path, f"document text is {type_name(doc.body)}, not text")
    body, fixed = clean_text(doc.body)
    if fixed:
        doc.body = body
        warn("invalid_characters", "text has invalid characters (lone UTF-16 surrogates); replaced with U+FFFD")
    for key in ("title", "url", "publisher", "date_raw"):
        v = getattr(m, key)
        if v is None:
            continue
        if not isinstance(v, str):
            warn("field_dropped", f"field {key!r} is {type_name(v)}, not text; dropped")
            setattr(m, key, None)
            continue
        s, fixed = clean_text(v)
        if fixed:
            warn("invalid_characters", f"field {key!r} has invalid characters (lone UTF-16 surrogates); replaced with U+FFFD")
        if len(s) > MAX_FIELD_CHARS:
            warn("field_cut", f"field {key!r} is {len(s)} characters long, over {MAX_FIELD_CHARS}; cut")
            s = s[:MAX_FIELD_CHARS]
        setattr(m, key, s)
    if m.date is not None and not (isinstance(m.date, str) and len(m.date) == 10):
        warn("bad_date", f"date {m.date!r} is not an ISO date; date left empty")
        m.date = None
    if m.kind not in KINDS:
        m.kind = "other"
    if not isinstance(m.people, list) or not all(isinstance(p, str) for p in m.people):
        people = m.people if isinstance(m.people, list) else []
        m.people = [p for p in people if isinstance(p, str)]
        warn("field_dropped", "field 'people' has items that are not names; those dropped")
    m.people = [clean_text(p)[0][:MAX_FIELD_CHARS] for p in m.people]
    if not isinstance(m.extra, dict):
        warn("metadata_dropped", f"metadata is {type_name(m.extra)}, not a mapping; dropped")
        m.extra = {}
    try:
        fixed_extra = [False]
        m.extra = _plain(m.extra, [MAX_META_NODES], 0, fixed_extra)
        if fixed_extra[0]:
            warn("invalid_characters", "metadata has invalid characters (lone UTF-16 surrogates); replaced with U+FFFD")
    except (_TooBig, RecursionError):
        warn("metadata_dropped", f"metadata is nested deeper than {MAX_META_DEPTH} levels or has over {MAX_META_NODES} values; "
                 "dropped (the document is kept)")
        m.extra = {}
    return doc
