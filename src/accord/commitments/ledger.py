"""Build the ledger: commitments from the acts table, then their follow-ups.

Commitments. Every act of type commit, explore, sign or announce (not negated, with a
source and a dated document) is read with its sentence; matter.py finds the promised
action, its key terms and its deadline. Acts that turn out not to be commitments
(misparsed participles, "will depend on") are dropped and counted. Within one document,
acts with the same parties whose matters agree (key-term Jaccard >= 0.5 or rapidfuzz
token-set ratio >= 90) are one commitment; each act is kept as a ``made`` event.
Incremental: documents already in the ledger are not parsed again (``rebuild`` redoes all).

Follow-ups. For each commitment, later acts about the same matter by overlapping parties:

1. term index: every candidate act's sentence is reduced to key terms (terms.py), once per
   distinct sentence: O(S * w) for S sentences of w words, stored in a temporary table;
2. blocking, in SQL, on (term, party) keys: each commitment takes its party named by the
   fewest indexed sentences (KOR rather than NZL in a KOR-NZL commitment) and up to 6 of
   its key terms that are rarest with that party, each in at most 400 sentences with it
   (BLOCK_CAP); it meets only the act sentences holding at least two of its keys (its only
   one, if one), of a later document dated within the horizon (default 5 years, or a year
   past the deadline). The join is hash-based on (term, party), so it costs at most
   C * 6 * 400 rows for C commitments, plus a linear pass to build the (sentence, term,
   party) table; all C x A pairs are never formed;
3. scoring, in Python, per candidate: IDF-weighted share of the commitment's key terms
   found in the sentence, a bonus for a proper name of the matter found verbatim (rapidfuzz
   partial ratio), and party coverage (acts' sources, targets and the sentence's actor
   mentions must cover two of the commitment's parties and counterparts, or its only one;
   a one-party commitment made in a document with other parties must meet one of them);
4. classification with the verb lists of data/commitments/: reversed, fulfilled,
   progressed, reaffirmed; one event per commitment and later document (the strongest);
5. completion sentences that are no act (_reports), for dated promises past their deadline that
   nothing above reports done: body sentences naming their other actors or a named thing, with
   a completion word and two telling terms, confirmed by the meaning signal (compare.embed).

Total: O(S*w + K log K + P) for K blocked candidate pairs and P mentions, i.e. linear in
the store plus the candidates, never O(C * A).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import time
from array import array
from bisect import bisect_left, bisect_right
from sys import intern
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import numpy as np
import pyarrow as pa
import yaml
from rapidfuzz import fuzz

from ..data import path as data_file, read_lines, read_tsv
from ..errors import GazetteerError
from ..store import Store
from .matter import Matter, analyse
from .terms import context_terms, hits, stem, stems, terms, word_list

COMMIT_ACTS = ("commit", "explore", "sign", "announce")
FOLLOW_ACTS = ("commit", "explore", "sign", "announce", "affirm", "support", "note", "meet", "cooperate", "aid",
               "sanction", "reject")
FUTURE_ACTS = {"commit", "explore", "affirm"}
PRIORITY = {"reversed": 4, "fulfilled": 3, "progressed": 2, "reaffirmed": 1}
HORIZON_DAYS = 5 * 365
MIN_SCORE = 0.45
MIN_SCORE_NAMED = 0.25
MIN_EVIDENCE = 12.0  # or: summed IDF of the shared telling terms (two terms each in < ~0.25% of sentences)
MIN_SCORE_ONE_PARTY = 0.6  # a one-party commitment has no second party to confirm the match
BLOCK_TERMS = 6
BLOCK_CAP = 400  # a (term, party) key in more sentences than this does not block
MEMORY_LIMIT = "768MB"  # DuckDB's limit while the follow-up candidates are joined (it spills to disk beyond)
FUTURE_BEFORE = re.compile(r"\b(?:will|shall|'ll|would|going to|plans? to|intends? to|expects? to|aims? to|to)\s+(?:\w+\s+){0,2}$", re.I)
CHUNK_ROWS = 50_000  # indexed sentences read from DuckDB at a time
LEAD_SENTENCES = 2  # a document's title is read with its first sentences
LEAD_SEP = "\n"  # between the sentences of a lead
LEAD_SQL = f"""SELECT doc_id, string_agg(text, '\n' ORDER BY idx) AS lead FROM sentences
               WHERE idx < {LEAD_SENTENCES} AND length(text) <= 400 GROUP BY doc_id"""
CHUNK_ACTS = 4096  # commitment acts handled (parsed, merged, written) at a time, whole documents
MEETING_PARTIES = 3  # a promised meeting of at most this many parties is fulfilled by their meeting (all of them)
ACTOR_TERM = "@"  # a key term "@APEC": an actor named in the matter, met in a later sentence's parties
# completion sentences that are no act (_reports), for dated promises past their deadline:
REPORT_MIN_COS = 0.45  # the sentence links only this like the commitment's sentence (MiniLM cosine)
REPORT_PER_COMMITMENT = 2  # candidates encoded per commitment (the best by their shared terms' weight) ...
REPORT_MAX_ENCODE = 400  # ... and in all: encoding is the stage's cost (~0.05-0.1 s a sentence on one core)
REPORT_AFTER_DAYS = 365  # later documents up to this long after the deadline
BODY_DOCS = 8  # later documents read to their body per commitment (the first met)
BODY_MIN_TERMS = 2  # a body sentence of a document whose title names the matter reports it with this many telling terms
TOPIC_MIN_COS = 0.45  # a later title (with its first sentence) reports a promise only this like its document's title and sentence
TOPIC_TITLE_SHARE = 0.02  # a title word shared with the promise tells the topic when in at most this share of titles
TOPIC_PER_COMMITMENT = 3  # later titles encoded per commitment (the best by their shared words' weight) ...
TOPIC_MAX_ENCODE = 400  # ... and in all


@dataclass
class BuildSummary:
    acts_read: int = 0
    commitments: int = 0
    new_commitments: int = 0
    merged: int = 0
    skipped: Counter = field(default_factory=Counter)
    with_deadline: int = 0
    deadline_unnormalised: int = 0
    deadline_examples: list[str] = field(default_factory=list)
    sentences_indexed: int = 0
    candidates: int = 0
    events: Counter = field(default_factory=Counter)
    no_block_terms: int = 0
    report_candidates: int = 0
    report_encoded: int = 0
    body_reports: int = 0
    topic_candidates: int = 0
    topic_reports: int = 0
    seconds_topic: float = 0.0
    seconds_ledger: float = 0.0
    seconds_follow: float = 0.0

    @property
    def warnings(self) -> list[str]:
        out = []
        if self.deadline_unnormalised:
            ex = "; ".join(repr(x) for x in self.deadline_examples[:5])
            out.append(f"{self.deadline_unnormalised} deadlines could not be normalised to dates (raw text kept, date null): {ex}")
        return out


def commitment_id(doc_id: str, act_id: str) -> str:
    return hashlib.sha1(f"{doc_id}:{act_id}".encode()).hexdigest()[:12]


def _same(a: dict, b: dict) -> bool:
    ta, tb = a["own_terms"], b["own_terms"]
    if ta and tb and len(ta & tb) / len(ta | tb) >= 0.5:
        return True
    return fuzz.token_set_ratio(a["matter"].lower(), b["matter"].lower()) >= 90


def build_ledger(store: Store, rebuild: bool = False, batch: int = 256,
                 on_progress: Callable[[int], None] | None = None, summary: BuildSummary | None = None,
                 chunk_acts: int = CHUNK_ACTS) -> BuildSummary:
    """Read commitment acts not yet in the ledger, make commitment records, store them.

    The acts are read once as an Arrow table (compact) and handled in chunks of whole
    documents (about ``chunk_acts`` acts each): parse, entry test, merge of restatements,
    write. Only one chunk's rows live as Python objects at a time, so the memory does not
    grow with the number of commitment acts in the store."""
    from ..text.nlp import get_nlp

    s = summary or BuildSummary()
    t0 = time.perf_counter()
    con = store.con
    if rebuild:
        con.execute("DELETE FROM commitment_events")
        con.execute("DELETE FROM commitments")
    # commitments whose acts were re-extracted away
    con.execute("DELETE FROM commitment_events WHERE commitment_id IN (SELECT id FROM commitments WHERE act_id NOT IN (SELECT id FROM acts))")
    con.execute("DELETE FROM commitments WHERE act_id NOT IN (SELECT id FROM acts)")
    table = con.sql(f"""
        SELECT a.id, a.doc_id, a.sentence_idx, CAST(a.date AS VARCHAR) AS date, a.act, a.source, a.target, a.trigger,
               a.when_text, a.trigger_start - a.span_start AS ts, a.trigger_end - a.span_start AS te,
               a.span_start, a.span_end, a.sentence
        FROM acts a
        WHERE a.act IN {COMMIT_ACTS} AND NOT coalesce(a.negated, false) AND len(a.source) > 0 AND a.date IS NOT NULL
          AND a.sentence IS NOT NULL AND a.doc_id NOT IN (SELECT doc_id FROM commitments)
        ORDER BY a.doc_id, a.idx""").to_arrow_table()
    s.acts_read = table.num_rows
    nlp = get_nlp()
    doc_ids = table.column("doc_id").to_pylist()
    done = 0
    for lo, hi in _doc_chunks(doc_ids, chunk_acts):
        rows = table.slice(lo, hi - lo).to_pylist()
        cm_rows, ev_rows = _ledger_chunk(con, nlp, rows, batch, s)
        _write(store, "commitments", cm_rows, CM_SCHEMA, [])
        _write(store, "commitment_events", ev_rows, EV_SCHEMA, [])
        s.new_commitments += len(cm_rows)
        done = hi
        if on_progress:
            on_progress(done)
    del table, doc_ids
    s.commitments = con.execute("SELECT count(*) FROM commitments").fetchone()[0]
    # counted over the whole ledger, so an incremental build reports the same figures
    s.with_deadline = con.execute("SELECT count(*) FROM commitments WHERE deadline_start IS NOT NULL").fetchone()[0]
    s.deadline_unnormalised = con.execute("SELECT count(*) FROM commitments WHERE deadline_problem IS NOT NULL").fetchone()[0]
    if not s.deadline_examples and s.deadline_unnormalised:
        s.deadline_examples = [r[0] for r in con.execute(
            "SELECT deadline_text FROM commitments WHERE deadline_problem IS NOT NULL LIMIT 5").fetchall()]
    s.seconds_ledger = time.perf_counter() - t0
    return s


def _doc_chunks(doc_ids: list[str], size: int):
    """(start, end) ranges of about ``size`` rows that never split a document (rows sorted by document)."""
    lo, n = 0, len(doc_ids)
    while lo < n:
        hi = min(lo + size, n)
        while 0 < hi < n and doc_ids[hi] == doc_ids[hi - 1]:
            hi += 1
        yield lo, hi
        lo = hi


def _ledger_chunk(con, nlp, rows: list[dict], batch: int, s: BuildSummary) -> tuple[list[dict], list[dict]]:
    """Commitment records and their ``made`` events for the acts of whole documents."""
    # the actors named in each commitment sentence (mention text -> code): an actor named in
    # the matter ("the ROK's successful hosting of the APEC") is one of its named things
    named_actors: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    if rows:
        keys = pa.table({"doc_id": [r["doc_id"] for r in rows],  # noqa: F841 (read by DuckDB by name)
                         "sentence_idx": pa.array([r["sentence_idx"] for r in rows], pa.int32())})
        for d, i, text, code in con.execute("""SELECT DISTINCT m.doc_id, m.sentence_idx, m.text, m.code FROM mentions m
                                               JOIN (SELECT DISTINCT doc_id, sentence_idx FROM keys) k
                                                 ON k.doc_id = m.doc_id AND k.sentence_idx = m.sentence_idx
                                               WHERE m.code IS NOT NULL""").fetchall():
            named_actors[(d, i)].append((text, code))
    by_doc: dict[str, list[dict]] = defaultdict(list)
    anaphoric: list[dict] = []
    third_docs = _home_docs(con, [r["doc_id"] for r in rows]) if rows else {}
    for i in range(0, len(rows), batch):
        chunk = rows[i:i + batch]
        for r, sdoc in zip(chunk, nlp.pipe([r["sentence"] for r in chunk], batch_size=64)):
            ts, te = r["ts"], r["te"]
            if ts is None or te is None or ts < 0:
                ts = max(0, r["sentence"].find(r["trigger"] or ""))
                te = ts + len(r["trigger"] or "")
            m: Matter = analyse(sdoc, ts, te, r["act"], r["when_text"], r["date"])
            if not m.skip and r["doc_id"] in third_docs and not set(r["source"]) & {third_docs[r["doc_id"]]}:
                m.skip = "third party"  # "Thailand will take over as host of APEC in 2022" in a New Zealand release
            if m.skip:
                s.skipped[m.skip] += 1
                continue
            for part, pm in enumerate([m, *m.also]):  # "plan to introduce X, begin Y and release Z": a record each
                rr = r if part == 0 else dict(r)
                # restatements are merged on the matter's own terms, not its context: the same set
                # object unless actors or context are added (a new set then; never changed in place)
                own = pm.terms
                if pm.anaphoric:  # "relaunch this regional collaboration": the thing is named in the title or just before
                    anaphoric.append(rr)
                actors = {ACTOR_TERM + code for text, code in named_actors.get((r["doc_id"], r["sentence_idx"]), ())
                          if text and text in pm.phrase}
                rr.update(part=part, matter=pm.phrase, terms=own | actors if actors else own, own_terms=own,
                          exploratory=pm.exploratory, deadline_text=pm.deadline_text, deadline_start=pm.deadline_start,
                          deadline_end=pm.deadline_end, deadline_problem=pm.deadline_problem)
                by_doc[r["doc_id"]].append(rr)
    _add_context(con, anaphoric)
    cm_rows, ev_rows = [], []
    for doc_id, acts in by_doc.items():
        records: list[dict] = []
        for r in acts:
            parties = sorted(set(r["source"]))
            # the same matter with another deadline is another promise (an interim and a final target:
            # "By 2020/21, we aim to lift around:" ... "By 2027/28, we aim to lift around:")
            into = next((c for c in records if c["parties"] == parties and _same(c, r)
                         and not (c["deadline_end"] and r["deadline_end"] and c["deadline_end"] != r["deadline_end"])), None)
            if into is not None:
                s.merged += 1
                into["act_ids"].append(r["id"])
                into["_acts"].append(r)
                into["terms"] = into["terms"] | r["terms"]
                into["own_terms"] = into["own_terms"] | r["own_terms"]
                if into["deadline_text"] is None and r["deadline_text"]:
                    for k in ("deadline_text", "deadline_start", "deadline_end", "deadline_problem"):
                        into[k] = r[k]
                into["exploratory"] = into["exploratory"] and r["exploratory"]
                continue
            records.append({**r, "parties": parties, "act_ids": [r["id"]], "_acts": [r]})
        for c in records:
            cid = commitment_id(doc_id, c["id"] if not c["part"] else f"{c['id']}#{c['part']}")
            counterpart = sorted({t for a in c["_acts"] for t in a["target"]} - set(c["parties"]))
            firm = "exploratory" if c["exploratory"] else "firm"
            if c["deadline_problem"] and not c["deadline_start"] and len(s.deadline_examples) < 20:
                s.deadline_examples.append(c["deadline_text"])
            cm_rows.append({"id": cid, "doc_id": doc_id, "act_id": c["id"], "act_ids": c["act_ids"],
                            "sentence_idx": c["sentence_idx"], "span_start": c["span_start"], "span_end": c["span_end"],
                            "date": c["date"], "act": c["act"], "parties": c["parties"], "counterpart": counterpart,
                            "trigger": c["trigger"], "matter": c["matter"], "terms": sorted(c["terms"]), "firmness": firm,
                            "deadline_text": c["deadline_text"], "deadline_start": c["deadline_start"],
                            "deadline_end": c["deadline_end"], "deadline_problem": c["deadline_problem"],
                            "sentence": c["sentence"]})
            for a in c["_acts"]:
                ev_rows.append({"commitment_id": cid, "act_id": a["id"], "doc_id": doc_id, "sentence_idx": a["sentence_idx"],
                                "span_start": a["span_start"], "span_end": a["span_end"], "date": a["date"], "kind": "made",
                                "act": a["act"], "source": a["source"], "target": a["target"], "trigger": a["trigger"],
                                "score": 1.0, "shared_terms": [], "sentence": a["sentence"]})
    return cm_rows, ev_rows


@lru_cache(maxsize=1)
def _homes() -> tuple[tuple[str, str], ...]:
    """(publisher, code) of data/actors/publishers.tsv: the state a publisher's 'Government' is."""
    return tuple((r["publisher"].lower(), r["code"]) for r in read_tsv("actors/publishers.tsv"))


