"""DuckDB store. Writes are batched and atomic per batch: a batch is committed whole or
not at all, so a crash or Ctrl-C loses nothing already committed, and a rerun (which
skips documents already stored) completes the rest."""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import duckdb
import pyarrow as pa

from ..errors import NotFoundError, StoreError
from ..models import Document
from ..text.safe import like_contains
from .read import ids_matching
from .schema import MIGRATIONS

SCHEMA_VERSION = len(MIGRATIONS)
# the oldest schema a read-only open reads: migration 5 only added doc_warnings, and a read
# of a schema-4 store takes its warnings from documents.warnings (store.read.warning_records)
READABLE_FROM = 4
DEFAULT_DB = "accord.duckdb"


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, default=str)


_LAST_OPENED: list[str] = []  # the store a command opened last (names the file in a late read error)


def last_opened() -> str | None:
    return _LAST_OPENED[-1] if _LAST_OPENED else None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


CORRUPT_HINTS = ("checksum", "attempted to read", "not a valid duckdb", "corrupt", "serializ", "deserializ", "invalid block",
                 "could not read", "truncated")


def store_error(path: str | None, exc: BaseException) -> StoreError:
    """A DuckDB error met while reading or writing the store, as one line naming the file
    and what to do."""
    path = path or "the store"
    msg = _first_line(exc)
    if any(h in msg.lower() for h in CORRUPT_HINTS):
        return StoreError(f"{path}: the store file is truncated or corrupt ({msg}); restore it from a copy, "
                          "or move it aside and rebuild it with `accord ingest`")
    return StoreError(f"{path}: store error: {msg}")


def rollback_and_raise(con, path: str, what: str, exc: BaseException):
    """Roll back after ``exc`` broke a transaction and raise a StoreError that shows ``exc``
    first; when the rollback fails too (disk full, unwritable WAL) its error is chained
    and named after it, never in its place."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error as rb:
        raise StoreError(f"{path}: {what}: {_first_line(exc)} (the rollback failed too: {_first_line(rb)}; "
                         "reopen the store: DuckDB recovers it from its last commit)") from exc
    raise StoreError(f"{path}: {what}: {_first_line(exc)}") from exc


@contextmanager
def transaction(con, where: str, what: str = "nothing of it was written") -> Iterator[Any]:
    """One transaction on a DuckDB connection: committed when the block ends, rolled back
    when it raises. A DuckDB, Arrow or encoding error becomes a StoreError "WHERE: WHAT:
    why" (a failed rollback chained after it: ``rollback_and_raise``); anything else
    (Ctrl-C included) is re-raised after the rollback. Every write of accord's tables
    goes through here (documents, acts, shards, ledger, comparisons, migrations)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except (duckdb.Error, pa.ArrowException, UnicodeError) as exc:
        rollback_and_raise(con, where, what, exc)
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:  # the transaction is gone already; the first error is the one to see
            pass
        raise


