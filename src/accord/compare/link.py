"""Find the official document(s) a news document reports.

Candidates are statements dated within a window around the news date (``kind =
'statement'``; pre-filtered in SQL when reading from the store). Each gets a score from
five signals, with the reasons: date proximity, shared parties/actors (the share of the
news's actors the candidate names: a short one-actor release does not score 1.0, as it did
when shared actors were divided by the smaller set), shared act
types, text similarity (weighted key overlap, as used by the comparison) and meaning (the
sentence-embedding cosine of the two openings, when the model is installed). Then:

- a candidate whose title names a party the news does not name at all (another
  meeting's counterpart on the same day) is marked down;
- documents of the same meeting (dated within a day of each other, the same parties in
  their titles and openings) are grouped around the text the article quotes (the
  candidate holding the largest share of the article's 8-word runs verbatim, when it holds
  a few; otherwise the best-scored candidate), and the joint statement, declaration or
  readout of that group is put first when it scores at least ``GROUP_SHARE`` of the group's
  anchor. A government's release or fact sheet of a meeting is itself a report of the joint
  text (spec/COMPARE.md), so when an article restates the release, the joint text is the
  source it covers; the release is kept next to it with the reason "the article quotes it".
"""
from __future__ import annotations


import datetime as dt
import hashlib
import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from ..models import Document
from .text import analyse, lexicon

WEIGHTS = {"date": 0.15, "actors": 0.25, "acts": 0.05, "text": 0.30, "meaning": 0.25}
WEIGHTS_NO_MODEL = {"date": 0.15, "actors": 0.30, "acts": 0.10, "text": 0.45}
COUNTERPART_PENALTY = 0.75  # score factor for a title naming a party the news never names
GROUP_SHARE = 0.6  # a same-meeting joint text moves first when it scores this share of the group's anchor
QUOTE_RUN = 8  # words in a verbatim run ("shingle") shared by an article and the text it quotes
QUOTE_MIN = 0.03  # share of the article's runs a candidate must hold to count as quoted
OFFICIAL_TITLE = re.compile(r"\b(?:joint (?:statement|declaration|communiqu|readout|vision statement|leaders.? statement)|"
                            r"declaration|communiqu|readout|statement of partnership|leaders.? statement)", re.I)


@dataclass(slots=True)
class Candidate:
    doc_id: str
    title: str | None
    date: str | None
    score: float
    signals: dict[str, float] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class _Profile:
    keys: Counter
    actors: set[str]
    acts: set[str]
    title_actors: set[str] = field(default_factory=set)
    lead: str = ""
    lead_actors: set[str] = field(default_factory=set)  # parties named in the title and opening
    runs: frozenset = frozenset()  # hashes of the text's QUOTE_RUN-word runs


def _date(s: Any) -> dt.date | None:
    if s is None:
        return None
    if isinstance(s, dt.date):
        return s
    try:
        return dt.date.fromisoformat(str(s)[:10])
    except ValueError:
        return None


def _split(codes) -> set[str]:
    return {c for code in codes for c in str(code).split("+") if c}


def _lead(title: str | None, text: str, chars: int = 600) -> str:
    """Title and opening of a document, furniture lines dropped: what the meaning signal reads."""
    from .text import furniture

    lines = [ln.strip() for ln in (text or "").split("\n") if ln.strip() and not furniture(ln.strip())]
    return ((title or "") + ". " + " ".join(lines))[:chars]


def _profile(title: str | None, text: str, doc: Document | None = None, max_chars: int = 20000) -> _Profile:
    lex = lexicon()
    keys: Counter = Counter()
    acts: set[str] = set()
    body = ((title or "") + ".\n" + (text or ""))[:max_chars]
    for para in body.split("\n"):
        if not para.strip():
            continue
        info = analyse(para)
        keys.update(info.keys)
        acts.update(a.act for a in info.acts)
    actors = _split(k for k in keys if k in lex.actor_keys)
    if doc is not None:
        actors |= _split(doc.parties) | _split(m.code for m in doc.mentions)
        acts |= {a.act for a in doc.acts}
    title_actors = _split(k for k in analyse(title).keys if k in lex.actor_keys) if title else set()
    lead = _lead(title, text)
    lead_actors = _split(k for k in analyse(lead).keys if k in lex.actor_keys)
    return _Profile(keys, actors, acts, title_actors, lead, lead_actors, _runs(body))


_WORD = re.compile(r"[^\W_]+")


