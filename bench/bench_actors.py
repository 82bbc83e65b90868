"""Time of actor resolution relative to segmentation alone, over an archive, in one run.

Segmentation alone = decode + front matter + text repair + sentence segmentation of each
document (what `accord ingest` does before storing). Resolution = accord.actors.find_actors
(recognition, date-aware resolution, parties, party references) on the same documents.

usage: python bench/bench_actors.py [ARCHIVE.tar.gz] [--limit N]
"""
from __future__ import annotations

import argparse
import tarfile
import time
from pathlib import Path

from accord.actors import find_actors, get_gazetteer
from accord.errors import InputError
from accord.ingest import parse_bytes
from accord.pipeline import prepare

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("archive", nargs="?", default=str(SHARED / "corpus" / "beehive-releases.tar.gz"))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    t0 = time.perf_counter()
    get_gazetteer()
    load = time.perf_counter() - t0
    seg = res = 0.0
    n = sents = mentions = 0
    with tarfile.open(args.archive) as tf:
        for m in tf:
            if not m.isfile():
                continue
            raw = tf.extractfile(m).read()
            t = time.perf_counter()
            try:
                docs = [prepare(d) for d in parse_bytes(m.name, raw) if not isinstance(d, InputError)]
            except InputError:
                docs = []
            t2 = time.perf_counter()
            for d in docs:
                find_actors(d)
                sents += len(d.sentences)
                mentions += len(d.mentions)
            t3 = time.perf_counter()
            seg += t2 - t
            res += t3 - t2
            n += len(docs)
            if args.limit and n >= args.limit:
                break
    print(f"documents {n}  sentences {sents}  mentions {mentions}")
    print(f"gazetteer load {load:.2f}s (once)")
    print(f"segmentation alone {seg:.1f}s  actor resolution {res:.1f}s  added {100 * res / seg:.0f}%")


if __name__ == "__main__":
    main()
