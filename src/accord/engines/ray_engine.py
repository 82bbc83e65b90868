"""The Ray engine: the same batches as the local engine, run as Ray tasks on a local
Ray runtime or a cluster (``address="auto"`` or ``"ray://HOST:PORT"``).

A task runs the whole pipeline over one batch and writes the batch's rows as a shard:
a folder ``<shard_dir>/<key>/`` holding one Parquet file per table and ``meta.json``,
where ``key`` hashes the batch's document ids and the pipeline version. The shard is
written into a temporary folder and renamed into place, so a shard is either absent or
complete; a retried or repeated task finds it and does nothing. The driver loads each
finished shard into DuckDB (one transaction per shard), so no two processes ever write
the store. On a cluster, ``shard_dir`` must be a folder every node and the driver can
reach (NFS or similar).

Ray is optional: ``pip install 'accord[ray]'``.
"""
from __future__ import annotations

import json
import os
import shutil
import uuid
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import AccordError
from .core import MAX_BATCHES_PER_WORKER, SHARD_TABLES, WORKER_ENV, Batch, RunCounts, Shard, analyse_batch

META = "meta.json"


def import_ray():
    try:
        import ray
    except ImportError as exc:
        raise AccordError("the ray engine needs Ray, which is not installed: pip install 'accord[ray]' "
                          "(or use --engine local)") from exc
    return ray


def write_shard(shard: Shard, shard_dir: str | os.PathLike) -> Path:
    """Write a shard atomically (temp folder, then rename). Idempotent: if the shard is
    already there (an earlier attempt or run wrote it), the new copy is discarded."""
    import pyarrow.parquet as pq

    root = Path(shard_dir)
    root.mkdir(parents=True, exist_ok=True)
    final = root / shard.key
    if (final / META).is_file():
        return final
    tmp = root / f".tmp-{shard.key}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        for name, tbl in shard.tables.items():
            pq.write_table(tbl, tmp / f"{name}.parquet")
        meta = {"key": shard.key, "counts": shard.counts.to_dict(), "records": shard.records}
        (tmp / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")  # written last
        try:
            os.rename(tmp, final)
        except OSError:  # another attempt renamed its copy first
            if not (final / META).is_file():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return final


def read_shard(path: str | os.PathLike) -> Shard:
    import pyarrow.parquet as pq

    p = Path(path)
    meta = json.loads((p / META).read_text(encoding="utf-8"))
    tables = {name: pq.read_table(p / f"{name}.parquet") for name in SHARD_TABLES if (p / f"{name}.parquet").is_file()}
    if "counts" in meta:
        counts = RunCounts.from_dict(meta["counts"])
    else:  # a shard written before the counts had one type (its warnings were counted by message text)
        counts = RunCounts(documents=meta["n_docs"], sentences=meta["n_sentences"], parsed=meta.get("n_parsed", 0),
                           per_act=Counter(meta["per_act"]), rejected=[tuple(r) for r in meta["rejected"]])
    return Shard(key=meta["key"], tables=tables, counts=counts, records=meta.get("records"))


def run_batch(batch: Batch, shard_dir: str) -> str:
    """The body of one Ray task: skip if the shard exists, else analyse and write it."""
    final = Path(shard_dir) / batch.key
    if (final / META).is_file():
        return str(final)
    return str(write_shard(analyse_batch(batch), shard_dir))


class RayEngine:
    name = "ray"

    def __init__(self, address: str | None = None, workers: int | None = None, shard_dir: str | os.PathLike = "accord-shards",
                 keep_shards: bool = False, max_retries: int = 3, max_inflight: int | None = None,
                 object_store_mb: int = 256):
        self.ray = import_ray()
        self.address = address
        self.workers = workers
        self.shard_dir = str(Path(shard_dir).resolve())
        self.keep_shards = keep_shards
        self.max_retries = max_retries
        self.max_inflight = max_inflight
        self.object_store_mb = object_store_mb
        self._started = False

    def _init(self) -> None:
        ray = self.ray
        if ray.is_initialized():
            return
        kwargs = dict(include_dashboard=False, log_to_driver=False, configure_logging=False)
        if self.address:
            try:
                ray.init(address=self.address, **kwargs)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise AccordError(f"cannot connect to the Ray cluster at {self.address}: {exc}") from exc
        else:  # a private local runtime with as many CPUs as workers
            ray.init(num_cpus=self.workers or None, object_store_memory=self.object_store_mb * 1024 * 1024, **kwargs)
        self._started = True

    def close(self) -> None:
        if self._started and self.ray.is_initialized():
            self.ray.shutdown()
        self._started = False

    def map(self, batches: Iterable[Batch]) -> Iterator[Shard]:
        ray = self.ray
        self._init()
        cpus = int(ray.cluster_resources().get("CPU", 1))
        limit = self.max_inflight or 2 * max(1, self.workers or cpus)
        # max_calls: a Ray worker process is replaced after as many batches as a local one
        # (spaCy's vocabulary grows with every new word; see engines/core.py)
        task = ray.remote(num_cpus=1, max_retries=self.max_retries, retry_exceptions=False,
                          max_calls=MAX_BATCHES_PER_WORKER,
                          runtime_env={"env_vars": dict(WORKER_ENV)})(run_batch)
        inflight: list = []

        def finish(refs) -> Iterator[Shard]:
            for path in ray.get(refs):
                shard = read_shard(path)
                yield shard
                if not self.keep_shards:  # merged by the caller before the generator resumes
                    shutil.rmtree(path, ignore_errors=True)

        try:
            for b in batches:
                inflight.append(task.remote(b, self.shard_dir))
                while len(inflight) >= limit:
                    done, inflight = ray.wait(inflight, num_returns=1)
                    yield from finish(done)
            while inflight:
                done, inflight = ray.wait(inflight, num_returns=1)
                yield from finish(done)
        except ray.exceptions.RayError as exc:
            raise AccordError(f"a Ray task failed after {self.max_retries} retries: {exc}; shards already merged "
                              "are kept, rerun the same command to resume") from exc
        finally:
            for ref in inflight:
                ray.cancel(ref)
