"""Recognise actor mentions in a document and resolve them to codes as of its date.

``find_actors(doc)`` fills ``doc.mentions`` (every match, with the reason for its
resolution; places are kept with an empty code so the reason can be shown) and
``doc.parties`` (the document's speakers).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .. import data
from ..models import Document, Mention
from .gazetteer import TOKEN, Entry, Gazetteer, get_gazetteer, tokenize

TITLES = {"president", "prime", "minister", "premier", "chancellor", "king", "queen", "prince", "emir", "sheikh",
          "secretary", "mr", "ms", "mrs", "dr", "excellency", "honourable", "hon", "sultan", "governor", "foreign",
          "general", "leader", "chairman", "chair", "vice", "deputy", "taoiseach", "senator", "ambassador", "counterpart"}
JOINT_TITLE = re.compile(r"\b(joint|leaders'? statement|declaration|communiqu|trilateral|between|and)\b", re.I)
LEADER_OFFICES = ("HOS", "HOG", "HOS+HOG", "FM", "SG", "PRES")


@lru_cache(maxsize=1)
def _references() -> tuple[re.Pattern, dict[str, str]]:
    """One alternation of every party-referring phrase (longest first) and its scope."""
    rows = data.read_tsv("actors/references.tsv")
    rows.sort(key=lambda r: -len(r["phrase"]))
    pat = re.compile(r"\b" + _trie_regex([r["phrase"].split() for r in rows]) + r"\b")
    return pat, {r["phrase"].lower(): r["scope"] for r in rows}


def _trie_regex(phrases: list[list[str]]) -> str:
    r"""A regex for word sequences with shared prefixes factored out ("the two leaders",
    "the two sides" -> the\s+two\s+(?:leaders|sides)); each word's first letter in
    either case. Much faster than an alternation of whole phrases."""
    trie: dict = {}
    for words in phrases:
        node = trie
        for w in words:
            node = node.setdefault(w.lower(), {})
        node[""] = {}

    def word(w: str) -> str:
        return f"[{w[0].upper()}{w[0].lower()}]" + re.escape(w[1:])

    def build(node: dict) -> str:
        out = []
        for w, child in sorted(node.items(), key=lambda kv: -len(kv[0])):
            if not w:
                continue
            if any(k for k in child):
                tail = r"\s+" + build(child)
                out.append(word(w) + (f"(?:{tail})?" if "" in child else f"(?:{tail})"))
            else:
                out.append(word(w))
        return "(?:" + "|".join(out) + ")"

    return build(trie)


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
                 titled: bool) -> tuple[Entry | None, str]:
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
    if e.surname_only and not titled and e.person.lower() not in full_names and len(cands) > 1:
        return None, f"surname only, no title and no full name in the document: {e.person}?"
    when = f"in office on {date}" if date else "no document date; assumed in office"
    return e, f"{e.person}, {'/'.join(t.office for t in e.terms if in_office(e, date)) or e.terms[0].office} of {e.code} ({_terms_text(e)}), {when}"


def _office_after(gaz: Gazetteer, toks: list, j: int, text: str | None = None) -> tuple[int, tuple[str, str, str]] | None:
    """Longest office pattern starting at token j (extending the token window from text
    when it is too short)."""
    need = j + gaz.office_max - len(toks)
    if text is not None and need > 0 and toks:
        if j >= len(toks):  # peek at the next word before tokenising a longer window
            m = NEXT_TOKEN.match(text, toks[-1][2])
            if not m or m.group(1).lower() not in gaz.office_first:
                return None
        toks.extend(_window(text, toks[-1][2], need))
    if j >= len(toks):
        return None
    for L in range(min(gaz.office_first.get(toks[j][0], 0), len(toks) - j), 0, -1):
        key = tuple(t for t, _, _ in toks[j:j + L])
        hit = gaz.office_index.get(key)
        if hit:
            return L, hit
    return None


@lru_cache(maxsize=1)
def _publishers() -> list[tuple[str, str]]:
    return [(r["publisher"].lower(), r["code"]) for r in data.read_tsv("actors/publishers.tsv")]


def _home(doc: Document) -> str | None:
    """The state whose government a release or a national news agency speaks of as 'the
    Government', 'the foreign ministry' (data/actors/publishers.tsv)."""
    pub = (doc.meta.publisher or "").lower()
    url = (doc.meta.url or "").lower()
    for name, code in _publishers():
        if name in pub or (url and name in url):
            return code
    return None


