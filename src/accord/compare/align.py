"""Align a news report with the official text it covers and label every sentence.

News side: ``supported`` | ``strength_changed`` | ``added`` | ``contradicted``.
Source side: ``covered`` | ``omitted``.

Two signals find the evidence of a news sentence. Words: content keys (stems, synonym
groups, actor codes) weighted by inverse sentence frequency over both documents, fuzzy
matching (rapidfuzz) for the remaining words. Meaning: the cosine of all-MiniLM-L6-v2
sentence embeddings (``embed.py``, numpy; absent model = words only), which finds a
paraphrase that shares few words ("agreed to strengthen their partnership" for "shared
intention to further deepen cooperation"). The two are combined into one support score;
then numbers and dates, act verbs with a force rank (from the documents' extracted acts
when they carry them, else from ``data/compare/acts.tsv``) and the actors of each act
decide between supported, strength_changed, contradicted and added, with the reason.
"""
from __future__ import annotations

import re
import time
from functools import lru_cache
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from ..models import Document
from .text import _GLOSS, ActHit, Fact, SentInfo, analyse, furniture, idf_weights, lexicon, stem, strip_dateline

NEWS_LABELS = ("supported", "strength_changed", "added", "contradicted")
SOURCE_LABELS = ("covered", "omitted")

# thresholds (coverage = share of the news sentence's key weight found in its evidence)
MIN_EVIDENCE = 0.12  # a source sentence must explain this much of a news sentence to be evidence
MIN_GAIN = 0.10  # a further source sentence is merged in when it adds this much coverage
MAX_EVIDENCE = 4
LOW = 0.42  # below: the news sentence is not in the source -> added
HIGH = 0.70  # new facts in a sentence covered less than this -> added
CAPTION_MIN = 0.80  # captions are added unless nearly all of them is in the source
FUZZY_CUTOFF = 88
FUZZY_CREDIT = 0.8
REVERSE_COVER = 0.50  # a source sentence this covered by one news sentence is covered
# the evidence of a kept news sentence covers its source sentences: the same evidence on both
# sides (a news sentence is not `supported` by a source sentence that stays `omitted`); was 0.22
COVER_SHARE = 0.0
# meaning (sentence-embedding cosine): a cosine of SIM_LO counts as no support, SIM_HI as full
SIM_LO = 0.40
SIM_HI = 0.75
SIM_WEIGHT = 0.5  # support = max(words, SIM_WEIGHT * words + (1 - SIM_WEIGHT) * meaning, meaning - SIM_MARGIN)
SIM_MARGIN = 0.15
SIM_CANDS = 3  # the most similar source sentences are candidates even when they share no word
COVER_SIM = 0.62  # a kept news sentence this similar to a source sentence covers it
LIST_INTRO_WORDS = 12  # "Mr Peters ... also announced:" carries no claim of its own; a longer sentence before a colon does
CUT_WORDS = 6  # a last sentence cut off by the end of the text (an excerpt) with fewer words has no claim yet
# support through names alone: a sentence found only moderately supported (support below
# NAMES_SUPPORT_MAX) whose meaning, once the names (capitalised words) and numbers are taken out
# of it and of its evidence, falls below NAMES_MEANING_MAX and by at least NAMES_DROP says
# something else of the named thing ("The Television Co-production Agreement will allow
# programmes ... to be broadcast on Chinese TV" against the statement that only names the
# agreement): `added`
NAMES_SUPPORT_MAX = 0.65
NAMES_MEANING_MAX = 0.30
NAMES_DROP = 0.25


@dataclass(slots=True)
class Evidence:
    idx: int
    score: float  # share of the news sentence explained by this source sentence alone
    shared: list[str]  # shared terms (surface forms from the news sentence)
    text: str = ""


@dataclass(slots=True)
class NewsItem:
    idx: int
    text: str
    role: str
    label: str
    score: float  # coverage of the news sentence by all its evidence
    evidence: list[Evidence] = field(default_factory=list)
    direction: str | None = None  # stronger | weaker (strength_changed)
    reason: str = ""
    shared: list[str] = field(default_factory=list)
    unshared: list[str] = field(default_factory=list)
    new_facts: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SourceItem:
    idx: int
    text: str
    role: str
    label: str
    score: float  # best share of this source sentence found in one news sentence
    by: list[int] = field(default_factory=list)  # news sentences that report it
    reason: str = ""


@dataclass(slots=True)
class Comparison:
    news_id: str
    source_id: str
    news_title: str | None
    source_title: str | None
    news_date: str | None
    source_date: str | None
    news: list[NewsItem]
    source: list[SourceItem]
    seconds: float = 0.0
    params: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        c = {k: 0 for k in NEWS_LABELS + SOURCE_LABELS}
        for n in self.news:
            c[n.label] += 1
        for s in self.source:
            c[s.label] += 1
        return c

    def summary(self) -> dict[str, Any]:
        c = self.counts()
        body = [n for n in self.news if n.role != "caption"]
        kept = sum(1 for n in body if n.label != "added")
        return {"counts": c, "news_sentences": len(self.news), "source_sentences": len(self.source),
                "news_supported_share": round(kept / len(body), 3) if body else 0.0,
                "source_covered_share": round(c["covered"] / len(self.source), 3) if self.source else 0.0}

    def to_dict(self) -> dict[str, Any]:
        return {"news_id": self.news_id, "source_id": self.source_id, "news_title": self.news_title,
                "source_title": self.source_title, "news_date": self.news_date, "source_date": self.source_date,
                "summary": self.summary(), "news": [asdict(n) for n in self.news],
                "source": [asdict(s) for s in self.source], "seconds": round(self.seconds, 4), "params": self.params}


# -- helpers ------------------------------------------------------------------------


def _sentences(doc: Document) -> list[tuple[int, str, str]]:
    if doc.sentences:
        return [(s.idx, s.text, s.role) for s in doc.sentences]
    from ..text import prepare

    prepare(doc)
    return [(s.idx, s.text, s.role) for s in doc.sentences]


def _doc_acts(doc: Document) -> dict[int, list[ActHit]]:
    """Extracted acts (doc.acts) as ActHits, by sentence. Empty when none were extracted."""
    from .text import lexicon as _lex

    fam = {a: (f, r) for (a, f, r) in _lex().acts.values()}
    out: dict[int, list[ActHit]] = {}
    for a in doc.acts or []:
        f, r = fam.get(a.act, (a.act, 1))
        # the extractor's intensity is the marking phrase ("strongly", "in the strongest
        # possible terms"); any marking adds force
        force = 2 * r + (1 if a.intensity else 0)
        out.setdefault(a.sentence, []).append(ActHit(a.act, f, r, force, a.trigger, 0, a.negated, [], set(a.target) | set(a.source)))
    return out


