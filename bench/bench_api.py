"""Latency of the HTTP API over a store: starts `accord serve --db DB` on a free
localhost port (or uses --url), then times GET requests.

    .venv/bin/python bench/bench_api.py --db /tmp/api_bench.duckdb [--n 50] [--actors NZL,AUS,USA]

Prints median and p95 per request. The target: GET /api/acts?actor=NZL under 300 ms
median with the whole beehive archive extracted. Exit status 1 when that is missed."""
from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

TARGET_MS = 300.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(db: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    accord = str(Path(sys.executable).with_name("accord"))
    proc = subprocess.Popen([accord, "serve", "--db", db, "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"accord serve exited: {proc.stderr.read().decode(errors='replace')}")
        try:
            if httpx.get(url + "/api/documents?limit=1", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("accord serve did not answer within 120 s")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))]


def timed(client: httpx.Client, path: str, n: int) -> tuple[list[float], dict]:
    r = client.get(path)  # warm-up (and a check)
    r.raise_for_status()
    body = r.json()
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = client.get(path)
        r.raise_for_status()
        out.append((time.perf_counter() - t0) * 1000)
    return out, body


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="store to serve (the script starts the server)")
    ap.add_argument("--url", help="use a server already running here instead")
    ap.add_argument("--n", type=int, default=50, help="requests per path")
    ap.add_argument("--actors", default="NZL,AUS,USA,CHN,KOR,UKR")
    args = ap.parse_args()
    if not args.db and not args.url:
        ap.error("give --db or --url")
    proc = None
    url = args.url
    if not url:
        proc, url = start(args.db)
    try:
        with httpx.Client(base_url=url, timeout=60) as c:
            docs = c.get("/api/documents?limit=1").json()["total"]
            acts = c.get("/api/acts?limit=1").json()["total"]
            print(f"store: {args.db or url}: {docs} documents, {acts} acts; {args.n} requests per path")
            actors = [a.strip() for a in args.actors.split(",") if a.strip()]
            paths = [f"/api/acts?actor={a}" for a in actors]
            paths += [f"/api/acts?dyad={actors[0]},{actors[1]}", f"/api/acts?actor={actors[0]}&act=commit&since=2024-01-01",
                      f"/api/actors/{actors[0]}", f"/api/commitments?party={actors[0]}", "/api/documents?q=trade",
                      f"/api/acts/monthly?actor={actors[0]}"]
            print(f"{'path':<58} {'rows':>7} {'median ms':>10} {'p95 ms':>8}")
            medians = {}
            for p in paths:
                xs, body = timed(c, p, args.n)
                rows = body.get("total", body.get("acts", {}).get("total", len(body.get("months", []))))
                medians[p] = statistics.median(xs)
                print(f"{p:<58} {rows:>7} {medians[p]:>10.1f} {pct(xs, 95):>8.1f}")
    finally:
        if proc:
            proc.terminate()
            proc.wait(10)
    key = f"/api/acts?actor={actors[0]}"
    ok = medians[key] < TARGET_MS
    print(f"target: GET {key} median < {TARGET_MS:.0f} ms: {'met' if ok else 'MISSED'} ({medians[key]:.1f} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
