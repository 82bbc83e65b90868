"""Which commitment-like acts are commitments: the ledger's entry test.

An act of type commit, explore, sign or announce enters the ledger only when its sentence
promises, for the future, an action of its speaker that names what is promised. Reasons to
leave it out, each a word list of data/commitments/gate.yaml read on the spaCy parse:

- courtesy: thanks, praise, welcome, "look forward to" (``courtesy``);
- negated: a negative subject or a "not"/"never" on the promising verb chain ("No NZDF
  personnel will enter Yemen"; the acts layer marks most negations, not these);
- completed: a verb of ``completed`` (announce, launch, sign, appoint...) in the past or the
  present ("announced today", "is announcing", "has launched") without a future clause of
  its own ("announced that X will ..."), unless the verb is a promise (``reported_promise``:
  "we committed to ensuring", "agreed to establish");
- ceremony: a future act of ``completed`` on the same day ("will sign ... this morning");
- itinerary: the promised action is a verb of ``itinerary`` (discuss, meet, visit, attend,
  represent...) or "take the opportunity to";
- forecast: a future whose subject is not an agent (``abstract_subjects``: "the plan will
  accelerate...", "it will take time", "he will weaken") or whose verb is an outcome
  (``outcome_verbs``: "will face uncertainties", "will benefit from");
- rhetoric / no matter: the promised verb says nothing (``rhetoric``: "we will do what we
  have always done") or the matter names nothing beyond its verb.
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from ..data import path
from ..errors import GazetteerError

FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
ABILITY = {"can", "could", "may", "might", "should", "must"}
PERCEPTION = {"see", "hear", "watch", "notice", "observe"}
TRIP_HEADS = {"begin", "start", "make", "pay", "undertake", "conclude", "wrap", "end", "continue", "lead"}
OPINION_HEADS = {"hope", "believe", "think", "trust", "know", "feel", "wish"}  # not "say": "X is committed to Y, the Minister says"
OPINION_NOUNS = {"importance", "need", "value", "necessity", "significance"}
# a bid is no plan of the speaker's own action: its outcome is another's decision ("launch a joint bid to bring the Cup")
PLAN_NOUNS = {"plan", "plans", "intention", "intent", "proposal", "commitment", "decision"}
CAUSATIVE = {"get", "have"}  # "get a regulatory backstop finalised", "getting 80 per cent of students achieving"


@lru_cache(maxsize=1)
def lists() -> dict[str, frozenset[str]]:
    p = path("commitments/gate.yaml")
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{p}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise GazetteerError(f"{p}: expected a mapping of list names to word lists")
    return {k: frozenset(str(w).lower() for w in v) for k, v in raw.items()}


def _future(tok) -> bool:
    """A future modal ("will", "shall", "going to") on this verb."""
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_MODALS:
            return True
        if c.dep_ in ("aux",) and c.lower_ in ("going",):
            return True
    return False


def _chain(tok):
    """The verb and the verbs it is the complement of ("want to acknowledge" -> acknowledge, want)."""
    out = [tok]
    while tok.dep_ in ("xcomp", "pcomp", "pobj", "prep", "conj") and tok.head.i != tok.i and len(out) < 5:
        tok = tok.head
        out.append(tok)
    return out


def _subject(verbs):
    for v in verbs:
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass", "expl"):
                return c
    return None


def _future_clause(tok, appointment=frozenset()) -> bool:
    """A future clause of the verb's own: a ccomp, or a relative clause of its object."""
    for c in tok.children:
        if c.dep_ == "ccomp" and (_future(c) or any(_future(x) for x in c.children if x.dep_ == "conj")):
            return True
        if c.dep_ in ("dobj", "nsubjpass", "attr"):
            for r in c.children:
                if r.dep_ not in ("relcl", "acl"):
                    continue
                if _future(r):  # "projects that will be fast-tracked"
                    return True
                if (c.lemma_.lower() in PLAN_NOUNS and any(x.lower_ == "to" and x.dep_ == "aux" for x in r.children)
                        and r.lemma_.lower() not in appointment):
                    return True  # "announced plans to transform"; not "announcing his intent to nominate" (done today)
    return False


