"""A cache in front of spaCy's attribute_ruler and lemmatizer.

In en_core_web_sm the attribute ruler sets POS, MORPH (and DEP of white space, and the
LEMMA of a few words) from each token's tag and dependency label; only a listed set of
words ("is", "'ll", "gon" ...) also depends on the word itself or one neighbour. The
rule lemmatizer then derives LEMMA from the word, POS and MORPH. Run on the many short
documents accord parses (one gated sentence each), the two components' per-document
overhead made them a third of the parse time. This component gives the same values from
caches keyed on everything they read, and runs the real components only for a document
with a key not seen yet (remembering its tokens); a lemma not seen yet is made by the
real lemmatizer's rule for that one token. Equality with the real components is checked
by tests/test_acts.py on the seeds and dev gold.
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG


def _pattern_words(ruler) -> tuple[set[str], list[re.Pattern]]:
    """The words (lower case) the ruler's patterns name, and its word regexes."""
    words: set[str] = set()
    regexes: list[re.Pattern] = []
    for p in ruler.patterns:
        for pattern in p["patterns"]:
            for tok in pattern:
                v = tok.get("LOWER")
                if isinstance(v, str):
                    words.add(v)
                elif isinstance(v, dict):
                    words.update(v.get("IN", []))
                    if "REGEX" in v:
                        regexes.append(re.compile(v["REGEX"]))
    return words, regexes


class CachedAttrs:
    def __init__(self, nlp, ruler, lemmatizer, max_size: int = 300_000):
        self.ruler, self.lemmatizer = ruler, lemmatizer
        self.strings = nlp.vocab.strings
        self.words, self.regexes = _pattern_words(ruler)
        # what en_core_web_sm's two-token patterns read of a neighbour: "gon na", "got ta",
        # "let 's", "c'm on", "y' all", "ai n't", and a form of "be" after "there" (expl)
        self.prev_words = {self.strings.add(w) for w in ("gon", "got", "let")}
        self.next_words = {self.strings.add(w) for w in ("na", "n't", "nt", "on", "all")}
        self.expl = self.strings.add("expl")
        self.special: dict[int, bool] = {}  # lower -> named by a pattern (or white space)?
        self.attrs: dict[tuple, tuple[int, int, int]] = {}  # (word key, tag, dep, prev, next) -> pos, morph, dep
        self.lemmas: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma
        self.max_size = max_size
        self.docs = self.misses = 0

    def _is_special(self, lower: int) -> bool:
        got = self.special.get(lower)
        if got is None:
            s = self.strings[lower]
            got = s in self.words or s.isspace() or any(r.search(s) for r in self.regexes)
            self.special[lower] = got
        return got

    def _keys(self, rows: list[list[int]]) -> list[tuple]:
        """A token named by a pattern is keyed on its word and on the neighbour facts the
        two-token patterns read; any other only on its tag and dependency label (no
        pattern without a word reads anything else)."""
        keys = []
        n = len(rows)
        special = self.special
        prev_words, next_words, expl = self.prev_words, self.next_words, self.expl
        for i, (orth, lower, tag, dep) in enumerate(rows):
            sp = special.get(lower)
            if sp is None:
                sp = self._is_special(lower)
            if sp:
                p = 0
                if i:
                    pl, pd = rows[i - 1][1], rows[i - 1][3]
                    p = pl if pl in prev_words else (1 if pd == expl else 0)
                q = rows[i + 1][1] if i + 1 < n and rows[i + 1][1] in next_words else 0
                keys.append((orth, tag, dep, p, q))
            else:
                keys.append((0, tag, dep, None, None))
        return keys

    def __call__(self, doc):
        if not len(doc):
            return doc
        self.docs += 1
        rows = doc.to_array([ORTH, LOWER, TAG, DEP]).tolist()
        keys = self._keys(rows)
        attrs = self.attrs
        vals = [attrs.get(k) for k in keys]
        if None in vals:
            self.misses += 1
            doc = self.lemmatizer(self.ruler(doc))
            if len(attrs) < self.max_size:
                out = doc.to_array([POS, MORPH, DEP, LEMMA]).tolist()
                for k, (pos, morph, dep, lemma), row in zip(keys, out, rows):
                    if k[0]:  # a word the ruler names: everything, lemma included, follows from the key
                        attrs[k] = (pos, morph, dep, lemma)
                    else:
                        attrs[k] = (pos, morph, dep)
                        self.lemmas[(row[0], pos, morph)] = lemma
            return doc
        doc.from_array([POS, MORPH, DEP], numpy.array([v[:3] for v in vals], dtype="uint64"))
        lemmas = self.lemmas
        out = []
        for i, (row, v) in enumerate(zip(rows, vals)):
            if len(v) == 4:
                out.append(v[3])
                continue
            key = (row[0], v[0], v[1])
            lemma = lemmas.get(key)
            if lemma is None:
                lemma = self.strings.add(self.lemmatizer.rule_lemmatize(doc[i])[0])
                if len(lemmas) < self.max_size:
                    lemmas[key] = lemma
            out.append(lemma)
        doc.from_array([LEMMA], numpy.array(out, dtype="uint64"))
        return doc
