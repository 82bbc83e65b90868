"""Extract acts (RECORDS.md sections 1-3) from sentences parsed by spaCy.

Per finite clause: a trigger (a verb, a light verb + noun, or a predicate adjective
from the lexicons in data/acts/), its source actors (the clause's subject, inherited
through coordination, control and participles), its target actors (the actors the act
is directed at or about, found in its complement), negation, intensity and time.
Sentences with no trigger cue or no actor never reach the parser.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from typing import Iterable, Iterator

from .. import data
from ..models import Act, Document, Mention, Sentence
from ..text.nlp import get_nlp
from .lexicon import LIGHT_VERBS, Lexicon, find_word, get_lexicon, word_classes
from .mapping import code_act
from .sectors import fill_sectors
from .when import find_when

ACTOR_KINDS = {"state", "leader", "office", "official", "capital", "body", "group", "people", "party_ref"}
WORDS = word_classes()  # data/acts/word_classes.yaml
COMMIT_CONTROLLERS = WORDS["COMMIT_CONTROLLERS"]
SKIP_DEPS = {"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "mark", "punct", "cc", "advcl", "expl", "det"}
LOCATIVE = {"in", "at", "within", "through", "under", "during", "among", "across", "inside"}
PLACE_PREPS = {"in", "at", "to", "from", "during", "near", "around"}
NEG_CONTROLLERS = WORDS["NEG_CONTROLLERS"]
PRONOUN_SUBJECTS = {"he", "she"}
ACTION_LEMMAS = WORDS["ACTION_LEMMAS"]
ACTION_NOUN = re.compile(r"(?:tion|ment|ing|ance|ence|sal|ure)s?$")
AFFIRM_LIGHT = WORDS["AFFIRM_LIGHT"]
AFFIRMED_STANCES = WORDS["AFFIRMED_STANCES"]
AREA_HEADS = WORDS["AREA_HEADS"]
LABEL_VERBS = WORDS["LABEL_VERBS"]
CENSURE_PREDICATES = WORDS["CENSURE_PREDICATES"]
VIEW_NOUNS = WORDS["VIEW_NOUNS"]
EFFORT_NOUNS = WORDS["EFFORT_NOUNS"]
OPEN_MODALS = {"can", "could", "should", "would", "will", "might", "may", "to", "shall", "must"}
VICTIM_PREPS = {"against", "on", "upon"}
RELATIONAL = WORDS["RELATIONAL"]
GENERIC_ORGS = WORDS["GENERIC_ORGS"]
REPORTING = WORDS["REPORTING"]
SUBJECT_FILLERS = WORDS["SUBJECT_FILLERS"]
AGENT_ACTS = {"assault", "sanction", "threaten", "condemn", "aid", "sign", "announce", "reject", "demand", "urge"}
AGENT_NOUNS = WORDS["AGENT_NOUNS"]
# the things among them (a state's decision, policy, statement), which do not act themselves
AGENT_THINGS = WORDS["AGENT_THINGS"]
REFUSAL_VERBS = WORDS["REFUSAL_VERBS"]
ORG_AGENTS = WORDS["ORG_AGENTS"]
SPEAKER_NOUNS = frozenset(w for w in data.read_lines("acts/speaker_nouns.txt"))
SPEAKER_CUE = re.compile(r"(?:" + "|".join(sorted((re.escape(w) + "s?" for w in SPEAKER_NOUNS), key=len, reverse=True)) + r")(?!\w)")
PRONOUN_START = re.compile(r"[\"'\u201c\u2018]?\s*(He|She|They|We|It|I|Our|Their)\b(?!\.)")
MATERIAL = {"sign", "meet", "aid", "sanction", "assault", "cooperate", "announce"}
SPEECH_ACTS = {"urge", "condemn", "demand", "reject", "concern", "support", "affirm", "note", "threaten"}
PRONOUN_SUBJECT = re.compile(r"(?:^|[,;]\s|\band\s|\bbut\s)(?:he|she|they|we|He|She|They|We)\s+(?:\w+ly\s+|also\s+|again\s+|once again\s+)?[a-z]+(?:ed|s)\b")
FIRST_PERSON = {"we", "our", "us", "our countries", "our governments"}
REPORTED = re.compile(r"\b(?:said|says|say|told|tells|added|adds|stated|wrote|according to)\b")
PEOPLE_NOUNS = WORDS["PEOPLE_NOUNS"]
PERCEPTION = WORDS["PERCEPTION"]
SANCTION_CONTEXT = WORDS["SANCTION_CONTEXT"]
REGIME_NOUNS = WORDS["REGIME_NOUNS"]
DISCUSS = WORDS["DISCUSS"]
PLACE_IN_ACTS = {"meet", "support", "note", "affirm", "concern", "announce", "sign", "explore"}
ENDORSE_VERBS = WORDS["ENDORSE_VERBS"]
SHOW_VERBS = WORDS["SHOW_VERBS"]
OWN_STANCE = WORDS["OWN_STANCE"]
SCHEDULE_CONTROLLERS = WORDS["SCHEDULE_CONTROLLERS"]
OWN_INTENT = WORDS["OWN_INTENT"]
IMPORTANCE = WORDS["IMPORTANCE"]
DIRECTED = {"urge", "condemn", "demand", "reject", "concern"}
# "said Taiwan would respond calmly": reported speech's "will" (_backshifted), for the gate
REPORTED_WOULD = re.compile(r"\b(?:said|says|announced|confirmed|stated|added)(?: that)? [^.;:]{1,60}? would (?!be |not |have |like |also be )")
INTENT_VERBS = WORDS["INTENT_VERBS"]
NEGOTIATION_NOUNS = WORDS["NEGOTIATION_NOUNS"]
HELD_MEETINGS = WORDS["HELD_MEETINGS"]
VENUE_VERBS = WORDS["VENUE_VERBS"]
OWN_GOVERNMENT_NOUNS = WORDS["OWN_GOVERNMENT_NOUNS"]
STATED_STANCES = WORDS["STATED_STANCES"]
ADVCL_CONTROL = WORDS["ADVCL_CONTROL"]
AUTHORED_HEADS = WORDS["AUTHORED_HEADS"]
BILATERAL_ACTS = WORDS["BILATERAL_ACTS"]
DISCUSSED_PLANS = WORDS["DISCUSSED_PLANS"]
COUNTED_HEADS = WORDS["COUNTED_HEADS"]
PLACE_OF = {r["name"]: r["of"] for r in data.read_tsv("actors/places.tsv") if r.get("of")}  # territory -> its state
TIME_MARKS = WORDS["TIME_MARKS"]
OTHER_SIDES = WORDS["OTHER_SIDES"]
REPORTED_PLEDGE = WORDS["REPORTED_PLEDGE"]
JOINT_TALK = WORDS["JOINT_TALK"]
JOURNEY_VERBS = WORDS["JOURNEY_VERBS"]
ATTEND_VERBS = WORDS["ATTEND_VERBS"]
REFERENT_KINDS = ("state", "group", "body", "leader", "office")  # who "this", "the strikes" can point back to
CALLED_PEOPLE = WORDS["CALLED_PEOPLE"]
ITINERARY_STEPS = WORDS["ITINERARY_STEPS"]
EVIDENCE_NOUNS = WORDS["EVIDENCE_NOUNS"]
READINESS = WORDS["READINESS"]
FIGURATIVE_OBJECTS = WORDS["FIGURATIVE_OBJECTS"]
ADDRESS_VERBS = WORDS["ADDRESS_VERBS"]
SPEECH_NOUNS = WORDS["SPEECH_NOUNS"]
NOTE_TO_SUPPORT = WORDS["NOTE_TO_SUPPORT"]




def _children(tok, deps):
    return [c for c in tok.children if c.dep_ in deps]


def _noun_trigger(lex: Lexicon, verb, noun) -> tuple[str, str] | None:
    hit = lex.nouns.get((verb.lemma_.lower(), noun.lemma_.lower()))
    if hit is None and verb.lemma_.lower() in LIGHT_VERBS:
        hit = lex.nouns.get(("*", noun.lemma_.lower()))
    return hit


def classify(lex: Lexicon, tok):
    """(act, role, trigger tokens, light noun or None) for a token that can carry an act."""
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if tok.pos_ in ("VERB", "AUX") and tok.tag_ != "MD" or (tok.pos_ == "ADJ" and low in lex.adjectives):
        # light verb + object noun ("expressed concern", "reiterated their strong support")
        objs = _children(tok, {"dobj", "attr", "nsubjpass"})
        # "reaffirmed Australia and New Zealand's commitment": the parser makes the first
        # possessor the object and the noun its conjunct
        objs += [c for o in objs if o.pos_ == "PROPN" for c in _possessed_conjuncts(o)]
        objs += [c for o in objs for c in _noun_conjuncts(o)]  # "surging security, humanitarian, and economic assistance"
        for obj in objs:
            hit = _noun_trigger(lex, tok, obj)
            if hit and lemma == "share" and obj.tag_ == "NNS" and obj.lemma_.lower() in VIEW_NOUNS:
                return "meet", "act", [tok, obj], None  # "shared perspectives on X": an exchange of views (meet);
                # "shared the view that ..." stays a stance (affirm)
            if hit:
                return hit[0], hit[1], [tok, obj], obj
            # "provided $5 million in humanitarian aid", "a package of assistance"
            for p in obj.children:
                if p.dep_ == "prep" and p.lower_ in ("in", "of"):
                    for g in p.children:
                        if g.dep_ == "pobj":
                            hit = lex.nouns.get((lemma, g.lemma_.lower()))
                            if hit:
                                return hit[0], hit[1], [tok, obj, p, g], g
        nxt = tok.doc[tok.i + 1:tok.i + 3]
        if len(nxt) == 2 and nxt[0].lower_ == "with":
            # "noted with concern X" (the parser may read "concern" as X's modifier)
            hit = lex.nouns.get((lemma, nxt[1].lemma_.lower()))
            if hit:
                return hit[0], hit[1], [tok, nxt[0], nxt[1]], nxt[1]
        for prep in _children(tok, {"prep"}):
            if prep.lower_ == "with":
                for pobj in _children(prep, {"pobj"}):
                    hit = lex.nouns.get((lemma, pobj.lemma_.lower()))
                    if hit:
                        return hit[0], hit[1], [tok, prep, pobj], pobj
        if any(_amount(o) for o in objs) or any(_amount(g) for p in _children(tok, {"prep"}) if p.lower_ == "with"
                                                for g in _children(p, {"pobj"})):
            # "provided over half a billion dollars in humanitarian assistance to Ukraine", "provided
            # Ukraine with $500 million in development and humanitarian assistance": the parser hangs
            # the kind of the amount on the verb, or lists it as a conjunct
            for noun in _amount_kinds(tok):
                hit = lex.nouns.get((lemma, noun.lemma_.lower()))
                if hit:
                    return hit[0], hit[1], [tok, noun], noun
        if lemma in ("be", "remain") and (stance := _stance_subject(lex, tok)) is not None:
            return stance  # "Our support to Ukraine is unwavering"
        united = tok.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lemma_ == "be" for c in tok.children)
        if lemma in ("be", "remain", "stand") or united:
            # "remained unequivocal in their condemnation of Hamas", "is united in its solidarity
            # with Ukraine": the stance noun's act
            for adj in _children(tok, {"acomp"}) or ([tok] if united else []):
                for prep in _children(adj, {"prep"}) + _children(tok, {"prep"}):
                    if prep.lower_ != "in":
                        continue
                    for noun in _children(prep, {"pobj"}):
                        hit = lex.nouns.get(("*", noun.lemma_.lower()))
                        if hit and hit[1] == "act" and any(g.dep_ == "poss" for g in noun.children):
                            return hit[0], hit[1], [tok, adj, prep, noun], noun
        if lemma in ("be", "keep", "stay", "remain"):
            for prep in _children(tok, {"prep"}):
                if lemma == "be" and prep.lower_ == "on" and any(g.lemma_.lower() in ("visit", "trip", "tour", "mission")
                                                                 for g in prep.children):
                    return "meet", "act", [tok, prep] + [g for g in prep.children if g.dep_ == "pobj"], None
                if prep.lower_ == "in" and any(g.lemma_.lower() in ("talk", "negotiation", "discussion", "contact", "consultation")
                                               for g in prep.children):
                    # "are in talks with", "have kept in close consultation with"
                    return "meet", "act", [tok, prep] + [g for g in prep.children if g.dep_ == "pobj"], None
                if lemma == "be" and prep.lower_ == "for" and any(
                        g.lemma_.lower() in ("meeting", "summit", "talk", "consultation") for g in prep.children):
                    # "The two Prime Ministers are in Queenstown for the annual Leaders' meeting"
                    return "meet", "act", [tok, prep] + [g for g in prep.children if g.dep_ == "pobj"], None
            if (noun := _matter_of_concern(tok)) is not None:
                return "concern", "act", [tok, noun], noun  # "the situation in Niger was cause for serious concern"
            if lemma == "be":
                return None
        if lemma == "bear" and (noun := _blame(tok)) is not None:
            return "condemn", "act", [tok, noun], noun  # "Russia bears full responsibility for this act of aggression"
        if lemma in ("see", "hear") and tok.dep_ == "xcomp":
            # "It is heartening to see that ...", "It's great to see ...": approval (support)
            h = tok.head
            adj = h if h.lower_ in lex.seeing else next((c for c in h.children if c.dep_ == "acomp"
                                                         and c.lower_ in lex.seeing), None)
            if adj is not None and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in h.children) \
                    and not any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in tok.children):
                return "support", "act", [adj, tok], None  # ("great to see President Xi again": a meeting)

        if lemma == "make" and any(c.lower_ == "clear" and c.dep_ in ("ccomp", "oprd", "acomp", "dobj", "xcomp")
                                   for c in tok.children):
            # "made clear that the Palestinian people must have a hopeful political horizon"
            return "affirm", "report", [tok, *(c for c in tok.children if c.lower_ == "clear")], None
        if lemma == "bring" and any(c.lower_ == "together" for c in tok.children) and _children(tok, {"dobj"}):
            return "meet", "act", [tok, *(c for c in tok.children if c.lower_ == "together")], None  # "brought together leaders"
        if lemma in LABEL_VERBS and (pred := _censure_label(tok)) is not None:
            return "condemn", "act", [tok, pred], None  # "called the launch a serious provocation"
        if lemma == "call":
            if any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
                return "condemn", "act", [tok, *(c for c in tok.children if c.dep_ == "prt")], None  # "called out X for"
            for c in tok.children:
                if c.dep_ in ("prt", "prep") and c.lower_ in ("on", "upon", "for"):
                    if c.lower_ != "for" and _a_courtesy_call(tok, c):
                        return "meet", "act", [tok, c], None  # "will call on the UN Secretary-General": a visit
                    return "urge", "act", [tok, c], None
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ in ("on", "upon", "for"):
                return "urge", "act", [tok, nxt], None  # "calling for North Korea to halt" (for read as a mark)
            return None
        if lemma in ("ask", "request"):
            # "ask Russia to immediately cease ...", "requested that X": a request of another actor;
            # "asked about X", "asked questions" are speech
            if any(c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") for c in tok.children):
                return "urge", "act", [tok], None
            return None
        if lemma == "look":
            for c in tok.children:
                if c.lower_ == "forward":
                    return "commit", "control", [tok, c], None
                if c.dep_ == "prep" and c.lower_ in ("at", "into") and any(
                        g.dep_ == "pobj" and g.lemma_.lower() in lex.explore_words for g in c.children):
                    return "explore", "act", [tok, c], None  # "will look at opportunities / ways / options for"
            if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "to")
                   or (c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)) for c in tok.children):
                return "explore", "control", [tok], None
            return None
        if lemma == "stand":
            for c in _children(tok, {"acomp", "oprd", "advmod"}):
                if c.lower_ == "ready":
                    return "commit", "control", [tok, c], None
            return None
        if lemma == "step":
            if any(c.lower_ == "up" for c in tok.children):
                for obj in _children(tok, {"dobj"}):
                    hit = lex.nouns.get(("step", obj.lemma_.lower()))
                    if hit:
                        return hit[0], hit[1], [tok, obj], obj
            return None
        if low in lex.adjectives and (tok.pos_ == "ADJ" or any(c.dep_ in ("auxpass", "aux") for c in tok.children)
                                      or tok.dep_ in ("acomp", "conj", "ROOT", "xcomp")) and not (
                lemma in lex.verbs and tok.pos_ != "ADJ" and not any(c.dep_ == "auxpass" for c in tok.children)):
            # (a participle that is also a verb of another act is the adjective only after "be":
            # "has been encouraged by Indonesia's reforms" (support), "encouraged Fiji to" (urge))
            act, role = lex.adjectives[low]
            return act, role, [tok], None
        if lemma == "target":
            # "targeted four state governors" in a report of sanctions; "targeting civilians" is no sanction
            if any(t.lemma_.lower() in SANCTION_CONTEXT for t in tok.doc):
                return "sanction", "act", [tok], None
            return None
        if lemma == "join":
            # "joined Japan in calling for ...": the inner act, done together with the object
            for p in tok.children:
                if p.dep_ == "prep" and p.lower_ == "in":
                    for g in p.children:
                        if g.dep_ in ("pcomp", "pobj") and g.tag_ == "VBG":
                            inner = classify(lex, g)
                            if inner is not None and inner[1] in ("act", "report"):
                                return inner[0], "join", [tok, p, *inner[2]], inner[3]
            for x in tok.children:  # "has joined with his Canadian and New Zealand counterparts to call for"
                to = next((a for a in x.children if a.dep_ == "aux" and a.lower_ == "to"), None)
                if x.dep_ in ("xcomp", "advcl") and to is not None:
                    inner = classify(lex, x)
                    if inner is not None and inner[1] in ("act", "report") and inner[0] != "commit":
                        return inner[0], "join", [tok, to, *inner[2]], inner[3]
            return None
        if lemma in ("take", "play") and any(c.dep_ == "dobj" and c.lemma_.lower() in ("part", "role") for c in tok.children):
            # "took part in the talks with Fiji", "played a lead role in the negotiations with Brunei": talks held
            for obj in _children(tok, {"dobj"}):
                for p in _children(tok, {"prep"}) + _children(obj, {"prep"}):
                    if p.lower_ == "in" and any(g.lemma_.lower() in NEGOTIATION_NOUNS for g in _children(p, {"pobj"})):
                        return "meet", "act", [tok, obj, p], None
        if lemma in ("see", "view", "regard") and any(c.dep_ == "auxpass" for c in tok.children) \
                and any(c.dep_ == "agent" for c in tok.children):
            return "affirm", "act", [tok], None  # "The CEP was seen by both Prime Ministers as a platform": their view
        if lemma == "represent" and any(c.dep_ == "dobj" and (c.pos_ == "PROPN" or c.lemma_.lower() in ("government", "country"))
                                        for c in tok.children) \
                and any(c.dep_ == "prep" and c.lower_ in ("at", "alongside") for c in tok.children):
            # "will represent New Zealand at the Pacific Islands Forum Leaders Meeting": attending it
            return "meet", "act", [tok], None
        if lemma in ("speak", "talk") and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) \
                and not any(c.dep_ in ("prep", "dobj") for c in tok.children):
            return None  # "the negotiations are ongoing as we speak": an idiom of time
        if lemma == "thank" and _courtesy_thanks(tok):
            return None  # "Thank you very much, Mr. President.": a courtesy of speech, nothing thanked for
        if lemma == "take" and (held := _held_meeting(tok)) is not None:
            return "meet", "act", [tok, held], None  # "Cho's meeting with Araghchi took place on ..."
        if lemma in lex.verbs:
            act, role = lex.verbs[lemma]
            if act == "none":
                return None
            if lemma in ("fly", "travel", "sail") and not any(c.dep_ in ("prep", "advmod") and c.lower_ in (
                    "to", "for", "into", "abroad", "overseas") for c in tok.children):
                return None  # a journey names where it goes ("will travel to Canberra"); "the Air Force can't fly"
            return act, role, [tok], None
        if lemma in ("work", "collaborate", "partner") and tok.tag_ == "VBG" and any(
                c.dep_ == "aux" and c.lemma_.lower() == "be" for c in tok.children):
            return "cooperate", "act", [tok], None  # "are working together to push for ...": joint activity under way
        if tok.pos_ == "VERB" and (any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in tok.children)
                                   or _backshifted(tok)) \
                and not any(c.dep_ == "auxpass" for c in tok.children):
            if lemma not in ("be", "have", "need", "remain"):
                return "commit", "modal", [tok], None
    return None


def _a_courtesy_call(tok, prep) -> bool:
    """ "called on the Speaker of the House", "will call on the United Nations Secretary
    General": a visit paid to a person, nothing asked of them (no "to" clause, no "for")."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    if not objs or objs[0].lemma_.lower() not in CALLED_PEOPLE:
        return False
    asked = [*tok.children, *objs[0].children]
    return not any(c.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl") and any(
        g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in asked) \
        and not any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)


