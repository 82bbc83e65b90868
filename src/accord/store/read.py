"""Stored acts as the records `accord extract --jsonl` writes (the engines' rerun path and
`accord evaluate --db`); the other reads are in accord.queries and Store."""
from __future__ import annotations

from typing import Iterable

from .db import Store


def stored_act_records(store: Store, docs: Iterable[tuple[str, str]]) -> list[dict]:
    """The act records (the shape of ``models.act_records``, one JSONL line of `accord
    extract --jsonl`) of stored documents, given as (path named, document id), in that
    order; a document named twice is given once."""
    out: list[dict] = []
    seen: set[str] = set()
    for path, doc_id in docs:
        if doc_id in seen:
            continue
        seen.add(doc_id)
        rows = store.con.execute(
            "SELECT CAST(date AS VARCHAR), sentence, act, source, target, trigger, negated, when_text, "
            "CAST(when_start AS VARCHAR), CAST(when_end AS VARCHAR), intensity, span_start, span_end, trigger_start, "
            "trigger_end, plover_event, plover_mode, plover_context, cameo FROM acts WHERE doc_id = ? ORDER BY idx",
            [doc_id]).fetchall()
        for (date, sentence, act, source, target, trigger, negated, when, w0, w1, intensity, s0, s1, t0, t1,
             event, mode, context, cameo) in rows:
            out.append({
                "doc": path, "doc_id": doc_id, "date": date, "sentence": sentence, "act": act,
                "source": list(source or []), "target": list(target or []), "trigger": trigger, "negated": negated,
                "when": when, "when_start": w0, "when_end": w1, "intensity": intensity, "span": [s0, s1],
                "trigger_span": [t0, t1] if t0 is not None else None,
                "plover": {"event": event, "mode": mode, "context": context}, "cameo": cameo})
    return out
