"""The matter of a commitment (what was promised) and its deadline, from the act's sentence.

The sentence is parsed with spaCy (``accord.acts.extract.get_nlp``). From the trigger
("decided to advance", "committed to supporting") the complement is followed down
control verbs (xcomp) to the promised action; open-ended wrappers ("advance discussions
on elevating X", "explore the possibility of an upgrade of Y") are unwrapped to the
inner action; a purpose clause with a generic object ("with the aim of adopting a
relevant framework") is completed with the last proper name of the complement
("adopt a Comprehensive Strategic Partnership framework"). The head verb is lemmatised
and the phrase trimmed to a few words. Key terms (terms.py) come from the whole
complement, without its time expressions.

The deadline is the act's own time expression when it lies after the document date;
otherwise the first time expression after the trigger that does (the extractor attaches
the nearest one, which may be a past reference such as "agreed in 2006").
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from ..acts.when import WHEN, normalise
from ..data import read_lines
from . import gate
from .terms import stem, stems, terms, word_list

WRAPPER_HEADS = {"advance", "continue", "explore", "discuss", "consider", "seek", "pursue", "study", "examine", "hold",
                 "look", "work", "begin", "start", "launch", "commence", "progress", "conduct"}
WRAPPER_NOUNS = {"discussion", "discussions", "possibility", "possibilities", "way", "ways", "option", "options",
                 "talk", "talks", "opportunity", "opportunities", "feasibility", "prospect", "prospects",
                 "consultation", "consultations"}
PURPOSE_NOUNS = {"aim", "view", "goal", "objective", "purpose", "intention", "order"}
GENERIC_OBJECTS = {"framework", "agreement", "arrangement", "plan", "roadmap", "document", "declaration", "statement",
                   "mechanism", "text", "instrument", "action", "strategy", "vision"}
COMPLEMENT_DEPS = {"dobj", "prep", "xcomp", "ccomp", "attr", "prt", "acomp", "oprd", "dative", "pobj", "pcomp",
                   "conj", "cc", "advmod", "npadvmod", "agent", "nsubjpass"}
PHRASE_DEPS = {"dobj", "prep", "prt", "attr", "acomp", "oprd", "dative", "pobj", "pcomp", "xcomp", "ccomp"}
TO_HEADS = {"commit", "committed", "recommit", "agree", "pledge", "dedicate", "dedicated", "devote", "look", "consent", "move",
            "turn", "contribute", "commitment"}  # "committed to supporting": the promise follows "to"
AT_HEADS = {"aim"}  # "aim at concluding the ACCTS negotiations": the promise follows "at"
GENERIC_HEADS = {"work", "move", "act", "continue", "cooperate", "collaborate", "partner", "step", "engage", "join"}
MAX_WORDS = 14
# forward forms acts.when does not find: "in the next couple of weeks", "in quarter four", "Q3 2025"
FORWARD = re.compile(r"\b(?:in|within|over)\s+the\s+(?:next|coming)\s+(?:couple\s+of\s+|few\s+)?(?:\w+\s+)?(?:weeks?|months?|years?)"
                     r"|\b(?:in\s+|by\s+)?(?:quarter\s+(?:one|two|three|four|[1-4])|Q[1-4]|(?:first|second|third|fourth)\s+quarter)"
                     r"(?:\s+(?:of\s+)?(?:19|20)\d\d)?\b", re.I)
PRONOUNS = {"it", "this", "that", "they", "them", "these", "those"}
START = re.compile(r"(?:from|since|starting|beginning|commencing|as of|effective)\b", re.I)
START_BEFORE = re.compile(r"\b(?:from|since|starting(?: in| from| on)?|beginning(?: in| on)?|commencing|as of|effective)\s+$", re.I)
ANAPHORA = {"this", "that", "these", "those", "such", "its", "their", "said"}


@dataclass
class Matter:
    phrase: str = ""
    terms: set[str] = field(default_factory=set)
    exploratory: bool = False
    deadline_text: str | None = None
    deadline_start: str | None = None
    deadline_end: str | None = None
    deadline_problem: str | None = None  # "unnormalised" when a time was found but not turned into dates
    skip: str | None = None  # why this act is not a commitment (participle, no complement)
    anaphoric: bool = False  # the matter points elsewhere ("relaunch this collaboration", "release our response")
    also: list = field(default_factory=list)  # further promises coordinated in the same act ("..., begin X and release Y")


def _norm_deadline(text: str, ref: str | None) -> tuple[str | None, str | None]:
    """acts.when.normalise, plus a few forward-looking forms it does not read."""
    s, e = normalise(text, ref)
    if s or not ref:
        return s, e
    low = text.lower()
    ref_d = dt.date.fromisoformat(ref)
    low = re.sub(r"\b(couple|few)\s+of\b", r"\1", low)  # "the next couple of weeks"
    q = re.search(r"\b(?:q([1-4])|quarter\s+(one|two|three|four|[1-4])|(first|second|third|fourth)\s+quarter)\b", low)
    if q:
        word = next(g for g in q.groups() if g)
        n = {"one": 1, "two": 2, "three": 3, "four": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}.get(word) or int(word)
        y = int(m4.group(0)) if (m4 := re.search(r"\b(19|20)\d\d\b", low)) else ref_d.year
        end_month = 3 * n
        return (dt.date(y, end_month - 2, 1).isoformat(),
                dt.date(y, end_month, calendar.monthrange(y, end_month)[1]).isoformat())
    m = (re.search(r"(?:within|in|over)\s+(?:the\s+)?(?:next\s+)?(\w+)\s+(year|month|week)s?", low)
         or re.search(r"(?:the\s+)?next\s+(\w+)\s+(year|month|week)s?", low))
    if m:
        words = {"one": 1, "a": 1, "few": 3, "couple": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "twelve": 12,
                 "eighteen": 18}
        n = int(m.group(1)) if m.group(1).isdigit() else words.get(m.group(1))
        if n:
            days = {"year": 365, "month": 30, "week": 7}[m.group(2)] * n
            return ref, (ref_d + dt.timedelta(days=days)).isoformat()
    if "next month" in low or "coming month" in low:
        y, mo = (ref_d.year + 1, 1) if ref_d.month == 12 else (ref_d.year, ref_d.month + 1)
        return dt.date(y, mo, 1).isoformat(), dt.date(y, mo, calendar.monthrange(y, mo)[1]).isoformat()
    if "this week" in low or "next week" in low:
        start = ref_d + dt.timedelta(days=7 if "next" in low else 0)
        return start.isoformat(), (start + dt.timedelta(days=6 - start.weekday())).isoformat()
    if "end of the decade" in low:
        y = ref_d.year // 10 * 10 + 9
        return f"{y}-01-01", f"{y}-12-31"
    return None, None


def find_deadline(sentence: str, trig_end: int, when_text: str | None, ref: str | None, belongs=None) -> tuple:
    """(text, start, end, problem) of the commitment's deadline, or all None. ``belongs(text)``,
    when given, says whether a time of the sentence belongs to the promise's own clause (not to
    a neighbouring one: "the polytechnics that will become part of the NZIST on 1 April")."""
    cands = []
    if when_text:
        cands.append(when_text)
    found = [m for m in WHEN.finditer(sentence, max(0, trig_end))] + [m for m in FORWARD.finditer(sentence, max(0, trig_end))]
    for m in sorted(found, key=lambda m: m.start()):
        s = m.group(0).strip()
        if s and s not in cands:
            cands.append(s)
    unparsed = None
    # a time that says when something starts ("buying only zero-emission buses from 2025") is the
    # deadline only when no other time of the sentence is one ("... by 2035")
    def starts(text: str) -> bool:
        at = sentence.find(text)
        return bool(START.match(text) or at > 0 and START_BEFORE.search(sentence[max(0, at - 20):at]))
    cands = [t for t in cands if not starts(t)] + [t for t in cands if starts(t)]

    def span_end(text: str) -> bool:  # "continue to use the 2019 median wage ... until July 2021": a state kept, no deadline
        at = sentence.find(text)
        return bool(re.match(r"(?:until|till|up\s+until)\b", text, re.I)
                    or at > 0 and re.search(r"\b(?:until|till)\s+(?:at\s+least\s+|the\s+)?$", sentence[max(0, at - 22):at], re.I))
    cands = [t for t in cands if not span_end(t)]
    for text in cands:
        if re.fullmatch(r"\d{4}", text) and not re.search(rf"\b(?:in|by|before|until)\s+{text}", sentence):
            continue  # a year inside a name ("the 2050 Strategy")
        if re.fullmatch(r"(?:[Ii]n|[Oo]n|[Bb]y|[Ff]rom|[Ff]or)?\s*May", text):
            continue  # the modal
        if belongs is not None and not belongs(text):
            continue
        s, e = _norm_deadline(text, ref)
        if s is None:
            if re.search(r"\d|year|month|week|decade", text, re.I) and not re.search(r"last|past|recent|ago|since", text, re.I):
                unparsed = unparsed or text
            continue
        if ref and e and e > ref and not re.search(r"\b(?:last|past|since|recent)\b", text, re.I):
            return text, s, e, None
    if unparsed:
        return unparsed, None, None, "unnormalised"
    return None, None, None, None


def _belongs(sdoc, trig: list, head, text: str, after: int) -> bool:
    """Whether the time ``text`` (first found at or after ``after``, else anywhere) hangs on the
    promise: going up the parse from it, the trigger or the promised action is reached before
    the root or a relative clause of a noun other than the promised thing. "will
    launch a Strategic Dialogue" does not take the "in May 2022" of "rejoining the WHO Executive
    Board in May 2022, and will launch ..."; "continue to work with ... the polytechnics that
    will become part of the NZIST on 1 April" has no deadline."""
    at = sdoc.text.find(text, max(0, after))
    if at < 0:
        at = sdoc.text.find(text)
    span = [t for t in sdoc if at <= t.idx < at + len(text)] if at >= 0 else []
    if not span or not trig:
        return True
    ids = {t.i for t in span}
    top = next((t for t in span if t.head.i not in ids or t.head.i == t.i), span[0])
    promise = {t.i for t in trig}
    t = head
    for _ in range(8):  # the promised action up to the trigger ("committed to making X": making, to, committed)
        promise.add(t.i)
        if t.i in {x.i for x in trig} or t.head.i == t.i:
            break
        t = t.head
    t = top
    for _ in range(12):
        if t.i in promise:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
        if t.i in promise:
            return True
        # a relative clause of another noun than the promised thing ("the polytechnics that will
        # become part of the NZIST on 1 April"); the promised thing's own ("a registration
        # scheme ..., which comes into effect on 1 February 2026") dates the promise
        # ... and so is a participle of a name ("in view of the AI Summit hosted in Paris in 2025"; not "with
        # legislation passed by the end of 2024", the means of the promise)
        if t.dep_ == "relcl" or t.dep_ == "acl" and t.tag_ in ("VBN", "VBG") and t.head.pos_ == "PROPN":
            if t.dep_ == "relcl" and _non_restrictive(t):
                return True
            if not (t.head.dep_ in ("dobj", "nsubjpass") and t.head.head.i in promise):
                return False
    return True