def _discusses_ways(lex: Lexicon, tok) -> bool:
    """ "discuss" with ways, opportunities, measures ... to act (or a gerund) as its object:
    explore (RECORDS.md); any other object is a topic talked about. A clause as object is
    open-ended only when it is about what is yet to be done ("discussing how we can work more
    closely", "whether to ..."); "discussed how the Administration has advanced ..." is a topic."""
    words = lex.explore_words | DISCUSSED_PLANS
    for c in tok.children:
        if c.dep_ == "ccomp":
            if any(g.dep_ == "aux" and g.lower_ in OPEN_MODALS for g in c.children) and (
                    any(g.lower_ in ("how", "whether") and g.dep_ in ("advmod", "mark") for g in c.children)
                    or any(g.lemma_.lower() in words for g in _discussed(c))):
                return True
        elif c.dep_ in ("dobj", "xcomp") and (c.tag_ == "VBG" or any(g.lemma_.lower() in words for g in _discussed(c))):
            return True
    # the parser may hang "with great potential" on the verb: "discussed areas with great potential"
    return any(c.dep_ == "dobj" and c.lemma_.lower() in AREA_HEADS for c in tok.children) and any(
        g.lemma_.lower() in words for p in tok.children if p.dep_ == "prep" and p.lower_ in ("with", "of")
        for g in p.children if g.dep_ == "pobj")


def _discussed(obj) -> list:
    """What an object of "discuss" names: itself, its modifiers and, through "a number /
    range / series of", the noun counted ("discussed a number of initiatives for ...")."""
    out = [obj, *obj.children]
    for p in obj.children:
        if p.dep_ == "prep" and p.lower_ in ("with", "of") and obj.lemma_.lower() in AREA_HEADS:
            out += [g for g in p.children if g.dep_ == "pobj"]  # "areas with great potential for cooperation"
        if p.dep_ == "prep" and p.lower_ == "of" and obj.lemma_.lower() in COUNTED_HEADS:
            for g in p.children:
                if g.dep_ == "pobj":
                    out += [g, *g.children]
    return out


def _bilateral_matter(tok, subj) -> bool:
    """The act's clause (its subject aside) is about the relationship of two sides:
    "bilateral", "the two countries", "both nations", "the countries"."""
    skip = {t.i for t in subj.subtree} if subj is not None else set()
    for t in tok.subtree:
        if t.i in skip:
            continue
        low = t.lower_
        if low == "bilateral":
            return True
        if t.lemma_.lower() in ("country", "nation", "side") and low.endswith("s") and any(
                c.lower_ in ("two", "both", "the") for c in t.children if c.dep_ in ("det", "nummod", "predet")):
            return True
    return False


def _quoted_at(text: str, i: int) -> bool:
    """Offset i of a sentence lies inside a quotation (more opening than closing marks before
    it; straight quotes by parity)."""
    before = text[:i]
    if "\u201c" in before or "\u201d" in before:
        return before.count("\u201c") > before.count("\u201d")
    return before.count('"') % 2 == 1


def _noun_conjuncts(t) -> list:
    """The nouns coordinated with an object ("food, water and medical assistance"), which the
    parser hangs on the first one (or on an adjective between)."""
    out, stack = [], [c for c in t.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop()
        if c.pos_ == "NOUN":
            out.append(c)
        stack += [g for g in c.children if g.dep_ == "conj"]
    return out


def _own_government(subj) -> bool:
    """ "his / her / their / our administration (government)": the speaker's own government."""
    return subj.lemma_.lower() in OWN_GOVERNMENT_NOUNS and any(
        g.dep_ == "poss" and g.lower_ in ("his", "her", "their", "our") for g in subj.children)


def _courtesy_thanks(tok) -> bool:
    """ "Thank you (very much), Mr. President." (also after a transcript's speaker label, or
    with "I" / "we"): thanks for nothing named, a courtesy of speech."""
    if not any(c.dep_ == "dobj" and c.lower_ in THANKED_ALL for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ in ("prep", "aux") or (c.dep_ == "dobj" and c.lower_ not in THANKED_ALL):
            return False  # "thank you for ...", "I want to thank ...", "thank Japan"
        if c.dep_ == "nsubj" and c.lower_ not in ("i", "we") and not any(g.lower_ == ":" for g in c.children):
            return False  # a subject other than the speaker or a speaker's label
    return True


THANKED_ALL = ("you", "everyone", "everybody", "all")


def _meeting_counterpart(found: list, doc: Document, src: list[str], here_only: bool = False) -> list[str]:
    """The other side of the meeting an account reports for a single source: the one this
    sentence says it met, else (unless here_only) in a two-party document the other party,
    else the other side of the last meeting this document reported for the same source."""
    here = next((list(a.target) for a in found if a.act == "meet" and a.target and a.source == src), None)
    if here is not None or here_only:
        return here or []
    if len(doc.parties) == 2 and src[0] in doc.parties:
        return [p for p in doc.parties if p != src[0]]
    return next((list(a.target) for a in reversed(doc.acts) if a.act == "meet" and a.target and list(a.source) == src), [])


def _held_meeting(tok):
    """ "took place" with a meeting as its subject ("Cho's meeting with Iranian Foreign
    Minister Araghchi took place on the sidelines of ..."): the object "place", or None."""
    place = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ == "place"), None)
    if place is None or not any(c.dep_ == "nsubj" and c.lemma_.lower() in HELD_MEETINGS for c in tok.children):
        return None
    return place


def _meeting_sides(ctx: "SentenceContext", subj) -> tuple[list[str], list[str]]:
    """Who held a meeting named as a subject, and with whom: its possessor or "between A and
    B" (both sides), and "with X" (the other side)."""
    src: list[str] = []
    tgt: list[str] = []
    for c in subj.children:
        if c.dep_ == "poss":
            src += [x for x in ctx.codes_in(c.subtree) if x not in src]
        elif c.dep_ == "prep" and c.lower_ in ("between", "among"):
            src += [x for x in ctx.codes_in(c.subtree) if x not in src]
        elif c.dep_ == "prep" and c.lower_ == "with":
            tgt += [x for x in ctx.codes_in(c.subtree) if x not in tgt]
    return src, [x for x in tgt if x not in src]


def _backshifted(tok) -> bool:
    """"said Taiwan would respond calmly": the "will" of reported speech, not a condition."""
    return tok.dep_ == "ccomp" and tok.i > tok.head.i and tok.head.lemma_.lower() in REPORTED_PLEDGE and any(
        c.dep_ == "nsubj" and (c.pos_ == "PROPN" or c.lower_ in ("it", "they", "we")) for c in tok.children) and any(
        c.dep_ == "aux" and c.lower_ == "would" for c in tok.children) and not any(
        (c.dep_ == "mark" and c.lower_ in ("if", "unless")) or (c.dep_ == "advcl" and any(
            g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)) for c in tok.children)


def _possessed_conjuncts(t) -> list:
    """The nouns the parser hung on a first possessor as its conjuncts: in "Fiji and Tonga's
    support" or "Australia and New Zealand's commitment" it makes "Fiji" the head and
    "support" its conjunct, which carries the second possessor."""
    return [c for c in t.children if c.dep_ == "conj" and any(g.dep_ == "poss" for g in c.children)]


def _stance_subject(lex: Lexicon, tok):
    """A stance noun with its holder as the subject of "be"/"remain" and a predicate: "Our
    support to Ukraine is unwavering", "New Zealand's commitment to the Pacific remains
    strong" = the noun's act (support, commit ...) by the holder. The holder is the noun's
    possessor (see _stance_holder)."""
    for subj in _children(tok, {"nsubj"}):
        if not any(c.dep_ == "poss" for c in subj.children):
            continue
        if not any(c.dep_ in ("acomp", "attr", "oprd") for c in tok.children):
            continue
        if subj.lemma_.lower() == "commitment":
            return "affirm", "act", [subj, tok], subj  # a commitment restated as a stance (RECORDS.md)
        hit = lex.nouns.get(("*", subj.lemma_.lower()))
        if hit and hit[1] == "act" and hit[0] in ("support", "reject", "concern", "condemn", "affirm"):
            return hit[0], "act", [subj, tok], subj
    return None


def _stance_holder(ctx: "SentenceContext", noun, parties: list[str]) -> list[str]:
    """Who holds the stance a subject noun names: its possessor ("Our" = the parties)."""
    for c in noun.children:
        if c.dep_ != "poss":
            continue
        if c.lower_ in ("our", "their") and ctx.tok2m.get(c.i) is None:
            return list(parties)
        return ctx.codes_in(c.subtree)
    return []


def _inner_chain(tok, light_noun):
    """The verbs a control verb governs: xcomp, 'to' + gerund, noun + infinitive."""
    chain = []
    cur = light_noun if light_noun is not None else tok
    for _ in range(6):
        nxt = None
        for c in cur.children:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                nxt = c
                break
            if c.dep_ == "advcl" and cur.lemma_.lower() in ADVCL_CONTROL and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                # ("look to", and "committed to support Cook Islands", which the parser may read as purpose)
                nxt = c
                break
            if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                nxt = c
                break
            if c.dep_ == "prep" and c.lower_ == "to":
                for g in c.children:
                    if g.dep_ in ("pcomp", "pobj") and (g.tag_ == "VBG" or g.pos_ == "VERB"):
                        nxt = g
                        break
                if nxt is not None:
                    break
        if nxt is None and _same(cur, light_noun):
            cur = tok
            light_noun = None
            continue
        if nxt is None:
            break
        chain.append(nxt)
        cur = nxt
    return chain


REQUEST_LEMMAS = WORDS["REQUEST_LEMMAS"]


def _meets_a_thing(ctx: "SentenceContext", tok) -> bool:
    """"meet" with an object that is neither an actor nor a person or group: "meet the needs",
    "meet those challenges", "meet its commitments" (not a meeting)."""
    for c in tok.children:
        if c.dep_ == "dobj":
            if c.lemma_.lower() in ctx.lex.fulfil_objects:
                return True  # "meet its NATO commitments" (data/acts/fulfil_objects.txt)
            if any(ctx.tok2m.get(t.i) is not None for t in c.subtree):
                return False
            return c.lemma_.lower() not in ACTOR_HEADS | PEOPLE_NOUNS and c.pos_ != "PROPN"
    return False


def _visits_a_place(ctx: "SentenceContext", tok) -> bool:
    """"visit"/"tour" whose object is a place or facility that names no actor ("visit the
    Australian Synchrotron", "tour the Whisstock lab"): not a meeting. A state, capital,
    body or office as object ("visit Viet Nam", "visited New Delhi") is a visit."""
    for c in tok.children:
        if c.dep_ == "dobj":
            m = ctx.tok2m.get(c.i)
            return (m is None or m.kind in ("modifier",)) and c.lemma_.lower() not in ACTOR_HEADS | PEOPLE_NOUNS
    return False


ATTACK_NOUNS = WORDS["ATTACK_NOUNS"]


def _event_agent(ctx: "SentenceContext", tok) -> list[str]:
    """The actor of the violent event a passive names: "killed in shelling by X", "killed
    in an Israeli airstrike", "wounded by Russian missiles" (RECORDS.md: a passive or nominal
    event with a named agent is that agent's act)."""
    for p in tok.children:
        if p.dep_ not in ("prep", "agent") or p.lower_ not in ("in", "by"):
            continue
        for n in p.children:
            if n.dep_ not in ("pobj", "pcomp") or n.lemma_.lower() not in ATTACK_NOUNS | {"shell"}:
                continue
            for c in n.children:
                if c.dep_ == "prep" and c.lower_ == "by":
                    codes = ctx.codes_in(c.subtree)
                    if codes:
                        return codes
                if c.dep_ in ("amod", "compound", "poss") and ctx.tok2m.get(c.i) is not None and ctx.tok2m[c.i].code:
                    return ctx.tok2m[c.i].code.split("+")
    return []


def _pledge_participle(tok) -> bool:
    """A pledge added after the main clause by a participle: "New Zealand has renewed its
    partnership with Kiribati, committing to more assistance ...", "..., pledging to ..."
    (a second act of the same subject, as "..., urging Y to")."""
    return tok.dep_ == "advcl" and tok.i > tok.head.i and tok.lemma_.lower() in ("commit", "pledge", "vow", "promise")


def _censure_label(verb):
    """What `verb` (call, describe, term ...) names its object, when that is a misdeed:
    "called the launch a serious provocation", "described the strikes as a violation",
    "called the move unacceptable" (an object predicate, or "as" + noun). None otherwise."""
    if not _children(verb, {"dobj", "oprd", "nsubjpass"}) and not any(
            c.dep_ == "ccomp" for c in verb.children):
        return None
    preds = [c for c in verb.children if c.dep_ in ("oprd", "acomp", "ccomp")]
    preds += [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for g in _children(p, {"pobj"})]
    for d in _children(verb, {"dobj"}):  # the parser may hang the predicate on the object
        preds += [c for c in d.children if c.dep_ in ("oprd", "appos")]
    for c in preds:
        if c.lemma_.lower() in CENSURE_PREDICATES or c.lower_ in CENSURE_PREDICATES:
            if c.lemma_.lower() == "act" and not any(g.lower_ in ("aggression", "terrorism", "terror", "war", "provocation")
                                                     for g in c.subtree):
                continue  # "an act of aggression / terrorism"; not any act
            return c
    return None


def _amount(tok) -> bool:
    """A sum or quantity: "$500 million", "over half a billion dollars", "NZ$2 million"."""
    return tok.lower_ in ("$", "dollars", "dollar", "million", "billion") or tok.like_num or any(
        c.dep_ in ("nummod", "quantmod") for c in tok.children) or tok.ent_type_ == "MONEY"


def _amount_kinds(verb) -> list:
    """The nouns saying what an amount given by `verb` is made of: "in assistance" under the
    verb or under the amount, with their conjuncts ("in development and humanitarian assistance")."""
    heads = [verb, *(g for p in _children(verb, {"prep"}) if p.lower_ == "with" for g in _children(p, {"pobj"})),
             *_children(verb, {"dobj"})]
    out = []
    for h in heads:
        for p in _children(h, {"prep"}):
            if p.lower_ in ("in", "of"):
                for g in _children(p, {"pobj"}):
                    out += [g, *_noun_conjuncts(g)]
    return out


def _nothing_for(tok) -> bool:
    """No complement saying what the word is for: no phrase, infinitive or clause under it."""
    return not any(c.dep_ in ("prep", "xcomp", "ccomp", "advcl") for c in tok.children)


def _bare_readiness(adj) -> bool:
    """An adjective of readiness or openness with nothing it is ready or open for ("the
    Embassy remains open and fully operational"): a state, no act (as "We are ready.")."""
    return adj.pos_ == "ADJ" and _nothing_for(adj)