def _runs(text: str, n: int = QUOTE_RUN) -> frozenset:
    """Hashes of every run of ``n`` consecutive words (lower-cased letters and digits): an
    article that quotes or restates a text shares many of them with it, a text on the same
    subject almost none."""
    w = _WORD.findall((text or "").lower())
    return frozenset(int.from_bytes(hashlib.blake2b(" ".join(w[i:i + n]).encode(), digest_size=8).digest(), "big")
                     for i in range(len(w) - n + 1))


def _cosine(a: Counter, b: Counter, idf: dict[str, float]) -> float:
    num = sum(a[k] * b[k] * idf.get(k, 1.0) ** 2 for k in a.keys() & b.keys())
    na = math.sqrt(sum((v * idf.get(k, 1.0)) ** 2 for k, v in a.items()))
    nb = math.sqrt(sum((v * idf.get(k, 1.0)) ** 2 for k, v in b.items()))
    return num / (na * nb) if na and nb else 0.0


def _rows_from_docs(docs: Iterable[Document], news: Document, lo: dt.date | None, hi: dt.date | None, kind: str | None):
    for d in docs:
        if d.id == news.id or (kind and d.meta.kind != kind):
            continue
        dd = _date(d.meta.date)
        if lo and hi and (dd is None or not (lo <= dd <= hi)):
            continue
        yield d.id, d.meta.date, d.meta.title, d.text or d.body, d


def _rows_from_store(con, news: Document, lo: dt.date | None, hi: dt.date | None, kind: str | None, limit: int):
    from ..store.read import dated_texts

    for r in dated_texts(con, news.id, lo, hi, kind, limit):
        yield r[0], r[1], r[2], r[3] or "", None


def link_candidates(news: Document, store_or_docs: Any, window_days: int = 7, kind: str | None = "statement",
                    limit: int = 5, min_score: float = 0.0, max_scan: int = 2000) -> list[Candidate]:
    """Rank official documents that the news document may report.

    ``store_or_docs``: a list of Documents, an accord ``Store`` or a DuckDB connection.
    With no news date, the date filter is dropped (and said so in the reasons)."""
    nd = _date(news.meta.date)
    lo = hi = None
    if nd is not None:
        lo, hi = nd - dt.timedelta(days=window_days), nd + dt.timedelta(days=window_days)
    con = getattr(store_or_docs, "con", None) or (store_or_docs if hasattr(store_or_docs, "execute") else None)
    if con is not None:
        rows = list(_rows_from_store(con, news, lo, hi, kind, max_scan))
    else:
        rows = list(_rows_from_docs(store_or_docs, news, lo, hi, kind))
    if not rows:
        return []
    npro = _profile(news.meta.title, news.text or news.body, news)
    profs = [_profile(title, text, d) for _, _, title, text, d in rows]
    # idf over the candidate set and the news
    df: Counter = Counter()
    for p in profs + [npro]:
        df.update(set(p.keys))
    n = len(profs) + 1
    idf = {k: math.log((n + 1) / (v + 0.5)) + 1.0 for k, v in df.items()}
    sims = _lead_similarity(npro, profs)
    weights = WEIGHTS if sims is not None else WEIGHTS_NO_MODEL
    out = []
    for pos, ((doc_id, date, title, _, _), p) in enumerate(zip(rows, profs)):
        reasons = []
        dd = _date(date)
        if nd and dd:
            gap = abs((dd - nd).days)
            s_date = 1.0 - gap / (window_days + 1)
            reasons.append(f"dated {gap} day(s) {'before' if dd <= nd else 'after'} the news")
        else:
            s_date = 0.0
            reasons.append("no date to compare" if nd is None else "candidate has no date")
        shared_act = npro.actors & p.actors
        # the share of the news's actors that the candidate names: a one-actor release cannot
        # score more than 1/len(news actors); a long statement naming many others is not penalised
        s_act = len(shared_act) / len(npro.actors) if npro.actors and p.actors else 0.0
        if shared_act:
            reasons.append(f"shared actors: {', '.join(sorted(shared_act))} (of {len(npro.actors)} in the news, {len(p.actors)} here)")
        shared_acts = npro.acts & p.acts
        s_acts = len(shared_acts) / max(1, len(npro.acts | p.acts)) if (npro.acts or p.acts) else 0.0
        if shared_acts:
            reasons.append(f"shared act types: {', '.join(sorted(shared_acts))}")
        s_text = _cosine(npro.keys, p.keys, idf)
        top = sorted(npro.keys.keys() & p.keys.keys(), key=lambda k: -idf.get(k, 0) * min(npro.keys[k], p.keys[k]))[:6]
        reasons.append(f"text similarity {s_text:.2f}" + (f" ({', '.join(top)})" if top else ""))
        signals = {"date": round(s_date, 3), "actors": round(s_act, 3), "acts": round(s_acts, 3), "text": round(s_text, 3)}
        if sims is not None:
            signals["meaning"] = round(sims[pos], 3)
            reasons.append(f"meaning {sims[pos]:.2f} (cosine of the openings)")
        score = sum(weights[k] * v for k, v in signals.items())
        quoted = len(npro.runs & p.runs) / len(npro.runs) if npro.runs else 0.0
        if quoted >= QUOTE_MIN:
            # not part of the score: the article's route to the meeting, used to group (below)
            signals["quoted"] = round(quoted, 3)
            reasons.append(f"the article quotes it: {quoted:.0%} of the article's {QUOTE_RUN}-word runs are in it verbatim")
        stray = sorted(p.title_actors - npro.actors) if npro.actors else []
        if stray:
            score *= COUNTERPART_PENALTY
            reasons.append(f"its title names {', '.join(stray)}, which the news never names (another meeting?)")
        if score >= min_score:
            out.append(Candidate(doc_id, title, str(date) if date else None, round(score, 3), signals, reasons))
    out.sort(key=lambda c: -c.score)
    out = _prefer_joint_text(out, {r[0]: p for r, p in zip(rows, profs)}, news)
    return out[:limit]


