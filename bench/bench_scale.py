"""Issue 9 bench: the whole pipeline over whole archives, per engine configuration.

    .venv/bin/python bench/bench_scale.py                       # both tarballs, local:1 local:2 ray:2
    .venv/bin/python bench/bench_scale.py --configs local:2 --bare-sample 4000
    .venv/bin/python bench/bench_scale.py --files-from LIST      # a list of files instead of the tarballs

Each configuration runs in a fresh subprocess writing a fresh DuckDB file; the parent
samples the RSS of that process and all its descendants (spaCy workers, Ray's raylet,
GCS and workers) every 0.25 s and reports the peak of their sum. Reported per config:
wall time, documents/s, sentences/s (sentences segmented, i.e. every sentence of every
document), peak RSS, acts, and the ratio of accord's wall time to a bare spaCy parse of
the same sentences. The bare parse (the same model, nlp.pipe, one process) runs on a
fixed random sample of the stored sentences and is extrapolated to all of them by the
mean time per sentence; for N-process configs it is divided by N (ideal scaling of the
bare parse), which favours the bare parse. Machine load is recorded before and after.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_PATHS = [str(CORPUS / "beehive-releases.tar.gz"), str(CORPUS / "wh-briefings.tar.gz")]


def child_main(args) -> None:
    """One configuration, in this (fresh) process."""
    from accord.engines import get_engine, run
    from accord.store import Store

    engine, procs = args.one.split(":")
    paths = Path(args.files_from).read_text().split() if args.files_from else args.paths
    kw = {"shard_dir": args.db + ".shards"} if engine == "ray" else {}
    t0 = time.perf_counter()
    with Store(args.db) as st:
        eng = get_engine(engine, processes=int(procs), **kw)
        stats = run(st, paths, engine=eng, batch_size=args.batch)
        n_sent = st.con.execute("SELECT count(*) FROM sentences").fetchone()[0]
        n_docs = st.count("documents")
    wall = time.perf_counter() - t0
    print(json.dumps({"wall": wall, "read": stats.read, "analysed": stats.documents, "documents": n_docs,
                      "sentences": n_sent, "acts": stats.acts, "rejected": len(stats.rejected),
                      "batches": stats.batches}))


def sample_rss(pid: int, stop: threading.Event, out: dict) -> None:
    """Peak of the summed RSS of the process tree, and its CPU seconds (user + system,
    the last value seen per process: a load-independent measure of the work done)."""
    peak = 0
    t_start = time.perf_counter()
    cpu: dict[tuple[int, float], float] = {}
    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not stop.is_set():
        total = 0
        parts = []
        try:
            procs = [root] + root.children(recursive=True)
        except psutil.NoSuchProcess:
            break
        for p in procs:
            try:
                with p.oneshot():
                    rss = p.memory_info().rss
                    total += rss
                    parts.append(("driver" if p.pid == pid else p.name(), round(rss / 2**20)))
                    t = p.cpu_times()
                    cpu[(p.pid, p.create_time())] = t.user + t.system
                    if p.pid == pid:
                        out["driver_cpu"] = t.user + t.system
            except psutil.NoSuchProcess:
                pass
        if out.get("timeline") is not None:
            out["timeline"].append((round(time.perf_counter() - t_start, 1), round(total / 2**20),
                                    sorted((r for _, r in parts), reverse=True)))
        if total > peak:
            peak = total
            out["peak_parts"] = sorted(parts, key=lambda x: -x[1])  # who held the memory at the peak
        out["peak"] = peak
        out["cpu"] = sum(cpu.values())
        stop.wait(0.25)


def run_config(cfg: str, args, db: str) -> dict:
    cmd = [sys.executable, __file__, "--one", cfg, "--db", db, "--batch", str(args.batch)]
    cmd += ["--files-from", args.files_from] if args.files_from else ["--paths", *args.paths]
    load0 = os.getloadavg()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop, mem = threading.Event(), {"peak": 0, "timeline": [] if args.rss_log else None}
    th = threading.Thread(target=sample_rss, args=(p.pid, stop, mem), daemon=True)
    th.start()
    out, err = p.communicate()
    stop.set()
    th.join()
    elapsed = time.perf_counter() - t0
    if args.rss_log:  # (seconds, MB of the tree, MB of each process, largest first), every 0.25 s
        Path(f"{args.rss_log}.{cfg.replace(':', '-')}.json").write_text(json.dumps(mem["timeline"]))
    if p.returncode != 0:
        return {"config": cfg, "crashed": True, "returncode": p.returncode, "stderr": err[-2000:]}
    res = json.loads(out.strip().splitlines()[-1])
    res.update(config=cfg, process_seconds=elapsed, peak_rss_mb=mem["peak"] / 2**20, cpu_seconds=mem.get("cpu", 0.0),
               driver_cpu_seconds=mem.get("driver_cpu", 0.0), peak_parts=mem.get("peak_parts", []), load_before=load0,
               load_after=os.getloadavg(), crashed=False)
    return res


def bare_parse(db: str, n: int, seed: int = 0) -> dict:
    """Time a bare spaCy parse (same model, one process) of a random sample of the
    stored sentences; extrapolate to all of them."""
    import duckdb

    con = duckdb.connect(db, read_only=True)
    total = con.execute("SELECT count(*) FROM sentences").fetchone()[0]
    texts = [r[0] for r in con.execute("SELECT text FROM sentences ORDER BY doc_id, idx").fetchall()]
    con.close()
    rnd = random.Random(seed)
    sample = texts if n >= len(texts) else rnd.sample(texts, n)
    del texts
    from accord.acts.extract import get_nlp

    nlp = get_nlp()
    list(nlp.pipe(sample[:50]))  # warm
    t0 = time.perf_counter()
    for _ in nlp.pipe(sample, batch_size=256):
        pass
    dt = time.perf_counter() - t0
    return {"sample": len(sample), "total_sentences": total, "sample_seconds": dt,
            "per_sentence_ms": 1000 * dt / max(1, len(sample)),
            "extrapolated_seconds_1proc": dt / max(1, len(sample)) * total, "seed": seed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--paths", nargs="+", default=DEFAULT_PATHS)
    ap.add_argument("--files-from", help="a file listing input paths, one per line")
    ap.add_argument("--configs", default="local:1,local:2,ray:2", help="engine:processes, comma separated")
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--bare-sample", type=int, default=4000, help="sentences in the bare-parse sample")
    ap.add_argument("--workdir", default=None, help="where the bench stores go (default: a temp folder)")
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--rss-log", help="write each config's RSS samples to RSS_LOG.<config>.json")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        return child_main(args)
    missing = [p for p in args.paths if not Path(p).exists()] if not args.files_from else []
    if missing:
        sys.exit(f"input not found: {missing}")
    work = Path(args.workdir or tempfile.mkdtemp(prefix="accord-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} CPUs, {psutil.virtual_memory().total / 2**30:.1f} GiB RAM; "
          f"load {os.getloadavg()}; input {args.files_from or args.paths}", flush=True)
    results, last_db = [], None
    for cfg in args.configs.split(","):
        db = str(work / f"{cfg.replace(':', '-')}.duckdb")
        for f in (db, db + ".wal"):
            if os.path.exists(f):
                os.remove(f)
        r = run_config(cfg, args, db)
        results.append(r)
        if not r["crashed"]:
            last_db = db
            print(f"{cfg}: {r['wall']:.0f}s wall, {r['documents'] / r['wall']:.1f} docs/s, "
                  f"{r['sentences'] / r['wall']:.0f} sentences/s, peak RSS {r['peak_rss_mb']:.0f} MB, "
                  f"{r['acts']} acts, {r['cpu_seconds']:.0f} CPU s (driver {r['driver_cpu_seconds']:.0f}), "
                  f"load {r['load_before'][0]:.1f} -> {r['load_after'][0]:.1f}; at the peak (MB): {r['peak_parts']}", flush=True)
        else:
            print(f"{cfg}: CRASHED rc={r['returncode']}\n{r['stderr']}", flush=True)
    t0 = time.process_time()
    bare = bare_parse(last_db, args.bare_sample) if last_db else None
    if bare:
        bare["cpu_seconds_sample"] = time.process_time() - t0
    if bare:
        print(f"bare spaCy parse: {bare['sample']} of {bare['total_sentences']} sentences (random, seed 0) in "
              f"{bare['sample_seconds']:.1f}s = {bare['per_sentence_ms']:.2f} ms/sentence; extrapolated to all "
              f"sentences, one process: {bare['extrapolated_seconds_1proc']:.0f}s (CPU of the sample incl. loading: "
              f"{bare['cpu_seconds_sample']:.0f}s)", flush=True)
    print("\n| config | wall s | docs | docs/s | sentences/s | peak RSS MB | acts | CPU s (tree) | accord / bare parse (extrapolated, ideal N-proc) | load before→after |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        if r["crashed"]:
            print(f"| {r['config']} | crashed | | | | | | | | |")
            continue
        n = int(r["config"].split(":")[1])
        ratio = r["wall"] / (bare["extrapolated_seconds_1proc"] / n) if bare else float("nan")
        print(f"| {r['config']} | {r['wall']:.0f} | {r['documents']} | {r['documents'] / r['wall']:.1f} | "
              f"{r['sentences'] / r['wall']:.0f} | {r['peak_rss_mb']:.0f} | {r['acts']} | {r['cpu_seconds']:.0f} | {ratio:.2f} | "
              f"{r['load_before'][0]:.1f}→{r['load_after'][0]:.1f} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"results": results, "bare": bare}, indent=1))


if __name__ == "__main__":
    main()