def _actors_by_sentence(doc: Document) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for m in doc.mentions or []:
        out.setdefault(m.sentence, set()).update(c for c in (m.code or "").split("+") if c)
    return out


def _fact_str(f: Fact) -> str:
    if f.kind == "num":
        return f"{f.text} {f.unit}".strip()
    return f.text


def _date_parts(iso: str | None) -> tuple[int, int, int] | None:
    try:
        y, m, d = (int(x) for x in (iso or "")[:10].split("-"))
        return y, m, d
    except ValueError:
        return None


def _check_facts(facts: list[Fact], src: list[SentInfo], src_date: str | None,
                 elsewhere: frozenset = frozenset()) -> tuple[list[str], list[str]]:
    """(unsupported facts, contradictions) of news facts against the aligned source sentences.
    ``elsewhere``: (value, unit) of the numbers of the whole source; a number the source states
    in another sentence is not a clash ("the last three years" beside "the past 170 years")."""
    years = {f.value for s in src for f in s.facts if f.kind == "year"} | {
        int(f.unit) for s in src for f in s.facts if f.kind == "month" and f.unit}
    nums = [f for s in src for f in s.facts if f.kind == "num"]
    months = {(f.value, f.unit) for s in src for f in s.facts if f.kind == "month"}
    num_vals = {f.value for f in nums}
    sd = _date_parts(src_date)
    if sd:
        months.add((sd[1], str(sd[0])))
    derivable = {y + int(n) for y in years for n in num_vals if 0 < n < 200 and float(n).is_integer()} | {
        y - int(n) for y in years for n in num_vals if 0 < n < 200 and float(n).is_integer()}
    unsupported, contradictions = [], []
    for f in facts:
        if f.kind == "year":
            ok = f.value in years or f.value in derivable or (sd and f.value == sd[0])
        elif f.kind == "month":
            yr = int(f.unit) if f.unit else None
            ok = any(m == f.value and (yr is None or not u or int(u) == yr) for m, u in months)
            if not ok and yr is not None and not any(u and int(u) == yr for _, u in months):
                ok = yr in years or yr in derivable  # the source dates this only by year
        else:
            ok = f.value in num_vals or any(f.value == y for y in years) or (bool(f.unit) and (f.value, f.unit) in elsewhere)
            if not ok and f.unit:
                clash = [g for g in nums if g.unit == f.unit and g.value != f.value]
                if clash:
                    contradictions.append(f"{_fact_str(f)} in the news, {_fact_str(clash[0])} in the source")
                    continue
        if not ok:
            unsupported.append(_fact_str(f))
    return unsupported, contradictions


# -- the comparison -------------------------------------------------------------------


def _sim_matrix(N: list[SentInfo], S: list[SentInfo], news_id: str | None = None, source_id: str | None = None):
    """news x source cosine of sentence embeddings, or None without the model."""
    if not N or not S:
        return None
    from .embed import embed

    E = embed([x.text for x in N], key=news_id)
    if E is None:
        return None
    F = embed([x.text for x in S], key=source_id)
    return E @ F.T


def _parties(S: list[SentInfo], s_actors: dict[int, set[str]], s_sents, lex) -> set[str]:
    """The source's own parties: actors named in its title and first sentences."""
    out: set[str] = set()
    for j, x in enumerate(S[:3]):
        out |= x.keyset & lex.actor_keys
        out |= s_actors.get(s_sents[j][0], set())
    return out


