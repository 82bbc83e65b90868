"""Write comparisons into a DuckDB connection (tables created when missing)."""
from __future__ import annotations

import hashlib
import json
from typing import Any

from .align import Comparison

DDL = [
    """CREATE TABLE IF NOT EXISTS comparisons (id VARCHAR PRIMARY KEY, news_id VARCHAR, source_id VARCHAR,
        n_news INTEGER, n_source INTEGER, n_supported INTEGER, n_strength_changed INTEGER, n_added INTEGER,
        n_contradicted INTEGER, n_covered INTEGER, n_omitted INTEGER, summary JSON, params JSON,
        seconds DOUBLE, created_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE IF NOT EXISTS comparison_items (comparison_id VARCHAR, side VARCHAR, idx INTEGER,
        role VARCHAR, label VARCHAR, direction VARCHAR, score DOUBLE, evidence INTEGER[], evidence_scores DOUBLE[],
        shared VARCHAR[], new_facts VARCHAR[], changes VARCHAR[], reason VARCHAR, text VARCHAR)""",
    "CREATE INDEX IF NOT EXISTS comparison_items_cmp ON comparison_items (comparison_id)",
]


def ensure_tables(con) -> None:
    for sql in DDL:
        con.execute(sql)


def comparison_id(cmp: Comparison) -> str:
    return hashlib.sha1(f"{cmp.news_id}|{cmp.source_id}".encode()).hexdigest()[:16]


def write_comparison(con, cmp: Comparison) -> str:
    """Store one comparison (replacing an earlier one of the same pair). Returns its id."""
    ensure_tables(con)
    cid = comparison_id(cmp)
    c = cmp.counts()
    con.execute("BEGIN TRANSACTION")
    try:
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
        con.execute("COMMIT")
    except Exception as exc:
        from ..store.db import last_opened, rollback_and_raise

        rollback_and_raise(con, last_opened() or "the store", "comparison not stored", exc)
    return cid
