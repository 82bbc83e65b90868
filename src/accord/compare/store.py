"""Write comparisons into a store's connection (the tables come from the store's migrations)."""
from __future__ import annotations

import hashlib
import json
from typing import Any

from .align import Comparison

def ensure_tables(con) -> None:
    """Kept for callers of earlier versions: the comparison tables are made by the store's
    migrations (accord.store.schema), so every opened store has them."""


def comparison_id(cmp: Comparison) -> str:
    return hashlib.sha1(f"{cmp.news_id}|{cmp.source_id}".encode()).hexdigest()[:16]


def write_comparison(con, cmp: Comparison) -> str:
    """Store one comparison (replacing an earlier one of the same pair). Returns its id."""
    from ..store.db import last_opened, transaction

    cid = comparison_id(cmp)
    c = cmp.counts()
    with transaction(con, last_opened() or "the store", "comparison not stored, nothing of it was written"):
        con.execute("DELETE FROM comparison_items WHERE comparison_id = ?", [cid])
        con.execute("DELETE FROM comparisons WHERE id = ?", [cid])
        con.execute("INSERT INTO comparisons (id, news_id, source_id, n_news, n_source, n_supported, n_strength_changed, "
                    "n_added, n_contradicted, n_covered, n_omitted, summary, params, seconds) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [cid, cmp.news_id, cmp.source_id, len(cmp.news), len(cmp.source), c["supported"], c["strength_changed"],
                     c["added"], c["contradicted"], c["covered"], c["omitted"], json.dumps(cmp.summary()),
                     json.dumps(cmp.params), cmp.seconds])
        rows: list[list[Any]] = []
        for n in cmp.news:
            rows.append([cid, "news", n.idx, n.role, n.label, n.direction, n.score, [e.idx for e in n.evidence],
                         [e.score for e in n.evidence], n.shared, n.new_facts, n.changes, n.reason, n.text])
        for s in cmp.source:
            rows.append([cid, "source", s.idx, s.role, s.label, None, s.score, s.by, [], [], [], [], s.reason, s.text])
        con.executemany("INSERT INTO comparison_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return cid