def compare(news: Document, source: Document, **params: Any) -> Comparison:
    """Align every news sentence with the source sentences that support it and label
    both sides. ``params`` override the module thresholds (names in lower case);
    ``use_embed=False`` runs on words alone."""
    t0 = time.perf_counter()
    P = {k: params.get(k.lower(), v) for k, v in dict(
        MIN_EVIDENCE=MIN_EVIDENCE, MIN_GAIN=MIN_GAIN, MAX_EVIDENCE=MAX_EVIDENCE, LOW=LOW, HIGH=HIGH,
        CAPTION_MIN=CAPTION_MIN, FUZZY_CUTOFF=FUZZY_CUTOFF, REVERSE_COVER=REVERSE_COVER,
        COVER_SHARE=COVER_SHARE, SIM_LO=SIM_LO, SIM_HI=SIM_HI, SIM_WEIGHT=SIM_WEIGHT, SIM_CANDS=SIM_CANDS,
        COVER_SIM=COVER_SIM, NAMES_SUPPORT_MAX=NAMES_SUPPORT_MAX, NAMES_MEANING_MAX=NAMES_MEANING_MAX,
        NAMES_DROP=NAMES_DROP, USE_EMBED=True).items()}
    lex = lexicon()
    n_sents = _sentences(news)
    s_sents = _sentences(source)
    # a speaker's feeling wrapped around a claim ("I am delighted we have concluded ...") is
    # not compared: the claim after it is (its text stays the sentence's own)
    N = [analyse(_unwrap_affect(t), r) for _, t, r in n_sents]
    S = [analyse(t, r) for _, t, r in s_sents]
    w = idf_weights([x.keyset for x in N] + [x.keyset for x in S])
    sim = _sim_matrix(N, S, news.id, source.id) if P["USE_EMBED"] else None

    # extracted acts fill sentences where the lexical act verbs found nothing; where both
    # exist the lexical hits are kept (their force ranks were tuned on the labelled pairs:
    # with extracted acts replacing them, strength changes were found 1 time in 3, not 3)
    for doc, infos, sents in ((news, N, n_sents), (source, S, s_sents)):
        da = _doc_acts(doc)
        if da:
            pos = {idx: i for i, (idx, _, _) in enumerate(sents)}
            for sidx, acts in da.items():
                if sidx in pos and not infos[pos[sidx]].acts:
                    infos[pos[sidx]].acts = acts
    n_actors, s_actors = _actors_by_sentence(news), _actors_by_sentence(source)
    parties = _parties(S, s_actors, s_sents, lex)
    # the statement's own name: its title and opening lines (for "issued a joint statement on X")
    head_keys = set(analyse(source.meta.title or "").keyset) if source.meta.title else set()
    for x0 in S[:3]:
        head_keys |= x0.keyset
    title_j = next((j for j, x0 in enumerate(S[:2]) if _STATEMENT_WORD.search(x0.text)), None)
    source_text = " ".join(t for _, t, _ in s_sents)
    src_dates = {_fact_str(f) for s in S for f in s.facts if f.kind in ("year", "month")}
    src_dates |= {str(f.unit) for s in S for f in s.facts if f.kind == "month" and f.unit}  # the year of "4 August 1965"
    src_spans = _year_spans(S)
    src_nums = frozenset((f.value, f.unit) for s in S for f in s.facts if f.kind == "num" and f.unit)
    # the source's opening says that its parties met (for "X met Y" in a report)
    met_open = any(p.search(t) for _, t, _ in s_sents[:3] for p in _regexes("met.txt") + [_MEETING])

    # inverted index and fuzzy equivalents for news keys absent from the source
    inv: dict[str, list[int]] = {}
    for j, s in enumerate(S):
        for k in s.keyset:
            inv.setdefault(k, []).append(j)
    src_vocab = [k for k in inv if len(k) >= 5 and k not in lex.actor_keys]
    fuzzy: dict[str, str] = {}
    for x in N:
        for k in x.keyset:
            if k in inv or k in fuzzy or len(k) < 5 or k in lex.actor_keys:
                continue
            m = process.extractOne(k, src_vocab, scorer=fuzz.ratio, score_cutoff=P["FUZZY_CUTOFF"])
            if m:
                fuzzy[k] = m[0]
    src_keys_all = set(inv)

    def match(k: str, ks: set[str]) -> float:
        if k in ks:
            return 1.0
        f = fuzzy.get(k)
        return FUZZY_CREDIT if f is not None and f in ks else 0.0

    def meaning(c: float) -> float:
        return min(1.0, max(0.0, (c - P["SIM_LO"]) / (P["SIM_HI"] - P["SIM_LO"])))

    news_items: list[NewsItem] = []
    by_names: list[tuple[int, int, list[int], float, str]] = []  # supported, to check without the names
    reverse: dict[int, list[tuple[float, int]]] = {}
    furn = [furniture(x.text) for x in N]
    for i, x in enumerate(N):
        total = sum(w[k] for k in x.keyset) or 1.0
        main_total = sum(w[k] for k in x.main_keys) or 1.0
        cands: dict[int, float] = {}
        for k in x.keyset:
            for j in inv.get(k, ()):
                cands[j] = 0.0
            f = fuzzy.get(k)
            if f:
                for j in inv.get(f, ()):
                    cands[j] = 0.0
        if sim is not None:
            for j in sorted(range(len(S)), key=lambda j: -sim[i, j])[:P["SIM_CANDS"]]:
                cands.setdefault(j, 0.0)
        for j in cands:
            cands[j] = sum(w[k] * match(k, S[j].keyset) for k in x.keyset) / total
            # reverse: how much of the source sentence this news sentence carries
            st = sum(w[k] for k in S[j].keyset) or 1.0
            nk = x.keyset | {fuzzy[k] for k in x.keyset if k in fuzzy}
            reverse.setdefault(j, []).append((sum(w[k] for k in S[j].keyset if k in nk) / st, i))
        ranked = sorted(cands.items(), key=lambda t: (-t[1], t[0]))
        chosen: list[int] = []
        credit: dict[str, float] = {}
        mcov = 0.0
        for j, sc in ranked[:12]:
            if sc < P["MIN_EVIDENCE"] or len(chosen) >= P["MAX_EVIDENCE"]:
                break
            new_credit = dict(credit)
            for k in x.keyset:
                new_credit[k] = max(new_credit.get(k, 0.0), match(k, S[j].keyset))
            # merging is judged on the main claim (glosses are background)
            new_mcov = sum(w[k] * new_credit.get(k, 0.0) for k in x.main_keys) / main_total
            if not chosen or new_mcov - mcov >= P["MIN_GAIN"]:
                chosen.append(j)
                credit, mcov = new_credit, new_mcov
        # meaning: the most similar source sentence is evidence too (a paraphrase shares few words)
        best_sim, mean = 0.0, 0.0
        if sim is not None and len(S):
            jb = int(sim[i].argmax())
            best_sim = float(sim[i, jb])
            mean = meaning(best_sim)
            if jb not in chosen and mean > 0 and (not chosen or mean > mcov):
                chosen.insert(0, jb)
                for k in x.keyset:
                    credit[k] = max(credit.get(k, 0.0), match(k, S[jb].keyset))
                mcov = sum(w[k] * credit.get(k, 0.0) for k in x.main_keys) / main_total
        support = P["SIM_WEIGHT"] * mcov + (1 - P["SIM_WEIGHT"]) * mean if sim is not None else mcov
        cov = sum(w[k] * c for k, c in credit.items()) / total if chosen else 0.0
        ev = [Evidence(s_sents[j][0], round(max(cands[j], meaning(float(sim[i, j])) if sim is not None else 0.0), 3),
                       sorted({x.surface[k] for k in x.keyset if match(k, S[j].keyset) > 0}), S[j].text) for j in chosen]
        shared = sorted({x.surface[k] for k, c in credit.items() if c > 0})
        unshared = sorted({x.surface[k] for k in x.keyset if credit.get(k, 0.0) == 0}, key=str.lower)
        src_infos = [S[j] for j in chosen]
        unsup, clashes = _check_facts(x.main_facts, src_infos, source.meta.date, src_nums)
        new_ents = sorted(x.surface[k] for k in x.main_entities if k in lex.actor_keys and k not in src_keys_all)
        background = _background(x.text)
        if background and any(f" {background} " in _words(S[j].text) for j in chosen):
            background = ""  # the evidence says it too ("a relationship that in recent years has gone from strength to strength")
        date_strs = {_fact_str(f) for f in x.main_facts if f.kind in ("year", "month")}
        # a date the source states elsewhere is not new, nor a clash ("the Plan of Action for
        # 2025-2029, which sets a goal of NZ$6 billion by 2029": evidence of the goal, dates of the plan)
        unsup = [u for u in unsup if not (u in date_strs and u in src_dates)]
        # a duration the source's own year range gives ("over the next five years" for a "Plan of
        # Action 2025-2029") is derived from it, not a new fact
        spans = {_fact_str(f) for f in x.main_facts if f.kind == "num" and (f.unit or "").startswith("year") and f.value in src_spans}
        unsup = [u for u in unsup if u not in spans]
        # an ordinal the source's own count gives ("the new fifth pillar" beside "covers four pillars")
        unsup = [u for u in unsup if not _ordinal_derived(u, x.main_facts, source_text)]
        new_facts = unsup + new_ents
        new_dates = [u for u in unsup if u in date_strs]
        high = max(mcov, support)
        if new_dates and high >= P["HIGH"] and _has_dates(src_infos[:1]):
            clashes = clashes + [f"date: {', '.join(new_dates)} in the news, "
                                 f"{', '.join(sorted({_fact_str(f) for s in src_infos for f in s.facts if f.kind in ('year', 'month')}))} in the source"]
        item = NewsItem(n_sents[i][0], n_sents[i][1], x.role, "supported", round(support, 3), ev, shared=shared,
                        unshared=unshared, new_facts=new_facts)
        terms = ", ".join(shared[:8])
        how = f"support {support:.2f}: words {mcov:.2f}" + (f", meaning {best_sim:.2f}" if sim is not None else "")
        no_claim = _not_a_claim(x, i, len(N), furn[i])
        judged = _judgement(x.text)
        main_words = _words(_GLOSS.sub(" ", strip_dateline(x.text)))
        other_time = next((c for c in _cues("other_times.txt") if c in main_words), "")
        judged_keys = analyse(judged).keyset if judged else set()
        issued = not no_claim and _issued(x, new_dates, new_ents, head_keys)
        # the sentence reports that two of the source's parties met (the source's opening says they met)
        met_phrase = next((m.group(0) for p in _regexes("met.txt") for m in [p.search(_GLOSS.sub("", strip_dateline(x.text)))] if m), "") \
            if met_open and not new_dates and not new_ents else ""
        named = _actor_keys(x.main_entities, lex) & parties
        met = met_phrase if len(named) >= 2 else ""
        # the same with people counted for their states when the actors were resolved ("President
        # Biden met ... with President Marcos"): a claim about the names themselves, not checked
        # without them below
        met_people = met_phrase if len(named | (n_actors.get(n_sents[i][0], set()) & parties)) >= 2 else ""
        if no_claim:
            item.label = "added"
            item.reason = no_claim
        elif pleasantry := _pleasantry(x.text):
            item.label = "added"
            item.reason = f"a pleasantry of the speaker ('{pleasantry}'), not a claim of the source ({how})"
        elif x.role == "caption" and not (high >= P["CAPTION_MIN"] and not new_facts):
            item.label = "added"
            item.reason = f"photo caption ({how})"
        elif issued and (not chosen or support < P["LOW"]):
            item.reason = f"reports that the parties issued the statement ('{issued}'; {how})"
            if title_j is not None and all(e.idx != s_sents[title_j][0] for e in item.evidence):
                item.evidence.insert(0, Evidence(s_sents[title_j][0], 1.0, [issued], S[title_j].text))
        elif met and (not chosen or support < P["LOW"]):
            item.reason = f"reports that the source's parties met ('{met}'; {how})"
            if all(e.idx != s_sents[0][0] for e in item.evidence):
                item.evidence.insert(0, Evidence(s_sents[0][0], 1.0, [met], S[0].text))
        elif not chosen or support < P["LOW"]:
            item.label = "added"
            item.reason = f"not in the source ({how}" + (f"; new: {', '.join(new_facts)})" if new_facts else ")")
        elif judged and not any(judged_keys <= S[j].keyset for j in chosen):
            item.label = "added"
            item.reason = f"a judgement ('{judged}') the evidence does not make ({how}; shared: {terms})"
        elif (framing := _framing(x.text)) and not any(analyse(framing).keyset <= S[j].keyset for j in chosen):
            item.label = "added"
            item.reason = f"the speaker's framing ('{framing}'), which the evidence does not make ({how}; shared: {terms})"
        elif other_time and not any(other_time in _words(S[j].text) for j in chosen):
            item.label = "added"
            item.reason = f"another time or event: '{other_time.strip()}' ({how}; shared: {terms})"
        elif new_dates and not (high >= P["HIGH"] and _has_dates(src_infos[:1])):
            item.label = "added"
            item.reason = f"another time or event: {', '.join(new_dates)} not in the evidence ({how}; shared: {terms})"
        elif unsup and (high < P["HIGH"] or background):  # a new number with a background cue: history, not the event
            item.label = "added"
            item.reason = f"new facts not in the source: {', '.join(new_facts)} ({how}; shared: {terms})"
        elif background and high < P["HIGH"]:
            item.label = "added"
            item.reason = f"background ('{background}')" + (f" with new names: {', '.join(new_ents)}" if new_ents else "") + \
                f" ({how}; shared: {terms})"
        else:
            contra = list(clashes)
            contra += _polarity_clashes(x, src_infos, w)
            contra += _place_clashes(x, src_infos, source_text)
            near = sorted({k for j in chosen for k in (j - 1, j, j + 1) if 0 <= k < len(S)})
            changes = _strength_changes(x, src_infos, w, [S[k] for k in near], S) or _settled_from_intention(x, src_infos, w) \
                or _discussed_from_decided(x, src_infos, w) or _decided_from_discussed(x, src_infos, w)
            changes += _actor_changes(x, src_infos, [S[k] for k in near], [s_sents[k][0] for k in near], s_actors, parties, w, lex)
            if contra:
                item.label = "contradicted"
                item.reason = "; ".join(contra) + f" ({how}; shared: {terms})"
                item.changes = contra
            elif changes:
                d = sum(c[0] for c in changes)
                if d == 0:
                    d = changes[0][0]
                item.label = "strength_changed"
                item.direction = "stronger" if d > 0 else "weaker"
                item.changes = [c[1] for c in changes]
                item.reason = "; ".join(item.changes) + f" ({how}; shared: {terms})"
            else:
                item.reason = f"{how}; shared: {terms}"
                if new_facts:
                    item.reason += f"; extra detail: {', '.join(new_facts)}"
                # a report that the parties met or issued the statement is a claim about the
                # names themselves: supported however little else it shares (spec)
                if sim is not None and support < P["NAMES_SUPPORT_MAX"] and not met_people and not issued:
                    by_names.append((len(news_items), i, chosen, max(float(sim[i, j]) for j in chosen), f"{how}; shared: {terms}"))
        news_items.append(item)

    for pos_i, named in _through_names(by_names, N, S, news.id, source.id, P):
        it = news_items[pos_i]
        it.label = "added"
        it.reason = f"supported only through the names it shares: {named} ({it.reason})"

    # source side
    by: dict[int, list[int]] = {}
    for pos_i, it in enumerate(news_items):
        if it.label == "added":
            continue
        for e in it.evidence:
            if e.score >= P["COVER_SHARE"]:
                by.setdefault(e.idx, []).append(it.idx)
    src_items = []
    for j, (sidx, text, role) in enumerate(s_sents):
        rev = max(reverse.get(j, [(0.0, -1)]))
        reporters = list(by.get(sidx, []))
        if rev[0] >= P["REVERSE_COVER"] and N[rev[1]].role != "caption" and not furn[rev[1]] and n_sents[rev[1]][0] not in reporters:
            reporters.append(n_sents[rev[1]][0])
        para = ""
        if sim is not None and len(N):
            ib = int(sim[:, j].argmax())
            if sim[ib, j] >= P["COVER_SIM"] and not furn[ib] and N[ib].role != "caption" and n_sents[ib][0] not in reporters:
                reporters.append(n_sents[ib][0])
                para = f" (paraphrase, cosine {sim[ib, j]:.2f})"
        if reporters:
            reason = f"reported by news sentence(s) {', '.join(map(str, sorted(reporters)))}{para}"
            src_items.append(SourceItem(sidx, text, role, "covered", round(rev[0], 3), sorted(reporters), reason))
        else:
            best = f"; best cosine {float(sim[:, j].max()):.2f}" if sim is not None and len(N) else ""
            src_items.append(SourceItem(sidx, text, role, "omitted", round(rev[0], 3), [],
                                        f"no news sentence reports it (best share {rev[0]:.2f}{best})"))
    params_out = {k.lower(): v for k, v in P.items()}
    params_out["embeddings"] = sim is not None
    return Comparison(news.id, source.id, news.meta.title, source.meta.title, news.meta.date, source.meta.date,
                      news_items, src_items, time.perf_counter() - t0, params_out)