CANDIDATE = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]\.(?=\s)|[A-Z\u00c0-\u00de\u0100-\u017f][\w\u00c0-\u024f]*(?:['\u2019][\w\u00c0-\u024f]+)*")
NEXT_TOKEN = re.compile(r"\W*?([\w\u00c0-\u024f]+|-)")
PREV_WORD = re.compile(r"([\w]+)\W*$")


def _prev_word(text: str, s: int) -> str:
    m = PREV_WORD.search(text, max(0, s - 40), s)
    return m.group(1).lower() if m else ""


def _norm_word(w: str) -> str:
    w = w.lower()
    return w[:-2] if w.endswith("'s") and len(w) > 2 else w


def _window(text: str, s: int, k: int) -> list[tuple[str, int, int]]:
    """Up to k normalised tokens starting at character s."""
    out = []
    for m in TOKEN.finditer(text, s):
        t = m.group(0).lower()
        if t.endswith("'s") and len(t) > 2:
            t = t[:-2]
        out.append((t, m.start(), m.end()))
        if len(out) >= k:
            break
    return out


def scan_sentence(gaz: Gazetteer, text: str, offset: int, sent_idx: int, date: str | None,
                  context_codes: set[str], full_names, home: str | None,
                  extra: dict | None = None) -> list[Mention]:
    """Longest-match names in one sentence. Every name in the tables starts with a capital
    or a digit, so only such words are tried as starts (most words are skipped at C speed)."""
    out: list[Mention] = []
    first_max = gaz.first_max
    office_first = gaz.office_first
    pos = 0
    starts = gaz.start_re.finditer(text)
    if extra:
        more = list(extra["re"].finditer(text))
        if more:
            starts = sorted([*starts, *more], key=lambda m: m.start())
    for cm in starts:
        s0 = cm.start()
        if s0 < pos or not (text[s0].isupper() or text[s0] in "\u00c0\u00c1"):
            continue
        w0 = _norm_word(cm.group(0))
        maxl = first_max.get(w0, 0)
        if extra and w0 in extra["first"]:
            maxl = max(maxl, extra["first"][w0])
        if not maxl and w0 not in office_first:
            continue
        toks = _window(text, s0, max(maxl, 1))
        n = len(toks)
        words = [t for t, _, _ in toks]
        matched = False
        for L in range(min(maxl, n), 0, -1):
            key = tuple(words[:L])
            entries = gaz.index.get(key)
            if extra and key in extra["index"] and (not entries or all(e.kind == "leader" and not in_office(e, date) for e in entries)):
                entries = [extra["index"][key]]
            if not entries:
                continue
            s, e = toks[0][1], toks[L - 1][2]
            entries = [en for en in entries if _case_ok(text, s, e, en)]
            if not entries:
                continue
            surface = text[s:e]
            possessive = surface.endswith(("'s", "\u2019s")) or (e < len(text) and text[e:e + 1] in "'\u2019" and text[e + 1:e + 2] != "s")
            kinds = {en.kind for en in entries}
            if "official" in kinds:
                en = entries[0]
                out.append(Mention(offset + s, offset + e, surface, en.code, "GOV", "official",
                                   f"{en.person} speaks for {en.code} in this document (named as its minister in the metadata, "
                                   f"or introduced with an office of {en.code})", sent_idx, en.person, possessive))
                pos = toks[L - 1][2]
                break
            if "place" in kinds:
                out.append(Mention(offset + s, offset + e, surface, "", "", "place", "a place, not an actor", sent_idx))
            elif "leader" in kinds:
                leaders = [en for en in entries if en.kind == "leader"]
                titled = _prev_word(text, s) in TITLES
                ent, why = _pick_leader(leaders, date, context_codes, full_names, titled)
                kind = "leader"
                off = _office_after(gaz, toks, L, text) if ent else None
                if off and off[1][1] in ("office", "head_of_state", "head_of_government", "government", "spokesperson"):
                    L2, (osector, role, _code) = off
                    e = toks[L + L2 - 1][2]
                    surface = text[s:e]
                    kind = "office"
                    why += f"; {role or 'office'} of {ent.person}"
                    L += L2
                if ent:
                    if not ent.surname_only and hasattr(full_names, "seen"):
                        full_names.seen.add(ent.person.lower())
                    out.append(Mention(offset + s, offset + e, surface, ent.code, "GOV", kind, why, sent_idx, ent.person, possessive))
                else:
                    out.append(Mention(offset + s, offset + e, surface, "", "", "person", why, sent_idx, leaders[0].person, possessive))
            else:
                en = next((x for x in entries if x.kind in ("state", "body", "group")), entries[0])
                kind, sector = en.kind, en.sector
                why = f"{surface!r} is a name of {gaz.name_of(en.code)} ({en.code})"
                off = _office_after(gaz, toks, L, text) if kind in ("state", "adjective", "capital") else None
                if off:
                    L2, (osector, role, _code) = off
                    e = toks[L + L2 - 1][2]
                    surface = text[s:e]
                    possessive = surface.endswith(("'s", "\u2019s"))
                    kind, sector = "office", osector
                    why += f"; {role or 'office'} of that state (sector {osector})"
                    L += L2
                elif kind == "adjective":
                    kind = "modifier"
                    why += " used as a modifier, not an actor on its own"
                elif kind == "capital":
                    why = f"{surface!r} is the capital of {gaz.name_of(en.code)} ({en.code}), used for its government"
                elif kind == "people":
                    why = f"{surface!r}: people of {gaz.name_of(en.code)} ({en.code}), coded to the state (sector CVL)"
                out.append(Mention(offset + s, offset + e, surface, en.code, sector, kind, why, sent_idx, None, possessive))
            pos = toks[L - 1][2]
            if out and out[-1].code and out[-1].kind in ("state", "leader"):
                context_codes.add(out[-1].code)
            matched = True
            break
        if not matched and w0 in office_first:
            # an office with no state named: a metonym ("the Kremlin") or the home government
            off = _office_after(gaz, toks, 0, text)
            if off and (off[1][2] or _prev_word(text, s0) in ("the", "our")
                        or (home and " ".join(w for w, _, _ in toks[:off[0]]) in BARE_INSTITUTIONS)):
                L2, (osector, role, code) = off
                s, e = toks[0][1], toks[L2 - 1][2]
                surface = text[s:e]
                if code:
                    out.append(Mention(offset + s, offset + e, surface, code, osector, "office",
                                       f"{surface!r} stands for the government of {gaz.name_of(code)} ({code})", sent_idx))
                elif home and role in ("minister", "government", "ministry", "office", "legislature", "military", "diplomat", "police"):
                    out.append(Mention(offset + s, offset + e, surface, home, osector, "office",
                                       f"'the {surface}' in a release of the {gaz.name_of(home)} government: {home}", sent_idx))
                pos = e
    return out


def _short_body_names(doc: Document, gaz: Gazetteer, by_sent: dict[int, list[Mention]]) -> None:
    """"The Forum", "the Council" after a body was named in full ("Pacific Islands Forum")
    is that body (only when exactly one named body ends with that word)."""
    heads: dict[str, set[str]] = {}
    for ms in by_sent.values():
        for m in ms:
            if m.kind == "body" and " " in m.text:
                heads.setdefault(m.text.rstrip("'s").split()[-1], set()).add(m.code)
    heads = {h: next(iter(c)) for h, c in heads.items() if len(c) == 1 and h[:1].isupper() and len(h) > 3}
    if not heads:
        return
    pat = re.compile(r"\b[Tt]he (" + "|".join(map(re.escape, heads)) + r")\b")
    starts = [s.start for s in doc.sentences]
    first_full = min((m.start for ms in by_sent.values() for m in ms if m.kind == "body" and m.code in heads.values()), default=0)
    for m in pat.finditer(doc.text, first_full):
        ms = _free_slot(doc, starts, by_sent, m.start(1), m.end(1))
        if ms is None:
            continue
        code = heads[m.group(1)]
        _add(ms, Mention(m.start(1), m.end(1), m.group(1), code, "IGO", "body",
                         f"'the {m.group(1)}' after {gaz.name_of(code)} ({code}) was named in full"))


TITLED_PERSON = re.compile(
    r"\b(?:President|Prime Minister|Premier|Chancellor|King|Queen|Emir|Crown Prince|Sultan|Foreign Minister|"
    r"Minister of Foreign Affairs|Minister for Foreign Affairs|Secretary-General)\s+"
    r"((?:[A-Z][\w'\u2019.-]+\s+){0,3}[A-Z][\w'\u2019-]+)\s+of\s+(?:the\s+)?"
    r"((?:[A-Z][\w'\u2019-]+)(?:\s+(?:of\s+|and\s+)?[A-Z][\w'\u2019-]+){0,4})")


def _metadata_people(doc: Document, home: str | None, gaz: Gazetteer) -> dict | None:
    """People who speak for a government although the leader tables do not list them:
    ministers named in a release's metadata ("ministers: Hon Chris Carter") speak for its
    publisher's government; a person introduced with an office and a state ("President
    Nayib Bukele of the Republic of El Salvador") for that state, in this document."""
    people: list[tuple[str, str, str]] = []
    if home:
        people += [(p, home, "official") for p in doc.meta.people]
    for m in TITLED_PERSON.finditer(doc.text):
        name = m.group(1)
        if gaz.index.get(tuple(t for t, _, _ in tokenize(name))):
            continue  # already in the tables (and resolved by date there)
        state = [x for x in scan_sentence(gaz, m.group(2), 0, -1, doc.meta.date, set(), set(), None)
                 if x.code and x.kind == "state" and x.start == 0]
        if state:
            people.append((name, state[0].code, "official"))
    if not people:
        return None
    return _people_index(tuple(dict.fromkeys(people)))


@lru_cache(maxsize=4096)
def _people_index(people: tuple[tuple[str, str, str], ...]) -> dict:
    index: dict[tuple[str, ...], Entry] = {}
    first: dict[str, int] = {}
    for person, code, kind in people:
        toks = tuple(t for t, _, _ in tokenize(person))
        if not toks:
            continue
        e = Entry(code, kind, "GOV", person, person=person)
        for key in (toks, toks[-1:]):
            index.setdefault(key, e)
            first[key[0]] = max(first.get(key[0], 0), len(key))
    from .gazetteer import char_trie_regex

    forms = {f for w in first for f in (w[:1].upper() + w[1:], w.upper())}
    for person, _code, _kind in people:  # as written ("O'Connor", "McKinnon")
        forms.update(m.group(0) for m in TOKEN.finditer(person))
    pat = re.compile(r"(?<![\w'\u2019])" + char_trie_regex(forms) + r"(?=(?:['\u2019]s)?(?!\w))")
    return {"index": index, "first": first, "re": pat}


class _FullNames:
    """Leaders' full names written in a document, computed only when a bare surname
    needs them."""

    def __init__(self, gaz: Gazetteer, text: str):
        self.gaz, self.text, self._names = gaz, text, None
        self.seen: set[str] = set()  # leaders already matched by a full name or alias

    def __contains__(self, name: str) -> bool:
        if name in self.seen:
            return True
        if self._names is None:
            low = self.text.lower()
            self._names = {p for p in self.gaz.persons if p in low}
        return name in self._names


def _party_refs(text: str, offset: int, sent_idx: int, parties: list[str], speaker: list[str]) -> list[Mention]:
    out = []
    pat, scopes = _references()
    for m in pat.finditer(text):
        phrase = " ".join(m.group(0).lower().split())
        if phrase.endswith("parties") and "Parties" not in m.group(0):
            continue  # "the parties" to a conflict; "the Parties" of a joint text are its signatories
        scope = scopes[phrase]
        if scope == "anaphor" and len(parties) < 2:
            continue  # "they" is the parties only in a text about two or more of them
        codes = parties if scope in ("parties", "anaphor") else speaker
        if codes:
            out.append(Mention(offset + m.start(), offset + m.end(), m.group(0), "+".join(codes), "GOV", "party_ref",
                               f"{m.group(0)!r} refers to the document's {'parties' if scope != 'speaker' else 'speakers'}: {', '.join(codes)}"
                               + (" (anaphor)" if scope == "anaphor" else ""), sent_idx))
    return out


def find_parties(doc: Document, gaz: Gazetteer, mentions_by_sent: dict[int, list[Mention]], home: str | None) -> tuple[list[str], list[str]]:
    """(parties, speakers). Parties come from the title, the opening sentence and the
    metadata; speakers are who 'we' is."""
    date = doc.meta.date
    title = doc.meta.title or ""
    title_m = scan_sentence(gaz, title, 0, -1, date, set(), set(), None) if title else []
    codes: list[str] = []

    def add(c):
        if c and c not in codes:
            codes.append(c)

    for m in title_m:
        if m.code and m.kind in ("state", "leader", "office", "capital") and m.sector != "IGO":
            if m.kind == "capital" and re.search(r"\b(?:in|at|to|from)\s*$", title[:m.start]):
                continue  # "Meeting in Stockholm": the venue, not a party
            add(m.code)
    first = doc.sentences[0].idx if doc.sentences else None
    joint = bool(re.search(r"\bjoint\b|\bleaders'? statement|communiqu|declaration", title, re.I))
    if first is not None and (len(codes) < 2 or joint):
        lead = mentions_by_sent.get(first, [])
        # the opening sentence names who met or speaks (in a readout, the counterpart's state)
        for m in lead:
            if m.code and m.kind in ("leader", "state", "office", "official"):
                add(m.code)
    for person in doc.meta.people:
        hits = gaz.persons.get(person.lower())
        if hits:
            for e in hits:
                if in_office(e, date):
                    add(e.code)
    if home and doc.meta.kind == "statement" and home not in codes and not joint:
        codes.insert(0, home)
    speaker = codes if joint or not home else [home]
    return codes, speaker


def find_actors(doc: Document) -> Document:
    gaz = get_gazetteer()
    date = doc.meta.date
    home = _home(doc)
    text = doc.text
    # names written in full anywhere in the document help resolve bare surnames
    full_names = _FullNames(gaz, text)
    extra = _metadata_people(doc, home, gaz)
    context_codes: set[str] = set()
    # one scan over the whole text (far fewer Python calls than one per sentence), then
    # each mention is placed in its sentence; names in headings belong to no sentence
    by_sent: dict[int, list[Mention]] = {s.idx: [] for s in doc.sentences}
    starts = [s.start for s in doc.sentences]
    for m in scan_sentence(gaz, text, 0, -1, date, context_codes, full_names, home, extra):
        k = bisect_right(starts, m.start) - 1
        if k < 0 or m.end > doc.sentences[k].end:
            continue
        m.sentence = doc.sentences[k].idx
        by_sent[m.sentence].append(m)
    _short_body_names(doc, gaz, by_sent)
    parties, speaker = find_parties(doc, gaz, by_sent, home)
    doc.parties = parties
    # party references: one pass over the whole text, placed into sentences by offset
    refs_by: dict[int, list[Mention]] = {}
    if parties or speaker:
        starts = [s.start for s in doc.sentences]
        for r in _party_refs(text, 0, -1, parties, speaker):
            k = bisect_right(starts, r.start) - 1
            if k < 0 or r.end > doc.sentences[k].end:
                continue
            r.sentence = doc.sentences[k].idx
            refs_by.setdefault(r.sentence, []).append(r)
    if home:
        _lowercase_offices(doc, gaz, home, by_sent)
    _generic_titles(doc, gaz, [c for c in [home] + parties if c], by_sent)
    _local_leaders(doc, by_sent, refs_by)
    mentions: list[Mention] = []
    for s in doc.sentences:
        ms = by_sent[s.idx]
        for m in ms:
            m.sentence = s.idx
        refs = refs_by.get(s.idx)
        if refs:
            refs = [r for r in refs if not any(m.start < r.end and r.start < m.end for m in ms)]
            ms = sorted(ms + refs, key=lambda m: m.start)
        mentions.extend(ms)
    doc.mentions = mentions
    return doc


LEADER_KINDS = ("leader", "office", "official")
# institutions a government release names without an article ("Cabinet has agreed")
BARE_INSTITUTIONS = {"cabinet", "parliament", "government", "police", "defence force"}
TITLE_OFFICES = {"president": ("HOS", "HOS+HOG"), "prime minister": ("HOG",), "premier": ("HOG",),
                 "chancellor": ("HOG",), "taoiseach": ("HOG",), "foreign minister": ("FM",),
                 "foreign affairs minister": ("FM",), "minister of foreign affairs": ("FM",), "secretary of state": ("FM",),
                 "foreign secretary": ("FM",), "king": ("HOS",), "emir": ("HOS",), "crown prince": ("HOG",)}
TITLE_RE = re.compile(r"\b[Tt]he\s+(" + "|".join(sorted((re.escape(t.title()) for t in TITLE_OFFICES), key=len, reverse=True)) + r")\b(?!\s+of\b)")


def _holder(gaz: Gazetteer, code: str, offices: tuple[str, ...], date: str | None) -> Entry | None:
    for e in gaz.by_code.get(code, []):
        for t in e.terms:
            if t.office in offices and (date is None or (t.start <= date and (t.end is None or date <= t.end))):
                return e
    return None


def _free_slot(doc: Document, starts: list[int], by_sent: dict[int, list[Mention]], a: int, b: int) -> list[Mention] | None:
    """The mention list of the sentence holding text[a:b], or None when the span lies
    outside every sentence (a heading) or overlaps a mention already found."""
    k = bisect_right(starts, a) - 1
    if k < 0 or b > doc.sentences[k].end:
        return None
    ms = by_sent.setdefault(doc.sentences[k].idx, [])
    if any(x.start < b and a < x.end for x in ms):
        return None
    return ms


def _add(ms: list[Mention], m: Mention) -> None:
    ms.append(m)
    ms.sort(key=lambda x: x.start)


def _generic_titles(doc: Document, gaz: Gazetteer, candidates: list[str], by_sent: dict[int, list[Mention]]) -> None:
    """"The Prime Minister" with no name: the home government's or a party's holder of that
    office on the document date ("the Prime Minister" in a White House readout of a call
    with Netanyahu is ISR: the United States has no prime minister)."""
    if not candidates:
        return
    starts = [s.start for s in doc.sentences]
    for m in TITLE_RE.finditer(doc.text):
        ms = _free_slot(doc, starts, by_sent, m.start(1), m.end(1))
        if ms is None:
            continue
        offices = TITLE_OFFICES[m.group(1).lower()]
        seen = []
        for code in candidates:
            if code in seen:
                continue
            seen.append(code)
            e = _holder(gaz, code, offices, doc.meta.date)
            if e is not None:
                _add(ms, Mention(m.start(1), m.end(1), m.group(1), code, "GOV", "office",
                                 f"'the {m.group(1)}': {e.person}, who held that office for {code} on {doc.meta.date}",
                                 -1, e.person))
                break
HOME_ROLES = ("head_of_government", "head_of_state", "foreign_minister", "minister", "government", "ministry", "office",
              "legislature", "military", "diplomat")


@lru_cache(maxsize=1)
def _lower_office_pattern() -> tuple[re.Pattern, dict[str, tuple[str, str]]] | None:
    gaz = get_gazetteer()
    pats = {" ".join(toks): (sector, role) for toks, (sector, role, code) in gaz.office_index.items()
            if not code and role in HOME_ROLES and toks[0][:1].isalpha()}
    if not pats:
        return None
    alts = sorted(pats, key=len, reverse=True)
    return re.compile(r"\b[Tt]he\s+(" + "|".join(re.escape(a) for a in alts) + r")\b"), pats


def _lowercase_offices(doc: Document, gaz: Gazetteer, home: str, by_sent: dict[int, list[Mention]]) -> None:
    """"the foreign ministry", "the presidential office" (lower case, no state named) in a
    text whose publisher has a home government mean that government."""
    got = _lower_office_pattern()
    if got is None:
        return
    pat, pats = got
    starts = [s.start for s in doc.sentences]
    for m in pat.finditer(doc.text):
        ms = _free_slot(doc, starts, by_sent, m.start(1), m.end(1))
        if ms is None:
            continue
        sector, _role = pats[m.group(1)]
        _add(ms, Mention(m.start(1), m.end(1), m.group(1), home, sector, "office",
                         f"'the {m.group(1)}' in a text published from {gaz.name_of(home)}: {home}"))


def _local_leaders(doc: Document, by_sent: dict[int, list[Mention]], refs_by: dict[int, list[Mention]]) -> None:
    """"The two leaders" right after two leaders are named (same or previous sentence)
    means those two, which in news is not always the document's parties."""
    order = [s.idx for s in doc.sentences]
    for k, idx in enumerate(order):
        for r in refs_by.get(idx, []):
            if "leader" not in r.text.lower() and "two" not in r.text.lower():
                continue
            before = [m for m in by_sent.get(idx, []) if m.end <= r.start]
            if len({m.code for m in before if m.kind in LEADER_KINDS and m.code}) < 2 and k > 0:
                before = by_sent.get(order[k - 1], []) + before
            codes: list[str] = []
            for m in before:
                if m.kind in LEADER_KINDS and m.code and m.code not in codes:
                    codes.append(m.code)
            if len(codes) >= 2 and set(codes) != set(r.code.split("+")):
                r.code = "+".join(codes)
                r.reason = f"{r.text!r} refers to the leaders named just before: {', '.join(codes)}"


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
