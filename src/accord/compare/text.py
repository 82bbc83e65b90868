"""Light lexical analysis for comparing texts: tokens, spelling folding, stemming,
synonym and actor keys, numbers and dates, act verbs with a force rank.

Everything here is pure Python over small data files (``data/compare/``), loaded once.
No model is needed: the comparison must be fast and deterministic.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import data

# -- normalisation -----------------------------------------------------------

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*(?:st|nd|rd|th)?")
_SPELL = [
    (re.compile(r"isation(s?)$"), r"ization\1"),
    (re.compile(r"is(e|es|ed|ing)$"), r"iz\1"),
    (re.compile(r"yse(s|d)?$"), r"yze\1"),
    (re.compile(r"ence$"), "ense"),  # defence
    (re.compile(r"programme(s?)$"), r"program\1"),
    (re.compile(r"(\w\w\w)our(s?)$"), r"\1or\2"),  # honour, labour (not four, our)
    (re.compile(r"(\w\w\w)tre(s?)$"), r"\1ter\2"),  # centre, theatre
]
_DERIV = ["izations", "ization", "ational", "ations", "ation", "ition", "ments", "ment", "ness",
          "ities", "ity", "ively", "ive", "izes", "ize", "iz", "ally", "ates", "ate", "ly", "al", "ion", "e"]
_VOWEL = set("aeiouy")


def fold(word: str) -> str:
    """Lower case, possessive removed, British and American spellings folded."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace(".", "") if re.fullmatch(r"(?:[a-z]\.){2,}", w) else w
    if len(w) > 5:
        for pat, rep in _SPELL:
            w = pat.sub(rep, w)
    return w


@lru_cache(maxsize=50000)
def stem(word: str) -> str:
    """A light stemmer (inflection, then one derivational suffix). Not linguistics: it
    only has to map the same word family to the same string on both sides."""
    w = fold(word)
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4 and _VOWEL & set(w[:-2]):
        w = w[:-2]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    elif w.endswith("ing") and len(w) > 5 and _VOWEL & set(w[:-3]):
        w = w[:-3]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    for suf in _DERIV:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[: -len(suf)]
            break
    return w


# -- data ----------------------------------------------------------------------


@dataclass(slots=True)
class Lexicon:
    phrases: dict[tuple[str, ...], str]  # stem sequence -> key
    case_sensitive: dict[tuple[str, ...], str]  # surface sequence (as written) -> key
    max_len: int
    stop: frozenset[str]
    actor_keys: frozenset[str]  # keys that name actors (ISO codes, bodies)
    acts: dict[tuple[str, ...], tuple[str, str, int]]  # stem sequence -> (act, family, rank)
    acts_max: int
    intensifiers: list[tuple[str, ...]]
    weakeners: list[tuple[str, ...]]