_EDGE = re.compile(r"^([^\w]*)(.*?)([^\w]*)$")


def _drop_name(tok: str) -> str:
    """A token without its core when that is a name or a number ("Chinese", "U.S.", "2018,",
    "F-35s"): the punctuation around it stays."""
    m = _EDGE.match(tok)
    core = m.group(2)
    return m.group(1) + m.group(3) if core and (core[0].isupper() or core[0].isdigit()) else tok


def _without_names(text: str) -> str:
    """The sentence with its names (capitalised words, acronyms) and numbers taken out; a
    capitalised first word is kept when it is a function word ("The", "It", "We")."""
    text = strip_dateline(text).strip().lstrip("\"“‘'")
    first = re.match(r"[A-Z][a-z]*\b", text)
    keep = first.group(0) if first and first.group(0).lower() in _function_words() else ""
    rest = text[len(keep):] if keep else text
    return " ".join((keep + " " + " ".join(_drop_name(tok) for tok in rest.split())).split())


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from .. import data

    return frozenset(w for line in data.read_lines("compare/stopwords.txt") for w in line.split())


def _through_names(cands: list[tuple[int, int, list[int], float, str]], N: list[SentInfo], S: list[SentInfo],
                   news_id: str | None, source_id: str | None, P: dict[str, Any]) -> list[tuple[int, str]]:
    """The supported sentences whose similarity to their evidence comes from the names they
    share: without names and numbers (in the sentence and in its evidence) the best cosine is
    below NAMES_MEANING_MAX and NAMES_DROP lower than with them. (item position, reason) each;
    the sentences are encoded in one batch per side (cached on disk under the documents' ids)."""
    from .embed import embed

    bare = {pos: _without_names(N[i].text) for pos, i, *_ in cands}
    cands = [c for c in cands if len(bare[c[0]].split()) >= 4]
    if not cands:
        return []
    src_j = sorted({j for c in cands for j in c[2]})
    nv = embed([bare[c[0]] for c in cands], key=f"{news_id}:bare" if news_id else None)
    sv = embed([_without_names(S[j].text) for j in src_j], key=f"{source_id}:bare" if source_id else None)
    if nv is None or sv is None:
        return []
    col = {j: k for k, j in enumerate(src_j)}
    out = []
    for r, (pos, i, chosen, full, _) in enumerate(cands):
        masked = max(float(nv[r] @ sv[col[j]]) for j in chosen)
        if masked < P["NAMES_MEANING_MAX"] and full - masked >= P["NAMES_DROP"]:
            out.append((pos, f"meaning {full:.2f} with the names, {masked:.2f} without"))
    return out


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    from .. import data

    return frozenset(k for w in data.read_lines("compare/generic.txt") for k in analyse(w).keyset)


