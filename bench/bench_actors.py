"""Time of actor resolution relative to segmentation alone, over an archive, in one run.

Segmentation alone = decode + front matter + text repair + sentence segmentation of each
document (what `accord ingest` does before storing). Resolution = accord.actors.find_actors
(recognition, date-aware resolution, parties, party references) on the same documents.
The archive is read (and decompressed) in chunks of files before either is timed, so that
neither figure includes gzip; the regexes are compiled once before timing (printed apart).

The documents go through the two stages as the pipeline runs them
(accord.engines.core.analyse_batch): a batch of --batch documents is segmented, then the
same batch is resolved. --batch 1 alternates the stages document by document (each
resolution then starts with the CPU caches full of segmentation's code and data).

--workers (the figure docs/actors.md reports) measures it as the pipeline's workers pay
it: every MAX_BATCHES_PER_WORKER batches a fresh process is spawned (as the local engine
replaces its workers), which loads the gazetteer and compiles its patterns again and
starts with cold caches; that load is counted in the resolution time. The base is text
repair + segmentation only: decoding and front-matter parsing are timed apart, and
printed, but in neither figure.

usage: python bench/bench_actors.py [ARCHIVE.tar.gz] [--limit N] [--chunk N] [--batch N] [--workers]
"""
from __future__ import annotations

import argparse
import tarfile
import time
from pathlib import Path

from accord.actors import find_actors
from accord.actors.resolve import warm
from accord.engines import BATCH_SIZE
from accord.errors import InputError
from accord.ingest import parse_bytes
from accord.pipeline import prepare

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _chunks(archive: str, size: int):
    with tarfile.open(archive) as tf:
        chunk = []
        for m in tf:
            if not m.isfile():
                continue
            chunk.append((m.name, tf.extractfile(m).read()))
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def _worker_life(batches: list[list[tuple[str, bytes]]]) -> dict:
    """One worker's life, in a fresh process: the gazetteer load, then its batches, each
    parsed, then prepared (repair + segmentation), then resolved, stage by stage."""
    t = time.perf_counter()
    warm()
    out = {"load": time.perf_counter() - t, "parse": 0.0, "seg": 0.0, "res": 0.0, "docs": 0, "sents": 0, "mentions": 0}
    for batch in batches:
        t = time.perf_counter()
        parsed = []
        for name, raw in batch:
            try:
                parsed += [d for d in parse_bytes(name, raw) if not isinstance(d, InputError)]
            except InputError:
                pass
        t1 = time.perf_counter()
        docs = [prepare(d) for d in parsed]
        t2 = time.perf_counter()
        for d in docs:
            find_actors(d)
        t3 = time.perf_counter()
        out["parse"] += t1 - t
        out["seg"] += t2 - t1
        out["res"] += t3 - t2
        out["docs"] += len(docs)
        out["sents"] += sum(len(d.sentences) for d in docs)
        out["mentions"] += sum(len(d.mentions) for d in docs)
    return out


def as_workers(args) -> None:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from accord.engines.core import MAX_BATCHES_PER_WORKER, WORKER_ENV
    import os

    os.environ.update(WORKER_ENV)  # inherited by the spawned workers, as the engines set it
    tot = {"load": 0.0, "parse": 0.0, "seg": 0.0, "res": 0.0, "docs": 0, "sents": 0, "mentions": 0}
    lives = 0
    files = []
    for chunk in _chunks(args.archive, args.chunk):
        files += chunk
        if args.limit and len(files) >= args.limit:
            files = files[:args.limit]
            break
    batches = [files[i:i + args.batch] for i in range(0, len(files), args.batch)]
    ctx = mp.get_context("spawn")
    for i in range(0, len(batches), MAX_BATCHES_PER_WORKER):
        with ProcessPoolExecutor(1, mp_context=ctx) as pool:  # a fresh worker, as the engine's replacement
            r = pool.submit(_worker_life, batches[i:i + MAX_BATCHES_PER_WORKER]).result()
        lives += 1
        for k in tot:
            tot[k] += r[k]
    res = tot["res"] + tot["load"]
    print(f"documents {tot['docs']}  sentences {tot['sents']}  mentions {tot['mentions']}  "
          f"batches {len(batches)} of {args.batch}  worker lives {lives} (a fresh worker every {MAX_BATCHES_PER_WORKER} batches)")
    print(f"decode + front matter {tot['parse']:.1f}s (in neither figure)")
    print(f"repair + segmentation {tot['seg']:.1f}s  actor resolution {tot['res']:.1f}s + gazetteer loads "
          f"{tot['load']:.1f}s = {res:.1f}s  added {100 * res / tot['seg']:.1f}%")
    print(f"(with decode + front matter in the base, as the one-process figure: {100 * res / (tot['seg'] + tot['parse']):.1f}%)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("archive", nargs="?", default=str(SHARED / "corpus" / "beehive-releases.tar.gz"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--chunk", type=int, default=512, help="files read from the archive before timing them")
    ap.add_argument("--batch", type=int, default=BATCH_SIZE,
                    help=f"documents segmented, then resolved, together (the pipeline's batch: {BATCH_SIZE})")
    ap.add_argument("--workers", action="store_true",
                    help="as the pipeline's workers run it: a fresh process every MAX_BATCHES_PER_WORKER batches")
    args = ap.parse_args()
    if args.workers:
        return as_workers(args)
    t0 = time.perf_counter()
    warm()
    load = time.perf_counter() - t0
    seg = res = 0.0
    n = sents = mentions = 0
    for chunk in _chunks(args.archive, args.chunk):
        for i in range(0, len(chunk), args.batch):
            t = time.perf_counter()
            docs = []
            for name, raw in chunk[i:i + args.batch]:
                try:
                    docs += [prepare(d) for d in parse_bytes(name, raw) if not isinstance(d, InputError)]
                except InputError:
                    pass
            t2 = time.perf_counter()
            for d in docs:
                find_actors(d)
            t3 = time.perf_counter()
            seg += t2 - t
            res += t3 - t2
            for d in docs:
                sents += len(d.sentences)
                mentions += len(d.mentions)
            n += len(docs)
            if args.limit and n >= args.limit:
                break
        if args.limit and n >= args.limit:
            break
    print(f"documents {n}  sentences {sents}  mentions {mentions}")
    print(f"gazetteer load and pattern compilation {load:.2f}s (once per process)")
    print(f"batch {args.batch}: segmentation alone {seg:.1f}s  actor resolution {res:.1f}s  added {100 * res / seg:.1f}%")


if __name__ == "__main__":
    main()
