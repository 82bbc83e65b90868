"""Trigger lexicons and ontology mappings, loaded from src/accord/data/acts/."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import data

LIGHT_VERBS = {"express", "reiterate", "reaffirm", "renew", "voice", "convey", "extend", "offer", "share", "have",
               "underline", "underscore", "stress", "emphasise", "emphasize", "register", "state", "restate"}


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[str, str]]
    nouns: dict[tuple[str, str], tuple[str, str]]
    adjectives: dict[str, tuple[str, str]]
    explore_words: frozenset[str]
    act_types: dict[str, dict[str, str]]
    cameo_refine: dict[str, list[tuple[str, str]]]
    contexts: list[tuple[re.Pattern, str]]
    thing_heads: frozenset[str]
    principles: frozenset[str]
    intensity: tuple[str, ...]
    cue: re.Pattern  # cheap gate: a sentence without any cue holds no act


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    verbs = {r["lemma"]: (r["act"], r["role"]) for r in data.read_tsv("acts/verbs.tsv")}
    nouns = {(r["verb"], r["noun"]): (r["act"], r["role"]) for r in data.read_tsv("acts/nouns.tsv")}
    adjs = {r["lemma"]: (r["act"], r["role"]) for r in data.read_tsv("acts/adjectives.tsv")}
    act_types = {r["act"]: r for r in data.read_tsv("acts/act_types.tsv")}
    refine: dict[str, list[tuple[str, str]]] = {}
    for r in data.read_tsv("acts/cameo_refine.tsv"):
        refine.setdefault(r["act"], []).append((r["word"], r["cameo"]))
    contexts = [(re.compile(r"\b" + re.escape(r["word"])), r["context"]) for r in data.read_tsv("acts/contexts.tsv")]
    stems = set()
    # the cue holds verbs and adjectives only: a light-verb noun ("concern") never carries an
    # act without its verb ("expressed", "have"), which is a cue itself
    extra = data.read_lines("acts/irregular_forms.txt")
    light = sorted(LIGHT_VERBS | {v for v, _ in nouns if v != "*"})
    for w in list(verbs) + light + list(adjs) + extra + ["will", "shall", "call", "look forward", "stand ready"]:
        w = w.lower()
        stems.add(re.escape(w[:-1] if len(w) > 4 and w.endswith("e") else w))
    cue = re.compile(r"\b(?:" + "|".join(sorted(stems, key=len, reverse=True)) + r")", re.I)
    return Lexicon(verbs, nouns, adjs, frozenset(data.read_lines("acts/explore_words.txt")), act_types, refine,
                   contexts, frozenset(data.read_lines("acts/thing_heads.txt")),
                   frozenset(data.read_lines("acts/principles.txt")),
                   tuple(sorted(data.read_lines("acts/intensity.txt"), key=len, reverse=True)), cue)