def _under_infinitive(tok) -> bool:
    """A verb coordinated with, or completing, an infinitival purpose or modifier ("offered an
    excellent opportunity to promote ... and to highlight ...", "will provide $2 million to help
    support ..."): part of that theme, as the infinitive itself is."""
    t = tok
    if any(c.dep_ in ("aux", "nsubj", "nsubjpass") and c.lower_ != "to" for c in tok.children):
        return False  # "... to investigate and will report to ministers": a clause of its own
    if tok.dep_ == "conj" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False  # a bare conjunct may be the parser's attachment of the main verb's second object:
        # "agreed to explore opportunities to further enhance the deal and launch a dialogue channel"
    for _ in range(4):
        if t.dep_ not in ("conj", "xcomp") or t.head.i == t.i:
            return False
        t = t.head
        if t.dep_ in ("acl", "relcl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            return True
    return False


def _hoped_act(ctx: "SentenceContext", tok, light_noun, src: list[str], parties) -> str:
    """What a hope is (RECORDS.md has no entry; the check sets' practice): a hope that others'
    effort succeeds ("expressed hope that ongoing efforts at reconciliation would be successful",
    "his hope that the sides' recommitment will help") is `support`; a hope that the speakers
    themselves will do something ("voiced hope that the countries could further advance
    cooperation") is an aim, `explore`; a hope that others act stays `urge`."""
    head = light_noun if light_noun is not None else tok
    clauses = [c for c in head.children if c.dep_ in ("acl", "relcl", "ccomp")]
    if not clauses:
        return "urge"
    subj = _children(clauses[0], {"nsubj", "nsubjpass"})
    if not subj:
        return "urge"
    if _noun_lemma(subj[0]) in EFFORT_NOUNS:
        return "support"
    codes = _subject_codes(ctx, subj[0])
    own = set(src) | set(parties or [])
    if subj[0].lower_ in ("we", "they") or (codes and set(codes) <= own and len(codes) >= 2):
        return "explore"
    return "urge"


def _stance_participle(tok) -> bool:
    """A stance or pledge added after the main clause by a participle of the same subject:
    "discussed ..., underscoring the principle of ...", "..., recognising the importance of
    ...", "..., expressing his hope that ...", "..., agreeing to have their teams work ..."
    (RECORDS.md: a participle that adds an act of the same actor is an act). Background
    participles ("..., recognising Nordic leadership", "..., noting that trade has doubled")
    stay no act."""
    if not (tok.tag_ == "VBG" and tok.dep_ == "advcl" and tok.i > tok.head.i):
        return False
    lemma = tok.lemma_.lower()
    objs = _children(tok, {"dobj"})
    if lemma in AFFIRM_LIGHT:
        return True
    if lemma == "agree":
        return bool(_children(tok, {"xcomp"}))  # "..., agreeing to have their teams work ..."; not "agreeing that"
    if lemma in ("recognise", "recognize", "acknowledge"):
        return bool(objs) and objs[0].lemma_.lower() in IMPORTANCE
    return lemma in ("express", "voice", "convey") and bool(objs)


def _describes_object(tok) -> bool:
    """A passive participle after "as" that names its agent ("progressing the Initiative, as
    endorsed by PIF Leaders"; "opposition to any plans ..., as called for by Israeli leaders")
    describes the object of the main act; it is no act of its own (RECORDS.md: a passive
    that only describes the object of another act). Its agent is whose position the main
    act is about (see _targets)."""
    return tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl") and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) and any(c.dep_ == "agent" for c in tok.children)


def _conditional(tok) -> bool:
    """A clause under "if / unless / whether", or a "would / could / might" clause that
    depends on one (RECORDS.md: wishes, plans and conditions are not realised acts)."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children):
        return True
    modal = any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in tok.children)
    return modal and any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
                         for c in tok.children)


HOPE_VERBS = WORDS["HOPE_VERBS"]
WISH_NO_ACT = WORDS["WISH_NO_ACT"]
SPEECH_NO_PLEDGE = WORDS["SPEECH_NO_PLEDGE"]
NOT_PLEDGED = SPEECH_NO_PLEDGE | WORDS["NO_PLEDGE_VERBS"]  # speech, and what will befall rather than be done
MAX_SENTENCE_CHARS = 2500  # the longest dev-gold sentence has 555
OBLIGATION_AUX = {"should", "must", "ought"}
OBLIGATION_HEADS = WORDS["OBLIGATION_HEADS"]


def _speech_not_meeting(tok) -> bool:
    """"speaks French" (a language as object), or a speaker's own "we'll talk about X" with no
    one to talk with: speech, not a meeting."""
    if _children(tok, {"dobj"}):
        return True
    with_someone = any(c.dep_ == "prep" and c.lower_ in ("with", "to", "by") for c in tok.children) or any(
        c.lower_ in ("together", "jointly", "joint") or (c.lower_ == "along" and c.i + 1 < len(c.doc)
                                                         and c.doc[c.i + 1].lower_ == "with") for c in tok.subtree)
    if with_someone:
        return False
    subj, _ = _subject(tok)
    if subj is None:
        return False
    if subj.lower_ in ("i", "we") and any(c.dep_ == "prep" and c.lower_ == "about" for c in tok.children):
        return True
    # one person speaking ("he has spoken often of the diaspora", "I speak for all the people
    # of Israel") with no one to speak with is speech; "the leaders spoke about X" is a talk
    return subj.tag_ in ("NNP", "PRP", "NN") and subj.lower_ not in ("we", "they") and not any(
        c.dep_ == "conj" for c in subj.children)


def _same(a, b) -> bool:
    """The same token of one parse (compared by index: spaCy makes a new Token object at
    each access, so `a is b` never holds for two accesses of one token)."""
    return a is not None and b is not None and a.i == b.i


def _climb(t, step, limit: int = 64):
    """Walk up the parse from t while step(token) holds, stopping at the root (compared by
    index: spaCy makes a new Token object at each access, so `t.head is t` never holds) and
    after `limit` steps."""
    for _ in range(limit):
        if t.head.i == t.i or not step(t):
            break
        t = t.head
    return t


def _obligation(tok) -> bool:
    """An obligation or a necessity, not an act (RECORDS.md section 3): "should call",
    "we need to support", "We have to be ready"."""
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in tok.children):
        return True
    h = _climb(tok, lambda x: x.dep_ == "conj")
    return h.dep_ == "xcomp" and h.head.lemma_.lower() in ("need", "have", "ought") and h.head.pos_ in ("VERB", "AUX") \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in h.children)


def _requested(tok) -> bool:
    """The verb is what a request asks of someone else: the infinitive complement of
    "urged X to", "called on X to", "demanded that X" (RECORDS.md: only the request is an act)."""
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i or cur.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "pobj", "prep"):
            return False
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in cur.children):
            return False  # "After Israel unleashed a wave of airstrikes ..., Egypt and Qatar urged ...": what happened
        head = cur.head
        if head.lemma_.lower() in REQUEST_LEMMAS and cur.dep_ != "conj" and head.i != cur.i:
            if any(c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i > head.i for c in cur.children) or any(
                    c.dep_ in ("dobj",) for c in head.children) or any(c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon")
                                                                      for c in head.children):
                return True
        cur = head
    return False


def _agent_participle(ctx: "SentenceContext", tok) -> bool:
    """"The meeting follows the ISAF conference in London, attended by Foreign Affairs Minister
    Murray McCully": a participle naming its actor after a comma is that actor's act (RECORDS.md:
    a passive that names its agent), unless the noun it describes is the object of another verb
    ("reflected on the meeting chaired by Prime Minister Ardern": one act)."""
    if tok.dep_ not in ("acl", "advcl") or tok.tag_ != "VBN" or tok.i == 0 or tok.doc[tok.i - 1].text != ",":
        return False
    agents = [c for c in tok.children if c.dep_ == "agent"]
    if not agents or not ctx.codes_in(agents[0].subtree):
        return False
    return tok.dep_ == "advcl" or tok.head.dep_ not in ("dobj", "pobj")


def _participle_thing(tok):
    """What an agent participle after a comma describes: the noun it hangs on, or (read as a
    clause of the verb) that verb's object ("follows the ISAF conference ..., attended by")."""
    if tok.dep_ == "acl":
        return tok.head
    before = [c for c in tok.head.children if c.dep_ in ("dobj", "attr", "nsubj") and c.i < tok.i
              and c.pos_ in ("NOUN", "PROPN")]
    return max(before, key=lambda c: c.i) if before else None  # the nearest before the comma


def _wh_clause(tok) -> bool:
    """A clause opened by "what" (its object) that is itself the object of a verb or a
    preposition: "will talk about what the Department of Justice is prepared to do"."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("xcomp", "acomp", "ccomp", "pcomp", "dobj"):
            break
        if cur.dep_ in ("ccomp", "pcomp") and any(t.lower_ == "what" and t.i < tok.i for t in cur.subtree) \
                and cur.head.pos_ in ("VERB", "ADP", "AUX"):
            first = min(t.i for t in cur.subtree)
            return tok.doc[first].lower_ == "what"
        cur = cur.head
    return False


def _in_theme(tok) -> bool:
    """True when an ancestor is an infinitive modifying a noun ("agreement to explore ...")
    or a gerund object of a preposition: the verb is part of a theme, not a clause."""
    cur = tok
    for _ in range(12):
        if cur.head.i == cur.i or cur.dep_ not in ("xcomp", "pcomp", "dobj", "prep", "pobj", "acl"):
            return False  # only the complement chain of a verb is followed (not conjuncts)
        cur = cur.head
        if cur.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            return True
        if cur.dep_ in ("pcomp", "pobj") and cur.tag_ == "VBG" and cur.head.head.i != cur.i and cur.head.dep_ == "prep" \
                and cur.head.head.pos_ == "NOUN":
            return True
    return False


def _subject(tok, accept=None):
    """The subject governing tok: its own, or inherited through coordination, control
    and participles. With ``accept``, subjects that yield no actor are passed over
    (the small model often attaches a coordinated verb to the wrong clause)."""
    t = tok
    via_conj = False
    for _ in range(10):
        subj = _children(t, {"nsubj", "nsubjpass"}) or [g for a in _children(t, {"aux", "auxpass"})
                                                           for g in _children(a, {"nsubj"}) if g.tag_ in ("WP", "WDT")]
        if subj and (t.dep_ == "relcl" and subj[0].lower_ in ("which", "that", "who") or subj[0].tag_ in ("WP", "WDT")):
            return None, t  # "which continues to inflict": the relative pronoun is no actor
        if subj and subj[0].lower_ not in SUBJECT_FILLERS and (accept is None or accept(subj[0])):
            return subj[0], t
        if subj and accept is not None and t.dep_ == "ccomp" and t.head.lemma_.lower() in REPORTING and not via_conj:
            return subj[0], t  # (a verb reached through a conjunct may be the reporting clause's own second verb:
            # "noted that the breakthrough demonstrates X and called on parties to ...": it climbs on)
        if subj and accept is not None and (t.dep_ == "advcl" or (t.dep_ == "ccomp" and not via_conj)) \
                and subj[0].lower_ not in SUBJECT_FILLERS and subj[0].pos_ in ("NOUN", "PROPN"):
            # "... so trade policies can support ...", "we know this investment will make a
            # difference": the clause has a subject of its own (a verb reached through a
            # conjunct may be one the parser hung on the wrong clause: it climbs on)
            return None, t
        if subj and accept is None and subj[0].lower_ not in SUBJECT_FILLERS:
            return subj[0], t
        if t.dep_ in ("ccomp",) and accept is not None and t.head.i != t.i and t.head.lemma_.lower() not in REPORTING:
            t = t.head
            continue
        if t.dep_ in ("xcomp", "conj", "advcl", "pcomp", "pobj", "prep", "acomp", "dobj", "acl", "relcl", "oprd") and t.head.i != t.i:
            if t.dep_ == "relcl":
                return None, t  # a relative clause with no subject of its own carries no act
            via_conj = via_conj or t.dep_ == "conj"
            t = t.head
            continue
        break
    return None, t


class SentenceContext:
    def __init__(self, sdoc, mentions: list[Mention], offset: int, lex: Lexicon, parties: list[str] | None = None):
        self.sdoc = sdoc
        self.lex = lex
        # who "we", "both sides", "the two leaders" are: the document's parties, or in news the
        # actors of the report's lead (see extract_acts)
        self.parties = parties
        self.speaker: list[str] | None = None
        self.recent: str | None = None  # the state last named that is not a party ("the regime" refers to it)
        self.named: list[str] = []  # the states and governments named before this sentence, latest last
        self.tok2m: dict[int, Mention] = {}
        self.subject_codes: dict[int, list[str]] = {}  # subject token -> its actors (_subject_codes, per sentence)
        if mentions:
            starts = [t.idx for t in sdoc]
            for m in mentions:
                s, e = m.start - offset, m.end - offset
                i = max(0, bisect_right(starts, s) - 1)  # first token that may overlap
                while i < len(sdoc) and starts[i] < e:
                    t = sdoc[i]
                    if t.idx + len(t) > s:
                        self.tok2m[i] = m
                    i += 1

    def codes_in(self, toks) -> list[str]:
        out: list[str] = []
        seen_m = set()
        for t in toks:
            m = self.tok2m.get(t.i)
            if m is None or id(m) in seen_m or m.kind not in ACTOR_KINDS or not m.code:
                continue
            seen_m.add(id(m))
            codes = m.code.split("+")
            if m.kind == "party_ref":
                if self.speaker and m.text.lower() in FIRST_PERSON:
                    codes = self.speaker  # a quote's "we" is whoever is quoted
                elif self.parties:
                    codes = self.parties
            for c in codes:
                if c not in out:
                    out.append(c)
        return out


def _ccomp_subject_actor(ctx: "SentenceContext", clause) -> bool:
    """The clause's subject names an actor ("noted that it was Hamas's refusal ...",
    "reiterated that the Palestinian Authority must ...")."""
    for c in clause.children:
        if c.dep_ in ("nsubj", "nsubjpass", "attr"):
            if any(ctx.tok2m.get(t.i) is not None and ctx.tok2m[t.i].code and ctx.tok2m[t.i].kind in ACTOR_KINDS
                   and ctx.tok2m[t.i].kind != "party_ref" for t in c.subtree):
                return True
            if c.lemma_.lower() in PEOPLE_NOUNS | AGENT_NOUNS and any(
                    ctx.tok2m.get(g.i) is not None and ctx.tok2m[g.i].kind == "modifier" and ctx.tok2m[g.i].code
                    for g in c.children if g.dep_ in ("amod", "compound")):
                return True  # "made clear that the Palestinian people must have ..."
    return False


def _to_clause(noun) -> bool:
    """The noun takes an infinitive or "to" + gerund: "commitment to provide", "desire to deepen"."""
    for c in noun.children:
        if c.dep_ in ("acl", "relcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.tag_ == "VBG" for g in c.children):
            return True
    return False


def _second_agreed(tok) -> list:
    """The clauses agreed after the first, joined to it: "agreed X had significant
    implications, and that Y would continue to assist Ukraine"."""
    comp = [c for c in tok.children if c.dep_ == "ccomp"]
    if not comp:
        return []
    return [c for c in comp[0].children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]


def _agreed_that(ctx: "SentenceContext", tok, src: list[str], doc: Document, clause=None) -> str | None:
    """"agreed that [X]" / "agreed [X] would ...": a pledge when the parties themselves will
    act, support when it endorses a measure ("agreed the Group would be a valuable asset"),
    else an assessment (affirm). RECORDS.md section 3. ``clause``: a second agreed clause."""
    comp = [c for c in tok.children if c.dep_ == "ccomp"]
    if clause is None and (not comp or any(c.dep_ in ("xcomp", "dobj") for c in tok.children)):
        return None
    c = clause if clause is not None else comp[0]
    subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
    subj_codes = _subject_codes(ctx, subj[0]) if subj else []  # who acts, not a place qualifying a thing
    future = any(g.dep_ == "aux" and g.lower_ in ("will", "would", "shall", "should", "must") for g in c.children)
    if subj and (subj[0].lower_ in ("they", "we", "both") or (subj_codes and (
            set(subj_codes) <= set(src) or set(src) <= set(subj_codes)))):
        # (also with others: "agreed that Japan, South Korea and the United States would cooperate")
        head = [c, *(g for g in c.children if g.dep_ in ("xcomp", "advcl", "dobj"))]
        if future and any(t.lemma_.lower() in ctx.lex.explore_words for t in head if t.pos_ in ("VERB", "NOUN")):
            return "explore"  # "agreed they would work together to investigate a possible scheme"
        return "commit" if future else "affirm"
    if future and subj and (not subj_codes or (c.lemma_.lower() in ENDORSE_VERBS and not set(subj_codes) & set(src))):
        # "agreed the Group would be a valuable asset", "agreed that UPI would promote trade":
        # an endorsement; "agreed that consultations would take place": a pledge
        return "support" if c.lemma_.lower() in ENDORSE_VERBS else "commit"
    return "affirm"


def _collective(lex: Lexicon, ctx: "SentenceContext", subj, n_parties: int = 2) -> bool:
    """A bare plural subject standing for the document's parties ("Ministers", "Defence
    Ministers", "the two sides"; data/acts/collective_subjects.tsv): no modifier other than
    those listed, no actor named inside it, no clause or phrase restricting it."""
    low = subj.lower_
    if low in ("two", "both") and n_parties == 2 and not any(c.dep_ == "prep" for c in subj.children):
        return True  # "The two condemned ...", "Both agreed ..."
    if not low.endswith("s"):
        return False  # plural only: "the Minister" is one person
    # a capitalised plural ("Ministers") is often tagged a proper noun and keeps its form as lemma
    lemma = subj.lemma_.lower()
    if n_parties < 2 and lemma not in lex.single_collective and low[:-1] not in lex.single_collective:
        return False  # in a single government's release only its officials and participants stand for it
    allowed = lex.collective.get(lemma) or lex.collective.get(low[:-3] + "y" if low.endswith("ies") else low[:-1])
    if allowed is None:
        return False
    for c in subj.children:
        if c.dep_ in ("det", "predet", "nummod", "compound", "amod", "poss", "quantmod"):
            if c.lower_ not in allowed and c.lower_ not in ("the", "both", "all", "our"):
                return False
        elif c.dep_ in ("prep", "relcl", "acl", "appos"):
            return False
        if ctx.tok2m.get(c.i) is not None:
            return False
    return True


def _thing_subject(lex: Lexicon, ctx: "SentenceContext", subj) -> bool:
    """The subject is a thing, not who acts: a common noun that is no actor's name, office,
    people or collective ("Israel's escalating policies", "the new law"); an actor named only
    as its possessor does not make it one."""
    if subj.pos_ != "NOUN" or ctx.tok2m.get(subj.i) is not None:
        return False
    noun = _noun_lemma(subj)
    return noun not in ACTOR_HEADS | AGENT_PEOPLE | PEOPLE_NOUNS | ORG_AGENTS | (AGENT_NOUNS - AGENT_THINGS) \
        and noun not in lex.collective \
        and noun not in lex.body_nouns and noun not in SPEAKER_NOUNS


def _owned_by_government(ctx: "SentenceContext", subj) -> bool:
    """The subject is a state's or government's own thing ("The Coalition Government's
    aquaculture strategy", "New Zealand's new plan"): what it aims to do, its owner pledges."""
    return any(g.dep_ == "poss" and any((m := ctx.tok2m.get(x.i)) is not None and m.code and (
        m.kind in ("state", "office", "body") or (m.kind == "party_ref" and "government" in m.text.lower()))
        for x in g.subtree) for g in subj.children)


def _forecast_of_a_name(ctx: "SentenceContext", tok, subj) -> bool:
    """"the risk that JCPoA will collapse": a clause of a noun about a named thing that is no
    actor forecasts what it will do."""
    return tok.dep_ in ("acl", "ccomp") and tok.head.pos_ == "NOUN" and subj.pos_ == "PROPN" and not ctx.codes_in(subj.subtree)


def _one_body_party(doc: Document) -> bool:
    """The text's one party is a body named in it ("the bloc", "the alliance" may stand for it)."""
    return len(doc.parties) == 1 and any(m.code == doc.parties[0] and m.kind == "body" for m in doc.mentions)


def _the_body(lex: Lexicon, ctx: "SentenceContext", subj, doc: Document) -> bool:
    """"The regional bloc", "the alliance" (data/acts/body_nouns.txt) in a text whose one party
    is an intergovernmental body: that body. Only with "the" and no actor named inside."""
    if _noun_lemma(subj) not in lex.body_nouns or not any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
        return False
    if any(ctx.tok2m.get(t.i) is not None for t in subj.doc[subj.left_edge.i:subj.i + 1]):
        return False  # (its own words; a relative clause after it may name others: "who ask Russia to ...")
    return _one_body_party(doc)


ACTOR_HEADS = WORDS["ACTOR_HEADS"]


AGENT_PEOPLE = WORDS["AGENT_PEOPLE"]


HONORIFICS = WORDS["HONORIFICS"]


def _left_actors(ctx: "SentenceContext", tok) -> list[str]:
    """Actors named between the last comma (or the start) and a main verb that has no
    subject in the parse ("Signing several agreements ..., India and Japan agreed to ...")."""
    toks = []
    for t in reversed(list(tok.doc[:tok.i])):
        if t.text in (",", ";", ":") or t.lower_ in ("that", "which", "who"):
            break
        toks.append(t)
    if not toks or any(t.pos_ == "VERB" for t in toks):
        return []
    return ctx.codes_in([t for t in toks if ctx.tok2m.get(t.i) is not None and ctx.tok2m[t.i].kind != "modifier"])


def _unknown_partner(ctx: "SentenceContext", subj) -> bool:
    """A conjunct of the subject is a person the tables do not know ("Dr Ng and Mr Mark")."""
    known = [c for c in [subj, *subj.conjuncts] if ctx.tok2m.get(c.i) is not None
             and ctx.tok2m[c.i].kind in ("leader", "official", "office")]
    if not known:
        return False
    for c in [subj, *subj.conjuncts]:
        if c.pos_ != "PROPN" or ctx.tok2m.get(c.i) is not None:
            continue
        titled = any(g.dep_ == "compound" and g.lower_.rstrip(".") in HONORIFICS for g in c.children)
        if titled and not any(ctx.tok2m.get(g.i) is not None for g in c.children if g.dep_ in ("compound", "amod", "appos")):
            return True
    return False