def _non_restrictive(clause) -> bool:
    """", which ..." after a comma: said of the clause's main thing, wherever the parser hangs it."""
    first = clause.left_edge
    return first.lower_ == "which" and first.i > 0 and first.nbor(-1).text == ","


def _subtree_tokens(tok, deps=None, stop=()):
    out = [tok]
    for c in tok.children:
        if c.i in stop or (deps is not None and c.dep_ not in deps):
            continue
        out.extend(c.subtree)
    return sorted(out, key=lambda t: t.i)


def _proper_chunks(tokens) -> list[str]:
    chunks, cur = [], []
    for t in tokens:
        if t.is_title and t.is_alpha and t.i > 0 and t.lower_ not in ("the", "a", "an"):
            cur.append(t.text)
        else:
            if len(cur) >= 2:
                chunks.append(" ".join(cur))
            cur = []
    if len(cur) >= 2:
        chunks.append(" ".join(cur))
    return chunks


def named_things(sdoc) -> list[str]:
    """Title-case names in the sentence ending in a thing noun ("Auckland Light Rail")."""
    things = set(read_lines("commitments/named_things.txt"))
    out, cur = [], []
    for t in list(sdoc) + [None]:
        if t is not None and t.i > 0 and (t.is_title or t.like_num and cur) and not t.is_punct:
            cur.append(t)
            continue
        if len(cur) >= 2 and cur[-1].lower_ in things:
            out.append(" ".join(x.text for x in cur))
        cur = []
    return out