def _stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(m.group()) for m in _TOKEN.finditer(phrase))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    phrases: dict[tuple[str, ...], str] = {}
    case: dict[tuple[str, ...], str] = {}
    actor_keys: set[str] = set()

    def add(member: str, key: str, actor: bool) -> None:
        toks = [m.group() for m in _TOKEN.finditer(member)]
        if not toks:
            return
        if actor and len(toks) == 1 and toks[0].isupper() and len(toks[0].replace(".", "")) <= 3:
            case[tuple(toks)] = key  # "US", "NZ", "UN": only as written, never "us"
            return
        phrases.setdefault(tuple(stem(t) for t in toks), key)

    # states first (ISO codes), then our groups override on identical phrases
    if data.path("actors/states.tsv").exists():
        for row in data.read_tsv("actors/states.tsv"):
            code = row["code"]
            actor_keys.add(code)
            for col in ("name", "aliases", "adjectives", "capitals"):
                for m in data.split_multi(row.get(col, "")):
                    add(m, code, True)
    if data.path("actors/bodies.tsv").exists():  # written by the actors stage, when present
        for row in data.read_tsv("actors/bodies.tsv"):
            code = row.get("code") or ""
            if not code:
                continue
            actor_keys.add(code)
            for col in ("name", "aliases"):
                for m in data.split_multi(row.get(col, "")):
                    add(m, code, True)
    bodies = {"un", "unsc", "unc", "nato", "asean", "apec", "wto", "pif", "ipef", "cptpp", "rcep", "ip4", "eu", "g7", "quad"}
    for row in data.read_tsv("compare/synonyms.tsv"):
        key = row["key"]
        is_body = key in bodies
        if is_body:
            key = key.upper()
            actor_keys.add(key)
        for m in data.split_multi(row["members"]):
            toks = [t.group() for t in _TOKEN.finditer(m)]
            if is_body and len(toks) == 1 and len(toks[0]) <= 3:
                case[(toks[0].upper(),)] = key
                continue
            phrases[tuple(stem(t) for t in toks)] = key
    stop = frozenset(stem(w) for line in data.read_lines("compare/stopwords.txt") for w in line.split()) | frozenset(
        w for line in data.read_lines("compare/stopwords.txt") for w in line.split())
    acts: dict[tuple[str, ...], tuple[str, str, int]] = {}
    for row in data.read_tsv("compare/acts.tsv"):
        acts[_stems(row["phrase"])] = (row["act"], row["family"], int(row["rank"]))
    inten = [_stems(x) for x in data.read_lines("compare/intensifiers.txt")]
    weak = [_stems(x) for x in data.read_lines("compare/weakeners.txt")]
    max_len = max(len(k) for k in list(phrases) + list(case))
    return Lexicon(phrases, case, max_len, stop, frozenset(actor_keys), acts, max(len(k) for k in acts), inten, weak)


# -- sentence analysis -----------------------------------------------------------

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], start=1)}
for _m, _i in list(MONTHS.items()):
    MONTHS[_m[:3]] = _i
MONTHS["sept"] = 9
_NEGATION = {"not", "no", "never", "n't", "neither", "nor", "without"}
_NEG_VERBS = {stem(w) for w in ("refuse", "decline", "fail")}


@dataclass(slots=True)
class Fact:
    kind: str  # year | month | num
    value: float | int | str
    unit: str = ""  # for num: the stem of the next content word; for month: the year if given
    text: str = ""
    pos: int = 0  # token position


@dataclass(slots=True)
class ActHit:
    act: str
    family: str
    rank: int  # base rank from the lexicon
    force: int  # 2*rank + intensifier - weakener
    trigger: str
    pos: int  # token index of the trigger
    negated: bool = False
    modifiers: list[str] = field(default_factory=list)
    obj: set[str] = field(default_factory=set)  # content keys after the trigger
    hedge: int = 0  # weakeners ("may", "consider"): a change of modality, unlike an intensifier
    gloss: bool = False  # in a non-restrictive relative clause or reporting tail: background, not the claim


@dataclass(slots=True)
class SentInfo:
    text: str
    role: str
    keys: list[str]  # content keys in order (with repeats)
    keyset: set[str]
    main_keys: set[str]  # keys outside glosses (non-restrictive relative clauses, reporting tails)
    entities: set[str]  # actor codes and capitalised names
    main_entities: set[str]
    facts: list[Fact]
    main_facts: list[Fact]
    acts: list[ActHit]
    surface: dict[str, str]  # key -> a surface form, for reasons


# a dateline before the lede: "WASHINGTON —", "NEW DELHI:", "WASHINGTON, April 12 (KUNA) --",
# "TAIPEI (Taiwan News) —"; it names a place, not a party, and carries no claim
_DATELINE = re.compile(
    r"^\s*(?:date\s+\d{4}-\d\d-\d\d\s+)?(?:[A-Z][A-Z.'’/-]{2,}(?:[ /][A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^()]{1,40}\))?\s*(?:--|—|–|-|:)\s+|date\s+\d{4}-\d\d-\d\d\s+)")


