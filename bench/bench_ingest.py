"""Benchmark ingest: read an archive (or folder) into a fresh temporary store.

    .venv/bin/python bench/bench_ingest.py ../shared/corpus/beehive-releases.tar.gz [--batch 200]

Prints documents read/stored/duplicates/rejected, wall time, docs/s and peak RSS of
this process (resource.getrusage: the whole run, including DuckDB's memory).
Not a test: figures depend on the machine.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

from accord.service import ingest
from accord.store import Store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", help="archive(s), folder(s) or files to ingest")
    ap.add_argument("--batch", type=int, default=200, help="documents per transaction (default 200)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="accord-bench-") as tmp:
        db = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        with Store(db) as store:
            s = ingest(store, args.paths, batch_size=args.batch)
            n_docs = store.count("documents")
            n_sents = store.count("sentences")
        dt = time.perf_counter() - t0
        db_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"input        {' '.join(args.paths)}")
    print(f"machine      {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"read         {s.read}")
    print(f"stored       {s.stored}  (documents table: {n_docs}, sentences: {n_sents})")
    print(f"duplicates   {s.duplicates}")
    print(f"rejected     {len(s.rejected)}")
    print(f"consistent   {s.consistent}  (read = stored + duplicates + rejected)")
    print(f"time         {dt:.1f} s")
    print(f"docs/s       {s.read / dt:.0f}")
    print(f"peak RSS     {peak_kb / 1024:.0f} MiB")
    print(f"store size   {db_mb:.0f} MB")
    return 0 if s.consistent else 1


if __name__ == "__main__":
    sys.exit(main())
