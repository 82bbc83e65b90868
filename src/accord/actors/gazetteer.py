"""Load the gazetteer data files (src/accord/data/actors/*.tsv) once and compile them
into a token n-gram index for fast longest-match recognition.

Entry kinds: state, adjective (modifier: "Korean"), people ("Koreans"), capital,
body (IGO), leader (a person with dated terms), group (non-state), place (not an
actor: blocks shorter matches such as "Korean" in "Korean Peninsula"), office.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry

from .. import data
from ..patterns import char_trie_regex, forms_regex  # noqa: F401 (moved down: actors and acts both build them)

TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Z]\.(?=\s)|[\w\u00c0-\u024f]+(?:['\u2019][\w\u00c0-\u024f]+)*|-")
POSSESSIVE = re.compile(r"['\u2019]s$", re.I)


def norm_token(tok: str) -> str:
    t = tok.lower().replace("\u2019", "'")
    if t.endswith("'s") and len(t) > 2:
        t = t[:-2]
    return t


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(normalised token, start, end) triples."""
    return [(norm_token(m.group(0)), m.start(), m.end()) for m in TOKEN.finditer(text)]


@dataclass(slots=True)
class Term:
    start: str  # ISO
    end: str | None
    office: str


@dataclass(slots=True)
class Entry:
    code: str
    kind: str
    sector: str
    name: str
    exact_case: str | None = None  # surface that must match case exactly (acronyms)
    person: str | None = None
    terms: list[Term] = field(default_factory=list)
    surname_only: bool = False