def _noun_lemma(t) -> str:
    """A noun's lemma; a capitalised plural the model keeps as it is ("Ministers") made singular."""
    lemma = t.lemma_.lower()
    if t.tag_ == "NNPS" and lemma == t.lower_:
        return lemma[:-3] + "y" if lemma.endswith("ies") else lemma[:-1] if lemma.endswith("s") else lemma
    return lemma


def _subject_codes(ctx: "SentenceContext", subj) -> list[str]:
    """The actors a subject names as who acts (not what merely qualifies a thing in it); a
    state's adjective on people who act for it ("Egyptian and Qatari mediators", "Chinese
    officials") names that state. Computed once per subject and sentence (a sentence-long
    list is the subject of many triggers)."""
    got = ctx.subject_codes.get(subj.i)
    if got is None:
        got = ctx.subject_codes[subj.i] = _subject_codes_of(ctx, subj)
    return list(got)


def _described(ctx: "SentenceContext", subj) -> set[int]:
    """Tokens of what only describes a subject that names its own actor: a title in
    apposition ("Nigerian President Bola Tinubu, also chairman of the ECOWAS") or a relative
    clause ("Japan's foreign minister, who is also chair of the G7"). The person acts for
    the state; the other office is a description."""
    out: set[int] = set()
    if subj.pos_ == "PRON":
        return out  # "We, the Leaders of the G7, ...": the apposition says who "we" are
    for c in subj.children:
        if (c.dep_ == "appos" and c.pos_ == "NOUN") or c.dep_ == "relcl":
            out.update(t.i for t in c.subtree)
    if out and not ctx.codes_in([t for t in subj.subtree if t.i not in out]):
        return set()
    return out


def _subject_codes_of(ctx: "SentenceContext", subj) -> list[str]:
    described = _described(ctx, subj)
    toks = [t for t in subj.subtree if t.i not in described and not _modifies_thing(ctx, t)
            and not _qualifies_thing(ctx, t, subj)]
    codes = ctx.codes_in(toks)
    if not codes and _own_government(subj):
        # "President Biden noted his administration is surging assistance": the government of
        # whoever the clause above names as its subject
        v = subj.head
        for _ in range(4):
            if v.head.i == v.i:
                break
            v = v.head
            for sj in v.children:
                if sj.dep_ == "nsubj" and (up := ctx.codes_in(sj.subtree)):
                    return up
    for t in toks:
        m = ctx.tok2m.get(t.i)
        if m is not None and m.kind == "body" and m.code in codes and _members_listed(ctx, t):
            codes.remove(m.code)  # "the Five Eyes nations (Australia, Canada, ...)": the members act
    if _noun_lemma(subj) not in ACTOR_HEADS | AGENT_PEOPLE or (
            ctx.tok2m.get(subj.i) is not None and subj.tag_ not in ("NNS", "NNPS")):
        return codes  # ("Australian and New Zealand Foreign Ministers": a plural office takes both states)
    for t in subj.doc[subj.left_edge.i:subj.i]:  # the words before the noun ("Egyptian and Qatari ...")
        m = ctx.tok2m.get(t.i)
        if m is None or m.kind != "modifier" or not m.code:
            continue
        path = [t, *(a for a in t.ancestors if a.i != subj.i and a.i > subj.left_edge.i - 1 and a.i < subj.i)]
        if all(a.dep_ in ("amod", "compound", "conj", "cc", "nmod") for a in path):
            codes += [c for c in m.code.split("+") if c not in codes]
    return codes


def _members_listed(ctx: "SentenceContext", t) -> bool:
    """A body named with its members in brackets right after it: "the Five Eyes nations
    (Australia, Canada, New Zealand, the United Kingdom and the United States)"."""
    doc = t.doc
    i = t.i + 1
    while i < len(doc) and i <= t.i + 3 and doc[i].text != "(":
        i += 1
    if i >= len(doc) or doc[i].text != "(":
        return False
    states = set()
    for j in range(i + 1, min(len(doc), i + 40)):
        if doc[j].text == ")":
            break
        m = ctx.tok2m.get(j)
        if m is not None and m.kind == "state" and m.code:
            states.add(m.code)
    return len(states) >= 2


def _qualifies_thing(ctx: "SentenceContext", t, subj) -> bool:
    """An actor inside the subject that only qualifies a thing or a generic group, not who
    acts: "services for rural New Zealand", "the Programme, administered through the
    Ministry", "countries like the US". An actor after "of", "from", "between" a head that
    names people or a government still acts ("the leaders of the four nations")."""
    cur = t
    for _ in range(8):
        if cur.i == subj.i or cur.head.i == cur.i:
            return False
        if cur.dep_ in ("acl", "relcl"):
            return True
        if cur.dep_ == "prep" and cur.lower_ in ("including", "like", "as", "through", "via", "under", "in", "at"):
            return True  # examples, channels and settings inside a subject ("countries like the US")
        if cur.dep_ == "prep" and cur.head.i not in ctx.tok2m and cur.head.lemma_.lower() not in ACTOR_HEADS:
            return cur.lower_ not in ("of", "from", "between", "among")  or cur.head.pos_ not in ("NOUN", "PROPN", "NUM", "PRON")
        cur = cur.head
    return False


def _modifies_thing(ctx: SentenceContext, t) -> bool:
    """An actor name that only qualifies a non-actor noun in a subject ("New Zealand
    products meet ...", "the Air Force's new aircraft will ...") does not act."""
    m = ctx.tok2m.get(t.i)
    if m is None or t.dep_ not in ("compound", "poss", "amod", "nmod"):
        return False
    head = _climb(t.head, lambda x: ctx.tok2m.get(x.i) is m)
    # "New Zealand products", and names of organisations that hold a state's name ("Scouts
    # New Zealand", "New Zealand Rugby League") when their head is no office
    if head.pos_ == "PROPN" and m.kind == "official" and m.text.lower().endswith(("counterpart", "counterparts")):
        return False  # "Australian counterpart David Johnston": the title of the person named
    return head.pos_ in ("NOUN", "PROPN") and head.i not in ctx.tok2m and head.lemma_.lower() not in ACTOR_HEADS


def _is_thing_modifier(ctx: SentenceContext, t) -> bool:
    """An actor name inside a compound naming a thing ("ROK-New Zealand Free Trade Agreement")."""
    cur = t
    for _ in range(6):
        if cur.dep_ in ("compound", "amod", "nmod", "npadvmod", "punct") and cur.head.i != cur.i:
            cur = cur.head
            if cur.i in ctx.tok2m and ctx.tok2m[cur.i] is ctx.tok2m.get(t.i):
                continue
            if cur.lemma_.lower() in AUTHORED_HEADS and cur.dep_ == "dobj" and ctx.tok2m.get(t.i) is not None \
                    and ctx.tok2m[t.i].kind == "body":
                return False  # "welcomed the UN Human Rights Council resolution", "to implement UN Security
                # Council Resolution 1701": the body's own decision is what the act is about ("consistent
                # with UNSC resolutions" stays a reference)
            if cur.lemma_.lower() in ctx.lex.thing_heads:
                return True
            continue
        if cur.dep_ == "poss":
            return False
        break
    return False


def _under_prep(t, stop, preps) -> str | None:
    cur = t
    for _ in range(12):
        if (stop is not None and cur.i == stop.i) or cur.head.i == cur.i:
            return None
        if cur.dep_ == "pobj" and cur.head.lower_ in preps:
            return cur.head.lower_
        cur = cur.head
    return None


def _pruned(c) -> bool:
    """Branches that never hold a target: a role ("as members of NATO", but not "such
    as"), and unattached material the parser could not place (dep)."""
    if c.dep_ in ("prep", "conj") and c.lower_ == "as" and not any(g.lower_ == "such" for g in c.children) \
            and not (c.i > 0 and c.doc[c.i - 1].lower_ == "such"):
        return True
    return c.dep_ == "dep"


def _list_tail(c) -> bool:
    """The last item of a list the parser could not attach ("met with A of X, B of Y, and
    President C of Z to discuss ..."): a name right after "and"."""
    return c.dep_ == "dep" and c.pos_ == "PROPN" and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].lower_ == "and"


def _region(roots, deep: bool | str):
    """Tokens of the complement, pruning subjects, framing clauses and (unless deep)
    clausal modifiers of nouns."""
    out = []
    stack = list(roots)
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("relcl", "acl", "advcl") and not (c.dep_ == "acl" and c.tag_ == "VBN") and (not deep or (
                    deep == "noun" and c.dep_ == "advcl" and not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))):
                continue  # (deep="noun": clauses completing a noun or a purpose, not "before assets are seized")
            if _pruned(c):
                continue
            if c.dep_ == "conj" and c.pos_ in ("VERB",) and t.pos_ in ("VERB", "AUX"):
                continue
            stack.append(c)
    return out


def _will(tok) -> bool:
    """The verb is in the future: "will", "would" or "shall" before it."""
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall") for c in tok.children)


def _blame(tok):
    """The noun of a clause that lays the blame on its subject: "X bears (full) responsibility
    for ...". None otherwise."""
    if tok.lemma_.lower() != "bear":
        return None
    for c in tok.children:
        if c.dep_ == "dobj" and c.lemma_.lower() == "responsibility" and any(
                p.dep_ == "prep" and p.lower_ == "for" for p in [*c.children, *tok.children]):
            return c
    return None


def _matter_of_concern(tok):
    """The concern noun of a copular clause that states one: "X was cause for serious
    concern", "X remains a matter of grave concern", "X are of serious concern". None otherwise."""
    for c in tok.children:
        heads = [c] if c.dep_ == "prep" and c.lower_ == "of" else (
            [p for p in c.children if p.dep_ == "prep" and p.lower_ in ("for", "of")]
            if c.dep_ == "attr" and c.lemma_.lower() in ("cause", "matter", "source", "subject") else [])
        for p in heads:
            for g in p.children:
                if g.dep_ == "pobj" and g.lemma_.lower() in ("concern", "alarm"):
                    return g
    return None


def _ultimatum(tok):
    """The tokens of the demand when tok is the future act of an ultimatum: a verb with
    "will"/"would" whose clause follows ", or" after a clause of obligation ("must", "should",
    "has to"): "... must cede power in a week ..., or ECOWAS will take all necessary measures".
    None otherwise."""
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "would") for c in tok.children) or tok.dep_ != "conj":
        return None
    start = min(t.i for t in tok.subtree)
    if start < 1 or tok.doc[start - 1].lower_ != "or":
        return None
    head = tok.head
    if not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in head.children) and not (
            head.dep_ == "xcomp" and head.head.lemma_.lower() == "have"):
        return None
    return list(tok.doc[:start - 1])  # (the parser often hangs the demand's subject elsewhere)


def _state_adjective_target(act: str, head) -> bool:
    """A state's adjective on a noun of the act's object names the target: its people or
    agents ("his Australian counterparts", "the Czech decision"), or, except for a meeting,
    any other thing of that state ("a Palestinian state", "the Venezuelan election"). People
    named as victims ("risks to Palestinian civilians") are targets only of support, aid, a
    meeting or an appeal."""
    noun = head.lemma_.lower()
    if noun in AGENT_NOUNS:
        return True
    if noun in PEOPLE_NOUNS | AGENT_PEOPLE:
        # ("made clear that the Palestinian people must have ...": what is affirmed is about them)
        return act in ("support", "aid", "meet", "urge") or (act in ("affirm", "note") and head.dep_ == "nsubj")
    return act != "meet" and head.pos_ in ("NOUN", "PROPN")


def _targets(ctx: SentenceContext, act: str, trig, chain, light_noun, src: list[str]) -> list[str]:
    heads = [trig] + list(chain)
    roots = []
    for h in heads:
        for c in h.children:
            if c.dep_ == "advcl" and _describes_object(c):
                roots += _children(c, {"agent"})  # "..., as called for by Israeli leaders": their plan
                continue
            if c.dep_ in SKIP_DEPS or c in chain:  # (the light noun itself stays: its whole phrase is searched)
                continue
            if c.dep_ == "conj" and (c.pos_ in ("VERB", "AUX") or (h is trig and c.pos_ == "NOUN" and c.lemma_.lower() in IMPORTANCE)):
                continue  # (a second object hung on the verb is an act of its own: "..., and the importance of Y")
            if c.dep_ == "ccomp" and h is trig and act in ("affirm", "note") and not _ccomp_subject_actor(ctx, c):
                continue  # "stressed that ...": the clause is the content; its subject's actor is the target
            if _pruned(c) and not _list_tail(c):
                continue
            if c.dep_ in ("parataxis", "ccomp") and c.lemma_.lower() in REPORTING:
                continue  # "..., South Korea's military said": the reporter is not a target
            roots.append(c)
    if light_noun is not None:
        roots += [c for c in light_noun.children if c.dep_ not in ("det", "poss", "amod", "punct", "cc", "compound")]
        roots += [c for c in light_noun.children if c.dep_ == "poss" and ctx.tok2m.get(c.i) and ctx.tok2m[c.i].kind != "party_ref"]
    if act == "support" and any(c.dep_ == "dobj" and ctx.codes_in(c.subtree) for c in trig.children):
        # "thanked President Lula for his leadership on Venezuela": whom the thanks are for, not
        # who is named in the reason
        roots = [c for c in roots if not (c.dep_ == "prep" and c.lower_ == "for")]
    if act == "meet" and _topic_talk(trig, chain, light_noun):
        # "discussed Israel's right to self-defense", "spoke about China": a topic is never the
        # other side of a talk; only "with X" names it (RECORDS.md: discussed [a topic] = meet)
        roots = [c for c in roots if c.dep_ == "prep" and c.lower_ in ("with", "to")]
    if act in ("urge", "demand"):
        addressee = []
        for c in trig.children:
            if c.dep_ in ("dobj", "dative") and not _same(c, light_noun):
                addressee.append(c)
            if c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon", "to"):
                addressee += [g for g in c.children if g.dep_ == "pobj"]
                if c.dep_ == "prt":
                    addressee += _children(trig, {"dobj"})
            if c.dep_ in ("advcl", "ccomp", "xcomp") and any(g.dep_ == "mark" and g.lower_ == "for" for g in c.children):
                addressee += _children(c, {"nsubj"})  # "called for North Korea to halt ..."
        if addressee:
            # "called on all those with influence over Russia, particularly China, to ...": the
            # addressees named, not whom a phrase describing them is about
            mentioned = [(t, a) for a in addressee for t in a.subtree if (m := ctx.tok2m.get(t.i)) is not None and m.code]
            named = [t for t, a in mentioned if t.dep_ != "poss" and (
                not any(x.dep_ == "prep" for x in _ancestors_until(t, a))
                or (t.dep_ == "appos" and any(c.lower_ in ("particularly", "especially", "notably") for c in t.children)))]
            if named and len(named) < len(mentioned) and not any(ctx.tok2m.get(a.i) for a in addressee):
                addressee = named  # (the others only describe them)
            roots = addressee
            deep = False
        else:
            deep = False
    else:
        deep = act in ("commit", "explore", "concern", "announce")
    codes = _region_targets(ctx, act, trig, light_noun, src, roots, deep)
    if not codes and act == "commit" and chain:
        # "resolved to work together to support a strong outcome at the WTO's Ministerial
        # Conference": a pledge to work names what for in the purpose clause of its last verb
        purpose = [c for c in _purpose_clauses(chain[-1]) if c.i > chain[-1].i]
        if purpose:
            codes = _region_targets(ctx, act, trig, light_noun, src, roots + purpose, deep)
    if not codes and act == "commit":
        # "would fulfill its responsibilities, respond calmly to China's military threats, defend
        # ...": a pledge of several coordinated verbs names whom it concerns in any of them;
        # "has renewed its partnership with Kiribati, committing to more assistance": a pledge
        # added by a participle concerns the partner of the clause it completes
        more = [c for c in trig.children if c.dep_ in ("conj", "dep") and c.pos_ in ("VERB", "AUX") and c.i > trig.i
                and (classify(ctx.lex, c) or ("commit",))[0] == "commit"]
        if trig.dep_ == "advcl" and trig.tag_ == "VBG" and trig.i > trig.head.i:
            more += [p for p in trig.head.children if p.dep_ == "prep" and p.lower_ == "with"]
            more += [p for d in _children(trig.head, {"dobj"}) for p in d.children if p.dep_ == "prep" and p.lower_ == "with"]
        if more:
            codes = _region_targets(ctx, act, trig, light_noun, src, roots + more, deep)
    if not codes and not deep and act in DEEP_FALLBACK_ACTS:
        # "support work to improve the WTO's functions", "highlighted the role APEC can play":
        # nothing in the object itself, so the clause that completes it names whom it is about;
        # for the speakers' own conduct only a partner ("reiterated their will to continue
        # deepening relations with Taiwan"; not "commended their cooperation to ... the UNC")
        own = any(g.dep_ == "poss" and g.lower_ in ("their", "our", "its") for r in roots for g in r.children)
        purpose = _purpose_clauses(trig)  # ("support work to improve ...")
        codes = _region_targets(ctx, act, trig, light_noun, src, roots + purpose, "noun",
                                lambda t: not any(a.lower_ == "including" for a in _ancestors_until(t, trig)) and (
                                    _partner(t, trig) or (not own and _clause_actor(t))))
    return codes


def _purpose_clauses(verb) -> list:
    """The infinitival purpose clauses of a verb ("work together to support ...")."""
    return [c for c in verb.children if c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            and not any(g.dep_ == "mark" for g in c.children)]


def _partner(t, trig) -> bool:
    """A partner named by "with" ("deepening relations with Taiwan"; not "in line with")."""
    p = _climb(t, lambda x: x.dep_ in ("conj", "appos"))
    return p.dep_ == "pobj" and p.head.lower_ == "with" and p.head.head.lower_ not in ("line", "accordance", "compliance")


def _clause_actor(t) -> bool:
    """An actor whose own conduct or thing a clause names: a possessor ("to improve the WTO's
    functions"), the subject of a clause on a noun ("the role APEC can play"), or whom it
    presses to act."""
    if t.dep_ == "poss" or any(g.dep_ == "case" for g in t.children):
        return True
    if t.dep_ == "dobj" and any(g.dep_ == "xcomp" for g in t.head.children):
        return True  # whom a clause presses to act ("action to compel Israel to implement a ceasefire")
    return t.dep_ == "nsubj" and t.head.dep_ in ("relcl", "acl")


DEEP_FALLBACK_ACTS = {"support", "affirm", "note", "demand", "cooperate", "condemn", "reject"}