def anaphoric(head, tokens) -> bool:
    """Whether the matter names its thing elsewhere: a noun of it points back ("this regional
    collaboration", "its uptake"), or every noun of it is generic ("release our response",
    "make an announcement"): its named things are then read from the document's title and
    the previous sentence (ledger.context_terms)."""
    # a kind of thing names none either ("introduce legislation", "amend the regulations")
    generic = set(read_lines("commitments/generic_nouns.txt")) | set(read_lines("commitments/kind_nouns.txt"))
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN", "NUM") and t.i != head.i]
    for t in tokens:
        if t.i == head.i:
            continue
        if t.dep_ in ("det", "poss") and t.lower_ in ANAPHORA and t.head.pos_ in ("NOUN", "PROPN"):
            return True
        if t.dep_ in ("dobj", "pobj") and t.lower_ in PRONOUNS:
            return True
    return bool(nouns) and all(t.lemma_.lower() in generic for t in nouns)


def _phrase(head, tokens) -> str:
    words = []
    for t in tokens:
        if t.i == head.i:
            w = t.lemma_ if t.pos_ in ("VERB", "AUX") else t.text
        else:
            w = t.text
        if t.is_punct and t.text not in ("-", "'"):
            if t.text in (",", ";", "(", ":"):
                break
            continue
        words.append(w)
    text = " ".join(words)
    text = re.sub(r"\s+-\s+", "-", text).replace(" 's", "'s").replace('"', "").replace("“", "").replace("”", "")
    ws = text.split()
    if len(ws) > MAX_WORDS:
        ws = ws[:MAX_WORDS]
        while ws and ws[-1].lower() in ("the", "a", "an", "of", "to", "and", "on", "for", "in", "with", "its", "their"):
            ws.pop()
    return " ".join(ws)


