"""The store's own reads: one stored document with its text structure and warnings (what
`accord show` prints, and the base of ``accord.queries.get_document``), and stored acts as
the records `accord extract --jsonl` writes (the engines' rerun path and `accord evaluate
--db`); the listings and checks of the API, web UI and CLI are in accord.queries."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from .db import Store


def _rows(con, sql: str, params: list) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def ids_matching(con, table: str, ref: str) -> list[str]:
    """The id of ``table`` (documents or commitments) equal to ref, else at most two ids that
    start with it, in id order (two: the prefix is ambiguous; none: no such row). The one
    id-or-prefix lookup of the CLI, the API and comparison."""
    if table not in ("documents", "commitments"):
        raise ValueError(f"ids_matching: no id lookup for table {table!r}")
    row = con.execute(f"SELECT id FROM {table} WHERE id = ?", [ref]).fetchone()
    if row:
        return [row[0]]
    return [r[0] for r in con.execute(f"SELECT id FROM {table} WHERE starts_with(id, ?) ORDER BY id LIMIT 2",
                                      [ref]).fetchall()]


def has_table(con, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()[0])


def warning_records(con, doc_id: str) -> list[dict[str, Any]]:
    """A document's warnings as records (kind, stage, message, start_char, end_char). A
    store of schema 4 (read-only, not migrated) has their messages only: kind and stage None."""
    if has_table(con, "doc_warnings"):
        return _rows(con, "SELECT kind, stage, message, start_char, end_char FROM doc_warnings "
                          "WHERE doc_id = ? ORDER BY idx", [doc_id])
    row = con.execute("SELECT warnings FROM documents WHERE id = ?", [doc_id]).fetchone()
    return [{"kind": None, "stage": None, "message": m, "start_char": None, "end_char": None}
            for m in (row[0] if row and row[0] else [])]


def document_record(con, doc_id: str) -> dict[str, Any]:
    """One stored document (by its id): its row without the raw bytes, its paths,
    sections, sentences, repairs and warnings. ``warnings`` is the list of messages (as
    before warnings had kinds); ``warning_records`` has them with kind, stage and offsets."""
    doc = _rows(con, "SELECT * EXCLUDE (raw) FROM documents WHERE id = ?", [doc_id])[0]
    doc["meta"] = json.loads(doc["meta"]) if doc["meta"] else {}
    doc["paths"] = [r["path"] for r in _rows(con, "SELECT path FROM doc_paths WHERE doc_id = ? ORDER BY path", [doc_id])]
    doc["sections"] = _rows(con, "SELECT idx, title, start_char, end_char FROM sections WHERE doc_id = ? ORDER BY idx",
                            [doc_id])
    doc["sentences"] = _rows(con, "SELECT idx, section_idx, role, item_of, start_char, end_char, text FROM sentences "
                                  "WHERE doc_id = ? ORDER BY idx", [doc_id])
    doc["repairs"] = _rows(con, "SELECT kind, start_char, end_char, before, after FROM repairs WHERE doc_id = ? "
                                "ORDER BY idx", [doc_id])
    doc["warning_records"] = warning_records(con, doc_id)
    doc["warnings"] = [w["message"] for w in doc["warning_records"]]
    return doc


def stored_act_records(store: "Store", docs: Iterable[tuple[str, str]]) -> list[dict]:
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


def load_document(con, doc_id: str):
    """A stored document rebuilt as a ``models.Document`` (text, sentences, mentions, and
    acts when stored) by its id or a unique id prefix: what comparison and linking analyse."""
    import duckdb

    from ..errors import NotFoundError
    from ..models import Act, DocMeta, Document, Mention, Sentence

    ids = ids_matching(con, "documents", doc_id)
    if not ids:
        raise NotFoundError(f"{doc_id}: no such document in the store")
    if len(ids) > 1:
        raise NotFoundError(f"{doc_id}: ambiguous id prefix")
    r = con.execute("SELECT id, path, format, kind, title, CAST(date AS VARCHAR), url, publisher, text FROM documents "
                    "WHERE id = ?", [ids[0]]).fetchone()
    doc = Document(r[0], r[1] or "", b"", r[2] or "text",
                   DocMeta(title=r[4], date=r[5], url=r[6], publisher=r[7], kind=r[3] or "other"), text=r[8] or "")
    for s in con.execute("SELECT idx, start_char, end_char, text, section_idx, role, item_of FROM sentences "
                         "WHERE doc_id = ? ORDER BY idx", [doc.id]).fetchall():
        doc.sentences.append(Sentence(s[0], s[1], s[2], s[3], s[4] or 0, s[5] or "body", s[6]))
    try:
        for m in con.execute("SELECT start_char, end_char, text, code, sector, kind, reason, sentence_idx, person "
                             "FROM mentions WHERE doc_id = ? ORDER BY idx", [doc.id]).fetchall():
            doc.mentions.append(Mention(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]))
        for a in con.execute("SELECT sentence_idx, act, source, target, trigger, negated, intensity FROM acts "
                             "WHERE doc_id = ? ORDER BY idx", [doc.id]).fetchall():
            doc.acts.append(Act(a[0], a[1], list(a[2] or []), list(a[3] or []), a[4] or "", bool(a[5]), intensity=a[6]))
    except duckdb.CatalogException:  # an older store without actor or act tables
        pass
    return doc


def dated_texts(con, other_than: str, lo=None, hi=None, kind: str | None = None, limit: int = 500) -> list[tuple]:
    """(id, date, title, text) of stored documents in a date window, by date, other than one
    document: the candidates `accord link` ranks."""
    sql = "SELECT id, CAST(date AS VARCHAR), title, text FROM documents WHERE id <> ?"
    args: list[Any] = [other_than]
    if kind:
        sql += " AND kind = ?"
        args.append(kind)
    if lo and hi:
        sql += " AND date BETWEEN ? AND ?"
        args += [lo, hi]
    sql += " ORDER BY date LIMIT ?"
    args.append(limit)
    return con.execute(sql, args).fetchall()