def _region_targets(ctx: SentenceContext, act: str, trig, light_noun, src: list[str], roots, deep: bool | str,
                    keep=None) -> list[str]:
    """The target codes found in the region under ``roots`` (see _targets); with ``keep``,
    only the actors whose token it accepts."""
    toks = _region(roots, deep)
    if act == "commit":
        toks = [t for t in toks if not any(a.dep_ == "relcl" for a in _ancestors_until(t, trig))]
    found: list[tuple[Mention, object]] = []
    seen = set()
    for t in toks:
        m = ctx.tok2m.get(t.i)
        # "both Egyptian and Qatari officials": the conjunct adjective modifies the same noun
        a = _climb(t, lambda x: x.dep_ == "conj" and (hm := ctx.tok2m.get(x.head.i)) is not None and hm.kind == "modifier")
        if m is not None and m.kind == "modifier" and m.code and id(m) not in seen and a.dep_ in ("amod", "compound") \
                and (ctx.tok2m.get(a.head.i) is None or ctx.tok2m[a.head.i].kind in ("office", "official")) \
                and _state_adjective_target(act, a.head):
            # "the Czech decision", "his Australian counterparts": the adjective's state acts;
            # "a Palestinian state", "the Venezuelan election": the act is about that state
            seen.add(id(m))
            found.append((m, t))
            continue
        if m is not None and m.kind == "place" and act == "assault" and id(m) not in seen and PLACE_OF.get(m.text):
            # "a wave of airstrikes across Gaza": violence on a territory is violence on its state
            seen.add(id(m))
            found.append((Mention(m.start, m.end, m.text, PLACE_OF[m.text], "GOV", "state", "territory", m.sentence), t))
            continue
        if m is None or m.kind not in ACTOR_KINDS or not m.code or id(m) in seen:
            continue
        if keep is not None and not keep(t):
            continue
        seen.add(id(m))
        if _is_thing_modifier(ctx, t):
            continue
        prep = _under_prep(t, trig, LOCATIVE | PLACE_PREPS | VICTIM_PREPS | {"including", "with"})
        if m.kind == "capital" and prep in PLACE_PREPS and not (act == "meet" and prep == "to" and t.head.head.i == trig.i):
            continue  # "held in Seoul" is a place; "travel to Suva" names the host
        if _under_prep(t, trig, {"ahead", "before", "after", "following", "during", "since"}) is not None or any(
                a.dep_ == "prep" and a.head.lower_ in ("ahead", "prior") for a in _ancestors_until(t, trig)):
            continue  # "met ... ahead of the G7 Summit": the occasion, not the other side
        if _under_prep(t, trig, {"through", "via"}) is not None:
            continue  # a channel ("aid ... through the World Food Programme"), not a target
        place = _climb(t, lambda x: x.dep_ in ("appos", "conj", "npadvmod"))  # "in Atlanta, Georgia": the state after the city
        if m.kind in ("state", "capital") and place.dep_ == "pobj" and place.head.lower_ == "in" and (
                act in PLACE_IN_ACTS or place.head.head.lemma_.lower() in VENUE_VERBS):
            # ("looked forward to signing the upgraded agreement in Indonesia": where it is signed)
            continue  # "held talks in Peru", "the ceasefire in Lebanon": a place, not whom the act is about
        if any(a.lemma_.lower() in ("sideline", "margin") for a in _ancestors_until(t, trig)):
            continue  # "on the sidelines of the APEC meeting": a venue
        if m.sector == "IGO" and (prep == "at" or (t.dep_ == "pobj" and t.head.lower_ == "in")) and not (
                act in ("commit", "support", "cooperate") and prep == "at" and t.dep_ == "poss") and not (
                act == "meet" and trig.lemma_.lower() in ATTEND_VERBS):  # (taking part in a body's meeting meets the body)
            continue  # a venue ("at the Pacific Islands Forum", "work together in the WTO") ("participation at the Pacific Islands Forum Leaders Meeting")
        if m.sector == "IGO" and prep == "including" and _prep_head(t, "including") in GENERIC_ORGS:
            continue  # examples of a generic noun ("institutions including the WTO")
        if prep == "with" and any(a.lower_ in ("along", "together") for a in _ancestors_until(t, trig)):
            continue  # "along with Japan": co-actors, not targets
        if m.kind == "party_ref" and act not in ("support", "meet"):
            continue
        if m.kind == "people" and act not in ("support", "meet", "aid", "urge"):
            continue  # peoples named as victims or beneficiaries of a conflict act
        found.append((m, t))
    poss = [(m, t) for m, t in found if m.possessive or t.dep_ == "poss" or any(g.dep_ == "case" for g in t.children)
            or _possessed_conjuncts(t)]
    # ("Fiji and Tonga's support": the parser hangs the noun on the first possessor as its conjunct)
    poss = [(m, t) for m, t in poss if m.kind != "party_ref" and not set(m.code.split("+")) <= set(src)]
    if poss and act not in ("urge", "meet"):
        # "the DPRK's programmes", "Yoon's unification doctrine": the possessor is the target;
        # partners named in a relation ("its military ties with Russia") stay
        found = poss + [(m, t) for m, t in found if (m, t) not in poss and (_relational(t, trig) or (
            t.dep_ in ("compound", "amod", "nmod") and t.head.lemma_.lower() in AGENT_NOUNS | PEOPLE_NOUNS)
            or (m.kind in ("office", "official") and t.lemma_.lower() in AGENT_NOUNS | PEOPLE_NOUNS))]
        # ("the deployment of DPRK troops in support of Russia's war": the troops' state acts too)
    elif act in DIRECTED:
        kept = [(m, t) for m, t in found if _under_prep(t, trig, VICTIM_PREPS) is None]
        if kept:
            found = kept  # "attacks on Israel": the victim is not the target when the perpetrator is named
    codes: list[str] = []
    for m, _t in found:
        other_branch = m.kind == "office" and m.sector in ("LEG", "JUD")  # "called on Congress to pass ..."
        for c in m.code.split("+"):
            if c not in codes and (c not in src or other_branch):
                codes.append(c)
    if not codes and ctx.recent and ctx.recent not in src and any(
            t.lemma_.lower() in REGIME_NOUNS and (any(g.lower_ in ("the", "its", "this") for g in t.children) or (
                t.lemma_.lower() != "regime" and not any(g.dep_ in ("det", "poss", "compound", "amod") for g in t.children)))
            for t in toks):
        codes.append(ctx.recent)  # "condemned the regime's violent repression", '"rejects coup"': the state just named
    if not codes and ctx.recent and ctx.recent not in src and any(
            t.lemma_.lower() in ("party", "side", "faction", "country", "nation") and any(
                g.dep_ in ("amod", "compound") and g.lower_ in ("warring", "war-torn", "torn", "conflicting") for g in t.children)
            for t in (trig.sent if act in ("meet", "sanction", "urge", "aid") else toks)):
        codes.append(ctx.recent)  # "mediating between the warring parties", "aid to the war-torn country": its state
    if not codes and src and any((m := ctx.tok2m.get(t.i)) is not None and m.kind == "party_ref"
                                 and m.text.lower() in OTHER_SIDES and set(m.code.split("+")) <= set(src)
                                 and not any(a.dep_ in ("agent", "nsubj", "nsubjpass") for a in _ancestors_until(t, trig)) for t in toks):
        # "mediators were looking to apply maximum pressure on the two sides": the sides are not
        # the mediators who act on them, but the two states named last besides them
        others: list[str] = []
        for code in reversed(ctx.named):
            for c in code.split("+"):
                if c not in src and c not in others:
                    others.append(c)
        if len(others) >= 2:
            codes += sorted(others[:2])
    if not codes and act in ("condemn", "reject", "demand") and _refers_back(trig, light_noun):
        # "Qatar condemned the strikes", "We deplore and oppose this": the event or statement the
        # report has just described, whose actor was the last one named other than the speakers
        own = {t.i for c in trig.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        before = [c for t in trig.doc[:trig.i] if t.i not in own and (m := ctx.tok2m.get(t.i)) is not None and m.code
                  and m.kind in REFERENT_KINDS for c in m.code.split("+")]
        # ("..., and have made serious representations to the U.S. side": the speakers name whose it is)
        after = [c for t in trig.doc[trig.i + 1:] if (m := ctx.tok2m.get(t.i)) is not None and m.code
                 and m.kind in REFERENT_KINDS and t.dep_ == "pobj" and t.head.lower_ in ("to", "with")
                 for c in m.code.split("+")]
        back = next((c for c in [*after[:1], *reversed([*ctx.named, *before])] if c not in src), None)
        if back:
            codes.append(back)
    return codes


def _names_counterpart(ctx: SentenceContext, tok) -> bool:
    """The meeting verb names its other side: "with X" / "to X" on the verb or its noun ("kept in
    close consultation with the Government of New Zealand"), not inside an occasion ("during a
    phone call with Putin, they discussed") or a clause of its own."""
    if tok.lemma_.lower() not in DISCUSS - {"host"} and any(c.dep_ == "dobj" and any(
            (m := ctx.tok2m.get(t.i)) is not None and m.code for t in c.subtree) for c in tok.children):
        return True  # "we've hosted senior Bahraini officials" (what is discussed is a topic: "discussed Ukraine")
    for t in tok.subtree:
        if t.dep_ != "prep" or t.lower_ not in ("with", "to"):
            continue
        if any(g.dep_ == "pobj" and g.pos_ == "PRON" and g.lower_ not in ("each", "one") for g in t.children) and t.head.i == tok.i:
            return True  # "we'll talk to you about it": someone else, not the other side of a meeting
        if not ctx.codes_in(t.subtree):
            continue
        path = [a for a in _ancestors_until(t, tok) if a.i != tok.i]
        if not any(a.dep_ in ("advcl", "ccomp", "relcl", "acl") or (a.dep_ == "prep" and a.lower_ in TIME_PREPS)
                   for a in [t, *path]):
            return True
    return False


def _co_actors(ctx: SentenceContext, tok, subj, act: str) -> list[str]:
    """Actors who act together with the subject: "President Biden, along with his Filipino
    counterpart Marcos and Prime Minister Kishida, expressed grave concern", "Egypt, together
    with Qatar, urged ..." (before the verb); for a meeting also "spoke in a joint news
    conference along with X"."""
    out: list[str] = []
    if subj is not None:
        # "Minister Park Jin and US Secretary of State Antony Blinken called ...": the parser may
        # give the verb two subjects instead of one coordinated subject
        for c in tok.children:
            if c.dep_ == "nsubj" and c.i != subj.i and any(
                    g.lower_ == "and" and g.dep_ == "cc" for g in tok.doc[min(c.i, subj.i):max(c.i, subj.i)]):
                out += [x for x in _subject_codes(ctx, c) if x not in out]
    for t in tok.sent:
        if t.lower_ != "with":
            continue
        anchor = t.head if t.head.lower_ in ("along", "together") else t
        if anchor is t and not any(c.lower_ in ("along", "together") for c in t.children):
            continue
        if t.i > tok.i and act != "meet":
            continue  # after the verb it is as often a description ("as members of ..., along with Japan")
        host = anchor.head
        if not (host.i == tok.i or (subj is not None and host.i == subj.i) or (
                act == "meet" and host.head.i == tok.i and host.dep_ == "pobj")
                or (act == "meet" and host.dep_ == "pobj" and host.head.head.i == tok.i)):
            continue
        for g in t.subtree:
            m = ctx.tok2m.get(g.i)
            if m is not None and m.code and m.kind in ("state", "leader", "office", "official"):
                out += [c for c in m.code.split("+") if c not in out]
    return out


def _no_counterpart(g) -> bool:
    """The object of "met with" / "talked to" names no side that acts: "you", "me", "us" (the
    press, the speaker), or people who are no actor ("families", "patients", "communities",
    "some of the families")."""
    if g.lemma_.lower() in ("people", "community", "stakeholder", "group", "resident", "family", "student", "worker"):
        return True
    if g.pos_ == "PRON":
        if g.lower_ in ("you", "me", "us"):
            return True  # (the press, the speaker; "them", "him" may be the other side)
        of = [p for p in g.children if p.dep_ == "prep" and p.lower_ == "of"]  # "some of the families"
        inner = [x for p in of for x in p.children if x.dep_ == "pobj"]
        return bool(inner) and all(_no_counterpart(x) for x in inner)
    return g.pos_ == "NOUN" and g.lemma_.lower() not in ACTOR_HEADS | AGENT_PEOPLE | {"counterpart", "colleague", "partner"}


TOLD_VERBS = {"inform", "tell", "assure", "notify", "reassure"}
TIME_PREPS = {"during", "after", "before", "following", "ahead", "since", "prior"}


EVENT_NOUNS = WORDS["EVENT_NOUNS"]


def _titled_stranger(ctx: SentenceContext, tok) -> bool:
    """Whom a meeting is with is a titled person no actor code is known for ("will meet Trade
    Minister Fischer", "met with Mr Downer")."""
    met = [c for c in tok.children if c.dep_ == "dobj"]
    met += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    for g in met[:1]:
        if g.pos_ != "PROPN" or any(ctx.tok2m.get(t.i) is not None and ctx.tok2m[t.i].code for t in g.subtree):
            continue
        if any(t.lemma_.lower() in HONORIFICS for t in g.subtree if t.i < g.i):
            return True
    return False


def _place_host(ctx: SentenceContext, tok, src: list[str]) -> list[str]:
    """One side's meetings in a foreign place: the state of the place hosts them ("While in Viet
    Nam, Mr Barker will pay courtesy calls on ...", "arrived in Cairo to discuss ...")."""
    clause = {tok, *tok.ancestors, *(c for c in tok.children if c.dep_ in ("dobj", "prep"))}  # "held talks in Suva"
    codes = []
    for t in tok.sent:
        m = ctx.tok2m.get(t.i)
        if m is None or m.kind not in ("state", "capital") or not m.code or t.dep_ != "pobj" or t.head.lower_ != "in":
            continue
        anchor = t.head.head
        if anchor in clause or (anchor.dep_ in ("advcl", "prep") and anchor.head in clause):
            for c in m.code.split("+"):
                if c not in src and c not in codes:
                    codes.append(c)
    return codes if len(codes) == 1 else []


TALK_NOUNS = WORDS["TALK_NOUNS"]


def _topic_talk(trig, chain, light_noun) -> bool:
    """The act is a talk about something: "discussed X", "spoke about X", "had discussions on X"."""
    heads = [trig, *chain] + ([light_noun] if light_noun is not None else [])
    if any(h.lemma_.lower() in ("discuss", "discussion") for h in heads):
        return True
    if trig.lemma_.lower() in ("talk", "speak") and any(
            c.dep_ in ("prep", "acl", "advcl") and c.lower_ in ("about", "on", "of", "regarding", "concerning") for c in trig.children):
        return True
    return light_noun is not None and light_noun.lemma_.lower() in TALK_NOUNS and not any(
        c.dep_ == "prep" and c.lower_ == "with" for c in (*trig.children, *light_noun.children))


def _refers_back(trig, light_noun) -> bool:
    """The act's object points back to something the text has just described: "the
    strikes", "the military coup", "this", "it" (and no actor named in it)."""
    objs = [c for c in trig.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objs:  # "We deplore and oppose this": the object the coordinated verb takes
        objs = [g for c in trig.children if c.dep_ == "conj" and c.pos_ == "VERB" for g in c.children if g.dep_ == "dobj"]
    if light_noun is not None:
        objs = [g for p in light_noun.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"] or objs
    for o in objs:
        if o.lower_ in ("this", "it", "that"):
            return True
        if o.lemma_.lower() in EVENT_NOUNS and any(g.dep_ == "det" and g.lower_ in ("the", "this", "these", "such")
                                                    for g in o.children):
            return True
    return False


def _prep_head(t, prep_word: str) -> str | None:
    for a in _ancestors_until(t, None):
        if a.dep_ == "prep" and a.lower_ == prep_word:
            return a.head.lemma_.lower()
    return None


def _relational(t, stop) -> bool:
    for a in _ancestors_until(t, stop):
        if a.dep_ == "prep":
            return a.lower_ in ("with", "between", "to") and a.head.lemma_.lower() in RELATIONAL
    return False


def _ancestors_until(t, stop):
    out = []
    cur = t
    for _ in range(15):
        if (stop is not None and cur.i == stop.i) or cur.head.i == cur.i:
            break
        cur = cur.head
        out.append(cur)
    return out


def _intensity(lex: Lexicon, text: str, trig_tokens) -> str | None:
    lo = min(t.idx for t in trig_tokens)
    window = text[max(0, lo - 30): max(t.idx + len(t) for t in trig_tokens) + 45].lower()
    for phrase in lex.intensity:
        if phrase in window:
            return phrase
    return None


def _item_act(sdoc, sent: Sentence, ctx: "SentenceContext", lex: Lexicon, lead: dict) -> Act | None:
    """A list item completing a lead-in ("The leaders agreed to:" / "- deepen cooperation
    on X;") carries the lead-in's source and verb (RECORDS.md section 3)."""
    roots = [t for t in sdoc if t.dep_ == "ROOT"]
    if not roots:
        return None
    root = roots[0]
    if any(c.dep_ in ("nsubj", "nsubjpass") and ctx.codes_in(c.subtree) for c in root.children):
        return None  # the item has its own actor: extracted as a sentence of its own
    act = lead["act"]
    if lead["role"] in ("control", "modal", "transparent"):
        words = {root.lemma_.lower()} | {c.lemma_.lower() for c in root.children if c.dep_ in ("dobj", "xcomp")}
        if lex.explore_words & words or act == "explore":
            act = "explore"
        elif act not in ("urge", "support", "condemn", "reject", "concern", "affirm", "note"):
            act = "commit"
    tgt = _targets(ctx, act, root, [], None, lead["source"])
    return Act(sentence=sent.idx, act=act, source=list(lead["source"]), target=tgt,
               trigger=f"{lead['trigger']} ... {root.text}", trigger_span=(sent.start + root.idx, sent.start + root.idx + len(root)))


def _mend_verbs(sdoc, lex: Lexicon) -> None:
    """A verb the tagger read as a noun, in coordination with a verb and with a clause of its
    own ("Both ministers condemn the firing, and underline that it constitutes ..."): tagged as
    the verb it is, like the verb it is coordinated with."""
    for tok in sdoc:
        if tok.pos_ == "NOUN" and tok.dep_ == "conj" and tok.head.pos_ == "VERB" and tok.lemma_.lower() in lex.verbs \
                and any(c.dep_ in ("ccomp", "xcomp", "mark") for c in tok.children):
            tok.pos_ = "VERB"
            tok.tag_ = tok.head.tag_


def _is_lead_in(sdoc, trig_toks) -> bool:
    """The trigger ends its sentence before a colon: "The leaders agreed to:"."""
    last = max(t.i for t in trig_toks)
    rest = [t for t in sdoc[last + 1:] if not t.is_space]
    return bool(rest) and rest[-1].text == ":" and all(t.lower_ in ("to", ":", "the", "following", "on") for t in rest)


def extract_sentence(sdoc, sent: Sentence, mentions: list[Mention], lex: Lexicon, doc: Document,
                     last_source: list[str], leadins: dict | None = None, parties: list[str] | None = None,
                     speaker: list[str] | None = None, recent: str | None = None,
                     named: list[str] | None = None, person: str | None = None) -> list[Act]:
    ctx = SentenceContext(sdoc, mentions, sent.start, lex, parties)
    ctx.speaker = speaker
    ctx.recent = recent
    ctx.named = named or []
    parties = parties or doc.parties
    consumed: set[int] = set()
    found = []
    _mend_verbs(sdoc, lex)
    if sent.item_of is not None and leadins is not None and sent.item_of in leadins:
        a = _item_act(sdoc, sent, ctx, lex, leadins[sent.item_of])
        if a is not None:
            return [a]
    for tok in sdoc:
        if tok.i in consumed:
            continue
        cls = classify(lex, tok)
        if cls is None:
            continue
        act, role, trig_toks, light_noun = cls
        # participles: only directed acts add an act of their own ("..., urging Y to")
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and act not in ("urge", "condemn", "demand", "reject", "concern") \
                and not (act in MATERIAL and role == "act" and tok.i < tok.head.i) \
                and not (act == "commit" and _pledge_participle(tok)) and not _stance_participle(tok):
            continue  # "Signing several agreements, India and Japan agreed ...": a material act before the clause stays
        if tok.dep_ in ("advcl", "npadvmod") and tok.i < (tok.head.i if tok.head.i != tok.i else 0) and tok.tag_ in ("VBG", "VBN") \
                and act not in ("urge", "condemn") and not (act in MATERIAL and role == "act" and tok.tag_ == "VBG"):
            continue  # framing participle before the main clause: "Recognising ..., both sides"
        if tok.dep_ in ("amod", "compound", "pobj", "nsubj", "dobj", "attr") and (tok.pos_ != "VERB" or tok.tag_ == "VBZ"):
            continue  # (a "verb" in -s as an object is a plural noun misread: "revive the ceasefire talks")
        if tok.tag_ == "VBN" and tok.dep_ not in ("ROOT", "conj", "xcomp", "ccomp", "acomp", "advcl") and not any(
                c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children):
            continue  # a bare participle ("the Partnership agreed in 2006") is no finite clause
        if tok.dep_ in ("acl", "relcl", "amod") and tok.tag_ == "VBN" and not (
                tok.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT") for c in tok.children)
                and any(c.dep_ == "aux" for c in tok.children)) and not _agent_participle(ctx, tok):
            continue  # "the agreement signed in 2006": a past participle modifying a noun ("to which Australia
            # had pledged funding" is a clause with its own actor)
        if tok.dep_ == "conj" and tok.head.i < tok.i and not any(t.dep_ == "cc" or t.lower_ in ("and", "but", "or") for t in tok.doc[tok.head.i + 1:tok.i]) \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            continue  # a "conjunct" with no conjunction: a participle the parser misread ("the Partnership ... agreed in 2006")
        if tok.dep_ in ("acl", "relcl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
                and not (act == "meet" and tok.dep_ == "advcl" and tok.lemma_.lower() in ATTEND_VERBS
                         and tok.head.lemma_.lower() in JOURNEY_VERBS):
            continue  # infinitival purpose or modifier ("a dialogue to discuss"): a theme, not an act ("leaves for
            # New York tomorrow, to attend the UN General Assembly": the journey's purpose is the meeting)
        if tok.dep_ in ("conj", "xcomp") and _under_infinitive(tok):
            continue  # "an opportunity to promote ... and to highlight ...", "to help support ...": still the theme
        if tok.dep_ in ("pcomp", "pobj") and tok.tag_ == "VBG" and not _children(tok, {"nsubj"}):
            continue  # "with the aim of adopting": a gerund theme ("with Beijing imposing sanctions" has its actor)
        if tok.dep_ == "conj" and tok.tag_ == "VBG" and tok.head.dep_ in ("pcomp", "pobj") and tok.head.tag_ == "VBG" \
                and not _children(tok, {"nsubj"}) and not _children(tok.head, {"nsubj"}):
            continue  # "a proven record in staging world-class events and hosting the final": the second gerund too
        if _in_theme(tok):
            continue  # inside "an agreement to explore holding ...": part of a noun's content
        if _wh_clause(tok):
            continue  # "what the Department of Justice is prepared to do", "we will discuss what we are
            # prepared to do": a clause naming what is done, the object of another verb, no act
        if tok.dep_ in ("acl", "ccomp") and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in EVIDENCE_NOUNS:
            continue  # "concerned by indications that Israel is planning a ground offensive": what is
            # reported of another, the theme of the speakers' act, not an act asserted
        if act == "meet" and tok.lemma_.lower() in ("speak", "talk") and _speech_not_meeting(tok):
            continue  # "He speaks French", "we're going to talk about Robotics Row": no meeting
        if tok.lemma_.lower() in HOPE_VERBS and act == "urge" and not any(
                ctx.codes_in(g.subtree) for c in tok.children if c.dep_ in ("ccomp", "dobj") for g in c.children
                if g.dep_ in ("nsubj", "nsubjpass")) and not _children(tok, {"xcomp"}):
            continue  # "we're hoping that this helps": a hope about no actor's conduct
        if tok.lemma_.lower() == "want" and act == "urge" and not _children(tok, {"xcomp"}) and not any(
                ctx.codes_in(c.subtree) for c in tok.children if c.dep_ in ("ccomp", "dobj")):
            continue  # "We want it to be a process owned by the sector", "the options New Zealanders want": a wish
            # about no actor ("we want those agreements to be the basis for commitments in ASEAN" stays)
        if tok.lemma_.lower() == "wish" and any(c.lower_ == "well" for c in tok.children):
            continue  # "I wish the company well": a courtesy
        if tok.lemma_.lower() == "take" and any(c.dep_ == "dobj" and c.lemma_.lower() == "time" for c in tok.children):
            continue  # "will take its time to consider": no pledge of an act
        if tok.lower_ == "opposed" and any(c.dep_ in ("mark", "advmod") and c.lower_ == "as" for c in tok.children):
            continue  # "as opposed to": a contrast, not an opposition
        if act == "meet" and tok.lemma_.lower() == "receive" and tok.dep_ == "relcl" and not _children(tok, {"dobj"}) \
                and ctx.tok2m.get(tok.head.i) is None and tok.head.lemma_.lower() not in ACTOR_HEADS:
            continue  # "the feedback we have received": a thing received, no visitor
        if act == "meet" and tok.lemma_.lower() == "receive" and (_meets_a_thing(ctx, tok) or any(
                c.dep_ == "dobj" and c.pos_ == "PROPN" and not any(ctx.tok2m.get(t.i) for t in c.subtree)
                and c.lemma_.lower() not in ACTOR_HEADS for c in tok.children)):
            continue  # "received her law degree", "received the report": a thing received, no visitor
        if tok.lemma_.lower() == "commit" and any(c.dep_ == "dobj" and c.lemma_.lower() in lex.misdeeds
                                                  for c in tok.children):
            continue  # "committing sexual violence": the other sense of the verb
        if any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) and not _children(
                tok, {"dobj", "ccomp", "xcomp", "nsubjpass", "attr"}) and role == "report":
            continue  # "As I noted, ...", "as agreed": a reference to what was said, no act
        if act == "meet" and tok.lemma_.lower() in ("visit", "tour") and _visits_a_place(ctx, tok):
            continue  # "will visit Tino e Tasi Preschool", "tour the lab": a place, not a meeting
        if act == "meet" and tok.lemma_.lower() == "meet" and _meets_a_thing(ctx, tok):
            continue  # "meet the needs of", "meet its NATO commitments": another sense of the verb
        if tok.lemma_.lower() in ("press", "push") and act == "urge" and any(
                c.dep_ in ("advmod", "prt") and c.lower_ in ("ahead", "on", "forward") for c in tok.children):
            continue  # "Israel will press ahead with an offensive": going on, nobody urged
        if act == "assault" and any(c.dep_ == "dobj" and c.lemma_.lower() in FIGURATIVE_OBJECTS for c in tok.children):
            continue  # "striking the right tone", "seize the opportunity", "hit the target": no attack
        if act == "meet" and tok.dep_ == "relcl" and ctx.tok2m.get(tok.head.i) is None \
                and any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in tok.children):
            continue  # "the work of the U.S.-EU Trade and Technology Council, which met in Pittsburgh": a
            # meeting of a thing described, no actor's meeting
        if _describes_object(tok):
            continue  # "..., as endorsed by PIF Leaders": a description of another act's object (RECORDS.md)
        if _conditional(tok):
            continue  # "if the EU seeks to limit ...", "would retaliate if attacked": not a realised act
        if _requested(tok):
            continue  # "urged Sudan's warring parties to agree to a truce": the act asked of others, not done
        if _obligation(tok) or sent.text.rstrip().rstrip('"”\'').endswith("?"):
            continue  # "we need to support ...", "should call", "Will Australia recognise ...?": no act done
        if tok.dep_ == "advcl" and tok.tag_ in ("VBD", "VBN") and not any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in tok.children) \
                and not _agent_participle(ctx, tok):
            continue  # "the Partnership signed in 2023" misread as a clause: a participle
        if tok.tag_ == "VBG" and tok.dep_ not in ("ROOT", "conj", "xcomp", "ccomp") and act not in DIRECTED \
                and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in tok.children) \
                and not (act == "commit" and _pledge_participle(tok)) and not _stance_participle(tok):
            continue  # a participle adding background ("..., recognising Nordic leadership")
        chain = []
        negated = any(c.dep_ == "neg" for c in tok.children)
        if role in ("control", "transparent", "modal"):
            chain = _inner_chain(tok, light_noun)
            for c in chain:
                consumed.add(c.i)
            inner_lemmas = set()
            head_chain = []
            for c in chain:
                head_chain.append(c)
                if c.lemma_.lower() not in ("continue", "seek", "advance", "wish", "try", "work", "look", "further"):
                    break
            for c in head_chain:
                inner_lemmas.add(c.lemma_.lower())
                for g in c.children:
                    if g.dep_ in ("dobj", "pobj", "prep", "xcomp"):
                        inner_lemmas.add(g.lemma_.lower())
                        for gg in g.children:
                            if gg.dep_ in ("pobj", "dobj"):
                                inner_lemmas.add(gg.lemma_.lower())
            inner_act = None
            for c in chain:
                ic = classify(lex, c)
                if ic and ic[1] in ("act", "report") and ic[0] not in ("commit",):
                    inner_act = ic[0]
                    if any(g.dep_ == "neg" for g in c.children):
                        negated = True
                    break
            if role == "control" and act == "explore" and tok.lower_ in lex.adjectives and not chain and light_noun is None \
                    and not any(c.dep_ in ("prep", "xcomp", "ccomp", "advcl", "acl") and c.lower_ not in ("with", "about")
                                for c in tok.children) \
                    and not any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("to", "for", "towards"))
                                or (c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
                                for c in (tok.head.children if tok.dep_ == "acomp" else [])):
                continue  # "completely open with you": openness to no act
            if tok.lemma_.lower() in ("want", "wish", "desire", "hope") and chain and chain[0].lemma_.lower() in WISH_NO_ACT \
                    and all(o.lower_ in ("you", "us", "everyone", "everybody", "all", "people", "folks")
                            for o in _children(tok, {"dobj"})):
                continue  # "I want to be completely open", "we wanted to say thank you": no act wished
            if tok.pos_ == "ADJ" and tok.dep_ == "acomp" and light_noun is None and any(
                    s.pos_ == "NOUN" and not _subject_codes(ctx, s) and _noun_lemma(s) not in ACTOR_HEADS | AGENT_PEOPLE
                    for s in _children(tok.head, {"nsubj"})):
                continue  # "the funding rounds are now open for applications": a thing's state, no one's act
            # "look forward to discussing ...": a pledge to one's own next step (RECORDS.md), not open-ended
            forward = tok.lemma_.lower() == "look" and any(c.lower_ == "forward" for c in tok.children)
            ctrl = (light_noun.lemma_.lower() if light_noun is not None else tok.lower_ if tok.lower_ in lex.adjectives else tok.lemma_.lower())
            if light_noun is not None and light_noun.lemma_.lower() in AFFIRMED_STANCES and tok.lemma_.lower() in AFFIRM_LIGHT:
                act = "affirm"  # "reaffirmed our commitment to ...", "reiterated their determination to ..."
            elif light_noun is not None and not chain:
                if act == "none":
                    continue  # "have shared interests in aquaculture": no act
                # "share a commitment to peace": the noun's own act
            elif (lex.explore_words & inner_lemmas and not forward) or act == "explore":
                act = "explore"
            elif ctrl in NEG_CONTROLLERS and inner_act:
                act, negated = inner_act, True
            elif ctrl in COMMIT_CONTROLLERS or (role == "control" and act == "commit"):
                act = "commit"
                if inner_act == "meet" and ctrl in SCHEDULE_CONTROLLERS:
                    act = "meet"  # "plan to meet": a scheduled event keeps its type; "agreed to meet regularly" is a pledge
            elif tok.lemma_.lower() in ("want", "wish", "desire", "hope") and chain and not (
                    any(c.lemma_.lower() == "see" for c in chain) or _children(tok, {"dobj"})):
                # "want to enhance the dialogue", "wants to attack the South": an aim, not a realised
                # act (RECORDS.md: want / desire / seek to = explore)
                act = "explore"
            elif inner_act:
                act = inner_act
            elif role == "modal" and not chain:
                if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in HOPE_VERBS:
                    continue  # "hopes that Zimbabwe will reconsider": a wish about another's act, no pledge
                if tok.lemma_.lower() in NOT_PLEDGED:
                    continue  # "I will say that our goal is ...": speech, not a pledge; "will prevail", "will
                    # lack": what will befall or hold, not an act pledged
                if tok.lemma_.lower() in ITINERARY_STEPS or (tok.lemma_.lower() in ADDRESS_VERBS and any(
                        c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_NOUNS for c in tok.children)):
                    continue  # "will depart on Sunday", "will deliver New Zealand's statement", "will give an
                    # address to the War College": a step of a programme, not a pledge (RECORDS.md: itineraries)
                act = "commit"
            elif role == "transparent" and tok.lemma_.lower() == "continue" and not any(
                    c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in tok.children):
                continue  # "the Alliance continues to evolve": a state of affairs, not a pledge
            if role == "control" and not chain and act == "commit" and tok.lower_ in lex.adjectives \
                    and ctrl in READINESS and _nothing_for(tok):
                continue  # "We are ready.", "We have to be ready": readiness for nothing named, no pledge
            if role == "control" and not chain and act == "commit" and ctrl == "committed":
                objs = [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "to" for g in p.children if g.dep_ == "pobj"]
                if objs and not ACTION_NOUN.search(objs[0].lower_) and objs[0].lemma_.lower() not in ACTION_LEMMAS \
                        and not any(_amount(d) for d in _children(tok, {"dobj"})):  # ("has committed $5 billion to school property": a pledge of money)
                    act = "affirm"
            if ctrl in ("pleased", "delighted", "happy", "glad", "proud", "thrilled"):
                if inner_act in (None, "note") and (not chain or chain[0].lemma_.lower() in PERCEPTION):
                    act = "support"  # "pleased with", "delighted to see / to note"
                elif inner_act is None:
                    continue  # "pleased to appoint Dr X": the pleasure is not an act, the appointment is none of ours
            trig_toks = trig_toks + chain[:1]
        if role == "report":
            # "stressed that they will continue to call on Russia": the inner act replaces it
            inner = [c for c in tok.children if c.dep_ == "ccomp"]
            replaced = False
            for c in inner:
                ic = classify(lex, c) or next((x for a in _children(c, {"acomp"}) if (x := classify(lex, a))
                                               and not _bare_readiness(a)), None)
                subj, _ = _subject(c)  # ("emphasized that the Administration is committed to ...": the adjective's act)
                subj_codes = ctx.codes_in(subj.subtree) if subj is not None else []
                # ("noted his administration is surging assistance to Ukraine": the speaker's own act)
                if ic and subj is not None and (subj.lower_ in ("they", "we") or _own_government(subj)
                                                or (subj_codes and set(subj_codes) <= set(doc.parties))):
                    if act == "affirm" and c.i > tok.i and ic[0] in STATED_STANCES and not _will(c) and c.lemma_.lower() != "continue" \
                            and not any(x.dep_ == "aux" and x.lemma_.lower() == "continue" for x in c.children):
                        # "affirmed that the United States fully supports the defense of ...": a stance
                        # stated is the affirmation (RECORDS.md: "agreed that [an assessment]" =
                        # affirm); a pledge or appeal inside ("stressed that they will continue to
                        # call on Russia") replaces it
                        consumed.update(x.i for x in [c, *_children(c, {"acomp"})])
                    else:
                        replaced = True
            if replaced:
                continue
            note_obj = _children(tok, {"dobj"}) if act == "note" else []
        if act == "support" and light_noun is not None and light_noun.lemma_.lower() == "support":
            objs = [g for p in light_noun.children if p.dep_ == "prep" and p.lower_ == "for" for g in p.children if g.dep_ == "pobj"]
            if objs and objs[0].lemma_.lower() in lex.principles and not any(
                    ctx.tok2m.get(t.i) and ctx.tok2m[t.i].code and ctx.tok2m[t.i].kind in ACTOR_KINDS - {"party_ref"}
                    for t in objs[0].subtree):
                act = "affirm"
        pledged_by = None  # the pledge verb that makes this act a promise (below)
        if act in ("announce", "sign", "cooperate", "meet") and role == "act" and tok.tag_ != "VBD":
            # ("committed to deepen X and launched together Y": a finite past verb is done, not promised)
            for a in _ancestors_until(tok, None):
                if a.lemma_.lower() in ("agree", "decide", "pledge", "commit", "vow", "resolve", "volunteer", "promise") \
                        and a.pos_ == "VERB" and (act != "meet" or a.lemma_.lower() in ("volunteer", "promise", "pledge", "vow")):
                    act = "commit"  # "agreed to explore ... and launch a dialogue": the launch is promised
                    pledged_by = a
                    break
                if a.dep_ == "ROOT" or a.dep_ == "ccomp":
                    break
        if act == "announce" and any(c.dep_ == "ccomp" and classify(lex, c) is not None for c in tok.children):
            continue  # "announced that he plans to meet Putin": the announced act is coded, not the announcing
        if act == "explore" and role == "act" and tok.lemma_.lower() == "discuss" and not _discusses_ways(lex, tok):
            act = "meet"  # "the leaders discussed / will discuss X": a consultation, held or planned (PLOVER
            # CONSULT; RECORDS.md: planned events keep their type); "discuss ways to" stays explore
        if act == "explore" and tok.lemma_.lower() in ("consider", "envisage", "envision") and any(
                c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" or (
                    g.dep_ == "nsubj" and tok.lemma_.lower() != "consider") for g in c.children) or (
                c.dep_ == "dobj" and tok.lemma_.lower() != "consider" and any(
                    g.dep_ == "acl" and g.tag_ == "VBG" for g in c.children)) for c in tok.children):
            act = "affirm"  # "considered that maritime security is of vital importance", "envisage the CEP serving as
            # a building block": an assessment, as "agreed that"; "envisage further negotiations" stays explore
        if act == "commit" and tok.lemma_.lower() == "agree" and role == "control" and not any(
                c.dep_ in ("xcomp", "ccomp") for c in tok.children) and any(
                c.dep_ == "prep" and c.lower_ == "with" and any(g.dep_ == "pobj" and g.pos_ == "NOUN" for g in c.children)
                for c in tok.children):
            act = "support"  # "agreed with Japan's assessment": an endorsement; not agreeing with one rejects it
        if negated and tok.lemma_.lower() in ("recognise", "recognize", "accept", "agree") and act in ("note", "support"):
            act, negated = "reject", False  # "will not recognise the outcome": a rejection (RECORDS.md)
        if negated and act == "commit" and (tok.lemma_.lower() in REFUSAL_VERBS or (
                tok.lemma_.lower() == "take" and any(c.lower_ == "part" for c in tok.children))):
            act, negated = "reject", False  # "won't allow any such plans", "won't take part": a refusal
        # source
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        if passive and tok.lower_ in lex.adjectives and (act == "concern" or any(
                (c.dep_ == "prep" and c.lower_ in ("to", "on")) or (c.dep_ == "agent" and act in ("concern", "support"))
                for c in tok.children)):
            passive = False  # "were committed to amplifying", "are focused on": a state of the subject, not a
            # passive; "were extremely concerned by Iran's breaches": "by" names the cause, not an agent;
            # "they were gravely concerned about the prospect of ...": the speakers' concern
        if passive and light_noun is not None and light_noun.head.lower_ == "in" and light_noun.head.head.i == tok.i:
            passive = False  # "is united in its solidarity with Ukraine": the subject's stance
        subj, _host = _subject(tok)
        if subj is None and _host is not None and (_host.dep_ == "relcl" or any(
                c.tag_ in ("WP", "WDT") for c in _children(_host, {"nsubj", "nsubjpass"}))
                or any(g.tag_ in ("WP", "WDT") for a in _children(_host, {"aux", "auxpass"}) for g in _children(a, {"nsubj"}))):
            # "organisations who are committed to ...": the act of the relative pronoun's
            # antecedent, an actor or nobody (never the speaker of the sentence)
            subj = _host.head
            if subj.i == _host.i or subj.pos_ not in ("NOUN", "PROPN", "PRON") or (
                    subj.dep_ in ("nsubj", "nsubjpass") and subj.head.lemma_.lower() not in REPORTING) \
                    or not (ctx.codes_in(subj.doc[subj.left_edge.i:subj.i + 1]) or _the_body(lex, ctx, subj, doc)) \
                    or not (subj.i in ctx.tok2m or subj.lemma_.lower() in ACTOR_HEADS | AGENT_PEOPLE | lex.body_nouns):
                # (the antecedent itself, not its clauses, and one that acts: "Yoon's doctrine that
                # pursues ..." is a thing)
                continue  # (a clause defining the main subject, "The leaders who participated ... include:", is no act)
        if subj is None:
            subj, _host = _subject(tok, accept=lambda sj: bool(_subject_codes(ctx, sj)))
        src: list[str] = []
        patient_codes: list[str] = []
        held_tgt: list[str] | None = None  # the other side of a meeting named as the subject
        matter = (act == "concern" and _matter_of_concern(tok) is not None) or (act == "condemn" and _blame(tok) is not None)
        if matter:
            # "X said that the situation in Niger was cause for serious concern": the reporter's
            # concern (in the text's own voice, its parties'), about what the subject names
            rep = tok.head if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in REPORTING else None
            rep_subj = [t for c in _children(rep, {"nsubj"}) for t in c.subtree] if rep is not None else []
            clauses = {g.i for t in rep_subj if t.dep_ in ("relcl", "acl") for g in t.subtree}
            src = ctx.codes_in([t for t in rep_subj if t.i not in clauses]) or list(speaker or parties)
            # ('..., say the European leaders, who ask Russia to ...': the text's parties)
            patient_codes = [c for sj in _children(tok, {"nsubj"}) for c in ctx.codes_in(sj.subtree) if c not in src]
            if not src or (act == "condemn" and not patient_codes):
                continue  # (blame with nobody to blame, or the speakers' own: "we bear responsibility for")
        elif act == "meet" and tok.lemma_.lower() == "take" and _held_meeting(tok) is not None:
            held_subj = _children(tok, {"nsubj"})[0]
            src, held_tgt = _meeting_sides(ctx, held_subj)
            if not src and parties and _collective(lex, ctx, held_subj, len(parties)):
                src = list(parties)
            if not src:
                continue
        elif light_noun is not None and light_noun.dep_ == "nsubj" and light_noun.head.i == tok.i \
                and tok.lemma_.lower() in ("be", "remain"):
            src = _stance_holder(ctx, light_noun, list(parties))
            if not src:
                continue
        elif passive and act == "meet" or (tok.lemma_.lower() == "hold" and passive and light_noun is not None):
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("between", "with", "among"):
                    src = ctx.codes_in(c.subtree)
            act = "meet"
        elif not passive and tok.pos_ == "VERB" and tok.lower_ not in lex.adjectives and (
                agent_codes := [c for a in _children(tok, {"agent"})[:1] for c in ctx.codes_in(a.subtree)]):
            # "as called for by Israeli leaders": a participle naming its agent is the agent's act
            src = agent_codes
        elif passive and act == "assault" and (event_codes := _event_agent(ctx, tok)):
            # "civilians were killed in shelling by Russian forces": the agent of the event named
            src = event_codes
        elif passive and act in AGENT_ACTS and not _children(tok, {"agent"}):
            continue  # "were seized of the need": an agentless passive of a material act is no act
        elif passive and subj is not None and subj.head.i == tok.i:
            agent = _children(tok, {"agent"})
            if not agent:
                continue  # agentless passive: no act
            # ("by the president putting a strain on relations ...": the clause is not the agent)
            clauses = {g.i for c in agent[0].subtree if c.dep_ in ("acl", "relcl", "advcl", "pcomp") and c.pos_ == "VERB"
                       for g in c.subtree} - {g.i for c in agent[0].subtree if c.dep_ == "nsubj" for g in c.subtree}
            src = ctx.codes_in([t for t in agent[0].subtree if t.i not in clauses])
            if not src and parties and any(_collective(lex, ctx, g, len(parties)) for g in _children(agent[0], {"pobj"})):
                src = list(parties)  # "was seen by both Prime Ministers as ...": the parties
            patient = [t for c in _children(tok, {"nsubjpass"}) for t in c.subtree]  # "Peters was snubbed by ..."
            patient_codes = [c for c in ctx.codes_in(patient) if c not in src]
        elif subj is not None and act in ("affirm", "note", "support", "concern") and role in ("act", "report") \
                and _noun_lemma(subj) in lex.event_subjects and subj.head.i == tok.i:
            continue  # "Mr. Sullivan's visit underscored the dynamism ...": a description (data/acts/event_subjects.txt)
        elif subj is not None and (role == "modal" or (role == "control" and tok.lemma_.lower() in INTENT_VERBS
                                                       and not _owned_by_government(ctx, subj))) \
                and (_thing_subject(lex, ctx, subj) or (role == "modal" and _forecast_of_a_name(ctx, tok, subj))) and not (
                tok.dep_ in ("acl", "ccomp") and tok.head.lemma_.lower() in OWN_INTENT | {"decision"}):
            # ("We reiterate our decision that the price cap will enter into force": the speakers' decision)
            continue  # "Israel's escalating policies will ignite the region": a forecast about a thing
        elif subj is not None:
            src = _subject_codes(ctx, subj)
            if not src and subj.lower_ == "it" and subj.head.i == tok.i and _quoted_at(sdoc.text, subj.idx):
                continue  # '"It also underlines the priority ...," Mr Goff said': inside a quote "it" as
                # the verb's own subject is the thing spoken of (a speaker's own government is "we"),
                # not the speaker ('"It's great to see ..."' keeps its rule)
            if not src and subj.lower_ in ("it", "he", "she", "they"):
                # "The ministry said it will provide ...": the pronoun is the reporting clause's subject
                rep = _climb(_host if _host is not None else tok, lambda x: x.dep_ in ("xcomp", "conj"))
                if rep.dep_ == "ccomp" and rep.head.lemma_.lower() in REPORTING:
                    rsubj = _children(rep.head, {"nsubj"})
                    if not rsubj and rep.head.dep_ in ("advcl", "xcomp", "conj") and subj.lower_ != "it":
                        # "adopted a communique, saying that they remained concerned": the
                        # participle's subject is the clause it hangs on ("it" there is as often
                        # the thing welcomed: "welcomed the platform, saying it will encourage")
                        up, _h = _subject(rep.head, accept=lambda sj: bool(_subject_codes(ctx, sj)))
                        rsubj = [up] if up is not None else []
                    if rsubj:
                        src = ctx.codes_in(rsubj[0].subtree)
            if len(src) == 1 and len(parties) == 2 and src[0] in parties and _unknown_partner(ctx, subj):
                src = list(parties)  # "Dr Ng and Mr Mark reaffirmed ...": in a two-party text, the other one
            if not src and person and subj.lower_ in PRONOUN_SUBJECTS and len(last_source) != 1 \
                    and not ctx.codes_in(t for t in sdoc[:subj.i]):
                # "He spoke in a joint news conference ...": one person, the one named last, when
                # the last act was a group's ("Abdelatty said mediators were looking to ..."); after
                # one actor's act, "He" is that actor (in a readout, not the counterpart named last)
                src = [person]
                if doc.meta.kind != "news" and len(last_source) >= 2 and doc.acts and len(doc.acts[0].source) == 1 \
                        and doc.acts[0].source[0] in last_source:
                    # an official account: "President Biden spoke with President von der Leyen ...
                    # They discussed ... He emphasized": after both sides' act, the one whose
                    # account it is (the opening act's actor), not the counterpart named last
                    src = list(doc.acts[0].source)
            if not src and last_source and (subj.lower_ in PRONOUN_SUBJECTS or (subj.lower_ == "it" and act in SPEECH_ACTS)
                                            or (subj.lower_ == "they" and subj.i == 0 and doc.meta.kind == "news")):
                # "It also called on democracies ...": the body that acted last; in a report, "They
                # also decided to ..." opening a sentence: those who acted last
                src = list(last_source)
            if not src and subj.lower_ == "i":
                # a quoted minister: the speaker the sentence names ("..., says Mr Key"), else
                # the government that publishes a single-government release
                src = list(speaker) if speaker else list(parties) if len(parties) == 1 else []
            if not src and parties and any(_collective(lex, ctx, sj, len(parties)) for sj in _children(tok, {"nsubj"}) or [subj]):
                src = list(parties)
            if not src and len(parties) == 1 and _the_body(lex, ctx, subj, doc):
                src = list(parties)
            if not src and speaker and subj.lemma_.lower() in SPEAKER_NOUNS and not ctx.codes_in(subj.subtree):
                src = list(speaker)  # "The spokesperson urged ...": the speaker the report last quoted  # "Ministers reaffirmed ...", "the co-leads will meet"
            if not src:
                def _acts_as(sj) -> bool:
                    return bool(_subject_codes(ctx, sj)) or bool(parties and _collective(lex, ctx, sj, len(parties)))

                subj2, _h = _subject(tok, accept=_acts_as)
                if subj2 is not None:
                    src = _subject_codes(ctx, subj2)
                    if not src and parties and _collective(lex, ctx, subj2, len(parties)) and all(
                            a.dep_ in ("conj", "ccomp", "xcomp")
                            for a in [tok, *(x for x in _ancestors_until(tok, _h) if x.i != _h.i)]):
                        src = list(parties)  # "Ministers noted that X ... and called on ...": a clause of theirs
        if act == "cooperate" and tok.lemma_.lower() == "work" and len(src) < 2 and not any(
                c.lower_ in ("together", "jointly") or (c.dep_ == "prep" and c.lower_ in ("with", "alongside"))
                for c in tok.children):
            continue  # "we are working to expand access": one actor at work, no partner: no joint act
        if role == "join" and src:
            partners = _children(tok, {"dobj"}) + [g for p in _children(tok, {"prep"}) if p.lower_ == "with"
                                                   for g in _children(p, {"pobj"})]
            src = src + [c for o in partners for c in ctx.codes_in(o.subtree) if c not in src]
            # "his Canadian and New Zealand counterparts": the adjectives name them
            src = src + [c for o in partners if o.lemma_.lower() in ("counterpart", "colleague", "leader", "minister")
                         for t in o.subtree if (m := ctx.tok2m.get(t.i)) is not None and m.kind == "modifier" and m.code
                         for c in m.code.split("+") if c not in src]
        if not src and not passive and tok.dep_ == "ROOT" and not _children(tok, {"nsubj", "nsubjpass", "expl"}):
            src = _left_actors(ctx, tok)  # the parser lost the subject: the actors right before the verb
        if not src and len(parties) >= 2 and any(c.dep_ == "nsubj" and c.lower_ in ("both", "each") for c in tok.children):
            src = list(parties)  # "Both agreed on ...": the two parties
        if not src:
            continue
        src = src + [c for c in _co_actors(ctx, tok, subj, act) if c not in src]
        if act == "urge" and "hope" in (tok.lemma_.lower(), light_noun.lemma_.lower() if light_noun is not None else ""):
            act = _hoped_act(ctx, tok, light_noun, src, parties)
        if speaker and src == list(speaker) and subj is not None and subj.lower_ == "we" and len(parties) == 2 \
                and set(speaker) < set(parties) and tok.lemma_.lower() in JOINT_TALK:
            src = list(parties)  # a minister's account of the talks, "we discussed ...": both sides of them
        if act == "support" and tok.lemma_.lower() in SHOW_VERBS:
            objs = _children(tok, {"dobj"})
            own = [g for g in objs[0].children if g.dep_ == "poss"] if objs else []
            if objs and ctx.tok2m.get(objs[0].i) is not None and not own:
                # "highlighted Australia and New Zealand's shared commitment": the parser made the
                # first possessor the object and the noun its conjunct
                owned = _possessed_conjuncts(objs[0])
                if owned:
                    own = [objs[0], *(g for g in owned[0].children if g.dep_ == "poss")]
                    objs = owned
            own_stance = bool(own) and all(g.lower_ in ("their", "our") or (
                ctx.tok2m.get(g.i) is not None and set(ctx.tok2m[g.i].code.split("+")) <= set(src)) for g in own)
            others = objs and any(ctx.tok2m.get(t.i) is not None and ctx.tok2m[t.i].kind != "party_ref"
                                  and not set(ctx.tok2m[t.i].code.split("+")) <= set(src) for t in objs[0].subtree)
            if objs and (objs[0].lemma_.lower() in IMPORTANCE or (objs[0].lemma_.lower() in OWN_STANCE and own_stance)):
                act = "affirm"  # "highlighted the importance of ...", "highlighted their shared commitment": a stance
            elif tok.lemma_.lower() == "highlight" and (not objs or not others):
                act = "affirm"  # "highlighted how transparency can ...", "highlighted the Administration's efforts"
        fellows: set[str] = set()
        if act == "commit" and tok.lemma_.lower() == "agree" and not chain:
            agreed = _agreed_that(ctx, tok, src, doc)
            if agreed:
                act = agreed
                for c in tok.children:  # the agreed clause is this act's content, not an act of its own
                    if c.dep_ == "ccomp":
                        consumed.update(t.i for t in c.subtree if t.pos_ in ("VERB", "AUX"))
                        inner_subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                        codes = _subject_codes(ctx, inner_subj[0]) if inner_subj else []
                        if act == "commit" and codes and set(codes) < set(src):
                            src = codes  # "They agreed Australia would continue to engage ...": Australia pledges
                            chain = [c]
                        elif act == "commit" and codes and set(src) < set(codes):
                            fellows = set(codes) - set(src)  # who pledges with them is no target
            if any(p.lower_ == "on" and any(g.lemma_.lower() in IMPORTANCE for g in p.children) for p in tok.children):
                act = "affirm"  # "agreed on the need for X to ..." (RECORDS.md)
        if act == "support" and tok.lemma_.lower() == "welcome" and any(
                p.dep_ == "prep" and p.lower_ == "to" and any(g.pos_ == "PROPN" for g in p.children) for p in tok.children) \
                and any(ctx.tok2m.get(t.i) is not None and ctx.tok2m[t.i].kind in ("leader", "official", "office")
                        for c in tok.children if c.dep_ == "dobj" for t in c.subtree):
            act = "meet"  # "welcomed Prime Minister Fiala to the White House": hosting a visit
        if role == "report" and act == "note" and note_obj:
            # "acknowledged ROK's hosting", "recognise Israel's right": appreciation of another
            # actor's conduct is support; "noted our own relationship" stays a note
            poss = {c for g in note_obj[0].children if g.dep_ == "poss" and ctx.tok2m.get(g.i)
                    for c in ctx.tok2m[g.i].code.split("+") if c}
            obj = note_obj[0].lemma_.lower()
            own = not poss or poss <= set(src) or any(
                g.dep_ == "poss" and g.lower_ in ("their", "our", "its") for g in note_obj[0].children)
            inner = _to_clause(note_obj[0])
            if obj in OWN_INTENT and tok.lemma_.lower() == "recall":
                pass  # "recalled their commitment at the APEC meeting a year earlier to ...": a past pledge recalled
            elif obj in OWN_INTENT and own and inner:
                act = "explore" if obj in ("desire", "wish", "interest", "aspiration") else "commit"
                # "noted their commitment to provide ...": the inner pledge (RECORDS.md)
            elif obj in IMPORTANCE and tok.lemma_.lower() != "note":
                act = "affirm"  # "recognised the importance / need" (RECORDS.md); "noted the importance" stays a note
            elif obj in NOTE_TO_SUPPORT or (poss and not poss <= set(src)):
                act = "support"
        if act == "sign" and role == "act" and _will(tok) and any(
                c.dep_ == "advcl" and any(g.dep_ in ("mark", "advmod") and g.lower_ in ("when", "if", "once") for g in c.children)
                for c in tok.children):
            act = "commit"  # "when Congress passes a law ..., I will sign it": a promise; a signing on a
            # programme ("will sign an arrangement tonight") keeps its type, as a planned meeting does
        if act in ("cooperate", "aid", "announce", "note") and (role == "act" or (
                role == "transparent" and tok.lemma_.lower() == "continue")) and _will(tok):
            act = "commit"  # "will cooperate", "would collaborate", "will continue to share": a pledge, not
            # joint activity under way ("are continuing to share" stays cooperate)
        cont = next((x for x in [tok, *chain] if x.lemma_.lower() == "continue"), None)
        if act == "meet" and cont is not None and (cont.tag_ == "VB" or _will(cont)):
            act = "commit"  # "would continue talks", "plan to continue the dialogue": a pledge; talks under
            # way stay a meeting ("are continuing talks"), as a planned meeting does ("will meet on Monday")
        tgt = _targets(ctx, act, trig_toks[2] if role == "join" and len(trig_toks) > 2 else tok, chain, light_noun, src)
        if fellows:
            tgt = [c for c in tgt if c not in fellows]
        if held_tgt is not None:
            tgt = held_tgt
        merged = "commit"  # the act type of the verb this act is part of (pledged_by)
        if act == "meet" and tok.dep_ == "advcl" and tok.head.lemma_.lower() in JOURNEY_VERBS and pledged_by is None:
            pledged_by, merged = tok.head, "meet"  # "will visit China to attend the Strategic Dialogue": one visit
        if pledged_by is not None:
            # "volunteered to go and talk to the junta in Niger": one pledge; what the promised act
            # names is its target
            same = next((f for f in found if f.act == merged and f.source == src and f.trigger_span is not None
                         and f.trigger_span[0] <= sent.start + pledged_by.idx < f.trigger_span[1]), None)
            if same is not None:
                same.target = same.target + [c for c in tgt if c not in same.target]
                for t in trig_toks:
                    consumed.add(t.i)
                continue
        if not tgt and act in ("commit", "aid") and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in TOLD_VERBS:
            # "informed Vice President Osinbajo that the Administration will provide $2 million":
            # a pledge made to the one told
            tgt = [c for c in ctx.codes_in(t for d in _children(tok.head, {"dobj"}) for t in d.subtree) if c not in src]
        if patient_codes and act in DIRECTED | {"sanction", "assault", "threaten", "support"}:
            # (and the subject of "X is cause for concern")
            tgt = tgt + [c for c in patient_codes if c not in tgt]  # "Peters was snubbed by Kiribati's president"
        if act == "commit" and (demanded := _ultimatum(tok)) is not None:
            # "X must cede power within a week, or ECOWAS will take all necessary measures": a threat
            # to whoever the demand is made of (RECORDS.md: threaten)
            act = "threaten"
            tgt = [c for c in ctx.codes_in(demanded) if c not in src] or tgt
        if act in ("meet", "explore") and not tgt and len(src) == 1 \
                and (tok.lemma_.lower() in DISCUSS or any(c.lemma_.lower() in DISCUSS for c in chain)):
            # "He discussed X" in an account of a meeting: the other side of the meeting (RECORDS.md):
            # the one this sentence says they met ("held talks with Penny Wong and discussed"), in a
            # two-party document the other party, else the other side of the last meeting this
            # document reported for the same source ("... met with President Abbas")
            # ("will discuss ways to ..." with nobody named in the sentence: an aim, no counterpart)
            tgt = _meeting_counterpart(found, doc, src, here_only=act == "explore")
        if not tgt and len(src) == 1 and act in BILATERAL_ACTS and _bilateral_matter(tok, subj):
            # "Cho called for expanding bilateral cooperation", "voiced hope that the two
            # countries could advance cooperation": one side's act about the relationship is
            # directed at the other side of the meeting reported
            tgt = _meeting_counterpart(found, doc, src)
        if act == "meet" and not tgt and _agent_participle(ctx, tok) and (thing := _participle_thing(tok)) is not None:
            # the ISAF conference attended (not its venue, "in London")
            venue = {t.i for p in thing.subtree if p.dep_ == "prep" and p.lower_ in ("in", "at") for t in p.subtree}
            tgt = [c for c in ctx.codes_in(t for t in thing.subtree if t.i not in venue) if c not in src]
        if act == "meet" and not tgt and len(src) == 1:
            tgt = _place_host(ctx, tok, src)
        if act == "meet" and not tgt and len(src) == 1 and len(doc.parties) == 2 and src[0] in doc.parties \
                and _titled_stranger(ctx, tok):
            # "Dr Smith will meet Trade Minister Fischer" in a New Zealand-Australia text: a minister
            # the gazetteer does not know is the other party's
            tgt = [p for p in doc.parties if p != src[0]]
        if act == "meet" and len(src) == 1 and tgt and subj is not None and subj.lower_ in ("they", "we") \
                and not _names_counterpart(ctx, tok):
            # "during a phone call with Putin, they discussed ...", "She said they would discuss ...":
            # a plural pronoun holding talks is both sides of the meeting (RECORDS.md: a meeting
            # between them is source [A, B], target [])
            src, tgt = src + [c for c in tgt if c not in src], []
        if act == "meet" and not tgt and len(src) == 1 and any(
                c.dep_ == "prep" and c.lower_ in ("with", "to") and not any(ctx.tok2m.get(t.i) for t in c.subtree)
                and any(g.dep_ == "pobj" and _no_counterpart(g) for g in c.children) for c in tok.children):
            continue  # "We've met with people all over the country", "talked to some of the families",
            # "we'll talk to you about it": no counterpart that acts
        if act == "meet":
            tgt = [c for c in tgt if c not in src]  # "He talked about COVID ..." in a text of one party
        trig_text = sdoc[min(t.i for t in trig_toks): max(t.i for t in trig_toks) + 1].text
        if leadins is not None and sent.text.rstrip().endswith(":") and _is_lead_in(sdoc, trig_toks):
            # the items that follow complete this verb; the lead-in itself carries no act
            leadins[sent.idx] = {"act": act, "role": role, "source": src, "trigger": sdoc[min(t.i for t in trig_toks):max(t.i for t in trig_toks) + 1].text}
            continue
        intensity = _intensity(lex, sdoc.text, trig_toks)
        lo = min(t.idx for t in trig_toks)
        hi = max(t.idx + len(t) for t in trig_toks)
        found.append(Act(sentence=sent.idx, act=act, source=src, target=tgt, trigger=trig_text, negated=negated,
                         intensity=intensity, trigger_span=(sent.start + lo, sent.start + hi)))
        for t in trig_toks:
            consumed.add(t.i)
        if tok.lemma_.lower() == "agree" and act in ("affirm", "commit", "support", "explore") and not negated:
            # "agreed [an assessment], and that New Zealand and Australia would continue to assist
            # Ukraine": a second clause of what was agreed, with an act of its own type
            for second in _second_agreed(tok):
                act2 = _agreed_that(ctx, tok, src, doc, second)
                if act2 and act2 != act:
                    tgt2 = _targets(ctx, act2, second, [], None, src)
                    found.append(Act(sentence=sent.idx, act=act2, source=src, target=tgt2, trigger=trig_text,
                                     negated=False, intensity=intensity, trigger_span=(sent.start + lo, sent.start + hi)))
        # one verb, several objects of different act types: "reaffirmed the importance of X and
        # their shared opposition to Y" = affirm + reject (RECORDS.md: one act per act type)
        if light_noun is not None or tok.lemma_.lower() in LIGHT_VERBS:
            kinds = {act}
            for obj in _children(tok, {"dobj"}):
                # the parser may hang a coordinated object on a noun inside the first one
                owned = [t for t in obj.subtree if t.dep_ == "conj" and t not in obj.conjuncts
                         and (any(g.dep_ == "poss" and g.lower_ in ("their", "our") for g in t.children)
                              or (t.lemma_.lower() in IMPORTANCE and _to_clause(t)))]
                # ("expressed appreciation for X, and the importance of Y": the parser may hang the
                # second object on the verb)
                hung = [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c.lemma_.lower() in IMPORTANCE]
                for extra in [*obj.conjuncts, *owned, *hung]:
                    hit = _noun_trigger(lex, tok, extra)
                    if hit is None and extra.lemma_.lower() in IMPORTANCE and (tok.lemma_.lower() in AFFIRM_LIGHT or extra in hung):
                        hit = ("affirm", "act")  # "reiterated his concern about X and the need to Y" (RECORDS.md)
                    if hit is None or hit[0] in kinds or hit[0] == "none":
                        continue
                    kinds.add(hit[0])
                    etgt = _targets(ctx, hit[0], tok, [], extra, src)
                    found.append(Act(sentence=sent.idx, act=hit[0], source=list(src), target=etgt,
                                     trigger=f"{tok.text} ... {extra.text}", negated=negated,
                                     trigger_span=(sent.start + extra.idx, sent.start + extra.idx + len(extra))))
    if not found and leadins is not None and sent.text.rstrip().endswith(":"):
        _modal_lead_in(sdoc, sent, ctx, lex, leadins, list(parties))
    return found