_STATEMENT_WORD = re.compile(r"\b(?:statement|declaration|communiqu[eé])\b", re.I)
_TOPIC = re.compile(r"\b(?i:statement|declaration|communiqu[eé])\s+(?i:on|of|for|about)\s+(?i:the\s+)?((?:[A-Z][\w’'-]*\s*){1,5})")
_END = re.compile(r"[.!?\"”’')\]]\s*$")


@lru_cache(maxsize=None)
def _regexes(name: str) -> list[re.Pattern]:
    from .. import data

    return [re.compile(x, re.I) for x in data.read_lines(f"compare/{name}")]


# a caption of names alone ("Jacinda Ardern and Shinzo Abe."): capitalised words joined by
# "and", "&" or commas, nothing else
_NAMES_ONLY = re.compile(r"^(?:[A-Z][\w'’.-]*(?:\s+|,\s*|\s+(?:and|&)\s+|$))+\.?$")


def _not_a_claim(x: SentInfo, i: int, n: int, furn: bool) -> str:
    """Why a news sentence carries no claim to check, or ''."""
    text = strip_dateline(x.text).strip()
    main = _GLOSS.sub("", text)
    if furn:
        return "page furniture (photo credit, byline, time stamp or caption)"
    if any(p.search(main) for p in _regexes("pointers.txt")):
        return "a pointer to the text, not a claim of it"
    if len(text.split()) < 4 and not x.main_facts:
        return "a heading or fragment, not a claim"
    if _NAMES_ONLY.match(text) and len(text.split()) <= 8 and not x.main_facts:
        return "names alone (a caption), not a claim"
    if text.endswith(":") and len(text.split()) < LIST_INTRO_WORDS:
        return "introduces a list: the claims are in its items"
    if i == n - 1 and n > 1 and not _END.search(text) and len(text.split()) < CUT_WORDS:
        return "cut off (the text ends inside this sentence, before its claim)"
    return ""


