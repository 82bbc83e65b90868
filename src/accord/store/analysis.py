"""Write the actors and acts of analysed documents (one transaction per batch; earlier
results of the same documents are replaced, so a rerun never duplicates acts)."""
from __future__ import annotations

import hashlib

import pyarrow as pa

from .. import PIPELINE_VERSION
from ..models import Document
from .db import Store


def act_id(doc_id: str, idx: int) -> str:
    return hashlib.sha1(f"{doc_id}:{idx}".encode()).hexdigest()[:16]


def processed_ids(store: Store, ids: list[str], version: str = PIPELINE_VERSION) -> set[str]:
    if not ids:
        return set()
    rows = store.con.execute("SELECT doc_id FROM processed WHERE pipeline_version = ? AND doc_id IN (SELECT unnest(?))",
                             [version, ids]).fetchall()
    return {r[0] for r in rows}


def add_analysis(store: Store, docs: list[Document]) -> int:
    ids = [d.id for d in docs]
    ment_rows, act_rows, proc_rows = [], [], []
    for d in docs:
        for i, m in enumerate(d.mentions):
            ment_rows.append({"doc_id": d.id, "idx": i, "sentence_idx": m.sentence, "start_char": m.start, "end_char": m.end,
                              "text": m.text, "code": m.code, "sector": m.sector, "kind": m.kind, "person": m.person,
                              "reason": m.reason})
        for i, a in enumerate(d.acts):
            s = d.sentences[a.sentence]
            act_rows.append({
                "id": act_id(d.id, i), "doc_id": d.id, "idx": i, "sentence_idx": a.sentence, "date": d.meta.date,
                "act": a.act, "source": a.source, "target": a.target, "source_sectors": a.source_sectors,
                "target_sectors": a.target_sectors, "trigger": a.trigger, "negated": a.negated, "when_text": a.when,
                "when_start": a.when_start, "when_end": a.when_end, "intensity": a.intensity,
                "trigger_start": a.trigger_span[0] if a.trigger_span else None,
                "trigger_end": a.trigger_span[1] if a.trigger_span else None,
                "span_start": s.start, "span_end": s.end, "sentence": s.text, "plover_event": a.plover_event,
                "plover_mode": a.plover_mode, "plover_context": a.plover_context, "cameo": a.cameo})
        proc_rows.append({"doc_id": d.id, "pipeline_version": PIPELINE_VERSION, "parties": d.parties,
                          "n_mentions": len(d.mentions), "n_acts": len(d.acts)})
    con = store.con
    with store.transaction("acts not stored, nothing of this batch was written"):
        for table, col in (("mentions", "doc_id"), ("acts", "doc_id"), ("processed", "doc_id")):
            con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT unnest(?))", [ids])
        for table, rows, schema in (("mentions", ment_rows, MENTION_SCHEMA), ("acts", act_rows, ACT_SCHEMA),
                                    ("processed", proc_rows, None)):
            if rows:
                tbl = pa.Table.from_pylist(rows, schema=schema)  # noqa: F841 (read by DuckDB by name)
                cols = ", ".join(tbl.column_names)
                con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM tbl")
    return len(act_rows)


MENTION_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("idx", pa.int32()), ("sentence_idx", pa.int32()), ("start_char", pa.int32()),
    ("end_char", pa.int32()), ("text", pa.string()), ("code", pa.string()), ("sector", pa.string()),
    ("kind", pa.string()), ("person", pa.string()), ("reason", pa.string())])
ACT_SCHEMA = pa.schema([
    ("id", pa.string()), ("doc_id", pa.string()), ("idx", pa.int32()), ("sentence_idx", pa.int32()), ("date", pa.string()),
    ("act", pa.string()), ("source", pa.list_(pa.string())), ("target", pa.list_(pa.string())),
    ("source_sectors", pa.list_(pa.string())), ("target_sectors", pa.list_(pa.string())), ("trigger", pa.string()),
    ("negated", pa.bool_()), ("when_text", pa.string()), ("when_start", pa.string()), ("when_end", pa.string()),
    ("intensity", pa.string()), ("trigger_start", pa.int32()), ("trigger_end", pa.int32()), ("span_start", pa.int32()),
    ("span_end", pa.int32()), ("sentence", pa.string()), ("plover_event", pa.string()), ("plover_mode", pa.string()),
    ("plover_context", pa.list_(pa.string())), ("cameo", pa.string())])