def _modal_lead_in(sdoc, sent: Sentence, ctx: "SentenceContext", lex: Lexicon, leadins: dict,
                   parties: list[str]) -> None:
    """A lead-in that ends with its modal ("Representatives of the Participants will:"): the
    items that follow are what its subject pledges (RECORDS.md: list items carry the lead-in's
    source and verb)."""
    words = [t for t in sdoc if not t.is_space and not t.is_punct]
    if not words or words[-1].lower_ not in ("will", "shall"):
        return
    modal = words[-1]
    head = modal.head if modal.dep_ == "aux" else modal
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return
    src = _subject_codes(ctx, subj)
    if not src and parties and (subj.lower_ in ("we", "they") or _collective(lex, ctx, subj, len(parties)) or any(
            _collective(lex, ctx, g, len(parties)) for p in subj.children if p.dep_ == "prep" for g in p.children)):
        src = list(parties)  # "representatives of the Participants", "the Ministers", "we"
    if src:
        leadins[sent.idx] = {"act": "commit", "role": "modal", "source": src, "trigger": modal.text}


PASSIVE_EVENT = re.compile(r"\b(?:killed|wounded|injured|struck|hit|destroyed|damaged|targeted|attacked)\b.{0,60}\bby\b")
PASSIVE_MEETING = re.compile(r"\b(?:was|were|is|are|will be) held\b.{0,80}\bbetween\b")
TOOK_PLACE = re.compile(r"\b(?:took|take|takes|taking|taken) place\b")  # "the meeting took place" (_held_meeting)