def _home_docs(con, doc_ids: list[str]) -> dict[str, str]:
    """Documents whose own government speaks alone (a release, remarks, a briefing: not news and
    not a joint text by its title, `joint_titles` of gate.yaml) -> that government's code. An act
    whose sources leave it out is a third party's, reported ("Thailand will take over as host of
    APEC in 2022" in a New Zealand release; "New Caledonia ... will be holding a referendum")."""
    from .gate import lists

    joint = lists()["joint_titles"]
    keys = pa.table({"doc_id": sorted(set(doc_ids))})  # noqa: F841 (read by DuckDB by name)
    out = {}
    for d, pub, kind, title in con.execute("""SELECT d.id, d.publisher, d.kind, d.title FROM documents d
                                             JOIN keys k ON k.doc_id = d.id""").fetchall():
        pub = (pub or "").lower()
        home = next((code for name, code in _homes() if name in pub), None) if pub else None
        t = (title or "").lower().replace("\u2019", "'")
        if home and kind != "news" and not any(w in t for w in joint):
            out[d] = home
    return out


def _add_context(con, rows: list[dict]) -> None:
    """Add to each anaphoric commitment the terms of its document's title and of the names of
    its previous sentence (one query for all of them, after the parse)."""
    if not rows:
        return
    keys = pa.table({"doc_id": [r["doc_id"] for r in rows],  # noqa: F841 (read by DuckDB by name)
                     "sentence_idx": pa.array([r["sentence_idx"] for r in rows], pa.int32())})
    ctx = {(d, i): (t, p) for d, i, t, p in con.execute(
        """SELECT k.doc_id, k.sentence_idx, d.title, prev.text FROM (SELECT DISTINCT doc_id, sentence_idx FROM keys) k
           LEFT JOIN documents d ON d.id = k.doc_id
           LEFT JOIN sentences prev ON prev.doc_id = k.doc_id AND prev.idx = k.sentence_idx - 1""").fetchall()}
    for r in rows:
        r["terms"] = r["terms"] | context_terms(*ctx.get((r["doc_id"], r["sentence_idx"]), (None, None)))