def analyse(sdoc, trig_start: int, trig_end: int, act: str, when_text: str | None, ref: str | None) -> Matter:
    """Matter of one act; sdoc is the spaCy parse of the act's sentence, offsets relative to it."""
    m = Matter()
    trig = [t for t in sdoc if trig_start <= t.idx < trig_end] if trig_end > trig_start else []
    text = sdoc.text
    m.deadline_text, m.deadline_start, m.deadline_end, m.deadline_problem = find_deadline(text, trig_end, when_text, ref)
    if trig and len(trig) == 1 and trig[0].tag_ in ("VBN", "VBD"):
        first = trig[0]
        if first.dep_ in ("acl", "relcl", "amod"):
            m.skip = "participle modifier"  # "the Partnership agreed in 2006"
            return m
        after = text[first.idx + len(first.text):]
        pm = re.match(r"\s*(?:in|on|from)\s+(?:\w+\s+)?(\d{4})\b", after)
        if pm and ref:
            if pm.group(1) < ref[:4]:
                m.skip = "past reference"  # a misparsed participle followed by its past date
                return m
    if trig and trig[-1].lemma_.lower() in word_list("not_actions") and len(trig) <= 2:
        m.skip = "not an action"  # "will depend on", "will see"
        return m
    verbs = [t for t in trig if t.pos_ in ("VERB", "AUX") and t.tag_ != "MD"]
    head = verbs[-1] if verbs else (trig[-1] if trig else None)
    if head is None:
        m.skip = "no trigger"
        return m
    # "announced that X would be restarted", "agreed that ...": the promise is the clause
    if head.lemma_.lower() in ("announce", "confirm", "agree", "decide", "state", "pledge", "commit"):
        cc = [c for c in head.children if c.dep_ == "ccomp"]  # also before it: "..., the Minister announced"
        if cc:
            head = cc[0]
    # follow "to" + gerund / noun ("committed to supporting", "committed to the implementation of")
    for _ in range(4):
        nxt = [c for c in head.children if c.dep_ in ("xcomp",) and c.i > head.i]
        if not nxt and head.lemma_.lower() in TO_HEADS:  # "have committed to modernise", parsed as an adverbial clause
            nxt = [c for c in head.children if c.dep_ == "advcl" and c.i > head.i
                   and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)]
        if not nxt:
            has_obj = any(c.dep_ in ("dobj", "attr", "oprd") for c in head.children)
            for p in head.children:
                # "committed to supporting", "agreed to a new process"; not "contribute personnel to a taskforce"
                if (p.dep_ == "prep" and p.i > head.i and p.i >= (trig[-1].i if trig else 0) and not has_obj
                        and (p.lower_ == "to" and head.lemma_.lower() in TO_HEADS or p.lower_ == "at" and head.lemma_.lower() in AT_HEADS)):
                    nxt = [c for c in p.children if c.dep_ in ("pcomp", "pobj")]
                    break
            if not nxt and head.lemma_.lower() == "continue":  # "continue on getting things done": the inner verb
                nxt = [c for p in head.children if p.dep_ == "prep" and p.lower_ in ("on", "with") and p.i > head.i
                       for c in p.children if c.dep_ == "pcomp" and c.pos_ == "VERB"]
        if not nxt:
            break
        head = nxt[0]
    if m.deadline_text:  # a time of a neighbouring clause is not this promise's deadline
        m.deadline_text, m.deadline_start, m.deadline_end, m.deadline_problem = find_deadline(
            text, trig_end, when_text, ref, lambda t: _belongs(sdoc, trig, head, t, trig_start))
    conj = _further_actions(trig, head)
    _finish(m, sdoc, trig, head, act, text, trig_start)
    if not m.skip:
        for h in conj:  # "plan to introduce legislation ..., begin the phased rollout of ..., and release ...": one promise each
            part = Matter(deadline_text=m.deadline_text, deadline_start=m.deadline_start, deadline_end=m.deadline_end,
                          deadline_problem=m.deadline_problem)
            # its own verb is its trigger for the entry test ("..., and look forward to other WTO Members joining")
            _finish(part, sdoc, [h, *(c for c in h.children if c.dep_ in ("prt", "advmod") and c.i == h.i + 1)], h, act,
                    text, trig_start)
            if not part.skip and part.phrase != m.phrase:
                m.also.append(part)
    return m