class Store:
    """A DuckDB file with accord's tables. Use as a context manager."""

    def __init__(self, path: str | os.PathLike = DEFAULT_DB, read_only: bool = False, con=None):
        """Open the store at `path` (migrated to the current schema unless read-only), or,
        with `con`, wrap an open connection or cursor of it (the server's per-request cursors)."""
        self.path = str(path)
        _LAST_OPENED[:] = [self.path]
        if con is not None:
            self.con = con
            return
        try:
            if read_only and not Path(self.path).exists():
                raise StoreError(f"{self.path}: no such store (ingest something first)")
            if Path(self.path).exists() and not Path(self.path).is_file():
                raise StoreError(f"{self.path}: not a store file (a folder or a device); give the path of a .duckdb file")
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            if "not a valid duckdb" in str(exc).lower():
                raise StoreError(f"{self.path}: not a DuckDB store ({_first_line(exc)}); give another --db, "
                                 "or move the file aside") from exc
            raise StoreError(f"{self.path}: cannot open store: {_first_line(exc)}") from exc
        except duckdb.Error as exc:
            raise store_error(self.path, exc) from exc
        try:
            if not read_only:
                self.migrate()
            v = self.schema_version()
        except duckdb.Error as exc:
            self.con.close()
            raise store_error(self.path, exc) from exc
        except StoreError:
            self.con.close()
            raise
        if read_only:
            if v < READABLE_FROM:
                raise StoreError(f"{self.path}: store schema version {v} is older than {SCHEMA_VERSION}; open it once read-write to migrate")

    # -- lifecycle -------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def schema_version(self) -> int:
        try:
            row = self.con.execute("SELECT version FROM schema_version").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0]) if row else 0

    def migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
        current = self.schema_version()
        for n, statements in enumerate(MIGRATIONS, start=1):
            if n <= current:
                continue
            with self.transaction(f"migration {n} failed"):
                for sql in statements:
                    self.con.execute(sql)
                self.con.execute("DELETE FROM schema_version")
                self.con.execute("INSERT INTO schema_version VALUES (?)", [n])

    def transaction(self, what: str = "nothing of it was written"):
        """``with store.transaction("batch not stored"):`` (see ``transaction``)."""
        return transaction(self.con, self.path, what)

    # -- writes ------------------------------------------------------------
    def known_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()
        return {r[0] for r in rows}

    def _insert(self, table: str, rows: list[dict[str, Any]], schema: pa.Schema | None = None) -> None:
        if not rows:
            return
        tbl = pa.Table.from_pylist(rows, schema=schema)  # noqa: F841 (read by DuckDB by name)
        cols = ", ".join(tbl.column_names)
        self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM tbl")

    def add_documents(self, docs: Iterable[Document], rejections: Iterable[tuple[str, str]] = ()) -> tuple[int, int]:
        """Store a batch atomically. Returns (stored, duplicates). A document whose id is
        already stored is a duplicate: only its path is recorded."""
        docs = list(docs)
        seen: dict[str, Document] = {}
        dup_paths = []
        for d in docs:
            if d.id in seen:
                dup_paths.append((d.path, d.id))
            else:
                seen[d.id] = d
        known = self.known_ids(list(seen))
        new = [d for i, d in seen.items() if i not in known]
        dup_paths += [(d.path, d.id) for i, d in seen.items() if i in known]
        doc_rows, sec_rows, sent_rows, rep_rows, warn_rows = [], [], [], [], []
        for d in new:
            m = d.meta
            doc_rows.append({
                "id": d.id, "path": d.path, "format": d.format, "kind": m.kind, "title": m.title,
                "date": m.date, "date_raw": m.date_raw, "url": m.url, "publisher": m.publisher,
                "people": m.people, "meta": _json(m.extra), "raw": d.raw, "text": d.text,
                "warnings": [w.message for w in d.warnings], "n_sentences": len(d.sentences)})
            for i, w in enumerate(d.warnings):
                warn_rows.append({"doc_id": d.id, "idx": i, "kind": w.kind, "stage": w.stage, "message": w.message,
                                  "start_char": w.start, "end_char": w.end})
            for s in d.sections:
                sec_rows.append({"doc_id": d.id, "idx": s.idx, "title": s.title, "start_char": s.start, "end_char": s.end})
            for s in d.sentences:
                sent_rows.append({"doc_id": d.id, "idx": s.idx, "section_idx": s.section, "role": s.role,
                                  "item_of": s.item_of, "start_char": s.start, "end_char": s.end, "text": s.text})
            for i, r in enumerate(d.repairs):
                rep_rows.append({"doc_id": d.id, "idx": i, "kind": r.kind, "start_char": r.start, "end_char": r.end,
                                 "before": r.before, "after": r.after})
        path_rows = [{"path": d.path, "doc_id": d.id} for d in new] + [{"path": p, "doc_id": i} for p, i in dup_paths]
        rej_rows = [{"path": p, "reason": r} for p, r in rejections]
        with self.transaction("batch not stored, nothing of it was written"):
            self._insert("documents", doc_rows, DOC_SCHEMA)
            self._insert("sections", sec_rows)
            self._insert("sentences", sent_rows, SENT_SCHEMA)
            self._insert("repairs", rep_rows)
            self._insert("doc_warnings", warn_rows, WARN_SCHEMA)
            if path_rows:
                tbl = pa.Table.from_pylist(path_rows)  # noqa: F841
                self.con.execute("INSERT OR REPLACE INTO doc_paths SELECT path, doc_id FROM tbl")
            if rej_rows:  # a rerun reads the same bad files again: record each (path, reason) once
                tbl = pa.Table.from_pylist(rej_rows)  # noqa: F841
                self.con.execute("""INSERT INTO rejections (path, reason) SELECT DISTINCT path, reason FROM tbl
                                    WHERE NOT EXISTS (SELECT 1 FROM rejections r WHERE r.path = tbl.path AND r.reason = tbl.reason)""")
        return len(new), len(docs) - len(new)

    # -- reads -------------------------------------------------------------
    def resolve_doc(self, ref: str) -> str:
        """A document named by id, id prefix, or the path it was ingested from."""
        ref = str(ref)
        row = self.con.execute("SELECT id FROM documents WHERE id = ?", [ref]).fetchone()
        if row:
            return row[0]
        row = self.con.execute("SELECT doc_id FROM doc_paths WHERE path = ?", [ref]).fetchone()
        if row:
            return row[0]
        absref = os.path.abspath(ref)
        suffix = ref if ref.endswith((".md", ".txt", ".html", ".htm", ".json", ".jsonl")) else None
        row = self.con.execute("SELECT doc_id FROM doc_paths WHERE path = ? OR path = ? OR ends_with(path, ?) "
                               "ORDER BY length(path) LIMIT 1", [absref, ref, suffix]).fetchone()
        if row:
            return row[0]
        if len(ref) >= 6 and all(c in "0123456789abcdef" for c in ref):
            rows = ids_matching(self.con, "documents", ref)
            if len(rows) == 1:
                return rows[0]
        raise NotFoundError(f"no document {ref!r} in {self.path} (give an id, an id prefix or the path it was ingested from)")

    def query(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    def document(self, ref: str) -> dict[str, Any]:
        """A stored document by id, id prefix or path: its row (without the raw bytes), paths,
        sections, sentences, repairs and warnings (``store.read.document_record``)."""
        from .read import document_record

        return document_record(self.con, self.resolve_doc(ref))

    def raw_bytes(self, ref: str) -> bytes:
        did = self.resolve_doc(ref)
        return self.con.execute("SELECT raw FROM documents WHERE id = ?", [did]).fetchone()[0]

    def count(self, table: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def document_filters(since: str | None = None, until: str | None = None, kind: str | None = None,
                     text: str | None = None, alias: str = "") -> tuple[str, list[Any]]:
    """The WHERE clause (or "") and parameters selecting documents by date range, kind and
    text; `alias` prefixes the columns ("d."). Shared by the CLI and the HTTP API."""
    where, params = [], []
    if since:
        where.append(f"{alias}date >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append(f"{alias}date <= CAST(? AS DATE)")
        params.append(until)
    if kind:
        where.append(f"{alias}kind = ?")
        params.append(kind)
    if text:
        where.append(f"({alias}title ILIKE ? ESCAPE '\\' OR {alias}text ILIKE ? ESCAPE '\\')")
        params += [like_contains(text)] * 2
    return (" WHERE " + " AND ".join(where)) if where else "", params


DOC_SCHEMA = pa.schema([
    ("id", pa.string()), ("path", pa.string()), ("format", pa.string()), ("kind", pa.string()),
    ("title", pa.string()), ("date", pa.string()), ("date_raw", pa.string()), ("url", pa.string()),
    ("publisher", pa.string()), ("people", pa.list_(pa.string())), ("meta", pa.string()), ("raw", pa.binary()),
    ("text", pa.string()), ("warnings", pa.list_(pa.string())), ("n_sentences", pa.int32()),
])
WARN_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("idx", pa.int32()), ("kind", pa.string()), ("stage", pa.string()),
    ("message", pa.string()), ("start_char", pa.int32()), ("end_char", pa.int32()),
])
SENT_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("idx", pa.int32()), ("section_idx", pa.int32()), ("role", pa.string()),
    ("item_of", pa.int32()), ("start_char", pa.int32()), ("end_char", pa.int32()), ("text", pa.string()),
])