def strip_dateline(text: str) -> str:
    """The sentence without a leading dateline (or a page's "date YYYY-MM-DD" stamp)."""
    m = _DATELINE.match(text)
    return text[m.end():] if m and len(text) - m.end() > 20 else text


@lru_cache(maxsize=1)
def _furniture() -> list[re.Pattern]:
    return [re.compile(x, re.I) for x in data.read_lines("compare/furniture.txt")]


def furniture(text: str) -> bool:
    """Page furniture (photo credits, bylines, time stamps, "Stay informed ..."): no claim."""
    return any(p.search(text) for p in _furniture())


@lru_cache(maxsize=1)
def _number_words() -> tuple[dict[str, int], frozenset[str]]:
    words = {r["word"]: int(r["value"]) for r in data.read_tsv("compare/number_words.tsv")}
    units = frozenset(stem(w.split()[0]) for w in data.read_lines("compare/number_units.txt"))
    return words, units


@lru_cache(maxsize=1)
def _ordinals() -> dict[str, int]:
    return {r["word"]: int(r["value"]) for r in data.read_tsv("compare/ordinals.tsv")}


_MULTIPLIERS = {"hundred": 100, "thousand": 1000}
_NAME_BEFORE_NUMBER = {"resolution", "resolutions", "article", "articles", "section", "no", "pillar", "phase", "chapter"}


_GLOSS = re.compile(r",\s+(?:a|an)\s+[^,;]{3,80}(?=,)|,\s+the\s+first\s+(?:by|of|for)\b[^,;]*|,\s+(?:a|an)\s+[^,;]{3,160}?(?=\W*$)|,\s+(?:which|who|whom|whose|where)\b[^,;]*|,\s+(?:[A-Z][\w’']*\s+){0,3}(?:office\s+)?(?:said|noted|added|says)\b[^,;]*|,?\s+according to\b[^,;]*")
_NUM_WORD = re.compile(r"^\d")
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*(\d\d)\b")


def _gloss_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _GLOSS.finditer(text)]


def analyse(text: str, role: str = "body") -> SentInfo:
    lex = lexicon()
    full = text
    text = strip_dateline(text)
    toks = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    glosses = _gloss_spans(text)

    def in_gloss(off: int) -> bool:
        return any(a <= off < b for a, b in glosses)

    stems = [stem(t) for t, _ in toks]
    keys: list[tuple[str, int, str, bool]] = []  # key, token index, surface, is_entity
    i = 0
    n = len(toks)
    while i < n:
        hit = None
        for L in range(min(lex.max_len, n - i), 0, -1):
            surf = tuple(t for t, _ in toks[i:i + L])
            k = lex.case_sensitive.get(tuple(s.replace(".", "") for s in surf))
            if k is None:
                k = lex.phrases.get(tuple(stems[i:i + L]))
            if k is not None:
                hit = (k, L)
                break
        if hit:
            k, L = hit
            surface = " ".join(t for t, _ in toks[i:i + L])
            keys.append((k, i, surface, k in lex.actor_keys))
            i += L
            continue
        t, off = toks[i]
        s = stems[i]
        if _NUM_WORD.match(t) or s in lex.stop or t.lower() in lex.stop or len(s) < 2 or (t.lower().rstrip(".") in MONTHS and t[0].isupper()):
            i += 1
            continue
        ent = t[0].isupper() and i > 0 and s not in MONTHS and not toks[i - 1][0].endswith(".")
        keys.append((s, i, t, ent))
        i += 1

    keylist = [k for k, *_ in keys]
    main_keys = {k for k, idx, _, _ in keys if not in_gloss(toks[idx][1])}
    entities = {k for k, _, _, e in keys if e}
    main_entities = {k for k, idx, _, e in keys if e and not in_gloss(toks[idx][1])}
    surface = {}
    for k, _, s, _ in keys:
        surface.setdefault(k, s)

    facts = _facts(text, toks)
    main_facts = [f for f in facts if not in_gloss(toks[f.pos][1])] if facts else []
    acts = _acts(toks, stems, keys)
    for a in acts:
        a.gloss = in_gloss(toks[a.pos][1]) if a.pos < len(toks) else False
    return SentInfo(full, role, keylist, set(keylist), main_keys, entities, main_entities, facts, main_facts, acts, surface)