def _lead_similarity(npro: _Profile, profs: list[_Profile]) -> list[float] | None:
    if not profs:
        return []
    from .embed import embed

    E = embed([npro.lead] + [p.lead for p in profs])
    if E is None:
        return None
    return [float(x) for x in E[1:] @ E[0]]


def _same_meeting(a: Candidate, b: Candidate, pa: _Profile, pb: _Profile) -> bool:
    """Dated within a day of each other and naming the same parties: in their titles and
    openings (a release "New Zealand and Kiribati enhance partnership" and the "Kiribati -
    New Zealand Statement of Partnership"), or over their whole texts (Dice >= 0.5; a long
    joint statement names many more states than its parties, so this alone misses most)."""
    da, db = _date(a.date), _date(b.date)
    if not da or not db or abs((da - db).days) > 1:
        return False
    la, lb = pa.lead_actors, pb.lead_actors
    if la and lb and len(la & lb) / len(la | lb) >= 0.5:
        return True
    if not pa.actors or not pb.actors:
        return False
    return 2 * len(pa.actors & pb.actors) / (len(pa.actors) + len(pb.actors)) >= 0.5


def _prefer_joint_text(cands: list[Candidate], profs: dict[str, _Profile], news: Document) -> list[Candidate]:
    """Put first the joint statement / declaration / readout of the meeting the article reports.

    The meeting is the one of the text the article quotes (the most quoted candidate, when one
    holds at least ``QUOTE_MIN`` of the article's word runs and scores at least ``GROUP_SHARE``
    of the best), else of the best-scored one. Its
    joint text moves first when it scores at least ``GROUP_SHARE`` of that anchor."""
    if len(cands) < 2:
        return cands
    quoted = max(cands, key=lambda c: c.signals.get("quoted", 0.0))
    anchor = cands[0]
    if quoted.signals.get("quoted", 0.0) >= QUOTE_MIN and quoted.score >= GROUP_SHARE * cands[0].score:
        anchor = quoted
    if OFFICIAL_TITLE.search(anchor.title or ""):
        best = anchor
    else:
        pa = profs[anchor.doc_id]
        group = [c for c in cands if c is not anchor and OFFICIAL_TITLE.search(c.title or "")
                 and c.score >= GROUP_SHARE * anchor.score and _same_meeting(anchor, c, pa, profs[c.doc_id])]
        if not group:
            return cands
        best = group[0]
        best.reasons.append(f"same meeting as '{(anchor.title or anchor.doc_id)[:60]}' (score {anchor.score:.2f}"
                            + (", quoted by the article" if anchor is quoted and anchor.signals.get("quoted") else "")
                            + "): the joint text is preferred to the companion release, which restates it")
    if best is cands[0]:
        return cands
    if best is anchor and anchor is not cands[0]:
        best.reasons.append("the article quotes this joint text; it is put before higher-scored candidates")
    return [best] + [c for c in cands if c is not best]


def load_from_store(con, doc_id: str) -> Document:
    """A stored Document (text, sentences, mentions, acts) by id or unique id prefix: the
    store's read layer (``store.read.load_document``)."""
    from ..store.read import load_document

    return load_document(con, doc_id)