def _issued(x: SentInfo, new_dates: list[str], new_ents: list[str], head_keys: set[str]) -> str:
    """The phrase by which the sentence says that the parties issued the statement, or ''
    (not when it dates it to another time, names parties the source does not, or names a
    statement on another subject)."""
    if new_dates or new_ents:
        return ""
    main = _GLOSS.sub("", strip_dateline(x.text))
    m = next((m for p in _regexes("issued.txt") for m in [p.search(main)] if m), None)
    if m is None:
        return ""
    t = _TOPIC.search(main, m.start())
    if t:
        topic = analyse(t.group(1)).keyset
        if topic - head_keys:  # a subject the source's title and opening never name
            return ""
    return m.group(0)


def _overlap(a: set[str], b: set[str], w: dict[str, float]) -> float:
    return sum(w.get(k, 1.0) for k in a & b)


def _pair_acts(x: SentInfo, src: list[SentInfo], w: dict[str, float]) -> list[tuple[ActHit, ActHit]]:
    pairs = []
    for a in x.acts:
        if a.gloss:  # "..., which agreed to join forces last year": background, not the reported act
            continue
        best, best_ov = None, -1.0
        for s in src:
            for b in s.acts:
                if b.family != a.family:
                    continue
                ov = _overlap(a.obj, b.obj, w)
                if ov > best_ov:
                    best, best_ov = b, ov
        if best is not None and (best_ov > 0 or not a.obj):
            pairs.append((a, best))
    return pairs


_MEETING = re.compile(r"\b(?:met|meet|meeting|hosted|visit|talks|summit|convened)\b", re.I)

_JUDGE_RE: list[re.Pattern] = []


def _judgement(text: str) -> str:
    """The word of judgement when the sentence's main claim is a judgement of a party or a
    relationship in a short copular clause ("Indonesia is an indispensable partner for New
    Zealand", "New Zealand's relationship with the United States is one of our most
    enduring", "German connections matter to New Zealand"; words in
    ``data/compare/judgements.txt``), else ''."""
    if not _JUDGE_RE:
        from .. import data

        words = "|".join(re.escape(w) for w in data.read_lines("compare/judgements.txt"))
        subj = r"^\W*(?:[\w'’.-]+\s+){0,8}?"
        # lead words between the verb and the judgement: articles, "one of", adverbs, possessors
        # ("New Zealand's": capitalised words before the possessive)
        lead = r"[\"“”']?(?:(?:an?|our|the|one\s+of|as|now|also|still|increasingly|particularly|very|so|most|more|truly|really|extremely|such|(?-i:[A-Z][\w.-]*)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|[\w'’.-]+'s)\s+){0,6}"
        _JUDGE_RE.append(re.compile(subj + r"(?:is|are|remains?|has\s+been|have\s+been)\s+" + lead + rf"(?P<w>{words})\b", re.I))
        _JUDGE_RE.append(re.compile(subj + r"(?P<w>matters?)\b(?:\s+(?:to|for|a\s+lot|greatly))?", re.I))
    for rx in _JUDGE_RE:
        m = rx.match(text)
        # the subject is a party or a relationship: not a clause ("agreed that it is
        # important to ..."), not "it"/"this"/"that" (an extraposed or anaphoric subject)
        subject = text[:m.start("w")].lower().split() if m else []
        if m and "," not in text[:m.start("w")] and not {"that", "it", "this", "which", "who"} & set(subject):
            # the thing judged: the head of the noun phrase after the word ("important
            # economic partner and ..." -> partner), when there is one
            head = ""
            for tok in re.findall(r"[\w'’-]+|[^\w\s]", text[m.end("w"):])[:4]:
                if not re.match(r"[\w'’-]+$", tok) or tok.lower() in _JUDGE_STOP:
                    break
                head = tok
            return m.group("w").lower() + (f" {head.lower()}" if head else "")
    return ""


# words that end the noun phrase after a word of judgement
_JUDGE_STOP = {"and", "or", "but", "for", "to", "in", "of", "on", "with", "as", "than", "that", "which", "who", "because",
               "we", "i", "it", "is", "are", "was", "were", "at", "by", "from", "since", "when", "where", "while"}


def _words(text: str) -> str:
    """Lower-case words between single spaces, padded ("in recent years, reaching" ->
    " in recent years reaching "), for matching cue phrases as whole words."""
    return " " + " ".join(re.sub(r"[^\w'’-]+", " ", text.lower()).split()) + " "


@lru_cache(maxsize=None)
def _cues(name: str) -> tuple[str, ...]:
    """A list of cue phrases from ``data/compare/NAME``, each padded for ``_words``."""
    from .. import data

    return tuple(f" {c.lower()} " for c in data.read_lines(f"compare/{name}"))


def _background(text: str) -> str:
    low = _words(text)  # a cue before a comma or a full stop ("in recent years, reaching ...") counts
    return next((c.strip() for c in _cues("background.txt") if c in low), "")


def _year_spans(S: list[SentInfo]) -> set[float]:
    """Durations in years that a source sentence's year range gives: 2025-2029 is 4 or 5 years
    (ends counted or not)."""
    out: set[float] = set()
    for s in S:
        ys = sorted({f.value for f in s.facts if f.kind == "year"})
        for a, b in zip(ys, ys[1:]):
            if 0 < b - a <= 50:
                out |= {float(b - a), float(b - a + 1)}
    return out


def _pleasantry(text: str) -> str:
    """The words of a speaker's pleasantry in the sentence ("I am delighted to host", "it was
    a great pleasure to meet"; ``data/compare/pleasantries.txt``) when no act the source may
    hold follows it ("... and agree a Plan of Action"; ``pleasantry_acts.txt``), else ''."""
    for rx in _regexes("pleasantries.txt"):
        m = rx.search(text)
        if m and not any(a.search(text[m.end():]) for a in _regexes("pleasantry_acts.txt")):
            return m.group(0)
    return ""


