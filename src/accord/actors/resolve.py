"""Recognise actor mentions in a document and resolve them to codes as of its date.

``find_actors(doc)`` fills ``doc.mentions`` (every match, with the reason for its
resolution; places are kept with an empty code so the reason can be shown) and
``doc.parties`` (the document's speakers).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from operator import attrgetter
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from .. import data
from ..models import Document, Mention
from .gazetteer import TOKEN, Entry, Gazetteer, get_gazetteer, tokenize

TITLES = {"president", "prime", "minister", "premier", "chancellor", "king", "queen", "prince", "emir", "sheikh",
          "secretary", "mr", "ms", "mrs", "dr", "excellency", "honourable", "hon", "sultan", "governor", "foreign",
          "general", "leader", "chairman", "chair", "vice", "deputy", "taoiseach", "senator", "ambassador", "counterpart"}
LEADER_OFFICES = ("HOS", "HOG", "HOS+HOG", "FM", "SG", "PRES")


@lru_cache(maxsize=1)
def _scanner() -> tuple[re.Pattern, list[re.Pattern], dict[str, str], dict[str, tuple[str, str]]]:
    """The regexes (character tries, run in C) of everything found by its wording: every
    name and standalone office of the tables; the phrases that refer to the document's
    parties ("both sides", "we"; data/actors/references.tsv); "the" + a generic title ("the
    Prime Minister") or a lower-case office ("the foreign ministry"). Phrases written with a
    capital ("The two sides") are in the names regex, whose attempts start at capitals
    anyway; those in lower case get one regex per first word, a literal that re finds at C
    speed (in the names regex, every "t", "o", "w" and "b" would start an attempt).
    Returns (names regex, lower-case phrase regexes, party phrase -> scope,
    lower-case office -> (sector, role))."""
    from .gazetteer import forms_regex

    gaz = get_gazetteer()
    scopes = {r["phrase"].lower(): r["scope"] for r in data.read_tsv("actors/references.tsv")}
    lows = {" ".join(toks): (sector, role) for toks, (sector, role, code) in gaz.office_index.items()
            if not code and role in HOME_ROLES and toks[0][:1].isalpha()}
    phrases = [*scopes, *("the " + t for t in TITLE_OFFICES), *("the " + o for o in lows)]
    names_re = re.compile(forms_regex(gaz.start_forms() | {p[:1].upper() + p[1:] for p in phrases}) + r"(?!\w)")
    by_first: dict[str, set[str]] = {}
    for p in phrases:
        first = p.split(" ", 1)[0]
        by_first.setdefault("the" if first.startswith("the") else first, set()).add(p)
    phrase_res = [re.compile(forms_regex(ps, literal_cases=True) + r"(?!\w)") for _, ps in sorted(by_first.items())]
    return names_re, phrase_res, scopes, lows


def _negated_name(text: str, s: int) -> bool:
    """A name written after "non-" ("non-Indian perpetrators", "non-EU citizens") names
    those outside it: no mention."""
    return text[max(0, s - 4):s].lower() == "non-"


def _no_actor_after(text: str, e: int) -> bool:
    """A name followed by "$" or "-based" is a currency ("US$1.7 billion", "NZ$5 million") or a
    company's base ("a Spain-based packaging maker"): no actor."""
    return text[e:e + 1] == "$" or text[e:e + 6].lower() == "-based"


def _scan_names(text: str) -> list:
    """Names and standalone offices in a text: (start, end, text as written, None)."""
    names_re = _scanner()[0]
    name_forms, office_forms = get_gazetteer().name_forms, get_gazetteer().office_forms
    out = []
    for m in names_re.finditer(text):
        s = m.start()
        if s and (text[s - 1].isalnum() or text[s - 1] in "_'\u2019" or _negated_name(text, s)):
            continue
        if _no_actor_after(text, m.end()):
            continue
        written = m.group(0)
        low = written.lower()
        if low in name_forms or low in office_forms or " ".join(low.split()) in name_forms:
            out.append((s, m.end(), written, None))
    return out


def _scan_text(text: str) -> tuple[list, list, list, list, list[int]]:
    """(names as (start, end, text as written, None), party references as (start, end,
    text, phrase, scope), generic titles and lower-case offices as (start, end, text)
    without the article) in a text, none overlapping another; and the starts of the names
    that begin with a title (see _titled_starts)."""
    names_re, phrase_res, scopes, lows = _scanner()
    gaz = get_gazetteer()
    name_forms, office_forms = gaz.name_forms, gaz.office_forms
    # written form -> 0: a phrase, 1: a name or office, 2: one that starts with a title (TITLED_FIRST)
    is_name = gaz.cache.setdefault("is_name", {})
    names: list = []
    titled: list[int] = []
    phrases = []
    for m in names_re.finditer(text):
        s, e = m.span()
        c = text[s - 1] if s else " "
        if c.isalnum() or c == "_" or (c == "-" and _negated_name(text, s)):
            continue
        written = text[s:e]
        name = is_name.get(written)
        if name is None:
            low = written.lower()
            name = 0 if low not in name_forms and low not in office_forms else 2 if _is_titled(written) else 1
            if len(is_name) < 100_000:
                is_name[written] = name
        if name:
            if _no_actor_after(text, e):
                continue
            if c != "'" and c != "\u2019":
                names.append((s, e, written, None))
                if name == 2:
                    titled.append(s)
        else:
            phrases.append((s, e, written))
    for pat in phrase_res:
        for m in pat.finditer(text):
            s = m.start()
            if s and (text[s - 1].isalnum() or text[s - 1] == "_"):
                continue
            phrases.append((s, m.end(), m.group(0)))
    refs, titles, offices = [], [], []
    if not phrases:
        return names, refs, titles, offices, titled
    phrases.sort()
    dropped: set[tuple] = set()
    plans = gaz.cache.setdefault("phrase", {})  # written form -> what it is (_phrase_plan)
    held = gaz.cache.setdefault("held", {})  # a name's written form -> (a name?, its office key)
    last = -1
    for s, e, written in phrases:
        if s < last:
            continue
        last = e
        plan = plans.get(written, False)
        if plan is False:
            plan = _phrase_plan(written, scopes, lows, name_forms, office_forms)
            if len(plans) < 100_000:
                plans[written] = plan
        if plan is None:
            continue
        if plan[0] == "ref":
            refs.append((s, e, written, plan[1], plan[2]))
            continue
        if plan[0] == "name":
            if s == 0 or text[s - 1] not in "'\u2019":
                insort(names, (s, e, written, None))
                if _is_titled(written):
                    insort(titled, s)
            continue
        _the, nrest, rest, title, lower = plan
        rs = e - nrest
        i = bisect_left(names, (rs,))  # names are in text order, one at most at each start
        if i == len(names) or names[i][0] != rs:
            i = None
        if i is not None:
            cand = names[i]
        else:  # "The Government": the phrase took the place of the name or office in the names regex
            n = names_re.match(text, rs)
            cand = (rs, n.end(), n.group(0), None) if n is not None else None
        if cand is not None:
            # the name or office there wins when the phrase is neither a title nor a
            # lower-case office, when it is longer, or when it names a state itself ("the
            # Taoiseach" is Ireland's, whoever the document's parties are)
            h = held.get(cand[2])
            if h is None:
                nlow = " ".join(cand[2].lower().split())
                h = (nlow in name_forms, office_forms.get(nlow))
                if len(held) < 100_000:
                    held[cand[2]] = h
            is_name, okey = h
            if is_name or okey:
                if not (title or lower) or cand[1] > e or is_name or gaz.office_index[okey][2]:
                    if i is None:
                        insort(names, cand)
                        if _is_titled(cand[2]):
                            insort(titled, cand[0])
                    continue
                if i is not None:
                    dropped.add(names[i])
        if not (title or lower):
            continue
        if title:
            if not OF_AFTER.match(text, e):
                titles.append((rs, e, rest))
        elif lower:
            offices.append((rs, e, rest))
    if dropped:
        names = [n for n in names if n not in dropped]
        gone = {n[0] for n in dropped}
        titled = [t for t in titled if t not in gone]
    return names, refs, titles, offices, titled


OF_AFTER = re.compile(r"\s+of\b")


def _phrase_plan(written: str, scopes: dict, lows: dict, name_forms: dict, office_forms: dict) -> tuple | None:
    """What a phrase found by the scans is, from its wording alone: ("name",) for a name
    written across a line break or double space; ("ref", phrase, scope) for a reference to
    the parties; ("the", length of the word after the article, that word, a title?, a
    lower-case office?) for "the" + an office; None for anything else."""
    low = written.lower()
    if "  " in low or "\n" in low or "\t" in low:
        low = " ".join(low.split())
        if low in name_forms or low in office_forms:
            return ("name",)
    scope = scopes.get(low)
    if scope is not None:
        return ("ref", low, scope)
    if not low.startswith("the "):
        return None
    rest = written[3:].lstrip()
    key = low[4:]
    title = key in TITLE_OFFICES and all(w[:1].isupper() for w in rest.split())
    lower = not title and key in lows and rest == rest.lower()
    return ("the", len(rest), rest, title, lower)


def in_office(entry: Entry, date: str | None) -> bool:
    if date is None:
        return True
    for t in entry.terms:
        if t.start <= date and (t.end is None or date <= t.end):
            return True
    return False


def _terms_text(entry: Entry) -> str:
    return "; ".join(f"{t.office} {t.start} to {t.end or 'now'}" for t in entry.terms)


def _case_ok(text: str, start: int, end: int, entry: Entry) -> bool:
    surface = text[start:end].replace("\u2019", "'")
    if entry.exact_case:
        return surface == entry.exact_case or surface.rstrip("s").rstrip("'") == entry.exact_case
    ch = surface[:1]
    return ch.isupper() or ch.isdigit()


def _pick_leader(cands: list[Entry], date: str | None, context_codes: set[str], full_names: set[str],
                 titled) -> tuple[Entry | None, str]:
    """(the leader a name stands for on date, why), or (None, why not). titled: whether a
    title comes before the name (a bool, or a function that tells, called only if needed)."""
    current = [e for e in cands if in_office(e, date)]
    if date is None and len(current) > 1:
        open_terms = [e for e in current if any(t.end is None for t in e.terms)]
        current = open_terms or current  # no document date: prefer who holds office now
    if not current:
        e = cands[0]
        return None, f"{e.person} ({e.code}) was not in office on {date} ({_terms_text(e)}): not coded as holding office"
    if len(current) > 1:
        named = [e for e in current if e.person.lower() in full_names]
        if len(named) == 1:
            current = named
        else:
            ctx = [e for e in current if e.code in context_codes]
            if len(ctx) == 1:
                current = ctx
    if len(current) > 1:
        return None, "ambiguous: " + ", ".join(f"{e.person} ({e.code})" for e in current)
    e = current[0]
    if e.surname_only and len(cands) > 1 and not (titled() if callable(titled) else titled) \
            and e.person.lower() not in full_names:
        return None, f"surname only, no title and no full name in the document: {e.person}?"
    why = _IN_OFFICE_WHY.get((e.person, e.code, date))
    if why is None:
        when = f"in office on {date}" if date else "no document date; assumed in office"
        why = f"{e.person}, {'/'.join(t.office for t in e.terms if in_office(e, date)) or e.terms[0].office} of {e.code} ({_terms_text(e)}), {when}"
        if len(_IN_OFFICE_WHY) < 100_000:
            _IN_OFFICE_WHY[(e.person, e.code, date)] = why
    return e, why


_IN_OFFICE_WHY: dict[tuple, str] = {}  # (person, code, date) -> why the leader is coded


def _office_after(gaz: Gazetteer, text: str, e: int) -> tuple[int, tuple[str, str, str], bool] | None:
    """The longest office right after a name ending at e: (its end, (sector, role, code),
    possessive), or None."""
    if e >= len(text) or not text[e].isspace():
        return None
    m = gaz.office_after_re.match(text, e)
    if m is None:
        return None
    hit = gaz.office_index.get(gaz.form_key(m.group(1)))
    if hit is None:
        return None
    return m.end(), hit, m.group(2) is not None


@lru_cache(maxsize=1)
def _publishers() -> list[tuple[str, str]]:
    return [(r["publisher"].lower(), r["code"]) for r in data.read_tsv("actors/publishers.tsv")]


def _home(doc: Document) -> str | None:
    """The state whose government a release or a national news agency speaks of as 'the
    Government', 'the foreign ministry' (data/actors/publishers.tsv)."""
    pub = (doc.meta.publisher or "").lower()
    url = (doc.meta.url or "").lower()
    pubs = _publishers()
    first = _FIRST_PUBLISHER.get(pub)
    if first is None:  # the first publisher named in pub (the same few publishers in every archive)
        first = next((i for i, (name, _code) in enumerate(pubs) if name in pub), len(pubs))
        if len(_FIRST_PUBLISHER) < 10_000:
            _FIRST_PUBLISHER[pub] = first
    if url:
        for name, code in pubs[:first]:  # one named earlier in the table, in the url
            if name in url:
                return code
    return pubs[first][1] if first < len(pubs) else None


_FIRST_PUBLISHER: dict[str, int] = {}


def _dateline_home(doc: Document, gaz: Gazetteer) -> str | None:
    """A news story with no known publisher speaks from its dateline: "TAIPEI (Taiwan News)
    --" makes "the Ministry of Foreign Affairs" Taiwan's, "WASHINGTON (Reuters) --" makes
    "the Treasury" the United States' (docs/decisions.md). Only a state or capital counts."""
    if doc.meta.kind != "news":
        return None
    for r in doc.repairs:
        if r.kind == "dateline":
            for m in scan_sentence(gaz, r.before, 0, -1, doc.meta.date, set(), set(), None):
                if m.code and m.kind in ("state", "capital"):
                    return m.code
            return None
    return None


PREV_WORD = re.compile(r"\W*(\w+)")  # matched on the reversed text before a position


def _after_article(text: str, s: int) -> bool:
    """_prev_word(text, s) in ("the", "our"), decided without it in the usual case: one
    space, then a word ending right before it."""
    if s >= 4 and text[s - 1] == " " and (text[s - 2].isalnum() or text[s - 2] == "_"):
        if text[s - 4:s - 1].lower() not in ("the", "our"):
            return False
        return s == 4 or not (text[s - 5].isalnum() or text[s - 5] == "_")
    return _prev_word(text, s) in ("the", "our")


HONORIFIC_TITLES = {"mr", "ms", "mrs", "dr", "hon", "sir", "dame", "madam"}  # no office: "Mr Fischer" may be anyone


def _given_name_before(gaz: Gazetteer, text: str, s: int) -> str | None:
    """The capitalised word right before a surname ("Tim" in "Hon Tim Fischer"), when it is
    no title and no name the gazetteer knows ("German", "Minister")."""
    if s < 2 or text[s - 1] != " ":
        return None
    k = text.rfind(" ", max(0, s - 30), s - 1)
    word = text[k + 1:s - 1]
    if not word.isalpha() or not word[:1].isupper() or word.isupper():
        return None
    low = word.lower()
    if low in TITLE_PREFIX or low in TITLES or low in gaz.name_forms or low in gaz.office_forms or low in STOP_WORDS:
        return None  # ("When Xi arrived": a function word opening the clause)
    before = text[max(0, k - 3):k + 1].rstrip()
    if k < 0 or not before or before[-1] in ".!?:;\"\u201c(\n":
        return None  # a sentence's first word ("Yesterday Abe said")
    return word


def _prev_word(text: str, s: int) -> str:
    """The word before position s, in lower case, skipping white space and punctuation."""
    if s > 1 and text[s - 1] == " ":  # the usual case: "the Kremlin"
        k = text.rfind(" ", max(0, s - 40), s - 1)
        word = text[k + 1:s - 1]
        if word.isalnum():
            return word.lower()
    m = PREV_WORD.match(text[max(0, s - 40):s][::-1])
    return m.group(1)[::-1].lower() if m else ""


def _candidates(gaz: Gazetteer, text: str, names: list, extra: dict | None) -> list:
    """The names found in the text with the names of the document's own people (extra)
    merged in, in text order, the longest first at each start."""
    if extra:
        # a few names per document: str.find (C) for each surname form; a full name is
        # found where its surname is ("Chris Carter" ends with "Carter"): one scan less
        more = []
        n = len(text)
        for f, ef, fulls in extra["scan"]:
            lf = len(f)
            i = text.find(f)
            while i >= 0:
                j = i + lf
                if j >= n or not (text[j].isalnum() or text[j] == "_") or text.startswith(("'s", "\u2019s"), j):
                    if ef is not None:
                        more.append((i, j, f, ef))
                    for prefix, full, efull in fulls:
                        k = i - len(prefix)
                        if k >= 0 and text.startswith(prefix, k):
                            more.append((k, j, full, efull))
                i = text.find(f, i + 1)
        if more:
            return sorted(names + more, key=_START_LONGEST)
    return names


_START_LONGEST = lambda c: (c[0], -c[1])  # noqa: E731 (a sort key made once)


def _shorter(gaz: Gazetteer, text: str, s: int, e: int) -> tuple[int, str] | None:
    """The longest name starting at s and ending at a word end before e."""
    while e > s + 1:
        m = _scanner()[0].match(text, s, e - 1)
        if m is None:
            return None
        e = m.end()
        if e >= len(text) or not (text[e].isalnum() or text[e] == "_"):
            return e, m.group(0)
    return None


def scan_sentence(gaz: Gazetteer, text: str, offset: int, sent_idx: int, date: str | None,
                  context_codes: set[str], full_names, home: str | None,
                  extra: dict | None = None, names: list | None = None) -> list[Mention]:
    """Longest-match names in a text (one regex over the whole text, run in C; Python only
    sees the matches)."""
    out: list[Mention] = []
    known = gaz.cache.setdefault("entries", {})  # written form -> _entries_for(written)
    # (person, code) and (office as written, home) -> why: kept apart, as both keys are pairs of strings
    officials = gaz.cache.setdefault("official_reason", {})
    home_offices = gaz.cache.setdefault("home_office_reason", {})
    pos = 0
    ntext = len(text)
    out_of_office: dict[str, bool] = {}  # written form -> all its entries are leaders out of office on date
    cands = _candidates(gaz, text, _scan_names(text) if names is None else names, extra)
    for k, (s, e, written, xentry) in enumerate(cands):
        if s < pos:
            continue
        if xentry is not None:  # one of the document's own people (_people_index: all officials)
            if s and (text[s - 1].isalnum() or text[s - 1] in "_'\u2019"):
                continue  # (the names of the scans are checked there)
            possessive = False
            if e < ntext and (text[e] == "'" or text[e] == "\u2019"):
                e, possessive = _possessive(text, e)
            why = officials.get((xentry.person, xentry.code))
            if why is None:
                why = (f"{xentry.person} speaks for {xentry.code} in this document (named as its minister in the "
                       f"metadata, or introduced with an office of {xentry.code})")
                if len(officials) < 100_000:
                    officials[(xentry.person, xentry.code)] = why
            out.append(Mention(offset + s, offset + e, text[s:e], xentry.code, "GOV", "official", why, sent_idx,
                               xentry.person, possessive))
            pos = e
            continue
        hit = known.get(written)
        if hit is None:
            hit = _entries_for(gaz, written)
            if len(known) < 100_000:
                known[written] = hit
        key, entries, plain, office = hit
        if entries is None and office is None:
            # e.g. an acronym in the wrong case: the longest shorter name
            while entries is None and office is None:
                shorter = _shorter(gaz, text, s, e)
                if shorter is None:
                    break
                e, written = shorter
                key, entries, plain, office = _entries_for(gaz, written)
            if entries is None and office is None:
                continue
        if entries is None:
            if k + 1 < len(cands) and cands[k + 1][0] == s and cands[k + 1][3] is not None:
                continue  # an office that is also the start of one of the document's people
        elif plain is None and k + 1 < len(cands) and cands[k + 1][0] == s and cands[k + 1][1] == e:
            gone = out_of_office.get(written)
            if gone is None:
                gone = out_of_office[written] = all(en.kind == "leader" and not in_office(en, date) for en in entries)
            if gone:
                continue  # the same name among the document's own people (next): they win
        possessive = False
        e0 = e
        if e < ntext and (text[e] == "'" or text[e] == "\u2019"):
            e, possessive = _possessive(text, e)
        pos = e
        if office is not None:
            # an office with no state named: a metonym ("the Kremlin") or the home government
            osector, role, code, alone, bare = office
            if code:
                surface = text[s:e]
                out.append(Mention(offset + s, offset + e, surface, code, osector, "office",
                                   f"{surface!r} stands for the government of {gaz.name_of(code)} ({code})", sent_idx))
            elif home and alone and (bare or _after_article(text, s)):
                surface = text[s:e]
                why = home_offices.get((surface, home))
                if why is None:
                    why = f"'the {surface}' in a release of the {gaz.name_of(home)} government: {home}"
                    if len(home_offices) < 100_000:
                        home_offices[(surface, home)] = why
                out.append(Mention(offset + s, offset + e, surface, home, osector, "office", why, sent_idx))
            continue
        surface = written if e == e0 else text[s:e]
        if plain is not None:
            # the usual case: a state, body, group, capital, adjective, people or place
            en, kind, got = plain
            if kind == "place":
                out.append(Mention(offset + s, offset + e, surface, "", "", "place", "a place, not an actor", sent_idx))
                continue
            if kind in ("group", "state", "body") and PERSON_TITLE_BEFORE.search(text, max(0, s - 6), s):
                continue  # "says Ms Wagner", "Mr Jordan": a person's surname, not the group or state
            if kind in OFFICE_HOLDERS:
                off = _office_after(gaz, text, e)
                if off:
                    e, (osector, role, _code), possessive = off
                    pos = e
                    surface = text[s:e]
                    out.append(Mention(offset + s, offset + e, surface, en.code, osector, "office",
                                       f"{surface!r} is a name of {gaz.name_of(en.code)} ({en.code}); {role or 'office'} "
                                       f"of that state (sector {osector})", sent_idx, None, possessive))
                    continue
            if e != e0:  # (got is the reason for the name as written, without "'s")
                got = _name_reason(gaz, en, surface)
            out.append(Mention(offset + s, offset + e, surface, en.code, en.sector, got[0], got[1], sent_idx, None, possessive))
            if kind == "state":
                context_codes.add(en.code)
            continue
        # a leader's name (a place when one of the names' entries is a place)
        if any(en.kind == "place" for en in entries):
            out.append(Mention(offset + s, offset + e, surface, "", "", "place", "a place, not an actor", sent_idx))
            continue
        leaders = [en for en in entries if en.kind == "leader"]
        ent, why = _pick_leader(leaders, date, context_codes, full_names, lambda: _prev_word(text, s) in TITLES)
        if ent is not None and ent.surname_only and (given := _given_name_before(gaz, text, s)) \
                and not any(fuzz.ratio(given.lower(), w) >= 75 for w in ent.person.lower().split()):
            # ("Abdullah Ahmed Badawi" is Abdullah Ahmad Badawi: spellings of one name)
            ent, why = None, f"{given} {surface}: another person than {ent.person}"
            if hasattr(full_names, "others"):
                full_names.others.add(surface.lower())
        elif ent is not None and ent.surname_only and surface.lower() in getattr(full_names, "others", ()) \
                and _prev_word(text, s) not in TITLES - HONORIFIC_TITLES:
            ent, why = None, f"{surface}: the other person of that name named earlier, not {ent.person}"
        elif (ent is None or ent.surname_only) and (earlier := getattr(full_names, "by_surname", {}).get(
                surface.lower().replace("\u2019", "'").removesuffix("'s"))) is not None and earlier is not ent and (ent is None or earlier.person != ent.person):
            # "Hon Tim Fischer ... Mr Fischer": the person named in full earlier, not another of
            # that surname (Joschka Fischer); "Rajnath Singh ... Singh's comments" in 2019, when no
            # other Singh of the tables was in office
            ent, why = earlier, f"{surface}: {earlier.person}, named in full earlier in the document ({earlier.code})"
        kind = "leader"
        off = _office_after(gaz, text, e) if ent else None
        if off and off[1][1] in ("office", "head_of_state", "head_of_government", "government", "spokesperson"):
            e, (osector, role, _code), _p = off
            pos = e
            surface = text[s:e]
            kind = "office"
            why += f"; {role or 'office'} of {ent.person}"
        if ent:
            if not ent.surname_only and hasattr(full_names, "seen"):
                full_names.seen.add(ent.person.lower())
                full_names.by_surname.setdefault(ent.person.lower().split()[-1], ent)
            out.append(Mention(offset + s, offset + e, surface, ent.code, "GOV", kind, why, sent_idx, ent.person, possessive))
            if kind == "leader" and ent.code:
                context_codes.add(ent.code)
        else:
            out.append(Mention(offset + s, offset + e, surface, "", "", "person", why, sent_idx, leaders[0].person, possessive))
    return out


OFFICE_HOLDERS = frozenset(("state", "adjective", "capital"))  # kinds that an office may follow ("New Zealand Defence Force")


def _possessive(text: str, e: int) -> tuple[int, bool]:
    """At an apostrophe right after a name: (its end, with "'s" when that follows, and
    whether the name is possessive; "Korea's", "the Philippines'")."""
    if text[e + 1:e + 2] == "s" and not (e + 2 < len(text) and text[e + 2].isalnum()):
        return e + 2, True
    return e, text[e + 1:e + 2] != "s"


def _entries_for(gaz: Gazetteer, written: str) -> tuple[tuple[str, ...], list[Entry] | None, tuple | None, tuple | None]:
    """The index key of a name as written, its entries that allow that case (None when none
    does), (entry, kind, (kind shown, reason) of the name as written) when they resolve
    without context (no leader among them: the place when one is a place, else the state,
    body or group, else the first), and (sector, role, code, may stand alone, needs no
    article) when it is an office and no name."""
    key = gaz.form_key(written)
    found = gaz.index.get(key)
    if found:
        found = [en for en in found if _case_ok(written, 0, len(written), en)]
    plain = office = None
    if not found and key in gaz.office_index:
        osector, role, code = gaz.office_index[key]
        office = (osector, role, code, role in STANDALONE_ROLES, key in BARE_INSTITUTIONS)
    if found:
        kinds = {en.kind for en in found}
        if "leader" not in kinds and "official" not in kinds:
            if "place" in kinds:
                plain = (found[0], "place", None)
            else:
                en = found[0] if len(found) == 1 else next((x for x in found if x.kind in ("state", "body", "group")), found[0])
                plain = (en, en.kind, _name_reason(gaz, en, written))
    return key, found or None, plain, office


def _name_reason(gaz: Gazetteer, en: Entry, surface: str) -> tuple[str, str]:
    """(kind, reason) of a state, body, group, capital or people name written as surface
    (cached: the same few hundred names make most mentions)."""
    cache = gaz.cache.setdefault("reason", {})
    got = cache.get((surface, en.code, en.kind))
    if got is not None:
        return got
    kind = en.kind
    if kind == "adjective":
        kind = "modifier"
        why = f"{surface!r} is a name of {gaz.name_of(en.code)} ({en.code}) used as a modifier, not an actor on its own"
    elif kind == "capital":
        why = f"{surface!r} is the capital of {gaz.name_of(en.code)} ({en.code}), used for its government"
    elif kind == "people":
        why = f"{surface!r}: people of {gaz.name_of(en.code)} ({en.code}), coded to the state (sector CVL)"
    else:
        why = f"{surface!r} is a name of {gaz.name_of(en.code)} ({en.code})"
    if len(cache) < 100_000:
        cache[(surface, en.code, en.kind)] = (kind, why)
    return kind, why


STANDALONE_ROLES = frozenset(("minister", "government", "ministry", "office", "legislature", "military", "diplomat", "police"))


def _short_body_names(doc: Document, gaz: Gazetteer, by_sent: dict[int, list[Mention]], bodies: list[Mention]) -> None:
    """"The Forum", "the Council" after a body was named in full ("Pacific Islands Forum")
    is that body (only when exactly one named body ends with that word). bodies: the
    mentions of bodies in by_sent, in text order."""
    heads: dict[str, set[str]] = {}
    for m in bodies:
        if " " in m.text:
            heads.setdefault(m.text.rstrip("'s").split()[-1], set()).add(m.code)
    heads = {h: next(iter(c)) for h, c in heads.items() if len(c) == 1 and h[:1].isupper() and len(h) > 3}
    if not heads:
        return
    starts = list(map(_START, doc.sentences))
    first_full = min((m.start for m in bodies if m.code in heads.values()), default=0)
    text = doc.text
    found = []
    for head in heads:  # a few words: str.find, no regex to compile per document
        for art in ("the ", "The "):
            i = text.find(art + head, first_full)
            while i >= 0:
                a, b = i + 4, i + 4 + len(head)
                if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")) and not (b < len(text) and (text[b].isalnum() or text[b] == "_")):
                    found.append((a, b, head))
                i = text.find(art + head, i + 1)
    for a, b, head in sorted(found):
        slot = _free_slot(doc, starts, by_sent, a, b)
        if slot is None:
            continue
        code = heads[head]
        _add(slot, Mention(a, b, head, code, "IGO", "body", f"'the {head}' after {gaz.name_of(code)} ({code}) was named in full"))


TITLED_PERSON = re.compile(  # no leading \b (it would stop re skipping ahead): checked in code
    r"(?:President|Prime Minister|Premier|Chancellor|King|Queen|Emir|Crown Prince|Sultan|Foreign Minister|"
    r"Minister of Foreign Affairs|Minister for Foreign Affairs|Secretary-General)\s+"
    r"((?:[A-Z][\w'\u2019.-]+\s+){0,3}[A-Z][\w'\u2019-]+)\s+of\s+(?:the\s+)?"
    r"((?:[A-Z][\w'\u2019-]+)(?:\s+(?:of\s+|and\s+)?[A-Z][\w'\u2019-]+){0,4})")


TITLED_FIRST = frozenset(("President", "Prime", "Premier", "Chancellor", "King", "Queen", "Emir", "Crown", "Sultan",
                          "Foreign", "Minister", "PRESIDENT", "PRIME"))


def _is_titled(written: str) -> bool:
    return written[:1] in "PCKQEMSF" and written.split(None, 1)[0] in TITLED_FIRST


def _titled_starts(text: str, names: list, titled: list[int] | None = None) -> list[int]:
    """Where TITLED_PERSON can match: at an office found by the scan ("President", "Prime
    Minister" are offices in the tables; titled: those starts when the scan has them) or at
    "Secretary-General"."""
    out = list(titled) if titled is not None else [n[0] for n in names if _is_titled(n[2])]
    i = text.find("Secretary-General")
    while i >= 0:
        out.append(i)
        i = text.find("Secretary-General", i + 1)
    return out


def _metadata_people(doc: Document, home: str | None, gaz: Gazetteer, names: list | None = None,
                     titled: list[int] | None = None) -> dict | None:
    """People who speak for a government although the leader tables do not list them:
    ministers named in a release's metadata ("ministers: Hon Chris Carter") speak for its
    publisher's government; a person introduced with an office and a state ("President
    Nayib Bukele of the Republic of El Salvador") for that state, in this document."""
    people: list[tuple[str, str, str]] = []
    text = doc.text
    if names is None:
        names = _scan_names(text)
    for start in _titled_starts(text, names, titled):
        m = TITLED_PERSON.match(text, start)
        if m is None:
            continue
        name = m.group(1)
        if gaz.index.get(tuple(t for t, _, _ in tokenize(name))):
            continue  # already in the tables (and resolved by date there)
        state = [x for x in scan_sentence(gaz, m.group(2), 0, -1, doc.meta.date, set(), set(), None)
                 if x.code and x.kind == "state" and x.start == 0]
        if state:
            people.append((name, state[0].code, "official"))
    if not people:
        # the usual case: the release's ministers only (one index per set of ministers)
        return _ministers_index(tuple(doc.meta.people), home) if home and doc.meta.people else None
    if home:
        people[:0] = [(p, home, "official") for p in doc.meta.people]
    return _people_index(tuple(dict.fromkeys(people)))


@lru_cache(maxsize=4096)
def _ministers_index(people: tuple[str, ...], home: str) -> dict:
    return _people_index(tuple(dict.fromkeys((p, home, "official") for p in people)))


@lru_cache(maxsize=4096)
def _people_index(people: tuple[tuple[str, str, str], ...]) -> dict:
    index: dict[tuple[str, ...], Entry] = {}
    forms: set[str] = set()
    entry: dict[str, Entry] = {}
    for person, code, kind in people:
        keys, pforms = _person_forms(person)
        if not keys:
            continue
        e = Entry(code, kind, "GOV", person, person=person)
        for key in keys:
            index.setdefault(key, e)
        for f, key in pforms:
            forms.add(f)
            if key in index:
                entry.setdefault(f, index[key])
    # what _candidates scans for: each form that gives a candidate, or that ends another
    # (a full name is found at its surname); full names with no such form are scanned alone
    fulls = [f for f in forms if f in entry and " " in f]
    anchors = {f for f in forms if " " not in f}
    scan: dict[str, tuple[Entry | None, list]] = {f: (entry[f], []) for f in forms if f in entry and " " not in f}
    for f in sorted(fulls):
        tail = max((t for t in anchors if f.endswith(" " + t)), key=len, default=None)
        if tail is None:
            scan[f] = (entry[f], [])
        else:
            scan.setdefault(tail, (None, []))[1].append((f[:-len(tail)], f, entry[f]))
    return {"scan": [(f, ef, fl) for f, (ef, fl) in sorted(scan.items())]}


@lru_cache(maxsize=4096)
def _person_forms(person: str) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """A person's index keys (full name, surname) and written forms with their keys."""
    from .gazetteer import written_forms

    toks = tuple(t for t, _, _ in tokenize(person))
    if not toks:
        return (), ()
    forms = set(written_forms(person))
    for w in [m.group(0) for m in TOKEN.finditer(person)][-1:]:
        forms.update(written_forms(w))
    out = tuple((f, tuple(t for t, _, _ in tokenize(f))) for f in sorted(forms) if f[:1].isupper())
    return (toks, toks[-1:]), out


class _FullNames:
    """Leaders' full names written in a document, computed only when a bare surname
    needs them."""

    def __init__(self, gaz: Gazetteer, names: list):
        self.gaz, self.found, self._names = gaz, names, None
        self.seen: set[str] = set()  # leaders already matched by a full name or alias
        self.others: set[str] = set()  # surnames written with another given name ("Tim Fischer")
        self.by_surname: dict[str, Entry] = {}  # surname -> the listed person named in full in this document

    def __contains__(self, name: str) -> bool:
        if name in self.seen:
            return True
        if self._names is None:
            written = {" ".join(n[2].lower().split()) for n in self.found}
            self._names = {p for p in written if p in self.gaz.persons}
        return name in self._names


# a paragraph that opens with a speaker's label and a quotation: 'Greg Regan, President,
# AFL-CIO Transportation Trades Department: "... we welcome ..."' (the White House's "What
# they are saying" releases, press releases quoting stakeholders)
ATTRIBUTION_VERBS = frozenset(("say", "tell", "report", "state", "add", "note", "write"))
LABELLED_QUOTE = re.compile(r"\s*([^\"\u201c\u201d:\n]{3,200}?):\s*[\"\u201c]")
NOT_SPEAKER_LABELS = frozenset(("quote", "quotes", "details", "background", "source", "sources", "update", "note",
                                "editor's note", "read more", "context", "statement", "full statement", "excerpt"))
FIRST_PERSON = frozenset(("we", "our", "us", "ours", "i", "my", "me"))
GOVERNMENT_KINDS = frozenset(("leader", "office", "official", "state", "capital", "adjective", "body", "party_ref"))


def _outside_voices(doc: Document, by_sent: dict[int, list[Mention]], refs_by: dict[int, list[Mention]]) -> None:
    """First-person words in a quotation labelled with a speaker who names no government
    (a union, a company, a congressman's office) are that speaker's, not the publisher's
    government: those party references are dropped. A label naming a leader, an office or a
    state ("Prime Minister Ardern: \"We ...\"") keeps them."""
    text = doc.text
    starts = [x.start for x in doc.sentences]
    for role, b, e in doc.blocks:
        if role not in ("para", "item"):
            continue
        m = LABELLED_QUOTE.match(text, b, e)
        if m is None:
            continue
        lb, le = m.start(1), m.end(1)
        if text[lb:le].strip().lower() in NOT_SPEAKER_LABELS:
            continue  # 'Quote: "We are ready ..."': the story's own marker, whoever speaks
        k0 = bisect_right(starts, b) - 1
        k1 = bisect_right(starts, e - 1) - 1
        sents = doc.sentences[max(k0, 0):k1 + 1]
        if any(x.code and x.kind in GOVERNMENT_KINDS and lb <= x.start < le for sn in sents for x in by_sent.get(sn.idx, [])):
            continue  # a government's voice
        for sn in sents:
            refs = refs_by.get(sn.idx)
            if refs:
                refs_by[sn.idx] = [r for r in refs if not (r.text.lower() in FIRST_PERSON and le < r.start < e)]


def _party_refs(matches: list[tuple[int, int, str, str, str]], sent_idx: int, parties: list[str],
                speaker: list[str]) -> list[Mention]:
    out = []
    joined = {}  # (codes, their list as shown), once per document
    for start, end, written, phrase, scope in matches:
        if phrase.endswith("parties") and "Parties" not in written:
            continue  # "the parties" to a conflict; "the Parties" of a joint text are its signatories
        if scope == "anaphor" and len(parties) < 2:
            continue  # "they" is the parties only in a text about two or more of them
        group = "parties" if scope in ("parties", "anaphor") else "speaker"
        codes = parties if group == "parties" else speaker
        if codes:
            got = joined.get(group)
            if got is None:
                got = joined[group] = ("+".join(codes), ", ".join(codes))
            why = _REF_WHY.get((written, scope, got[1]))
            if why is None:
                why = (f"{written!r} refers to the document's {'parties' if scope != 'speaker' else 'speakers'}: {got[1]}"
                       + (" (anaphor)" if scope == "anaphor" else ""))
                if len(_REF_WHY) < 100_000:
                    _REF_WHY[(written, scope, got[1])] = why
            out.append(Mention(start, end, written, got[0], "GOV", "party_ref", why, sent_idx))
    return out


_REF_WHY: dict[tuple[str, str, str], str] = {}  # (as written, scope, codes) -> why


JOINT_RE = re.compile(r"\bjoint\b|\b(?:leaders|ministers)['\u2019]? (?:[\w-]+ ){0,2}(?:statement|vision)|communiqu|declaration", re.I)
# tried only when "joint", "statement", "vision", "communiqu" or "declaration" is in the lower-case title (one
# is in every match); "G7 Leaders’ Statement" is written with a typographic apostrophe as often as with "'"
BODY_SPEAKERS = re.compile(r"\s*(?:Leaders|Heads of State|(?:Foreign |Defence |Defense |Trade |Finance )?Ministers)\b")
VENUE_IN_TITLE = re.compile(r"\b(?:in|at|to|from)\s*$")
VENUE_BEFORE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")


LIST_GAP = re.compile(r"[\s,]*(?:and\s+|&\s+)?(?:the\s+)?")
PARTY_KINDS = {"state", "leader", "office", "official", "body"}
MEETING_LEMMAS = {"meet", "hold", "talk", "speak", "visit", "host", "sign", "agree"}


def _before_counterpart(text: str, e: int) -> bool:
    return text[e:e + 14].lstrip().lower().startswith("counterpart")


def _subject_parties(text: str, offset: int, mentions: list[Mention]) -> list[str]:
    """The actors of a sentence's grammatical subject (and, for a meeting, of whom it was
    with): "Egypt and Qatar are trying ...", "The foreign ministers of Ukraine, ... and the
    European Union have made a statement regarding ... Russia's war" (Russia is not one)."""
    from ..text.nlp import get_nlp

    sdoc = get_nlp()(text)
    root = next((t for t in sdoc if t.dep_ == "ROOT"), None)
    if root is None:
        return []
    if root.lemma_.lower() in ATTRIBUTION_VERBS:
        # "A and B called the launch a provocation, the South Korean Foreign Ministry said": the
        # report's subjects are those of the clause reported before the attribution
        inner = next((c for c in root.children if c.dep_ == "ccomp" and c.i < root.i
                      and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)
        named = inner is not None and any(
            g.dep_ in ("nsubj", "nsubjpass") and any(m.code and m.start - offset <= g.idx < m.end - offset for m in mentions)
            for g in inner.children)
        if named:
            root = inner  # (not "The U.S. State Department's statement ... violates ..., a spokesperson said")
    spans: list = []
    if root.lemma_.lower() == "show":  # a photo caption as lede: "This photo shows A and B meeting"
        spans += [c for c in root.children if c.dep_ in ("dobj", "ccomp")]
    else:
        spans += [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")
                  or (c.dep_ == "npadvmod" and c.i < root.i and c.pos_ in ("NOUN", "PROPN"))]
        if root.lemma_.lower() in MEETING_LEMMAS:
            spans += [g for c in root.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
            if root.lemma_.lower() in ("meet", "visit", "host"):
                spans += [c for c in root.children if c.dep_ == "dobj"]
    chars: list[tuple[int, int, bool, bool]] = []
    for sp in spans:
        partner = sp.dep_ in ("pobj", "dobj")
        for t in sp.subtree:
            path = [a for a in t.ancestors if a in sp.subtree]
            # second rank: a common-noun appositive ("A, B and C, signatories of ..."; a headline's
            # "S. Korea, New Zealand agree" is a list), a name qualifying a thing ("signatories of Iran 2015
            # nuclear agreement", "on the margins of the APEC meeting")
            minor = any(a.dep_ == "appos" and a.pos_ == "NOUN" for a in (t, *path)) \
                or any(a.lemma_.lower() in ("margin", "sideline") for a in path) \
                or (t.dep_ in ("nmod", "compound") and t.head.pos_ == "NOUN")
            chars.append((offset + t.idx, offset + t.idx + len(t), minor, partner))
    codes: list[str] = []
    later: list[str] = []
    for m in mentions:
        if not m.code or m.kind not in PARTY_KINDS | {"modifier"} or m.sector == "NGO":
            continue
        if m.kind == "body" and m.sector != "IGO":
            continue
        inside = [(ap, pa) for a, b, ap, pa in chars if a < m.end and m.start < b]
        if not inside:
            continue
        ap = all(x[0] for x in inside)
        if m.kind == "modifier" and not all(x[1] for x in inside) and not _before_counterpart(text, m.end - offset):
            continue  # an adjective names a party only as "her Chinese counterpart", "his Japanese counterpart'
        for c in m.code.split("+"):
            (later if ap else codes).append(c)
    out: list[str] = []
    for c in codes or later:
        if c not in out:
            out.append(c)
    return out


HEADLINE_GAP = re.compile(r"\s*(?:,|and|&|-|\u2013)?\s*(?:(?:PM|President|Prime Minister|Premier|FM|Foreign Minister|"
                          r"Chancellor|King|Mr\.?|Ms\.?|Dr\.?)\s+)?", re.I)


def _headline_list(title: str, title_m: list[Mention]) -> list[str]:
    """The actors a headline opens with, when its parse finds no subject (a title-case headline
    such as "PM Luxon and PM Albanese Strengthen Trans-Tasman Ties"): a run of two or more
    states or leaders from its first word, joined by "and", commas or dashes."""
    codes: list[str] = []
    pos = 0
    for m in sorted(title_m, key=_START):
        if not m.code or m.kind not in ("state", "leader", "office", "capital", "official") or m.sector == "NGO":
            break
        if HEADLINE_GAP.fullmatch(title[pos:m.start]) is None:
            break
        codes += [c for c in m.code.split("+") if c not in codes]
        pos = m.end
    return codes if len(codes) >= 2 else []


TITLE_TOPIC = re.compile(r"\b(?:statement|declaration|communiqu\w*|readout|remarks)\b.*?\s(?:on|regarding|concerning|about)\s", re.I)
TOPIC_PLACE = re.compile(r"\b(?:in|against|of|at|to|from|toward|towards)\s+(?:the\s+)?$", re.I)


def _title_topic(title: str) -> int | None:
    """Where a statement's title starts saying what it is about: "Joint statement by the
    Foreign Ministers of ... on the Legislative Council elections in Hong Kong"."""
    low = title.lower()
    if not any(w in low for w in ("statement", "declaration", "communiqu", "readout", "remarks")):
        return None
    m = TITLE_TOPIC.search(title)
    return m.end() if m else None


def _title_subject(title: str, m: Mention, topic: int, speaker_before: bool) -> bool:
    """A name in the topic of a title is its subject, not a party, when the title names its
    speakers before the topic (speaker_before: "... of Australia, Canada and New Zealand on
    Gaza", "G7 Leaders' Statement on Iran's Attack"); with no speaker before it, when it is a
    possessor or a place ("on the execution of protestors in Iran"); "Joint Statement on
    Australia-New Zealand Ministerial Consultations" names its parties."""
    return speaker_before or m.possessive or TOPIC_PLACE.search(title, topic, m.start) is not None


CITY_BEFORE = re.compile(r"(?:^|[\n\d]\s*|\s)[A-Z][\w'\u2019.-]+(?: [A-Z][\w'\u2019.-]+)?,\s*$")


def find_parties(doc: Document, gaz: Gazetteer, mentions_by_sent: dict[int, list[Mention]], home: str | None) -> tuple[list[str], list[str]]:
    """(parties, speakers). Parties come from the title, the opening sentence and the
    metadata; speakers are who 'we' is."""
    date = doc.meta.date
    title = doc.meta.title or ""
    title_m = scan_sentence(gaz, title, 0, -1, date, set(), set(), None) if title else []
    if title_m:
        _capital_homonyms(doc, {-1: title_m})
    codes: list[str] = []
    low = title.lower()  # (re's case-insensitive search, tried on every character, is slow)
    joint = ("joint" in low or "statement" in low or "vision" in low or "communiqu" in low or "declaration" in low) \
        and JOINT_RE.search(title) is not None
    prev_end = None
    topic = _title_topic(title)
    before = [m for m in title_m if topic is not None and m.start < topic and m.code and m.sector != "NGO"]
    speaker_before = any(m.kind in ("state", "leader", "office", "capital", "body") for m in before)
    if not any(m.kind in ("state", "leader", "office", "capital") for m in before):
        # "G7 Leaders' Statement on Iran's Attack Against Israel": the body that speaks
        codes += [m.code for m in before if m.kind == "body" and m.sector == "IGO" and m.code not in codes]
    topic_codes: set[str] = set()  # parties named only in the title's topic (may be its subject)
    for i, m in enumerate(title_m):
        if topic is not None and m.start >= topic and _title_subject(title, m, topic, speaker_before):
            continue  # what the statement is about, not who makes it
        if m.code and m.kind in ("state", "leader", "office", "capital") and m.sector not in ("IGO", "NGO"):
            if m.kind == "capital" and VENUE_IN_TITLE.search(title, 0, m.start):
                continue  # "Meeting in Stockholm": the venue, not a party
            codes += [c for c in m.code.split("+") if c not in codes]
            if topic is not None and m.start >= topic:
                topic_codes.update(m.code.split("+"))
            prev_end = m.end
        elif joint and m.code and m.kind == "body" and m.sector == "IGO" and (
                (prev_end is not None and (LIST_GAP.fullmatch(title[prev_end:m.start])
                                           or title[prev_end:m.start] in ("-", "–")))  # "U.S.-EU Joint Statement"
                or (i + 1 < len(title_m) and title_m[i + 1].kind == "state" and title[m.end:title_m[i + 1].start] in ("-", "–"))):
            # a body among the co-signatories of a joint text ("teams up with Ecuador, Kenya,
            # and the EU", "EU-New Zealand Joint Statement"), not a subject ("on the UN ...")
            codes += [c for c in m.code.split("+") if c not in codes]
            prev_end = m.end
    body_speakers: list[str] = []
    if joint and not codes:
        # "G7 Leaders’ Hiroshima Vision on ...", "Quad Leaders’ Joint Statement", "Joint Statement
        # from Quad Leaders": the body whose leaders or ministers speak (unless its members are
        # named below: "Five Eyes Defence Ministers" who are then listed)
        body_speakers = [m.code for m in title_m if m.kind == "body" and m.sector == "IGO" and m.code not in codes
                         and BODY_SPEAKERS.match(title, m.end)]
        codes += body_speakers
    first = doc.sentences[0].idx if doc.sentences else None
    if doc.meta.kind == "news":
        # a report's parties are who its headline and lede are about as subjects ("Qatar, Egypt
        # demand ...", "Leaders of France, Germany and Britain said ..."), not what they act on
        lead = (_subject_parties(title, 0, title_m) or _headline_list(title, title_m)) if title else []
        if first is not None and len(lead) < 2:
            # the lede; when it names no actor as subject ("Ministers struggle over communiqué
            # wording"), the next sentences until one does
            for s0 in doc.sentences[:LEDE_SEARCH]:
                got = _subject_parties(s0.text, s0.start, mentions_by_sent.get(s0.idx, []))
                lead += [c for c in got if c not in lead]
                if got:
                    break
        if lead:
            codes = lead
            first = None
            title_m = []
    if first is not None and (len(codes) < 2 or joint):
        lead = mentions_by_sent.get(first, [])
        # the opening sentence names who met or speaks (in a readout, the counterpart's state)
        text = doc.text
        first_short = len(doc.sentences[0].text) < 80  # a dateline line ("31 May 2023 Luleå, Sweden")
        if topic is None and joint and len(codes) >= 2:
            # the title lists the co-signatories ("Joint statement from the Prime Ministers of
            # Australia, Canada, and New Zealand"): the opening sentence adds only who is its
            # subject ("We are gravely concerned by indications that Israel is planning ...":
            # Israel is what they speak of)
            subj = set(_subject_parties(doc.sentences[0].text, doc.sentences[0].start, lead))
            lead = [m for m in lead if m.code in subj]
        if topic is not None:
            # the title named its subject (and perhaps its speakers): the opening sentence adds
            # only who its subject is ("We, the Leaders of the G7, condemn Iran's attack against
            # Israel"; "joint statement on the Hong Kong Legislative Council elections": "We, the
            # Foreign Ministers of Australia, Canada, ..., noting the outcome of the elections in
            # Hong Kong" is spoken by the five, Hong Kong is what they speak of)
            subj = set(_subject_parties(doc.sentences[0].text, doc.sentences[0].start, lead))
            if codes or subj:
                lead = [m for m in lead if m.code in subj]
            if topic_codes and len(subj - topic_codes) >= 2:
                # the opening names other speakers: the title's topic is what they speak of
                codes = [c for c in codes if c not in topic_codes]
                lead = [m for m in lead if m.code not in topic_codes]
        for m in lead:
            if m.code and m.kind in ("leader", "state", "office", "official"):
                if m.kind == "state":
                    before = text[max(0, m.start - 12):m.start]
                    if ("in" in before or "at" in before) and VENUE_BEFORE.search(text, max(0, m.start - 12), m.start):
                        continue  # "the Forum's retreat in the Cook Islands": the venue, not a party
                    if first_short and CITY_BEFORE.search(text[max(0, m.start - 30):m.start]) and not any(
                            o.end >= m.start - 4 and o.end <= m.start and o.code for o in lead):
                        continue  # a dateline "Luleå, Sweden": the place of the meeting, not a party
                codes += [c for c in m.code.split("+") if c not in codes]
    if body_speakers:
        members = [c for c in codes if c not in body_speakers]
        # its members, listed, speak ("Five Eyes Defence Ministers": "the Defence Ministers of Australia,
        # Canada, ..."); one state named beside the body is no speaker ("we, the Leaders of the G7,
        # alongside Ukraine")
        codes = members if len(members) >= 2 else body_speakers
    for person in doc.meta.people:
        hits = gaz.persons.get(person.lower())
        if hits:
            for e in hits:
                if e.code and in_office(e, date) and e.code not in codes:
                    codes.append(e.code)
    if home and doc.meta.kind == "statement" and home not in codes and not joint:
        codes.insert(0, home)
    speaker = codes if joint or not home else [home]
    return codes, speaker


@lru_cache(maxsize=1)
def _homonyms() -> dict[str, dict[str, tuple[str, ...]]]:
    """home -> {state code: words that show the state} (data/actors/homonyms.tsv)."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for r in data.read_tsv("actors/homonyms.tsv"):
        out.setdefault(r["home"], {})[r["code"]] = tuple(r["signs"].split("|"))
    return out


@lru_cache(maxsize=1)
def _capitals_needing_signs() -> dict[str, tuple[str, tuple[str, ...]]]:
    """capital as written -> (state code, words that show the state) (data/actors/capital_homonyms.tsv)."""
    return {r["capital"]: (r["code"], tuple(r["signs"].split("|"))) for r in data.read_tsv("actors/capital_homonyms.tsv")}


def _capital_homonyms(doc: Document, by_sent: dict[int, list[Mention]]) -> None:
    """"Premier of Victoria" is no Seychelles government: such a capital names its state only
    when the text also shows the state."""
    table = _capitals_needing_signs()
    for ms in by_sent.values():
        for m in ms:
            hit = table.get(m.text) if m.kind == "capital" else None
            if hit is not None and m.code == hit[0] and not any(w in doc.text for w in hit[1]):
                m.code, m.kind, m.sector = "", "place", ""
                m.reason = f"{m.text!r} with no sign of {hit[0]} in the text: a place, not that state's capital"


COUNTERPART_AFTER = re.compile(r"\s+counterparts?\b")


def _counterparts(doc: Document, by_sent: dict[int, list[Mention]]) -> None:
    """"visiting Australian counterpart David Johnston", "his Japanese counterpart": the
    adjective names the counterpart's state, who acts ("Defense Minister Akinori Eto and
    visiting Australian counterpart David Johnston agreed")."""
    text = doc.text
    for ms in by_sent.values():
        for m in ms:
            if m.kind != "modifier" or not m.code:
                continue
            after = COUNTERPART_AFTER.match(text, m.end)
            if after is not None:
                m.end, m.text, m.kind = after.end(), text[m.start:after.end()], "official"
                m.reason = f"{m.text!r}: the counterpart from {m.code}"


def _home_homonyms(doc: Document, home: str, by_sent: dict[int, list[Mention]]) -> None:
    """"Georgia" in a White House release is the US state unless the text shows the country."""
    for code, signs in _homonyms()[home].items():
        if any(w in doc.text for w in signs):
            continue
        for ms in by_sent.values():
            for m in ms:
                if m.code == code and m.kind == "state":
                    m.code, m.kind, m.sector = "", "place", ""
                    m.reason = f"{m.text!r} in a text published in {home}: a part of it, not the state {code}"


def find_actors(doc: Document, use_dateline: bool | None = None) -> Document:
    gaz = get_gazetteer()
    date = doc.meta.date
    home = _home(doc) if use_dateline is None else None
    dateline_home = None
    if home is None and use_dateline is not False:
        dateline_home = home = _dateline_home(doc, gaz)
    text = doc.text
    # names written in full anywhere in the document help resolve bare surnames
    names, phrase_refs, titles, offices, titled = _scan_text(text)
    full_names = _FullNames(gaz, names)
    extra = _metadata_people(doc, home, gaz, names, titled)
    context_codes: set[str] = set()
    # one scan over the whole text (far fewer Python calls than one per sentence), then
    # each mention is placed in its sentence; names in headings belong to no sentence
    by_sent: dict[int, list[Mention]] = {}
    sents = doc.sentences
    starts = list(map(_START, sents))
    bodies = []
    # the mentions come in text order: the sentence is looked up again only past its end
    nxt = starts[0] if starts else len(text) + 1
    end = idx = -1
    ms = None
    for m in scan_sentence(gaz, text, 0, -1, date, context_codes, full_names, home, extra, names):
        if m.start >= nxt:
            k = bisect_right(starts, m.start) - 1
            sent = sents[k]
            end, idx = sent.end, sent.idx
            nxt = starts[k + 1] if k + 1 < len(starts) else len(text) + 1
            ms = None
        if m.end > end:  # (also before the first sentence: end is -1)
            continue
        m.sentence = idx
        if ms is None:
            ms = by_sent[idx] = []
        ms.append(m)
        if m.kind == "body":
            bodies.append(m)
    if bodies:
        _short_body_names(doc, gaz, by_sent, bodies)
    _unlisted_bodies(doc, by_sent)
    _national_councils(doc, by_sent)
    if home in _homonyms():
        _home_homonyms(doc, home, by_sent)
    _capital_homonyms(doc, by_sent)
    _counterparts(doc, by_sent)
    parties, speaker = find_parties(doc, gaz, by_sent, home)
    if dateline_home and dateline_home not in parties:
        # a story datelined in a party's capital speaks of that state's ministries as "the
        # ministry"; datelined elsewhere ("CAIRO -- Saudi Arabia and the United States ..."),
        # the dateline is only where the reporter is
        return find_actors(doc, use_dateline=False)
    doc.parties = parties
    # party references: one pass over the whole text, placed into sentences by offset
    refs_by: dict[int, list[Mention]] = {}
    if parties or speaker:
        for r in _party_refs(phrase_refs, -1, parties, speaker):
            k = bisect_right(starts, r.start) - 1
            if k < 0 or r.end > doc.sentences[k].end:
                continue
            r.sentence = doc.sentences[k].idx
            refs_by.setdefault(r.sentence, []).append(r)
    if refs_by and ('"' in text or "\u201c" in text):
        _outside_voices(doc, by_sent, refs_by)
    if offices:
        _lowercase_offices(doc, gaz, home, by_sent, offices)
    if titles:
        _generic_titles(doc, gaz, [c for c in [home] + parties if c], by_sent, titles)
    if refs_by:
        _local_leaders(doc, by_sent, refs_by)
    _body_chiefs(doc, by_sent, starts)
    mentions: list[Mention] = []
    for ms in by_sent.values():
        mentions += ms
    for idx, refs in refs_by.items():  # a party reference gives way to a mention it overlaps
        ms = by_sent.get(idx)
        if not ms:
            mentions += refs
            continue
        for r in refs:
            rs, re_ = r.start, r.end
            for m in ms:
                if m.start < re_ and rs < m.end:
                    break
            else:
                mentions.append(r)
    # sentences do not overlap and their idx is their position: text order is sentence order
    mentions.sort(key=_START)
    if doc.sentences and mentions:
        mentions = _local_people(doc, mentions)
        mentions = _office_of_state(doc, mentions)
        mentions = _counted_groups(doc, mentions)
    doc.mentions = mentions
    return doc


# "the four nations", "the leaders of the three countries": a group counted in words
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
COUNTED_GROUP = re.compile(
    r"\b(?:[Tt]he|[Tt]hese|[Tt]hose|[Aa]ll)\s+(?:(?:leaders|ministers|foreign ministers|heads of state|governments)\s+of\s+the\s+)?"
    r"(two|three|four|five|six|seven|eight|nine|ten)\s+(?:nations|countries|governments|partners|allies|states|powers"
    r"|leaders|heads of state|(?:foreign |prime |defence |defense |trade )?ministers|presidents)\b")
LEDE_SEARCH = 5  # sentences of a report searched for its lede's actors (site furniture may come first)
COUNTED_LOOKBACK = 2  # sentences before the one that counts them


QUOTE_OPEN = "\"\u201c"
QUOTE_CLOSE = "\"\u201d"


def _quote_attribution(text: str, start: int, end: int, at: int) -> int | None:
    """Where the attribution begins when the offset `at` is inside a quote that opens the
    sentence [start, end) ('"...," said X'), else None."""
    if start >= end or text[start] not in QUOTE_OPEN:
        return None
    close = min((i for i in (text.find(q, start + 1, end) for q in QUOTE_CLOSE) if i >= 0), default=-1)
    return close + 1 if close > at else None


def _counted_groups(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """A group counted in words stands for the document's parties when they are that many, else
    for them and the states named nearest before it in its sentence and the two before, when at
    least that many are ("... members of the four Indo-Pacific partners of NATO, along with Japan
    and Australia. In June, the leaders of the four nations issued a joint statement": KOR, NZL,
    JPN, AUS). It replaces the mentions it covers ("the leaders" = the parties)."""
    text = doc.text
    found = list(COUNTED_GROUP.finditer(text))
    if not found:
        return mentions
    starts = [s.start for s in doc.sentences]
    seen: dict[str, list[str]] = {}  # the same counted phrase again is the same group
    for g in found:
        n = NUMBER_WORDS[g.group(1)]
        k = bisect_right(starts, g.start()) - 1
        if k < 0 or g.end() > doc.sentences[k].end:
            continue
        lo = doc.sentences[max(0, k - COUNTED_LOOKBACK)].start
        here, end = doc.sentences[k].start, doc.sentences[k].end
        window = mentions[bisect_left(mentions, lo, key=_START):bisect_left(mentions, end, key=_START)]
        if n == len(doc.parties) and g.group(0).lower() not in seen and any(
                m.kind == "party_ref" and m.start < g.end() and g.start() < m.end for m in window):
            continue  # "the two leaders": a reference to the parties already
        named = [m for m in window if m.kind in ("state", "leader") and m.code and not (g.start() <= m.start < g.end())]
        # the nearest before it; in a quote that opens its sentence, those its attribution names
        # ("The two countries will eliminate ...," said New Zealand prime minister Chris Luxon at a
        # joint press conference with Prime Minister Anwar Ibrahim)
        order = [m for m in reversed(named) if m.start < g.start()]
        said = _quote_attribution(text, here, end, g.start())
        if said is not None:
            order = [m for m in named if m.start >= said] + order
        # the document's own parties are among those it counts ("The two leaders will discuss" in
        # a release about the President's meeting), then the nearest others
        codes: list[str] = list(doc.parties) if len(doc.parties) < n else []
        if said is None:
            order += [m for m in named if m.start >= g.end()]
        for m in order:
            for c in reversed(m.code.split("+")):
                if c not in codes:
                    codes.append(c)
        again = seen.get(g.group(0).lower())
        if again is not None:
            codes = list(again)
        elif n == len(doc.parties):
            codes = list(doc.parties)  # "the three leaders" of a text whose parties are three
        if len(codes) < n:
            continue
        codes = sorted(codes[:n])
        seen[g.group(0).lower()] = codes
        a, b = bisect_left(mentions, lo, key=_START), bisect_left(mentions, end, key=_START)
        mentions = mentions[:a] + [m for m in mentions[a:b] if not (m.start < g.end() and g.start() < m.end)] + mentions[b:]
        insort(mentions, Mention(g.start(), g.end(), g.group(0), "+".join(codes), "GOV", "state",
                                 f"{g.group(0)!r}: the {n} states named last before it", doc.sentences[k].idx), key=_START)
    return mentions


# A person the tables lack, introduced with an office and a state ("Deputy Prime Minister
# John Rosso of Papua New Guinea", "Niger's Prime Minister Ouhoumoudou Mahamadou"), speaks
# for that state wherever the document names them again ("Mr. Rosso", "Mahamadou").
NAME = r"((?:[A-Z][a-z'\u2019-]+|[A-Z]\.)(?:\s+(?:bin|al|Al|el|de|da|van|von|[A-Z][a-z'\u2019-]+|[A-Z]\.)){1,4})"
PERSON_OF = re.compile(NAME + r",?\s+of\s+(?:the\s+)?$")  # searched in the text just before a state mention
OF_STATE_PERSON = re.compile(r",\s+" + NAME + r"(?=,)")  # "... of China, General Fan Changlong,"
PERSON_AFTER = re.compile(r"\s+" + NAME + r"(?=[\s,.;:)'\u2019]|$)")  # the name right after an office mention
PERSON_TITLE_BEFORE = re.compile(r"\b(?:Mr|Ms|Mrs|Miss|Dr|Sir|Dame)\.?\s+$")  # a person's name follows
TITLE_WORDS = {"president", "minister", "secretary", "ambassador", "chancellor", "king", "queen", "emir", "prince",
               "general", "admiral", "chairman", "chair", "governor", "envoy", "spokesperson", "spokesman", "advisor",
               "adviser", "director", "commissioner", "premier", "counterpart", "leader", "head", "sheikh", "speaker"}


TITLE_PREFIX = TITLE_WORDS | {"deputy", "prime", "foreign", "vice", "principal", "senior", "first", "chief", "acting",
                              "defence", "defense", "trade", "finance", "national", "security", "state", "affairs",
                              "external", "of", "for", "the", "and", "mr", "ms", "mrs", "dr", "dr.", "mr.", "ms.",
                              "mrs.", "his", "her", "excellency", "hon", "rt", "honourable", "honorable"}


def _strip_title(words: list[str]) -> list[str]:
    """The person's name in "Deputy Prime Minister John Rosso": the words after the title."""
    i = 0
    while i < len(words) and words[i].lower().strip(",") in TITLE_PREFIX:
        i += 1
    return words[i:]


OF_STATE = re.compile(r"\s+(?:and\s+(?:the\s+)?people\s+)?of\s+(?:the\s+)?")


OFFICE_BEFORE_OF = re.compile(r"\b(Government|government|[Aa]uthorities|[Aa]dministration|[Rr]egime|[Mm]ilitary|[Aa]rmed [Ff]orces)"
                              r"(?:\s+and\s+(?:the\s+)?people)?\s+of\s+(?:the\s+)?$")


def _office_of_state(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """An office followed by "of <state>" is that state's ("the government of Myanmar", "the
    Government and people of Israel"), whatever the publisher's home government is."""
    text = doc.text
    added = []
    for k, m in enumerate(mentions):
        if m.kind in ("state", "capital") and m.code and (k == 0 or mentions[k - 1].end <= m.start - 12):
            hit = OFFICE_BEFORE_OF.search(text, max(0, m.start - 60), m.start)
            if hit and not any(x.start < hit.end(1) and hit.start(1) < x.end for x in mentions):
                sector = "MIL" if hit.group(1).lower() in ("military", "armed forces") else "GOV"
                added.append(Mention(hit.start(1), hit.end(1), hit.group(1), m.code, sector, "office",
                                     f"{hit.group(1)!r} of {m.text}: {m.code}", m.sentence))
    if added:
        mentions = sorted(mentions + added, key=_START)
    for i, m in enumerate(mentions):
        if m.kind != "office" or i + 1 >= len(mentions):
            continue
        nxt = mentions[i + 1]
        if nxt.kind not in ("state", "capital") or not nxt.code or nxt.code == m.code:
            continue
        gap = OF_STATE.fullmatch(text, m.end, nxt.start)
        if gap is not None:
            m.code = nxt.code
            m.reason = f"{m.text!r} of {nxt.text}: {nxt.code}"
    return mentions


def _local_people(doc: Document, mentions: list[Mention]) -> list[Mention]:
    text = doc.text
    learned: dict[str, tuple[str, str]] = {}  # surname -> (code, full name)
    covered = [(m.start, m.end) for m in mentions]
    for m in mentions:
        if not m.code or m.kind not in ("state", "office", "modifier", "capital"):
            continue
        if m.kind in ("state", "capital"):
            # "... Minister John Rosso of Papua New Guinea"
            lo = max(0, m.start - 80)
            hit = PERSON_OF.search(text, lo, m.start)
            if hit:
                words = text[max(0, hit.start() - 60):hit.start()].split()[-4:] + hit.group(1).split()
                name = _strip_title(hit.group(1).split())
                if name and len(name) >= 2 and any(w.strip(",").lower() in TITLE_WORDS for w in words):
                    learned.setdefault(name[-1], (m.code, " ".join(name)))
            # "Vice Chairman of the Central Military Commission of the People's Republic of
            # China, General Fan Changlong, visited ...": an office of the state, then the name
            before = text[lo:m.start].split()
            after = OF_STATE_PERSON.match(text, m.end)
            if after and len(before) >= 2 and before[-1].lower() in ("of", "the") \
                    and any(w.strip(",").lower() in TITLE_WORDS for w in before[-8:]):
                name = _strip_title(after.group(1).split())
                if name and len(name) >= 2 and not any(s < after.end(1) and after.start(1) < e for s, e in covered):
                    learned.setdefault(name[-1], (m.code, " ".join(name)))
                    learned.setdefault(name[0], (m.code, " ".join(name)))  # family name first ("General Fan")
            continue
        # "Palestinian Prime Minister Mohammad Mustafa", "Niger's Prime Minister X", "Qatari counterpart X"
        last = m.text.split()[-1].lower().rstrip("'s\u2019")
        after = PERSON_AFTER.match(text, m.end)
        if after and (m.kind == "office" or last in TITLE_WORDS):
            name = _strip_title(after.group(1).split())
            if name and len(name) >= 2 and not any(s < after.end(1) and after.start(1) < e for s, e in covered):
                learned.setdefault(name[-1], (m.code, " ".join(name)))
    # a listed person named in full ("Senator the Hon Don Farrell") is meant by a title and the
    # surname later ("Minister Farrell"), also where the surname alone is no alias (too common)
    titled_only: dict[str, tuple[str, str]] = {}
    for m in mentions:
        if m.kind == "leader" and m.code and m.person and len(m.person.split()) >= 2 \
                and m.text.split()[-1].rstrip("'s\u2019") == m.person.split()[-1]:
            titled_only.setdefault(m.person.split()[-1], (m.code, m.person))
    titled_only = {k: v for k, v in titled_only.items() if k not in learned}
    if not titled_only and not learned:
        return mentions
    starts = [s.start for s in doc.sentences]
    added: list[Mention] = []
    if titled_only:
        tpat = re.compile(r"\b(?:" + "|".join(sorted((t.capitalize() for t in TITLES), key=len, reverse=True))
                          + r")\.?\s+(" + "|".join(re.escape(k) for k in sorted(titled_only, key=len, reverse=True)) + r")\b")
        added += _surname_mentions(doc, tpat, titled_only, covered, starts, lambda w, full, code: (
            f"{w!r} after a title: {full}, named in full earlier in the document ({code})"))
    if learned:
        pat = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(learned, key=len, reverse=True)) + r")\b")
        added += _surname_mentions(doc, pat, learned, covered, starts, lambda w, full, code: (
            f"{w!r}: {full}, named earlier in the document with an office of {code}"))
    return sorted(mentions + added, key=_START)


def _surname_mentions(doc: Document, pat: re.Pattern, people: dict[str, tuple[str, str]],
                      covered: list[tuple[int, int]], starts: list[int], why) -> list[Mention]:
    """Mentions of the people a document introduced, found by pat (group 1: the surname), where
    no mention is yet and inside a sentence; covered grows with each."""
    text = doc.text
    out = []
    for hit in pat.finditer(text):
        s, e = hit.span(1)
        if any(ms < e and s < me for ms, me in covered):
            continue
        k = bisect_right(starts, s) - 1
        if k < 0 or e > doc.sentences[k].end:
            continue
        code, full = people[hit.group(1)]
        poss = text[e:e + 2] in ("'s", "\u2019s")
        out.append(Mention(s, e + (2 if poss else 0), text[s:e + (2 if poss else 0)], code, "GOV", "official",
                           why(hit.group(1), full, code), doc.sentences[k].idx, full, poss))
        covered.append((s, e))
    return out


_START = attrgetter("start")


LEADER_KINDS = ("leader", "office", "official")
# institutions a government release names without an article ("Cabinet has agreed")
BARE_INSTITUTIONS = {("cabinet",), ("parliament",), ("congress",), ("mofa",), ("mfa",), ("mfat",), ("government",), ("police",), ("defence", "force")}
TITLE_OFFICES = {"president": ("HOS", "HOS+HOG"), "prime minister": ("HOG",), "premier": ("HOG",),
                 "chancellor": ("HOG",), "taoiseach": ("HOG",), "foreign minister": ("FM",),
                 "foreign affairs minister": ("FM",), "minister of foreign affairs": ("FM",), "secretary of state": ("FM",),
                 "foreign secretary": ("FM",), "king": ("HOS",), "emir": ("HOS",), "crown prince": ("HOG",),
                 "vice president": ("VP",), "national security advisor": ("NSA",), "national security adviser": ("NSA",)}


def _holder(gaz: Gazetteer, code: str, offices: tuple[str, ...], date: str | None) -> Entry | None:
    for e in gaz.by_code.get(code, []):
        for t in e.terms:
            if t.office in offices and (date is None or (t.start <= date and (t.end is None or date <= t.end))):
                return e
    return None


def _free_slot(doc: Document, starts: list[int], by_sent: dict[int, list[Mention]], a: int,
               b: int) -> tuple[list[Mention], int] | None:
    """(the mention list, the idx) of the sentence holding text[a:b], or None when the span
    lies outside every sentence (a heading) or overlaps a mention already found."""
    k = bisect_right(starts, a) - 1
    if k < 0 or b > doc.sentences[k].end:
        return None
    idx = doc.sentences[k].idx
    ms = by_sent.setdefault(idx, [])
    if any(x.start < b and a < x.end for x in ms):
        return None
    return ms, idx


def _add(slot: tuple[list[Mention], int], m: Mention) -> None:
    ms, m.sentence = slot
    ms.append(m)
    ms.sort(key=_START)


def _generic_titles(doc: Document, gaz: Gazetteer, candidates: list[str], by_sent: dict[int, list[Mention]],
                    titles: list[tuple[int, int, str]]) -> None:
    """"The Prime Minister" with no name: the home government's or a party's holder of that
    office on the document date ("the Prime Minister" in a White House readout of a call
    with Netanyahu is ISR: the United States has no prime minister)."""
    if not candidates or not titles:
        return
    starts = list(map(_START, doc.sentences))
    for ts, te, title in titles:
        slot = _free_slot(doc, starts, by_sent, ts, te)
        if slot is None:
            continue
        offices = TITLE_OFFICES[" ".join(title.lower().split())]
        seen = []
        for code in candidates:
            if code in seen:
                continue
            seen.append(code)
            e = _holder(gaz, code, offices, doc.meta.date)
            if e is not None:
                _add(slot, Mention(ts, te, title, code, "GOV", "office",
                                 f"'the {title}': {e.person}, who held that office for {code} on {doc.meta.date}",
                                 -1, e.person))
                break
HOME_ROLES = ("head_of_government", "head_of_state", "foreign_minister", "minister", "government", "ministry", "office",
              "legislature", "military", "diplomat")


def _lowercase_offices(doc: Document, gaz: Gazetteer, home: str | None, by_sent: dict[int, list[Mention]],
                       offices: list[tuple[int, int, str]]) -> None:
    """"the foreign ministry", "the presidential office" (lower case, no state named) in a
    text whose publisher has a home government mean that government; "the government of
    Myanmar" means Myanmar's, whoever publishes."""
    if not offices:
        return
    lows = _scanner()[3]
    starts = list(map(_START, doc.sentences))
    for os_, oe, office in offices:
        slot = _free_slot(doc, starts, by_sent, os_, oe)
        if slot is None:
            continue
        sector, _role = lows[" ".join(office.split())]
        of = OF_STATE.match(doc.text, oe)
        named = next((m for m in slot[0] if of is not None and m.start == of.end() and m.code
                      and m.kind in ("state", "capital")), None)
        if named is not None:
            _add(slot, Mention(os_, oe, office, named.code, sector, "office", f"'the {office}' of {named.text}: {named.code}"))
        elif home:
            _add(slot, Mention(os_, oe, office, home, sector, "office",
                             f"'the {office}' in a text published from {gaz.name_of(home)}: {home}"))


def _local_leaders(doc: Document, by_sent: dict[int, list[Mention]], refs_by: dict[int, list[Mention]]) -> None:
    """"The two leaders" right after two leaders are named (same or previous sentence)
    means those two, which in news is not always the document's parties."""
    for idx in sorted(refs_by):  # a sentence's idx is its position
        for r in refs_by[idx]:
            low = r.text.lower()
            if "leader" not in low and "two" not in low:
                continue
            people = "leader" in low  # "both leaders": persons; "our two nations": any arm of a state

            def named(m: Mention) -> bool:
                return _a_leader(m) if people else bool(m.code) and m.kind in LEADER_KINDS

            before = [m for m in by_sent.get(idx, []) if m.end <= r.start and named(m)]
            if len({m.code for m in before}) < 2 and idx > 0:
                before = [m for m in by_sent.get(idx - 1, []) if named(m)] + before
            codes: list[str] = []
            for m in before:
                if m.code not in codes:
                    codes.append(m.code)
            if len(codes) >= 2 and set(codes) != set(r.code.split("+")):
                r.code = "+".join(codes)
                r.reason = f"{r.text!r} refers to the leaders named just before: {', '.join(codes)}"


BARE_CHIEF = re.compile(r"\b[Tt]he (?:UN |U\.N\. )?Secretary[- ]General\b(?!\s+of\b)")  # (a bare "Director-General"
# is as often a national agency's: "the Director-General of Health")


def _body_chiefs(doc: Document, by_sent: dict[int, list[Mention]], starts: list[int]) -> None:
    """ "the Secretary-General" with no body named: the chief of the body whose chief or name
    the document gave before ("United Nations Secretary-General, Kofi Annan, ... On Thursday,
    the Secretary-General will meet ..."), an official of that body (RECORDS.md: an official
    of a body codes to the body)."""
    text = doc.text
    if "General" not in text:
        return
    for mt in BARE_CHIEF.finditer(text):
        k = bisect_right(starts, mt.start()) - 1
        if k < 0 or mt.end() > doc.sentences[k].end:
            continue
        idx = doc.sentences[k].idx
        ms = by_sent.setdefault(idx, [])
        if any(m.start < mt.end() and mt.start() < m.end for m in ms):
            continue  # already a mention there
        body = None
        for j in range(k, -1, -1):  # the nearest body, or a body's chief, named before
            for m in reversed(by_sent.get(doc.sentences[j].idx, [])):
                if m.end <= mt.start() and m.code and m.sector == "IGO" and m.kind in ("body", "leader", "official"):
                    body = m.code
                    break
            if body:
                break
        if body is None:
            continue
        ms.append(Mention(mt.start() + 4, mt.end(), mt.group()[4:], body, "IGO", "official",
                          f"'{mt.group()}': the chief of {body}, named before", idx))
        ms.sort(key=_START)


def _national_councils(doc: Document, by_sent: dict[int, list[Mention]]) -> None:
    """ "the Russian Security Council", "Japan's National Security Council": a state's own
    council, not the UN's. A council named right after a state's adjective or possessive is
    an office of that state (the state modifier and the council become one mention)."""
    text = doc.text
    for ms in by_sent.values():
        for i in range(1, len(ms)):
            m, prev = ms[i], ms[i - 1]
            if m.kind != "body" or not m.text.endswith("Security Council") or m.text.startswith(("UN", "U.N", "United")):
                continue
            if prev.kind not in ("modifier", "state") or len(prev.code) != 3 or not prev.code.isalpha() \
                    or text[prev.end:m.start].strip() not in ("", "'s", "\u2019s", "National", "national"):
                continue
            ms[i] = Mention(prev.start, m.end, text[prev.start:m.end], prev.code, "GOV", "office",
                            f"{prev.code}'s own council ({m.text})", m.sentence)
            ms[i - 1] = None
        ms[:] = [m for m in ms if m is not None]


@lru_cache(maxsize=1)
def _unlisted_body_pattern() -> re.Pattern:
    rows = data.read_tsv("actors/unlisted_bodies.tsv")
    firsts = sorted((r["word"] for r in rows if r["part"] == "first"), key=len, reverse=True)
    heads = sorted(r["word"] for r in rows if r["part"] == "head")
    return re.compile(r"\b[Tt]he\s+((?:" + "|".join(map(re.escape, firsts)) + r")(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w'\u2019-]+){0,4}?"
                      r"\s+(?:" + "|".join(heads) + r"))\b(?!\s+(?:[A-Z]|of\s|for\s|on\s))(?:\s*\(([A-Z]{2,8})\))?")


def _unlisted_bodies(doc: Document, by_sent: dict[int, list[Mention]]) -> None:
    """Intergovernmental bodies the gazetteer lacks, by the shape of their name after "the"
    ("the Pacific Resilience Facility": PRF; data/actors/unlisted_bodies.tsv), whole (no
    capitalised word or "of ..." after it) and where no other name is found."""
    text = doc.text
    starts = list(map(_START, doc.sentences))
    for hit in _unlisted_body_pattern().finditer(text):
        s, e = hit.span(1)
        k = bisect_right(starts, s) - 1
        if k < 0 or e > doc.sentences[k].end:
            continue
        sent = doc.sentences[k]
        ms = by_sent.setdefault(sent.idx, [])
        inside = [m for m in ms if m.start < e and s < m.end]
        if any(m.code or m.kind != "place" for m in inside):
            continue  # (a listed name inside it: "the Pacific Islands Forum Secretariat" is the PIF's)
        for m in inside:
            ms.remove(m)  # "Pacific" as a place: here the first word of the body's name
        words = [w for w in hit.group(1).split() if w[:1].isupper()]
        code = hit.group(2) or "".join(w[0] for w in words)
        if len(code) < 2:
            continue
        ms.append(Mention(s, e, hit.group(1), code.upper(), "IGO", "body",
                          f"{hit.group(1)!r}: an intergovernmental body the gazetteer does not list, coded by its "
                          f"{'acronym' if hit.group(2) else 'initials'} (RECORDS.md section 4)", sent.idx))
        ms.sort(key=_START)


def _a_leader(m: Mention) -> bool:
    """A person who leads: a leader, an official, or an office held by one ("Canadian Prime
    Minister"), not a government or a ministry ("the government of China")."""
    if not m.code or m.kind not in LEADER_KINDS:
        return False
    return m.kind != "office" or m.text.lower().rstrip("'s\u2019").split()[-1] in TITLE_WORDS


def clear_caches() -> None:
    """Forget every result cached by written form, person, publisher or set of ministers
    (not the tables nor the compiled patterns): what a document resolves to must not
    depend on which documents came before it (tests/test_actors.py checks this)."""
    get_gazetteer().cache.clear()
    for cache in (_IN_OFFICE_WHY, _REF_WHY, _FIRST_PUBLISHER):
        cache.clear()
    for fn in (_ministers_index, _people_index, _person_forms):
        fn.cache_clear()


def warm() -> Gazetteer:
    """Load the tables and compile every pattern (about 1.5 s, once per process), so that
    the first document does not pay for it."""
    gaz = get_gazetteer()
    gaz.office_after_re  # noqa: B018 (compiled on first access)
    _scanner()
    return gaz


def lookup(name: str, date: str | None = None) -> list[dict]:
    """Answer from the tables: every entry a name matches, with its resolution on date."""
    gaz = get_gazetteer()
    key = tuple(t for t, _, _ in tokenize(name))
    out = []
    for e in gaz.index.get(key, []):
        row = {"name": e.name, "code": e.code, "kind": e.kind, "sector": e.sector}
        if e.kind == "leader":
            row["person"] = e.person
            row["terms"] = [{"office": t.office, "start": t.start, "end": t.end} for t in e.terms]
            row["in_office"] = in_office(e, date)
        out.append(row)
    return out


def resolve_name(name: str, date: str | None = None) -> Mention | None:
    """Resolve one name (e.g. "President Yoon Suk Yeol") as of a date, as in a document."""
    gaz = get_gazetteer()
    ms = scan_sentence(gaz, name, 0, 0, date, set(), {name.lower()}, None)
    ms = [m for m in ms if m.kind != "place"] or ms
    return ms[0] if ms else None
