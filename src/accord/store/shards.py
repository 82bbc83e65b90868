"""Merging a shard (the table rows one batch produced, as Arrow tables, built in a
worker by the store's own code against an in-memory DuckDB) into the store, in one
transaction, by the one writing process (see accord.engines)."""
from __future__ import annotations

import pyarrow as pa

# tables a shard carries, in the order they are merged
DOC_TABLES = ("documents", "sections", "sentences", "repairs", "doc_warnings")
ANALYSIS_TABLES = ("mentions", "acts", "processed")
SHARD_TABLES = DOC_TABLES + ("doc_paths", "rejections") + ANALYSIS_TABLES


def merge_shard(store, tables: dict[str, pa.Table], paths: list[tuple[str, str]] = (),
                rejects: list[tuple[str, str]] = ()) -> int:
    """Write one shard into the store in one transaction (all of it or nothing), with
    the semantics of Store.add_documents + add_analysis: documents already stored are
    kept (only their path is recorded), analysis rows of the shard's documents replace
    earlier ones, each (path, reason) rejection is recorded once. Returns stored docs."""
    con = store.con
    extra_paths = pa.Table.from_pylist([{"path": p, "doc_id": i} for p, i in paths],
                                       schema=pa.schema([("path", pa.string()), ("doc_id", pa.string())]))
    extra_rej = pa.Table.from_pylist([{"path": p, "reason": r} for p, r in rejects],
                                     schema=pa.schema([("path", pa.string()), ("reason", pa.string())]))
    with store.transaction("shard not stored, nothing of it was written"):
        docs = tables.get("documents")
        new_ids: list[str] = []
        if docs is not None and docs.num_rows:
            con.register("_s_documents", docs)
            new_ids = [r[0] for r in con.execute(
                "SELECT id FROM _s_documents WHERE id NOT IN (SELECT id FROM documents)").fetchall()]
            if new_ids:
                for t in DOC_TABLES:
                    tbl = tables.get(t)
                    if tbl is None or not tbl.num_rows:
                        continue
                    key = "id" if t == "documents" else "doc_id"
                    con.register(f"_s_{t}", tbl)
                    cols = ", ".join(tbl.column_names)
                    con.execute(f"INSERT INTO {t} ({cols}) SELECT {cols} FROM _s_{t} "
                                f"WHERE {key} IN (SELECT unnest(?))", [new_ids])
                    con.unregister(f"_s_{t}")
            con.unregister("_s_documents")
        for name, tbl in (("_s_paths", tables.get("doc_paths")), ("_s_extra_paths", extra_paths)):
            if tbl is not None and tbl.num_rows:
                con.register(name, tbl)
                con.execute(f"INSERT OR REPLACE INTO doc_paths SELECT DISTINCT path, doc_id FROM {name}")
                con.unregister(name)
        for name, tbl in (("_s_rej", tables.get("rejections")), ("_s_extra_rej", extra_rej)):
            if tbl is not None and tbl.num_rows:
                con.register(name, tbl)
                con.execute(f"""INSERT INTO rejections (path, reason) SELECT DISTINCT path, reason FROM {name} t
                                WHERE NOT EXISTS (SELECT 1 FROM rejections r WHERE r.path = t.path AND r.reason = t.reason)""")
                con.unregister(name)
        proc = tables.get("processed")
        if proc is not None and proc.num_rows:
            ids = proc.column("doc_id").to_pylist()
            for t in ANALYSIS_TABLES:
                con.execute(f"DELETE FROM {t} WHERE doc_id IN (SELECT unnest(?))", [ids])
            for t in ANALYSIS_TABLES:
                tbl = tables.get(t)
                if tbl is None or not tbl.num_rows:
                    continue
                con.register(f"_s_{t}", tbl)
                cols = ", ".join(tbl.column_names)
                con.execute(f"INSERT INTO {t} ({cols}) SELECT {cols} FROM _s_{t}")
                con.unregister(f"_s_{t}")
    return len(new_ids)
