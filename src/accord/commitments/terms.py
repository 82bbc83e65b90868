"""Key terms of a matter: a crude, consistent normaliser (suffix stripping, then the first
six letters) used both for a commitment's matter and for every later act's sentence, so
the two sides always agree; and the word lists of data/commitments/."""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import read_lines, read_tsv, split_multi

WORD = re.compile(r"[A-Za-z][A-Za-z']+")
IRREGULAR = {"held": "hold", "began": "begin", "begun": "begin", "built": "build", "withdrew": "withdraw",
             "withdrawn": "withdraw", "froze": "freeze", "frozen": "freeze", "signature": "sign", "led": "lead",
             "undertook": "undertake", "undertaken": "undertake", "met": "meet", "wound": "wind",
             # words the suffix rule would merge with others: billion/Bill, million/mill, initiative/initial
             "billion": "billio", "billions": "billio", "million": "millio", "millions": "millio",
             "initiative": "initiv", "initiatives": "initiv"}
SUFFIXES = ("ions", "ion", "ments", "ment", "ings", "ing", "ies", "ied", "es", "ed", "s", "e", "y")
KEEP = 6  # letters kept after suffix stripping


@lru_cache(maxsize=100_000)  # words repeat: the follow-up pass stems millions of them
def stem(word: str) -> str:
    """'negotiations', 'negotiated', 'negotiating' -> 'negoti'; 'held' -> 'hold'."""
    w = word.lower().replace("'s", "").replace("'", "")
    w = IRREGULAR.get(w, w)
    for suf in SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3 and not (suf == "s" and w.endswith("ss")):
            w = w[: -len(suf)]
            break
    return w[:KEEP]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    out = {stem(w) for w in read_lines("commitments/stopwords.txt")}
    for row in read_tsv("actors/states.tsv"):  # actor names are matched as parties, not as the matter
        for col in ("name", "aliases", "adjectives", "capitals"):
            for name in split_multi(row.get(col, "")):
                out.update(stem(w) for w in WORD.findall(name))
    for row in read_tsv("actors/bodies.tsv"):
        for name in split_multi(row.get("aliases", "")):
            if name.isupper() and " " not in name:
                out.add(stem(name))
    return frozenset(out)


ROLE = (r"(?:Minister|President|Vice President|Secretary|Premier|Ambassador|Governor|Senator|Commissioner|Chair|"
        r"Leader|Spokesperson|Mr|Ms|Mrs|Dr|Hon|Sir|Dame)")
_NAME = r"(?:\s+[A-Z][\w'’.-]+)"
_END = r"(?![\w'’.-])(?!\s+[A-Z])"  # the name runs to the end of the capitalised words
# "Minister of Science and Innovation Wayne Mapp": a portfolio, then a name of up to two words;
# "President Lee Jae Myung": a name of up to three words right after the role
PERSON = re.compile(ROLE + r"(?:(?:\s+(?:of|for)(?:\s+the)?(?:\s+(?:[A-Z][\w'’-]+|and))+?)(" + _NAME + r"{1,2})" + _END
                    + r"|(" + _NAME + r"{1,3}))")


def strip_people(text: str) -> str:
    """Drop the names that follow a role word ("Minister for Youth Peeni Henare" -> the
    role only): people are not what a commitment is about, and they recur everywhere."""
    return PERSON.sub(lambda m: m.group(0)[: m.start(m.lastindex) - m.start(0)], text)


def terms(text: str) -> set[str]:
    """Content terms of a text (normalised stems, no stopwords, no actor or person names)."""
    stop = stopwords()
    out = set()
    for w in WORD.findall(strip_people(text).replace("-", " ")):
        if len(w) < 3:
            continue
        s = stem(w)
        if len(s) >= 3 and s not in stop:
            out.add(s)
    return out


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """A list of data/commitments/NAME.txt, each entry normalised like the text."""
    return tuple(sorted({stem(w) for w in read_lines(f"commitments/{name}.txt")}))


def hits(words: list[str], name: str) -> list[str]:
    """The words (already stemmed) that match an entry of the list: a stem and an entry
    match when equal, or when one is a prefix of the other and the shorter has 5 letters or more."""
    entries = word_list(name)
    out = []
    for w in words:
        for e in entries:
            short = min(len(w), len(e))
            if short >= 5 and (w.startswith(e) or e.startswith(w)) or w == e:
                out.append(w)
                break
    return out


def stems(text: str) -> list[str]:
    """Every word of a text, stemmed, in order (stopwords kept: used for the verb lists)."""
    return [stem(w) for w in WORD.findall(text.replace("-", " "))]


NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b(?:[A-Z][\w'’-]*)(?:\s+(?:of|on|for|and|the|to|against|in)?\s*[A-Z][\w'’-]*)*")


def name_terms(text: str) -> set[str]:
    """Terms of the capitalised names of a text after its first word ("Host the Fourth Trilateral
    Working Group on Violence Against Indigenous Women and Girls" -> fourth, trilat, workin,
    group, violen, indige, women, girl): the named things of a sentence, not its common words."""
    text = strip_people(text or "").strip().lstrip("\"'“‘-–• ")
    return terms(" ".join(m.group(0) for m in NAME.finditer(text) if m.start() > 0))


def context_terms(title: str | None, previous: str | None) -> set[str]:
    """What an anaphoric matter ("relaunch this regional collaboration", "release our response")
    is about: the terms of its document's title and the names of the previous sentence."""
    return terms(title or "") | name_terms(previous or "")
