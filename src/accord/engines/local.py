"""The local engine: worker processes over this machine's cores.

Each worker loads the spaCy model, lexicons and gazetteer once (the pool's
initializer) and runs the whole pipeline over one batch of documents at a time
(spaCy's nlp.pipe over the batch's gated sentences). The driver reads the input
lazily and keeps at most ``processes + 1`` batches in flight, so memory stays bounded
whatever the archive's size; shards come back as they finish and the driver is the
only process that writes the DuckDB file. With ``processes=1`` everything runs in the
driver process (no pickling, no second copy of the model).
"""
from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from ..errors import AccordError
from .core import MAX_BATCHES_PER_WORKER, WORKER_ENV, Batch, Shard, analyse_batch, warm_up, worker_init



def default_processes() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover (not Linux)
        return max(1, os.cpu_count() or 1)


class LocalEngine:
    name = "local"

    def __init__(self, processes: int | None = None, max_inflight: int | None = None):
        self.processes = processes if processes and processes > 0 else default_processes()
        self.max_inflight = max_inflight or self.processes + 1

    def map(self, batches: Iterable[Batch]) -> Iterator[Shard]:
        if self.processes == 1:
            warm_up()
            for b in batches:
                yield analyse_batch(b)
            return
        # spawn, not fork: the driver holds an open DuckDB connection and its threads.
        # Spawned workers inherit os.environ: set WORKER_ENV for the time of the pool.
        ctx = mp.get_context("spawn")
        old_env = {k: os.environ.get(k) for k in WORKER_ENV}
        os.environ.update(WORKER_ENV)
        with ProcessPoolExecutor(max_workers=self.processes, mp_context=ctx, initializer=worker_init, initargs=(os.getpid(),),
                                 max_tasks_per_child=MAX_BATCHES_PER_WORKER) as pool:
            pending: set = set()
            try:
                # shards are yielded as they finish (not in input order), so one slow
                # batch never leaves the other workers idle
                for b in batches:
                    pending.add(pool.submit(analyse_batch, b))
                    while len(pending) >= self.max_inflight:
                        done, pending = wait(pending, return_when=FIRST_COMPLETED)
                        for f in done:
                            yield f.result()
                while pending:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for f in done:
                        yield f.result()
            except BrokenProcessPool as exc:
                raise AccordError("a worker process died (out of memory or killed); batches already "
                                  "committed are kept, rerun the same command to resume") from exc
            finally:
                for f in pending:
                    f.cancel()
                for k, v in old_env.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