def _unwrap_affect(text: str) -> str:
    """The claim inside a speaker's feeling ("I am delighted we have concluded the upgrade" ->
    "we have concluded the upgrade"; "Abe and I were pleased to announce" -> "Abe and I
    announce"; ``data/compare/affects.txt``); the text itself when there is none, or when the
    sentence is a pleasantry (pleasantries.txt decides those)."""
    if _pleasantry(text):
        return text
    for rx in _regexes("affects.txt"):
        m = rx.match(text)
        if m and m.end() < len(text):
            rest = text[m.end():]
            if m.group("to"):
                return (m.group("subj") + rest).strip()
            quote = re.match(r"\W*", text).group(0).strip()
            return (quote + rest[:1].upper() + rest[1:]).strip()
    return text


def _framing(text: str) -> str:
    """The words of a speaker's framing of the occasion or the relationship in the sentence's
    main clause ("provides an opportunity to broaden", "are a further reflection of the
    growing depth"; ``data/compare/framings.txt``), else ''."""
    main = _GLOSS.sub(" ", strip_dateline(text))
    for rx in _regexes("framings.txt"):
        m = rx.search(main)
        if m:
            return m.group(0)
    return ""


def _ordinal_derived(u: str, facts: list[Fact], source_text: str) -> bool:
    """Whether the unsupported fact ``u`` is an ordinal ("fifth pillar") that the source's own
    count gives: the same count or the one before it ("four pillars", "4 pillars", "fifth
    pillar") within three words before the same unit."""
    from .text import _number_words, _ordinals

    f = next((f for f in facts if _fact_str(f) == u and f.text.lower() in _ordinals()), None)
    if f is None:
        return False
    n = int(f.value)
    names = {str(n), str(n - 1)} | {w for w, v in _number_words()[0].items() if v in (n, n - 1)} | \
        {w for w, v in _ordinals().items() if v == n}
    toks = _words(source_text).split()
    for i, t in enumerate(toks):
        if t in names and any(stem(t2) == f.unit for t2 in toks[i + 1:i + 4]):
            return True
    return False


def _has_dates(src: list[SentInfo]) -> bool:
    return any(f.kind in ("year", "month") for s in src for f in s.facts)


def _strength_changes(x: SentInfo, src: list[SentInfo], w: dict[str, float], near: list[SentInfo],
                      whole: list[SentInfo] = ()) -> list[tuple[int, str]]:
    """Force differences between paired acts. No change is claimed for a news act when the
    evidence or its neighbouring sentences carry the same act at the same force, nor when a
    sentence anywhere in the source (``whole``) carries an act aimed at someone (condemn, urge...)
    on the part of its object that the paired act does not hold ("stressed their condemnation of Hamas but also sounded the alarm
    on the diminishing safe space": paired with "We are alarmed at the diminishing safe space",
    while "We unequivocally condemn Hamas' terror attacks" is elsewhere)."""
    out = []
    for a, b in _pair_acts(x, src, w):
        if a.negated != b.negated:
            continue
        ov = _overlap(a.obj, b.obj, w)
        if any(c.act == a.act and c.force == a.force and not c.negated and _overlap(a.obj, c.obj, w) >= 0.5 * ov
               for s in near for c in s.acts):
            continue
        rest = a.obj - b.obj - _generic()
        if a.family in TARGETED_FAMILIES and rest and any(c.act == a.act and c.rank == a.rank and not c.negated and not c.gloss and rest & c.obj
                        for s in whole for c in s.acts):
            continue
        if a.obj and b.obj and not {k for k in a.obj & b.obj if k not in lexicon().actor_keys and "+" not in k} - _generic():
            continue  # "discussed opportunities to strengthen the relationship" and "agreed to strengthen
            # their bilateral relationship and uphold international law": not the same thing
        # spec/COMPARE.md: an intensifier alone is not a change of strength; the act's rank
        # (explore/commit, concern/condemn, urge/demand) and hedges are
        d = (2 * a.rank - a.hedge) - (2 * b.rank - b.hedge)
        if d != 0:
            out.append((d, f"'{b.trigger}{(' ' + ' '.join(b.modifiers)) if b.modifiers else ''}' ({b.act}) in the source "
                           f"→ '{a.trigger}{(' ' + ' '.join(a.modifiers)) if a.modifiers else ''}' ({a.act}) in the news: "
                           f"{'stronger' if d > 0 else 'weaker'}"))
    return out


def _settled_from_intention(x: SentInfo, src: list[SentInfo], w: dict[str, float]) -> list[tuple[int, str]]:
    """An intention or exploration in the evidence ("announce our vision to cooperate on an
    air defense architecture") reported as settled ("would create an air, missile defense
    architecture"): the report sentence has no act of its own family, no hedge, and a cue of
    a settled undertaking (``data/compare/commit_cues.txt``) in its main clause."""
    # an exploration, a verb of commitment ("are committed to promoting": the act ranks compare
    # those) or a hedge in the report: not this rule; a settled verb ("would create", which the
    # extracted acts read as a commitment in reported speech) is what it looks for
    if any(a.family == "undertake" and (a.rank < 2 or stem(a.trigger.split()[0].lower()) in _decision_stems())
           for a in x.acts if not a.gloss) or any(a.hedge for a in x.acts):
        return []
    main = _words(_GLOSS.sub(" ", strip_dateline(x.text)))
    cue = next((c.strip() for c in _cues("commit_cues.txt") if c in main), "")
    if not cue or any(c in main for c in _cues("weakeners.txt")):
        return []
    for s in src:  # the evidence
        for b in s.acts:
            if b.family == "undertake" and b.rank == 1 and not b.gloss and not b.negated \
                    and _overlap(x.main_keys, b.obj, w) >= 0.3 * (sum(w.get(k, 1.0) for k in b.obj) or 1.0):
                return [(1, f"'{b.trigger}' ({b.act}) in the source → '{cue}' (settled) in the news: stronger")]
    return []


@lru_cache(maxsize=1)
def _decision_stems() -> frozenset[str]:
    """First words of the commitment verbs in ``data/compare/acts.tsv`` ("agree", "decide",
    "pledge"...): a decision, unlike "look forward to working", an extracted commitment that
    is a hope."""
    from .. import data

    return frozenset(stem(r["phrase"].split()[0]) for r in data.read_tsv("compare/acts.tsv") if r["act"] == "commit")


_DISCUSS_EXPLORE = re.compile(r"^\s*(?:ways|how|whether|the\s+possibility|possibilities|options)\b", re.I)