def gate(lex: Lexicon, sent: Sentence, mentions: list[Mention], parties: int = 0, speaker: bool = False,
         release: bool = False, body: bool = False) -> bool:
    """Cheap test: can this sentence hold an act? (a trigger cue and an actor)"""
    if sent.role not in ("body", "item") or sent.end - sent.start > MAX_SENTENCE_CHARS:
        return False  # (a "sentence" of thousands of characters is a list or table the segmenter could not split)
    if sent.item_of is not None:
        return True  # a list item may complete a lead-in's verb without naming an actor
    actors = [m for m in mentions if m.code and m.kind in ACTOR_KINDS]
    start = PRONOUN_START.match(sent.text)
    # a quoted minister's "I" acts only when the sentence names who speaks ('"I thank ...," says Mr Key')
    pronoun = (start is not None and (start.group(1) != "I" or release or REPORTED.search(sent.text) is not None)) \
        or (not actors and PRONOUN_SUBJECT.search(sent.text) is not None) \
        or (bool(actors) and PRONOUN_SUBJECT.search(sent.text, 0, actors[0].start - sent.start) is not None)
    # ("And, she once again called on Congress": the pronoun acts before the actor named)
    low = sent.text.lower()
    # "Ministers reaffirmed ...": a collective subject standing for the parties
    collective = None
    if not pronoun and parties:
        collective = find_word(lex.collective_cue if parties >= 2 else lex.single_collective_cue, low)
    if collective is None and speaker and not pronoun:
        collective = find_word(SPEAKER_CUE, low)  # "The spokesperson urged ...": the speaker last quoted
    if collective is None and body and not pronoun:
        collective = find_word(lex.body_cue, low)  # "The regional bloc said ...": the one body reported on
    if not actors and not pronoun and collective is None:
        return False
    # an act's actor stands before its trigger (subject, or "between A and B" in a passive
    # meeting after an earlier name): a cue must follow the first actor
    first = 0 if pronoun else min([m.start - sent.start for m in actors] + ([collective.start()] if collective else []))
    if find_word(lex.cue, low, first) is not None or (" held " in low and PASSIVE_MEETING.search(low) is not None) \
            or (" by " in low and PASSIVE_EVENT.search(low) is not None) \
            or (" place" in low and TOOK_PLACE.search(low) is not None) \
            or (" would " in low and REPORTED_WOULD.search(low) is not None):
        return True
    return find_word(lex.noun_cue, low, first) is not None and find_word(lex.light_cue, low) is not None


