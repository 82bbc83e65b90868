"""Issue 4 bench: accord's full pipeline against a bare spaCy parse of the same text.

    .venv/bin/python bench/bench_extract.py                 # 2,000 random beehive releases (seed 0)
    .venv/bin/python bench/bench_extract.py --n 5000 --processes 2

Takes a fixed random sample of beehive releases (from the tarball, or from
--files-from), runs accord's whole pipeline over it (ingest, repair, segment, actors,
acts, store; the local engine with --processes workers) into a fresh DuckDB file,
then parses ALL the sentences accord segmented with the same spaCy model (nlp.pipe, one
process, no sampling) and prints both times, their ratio, sentences/s, documents/s and
the peak RSS of each phase (process + children, sampled every 0.25 s).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
ARCHIVE = REPO.parent / "shared" / "corpus" / "beehive-releases.tar.gz"


class PeakRSS:
    def __init__(self):
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me] + me.children(recursive=True):
                try:
                    total += p.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.25)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()


def sample_archive(n: int, seed: int, dest: Path) -> list[str]:
    with tarfile.open(ARCHIVE, "r:gz") as tf:
        members = [m for m in tf.getmembers() if m.isfile() and m.name.endswith(".md") and "/releases/" in m.name]
        chosen = random.Random(seed).sample(members, min(n, len(members)))
        chosen.sort(key=lambda m: m.offset)  # archive order: one pass over the gzip stream
        tf.extractall(dest, members=chosen, filter="data")
    return [str(dest / m.name) for m in chosen]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--files-from", help="a file listing the sample's paths (instead of sampling the tarball)")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--batch", type=int, default=200)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="accord-bench-extract-"))
    if args.files_from:
        paths = Path(args.files_from).read_text().split()
    else:
        if not ARCHIVE.is_file():
            sys.exit(f"{ARCHIVE} not found")
        paths = sample_archive(args.n, args.seed, tmp / "docs")
    print(f"{len(paths)} beehive releases; {os.cpu_count()} CPUs; load {os.getloadavg()}", flush=True)

    from accord.acts.extract import get_nlp
    from accord.engines import get_engine, run
    from accord.store import Store

    db = tmp / "bench.duckdb"
    load0 = os.getloadavg()
    with PeakRSS() as mem_a:
        t0 = time.perf_counter()
        with Store(db) as st:
            stats = run(st, paths, engine=get_engine("local", processes=args.processes), batch_size=args.batch)
            texts = [r[0] for r in st.con.execute("SELECT text FROM sentences ORDER BY doc_id, idx").fetchall()]
        t_accord = time.perf_counter() - t0
    load1 = os.getloadavg()
    nlp = get_nlp()
    list(nlp.pipe(texts[:50]))  # model loaded and warm before timing
    with PeakRSS() as mem_b:
        t0 = time.perf_counter()
        n_tok = 0
        for d in nlp.pipe(texts, batch_size=256):
            n_tok += len(d)
        t_bare = time.perf_counter() - t0
    load2 = os.getloadavg()
    n_docs, n_sent = stats.documents, len(texts)
    print(f"documents {n_docs}, sentences {n_sent}, tokens {n_tok}, acts {stats.acts}")
    print(f"bare spaCy parse of all {n_sent} sentences (1 process): {t_bare:.1f}s "
          f"({n_sent / t_bare:.0f} sentences/s), peak RSS {mem_b.peak / 2**20:.0f} MB")
    print(f"accord full pipeline ({args.processes} process{'es' if args.processes > 1 else ''}): {t_accord:.1f}s, "
          f"{n_docs / t_accord:.1f} docs/s, {n_sent / t_accord:.0f} sentences/s, peak RSS {mem_a.peak / 2**20:.0f} MB")
    print(f"ratio accord / bare parse: {t_accord / t_bare:.2f}")
    print(f"load average (1 min) before/after accord/after bare: {load0[0]:.1f} / {load1[0]:.1f} / {load2[0]:.1f}")


if __name__ == "__main__":
    main()
