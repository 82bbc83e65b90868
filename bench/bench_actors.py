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

usage: python bench/bench_actors.py [ARCHIVE.tar.gz] [--limit N] [--chunk N] [--batch N]
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("archive", nargs="?", default=str(SHARED / "corpus" / "beehive-releases.tar.gz"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--chunk", type=int, default=512, help="files read from the archive before timing them")
    ap.add_argument("--batch", type=int, default=BATCH_SIZE,
                    help=f"documents segmented, then resolved, together (the pipeline's batch: {BATCH_SIZE})")
    args = ap.parse_args()
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