def _discussed_from_decided(x: SentInfo, src: list[SentInfo], w: dict[str, float]) -> list[tuple[int, str]]:
    """A decision or commitment in the evidence ("the leaders agreed to expand education
    links") reported as discussed ("the Prime Ministers discussed plans to expand links"):
    the report sentence's main clause has a verb of discussion (``data/compare/discussed.txt``)
    and no commitment of its own, the evidence sentence holding the same thing has a
    commitment and no discussion: strength_changed, weaker (spec: "decided" <-> "discussed")."""
    if any(a.family == "undertake" and a.rank >= 2 and not a.gloss for a in x.acts):
        return []
    main = _words(_GLOSS.sub(" ", strip_dateline(x.text)))
    cue = next((c for c in _cues("discussed.txt") if c in main), "")
    if not cue or _DISCUSS_EXPLORE.match(main[main.index(cue) + len(cue):]):
        return []
    rest = analyse(main[main.index(cue) + len(cue):]).keyset  # what was discussed
    if not rest:
        return []
    for s in src:  # the evidence
        if any(c in _words(s.text) for c in _cues("discussed.txt")):
            return []  # the source says they discussed it
    for s in src:
        for b in s.acts:
            if b.family == "undertake" and b.rank >= 2 and not b.gloss and not b.negated and not b.hedge \
                    and stem(b.trigger.split()[0].lower()) in _decision_stems() and _overlap(rest, b.obj, w) >= 0.3 * (sum(w.get(k, 1.0) for k in rest) or 1.0):
                return [(-1, f"'{b.trigger}' ({b.act}) in the source → '{cue.strip()}' in the news: weaker")]
    return []


def _decided_from_discussed(x: SentInfo, src: list[SentInfo], w: dict[str, float]) -> list[tuple[int, str]]:
    """The converse: what an evidence sentence reports as discussed ("acknowledged discussions
    to further cooperation in the field of sports") reported as settled ("announced expanded
    cooperation in ... youth and sport"): the report's main clause has a cue of a settled
    undertaking (``commit_cues.txt``) or a commitment, and no verb of discussion; no other
    evidence sentence commits to the same thing: strength_changed, stronger."""
    main = _words(_GLOSS.sub(" ", strip_dateline(x.text)))
    if any(c in main for c in _cues("discussed.txt")) or any(a.hedge for a in x.acts) \
            or any(c in main for c in _cues("weakeners.txt")):
        return []
    cue = next((c.strip() for c in _cues("commit_cues.txt") if c in main), "") or \
        next((a.trigger for a in x.acts if a.family == "undertake" and a.rank >= 2 and not a.gloss), "")
    if not cue:
        return []
    committed: set[str] = set()
    for s in src:
        for b in s.acts:
            if b.family == "undertake" and b.rank >= 2 and not b.gloss:
                committed |= b.obj
    for s in src:
        sw = _words(s.text)
        c = next((c for c in _cues("discussed.txt") if c in sw), "")
        if not c or any(d in sw for d in _cues("commit_cues.txt")):
            continue
        topic = analyse(sw[sw.index(c) + len(c):]).keyset - _generic()
        tw = sum(w.get(k, 1.0) for k in topic) or 1.0
        if topic and _overlap(topic, x.main_keys, w) >= 0.3 * tw and _overlap(topic, committed, w) < 0.3 * tw:
            return [(1, f"'{c.strip()}' in the source → '{cue}' (settled) in the news: stronger")]
    return []


def _polarity_clashes(x: SentInfo, src: list[SentInfo], w) -> list[str]:
    out = []
    for a, b in _pair_acts(x, src, w):
        if a.negated != b.negated:
            out.append(f"polarity: '{b.trigger}' in the source is {'negated' if b.negated else 'affirmed'}, "
                       f"'{a.trigger}' in the news is {'negated' if a.negated else 'affirmed'}")
    return out


# acts aimed at someone: naming a new target changes the claim (spec/COMPARE.md, actor changes)
TARGETED_FAMILIES = {"disapprove", "reject", "request"}

_PLACE = re.compile(r"\b((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+) (Shoal|Reef|Islands?|Strait|Sea|Bay|Atoll|Peninsula|Gulf)\b")


def _place_clashes(x: SentInfo, src: list[SentInfo], source_text: str) -> list[str]:
    """A named feature the source never names where the evidence names another of the same
    kind ("Scarborough Shoal" in the news, "Second Thomas Shoal" in the source)."""
    out = []
    ev = [(m.group(1), m.group(2)) for s in src for m in _PLACE.finditer(s.text)]
    text = strip_dateline(x.text)
    glosses = [(g.start(), g.end()) for g in _GLOSS.finditer(text)]
    for m in _PLACE.finditer(text):
        name, kind = m.group(1), m.group(2)
        if any(a <= m.start() < b for a, b in glosses):  # ", a disputed reef in the Spratly Islands,": a gloss
            continue
        if name in source_text:
            continue
        other = sorted({f"{n} {k}" for n, k in ev if k.rstrip("s") == kind.rstrip("s") and n != name})
        if other:
            out.append(f"place: '{name} {kind}' in the news, '{other[0]}' in the source")
    return out


def _actor_keys(keys: set[str], lex) -> set[str]:
    return {c for k in keys if k in lex.actor_keys or "+" in k for c in k.split("+") if c}


def _actor_changes(x: SentInfo, src: list[SentInfo], near: list[SentInfo], near_idx: list[int], s_actors, parties: set[str],
                   w, lex) -> list[tuple[int, str]]:
    """An actor named in the object of a reported act (the target of a condemnation, the
    party urged...) that the aligned source sentences do not name, and that is not one of
    the source's own parties: the claim is attributed to or aimed at someone new (spec:
    actor changes are `strength_changed`, stronger). Actor sets are compared as sets."""
    if not x.acts:
        return []
    named = set(parties)
    for s in list(src) + list(near):
        named |= _actor_keys(s.keyset, lex)
        for a in s.acts:
            named |= _actor_keys(a.obj, lex)
    for idx in near_idx:
        named |= s_actors.get(idx, set())
    out = []
    seen: set[str] = set()
    for a, _b in _pair_acts(x, src + near, w):
        if a.family not in TARGETED_FAMILIES:
            continue
        for code in sorted(_actor_keys(a.obj, lex) - named - seen):
            seen.add(code)
            surf = next((x.surface[k] for k in a.obj if code in k.split("+") and k in x.surface), code)
            if re.search(re.escape(surf) + r"-[A-Za-z]", x.text):  # "Indian-Pacific", "Indo-Pacific": a region, not a party
                continue
            out.append((1, f"actor added: '{surf}' ({code}) after '{a.trigger}' is not named in the source's sentence"))
    return out
