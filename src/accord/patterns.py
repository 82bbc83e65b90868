"""Regexes compiled from word lists (character tries), shared by the stages that find
names and cue words in text (accord.actors, accord.acts): a base module both import."""
from __future__ import annotations

import re


def char_trie_regex(words) -> str:
    """A regex matching exactly the given words, with common prefixes factored out."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return build(trie)


def forms_regex(forms, literal_cases: bool = False) -> str:
    """A regex (character trie) matching the given written forms. The first character is
    matched exactly, as a literal, so that re skips to the characters that can start a
    form; each later word may start in either case ("Prime minister", "New zealand"); a
    space matches any run of white space and an apostrophe either a straight or a curly one.

    literal_cases: write the two cases of a later word's first letter as two alternatives
    ("e...|E...") instead of a class ("[Ee]..."). re tries the alternatives of a group one
    after another and rejects one that starts with a literal in one comparison, a class in a
    function call: faster where most attempts fail at that letter ("the" + a word), at the
    cost of a copy of the subtree (too large for the names regex, small for the phrases)."""
    trie: dict = {}
    for f in forms:
        if not f:
            continue
        chars = [f[0]] + [c.lower() if p in " -" else c for p, c in zip(f, f[1:])]
        node = trie
        for ch in chars:
            node = node.setdefault(ch, {})
        node[""] = {}

    def one(ch: str, prev: str) -> str:
        if ch == " ":
            return r"\s+"
        if ch == "'":
            return "['\u2019]"
        if prev and prev in " -" and ch.isalpha() and ch.upper() != ch:
            return f"[{ch.upper()}{ch}]"
        return re.escape(ch)

    def build(node: dict, prev: str) -> str:
        alts = []
        for ch in sorted((k for k in node if k), key=_char_rank):
            sub = build(node[ch], ch)
            if literal_cases and prev and prev in " -" and ch.isalpha() and ch.upper() != ch:
                alts += [re.escape(ch) + sub, re.escape(ch.upper()) + sub]
            else:
                alts.append(one(ch, prev) + sub)
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return build(trie, "")


# re tries the alternatives of a group one after another: the characters most frequent in
# English text (lower case first, "The" the most frequent capital) are tried first
_FREQUENT = "etaoinshrdlcumwfgypbvkjxqz TSAMCPNIBWHDGLFREOKJUVYZQX"


def _char_rank(ch: str) -> tuple[int, str]:
    i = _FREQUENT.find(ch)
    return (i if i >= 0 else len(_FREQUENT), ch)
