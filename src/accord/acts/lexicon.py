"""Trigger lexicons and ontology mappings, loaded from src/accord/data/acts/."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .. import data
from ..errors import GazetteerError

LIGHT_VERBS = {"express", "reiterate", "reaffirm", "renew", "voice", "convey", "extend", "offer", "share", "have",
               "underline", "underscore", "stress", "emphasise", "emphasize", "register", "state", "restate", "reinforce",
               "confirm", "affirm"}


def find_word(pattern: re.Pattern, low: str, pos: int = 0) -> re.Match | None:
    """The first match of a cue pattern in a lower-cased text at or after pos that starts
    a word."""
    m = pattern.search(low, pos)
    while m is not None:
        s = m.start()
        if s == 0 or not (low[s - 1].isalnum() or low[s - 1] == "_"):
            return m
        m = pattern.search(low, s + 1)
    return None


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
    cue: re.Pattern  # cheap gate (lower-case text, find_word): a sentence without any cue holds no act
    noun_cue: re.Pattern  # ... or without both a light-verb noun
    light_cue: re.Pattern  # ... and a light verb
    collective: dict[str, frozenset[str]]  # plural noun -> modifiers allowed when it stands for the parties
    collective_cue: re.Pattern  # its plural forms, to let a sentence with no named actor through the gate
    single_collective: frozenset[str]  # the nouns that stand for the government of a single-government release
    single_collective_cue: re.Pattern
    misdeeds: frozenset[str]  # objects of "commit" in the sense of a misdeed ("committing violence")
    body_nouns: frozenset[str]  # "the regional bloc": the one body a report is about
    body_cue: re.Pattern  # their forms, to let such a sentence through the gate
    seeing: frozenset[str]  # "It is heartening to see ...": approval (support)
    fulfil_objects: frozenset[str]  # "meet its NATO commitments": fulfil, not a meeting
    event_subjects: frozenset[str]  # "Mr. Sullivan's visit underscored ...": a description, no act


def inflections(word: str) -> set[str]:
    """A word's regular inflected forms (verbs and nouns alike: "agree", "agrees", "agreed",
    "agreeing"; "plan", "planned"; "ally", "allies"); a phrase inflects its first word."""
    head, _, rest = word.partition(" ")
    tail = " " + rest if rest else ""
    w = head
    out = {w}
    if w.endswith("e"):
        out |= {w + "s", w + "d", w[:-1] + "ing", w + "ing"}
    elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        out |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    else:
        out |= {w + "s", w + "es", w + "ed", w + "ing"}
        if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou":
            out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return {f + tail for f in out}


@lru_cache(maxsize=1)
def word_classes() -> dict[str, frozenset[str]]:
    """The word classes of the act rules (data/acts/word_classes.yaml): name -> words."""
    raw = yaml.safe_load(data.path("acts/word_classes.yaml").read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise GazetteerError(f"{data.path('acts/word_classes.yaml')}: expected a mapping of names to lists of words")
    return {k: frozenset(str(w) for w in v) for k, v in raw.items()}


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
    # the cue: every form of a word that can carry an act by itself (a trigger verb or
    # adjective). A light verb carries an act only with its noun ("held talks", "is a
    # supporter", "provided funding"): such a sentence needs both (noun_cue and light_cue);
    # "have", "be", "make" alone, or "need", "help" alone, send nothing to the parser.
    # ("play" only lets "played a lead role in the negotiations with ..." through the gate: acts/extract.py classify)
    light = LIGHT_VERBS | {v for v, _ in nouns if v != "*"} | {"play"}
    light -= set(verbs) | set(adjs)
    # verbs of act "none" (mourn, see, know ...) carry no act: they need no parse
    words = {*(v for v, (act, _r) in verbs.items() if act != "none"), *adjs, "will", "shall", "call", "ask", "request", "look forward",
             "stand ready"}
    forms = {f for w in words for f in inflections(w.lower())}
    forms |= {"working", "partnering"}  # "are working together": joint activity under way (acts/extract.py classify)
    forms |= {"made clear", "made it clear", "make clear", "makes clear", "make it clear", "makes it clear",
              "brought together", "bring together", "brings together",
              "seen by", "viewed by", "regarded by"}  # (acts/extract.py classify)
    forms |= {f"{v} {q}responsibility" for v in ("bear", "bears", "bore") for q in ("", "full ", "sole ", "the full ")}
    seeing = frozenset(data.read_lines("acts/seeing_adjectives.txt"))
    forms |= {f"{a} to see" for a in seeing} | {f"{a} to hear" for a in seeing}  # "It is heartening to see"
    # "kept in close consultation with", "are in Queenstown for the ... meeting": the light verb
    # and its noun (below) let the sentence through
    light_forms = {f for w in light for f in inflections(w.lower())} | {"is", "are", "was", "were", "been", "being",
                                                                         "has", "had", "having",
                                                                         "remain", "remains", "remained",
                                                                         "keep", "kept", "keeps", "stay", "stayed"}
    for r in data.read_tsv("acts/irregular_forms.tsv"):
        (light_forms if r["lemma"] in light else forms).add(r["form"].lower())
    noun_forms = {f for _, n in nouns for f in inflections(n.lower())}
    # character tries over lower-case forms, searched in the lower-cased sentence (find_word):
    # re skips ahead to a form's first letter; a leading \b or re.I would stop that
    from ..patterns import forms_regex

    cue, noun_cue, light_cue = (re.compile(forms_regex(fs) + r"(?!\w)") for fs in (forms, noun_forms, light_forms))
    collective = {r["noun"]: frozenset(m.strip() for m in r["modifiers"].split(",") if m.strip())
                  for r in data.read_tsv("acts/collective_subjects.tsv")}
    def plural(n: str) -> str:
        return n[:-1] + "ies" if n.endswith("y") and n[-2:-1] not in "aeiou" else n + "s"

    collective_cue = re.compile(forms_regex({plural(n) for n in collective} | {"both", "they", "two"}) + r"(?!\w)")
    single = frozenset(r["noun"] for r in data.read_tsv("acts/collective_subjects.tsv") if r.get("single") == "yes")
    body_nouns = frozenset(data.read_lines("acts/body_nouns.txt"))
    single_cue = re.compile(forms_regex({plural(n) for n in single}) + r"(?!\w)")
    return Lexicon(verbs, nouns, adjs, frozenset(data.read_lines("acts/explore_words.txt")), act_types, refine,
                   contexts, frozenset(data.read_lines("acts/thing_heads.txt")),
                   frozenset(data.read_lines("acts/principles.txt")),
                   tuple(sorted(data.read_lines("acts/intensity.txt"), key=len, reverse=True)), cue, noun_cue, light_cue,
                   collective, collective_cue, single, single_cue,
                   frozenset(data.read_lines("acts/misdeed_objects.txt")), body_nouns,
                   re.compile(forms_regex({f for n in body_nouns for f in inflections(n)}) + r"(?!\w)"),
                   seeing, frozenset(data.read_lines("acts/fulfil_objects.txt")),
                   frozenset(data.read_lines("acts/event_subjects.txt")))
