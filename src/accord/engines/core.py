"""What both engines share: the unit of work (a batch of parsed documents in, a shard
of table rows out), how the driver cuts the document stream into batches (skipping
documents this pipeline version already processed), and how a shard is merged into
the store (one transaction per shard, by one writer).

A shard's rows are built by the store's own code (``Store.add_documents`` and
``add_analysis``) run against a private in-memory DuckDB in the worker, so both
engines write exactly the rows ``accord ingest`` + the serial extract path write.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

import pyarrow as pa

from .. import PIPELINE_VERSION
from ..ingest import Rejected, load_documents
from ..models import Document

from ..store.shards import ANALYSIS_TABLES, DOC_TABLES, SHARD_TABLES, merge_shard  # noqa: F401 (the store merges shards)
from ..pipeline import PREPARE_ERRORS, RunCounts  # noqa: E402,F401 (PREPARE_ERRORS kept importable from here)
HASH_SEED = "0"  # PYTHONHASHSEED of worker processes (both engines)
# a worker process is replaced after this many batches (both engines): spaCy's string
# store and vocabulary grow with every new word seen (+70 MB over a worker's first 20
# batches of corpus releases, more on press briefings), while a fresh worker pays a
# model load and starts with cold caches (the attribute cache misses on ~4x as many
# sentences in its first batch as in its tenth)
MAX_BATCHES_PER_WORKER = 15
# the environment both engines give their worker processes: a fixed hash seed (see
# docs/scale.md, "Determinism") and one BLAS thread per worker (the parser's matrix
# products go through NumPy's BLAS, which would otherwise start a thread per core in
# every worker and oversubscribe the cores the workers already fill)
WORKER_ENV = {"PYTHONHASHSEED": HASH_SEED, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass
class Shard:
    """The rows one batch produced, as Arrow tables, and its counts (the stage runner's:
    documents, sentences, acts, warnings, rejections; ``parsed`` with ``with_stats``)."""
    key: str
    tables: dict[str, pa.Table]
    counts: RunCounts = field(default_factory=RunCounts)
    records: list[dict] | None = None  # JSONL act records, when asked for


@dataclass
class Batch:
    docs: list[Document]  # parsed, not yet prepared; each id once in the run
    version: str = PIPELINE_VERSION
    with_records: bool = False
    with_stats: bool = False  # count the sentences that reach the parser (costs one gate() pass)

    @property
    def key(self) -> str:
        return batch_key([d.id for d in self.docs], self.version)


def batch_key(ids: Iterable[str], version: str = PIPELINE_VERSION) -> str:
    """A batch's name: a hash of its document ids (order-free) and the pipeline version,
    so the same batch always maps to the same shard file."""
    h = hashlib.sha256(version.encode())
    for i in sorted(ids):
        h.update(b"\0" + i.encode())
    return h.hexdigest()[:24]


# -- worker side -----------------------------------------------------------------
_ROWS_STORE = None


def warm_up() -> None:
    """Load everything a worker needs once (spaCy model, lexicons, gazetteer, the
    in-memory row store) so the first batch does not pay for it."""
    from ..actors.resolve import warm
    from ..text.nlp import get_nlp
    from ..acts.lexicon import get_lexicon

    get_nlp()
    get_lexicon()
    warm()  # the gazetteer and its compiled name patterns
    _rows_store()


def worker_init(driver_pid: int) -> None:
    """The initializer of a local worker process: warm up, and exit when the driver is
    gone (a driver killed with kill -9 cannot shut its pool down; its workers would
    otherwise wait for work forever, holding their models)."""
    import threading
    import time

    def watch() -> None:  # the driver's pid comes from the driver: it may die before this runs
        while os.getppid() == driver_pid:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="accord-parent-watch", daemon=True).start()
    warm_up()


def _rows_store():
    global _ROWS_STORE
    if _ROWS_STORE is None:
        from ..store import Store

        _ROWS_STORE = Store(":memory:")
        _ROWS_STORE.con.execute("SET threads TO 1")
        _ROWS_STORE.con.execute("SET memory_limit = '128MB'")  # one batch's rows at a time
    return _ROWS_STORE


_ANALYSE_LOCK = threading.Lock()


def analyse_batch(batch: Batch) -> Shard:
    """The whole pipeline over one batch: repair, segment, actors, acts (one spaCy
    nlp.pipe over the batch's gated sentences), then the batch's table rows. Threads of
    one process take turns (the row store and the spaCy pipeline are shared); a server
    analyses an upload this way outside its write lock, then merges the shard."""
    with _ANALYSE_LOCK:
        return _analyse_batch(batch)


def _analyse_batch(batch: Batch) -> Shard:
    from ..models import act_records
    from ..pipeline import run_stages
    from ..store.analysis import add_analysis

    run = run_stages(batch.docs)
    docs, counts = run.docs, run.counts
    store = _rows_store()
    con = store.con
    for t in SHARD_TABLES:
        con.execute(f"DELETE FROM {t}")
    store.add_documents(docs, counts.rejected)
    add_analysis(store, docs)
    tables = {t: con.sql(f"SELECT * FROM {t}").to_arrow_table() for t in SHARD_TABLES}
    shard = Shard(key=batch.key, tables=tables, counts=counts)
    if batch.with_stats:
        counts.parsed = _parsed_count(docs)
    if batch.with_records:
        shard.records = [r for d in docs for r in act_records(d)]
    return shard


def _parsed_count(docs: list[Document]) -> int:
    from ..acts.extract import gate
    from ..acts.lexicon import get_lexicon

    lex = get_lexicon()
    n = 0
    for d in docs:
        by_sent: dict[int, list] = {}
        for m in d.mentions:
            by_sent.setdefault(m.sentence, []).append(m)
        n += sum(1 for s in d.sentences if gate(lex, s, by_sent.get(s.idx, [])))
    return n


# -- driver side -------------------------------------------------------------------
@dataclass
class Plan:
    """What the driver learnt while cutting the stream into batches: its counts (read,
    skipped, rejected, duplicates within the run) and what is due in the store and JSONL."""
    counts: RunCounts = field(default_factory=RunCounts)
    pending_paths: list[tuple[str, str]] = field(default_factory=list)  # (path, doc_id) of skipped/duplicate docs
    pending_rejects: list[tuple[str, str]] = field(default_factory=list)
    pending_records: list[tuple[str, str]] = field(default_factory=list)  # (path, doc_id) of skipped docs whose stored acts are due in the JSONL


# a batch is also cut when its documents' bytes reach this: 200 press briefings (~40 KB
# each) held ~250 MB more in a worker, and in the driver, than 200 releases of ~6 KB
BATCH_BYTES = 1_500_000


def batches(store, paths: Iterable[str | os.PathLike], batch_size: int, force: bool = False,
            version: str = PIPELINE_VERSION, with_records: bool = False, plan: Plan | None = None,
            max_bytes: int | None = None, with_stats: bool = False, batch_bytes: int = BATCH_BYTES,
            follow_symlinks: bool = False) -> Iterator[Batch]:
    """Stream the documents under paths as batches of at most batch_size documents (and
    about batch_bytes bytes: a batch ends with the document that reaches it) that
    still need this pipeline version. Reading is lazy: one batch is held at a time.
    Documents already processed (same content hash and version), repeats within the
    run and unreadable files are recorded in ``plan`` and never sent to a worker."""
    from ..store.analysis import processed_ids

    plan = plan if plan is not None else Plan()
    seen: set[str] = set()
    buf: list[Document] = []
    size = 0

    def cut() -> Iterator[Batch]:
        if not buf:
            return
        done = set() if force else processed_ids(store, [d.id for d in buf], version)
        todo = []
        for d in buf:
            if d.id in done:
                plan.counts.skipped += 1
                plan.pending_paths.append((d.path, d.id))
                if with_records:
                    plan.pending_records.append((d.path, d.id))
            else:
                todo.append(d)
        buf.clear()
        if todo:
            yield Batch(todo, version, with_records, with_stats)

    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    for item in load_documents(paths, follow_symlinks=follow_symlinks, **kwargs):
        plan.counts.read += 1
        if isinstance(item, Rejected):
            plan.counts.rejected.append((item.path, item.reason))
            plan.pending_rejects.append((item.path, item.reason))
            continue
        if item.id in seen:
            plan.counts.duplicates += 1
            plan.pending_paths.append((item.path, item.id))
            continue
        seen.add(item.id)
        buf.append(item)
        size += len(item.raw)
        if len(buf) >= batch_size or size >= batch_bytes:
            size = 0
            yield from cut()
    yield from cut()


def write_records(out, records: list[dict] | None) -> None:
    if out is None or not records:
        return
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


ProgressFn = Callable[[int], None]