def _write(store: Store, table: str, rows: list[dict], schema: pa.Schema, delete_sql: list[tuple[str, list]]) -> None:
    con = store.con
    with store.transaction(f"{table} not written, nothing of this step was stored"):
        for sql, params in delete_sql:
            con.execute(sql, params)
        if rows:
            tbl = pa.Table.from_pylist(rows, schema=schema)  # noqa: F841 (read by DuckDB by name)
            cols = ", ".join(tbl.column_names)
            con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM tbl")


def _promised_reversal(matter: str) -> bool:
    """The promise is itself to undo something ("repeal the Fair Pay Agreements Act"), also
    through the means of its head verb ("pass a bill to repeal Labour's Three Waters
    legislation": the repeal fulfils it)."""
    return bool(hits(stems(matter)[:5], "reversal_verbs"))


def classify_title(title: str, c_terms: set[str], matter: str = "") -> str | None:
    """Kind of a later document whose title is about the matter: reversed, fulfilled or
    progressed by the verbs of the title; None when the title has none (a topical title
    says nothing of the promise)."""
    words = stems(title)
    if hits(words, "reversal_verbs"):
        return "fulfilled" if _promised_reversal(matter) else "reversed"
    done = hits(words, "fulfil_verbs") or hits(words, "title_fulfil_words")
    if done and re.search(r"\b(?:to|will)\s+(?:be\s+)?\w+", title) and not re.search(
            r"\b(?:[A-Za-z]+ed|held|begun|began|built|set|done|live|opens|passes|signs|launches|begins)\b", title):
        return "progressed"  # "NZ-China Free Trade Agreement to enter into force": announced, not done
    if done:
        proc = hits(words, "process_nouns")
        if proc and not any(p[:5] == t[:5] for p in proc for t in c_terms):
            return "progressed"
        return "fulfilled"
    if hits(words, "progress_verbs"):
        return "progressed"
    return None


@lru_cache(maxsize=1)
def completion_pattern() -> str:
    """A regex of the words of data/commitments/completion_words.txt (whole words, any case)."""
    words = sorted(read_lines("commitments/completion_words.txt"), key=len, reverse=True)
    return r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b"


@lru_cache(maxsize=1)
def _completion() -> re.Pattern:
    return re.compile(completion_pattern(), re.I)


def _aspiration(matter: str) -> bool:
    """A matter headed by a verb of an open-ended aim (data/commitments/aspiration_verbs.txt)."""
    words = stems(matter)[:1]
    return bool(words) and words[0] in word_list("aspiration_verbs")


LIGHT_VERBS = {"make", "take", "give", "have", "hold", "do", "put", "provide", "carry"}


def _promised_stem(matter: str) -> str | None:
    """The stem of what a matter promises to do: its verb, or the noun after a light verb
    ("make an announcement" -> "announ")."""
    words = matter.split()
    if not words:
        return None
    if words[0].lower() in LIGHT_VERBS:
        rest = [w for w in words[1:4] if w.lower() not in ("a", "an", "the", "our", "its", "their", "in", "out")]
        return stem(rest[0]) if rest else None
    return stem(words[0])


@lru_cache(maxsize=1)
def _kind_nouns() -> frozenset[str]:
    """Stems of nouns that name a kind of thing, not which one (data/commitments/kind_nouns.txt,
    generic_nouns.txt, named_things.txt)."""
    return frozenset(word_list("kind_nouns")) | frozenset(word_list("generic_nouns")) | frozenset(word_list("named_things"))


@lru_cache(maxsize=1)
def _stages() -> tuple[frozenset[str], re.Pattern, re.Pattern]:
    """The verbs of a promise that is itself an early step of a law, and the patterns of the
    early and final stages (data/commitments/stages.yaml)."""
    p = data_file("commitments/stages.yaml")
    try:
        d = yaml.safe_load(p.read_text(encoding="utf-8"))
        first, early, done = d["early_verbs"], d["early"], d["done"]
    except (yaml.YAMLError, KeyError, TypeError) as exc:
        raise GazetteerError(f"{p}: expected the lists early_verbs, early and done (the stages of a law): {exc}") from exc

    def pat(ws):
        try:
            return re.compile(r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in ws) + r")\b", re.I)
        except re.error as exc:
            raise GazetteerError(f"{p}: a stage is not a valid regular expression: {exc}") from exc
    return frozenset(stem(w) for w in first), pat(early), pat(done)


def early_stage(text: str, matter: str) -> bool:
    """Whether a later text reports only an early stage of a law ("... bills pass first
    reading") for a promise that is not itself that step ("pass this Bill"): progress, not
    fulfilment."""
    first, early, done = _stages()
    return _promised_stem(matter) not in first and bool(early.search(text)) and not done.search(text)


def law_passed(text: str, matter: str) -> bool:
    """For a promise to pass a law ("pass the Bills into law"), whether the text reports a law
    passed (a final stage of stages.yaml, or the promised verb done: "passed"); other things done
    ("national direction changes ... come into effect today") do not report it. True for any
    other promise."""
    if _promised_stem(matter) != stem("pass"):
        return True
    return bool(_stages()[2].search(text)) or _promised_done(text, matter)


def object_terms(matter: str, sentence: str, all_terms, deadline_text: str | None = None) -> frozenset[str]:
    """The terms that say which thing a commitment is about: its matter's terms other than the
    promised verb, nouns of a kind ("bill", "law", "plan") and its deadline's words; for an
    anaphoric matter ("pass this Bill": the terms it takes from its context, its document's
    title and the names before it, "Modern insurance law will protect ...") or one with no such
    term ("make an announcement before the end of [the year]"), all its terms but those."""
    promised = _promised_stem(matter)
    kind = _kind_nouns() | frozenset(word_list("not_object_words"))  # courtesy and procedure words name no thing
    obj = {t for t in terms(matter) if t != promised and t not in kind} - terms(deadline_text or "")
    own = terms(sentence or "")
    if not obj or any(t not in own and not t.startswith(ACTOR_TERM) for t in all_terms):
        # an anaphoric matter ("relaunch this regional collaboration", "make an announcement") is
        # about what it points back to and what its sentence says of it: all its terms
        obj |= {t for t in all_terms if t != promised and t not in kind and not t.startswith(ACTOR_TERM)}
    return frozenset(obj)


def _promised_done(text: str, matter: str) -> bool:
    """Whether the text reports the promised verb itself done ("pass this Bill" -> "which passed
    third reading today"), not under a future."""
    promised = _promised_stem(matter)
    return bool(promised) and len(promised) >= 3 and any(
        stem(m.group(0)) == promised and not FUTURE_BEFORE.search(text[max(0, m.start() - 40):m.start()])
        for m in re.finditer(r"\b[A-Za-z]+ed\b", text))


def _done(text: str) -> bool:
    """Whether a completion word of the text is not under a future ("was launched", not "will be launched")."""
    return any(not FUTURE_BEFORE.search(text[max(0, m.start() - 40):m.start()]) for m in _completion().finditer(text))


def classify_report(text: str, c_terms: set[str], matter: str = "") -> str | None:
    """Kind of a later document's lead (its first sentences; read when its title says nothing
    done) by its completion words (data/commitments/completion_words.txt): None when every
    such word is under a future or a purpose ("will be launched", "to be held"); reversed or
    fulfilled by a reversal word; progressed when the thing done is a process the promise was
    not about ("talks were held"); fulfilled otherwise."""
    done = [m for m in _completion().finditer(text) if not FUTURE_BEFORE.search(text[max(0, m.start() - 40):m.start()])]
    promised = _promised_stem(matter)
    if not done and promised:  # the promised verb itself, done: "make an announcement" -> "announced today"
        done = [m for m in re.finditer(r"\b[A-Za-z]+ed\b", text) if stem(m.group(0)) == promised
                and not FUTURE_BEFORE.search(text[max(0, m.start() - 40):m.start()])]
    if not done:
        return None
    m = done[0]
    if hits(stems(m.group(0)), "reversal_verbs"):
        return "fulfilled" if _promised_reversal(matter) else "reversed"
    near = stems(text[max(0, m.start() - 60):m.end() + 60])
    proc = hits(near, "process_nouns")
    if proc and not any(p[:5] == t[:5] for p in proc for t in c_terms):
        return "progressed"
    return "fulfilled"


