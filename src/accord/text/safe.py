"""Untrusted text on its way out: to a terminal, to HTML, into a LIKE pattern.

A document can carry terminal escape sequences (ESC ] 0 ; title BEL retitles the
terminal, ESC [ 2 J clears it), C1 controls (U+009B is a one-character CSI), NUL, and
bidirectional overrides (U+202E shows text reversed, as in "Trojan Source"). On output:

- ``terminal_safe``: C0/C1 controls (all but newline and tab) and bidi overrides dropped;
  ``term`` also escapes Rich markup, so ``[bold]`` in a title prints as written.
- ``html_visible``: the same characters replaced one for one by U+FFFD (visible, and
  every character offset into the text still points where it did).
- ``like_escape``: ``%``, ``_`` and ``\\`` escaped for ``LIKE ... ESCAPE '\\'``, so search
  text is matched literally.
"""
from __future__ import annotations

import re

from rich.markup import escape as _markup_escape

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_TERMINAL_BAD = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")
_HTML_BAD = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI}]")
REPLACEMENT = "\ufffd"


def terminal_safe(s: str | None) -> str:
    if not s:
        return s or ""
    return _TERMINAL_BAD.sub("", str(s))


def term(s: str | None) -> str:
    """Untrusted text for a Rich string with markup: controls dropped, markup escaped."""
    return _markup_escape(terminal_safe(s))


def html_visible(s: str) -> str:
    if not s or not _HTML_BAD.search(s):
        return s
    return _HTML_BAD.sub(REPLACEMENT, s)


def like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_contains(s: str) -> str:
    """A LIKE/ILIKE pattern matching ``s`` anywhere, literally (use with ESCAPE '\\')."""
    return f"%{like_escape(s)}%"
