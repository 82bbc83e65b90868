"""Exports from the store: PLOVER JSON Lines, POLECAT-style TSV, CAMEO/Phoenix-style
dyads, Parquet tables.

Decisions (documented in README): a PLOVER record is one act; `actor`/`recipient`
hold the first code and `actors`/`recipients` the full lists, since a joint act has
several sources. Dyads expand a joint act to ordered pairs: every source with every
target; an act among the sources themselves (target []) gives every ordered pair of
sources; a one-actor act with no target gives no dyad.
"""
from __future__ import annotations

import csv
import json
from itertools import permutations
from pathlib import Path

from ..acts.lexicon import get_lexicon
from ..errors import AccordError
from ..store import Store

FORMATS = ("plover", "polecat-tsv", "cameo-dyads", "parquet", "commitments-csv")
POLECAT_COLUMNS = ["Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
                   "Actor Name", "Actor Country", "Actor Sector", "Recipient Name", "Recipient Country",
                   "Recipient Sector", "Negated", "Event Text", "Story ID", "Sentence Number", "Headline",
                   "Publisher", "Event Time", "CAMEO"]
DYAD_COLUMNS = ["event_id", "date", "year", "month", "day", "source", "target", "cameo", "root_code", "quad_class",
                "act", "negated", "doc_id", "sentence_idx", "url"]


def _acts(store: Store, where: str = "", params: list | None = None) -> list[dict]:
    return store.query(
        "SELECT a.*, d.title, d.publisher, d.url FROM acts a JOIN documents d ON d.id = a.doc_id "
        + (("WHERE " + where) if where else "") + " ORDER BY a.date NULLS LAST, a.doc_id, a.idx", params or [])


def _quad(act: str) -> str:
    return get_lexicon().act_types.get(act, {}).get("quad", "")


def export(store: Store, fmt: str, out: str | Path) -> int:
    out = Path(out)
    if fmt not in FORMATS:
        raise AccordError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        out.mkdir(parents=True, exist_ok=True)
        n = 0
        for table, sql in (("documents", "SELECT * EXCLUDE (raw) FROM documents"), ("sentences", "SELECT * FROM sentences"),
                           ("mentions", "SELECT * FROM mentions"), ("acts", "SELECT * FROM acts"),
                           ("commitments", "SELECT * FROM commitments"),
                           ("commitment_events", "SELECT * FROM commitment_events")):
            store.con.execute(f"COPY ({sql}) TO '{(out / (table + '.parquet')).as_posix()}' (FORMAT PARQUET)")
            n += 1
        return n
    if fmt == "commitments-csv":
        return _commitments_csv(store, out)
    rows = _acts(store)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "plover":
        with out.open("w", encoding="utf-8") as fh:
            for r in rows:
                rec = {"id": r["id"], "date": str(r["date"]) if r["date"] else None,
                       "actor": r["source"][0] if r["source"] else None, "recipient": r["target"][0] if r["target"] else None,
                       "actors": r["source"], "recipients": r["target"], "event": r["plover_event"], "mode": r["plover_mode"],
                       "context": r["plover_context"], "event_text": r["sentence"],
                       "text_info": {"doc_id": r["doc_id"], "sentence_idx": r["sentence_idx"], "span": [r["span_start"], r["span_end"]],
                                     "trigger": r["trigger"], "negated": r["negated"], "when": r["when_text"],
                                     "headline": r["title"], "publisher": r["publisher"], "url": r["url"]},
                       "act": r["act"], "cameo": r["cameo"]}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return len(rows)
    if fmt == "polecat-tsv":
        with out.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(POLECAT_COLUMNS)
            for r in rows:
                w.writerow([r["id"], r["date"] or "", r["plover_event"] or r["act"].upper(), r["plover_mode"] or "",
                            r["intensity"] or "", _quad(r["act"]), ";".join(r["plover_context"] or []),
                            ";".join(r["source"]), ";".join(r["source"]), ";".join(r["source_sectors"] or []) or "GOV",
                            ";".join(r["target"]), ";".join(r["target"]), ";".join(r["target_sectors"] or []),
                            str(bool(r["negated"])).lower(), r["sentence"].replace("\t", " ").replace("\n", " "),
                            r["doc_id"], r["sentence_idx"], (r["title"] or "").replace("\t", " "), r["publisher"] or "",
                            r["when_text"] or "", r["cameo"] or ""])
        return len(rows)
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(DYAD_COLUMNS)
        for r in rows:
            d = str(r["date"]) if r["date"] else ""
            y, m, dd = (d.split("-") + ["", "", ""])[:3] if d else ("", "", "")
            pairs = [(s, t) for s in r["source"] for t in r["target"] if s != t] if r["target"] else list(permutations(r["source"], 2))
            for k, (s, t) in enumerate(pairs):
                w.writerow([f"{r['id']}-{k}", d, y, m, dd, s, t, r["cameo"] or "", (r["cameo"] or "")[:2], _quad(r["act"]),
                            r["act"], str(bool(r["negated"])).lower(), r["doc_id"], r["sentence_idx"], r["url"] or ""])
                n += 1
    return n


COMMITMENT_COLUMNS = ["id", "date", "parties", "counterpart", "matter", "firmness", "act", "trigger", "deadline_text",
                      "deadline_start", "deadline_end", "deadline_problem", "status", "status_as_of", "decided_on",
                      "n_followups", "last_followup", "doc_id", "sentence_idx", "span_start", "span_end", "path", "sentence"]


def _commitments_csv(store: Store, out: Path) -> int:
    """One row per commitment with its status as of today (list fields joined with ';')."""
    import datetime as dt

    from ..commitments import list_commitments

    today = dt.date.today().isoformat()
    rows = list_commitments(store, as_of=today, limit=None)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COMMITMENT_COLUMNS)
        for r in sorted(rows, key=lambda r: (str(r["date"]), r["id"])):
            r = {**r, "status_as_of": today}
            w.writerow([";".join(r[c] or []) if c in ("parties", "counterpart") else ("" if r[c] is None else str(r[c]))
                        for c in COMMITMENT_COLUMNS])
    return len(rows)