def _further_actions(trig: list, head) -> list:
    """Further promised actions coordinated with the first: conjunct verbs of the promised
    action, and base-form conjuncts with no subject of their own of the trigger verb (the
    parser's attachment of "plan to introduce X, begin Y and release Z")."""
    out = [c for c in head.conjuncts if c.i > head.i and c.pos_ == "VERB"]
    for t in trig:
        if t.pos_ == "VERB" and t.i < head.i:
            out += [c for c in t.conjuncts if c.i > head.i and c.pos_ == "VERB" and c.tag_ in ("VB", "VBP")
                    and not any(x.dep_ in ("nsubj", "nsubjpass", "aux") for x in c.children) and c not in out]
    return sorted(out, key=lambda c: c.i)


def _finish(m: Matter, sdoc, trig: list, head, act: str, text: str, trig_start: int) -> None:
    """The entry test, the phrase, the terms and the kind of the promise headed by ``head``."""
    why = gate.reason(sdoc, trig, head)
    if why:
        m.skip = why
        return
    # unwrap open-ended wrappers: "advance discussions on elevating X" -> "elevate X"
    for _ in range(2):
        if head.lemma_.lower() not in WRAPPER_HEADS and head.lower_ not in WRAPPER_NOUNS:
            break
        obj = head if head.lower_ in WRAPPER_NOUNS else next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass") and c.lower_ in WRAPPER_NOUNS), None)
        if obj is None:
            break
        inner = None
        for p in obj.children:
            if p.dep_ in ("prep", "acl") and p.lower_ in ("on", "of", "to", "for", "about", "regarding"):
                inner = next((c for c in p.children if c.dep_ in ("pcomp", "pobj")), None)
            elif p.dep_ in ("acl", "relcl") and p.pos_ == "VERB":
                inner = p
            if inner is not None:
                break
        if inner is None:
            break
        m.exploratory = True
        head = inner
    # purpose clause: "with the aim of adopting a relevant framework"
    purpose = None
    clause = list(trig[0].subtree) if trig else list(head.subtree)
    for t in (t for t in clause if t.i > head.i):
        if t.lower_ in PURPOSE_NOUNS and t.dep_ == "pobj":
            for p in t.children:
                if p.dep_ in ("prep", "acl") and p.lower_ in ("of", "to"):
                    purpose = next((c for c in p.children if c.dep_ in ("pcomp", "pobj") and c.pos_ == "VERB"), None)
            if purpose is not None:
                break
    stop_children = set()
    if purpose is not None:
        anc = purpose
        while anc.head.i != anc.i and anc.head.i != head.i:
            anc = anc.head
        if anc.head.i == head.i:
            stop_children.add(anc.i)
    deps = PHRASE_DEPS
    if head.lemma_.lower() in GENERIC_HEADS:  # "work together to seek to determine X": the purpose is the matter
        deps = PHRASE_DEPS | {"advcl", "advmod"}
    phrase_toks = [t for t in _subtree_tokens(head, deps, stop_children) if t.i >= head.i]
    if m.deadline_text:  # the deadline is a field of its own, not part of the matter
        ds = text.find(m.deadline_text, max(0, trig_start))
        if ds >= 0:
            phrase_toks = [t for t in phrase_toks if not ds <= t.idx < ds + len(m.deadline_text)]
    main = _phrase(head, phrase_toks)
    if purpose is not None:
        pobj = next((c for c in purpose.children if c.dep_ == "dobj"), None)
        chunks = _proper_chunks([t for t in sdoc if head.i <= t.i < purpose.i])
        if pobj is not None and pobj.lemma_.lower() in GENERIC_OBJECTS and chunks and not any(
                t.is_title for t in pobj.subtree if t.i != pobj.i and t.pos_ == "PROPN"):
            main = f"{purpose.lemma_} a {chunks[-1]} {pobj.text}"
        elif not main or len(main.split()) < 2:
            main = _phrase(purpose, _subtree_tokens(purpose, PHRASE_DEPS))
    m.phrase = main.strip()
    region = _subtree_tokens(head, COMPLEMENT_DEPS | ({"advcl"} if head.lemma_.lower() in GENERIC_HEADS else set()))
    if purpose is not None:  # the words up to the purpose clause (a misattached "to a Comprehensive ... Partnership")
        ids = {t.i for t in region}
        region = sorted(region + [t for t in sdoc if head.i < t.i <= purpose.right_edge.i and t.i not in ids], key=lambda t: t.i)
    region_text = " ".join(t.text for t in region)
    if m.deadline_text:
        region_text = region_text.replace(m.deadline_text, " ")
    m.terms = terms(region_text)
    if purpose is not None:
        m.terms |= terms(" ".join(t.text for t in purpose.subtree))
    m.terms |= terms(" ".join(named_things(sdoc)))
    m.terms |= terms(m.phrase) - terms(m.deadline_text or "")
    if not m.phrase or not m.terms or m.phrase.lower() in PRONOUNS:
        m.skip = "no complement"
        return
    own = {stem(head.text), stem(head.lemma_)} if head.pos_ in ("VERB", "AUX") else set()
    content = terms(" ".join(t.text for t in head.subtree if t.dep_ not in ("nsubj", "nsubjpass", "aux", "auxpass", "punct")))
    if m.deadline_text:
        content -= terms(m.deadline_text)
    if not content - own:
        m.skip = "no matter"  # "step in", "do", "come down": the verb alone names nothing
        return
    nouns = [t for t in head.subtree if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("nsubj", "nsubjpass") and t.i >= head.i]
    if nouns and all(any(c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for c in t.children) for t in nouns):
        m.skip = "no matter"  # "help in that work", "recommit ourselves to this vision": the matter is elsewhere
        return
    m.anaphoric = anaphoric(head, phrase_toks)
    words = stems(" ".join(t.text for t in trig) + " " + " ".join(t.text for t in phrase_toks[:4]))
    if act == "explore" or any(w for w in words if w in word_list("exploratory_words")):
        m.exploratory = True
