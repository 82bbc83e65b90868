"""Real `accord serve` processes for the API and browser tests (tests/test_api.py,
tests/test_web.py). One store is built per test session: the two example documents
extracted, a stored comparison of them, an XSS document, and the commitments ledger
built over them (what `accord commitments --build` runs); servers are started once
and shared by both test files, and stopped at the end of the session."""
from __future__ import annotations

import atexit
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
ACCORD = str(Path(sys.executable).with_name("accord"))
STATEMENT_ID = "9aee4ae95451a074"
NEWS_ID = "8567d35b028164df"

XSS_DOC = """---
title: "New Zealand and Australia statement <script>window.__xss=1</script>"
date: 2024-10-01
url: "javascript:window.__xss=3"
---

New Zealand and Australia condemned the attack on shipping <script>window.__xss=1</script> in the Red Sea.

Both sides agreed to deepen cooperation on maritime security <img src=x onerror="window.__xss=2"> by the end of 2025.
"""


@dataclass
class Server:
    url: str
    proc: subprocess.Popen
    db: Path
    log: Path


@dataclass
class Fixture:
    root: Path
    db: Path
    xss_id: str
    read_only: Server | None = None
    ingest: Server | None = None


_STATE: dict[str, Fixture] = {}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(root: Path) -> tuple[Path, str]:
    from accord.commitments import build as build_ledger
    from accord.compare import compare, load_from_store, write_comparison
    from accord.service import extract
    from accord.store import Store

    xss_dir = root / "xss"
    xss_dir.mkdir(parents=True, exist_ok=True)
    (xss_dir / "xss_release.md").write_text(XSS_DOC, encoding="utf-8")
    db = root / "api.duckdb"
    with Store(db) as store:
        extract(store, [str(EXAMPLES), str(xss_dir)])
        write_comparison(store.con, compare(load_from_store(store.con, NEWS_ID), load_from_store(store.con, STATEMENT_ID)))
        xss_id = store.resolve_doc(str(xss_dir / "xss_release.md"))
        build_ledger(store)  # the commitments ledger: the library call behind `accord commitments --build`
    return db, xss_id


def start_server(db: Path, log: Path, *extra: str) -> Server:
    port = free_port()
    fh = open(log, "wb")
    proc = subprocess.Popen([ACCORD, "serve", "--db", str(db), "--port", str(port), *extra],
                            stdout=fh, stderr=subprocess.STDOUT, cwd=str(REPO))
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"accord serve exited with {proc.returncode}: {log.read_text(errors='replace')}")
        try:
            if httpx.get(url + "/api/documents?limit=1", timeout=2).status_code == 200:
                return Server(url, proc, db, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"accord serve did not answer within 60 s: {log.read_text(errors='replace')}")


def fixture(tmp_path_factory) -> Fixture:
    if "f" not in _STATE:
        root = tmp_path_factory.mktemp("accord-serve")
        db, xss_id = build_store(root)
        _STATE["f"] = Fixture(root, db, xss_id)
    return _STATE["f"]


def read_only_server(tmp_path_factory) -> tuple[Server, Fixture]:
    f = fixture(tmp_path_factory)
    if f.read_only is None:
        f.read_only = start_server(f.db, f.root / "serve.log")
    return f.read_only, f


def ingest_server(tmp_path_factory) -> tuple[Server, Fixture]:
    f = fixture(tmp_path_factory)
    if f.ingest is None:
        db2 = f.root / "ingest.duckdb"
        shutil.copy(f.db, db2)
        f.ingest = start_server(db2, f.root / "serve-ingest.log", "--allow-ingest")
    return f.ingest, f


def stop_all() -> None:
    f = _STATE.get("f")
    if not f:
        return
    for s in (f.read_only, f.ingest):
        if s is not None and s.proc.poll() is None:
            s.proc.terminate()
            try:
                s.proc.wait(10)
            except subprocess.TimeoutExpired:
                s.proc.kill()
    f.read_only = f.ingest = None


atexit.register(stop_all)