def _quoted_speaker(sent: Sentence, mentions: list[Mention]) -> list[str] | None:
    """Who speaks in a news sentence that reports speech ("..., a Chinese foreign ministry
    spokesperson said", "according to the ministry"): the actor named nearest before the
    reporting verb (or right after it). A later quote's "we" is that speaker until another
    is named."""
    m = REPORTED.search(sent.text)
    if m is None:
        return None
    pos = sent.start + m.start()
    actors = [x for x in mentions if x.code and x.kind in ACTOR_KINDS and x.kind != "party_ref"]
    text, off = sent.text, sent.start

    def close(a: int, b: int, words: int) -> bool:  # only a few plain words between (no quote, no clause break)
        gap = text[a - off:b - off]
        return not any(ch in gap for ch in ",;:\"\u201c\u201d") and len(gap.split()) <= words

    before = [x for x in actors if x.end <= pos and close(x.end, pos, 4)]
    if before:
        return before[-1].code.split("+")
    end = pos + len(m.group(0))
    after = [x for x in actors if x.start >= end and close(end, x.start, 1)]
    return after[0].code.split("+") if after else None


OPEN_QUOTES = ("\u201c", '"', "\u2018")


def _quote_chains(d: Document, quoted: dict[int, list[str] | None]) -> dict[int, list[str]]:
    """Speakers of quoted paragraphs that do not name them, by the convention of press
    releases and news: a paragraph that opens a quote and leaves it open is continued by the
    next paragraph that opens with a quote mark, and the whole run is one speaker's, named in
    one of its paragraphs ('... Mr McCully said.') or, if none, in the quoted paragraph just
    before it ('"...," Mr Rudd said.' then '"By intervening ...' '"We have kept ...'). quoted:
    sentence index -> the speaker the sentence itself names (_quoted_speaker). Returns
    sentence index -> speaker codes for the sentences of such runs."""
    text = d.text
    paras: list[list[Sentence]] = []
    prev_end = None
    for s in d.sentences:
        if prev_end is None or "\n" in text[prev_end:s.start]:
            paras.append([])
        paras[-1].append(s)
        prev_end = s.end
    out: dict[int, list[str]] = {}
    prev_speaker: list[str] | None = None  # of the quoted paragraph just before
    i = 0
    while i < len(paras):
        if not paras[i][0].text.lstrip().startswith(OPEN_QUOTES):
            prev_speaker = None
            i += 1
            continue
        run = [paras[i]]
        while i + len(run) < len(paras) and _left_open(text, run[-1]) \
                and paras[i + len(run)][0].text.lstrip().startswith(OPEN_QUOTES):
            run.append(paras[i + len(run)])
        named = [sp for p in run for s in p if (sp := quoted[s.idx])]
        speaker = named[-1] if named else prev_speaker
        if speaker:
            for p in run:
                for s in p:
                    out[s.idx] = speaker
        prev_speaker = speaker
        i += len(run)
    return out


def _left_open(text: str, para: list[Sentence]) -> bool:
    """The paragraph ends inside a quotation (more opening than closing marks)."""
    chunk = text[para[0].start:para[-1].end]
    if "\u201c" in chunk or "\u201d" in chunk:
        return chunk.count("\u201c") > chunk.count("\u201d")
    return chunk.count('"') % 2 == 1


PARSE_STATS = Counter()


def _parse_all(texts: list[str], nlp, batch_size: int, n_process: int) -> Iterator:
    """The parses of texts, in order, lazily, one parse per distinct text: releases repeat
    sentences (boilerplate, the same paragraph in several statements of a batch). The
    parse of a text is the same wherever it occurs and extraction only reads it, so one Doc
    serves every occurrence; a Doc is held only while a later occurrence is to come. (A
    cache across batches saved another ~5% of parsing on White House briefings for ~100 MB
    per worker: not kept.)"""
    left = Counter(texts)
    parsed = nlp.pipe(list(dict.fromkeys(texts)), batch_size=batch_size, n_process=n_process)
    held: dict[str, object] = {}
    PARSE_STATS["sentences"] += len(texts)
    PARSE_STATS["parsed"] += len(left)
    for t in texts:
        sdoc = held.get(t)
        if sdoc is None:
            sdoc = next(parsed)
        left[t] -= 1
        if left[t]:
            held[t] = sdoc
        else:
            held.pop(t, None)
        yield sdoc


PARSE_BATCH = 64  # sentences per spaCy minibatch: 256 held ~160 MB of layer outputs on long briefings, 64 ~60 MB, in the same time


STATE_KINDS = {"state", "capital", "leader", "office"}  # mentions that name a state (officials may be a body's)


def _sides(a: Act) -> list[str]:
    """Who took part in an act: its sources, and for a meeting also whom they met."""
    return list(a.source) + [c for c in a.target if c not in a.source] if a.act == "meet" else list(a.source)


def extract_acts(docs: Iterable[Document], batch_size: int = PARSE_BATCH, n_process: int = 1) -> Iterator[Document]:
    """Fill doc.acts for each document (which must have sentences and mentions)."""
    lex = get_lexicon()
    nlp = get_nlp()
    docs = list(docs)
    jobs = []
    speakers: dict[tuple[str, int], list[str]] = {}
    others: dict[tuple[str, int], str] = {}
    before: dict[tuple[str, int], list[str]] = {}
    persons: dict[tuple[str, int], str] = {}  # the person named last before each sentence
    for d in docs:
        by_sent: dict[int, list[Mention]] = {}
        for m in d.mentions:
            by_sent.setdefault(m.sentence, []).append(m)
        last_speaker: list[str] | None = None
        last_other: str | None = None
        named: list[str] = []
        last_person: str | None = None
        release = d.meta.kind == "statement" and len(d.parties) == 1  # a single government's release
        # a report about one intergovernmental body ("the bloc", "the alliance" stand for it)
        body = d.meta.kind == "news" and _one_body_party(d)
        # who each sentence names as speaking; unattributed quoted paragraphs of a release take
        # their run's speaker
        quoted = {s.idx: _quoted_speaker(s, by_sent.get(s.idx, [])) for s in d.sentences}
        chained = _quote_chains(d, quoted) if d.meta.kind != "news" else {}
        for s in d.sentences:
            ms = by_sent.get(s.idx, [])
            if last_other:
                others[(d.id, s.idx)] = last_other
            if named:
                before[(d.id, s.idx)] = named[-8:]
            if last_person:
                persons[(d.id, s.idx)] = last_person
            for m in ms:
                if m.code and m.kind in ("leader", "official") and "+" not in m.code:
                    last_person = m.code
            named += [m.code for m in ms if m.code and m.kind in ("state", "capital", "office", "leader", "group")
                      and "+" not in m.code]
            for m in ms:  # the state named last before the next sentence, other than the parties
                if m.code and m.kind in ("state", "capital", "office") and m.code not in d.parties and "+" not in m.code:
                    last_other = m.code
            here = quoted[s.idx] or chained.get(s.idx)
            if d.meta.kind == "news":
                # a report quotes one speaker over several sentences
                last_speaker = here or last_speaker
                here = last_speaker
            if here:
                speakers[(d.id, s.idx)] = here
            if gate(lex, s, ms, len(d.parties), (d.id, s.idx) in speakers, release, body):
                jobs.append((d, s, ms))
    parsed = _parse_all([s.text for _, s, _ in jobs], nlp, batch_size, n_process)
    last: dict[str, list[str]] = {}
    leadins: dict[str, dict] = {}
    lead: dict[str, list[str]] = {}
    for (d, s, ms), sdoc in zip(jobs, parsed):
        acts = extract_sentence(sdoc, s, ms, lex, d, last.get(d.id, []), leadins.setdefault(d.id, {}), lead.get(d.id),
                                speakers.get((d.id, s.idx)), others.get((d.id, s.idx)), before.get((d.id, s.idx), []),
                                persons.get((d.id, s.idx)))
        if d.meta.kind == "news" and d.id not in lead and acts and len(acts[0].source) >= 1 \
                and not any(m.kind == "party_ref" for m in ms):
            # a news report's lead names who acted; "we", "the two sides", "the leaders" later in
            # the report are those actors, not every state its opening sentence names (of a
            # meeting, both sides of it: "Cho held a meeting with his Iranian counterpart ... The
            # two ministers agreed")
            lead[d.id] = _sides(acts[0])
        elif d.meta.kind == "news" and d.id in lead and (pair := next(
                (_sides(a) for a in acts if a.act == "meet" and len(a.source) == 1 and len(a.target) == 1
                 and any(m.code == a.target[0] and m.kind in STATE_KINDS for m in ms)), None)) \
                and pair[0] in lead[d.id] and pair[1] not in lead[d.id]:
            # a report of several meetings of one actor: "the two sides" after "Cho also held talks
            # with Australian Foreign Minister Penny Wong" are Cho and Wong
            lead[d.id] = pair
        for a in acts:
            find_when(a, s, d)
            code_act(a, s.text, lex)
            fill_sectors(a, ms)
        if acts:
            last[d.id] = acts[-1].source
        d.acts.extend(acts)
    return iter(docs)