def _is_acronym(s: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", s)
    return bool(letters) and letters.isupper() and len(letters) <= 6


class Gazetteer:
    """Token n-gram index of every name in the data files."""

    def __init__(self):
        self.index: dict[tuple[str, ...], list[Entry]] = {}
        self.max_len = 1
        self.first_max: dict[str, int] = {}  # first token -> longest name starting with it
        self.names: dict[str, str] = {}  # code -> display name
        self.offices: list[tuple[tuple[str, ...], str, str, str]] = []  # tokens, sector, role, code
        self.office_patterns: dict[tuple[str, ...], str] = {}  # tokens -> pattern as written
        self.office_forms: dict[str, tuple[str, ...]] = {}  # pattern in lower case -> tokens
        self._office_after_re: re.Pattern | None = None
        # written forms (straight apostrophes, no leading article; see written_forms()) of
        # every name, and the index key each stands for, by the form in lower case
        self.written: set[str] = set()
        self.name_forms: dict[str, tuple[str, ...]] = {}
        self.persons: dict[str, list[Entry]] = {}
        self.by_code: dict[str, list[Entry]] = {}  # leaders by state/body code
        self.cache: dict[str, dict] = {}  # resolution results that depend on the tables only
        self._load()

    def add(self, surface: str, entry: Entry) -> None:
        toks = tuple(t for t, _, _ in tokenize(surface))
        if len(toks) > 1 and toks[0] == "the":
            toks = toks[1:]  # "the Netherlands" is found as "Netherlands": no match starts at an article
        if not toks:
            return
        if _is_acronym(surface) and len(toks) == 1:
            entry = Entry(**{**{k: getattr(entry, k) for k in entry.__slots__}, "exact_case": surface.replace("\u2019", "'")})
        for f in written_forms(surface, exact=entry.exact_case is not None):
            self.written.add(f)
            self.name_forms.setdefault(f.lower(), toks)
        bucket = self.index.setdefault(toks, [])
        for e in bucket:
            if e.code == entry.code and e.kind == entry.kind and e.person == entry.person:
                return
        bucket.append(entry)
        self.max_len = max(self.max_len, len(toks))
        if len(toks) > self.first_max.get(toks[0], 0):
            self.first_max[toks[0]] = len(toks)

    def _load(self) -> None:
        states = data.read_tsv("actors/states.tsv") if data.path("actors/states.tsv").exists() else []
        for row in states:
            code = row["code"]
            self.names[code] = row["name"]
            # ordered and deduplicated (a set would make the order of entries, and so which
            # entry wins a shared name, depend on the hash seed)
            names = dict.fromkeys([row["name"], *data.split_multi(row.get("aliases", ""))])
            c = pycountry.countries.get(alpha_3=code)
            if c is not None:
                for attr in ("name", "official_name", "common_name"):
                    v = getattr(c, attr, None)
                    if v and "," not in v:
                        names.setdefault(v)
            for n in names:
                self.add(n, Entry(code, "state", "GOV", row["name"]))
            for a in data.split_multi(row.get("adjectives", "")):
                kind = "people" if a.endswith("s") and not a.endswith(("ss", "ese")) else "adjective"
                self.add(a, Entry(code, kind, "CVL" if kind == "people" else "GOV", row["name"]))
            for cap in data.split_multi(row.get("capitals", "")):
                self.add(cap, Entry(code, "capital", "GOV", row["name"]))
        if data.path("actors/coalitions.tsv").exists():
            for row in data.read_tsv("actors/coalitions.tsv"):
                # a grouping of states: one mention that codes to every member ("FRA+DEU+GBR")
                code = "+".join(data.split_multi(row["members"]))
                for n in dict.fromkeys([row["name"], *data.split_multi(row.get("aliases", ""))]):
                    self.add(n, Entry(code, "state", "GOV", row["name"]))
        for fname, kind in (("actors/bodies.tsv", "body"), ("actors/groups.tsv", "group")):
            if not data.path(fname).exists():
                continue
            for row in data.read_tsv(fname):
                code = row["code"]
                sector = row.get("sector") or ("IGO" if kind == "body" else "REB")
                self.names.setdefault(code, row["name"])
                for n in dict.fromkeys([row["name"], *data.split_multi(row.get("aliases", ""))]):
                    self.add(n, Entry(code, kind, sector, row["name"]))
        if data.path("actors/places.tsv").exists():
            for row in data.read_tsv("actors/places.tsv"):
                self.add(row["name"], Entry("", "place", "", row["name"]))
        # leaders (heads of state and government, foreign ministers ...) and, in the same
        # columns, other ministers of partner states (defence, trade, finance; US cabinet)
        person_rows = [row for f in ("actors/leaders.tsv", "actors/ministers.tsv") if data.path(f).exists()
                       for row in data.read_tsv(f)]
        if person_rows:
            people: dict[tuple[str, str], Entry] = {}
            for row in person_rows:
                key = (row["name"], row["code"])
                e = people.get(key)
                if e is None:
                    e = Entry(row["code"], "leader", "GOV", row["name"], person=row["name"])
                    people[key] = e
                    self.persons.setdefault(row["name"].lower(), []).append(e)
                    self.by_code.setdefault(row["code"], []).append(e)
                e.terms.append(Term(row["start"], row.get("end") or None, row["office"]))
            for (name, code), e in people.items():
                self.add(name, e)
                for alias in _aliases_of(name):
                    self.add(alias, e)
            for row in person_rows:
                e = people[(row["name"], row["code"])]
                for alias in data.split_multi(row.get("aliases", "")):
                    single = len(tokenize(alias)) == 1
                    self.add(alias, Entry(e.code, e.kind, e.sector, e.name, None, e.person, e.terms, surname_only=single))
        if data.path("actors/offices.tsv").exists():
            for row in data.read_tsv("actors/offices.tsv"):
                pattern = re.sub(r"^(?:the|our)\s+", "", row["pattern"], flags=re.I)  # the article is checked in text
                toks = tuple(t for t, _, _ in tokenize(pattern))
                if toks:
                    self.offices.append((toks, row.get("sector") or "GOV", row.get("role") or "", row.get("code") or ""))
                    self.office_patterns.setdefault(toks, pattern.replace("\u2019", "'"))
                    self.office_forms.setdefault(pattern.replace("\u2019", "'").lower(), toks)
        self.office_index: dict[tuple[str, ...], tuple[str, str, str]] = {t: (s, r, c) for t, s, r, c in self.offices}
        self.office_max = max((len(t) for t in self.office_index), default=1)
        self.office_first: dict[str, int] = {}
        for t in self.office_index:
            self.office_first[t[0]] = max(self.office_first.get(t[0], 0), len(t))

    def start_forms(self) -> set[str]:
        """The written form of every name and of every office that can stand alone ("the
        Kremlin", "Cabinet"), as running text writes them: starting with a capital ("de
        Klerk" is found as "De Klerk" only at a sentence start; lower-case starts would make
        a regex try most positions of a text)."""
        forms = {f for f in self.written if f[:1].isupper()}
        for pattern in self.office_patterns.values():
            forms.update(f for f in written_forms(pattern) if f[:1].isupper())
        return forms

    @property
    def office_after_re(self) -> re.Pattern:
        """An office right after a name ("Yoon's office", "New Zealand Defence Force"), in any
        case; group 1 is the office, group 2 its possessive ending."""
        if self._office_after_re is None:
            forms = {p.lower() for p in self.office_patterns.values()}
            self._office_after_re = re.compile(r"\s+(" + forms_regex(forms) + r")(['\u2019]s)?(?!\w)", re.I)
        return self._office_after_re

    def form_key(self, written: str) -> tuple[str, ...]:
        """The index key (normalised tokens) of a name or an office as matched in a text."""
        low = written.lower()
        key = self.name_forms.get(low) or self.office_forms.get(low)
        if key is None:
            key = tuple(t for t, _, _ in tokenize(written))
        return key

    def lookup_tokens(self, toks: tuple[str, ...]) -> list[Entry]:
        return self.index.get(toks, [])

    def name_of(self, code: str) -> str:
        return self.names.get(code, code)


def _aliases_of(name: str) -> list[str]:
    """Spelling variants of a person's name: hyphen or no hyphen in the given name."""
    out = []
    if "-" in name:
        out.append(name.replace("-", " "))
        parts = name.split(" ")
        out.append(" ".join(p.replace("-", "").capitalize() if "-" in p else p for p in parts))
    return out


def written_forms(surface: str, exact: bool = False) -> set[str]:
    """How a name is written in running text: as in the tables, with a capital first
    letter, and (one word) in capitals; no leading article and no possessive ending (both
    are handled around the match). An acronym ("US", "PIF") only exactly as written."""
    s = surface.replace("\u2019", "'").strip()
    if " " in s and s[:4].lower() == "the ":
        s = s[4:].lstrip()
    if s.lower().endswith("'s") and len(s) > 2:
        s = s[:-2]
    if not s:
        return set()
    if exact:
        return {s}
    if " " in s or len(s) < 3:
        return {s, s[:1].upper() + s[1:]}
    # one word also in capitals, as in transcripts' speaker labels ("PRESIDENT BIDEN:");
    # names of several words in capitals are rare and would double the regex
    return {s, s[:1].upper() + s[1:], s.upper()}


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    return Gazetteer()
