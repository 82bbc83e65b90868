"""Engines: the whole pipeline (ingest -> repair -> actors -> acts -> store) over a
stream of documents, behind one interface with two implementations.

An engine has one method, ``map(batches) -> shards``: it runs
``core.analyse_batch`` over every batch somewhere (``local``: worker processes on this
machine; ``ray``: Ray tasks on a local runtime or a cluster) and yields each batch's
rows. ``run`` drives it: it reads the input lazily, skips documents this pipeline
version already processed, and merges each shard into the DuckDB store in one
transaction, in the driver only. A run killed at any point resumes where it stopped
when rerun, and ends with the store an uninterrupted run would have written.
"""
from __future__ import annotations

import os
import time
from typing import Callable, Iterable, Iterator, Protocol

from .. import PIPELINE_VERSION
from ..errors import AccordError
from ..pipeline import RunCounts
from .core import Batch, Plan, Shard, batches, merge_shard, write_records

ENGINES = ("local", "ray")
BATCH_SIZE = 64  # documents per batch (also cut at core.BATCH_BYTES)


class Engine(Protocol):
    name: str

    def map(self, batches: Iterable[Batch]) -> Iterator[Shard]: ...


def get_engine(name: str = "local", processes: int | None = None, address: str | None = None,
               shard_dir: str | os.PathLike | None = None, **kwargs) -> Engine:
    if name == "local":
        from .local import LocalEngine

        return LocalEngine(processes=processes, **kwargs)
    if name == "ray":
        from .ray_engine import RayEngine

        return RayEngine(address=address, workers=processes, shard_dir=shard_dir or "accord-shards", **kwargs)
    raise AccordError(f"unknown engine {name!r} (choose one of: {', '.join(ENGINES)})")


def run(store, paths: Iterable[str | os.PathLike], engine: Engine | None = None, batch_size: int = BATCH_SIZE,
        force: bool = False, jsonl: str | None = None, on_progress: Callable[[int], None] | None = None,
        version: str = PIPELINE_VERSION, with_stats: bool = False, max_bytes: int | None = None,
        follow_symlinks: bool = False) -> RunCounts:
    """Run the whole pipeline over paths with engine, writing into store. Returns the
    run's counts: the driver's (read, skipped, rejected) plus every shard's."""
    engine = engine or get_engine("local", processes=1)
    t0 = time.perf_counter()
    # the writer only appends: a small buffer pool bounds the driver's memory (DuckDB's
    # default is 80% of RAM, which it fills with cached pages of a growing file)
    limit = os.environ.get("ACCORD_WRITER_MEMORY", "192MB")
    old_limit, old_threads = store.con.execute(
        "SELECT current_setting('memory_limit'), current_setting('threads')").fetchone()
    store.con.execute(f"SET memory_limit = '{limit}'")
    store.con.execute("SET threads = 1")  # one shard at a time: no use for per-thread buffers
    plan = Plan()
    stats = plan.counts
    out = open(jsonl, "w", encoding="utf-8") if jsonl else None
    try:
        stream = batches(store, paths, batch_size, force=force, version=version, with_records=bool(jsonl),
                         plan=plan, max_bytes=max_bytes, with_stats=with_stats,
                         follow_symlinks=follow_symlinks)
        for shard in engine.map(stream):
            # skipped documents are stored already: record their paths with this shard
            paths_now, plan.pending_paths = plan.pending_paths, []
            rejects_now, plan.pending_rejects = plan.pending_rejects, []
            stats.stored += merge_shard(store, shard.tables, paths_now, rejects_now)
            stats.batches += 1
            stats.add(shard.counts)
            write_records(out, shard.records)
            _write_stored_records(store, out, plan)
            if on_progress:
                on_progress(stats.documents + stats.skipped)
        if plan.pending_paths or plan.pending_rejects:  # duplicates, skips and rejections after the last shard
            merge_shard(store, {}, plan.pending_paths, plan.pending_rejects)
            plan.pending_paths, plan.pending_rejects = [], []
        _write_stored_records(store, out, plan)
        if on_progress:
            on_progress(stats.documents + stats.skipped)
    finally:
        store.con.execute(f"SET memory_limit = '{old_limit}'")
        store.con.execute(f"SET threads = {int(old_threads)}")
        if out:
            out.close()
        close = getattr(engine, "close", None)
        if close:
            close()
    stats.duplicates = stats.read - stats.stored - len(stats.rejected)  # repeats in the run, and documents stored before
    stats.seconds = time.perf_counter() - t0
    return stats


def _write_stored_records(store, out, plan: Plan) -> None:
    """The JSONL lines of documents this version already processed: their stored acts
    (a rerun's JSONL names the acts of every document it was given)."""
    if out is None or not plan.pending_records:
        return
    from ..store.read import stored_act_records

    todo, plan.pending_records = plan.pending_records, []
    write_records(out, stored_act_records(store, todo))


__all__ = ["ENGINES", "Engine", "RunCounts", "get_engine", "run"]