def _one_sentence_one_matter(rows: list[dict], by_id: dict) -> list[dict]:
    """One later sentence fulfils the commitments it is most about: of the commitments of one
    document that a sentence (or title) is said to fulfil, those scoring under 0.85 of the
    best keep the link as ``progressed``."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for e in rows:
        if e["kind"] == "fulfilled":
            groups[(e["doc_id"], e["sentence_idx"], by_id[e["commitment_id"]]["doc_id"])].append(e)
    for evs in groups.values():
        if len(evs) < 2:
            continue
        top = max(e["score"] for e in evs)
        for e in evs:
            if e["score"] < 0.85 * top:
                e["kind"] = "progressed"
    return rows


def classify(act: str, trigger: str, after: str, c_terms: set[str], matter: str = "") -> str:
    """Kind of a matched later act: reversed, fulfilled, progressed or reaffirmed."""
    head = stems(trigger)
    obj = stems(after)[:6]
    words = head + obj
    if hits(words, "reversal_verbs"):
        # "repealed the Act" fulfils a promise to repeal it; it reverses only what was promised to be done
        return "fulfilled" if _promised_reversal(matter) and act not in FUTURE_ACTS else (
            "reaffirmed" if act in FUTURE_ACTS and _promised_reversal(matter) else "reversed")
    if act in FUTURE_ACTS:
        return "reaffirmed"
    promised = stems(matter)[:1]
    if promised and promised[0] in head and len(promised[0]) >= 3:
        return "fulfilled"  # the promised verb, done: "announce X" -> "announced X", "hold" -> "held"
    ful = hits(head, "fulfil_verbs") or (act in ("support", "note", "announce") and hits(obj[:2], "fulfil_verbs"))
    if ful or act == "sign":
        proc = hits(head[1:] + obj[:4], "process_nouns")
        if proc and not any(p[:5] == t[:5] for p in proc for t in c_terms):
            return "progressed"  # "launched negotiations", "held talks"
        return "fulfilled"
    if act in ("meet", "cooperate", "aid") or hits(words, "progress_verbs"):
        return "progressed"
    return "reaffirmed"


@lru_cache(maxsize=1)
def _things() -> frozenset[str]:
    return frozenset(read_lines("commitments/named_things.txt"))


@lru_cache(maxsize=100_000)
def _names(matter: str) -> list[str]:
    """Proper names of two or more title-case words in a matter phrase."""
    out, cur = [], []
    for w in matter.split():
        if w[:1].isupper() and w.isalpha() or (cur and w.lower() in ("of", "for", "on", "and")):
            cur.append(w)
        else:
            if len(cur) >= 2:
                out.append(" ".join(cur))
            cur = []
    if len(cur) >= 2:
        out.append(" ".join(cur))
    out = [" ".join(n.split()[:-1]) if n.split()[-1].lower() in ("of", "for", "on", "and") else n for n in out]
    things = _things()
    # a name of a thing ("Economic Security Dialogue"), not of a place or a person ("West Coast")
    return [n for n in out if len(n.split()) >= 3 or n.split()[-1].lower() in things]


QUOTED = re.compile(r"""(?:^|(?<=[\s(]))['‘"“]\s*([A-Za-z][\w-]*(?:\s+[\w-]+){1,4})\s*['’"”](?=[\s,.;:)]|$)""")


def quoted_names(sentence: str, matter: str) -> list[str]:
    """Quoted phrases of two to five words in a commitment's sentence that its matter holds
    ("with a view of 'open banking' being operational"): a name the speaker gives the thing."""
    low = " ".join(re.sub(r"['‘’\"“”]", " ", matter).lower().split())
    return [q for q in (m.group(1) for m in QUOTED.finditer(sentence)) if " ".join(q.lower().split()) in low]


def _keep(best: dict, key: tuple, ev: dict) -> None:
    """One event per commitment and later document: the strongest kind, then the best score."""
    old = best.get(key)
    if old is None or (PRIORITY[ev["kind"]], ev["score"], old["act_id"] or "") > (PRIORITY[old["kind"]], old["score"], ev["act_id"] or ""):
        best[key] = ev


def follow_up(store: Store, horizon_days: int = HORIZON_DAYS, summary: BuildSummary | None = None) -> BuildSummary:
    """Find and classify the later acts about each commitment; replace the follow-up events."""
    s = summary or BuildSummary()
    t0 = time.perf_counter()
    con = store.con
    cms = store.query("SELECT c.id, c.doc_id, CAST(c.date AS VARCHAR) AS date, c.parties, c.counterpart, c.terms, c.matter, "
                      "CAST(c.deadline_start AS VARCHAR) AS deadline_start, CAST(c.deadline_end AS VARCHAR) AS deadline_end, c.deadline_text, "
                      "p.parties AS doc_parties, c.sentence "
                      "FROM commitments c LEFT JOIN processed p ON p.doc_id = c.doc_id")
    if not cms:
        con.execute("DELETE FROM commitment_events WHERE kind <> 'made'")
        s.seconds_follow = time.perf_counter() - t0
        return s
    first = min(c["date"] for c in cms)
    # 1. term index over the sentences of later acts (one pass, linear), read in chunks: the
    # texts are reduced to terms as they come and never all held at once
    acts_sql = f"""SELECT doc_id, sentence_idx, any_value(sentence), CAST(any_value(date) AS VARCHAR),
                          list_distinct(flatten(list(list_concat(source, target)))), bool_or(act = 'meet')
                   FROM acts WHERE act IN {FOLLOW_ACTS} AND date > CAST(? AS DATE) AND len(source) > 0
                     AND sentence IS NOT NULL GROUP BY doc_id, sentence_idx"""
    # a later document's title is evidence too ("Government response to EQC inquiry released",
    # "Trans-Tasman bubble opens"): indexed as sentence -1 with the document's parties
    # with its lead (the first LEAD_SENTENCES sentences: what the document reports, "The law ... has
    # passed its third reading"), indexed as one text
    titles_sql = f"""SELECT d.id, -1, d.title || ' ' || coalesce(l.lead, ''), CAST(d.date AS VARCHAR), p.parties, false
                     FROM documents d JOIN processed p ON p.doc_id = d.id LEFT JOIN ({LEAD_SQL}) l ON l.doc_id = d.id
                     WHERE d.date > CAST(? AS DATE) AND d.title IS NOT NULL AND len(p.parties) > 0"""
    k_doc, k_date, k_codes, k_kind = [], [], [], []
    k_idx, k_meet, t_s = array("i"), array("b"), array("i")  # compact: one machine int per entry, not an object
    t_t: list[str] = []
    df: Counter = Counter()
    k = 0
    for sql in (acts_sql, titles_sql):
        cur = con.execute(sql, [first])
        while chunk := cur.fetchmany(CHUNK_ROWS):
            for doc_id, idx, text, date, codes, meet in chunk:
                k_doc.append(intern(doc_id))
                k_idx.append(idx)
                k_date.append(intern(date))
                k_codes.append(codes)
                k_kind.append("title" if idx < 0 else "act")
                k_meet.append(bool(meet))
                ts = {intern(t) for t in terms(text)} | {intern(ACTOR_TERM + c) for c in codes or ()}  # one object per term
                df.update(ts)
                for t in ts:
                    t_s.append(k)
                    t_t.append(t)
                k += 1
            del chunk
    s.sentences_indexed = k
    n = max(1, k)
    idf = {t: math.log(n / c) for t, c in df.items()}
    max_idf = math.log(n) + 1
    common = max(20, int(0.05 * n))  # a term in more than 5% of sentences does not tell two matters apart
    code_df: Counter = Counter(c for codes in k_codes for c in set(codes or []))
    cm_sent = pa.table({"s": pa.array(range(k), pa.int32()), "doc_id": k_doc,  # noqa: F841
                        "sentence_idx": pa.array(np.frombuffer(k_idx, np.int32)), "date": k_date,
                        "codes": pa.array(k_codes, pa.list_(pa.string())), "kind": k_kind,
                        "meet": pa.array(np.frombuffer(k_meet, np.int8).astype(bool))})
    del k_doc, k_idx, k_date, k_codes, k_kind, k_meet
    cm_sent_terms = pa.table({"s": pa.array(np.frombuffer(t_s, np.int32)), "t": pa.array(t_t, pa.string())})  # noqa: F841
    del t_s, t_t
    # 2. blocking keys: (term, party) pairs. Each commitment is keyed on its party that the
    # fewest sentences name (KOR rather than NZL in a KOR-NZL commitment) and on its terms
    # rarest with that party; a sentence is a candidate when it shares at least two of them
    # (one when the commitment has one), within the horizon. The join is bounded by
    # BLOCK_TERMS * BLOCK_CAP sentences per commitment: O(commitments * BLOCK_TERMS *
    # BLOCK_CAP), never commitments x sentences.
    c_rows, ct_c, ct_t, ct_code, ct_pri = [], [], [], [], []
    generic = set(word_list("generic_nouns"))
    by_id = {}
    for c in cms:
        by_id[c["id"]] = c
        c["terms"] = set(c["terms"] or [])
        c["named_actors"] = {t[len(ACTOR_TERM):] for t in c["terms"] if t.startswith(ACTOR_TERM)}
        c["want"] = set(c["parties"] or []) | set(c["counterpart"] or []) | c["named_actors"]
        c["event"] = bool(hits(stems(c["matter"]), "event_words"))
        # which thing it is about (a link must share one term of it), as a tuple of interned strings: held for every
        # commitment through the pass, a set would add a tenth to its peak
        c["object"] = tuple(intern(t) for t in object_terms(c["matter"], c["sentence"], c["terms"], c["deadline_text"]))
        del c["deadline_text"]
        c["names"] = _names(c["matter"]) + quoted_names(c["sentence"] or "", c["matter"])
        # a meeting of its own parties is the event promised (not one of a body it names: hosting APEC)
        c["meeting"] = bool(hits(stems(c["matter"]), "meeting_words") and c["deadline_start"] and 2 <= len(c["want"]) <= MEETING_PARTIES
                            and not c["named_actors"] - set(c["parties"] or []) - set(c["counterpart"] or []))
        who = [x for x in dict.fromkeys([*(c["parties"] or []), *(c["counterpart"] or [])]) if code_df.get(x)]
        if not who or not c["terms"]:
            s.no_block_terms += 1
            continue
        # keyed on its rarest party, and on each actor its matter names (APEC for "hosting APEC")
        key_codes = {min(who, key=lambda x: (code_df[x], x))} | {x for x in c["named_actors"] if code_df.get(x)}
        d0 = c["date"]
        end = dt.date.fromisoformat(d0) + dt.timedelta(days=horizon_days)
        if c["deadline_end"]:
            end = max(end, dt.date.fromisoformat(c["deadline_end"]) + dt.timedelta(days=365))
        c_rows.append({"id": c["id"], "doc_id": c["doc_id"], "date": d0, "horizon_end": end.isoformat(), "parties": c["parties"],
                       "window_start": c["deadline_start"] or None, "window_end": c["deadline_end"] or None,
                       "meeting": c["meeting"], "want": sorted(c["want"])})
        # the matter's own words key first, then its sentence's and context's, generic nouns last
        core = terms(c["matter"]) - generic
        own = terms(c["sentence"] or "")
        # an anaphoric matter ("relaunch this regional collaboration") is keyed on what it points
        # back to (the terms of c["terms"] not in its sentence: its title, the names before it) first
        context = {t for t in c["terms"] if t not in own and not t.startswith(ACTOR_TERM)} - generic
        for t in c["terms"]:
            if df.get(t):
                for key_code in key_codes:
                    ct_c.append(c["id"])
                    ct_t.append(t)
                    ct_code.append(key_code)
                    ct_pri.append(0 if t in core or t.startswith(ACTOR_TERM) or t in context
                                  else 3 if t in generic else 2 if t in own else 1)
    cm_cterms = pa.table({"cid": ct_c, "t": ct_t, "code": ct_code, "pri": pa.array(ct_pri, pa.int8())})  # noqa: F841
    cm_c = pa.Table.from_pylist(c_rows, schema=pa.schema([("id", pa.string()), ("doc_id", pa.string()), ("date", pa.string()),  # noqa: F841
                                                          ("horizon_end", pa.string()), ("parties", pa.list_(pa.string())),
                                                          ("window_start", pa.string()), ("window_end", pa.string()),
                                                          ("meeting", pa.bool_()), ("want", pa.list_(pa.string()))]))
    old_limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")  # joins spill to disk rather than grow
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE cm_sent AS SELECT s, doc_id, sentence_idx, CAST(date AS DATE) AS date, codes, kind, meet FROM cm_sent")
        con.execute("""CREATE OR REPLACE TEMP TABLE cm_stc AS  -- (sentence, term, party) of every indexed sentence
                       SELECT st.s, st.t, c.code FROM cm_sent_terms st
                       JOIN (SELECT s, unnest(codes) AS code FROM cm_sent) c ON c.s = st.s""")
        con.execute("CREATE OR REPLACE TEMP TABLE cm_c AS SELECT id, doc_id, CAST(date AS DATE) AS date, CAST(horizon_end AS DATE) AS horizon_end, "
                    "parties, CAST(window_start AS DATE) AS window_start, CAST(window_end AS DATE) AS window_end, meeting, want FROM cm_c")
        con.execute(f"""CREATE OR REPLACE TEMP TABLE cm_block AS
                        WITH tc AS (SELECT t, code, count(*) AS n FROM cm_stc
                                    WHERE (t, code) IN (SELECT t, code FROM cm_cterms) GROUP BY t, code)
                        SELECT ct.cid, ct.t, ct.code, tc.n FROM cm_cterms ct JOIN tc ON tc.t = ct.t AND tc.code = ct.code
                        WHERE tc.n <= {BLOCK_CAP}
                        QUALIFY row_number() OVER (PARTITION BY ct.cid ORDER BY ct.pri, tc.n, ct.t) <= {BLOCK_TERMS}""")
        s.no_block_terms += len(c_rows) - con.execute("SELECT count(DISTINCT cid) FROM cm_block").fetchone()[0]
        cur = con.execute(f"""
            WITH nb AS (SELECT cid, count(DISTINCT t) AS k FROM cm_block GROUP BY cid),
            pairs AS (  -- blocking: shared rare (term, party) keys, a later date within the horizon
                SELECT b.cid, x.s FROM cm_block b JOIN cm_stc x ON x.t = b.t AND x.code = b.code
                JOIN cm_sent ss ON ss.s = x.s JOIN cm_c c ON c.id = b.cid JOIN nb ON nb.cid = b.cid
                WHERE ss.date > c.date AND ss.date <= c.horizon_end AND ss.doc_id <> c.doc_id
                GROUP BY b.cid, x.s HAVING count(DISTINCT b.t) >= least(2, any_value(nb.k))
                    -- or an actor the matter names, met within the commitment's deadline ("hosting APEC in 2025")
                    OR bool_or(b.t LIKE '{ACTOR_TERM}%' AND ss.date BETWEEN c.window_start AND c.window_end AND ss.kind = 'act')
                UNION  -- a promised meeting of the parties: their meeting acts within its deadline
                SELECT c.id, ss.s FROM cm_c c JOIN cm_sent ss ON ss.date BETWEEN c.window_start AND c.window_end
                WHERE c.meeting AND ss.meet AND ss.sentence_idx < {LEAD_SENTENCES} AND ss.date > c.date AND ss.doc_id <> c.doc_id
                  AND len(list_intersect(ss.codes, c.want)) = len(c.want)),
            cand AS (
                SELECT p.cid, p.s, a.id AS act_id, a.doc_id, a.sentence_idx, a.date, a.act, a.source, a.target, a.trigger,
                       a.trigger_end - a.span_start AS te, a.span_start, a.span_end, a.sentence, a.trigger_start - a.span_start AS ts
                FROM pairs p JOIN cm_sent ss ON ss.s = p.s JOIN cm_c c ON c.id = p.cid
                JOIN acts a ON a.doc_id = ss.doc_id AND a.sentence_idx = ss.sentence_idx
                WHERE ss.kind = 'act' AND a.act IN {FOLLOW_ACTS} AND a.date > c.date AND a.date <= c.horizon_end AND a.doc_id <> c.doc_id
                  AND NOT coalesce(a.negated, false) AND list_has_any(list_concat(a.source, a.target), c.parties)
                  -- a later sentence recalling an act dated before the commitment ("launched ... on 14 December 2021")
                  AND NOT coalesce(a.when_end < c.date, false)
                UNION ALL  -- titles: no act, the document's parties
                SELECT p.cid, p.s, NULL, ss.doc_id, -1, ss.date, 'title', ss.codes, [], l.lead, NULL, NULL, NULL, d.title, NULL
                FROM pairs p JOIN cm_sent ss ON ss.s = p.s JOIN cm_c c ON c.id = p.cid JOIN documents d ON d.id = ss.doc_id
                LEFT JOIN ({LEAD_SQL}) l ON l.doc_id = ss.doc_id
                WHERE ss.kind = 'title' AND list_has_any(ss.codes, c.parties)
),
            ments AS (
                SELECT m.doc_id, m.sentence_idx, list(DISTINCT m.code) AS codes FROM mentions m
                WHERE m.code IS NOT NULL AND (m.doc_id, m.sentence_idx) IN (SELECT doc_id, sentence_idx FROM cand)
                GROUP BY m.doc_id, m.sentence_idx)
            SELECT cand.*, CAST(cand.date AS VARCHAR) AS date_s, ments.codes FROM cand
            LEFT JOIN ments ON ments.doc_id = cand.doc_id AND ments.sentence_idx = cand.sentence_idx""")
        cols = [d[0] for d in cur.description]
        best: dict[tuple[str, str], dict] = {}
        # a sentence's terms as a tuple of interned strings (a fifth of a set's memory: these caches
        # made the pass's peak), intersected with the commitment's set
        sent_terms_cache: dict[int, tuple[str, ...]] = {}
        title_cache: dict[int, tuple] = {}  # a title's terms, and those of its lead's sentences that report a thing done
        titled_docs: dict[str, list[tuple[str, str]]] = defaultdict(list)  # later documents whose title names the matter
        while True:
            chunk = cur.fetchmany(20000)
            if not chunk:
                break
            for row in chunk:
                r = dict(zip(cols, row))
                s.candidates += 1
                c = by_id[r["cid"]]
                st = sent_terms_cache.get(r["s"])
                if st is None:
                    if len(sent_terms_cache) > 100_000:  # bounded: candidates come grouped by commitment, not by sentence
                        sent_terms_cache.clear()
                    text = r["sentence"] + (" " + r["trigger"] if r["act"] == "title" and r["trigger"] else "")  # a title with its lead
                    st = sent_terms_cache[r["s"]] = tuple(intern(t) for t in terms(text) | {
                        ACTOR_TERM + x for x in [*(r["source"] or []), *(r["target"] or []), *(r["codes"] or [])]})
                shared = c["terms"].intersection(st)
                total = sum(idf.get(t, max_idf) for t in c["terms"]) or 1.0
                score = sum(idf.get(t, max_idf) for t in shared) / total
                named = any(fuzz.partial_ratio(nm.lower(), r["sentence"].lower()) >= 92 for nm in c["names"])
                telling = [t for t in shared if df.get(t, 0) <= common]
                need = MIN_SCORE if len(c["parties"]) + len(c["counterpart"] or []) > 1 else MIN_SCORE_ONE_PARTY
                evidence = sum(idf.get(t, max_idf) for t in telling)
                in_window = bool(c["deadline_start"] and c["deadline_start"] <= r["date_s"] <= c["deadline_end"])
                # an actor the matter names besides the parties (APEC in "support Korea's hosting of APEC"), met by a
                # later act (not a title) within the deadline
                actor_met = in_window and r["act"] != "title" and bool(
                    (c["named_actors"] - set(c["parties"]) - set(c["counterpart"] or [])) & (set(r["source"]) | set(r["target"])))
                # a meeting of the commitment's own parties within its deadline, for a promised event
                # ("towards a meeting between President Biden and President Xi in San Francisco in
                # November" -> "President Biden today held a Summit with President Xi")
                meeting = (in_window and r["act"] == "meet" and c["meeting"] and r["sentence_idx"] < LEAD_SENTENCES
                           and c["want"] <= set(r["source"]) | set(r["target"]))  # all of them meet
                if r["act"] == "title":
                    # the document is about the matter when its title names it (two telling terms), or a
                    # sentence of its lead that reports a thing done does; the rest of the lead adds evidence
                    if not (named or len(telling) >= 2 and (score >= MIN_SCORE or evidence >= MIN_EVIDENCE)):
                        continue  # short even of the two-party bar
                    parts = title_cache.get(r["s"])
                    if parts is None:
                        if len(title_cache) > 100_000:
                            title_cache.clear()
                        parts = title_cache[r["s"]] = (tuple(intern(t) for t in terms(r["sentence"])), tuple(
                            tuple(intern(t) for t in terms(x)) for x in (r["trigger"] or "").split(LEAD_SEP) if x and _done(x)))
                    tell = set(telling)
                    titled = len(tell.intersection(parts[0])) >= 2
                    if titled:
                        need = MIN_SCORE  # a later document whose own title names the matter confirms a one-party match
                    elif not any(len(tell.intersection(x)) >= 2 for x in parts[1]):
                        continue
                if not (named and (score >= MIN_SCORE_NAMED or len(telling) >= 2) or actor_met or meeting
                        or len(telling) >= 2 and (score >= need or evidence >= MIN_EVIDENCE and need == MIN_SCORE)):
                    continue
                if not (actor_met or meeting or named) and c["object"] and not any(t in c["object"] for t in telling):
                    continue  # only the promised verb and a kind of thing in common: another bill, another plan
                want = c["want"]
                have = set(r["source"]) | set(r["target"]) | set(r["codes"] or [])
                if len(want & have) < min(2, len(want)):
                    continue
                if len(want) == 1:  # a one-party commitment in a document with other parties is about them
                    ctx = set(c["doc_parties"] or []) - want
                    if ctx and not ctx & have:
                        continue
                te = r["te"] if r["te"] is not None and r["te"] >= 0 else 0
                if r["act"] == "title":  # the title, else its lead, says what was done (the lead comes in "trigger")
                    kind = classify_title(r["sentence"], c["terms"], c["matter"])
                    if kind is None and r["trigger"]:
                        kind = classify_report(r["trigger"], c["terms"], c["matter"])
                        r["sentence"] = f"{r['sentence']}: {' '.join(r['trigger'].split(LEAD_SEP))}"
                    r["trigger"] = None
                    if kind is None:
                        if titled and c["deadline_end"] and len(titled_docs[r["cid"]]) < BODY_DOCS:
                            # the title names a dated promise, its title and lead say nothing done: its body may
                            titled_docs[r["cid"]].append((intern(r["doc_id"]), intern(r["date_s"])))
                        continue
                else:
                    kind = classify(r["act"], r["trigger"] or "", r["sentence"][te:te + 80], c["terms"], c["matter"])
                    ts = r["ts"] if r["ts"] is not None and r["ts"] >= 0 else None
                    if kind in ("fulfilled", "reversed") and ts is not None and FUTURE_BEFORE.search(r["sentence"][max(0, ts - 40):ts]):
                        kind = "progressed"  # "where they will hold the inaugural Dialogue on 22 April": announced, not done
                    elif (kind == "progressed" and (actor_met and c["event"] or meeting) and r["act"] == "meet"
                          and not (ts is not None and FUTURE_BEFORE.search(r["sentence"][max(0, ts - 40):ts]))):
                        kind = "fulfilled"  # "support Korea's hosting of APEC 2025" -> "attended the APEC Leaders' Meeting": it took place
                if kind == "fulfilled" and not c["deadline_end"] and _aspiration(c["matter"]):
                    kind = "progressed"  # "committed to improving air ambulance services": an aim, never done once
                if kind == "fulfilled" and (early_stage(r["sentence"], c["matter"]) or not law_passed(r["sentence"], c["matter"])):
                    kind = "progressed"  # a first reading of the Bill promised to be passed
                if kind in ("fulfilled", "progressed") and fuzz.ratio(c["sentence"], r["sentence"]) >= 85:
                    kind = "reaffirmed"  # the same sentence again (a template, a restatement) is no step forward
                key = (r["cid"], r["doc_id"])
                ev = {"commitment_id": r["cid"], "act_id": r["act_id"], "doc_id": r["doc_id"], "sentence_idx": r["sentence_idx"],
                      "span_start": r["span_start"], "span_end": r["span_end"], "date": r["date_s"], "kind": kind, "act": r["act"],
                      "source": r["source"], "target": r["target"], "trigger": r["trigger"], "score": round(score + 0.2 * named, 4),
                      "shared_terms": sorted(shared), "sentence": r["sentence"]}
                _keep(best, key, ev)
    finally:
        con.execute(f"SET memory_limit = '{old_limit}'")
    for name in ("cm_sent", "cm_stc", "cm_block", "cm_c"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    del sent_terms_cache, title_cache  # freed before the meaning signal's model is loaded
    _bodies(con, titled_docs, by_id, best, idf, max_idf, df, common, s)
    del titled_docs
    _reports(con, by_id, best, idf, max_idf, s)
    t_topic = time.perf_counter()
    _topic_reports(con, by_id, best, s)
    s.seconds_topic = time.perf_counter() - t_topic
    rows = _one_sentence_one_matter(list(best.values()), by_id)
    s.events = Counter(e["kind"] for e in rows)
    _write(store, "commitment_events", rows, EV_SCHEMA, [("DELETE FROM commitment_events WHERE kind <> 'made'", [])])
    s.seconds_follow = time.perf_counter() - t0
    return s


def _bodies(con, titled_docs: dict, by_id: dict, best: dict, idf: dict, max_idf: float, df: Counter, common: int,
            s: BuildSummary) -> None:
    """A later document whose title names a dated promise's matter (two telling terms) but whose
    title and lead say nothing done may report it further down ("Safeguarding Kiwis with modern
    insurance law": "The Contracts of Insurance Bill ..., which passed third reading today" is its
    fourth sentence). Its body sentences with a completion word not under a future that share
    two telling terms with the commitment (BODY_MIN_TERMS; the promised verb counts), one of
    them a term of which thing it is about, and report the promised verb itself done ("pass" ->
    "passed") report it: the one sharing most is the event. Up to BODY_DOCS documents a
    commitment; one SQL pass over the sentences of those documents only."""
    docs = sorted({d for xs in titled_docs.values() for d, _ in xs})
    if not docs:
        return
    keys = pa.table({"doc_id": docs})  # noqa: F841 (read by DuckDB by name)
    sents: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for d, i, text in con.execute(f"""SELECT s.doc_id, s.idx, s.text FROM sentences s JOIN keys k ON k.doc_id = s.doc_id
                                     WHERE s.idx >= {LEAD_SENTENCES} AND length(s.text) <= 600
                                       AND regexp_matches(s.text, $done, 'i')""", {"done": completion_pattern()}).fetchall():
        if _done(text):
            sents[d].append((i, text))
    done = {cid for (cid, _d), e in best.items() if e["kind"] in ("fulfilled", "reversed")}
    cache: dict[tuple, frozenset] = {}
    for cid, xs in titled_docs.items():
        if cid in done:
            continue
        c = by_id[cid]
        for doc_id, date in dict.fromkeys(xs):
            top = None
            for i, text in sents.get(doc_id, ()):
                st = cache.get((doc_id, i))
                if st is None:
                    st = cache[(doc_id, i)] = frozenset(terms(text))
                telling = [t for t in c["terms"] & st if df.get(t, 0) <= common]
                if (len(telling) < BODY_MIN_TERMS or c["object"] and not any(t in c["object"] for t in telling)
                        or not _promised_done(text, c["matter"])):
                    continue
                w = sum(idf.get(t, max_idf) for t in telling)
                if top is None or w > top[0]:
                    top = (w, i, text, telling)
            if top is None:
                continue
            w, i, text, telling = top
            kind = classify_report(text, c["terms"], c["matter"])
            if kind is None:
                continue
            if kind == "fulfilled" and (not c["deadline_end"] and _aspiration(c["matter"]) or early_stage(text, c["matter"])):
                kind = "progressed"
            ev = {"commitment_id": cid, "act_id": None, "doc_id": doc_id, "sentence_idx": i, "span_start": None, "span_end": None,
                  "date": date, "kind": kind, "act": "report", "source": [], "target": [], "trigger": None,
                  "score": round(w / (sum(idf.get(t, max_idf) for t in c["terms"]) or 1.0), 4),
                  "shared_terms": sorted(telling), "sentence": text}
            _keep(best, (cid, doc_id), ev)
            s.body_reports += 1


def _reports(con, by_id: dict, best: dict, idf: dict, max_idf: float, s: BuildSummary) -> None:
    """Completion sentences that are no act of the follow-up types, for dated promises past
    their deadline and not reported done by an act or a title (those the status would call
    overdue): "... the ICE Pact, which we entered into with Finland and with Canada" for "sign a
    memorandum of understanding by the end of the year with Finland and Canada". Candidates are
    filtered before any is encoded:
    - a later document within a year past the deadline, whose sentence names every other actor
      of the commitment (its counterparts, the bodies its matter names) or a named thing of its
      matter ("the International Expert Conference on the Recovery"), one regex pass over the
      sentences for all names;
    - a completion word not under a future (in SQL, then the future test), and two telling terms
      shared (other actors included, its own party not);
    - then the meaning signal (``accord.compare.embed``): the sentence's cosine with the
      commitment's sentence at least REPORT_MIN_COS.
    A sentence fulfils only the commitment it is most like (its best match)."""
    from ..compare.embed import embed

    done = {cid for (cid, _d), e in best.items() if e["kind"] in ("fulfilled", "reversed")}
    last = con.execute("SELECT CAST(max(date) AS VARCHAR) FROM documents").fetchone()[0] or ""
    rows_c, rows_n = [], []
    for c in by_id.values():
        # a dated promise whose deadline the store has passed, not reported done by an act or a title
        if c["id"] in done or not c["deadline_end"] or c["deadline_end"] >= last or not c["terms"]:
            continue
        other = sorted(c["want"] - set(c["parties"] or []))
        names = sorted({" ".join(n.lower().split()) for n in c["names"] if len(n) >= 12})
        if not other and not names:
            continue
        end = dt.date.fromisoformat(c["deadline_end"]) + dt.timedelta(days=REPORT_AFTER_DAYS)
        rows_c.append({"id": c["id"], "doc_id": c["doc_id"], "date": c["date"], "end": end.isoformat(), "other": other})
        rows_n += [{"id": c["id"], "name": n} for n in names]
    if not rows_c:
        return
    rc = pa.Table.from_pylist(rows_c, schema=pa.schema([  # noqa: F841 (read by DuckDB by name)
        ("id", pa.string()), ("doc_id", pa.string()), ("date", pa.string()), ("end", pa.string()), ("other", pa.list_(pa.string()))]))
    rn = pa.Table.from_pylist(rows_n, schema=pa.schema([("id", pa.string()), ("name", pa.string())]))  # noqa: F841
    names_re = "(?:" + "|".join(sorted({re.escape(r["name"]).replace(r"\ ", " ") for r in rows_n}, key=len, reverse=True)) + ")" if rows_n else None
    by_name = f"""UNION  -- sentences holding a named thing of the matter (one regex pass over the completion sentences)
                SELECT n.id, h.doc_id, h.idx FROM (SELECT doc_id, idx, unnest(regexp_extract_all(lower(text), $names)) AS name
                                                    FROM ds WHERE regexp_matches(lower(text), $names)) h
                JOIN rn n ON n.name = h.name JOIN c ON c.id = n.id JOIN documents d ON d.id = h.doc_id
                WHERE d.date > c.date AND d.date <= c."end" AND d.id <> c.doc_id""" if names_re else ""
    params = {"done": completion_pattern()} | ({"names": names_re} if names_re else {})
    old_limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    try:
        # the sentences with a completion word first (one regex pass), then the commitments' actors and names in them
        con.execute("""CREATE OR REPLACE TEMP TABLE cm_ds AS SELECT doc_id, idx, text FROM sentences
                       WHERE length(text) <= 600 AND regexp_matches(text, $done, 'i')""", {"done": params["done"]})
        cur = con.execute(f"""
            WITH ds AS (SELECT * FROM cm_ds),
            c AS (SELECT id, doc_id, CAST(date AS DATE) AS date, CAST("end" AS DATE) AS "end", other FROM rc),
            co AS (SELECT id, unnest(other) AS code, len(other) AS n FROM c WHERE len(other) > 0),
            dm AS (SELECT DISTINCT m.doc_id, m.sentence_idx AS idx, m.code FROM mentions m
                   JOIN ds ON ds.doc_id = m.doc_id AND ds.idx = m.sentence_idx WHERE m.code IN (SELECT code FROM co)),
            pairs AS (  -- sentences of a later document in the window naming every other actor
                SELECT co.id, dm.doc_id, dm.idx FROM co JOIN c ON c.id = co.id JOIN dm ON dm.code = co.code
                JOIN documents d ON d.id = dm.doc_id
                WHERE d.date > c.date AND d.date <= c."end" AND d.id <> c.doc_id
                GROUP BY co.id, dm.doc_id, dm.idx HAVING count(DISTINCT dm.code) = any_value(co.n)
                {by_name})
            SELECT pairs.id, pairs.doc_id, pairs.idx, ds.text, CAST(d.date AS VARCHAR) AS date FROM pairs
            JOIN ds ON ds.doc_id = pairs.doc_id AND ds.idx = pairs.idx JOIN documents d ON d.id = pairs.doc_id""",
                          {k: v for k, v in params.items() if k == "names"})
        found = cur.fetchall()
        con.execute("DROP TABLE IF EXISTS cm_ds")
    finally:
        con.execute(f"SET memory_limit = '{old_limit}'")
    codes: dict[tuple, list] = defaultdict(list)
    if found:
        keys = pa.table({"doc_id": [x[1] for x in found], "idx": pa.array([x[2] for x in found], pa.int32())})  # noqa: F841
        for d, i, code in con.execute("""SELECT DISTINCT m.doc_id, m.sentence_idx, m.code FROM mentions m
                                         JOIN (SELECT DISTINCT doc_id, idx FROM keys) k ON k.doc_id = m.doc_id AND k.idx = m.sentence_idx
                                         WHERE m.code IS NOT NULL""").fetchall():
            codes[(d, i)].append(code)
    cands = []
    sent_terms: dict[tuple, set | None] = {}  # a sentence meets many commitments: its terms once
    for cid, doc_id, idx, text, date in found:
        st = sent_terms.get((doc_id, idx), ())
        if st == ():
            st = sent_terms[(doc_id, idx)] = (terms(text) | {ACTOR_TERM + x for x in codes.get((doc_id, idx), ())}) if _done(text) else None
        if st is None:
            continue
        c = by_id[cid]
        own = {ACTOR_TERM + x for x in c["parties"] or ()}  # its own party is no evidence
        telling = [t for t in c["terms"] & st - own if idf.get(t, max_idf) > 0]
        if len(telling) < 2:
            continue
        cands.append((cid, doc_id, idx, text, date, telling))
    s.report_candidates = len(cands)
    if not cands:
        return
    # encoding costs ~0.05-0.1 s a sentence: each commitment's REPORT_PER_COMMITMENT best candidates by their shared
    # terms' weight, and at most REPORT_MAX_ENCODE in all (the best), are read for their meaning
    weight = {id(x): sum(idf.get(t, max_idf) for t in x[5]) for x in cands}
    per: dict[str, list] = defaultdict(list)
    for x in sorted(cands, key=lambda x: -weight[id(x)]):
        if len(per[x[0]]) < REPORT_PER_COMMITMENT:
            per[x[0]].append(x)
    cands = sorted((x for xs in per.values() for x in xs), key=lambda x: -weight[id(x)])[:REPORT_MAX_ENCODE]
    s.report_encoded = len(cands)
    texts = sorted({x[3] for x in cands} | {by_id[x[0]]["sentence"] or by_id[x[0]]["matter"] for x in cands})
    vecs = embed(texts)
    if vecs is None:  # no model: the lexical filters alone are too loose to link on
        return
    row = {t: i for i, t in enumerate(texts)}
    top: dict[tuple, tuple] = {}
    for cid, doc_id, idx, text, date, telling in cands:
        c = by_id[cid]
        v = vecs[row[text]]
        cos = float(v @ vecs[row[c["sentence"] or c["matter"]]])  # against the commitment's sentence (encoding is the cost)
        if cos < REPORT_MIN_COS:
            continue
        key = (doc_id, idx)  # a sentence's best match only
        if key not in top or cos > top[key][0]:
            top[key] = (cos, cid, doc_id, idx, text, date, telling)
    for cos, cid, doc_id, idx, text, date, telling in top.values():
        c = by_id[cid]
        kind = classify_report(text, c["terms"], c["matter"]) or "progressed"
        if kind == "fulfilled" and early_stage(text, c["matter"]):
            kind = "progressed"
        ev = {"commitment_id": cid, "act_id": None, "doc_id": doc_id, "sentence_idx": idx, "span_start": None, "span_end": None,
              "date": date, "kind": kind, "act": "report", "source": [], "target": [], "trigger": None,
              "score": round(cos, 4), "shared_terms": sorted(telling), "sentence": text}
        _keep(best, (cid, doc_id), ev)


def _topic_reports(con, by_id: dict, best: dict, s: BuildSummary) -> None:
    """A later release on the promise's topic whose title or first sentence reports a thing
    done, for dated promises past their deadline that nothing else reports done (those the
    status would call overdue). The promise's own words are often not the report's: "provide a
    response with proposed action items" (in "Report backs better banking competition") ->
    "Government accepts banking recommendations"; "introduce a Bill to the House" (in "More
    prefab homes to be built as red tape cut") -> "Housing supply to be sped up in major changes
    to New Zealand's building laws". The promise's topic is its document's title with its matter:
    - a later document (up to a year past the deadline) of the commitment's parties (two of them,
      its counterparts and named bodies counted, as for the other links) whose title shares a
      word with that topic that few titles hold (TOPIC_TITLE_SHARE), and whose title or first
      two sentences hold a completion word not under a future;
    - the meaning signal: the cosine of its title and first sentence with the promise's title and
      sentence at least TOPIC_MIN_COS; the most like is the report (one a commitment), and a
      document reports only the commitment it is most like.
    An early stage of a law only progresses; the event's act is "topic". Without the model the
    stage adds nothing."""
    from ..compare.embed import available, embed

    if not available():
        return
    done = {cid for (cid, _d), e in best.items() if e["kind"] in ("fulfilled", "reversed")}
    last = con.execute("SELECT CAST(max(date) AS VARCHAR) FROM documents").fetchone()[0] or ""
    want = [c for c in by_id.values() if c["id"] not in done and c["deadline_end"] and c["deadline_end"] < last]
    if not want:
        return
    docs = con.execute(f"""SELECT d.id, d.title, CAST(d.date AS VARCHAR), p.parties, l.lead FROM documents d
                          JOIN processed p ON p.doc_id = d.id LEFT JOIN ({LEAD_SQL}) l ON l.doc_id = d.id
                          WHERE d.title IS NOT NULL AND d.date IS NOT NULL ORDER BY d.date, d.id""").fetchall()
    title_of = {d[0]: d[1] for d in docs}
    t_terms = [tuple(intern(t) for t in terms(d[1])) for d in docs]
    tdf = Counter(t for ts in t_terms for t in ts)
    cap = max(2, int(TOPIC_TITLE_SHARE * len(docs)))
    post: dict[str, array] = defaultdict(lambda: array("i"))  # telling title word -> documents, in date order
    for i, ts in enumerate(t_terms):
        for t in ts:
            if tdf[t] <= cap:
                post[t].append(i)
    del t_terms
    dates = [d[2] for d in docs]
    n = max(1, len(docs))
    done_doc: dict[int, bool] = {}
    cands = []
    for c in want:
        own_title = title_of.get(c["doc_id"]) or ""
        topic = (terms(own_title) | set(c["object"])) & post.keys()
        if not topic:
            continue
        end = (dt.date.fromisoformat(c["deadline_end"]) + dt.timedelta(days=REPORT_AFTER_DAYS)).isoformat()
        lo, hi = bisect_right(dates, c["date"]), bisect_right(dates, end)  # the window, by the documents' date order
        hits_: Counter = Counter()
        for t in topic:
            ps = post[t]
            w = math.log(n / tdf[t])
            for i in ps[bisect_left(ps, lo):bisect_left(ps, hi)]:
                hits_[i] += w
        ctx = set(c["doc_parties"] or []) - c["want"]
        # a promise to decide or report: a release on its topic announcing what will be done is the decision
        decision = _promised_stem(c["matter"]) in word_list("decision_verbs")
        mine = []
        for i, w in hits_.items():
            doc_id, title, date, parties, lead = docs[i]
            if doc_id == c["doc_id"]:
                continue
            have = set(parties or [])
            if len(c["want"] & have) < min(2, len(c["want"])) or len(c["want"]) == 1 and ctx and not ctx & have:
                continue
            if i not in done_doc:
                done_doc[i] = any(_done(x) for x in [title, *(lead or "").split(LEAD_SEP)])
            if done_doc[i] or decision:
                mine.append((w, i))
        mine.sort(key=lambda x: -x[0])
        cands += [(c["id"], own_title, i, w) for w, i in mine[:TOPIC_PER_COMMITMENT]]
    s.topic_candidates = len(cands)
    cands = sorted(cands, key=lambda x: -x[3])[:TOPIC_MAX_ENCODE]
    if not cands:
        return

    def later(i: int) -> str:
        return f"{docs[i][1]}. {(docs[i][4] or '').split(LEAD_SEP)[0]}"

    def promise(cid: str, title: str) -> str:
        return f"{title}. {by_id[cid]['sentence'] or by_id[cid]['matter']}"

    texts = sorted({later(i) for _, _, i, _ in cands} | {promise(cid, t) for cid, t, _, _ in cands})
    vecs = embed(texts)
    if vecs is None:
        return
    row = {t: k for k, t in enumerate(texts)}
    top: dict[str, tuple] = {}  # per commitment, its most like later document
    for cid, title, i, _w in cands:
        cos = float(vecs[row[later(i)]] @ vecs[row[promise(cid, title)]])
        if cos >= TOPIC_MIN_COS and (cid not in top or cos > top[cid][0]):
            top[cid] = (cos, i)
    per_doc: dict[int, tuple] = {}  # a document reports only the commitment it is most like
    for cid, (cos, i) in top.items():
        if i not in per_doc or cos > per_doc[i][0]:
            per_doc[i] = (cos, cid)
    for i, (cos, cid) in per_doc.items():
        c = by_id[cid]
        doc_id, title, date, _parties, lead = docs[i]
        text = f"{title}: {' '.join((lead or '').split(LEAD_SEP))}"
        kind = classify_title(title, c["terms"], c["matter"]) or classify_report(text, c["terms"], c["matter"]) or "fulfilled"
        if kind == "fulfilled" and early_stage(text, c["matter"]):
            kind = "progressed"  # "Milestone for return of petroleum exploration": the Bill introduced
        elif kind == "progressed" and _promised_stem(c["matter"]) in word_list("decision_verbs"):
            kind = "fulfilled"  # "New Zealand to conclude its deployment to Afghanistan in 2021": the decision made
        ev = {"commitment_id": cid, "act_id": None, "doc_id": doc_id, "sentence_idx": -1, "span_start": None, "span_end": None,
              "date": date, "kind": kind, "act": "topic", "source": [], "target": [], "trigger": None,
              "score": round(cos, 4), "shared_terms": sorted(terms(title) & (terms(title_of.get(c["doc_id"]) or "") | set(c["object"]))),
              "sentence": text}
        _keep(best, (cid, doc_id), ev)
        s.topic_reports += 1


def build(store: Store, rebuild: bool = False, horizon_days: int = HORIZON_DAYS,
          on_progress: Callable[[int], None] | None = None) -> BuildSummary:
    """Ledger, then follow-ups: what ``accord commitments --build`` runs."""
    s = build_ledger(store, rebuild=rebuild, on_progress=on_progress)
    return follow_up(store, horizon_days=horizon_days, summary=s)


CM_SCHEMA = pa.schema([
    ("id", pa.string()), ("doc_id", pa.string()), ("act_id", pa.string()), ("act_ids", pa.list_(pa.string())),
    ("sentence_idx", pa.int32()), ("span_start", pa.int32()), ("span_end", pa.int32()), ("date", pa.string()),
    ("act", pa.string()), ("parties", pa.list_(pa.string())), ("counterpart", pa.list_(pa.string())),
    ("trigger", pa.string()), ("matter", pa.string()), ("terms", pa.list_(pa.string())), ("firmness", pa.string()),
    ("deadline_text", pa.string()), ("deadline_start", pa.string()), ("deadline_end", pa.string()),
    ("deadline_problem", pa.string()), ("sentence", pa.string())])
EV_SCHEMA = pa.schema([
    ("commitment_id", pa.string()), ("act_id", pa.string()), ("doc_id", pa.string()), ("sentence_idx", pa.int32()),
    ("span_start", pa.int32()), ("span_end", pa.int32()), ("date", pa.string()), ("kind", pa.string()), ("act", pa.string()),
    ("source", pa.list_(pa.string())), ("target", pa.list_(pa.string())), ("trigger", pa.string()), ("score", pa.float64()),
    ("shared_terms", pa.list_(pa.string())), ("sentence", pa.string())])