def _facts(text: str, toks: list[tuple[str, int]]) -> list[Fact]:
    out: list[Fact] = []
    lex = lexicon()
    n = len(toks)
    skip: set[int] = set()
    for i, (t, _) in enumerate(toks):
        if i in skip:
            continue
        low = t.lower().rstrip(".")
        if low in MONTHS and (t[0].isupper()) and not (low == "may" and (i + 1 >= n or not toks[i + 1][0][0].isdigit())):
            year = ""
            for j in range(i + 1, min(n, i + 4)):
                tj = toks[j][0]
                if re.fullmatch(r"(19|20)\d\d", tj):
                    year = tj
                    skip.add(j)
                    break
            # a day number right before or after belongs to the date
            for j in (i - 1, i + 1):
                if 0 <= j < n and re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", toks[j][0]):
                    skip.add(j)
                    if j - 2 >= 0 and toks[j - 1][0].lower() in ("to", "and") and re.fullmatch(r"\d{1,2}", toks[j - 2][0]):
                        skip.add(j - 2)
            out.append(Fact("month", MONTHS[low], year, t + (" " + year if year else ""), i))
            continue
        if re.fullmatch(r"(19|20)\d\d", t):
            out.append(Fact("year", int(t), "", t, i))
            # 1950-53
            if i + 1 < n and re.fullmatch(r"\d\d", toks[i + 1][0]) and text[toks[i][1] + 4:toks[i + 1][1]].strip() in ("-", "–"):
                out.append(Fact("year", int(t[:2] + toks[i + 1][0]), "", t + "-" + toks[i + 1][0], i))
                skip.add(i + 1)
            continue
        if low in _ordinals() and not (t[0].isupper() and i > 0) and not text[toks[i][1] + len(t):toks[i][1] + len(t) + 1] == "-":
            unit = ""  # the head of the noun phrase: "third official visit to" -> visit
            for tj, oj in toks[i + 1:i + 4]:
                if stem(tj) in lex.stop or tj.lower() in lex.stop or (unit and text[oj - 1:oj] not in (" ",)):
                    break
                unit = stem(tj)
            if unit:  # "third official visit": a count of something
                out.append(Fact("num", float(_ordinals()[low]), unit, t, i))
            continue
        if low in _number_words()[0] and not t.isupper() and not text[toks[i][1] + len(t):toks[i][1] + len(t) + 1] == "-":
            words, units = _number_words()
            unit = ""
            value = float(words[low])
            start = i + 1
            # "one hundred years", "two thousand people": the multiplier is part of the number,
            # as in "100 years" (million and billion stay units, as after digits: "2 billion")
            if start < n and toks[start][0].lower() in _MULTIPLIERS:
                value *= _MULTIPLIERS[toks[start][0].lower()]
                skip.add(start)
                start += 1
            for j in range(start, min(n, start + 3)):
                sj = stem(toks[j][0])
                if sj in units:
                    unit = sj
                    break
            if unit:
                out.append(Fact("num", value, unit, " ".join(tk for tk, _ in toks[i:start]), i))
            continue
        if t[0].isdigit():
            off = toks[i][1]
            # a number inside a name is not a number: COVID-19, G20, Resolution 2397, 26/11
            if off > 0 and (text[off - 1].isalpha() or (text[off - 1] in "-/" and off > 1 and (text[off - 2].isalpha() or text[off - 2].isdigit()))):
                continue
            if i > 0 and toks[i - 1][0].lower().rstrip(".") in _NAME_BEFORE_NUMBER:
                continue
            # "85-minute summit", "3-day visit": a compound adjective, like "two-day"
            if re.match(r"-[a-z]", text[off + len(t):off + len(t) + 2]):
                continue
            v = re.sub(r"(st|nd|rd|th)$", "", t).replace(",", "")
            try:
                val = float(v)
            except ValueError:
                continue
            unit = ""
            for j in range(i + 1, min(n, i + 4)):
                sj = stem(toks[j][0])
                if sj in ("to", "and", "or", "-") or toks[j][0][0].isdigit():
                    continue
                if sj in lex.stop:
                    continue
                unit = sj
                break
            cur = _CURRENCY.search(text[max(0, off - 4):off])
            if cur:  # NZ$2 billion and US$1.3 billion are not the same unit
                unit = f"{(cur.group(1) or cur.group(2) or '$').upper()}:{unit}"
            out.append(Fact("num", val, unit, t, i))
    return out


