"""Library entry points used by the CLI, the HTTP API and tests (the CLI stays thin)."""
from __future__ import annotations

import os
import time
from typing import Callable, Iterable

from .ingest import Rejected, load_documents
from .models import Document
from .pipeline import RunCounts, prepare, run_stages
from .store import Store


def ingest(store: Store, paths: Iterable[str | os.PathLike], batch_size: int = 200,
           on_progress: Callable[[RunCounts], None] | None = None, max_bytes: int | None = None,
           follow_symlinks: bool = False) -> RunCounts:
    """Read, repair, segment and store documents, committing one batch at a time (at most
    batch_size documents, and cut once its documents reach BATCH_BYTES: a few large
    documents are held at a time, not 200). Returns the run's counts."""
    from .engines.core import BATCH_BYTES

    t0 = time.perf_counter()
    summary = RunCounts()
    batch: list[Document] = []
    rejects: list[tuple[str, str]] = []
    held = 0

    def flush():
        if not batch and not rejects:
            return
        known = store.known_ids([d.id for d in batch])
        dups, new, seen = [], [], set()
        for d in batch:
            if d.id in known or d.id in seen:
                dups.append(d)  # duplicate: stored only as another path
            else:
                seen.add(d.id)
                new.append(d)
        run = run_stages(new, analyse=False)
        rejects.extend(run.counts.rejected)
        summary.add(run.counts)
        stored, dups = store.add_documents(run.docs + dups, rejects)
        summary.stored += stored
        summary.duplicates += dups
        summary.batches += 1
        batch.clear()
        rejects.clear()
        if on_progress:
            on_progress(summary)

    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    for item in load_documents(paths, follow_symlinks=follow_symlinks, **kwargs):
        summary.read += 1
        if isinstance(item, Rejected):
            rejects.append((item.path, item.reason))
            summary.rejected.append((item.path, item.reason))
        else:
            batch.append(item)
            held += len(item.raw)
        if len(batch) >= batch_size or len(rejects) >= batch_size or held >= BATCH_BYTES:
            flush()
            held = 0
        elif on_progress and summary.read % 50 == 0:
            on_progress(summary)
    flush()
    summary.seconds = time.perf_counter() - t0
    return summary


def extract(store: Store, paths: Iterable[str | os.PathLike], jsonl: str | None = None, batch_size: int = 200,
            n_process: int = 1, force: bool = False,
            on_progress: Callable[[int], None] | None = None, engine: str = "local",
            address: str | None = None, shard_dir: str | None = None, follow_symlinks: bool = False) -> RunCounts:
    """Ingest paths, find actors and acts in every document not yet processed by this
    pipeline version, store them and optionally write one JSON line per act.

    One pass over the input: each document is read once and prepared once, batches run
    on ``engine`` ("local": ``n_process`` worker processes; "ray": Ray tasks, on a local
    runtime with ``n_process`` CPUs or the cluster at ``address``), and every batch is
    committed atomically by this process alone (see accord.engines). Returns the run's counts."""
    from .engines import get_engine, run

    eng = get_engine(engine, processes=n_process, address=address,
                     shard_dir=shard_dir or (str(store.path) + ".shards" if engine == "ray" else None))
    return run(store, paths, engine=eng, batch_size=batch_size, force=force, jsonl=jsonl, on_progress=on_progress,
               follow_symlinks=follow_symlinks)