def _causative(tok, vague=frozenset()) -> bool:
    """"get / have X done": a verb of ``CAUSATIVE`` whose object, a named thing (not one of
    ``vague``: "getting things done"), carries a participle; the promise is that X be done,
    not an outcome the speaker undergoes."""
    if tok.lemma_.lower() not in CAUSATIVE:
        return False
    for o in tok.children:
        if o.dep_ not in ("dobj", "ccomp"):
            continue
        # the thing to be done: the object, or the subject of a small clause ("get [things done]")
        thing = o if o.dep_ == "dobj" else next((c for c in o.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if thing is None or thing.lemma_.lower() in vague or thing.lower_ in vague:
            continue
        if any(x.tag_ in ("VBN", "VBG") and x.dep_ in ("acl", "xcomp", "ccomp", "oprd") for x in o.subtree):
            return True
    return False


def _to_clause(tok) -> bool:
    """A to-infinitive complement of the verb, also when parsed as an adverbial clause
    ("have committed to modernise our alliance")."""
    return any(c.dep_ in ("xcomp", "ccomp") or c.dep_ == "prep" and c.lower_ == "to"
               or c.dep_ == "advcl" and c.i > tok.i and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)
               for c in tok.children)


def _under(tok, lemmas, hops: int = 4) -> bool:
    """Whether a verb of ``lemmas`` governs this token within a few steps up the parse."""
    for _ in range(hops):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in lemmas:
            return True
    return False


def reason(sdoc, trig: list, head) -> str | None:
    """Why the act whose trigger tokens are ``trig`` is not a commitment, or None.
    ``head`` is the promised action found by matter.analyse (its verb, before unwrapping)."""
    L = lists()
    if trig:
        clause_end = max(t.i for t in trig[0].sent)
        if sdoc[clause_end].text == "?" or sdoc.text.rstrip().endswith("?"):
            return "question"  # "Will the President be following through on his commitment?"
    lem = [t.lemma_.lower() for t in trig]
    last = trig[-1] if trig else None
    if (last is not None and last.lower_ in L["state_adjectives"] and last.i + 1 < len(sdoc)
            and sdoc[last.i + 1].lower_ == "for"):
        return "other sense"  # "communities are prepared for the renaissance": a state, not a promise
    if "forward" in lem and any(x in ("look", "looking") for x in lem + [t.lower_ for t in trig]):
        return "courtesy"
    if any(x in L["courtesy"] for x in lem):
        return "courtesy"
    verbs = [t for t in trig if t.pos_ in ("VERB", "AUX") and t.tag_ != "MD"] or list(trig)
    if not verbs:
        return None
    v0 = verbs[0]
    chain = _chain(v0)
    subj = _subject(chain)
    # negation: a "not"/"never" on the verb chain, or a negative subject
    for v in chain + verbs:
        if any(c.dep_ == "neg" for c in v.children):
            return "negated"
    if subj is not None:
        words = {subj.lower_} | {c.lower_ for c in subj.children if c.dep_ == "det"}
        if words & L["negative_subjects"]:
            return "negated"
    if any(v.lemma_.lower() == "need" for v in chain):
        return "necessity"  # "we need to now consider": a need, not a promise
    fut = any(_future(v) for v in chain + verbs)
    if not fut and any(c.dep_ == "aux" and c.lower_ in ABILITY for v in chain for c in v.children):
        return "possibility"  # "we can continue to grow", "we should consider"
    first = v0
    while first.dep_ == "conj" and first.head.i != first.i:  # "will take a look ... and consider applying"
        first = first.head
    if first.dep_ == "ccomp" and first.head.lemma_.lower() in OPINION_HEADS and (subj is None or subj.lower_ not in ("we", "i")):
        return "not the speaker"  # "we hope that Americans ... will take a look ... and consider applying"
    if v0.lemma_.lower() in L["assurance_verbs"] and any(
            c.dep_ == "ccomp" and c.tag_ in ("VBP", "VBZ", "VBD") and not _future(c)
            and not any(x.dep_ == "aux" and x.tag_ == "MD" for x in c.children) for c in v0.children):
        return "rhetoric"  # "I can promise you that you all have the tools": an assurance of a fact, no act promised
    if v0.lemma_.lower() == "agree" and any(
            c.dep_ == "prep" and c.lower_ == "on" and any(g.lemma_.lower() in OPINION_NOUNS for g in c.children) for c in v0.children):
        return "opinion"  # "agreed on the importance of working with allies"
    top = chain[-1]
    if not fut and top.dep_ == "relcl" and subj is not None and subj.lower_ in ("we", "i"):
        return "rhetoric"  # "the values that we seek to uphold": a description of a noun, no promise made
    if not fut and top.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "while") for c in top.children):
        return "rhetoric"  # "as we pursue sustained and inclusive growth": a background clause
    if top.dep_ == "xcomp" and top.head.lemma_.lower() in L["exhort_verbs"] and any(
            c.dep_ == "dobj" and c.lower_ not in ("us", "me", "ourselves") for c in top.head.children):
        return "not the speaker"  # "I have challenged OSPRI to constantly seek out new ways"
    if (top.dep_ == "ccomp" and top.head.lemma_.lower() in L["expect_verbs"]
            and (subj is None or subj.lower_ not in ("we", "i"))):
        return "forecast"  # "Pharmac anticipates about 2,500 Kiwis will access the treatments"
    if subj is not None and subj.lower_ in ("he", "she") and v0.lemma_.lower() not in L["personal_promise"]:
        return "not the speaker"  # "he wants to give", "she will bring the same skill"; not "He intends to run"
    v0l_ = v0.lemma_.lower()
    # a promise word of the trigger as an adjective: "I am committed to making", "is determined to get"
    promised = any(t.lower_ in L["promise_adjectives"] for t in trig)
    if v0l_ in L["completed"] and any(v.pos_ == "ADJ" and v.lower_ not in L["promise_adjectives"] for v in chain[1:]):
        return "completed"  # "pleased to announce", "proud to launch": done in the document
    if v0.head.lemma_.lower() in PERCEPTION and (v0.tag_ in ("VBG", "VBN") or v0.dep_ == "ccomp" and v0.tag_ in ("VB", "VBP")):
        return "not the speaker"  # "we have seen Auckland Airport announcing", "we did see the Russians try to press"
    if subj is not None and subj.lower_ not in ("we", "i") and _under(v0, L["condemn"]):
        return "not the speaker"  # "we condemn the sham referenda that Russia attempts to use"
    if not fut and any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in v0.children):
        return "completed"  # "the Government was exploring", "had agreed"
    to_inf = any(c.dep_ == "aux" and c.lower_ == "to" for v in chain for c in v.children) or v0.tag_ == "VB" or promised
    v0l = v0.lemma_.lower()
    # completed: "announced today", "has launched", "is announcing"
    if v0l in L["completed"] and not fut and not to_inf and v0l not in L["reported_promise"]:
        if not _future_clause(v0, L["appointment_verbs"]):
            return "completed"
    if v0.tag_ == "VBD" and not fut and v0l not in L["reported_promise"] and not _future_clause(v0):
        return "completed"  # "sought to destroy", "wanted to"
    if v0l in L["reported_promise"] and v0.tag_ in ("VBD", "VBN") and not _to_clause(v0) and not fut:
        return "completed"  # "agreed a Declaration", "agreed the approach": done, not promised
    # ceremony: a same-day act
    if fut and v0l in L["completed"]:
        near = " ".join(t.lower_ for t in v0.subtree)
        if v0.dep_ != "ccomp":  # not "announced today that New Zealand will provide": today is the announcement's
            near += " " + " ".join(t.lower_ for t in v0.head.subtree if t.dep_ == "npadvmod")
        if any(w in near for w in L["same_day"]):
            return "ceremony"
    # the promised action
    act = head if head is not None else v0
    al = act.lemma_.lower()
    if al in L["itinerary"] or v0l in L["itinerary"]:
        return "itinerary"
    if al == "take" and any(c.lemma_.lower() == "opportunity" for c in act.children):
        return "itinerary"
    if al in TRIP_HEADS and any(c.dep_ == "dobj" and c.lemma_.lower() in L["trip_nouns"] for c in act.children):
        return "itinerary"  # "will begin his visit by", "will today begin a suite of meetings"
    if al in ("deliver", "give", "make") and any(c.dep_ == "dobj" and c.lemma_.lower() in L["speech_nouns"] for c in act.children):
        return "itinerary"  # "will deliver remarks from the South Lawn"
    if al == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in act.children) and subj is not None and (
            subj.lemma_.lower() in L["event_subjects"] or subj.lower_ in L["event_subjects"]):
        return "itinerary"  # "the Pacific Mission will take place from 4-9 March"
    if al == "hold" and any(c.dep_ == "dobj" and c.lemma_.lower() in L["role_nouns"] for c in act.children):
        return "appointment"  # "will hold the role of Deputy Chair until then"
    if al in L["courtesy"]:
        return "courtesy"
    # a law or measure that comes into force on a date: a scheduled act ("It will now come into force on 1 December")
    in_force = any(t.lower_ in L["in_force_nouns"] and t.head.lower_ in ("into", "take", "takes") or
                   t.lower_ in L["in_force_nouns"] and t.dep_ == "dobj" and t.head.lemma_.lower() == "take" for t in act.subtree)
    # forecast: a future of a non-agent, or an outcome verb
    if fut and subj is not None and subj.dep_ != "nsubjpass" and not in_force:
        s = subj.lemma_.lower()
        if s in L["abstract_subjects"] or subj.lower_ in L["abstract_subjects"]:
            return "forecast"
    causative = _causative(act, L["vague_objects"])
    if al in L["outcome_verbs"] and not causative and not in_force and not any(c.dep_ == "auxpass" for c in act.children):
        return "forecast"
    if al == "take" and any(c.lemma_.lower() == "time" for c in act.children):
        return "forecast"
    if al in L["rhetoric"] and not causative:
        return "rhetoric"
    objs = [c for c in act.children if c.dep_ == "dobj"]
    objs += [x for o in objs for x in o.children if x.dep_ == "conj"]
    if objs and all(o.lemma_.lower() in L["value_objects"] or o.lower_ in L["value_objects"] for o in objs):
        return "rhetoric"  # "uphold our fundamental duty", "defend freedom and democracy"
    if any(t.lower_ in L["ceremony_words"] for t in act.subtree):
        return "ceremony"  # "direct that the flag shall be flown at half-staff"
    return None