_CURRENCY = re.compile(r"(NZ|US|A|AU|C|S|HK|)\$\s*$|([€£¥])\s*$", re.I)


def _match_at(seq: list[str], i: int, pat: tuple[str, ...]) -> bool:
    return tuple(seq[i:i + len(pat)]) == pat


def _acts(toks: list[tuple[str, int]], stems: list[str], keys: list[tuple[str, int, str, bool]]) -> list[ActHit]:
    lex = lexicon()
    out: list[ActHit] = []
    n = len(stems)
    i = 0
    while i < n:
        hit = None
        for L in range(min(lex.acts_max, n - i), 0, -1):
            a = lex.acts.get(tuple(stems[i:i + L]))
            if a:
                hit = (a, L)
                break
        if not hit:
            i += 1
            continue
        (act, family, rank), L = hit
        trig = " ".join(t for t, _ in toks[i:i + L])
        # nouns used as such ("a commitment", "the support of", "concerns over") still carry the act;
        # a governed explore marker turns a commit verb into explore
        if family == "undertake" and rank == 2:
            for j in range(i + L, min(n, i + L + 5)):
                for L2 in (3, 2, 1):
                    a2 = lex.acts.get(tuple(stems[j:j + L2]))
                    if a2 and a2[0] == "explore":
                        act, rank = "explore", 1
                        trig = " ".join(t for t, _ in toks[i:j + L2])
                        L = j + L2 - i
                        break
                if act == "explore":
                    break
        force = 2 * rank
        mods = []
        window_before = stems[max(0, i - 3):i]
        window_after = stems[i + L:i + L + 8]
        for pat in lex.intensifiers:
            if len(pat) == 1 and pat[0] in window_before:
                b = i - len(window_before) + window_before.index(pat[0])
                force += 1
                mods.append(toks[b][0])
                break
            ks = [k for k in range(0, 3 if len(pat) > 1 else 0) if _match_at(window_after, k, pat)]
            if ks:
                a0 = i + L + ks[0]
                force += 1
                mods.append(" ".join(t for t, _ in toks[a0:a0 + len(pat)]))
                break
        hedge = 0
        for pat in lex.weakeners:
            if any(_match_at(stems[max(0, i - 3):i + L + 3], k, pat) for k in range(0, 6)):
                force -= 1
                hedge = 1
                mods.append(" ".join(pat))
                break
        neg = any(s in _NEGATION or s.endswith("n't") for s in stems[max(0, i - 3):i]) or any(s in _NEG_VERBS for s in stems[max(0, i - 3):i])
        obj = {k for k, idx, _, _ in keys if i + L <= idx < i + L + 14}
        out.append(ActHit(act, family, rank, force, trig, i, neg, mods, obj, hedge))
        i += L
    return out


# -- weights ---------------------------------------------------------------------


def idf_weights(sentence_keysets: list[set[str]]) -> dict[str, float]:
    N = len(sentence_keysets)
    df: dict[str, int] = {}
    for ks in sentence_keysets:
        for k in ks:
            df[k] = df.get(k, 0) + 1
    return {k: math.log((N + 1) / (d + 0.5)) + 0.3 for k, d in df.items()}
