"""Build the commitments ledger over a store and report its size, statuses and cost.

    .venv/bin/python bench/bench_commitments.py --db STORE [--as-of 2026-11-01] [--rebuild]

STORE must already hold extracted acts (`accord extract ...`); it is modified (the ledger
tables are written), so run it on a copy of a store another process is writing. Prints:
commitments, how many carry deadlines (and unnormalised ones), the count per status as of
the date, and the wall time and peak memory (RSS, sampled every 50 ms) of the ledger pass
and of the follow-up pass separately.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from accord.commitments import build_ledger, follow_up, status_counts  # noqa: E402
from accord.store import Store  # noqa: E402


class Peak:
    def __init__(self):
        self.proc = psutil.Process(os.getpid())
        self.peak = self.proc.memory_info().rss
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.proc.memory_info().rss)
            time.sleep(0.05)

    def __enter__(self):
        self.start = self.proc.memory_info().rss
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, self.proc.memory_info().rss)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--as-of", default="2026-11-01")
    ap.add_argument("--rebuild", action="store_true", help="re-read every document (default: incremental)")
    args = ap.parse_args()
    with Store(args.db) as store:
        docs = store.count("documents")
        processed = store.count("processed")
        acts = store.count("acts")
        t0 = time.perf_counter()
        with Peak() as m1:
            s = build_ledger(store, rebuild=args.rebuild)
        t1 = time.perf_counter()
        with Peak() as m2:
            follow_up(store, summary=s)
        t2 = time.perf_counter()
        counts = status_counts(store, args.as_of)
        archives = store.query("SELECT CASE WHEN d.path LIKE '%beehive%' THEN 'beehive' WHEN d.path LIKE '%wh-briefings%' "
                               "THEN 'wh-briefings' ELSE 'other' END AS archive, count(*) AS n FROM commitments c "
                               "JOIN documents d ON d.id = c.doc_id GROUP BY 1 ORDER BY 2 DESC")
    mb = 1024 * 1024
    print(f"store {args.db}: {docs} documents, {processed} analysed, {acts} acts")
    print(f"commitments {s.commitments} (from {s.acts_read} commitment acts read this run; {s.merged} restatements merged; "
          f"not commitments: {dict(s.skipped)})")
    print("  by archive: " + ", ".join(f"{r['archive']} {r['n']}" for r in archives))
    print(f"with a deadline (normalised) {s.with_deadline}; deadline text not normalised {s.deadline_unnormalised}")
    for w in s.warnings:
        print(f"warning: {w}")
    print(f"status as of {args.as_of}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"follow-up events: {dict(s.events)}; candidates scored {s.candidates}; sentences indexed {s.sentences_indexed}; "
          f"commitments with no blocking term {s.no_block_terms}")
    print(f"ledger pass:    {t1 - t0:8.1f} s wall, peak RSS {m1.peak / mb:7.0f} MB (start {m1.start / mb:.0f} MB)")
    print(f"follow-up pass: {t2 - t1:8.1f} s wall, peak RSS {m2.peak / mb:7.0f} MB (start {m2.start / mb:.0f} MB)")


if __name__ == "__main__":
    main()