def ingest_upload(db, path: str) -> tuple[RunCounts, list[dict]]:
    """Ingest and extract one uploaded file for the server (``db``: api.db.Database). The
    analysis (the slow part: seconds for a large file) runs outside the write lock, so
    other uploads and every read go on; only the merge of its rows holds the lock.
    Returns the run's counts and the upload's documents (id, title, kind, date, counts)."""
    from .engines.core import Batch, analyse_batch, merge_shard
    from .store.analysis import processed_ids

    items = list(load_documents([path]))
    rejected = [(i.path, i.reason) for i in items if isinstance(i, Rejected)]
    docs: list[Document] = []
    known_paths: list[tuple[str, str]] = []
    seen: set[str] = set()
    for d in items:
        if isinstance(d, Rejected):
            continue
        if d.id in seen:
            known_paths.append((d.path, d.id))
            continue
        seen.add(d.id)
        docs.append(d)
    with db.store_on_cursor() as store:
        done = processed_ids(store, [d.id for d in docs])
    known_paths += [(d.path, d.id) for d in docs if d.id in done]
    todo = [d for d in docs if d.id not in done]
    t0 = time.perf_counter()
    shard = analyse_batch(Batch(todo)) if todo else None
    counts = shard.counts if shard else RunCounts()
    counts.rejected[:0] = rejected
    with db.write_lock, db.store_on_cursor() as store:
        stored = merge_shard(store, shard.tables if shard else {}, known_paths, counts.rejected)
        ids = [d.id for d in docs]
        rows = store.query("SELECT d.id, d.title, d.kind, CAST(d.date AS VARCHAR) AS date, d.n_sentences, p.n_acts "
                           "FROM documents d LEFT JOIN processed p ON p.doc_id = d.id WHERE d.id IN (SELECT unnest(?))", [ids])
    counts.read, counts.stored, counts.skipped = len(items), stored, len(done)
    counts.duplicates = counts.read - stored - len(counts.rejected)
    counts.batches = 1 if shard else 0
    counts.seconds = time.perf_counter() - t0
    return counts, rows


def document_for(ref: str, db: str | None = None) -> Document:
    """A document named by a file path (read and analysed now: actors and acts) or by a
    stored id, id prefix or ingested path (loaded from the store at `db`)."""
    from pathlib import Path

    from .errors import AccordError, NotFoundError
    from .pipeline import analyse

    p = Path(ref)
    if p.exists():
        for d in load_documents([str(p)]):
            if isinstance(d, Rejected):
                raise AccordError(f"{d.path}: {d.reason}")
            return next(analyse([d]))
        raise NotFoundError(f"{ref}: no document read")
    if not db or not Path(db).exists():
        raise NotFoundError(f"{ref}: not a file, and no store to look it up in")
    from .compare.link import load_from_store

    with Store(db, read_only=True) as store:
        return load_from_store(store.con, ref)


def actor_mentions(store: Store, ref: str) -> Document:
    """A stored document re-read from its raw bytes with its actor mentions and parties
    found now (what `accord actors` shows)."""
    from .actors import find_actors
    from .errors import AccordError
    from .ingest import parse_bytes

    did = store.resolve_doc(ref)
    raw = store.raw_bytes(did)
    path = store.document(did)["path"]
    d = next(x for x in parse_bytes(path, raw) if not isinstance(x, AccordError))
    return find_actors(prepare(d))


def gazetteer_lookup(name: str, date: str | None = None, db: str | None = None) -> list[dict]:
    """What `name` resolves to in the gazetteer as of `date` (leaders only while in office);
    with a store at `db`, each code's act count in it (``acts_in_store``)."""
    from pathlib import Path

    from .actors import lookup
    from .queries import act_counts

    rows = lookup(name, date)
    if rows and db and Path(db).exists():
        with Store(db, read_only=True) as store:
            counts = act_counts(store.con, [r["code"] for r in rows])
        for r in rows:
            r["acts_in_store"] = counts.get(r["code"], 0)
    return rows


def link_documents(ref: str, db: str, window_days: int = 7, limit: int = 5):
    """(the news document named by `ref`, the official documents in the store it may report)."""
    from .compare.link import link_candidates

    news = document_for(ref, db)
    with Store(db, read_only=True) as store:
        return news, link_candidates(news, store, window_days=window_days, limit=limit)


def compare_documents(news: str, source: str | None = None, db: str | None = None, store_result: bool = False):
    """Compare a news document with an official one (default: the best linked in the store).
    Returns (comparison, the link candidate chosen or None); `store_result` saves it."""
    from .compare.align import compare
    from .compare.link import link_candidates
    from .compare.store import write_comparison
    from .errors import AccordError, NotFoundError

    n = document_for(news, db)
    linked = None
    if source is None:
        if not db:
            raise AccordError("no source document given and no store to link against")
        with Store(db, read_only=True) as store:
            cands = link_candidates(n, store, limit=1)
        if not cands:
            raise NotFoundError(f"{news}: no official document found to compare with (name the source)")
        linked = cands[0]
        source = linked.doc_id
    cmp = compare(n, document_for(source, db))
    if store_result and db:
        with Store(db) as store:
            write_comparison(store.con, cmp)
    return cmp, linked
