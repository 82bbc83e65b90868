"""Engines (issue 9): the local and Ray engines write exactly the rows the serial
pipeline writes; reruns skip processed documents; a run killed with SIGKILL resumes
and ends with the store an uninterrupted run writes. Real data: the seeds and
beehive releases from ../shared (skipped with the reason when absent)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from accord.engines import get_engine, run
from accord.engines.core import Batch, batch_key, batches
from accord.errors import AccordError
from accord.store import Store

from conftest import write_tar_gz

ACCORD = Path(sys.executable).with_name("accord")
# every table a run writes, with the columns that differ between runs by nature
TABLES = {"documents": "ingested_at", "sections": None, "sentences": None, "repairs": None, "doc_paths": None,
          "rejections": "rejected_at", "mentions": None, "acts": None, "processed": "processed_at", "doc_warnings": None}


def _write(folder: Path, members: list[tuple[str, bytes]]) -> Path:
    for name, data in members:
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def sample(tmp_path_factory, seeds, beehive_members) -> list[str]:
    """The two seeds and 30 beehive releases, as files."""
    _, first = beehive_members
    d = _write(tmp_path_factory.mktemp("sample"), first[:30])
    return [str(seeds["statement"]), str(seeds["news"]), str(d)]


@pytest.fixture(scope="module")
def reference(tmp_path_factory, sample) -> Path:
    """The store the serial library path writes (ingest, then analyse + add_analysis)."""
    from accord.ingest import Rejected, load_documents
    from accord.pipeline import analyse
    from accord.service import ingest
    from accord.store.analysis import add_analysis

    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    with Store(db) as st:
        ingest(st, sample)
        seen, docs = set(), []
        for d in load_documents(sample):
            if not isinstance(d, Rejected) and d.id not in seen:
                seen.add(d.id)
                docs.append(d)
        add_analysis(st, list(analyse(docs)))
    return db


def _rows(db: Path, table: str, exclude: str | None = None) -> list[tuple]:
    ex = f" EXCLUDE ({exclude})" if exclude else ""
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall() if c[0] != exclude]
        return con.execute(f"SELECT *{ex} FROM {table} ORDER BY {', '.join(cols)}").fetchall()
    finally:
        con.close()


def _assert_same_store(a: Path, b: Path, tables=TABLES) -> None:
    for t, ex in tables.items():
        ra, rb = _rows(a, t, ex), _rows(b, t, ex)
        assert len(ra) == len(rb), f"{t}: {len(ra)} rows in {a.name}, {len(rb)} in {b.name}"
        assert ra == rb, f"{t}: rows differ between {a.name} and {b.name}"


def _acts(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT * FROM acts ORDER BY doc_id, idx").fetchall()
    finally:
        con.close()


def test_local_engine_two_processes_writes_what_the_serial_path_writes(tmp_path, sample, reference):
    db = tmp_path / "local.duckdb"
    with Store(db) as st:
        stats = run(st, sample, engine=get_engine("local", processes=2), batch_size=7)
    assert stats.documents == 32 and stats.stored == 32 and stats.batches == 5
    assert stats.acts > 50, "the sample holds joint statements: acts expected"
    assert len(_acts(db)) == stats.acts
    assert stats.consistent and stats.sentences == _query(db, "SELECT count(*) FROM sentences")[0][0]
    # warnings counted by kind from the documents' records: what the store holds, kind by kind
    stored = dict(_query(db, "SELECT kind, count(DISTINCT doc_id) FROM doc_warnings GROUP BY kind"))
    assert stats.warnings and dict(stats.warnings) == stored
    _assert_same_store(db, reference)


def _query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_rerun_skips_processed_documents_and_changes_nothing(tmp_path, sample, reference):
    db = tmp_path / "rerun.duckdb"
    with Store(db) as st:
        first = run(st, sample, batch_size=10)
        again = run(st, sample, batch_size=10)
    assert first.documents == 32
    assert again.documents == 0 and again.skipped == 32 and again.batches == 0 and again.stored == 0
    _assert_same_store(db, reference)
    with Store(db) as st:  # another pipeline version processes everything again, replacing its rows
        other = run(st, sample, batch_size=10, version="test-other-version")
        assert other.documents == 32
        assert st.count("processed") == 32 and st.count("acts") == first.acts


def test_ray_engine_produces_exactly_the_local_acts(tmp_path, sample, reference):
    ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'accord[ray]')")
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        db = tmp_path / "ray.duckdb"
        shards = tmp_path / "shards"
        with Store(db) as st:
            stats = run(st, sample, engine=get_engine("ray", shard_dir=shards, keep_shards=True), batch_size=7)
        assert stats.documents == 32 and stats.batches == 5
        assert _acts(db) == _acts(reference)
        assert len(_acts(db)) > 50
        _assert_same_store(db, reference)
        kept = sorted(p.name for p in shards.iterdir())
        assert len(kept) == 5 and not [k for k in kept if k.startswith(".tmp")]
        assert all((shards / k / "acts.parquet").is_file() and (shards / k / "meta.json").is_file() for k in kept)
        # a rerun with --force finds every shard already written and merges them again: same store
        with Store(db) as st:
            again = run(st, sample, engine=get_engine("ray", shard_dir=shards, keep_shards=True), batch_size=7, force=True)
        assert again.documents == 32 and sorted(p.name for p in shards.iterdir()) == kept
        _assert_same_store(db, reference)
    finally:
        if started:
            ray.shutdown()


def test_shard_names_depend_on_ids_and_version_only():
    assert batch_key(["b", "a"]) == batch_key(["a", "b"])
    assert batch_key(["a", "b"]) != batch_key(["a", "c"])
    assert batch_key(["a", "b"], "1") != batch_key(["a", "b"], "2")


def test_batches_are_cut_by_bytes_as_well_as_by_count(tmp_path, sample):
    """Long documents make small batches (a worker's memory follows a batch's bytes)."""
    with Store(tmp_path / "b.duckdb") as st:
        by_count = [b.docs for b in batches(st, sample, 10)]
        limit = 20_000
        by_bytes = [b.docs for b in batches(st, sample, 10, batch_bytes=limit)]
    ids = [d.id for b in by_count for d in b]
    assert [d.id for b in by_bytes for d in b] == ids, "the same documents, in the same order"
    assert len(by_bytes) > len(by_count)
    for b in by_bytes:
        assert len(b) <= 10
        assert sum(len(d.raw) for d in b[:-1]) < limit, "a batch ends with the document that reaches the limit"


def test_local_engine_reads_ahead_only_a_bounded_number_of_batches(tmp_path, sample):
    """Memory stays bounded: the engine never pulls the whole input before yielding."""
    with Store(tmp_path / "b.duckdb") as st:
        docs = [d for b in batches(st, sample, 1) for d in b.docs]
    pulled = []

    def feed():
        for d in docs:
            pulled.append(d.id)
            yield Batch([d])

    eng = get_engine("local", processes=2, max_inflight=3)
    it = eng.map(feed())
    first = next(it)
    assert first.counts.documents == 1
    assert len(pulled) <= 3, f"{len(pulled)} batches pulled before the first result: the read-ahead is unbounded"
    rest = list(it)
    assert len(rest) == len(docs) - 1 == 31


def test_ray_missing_gives_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(AccordError, match=r"pip install 'accord\[ray\]'"):
        get_engine("ray")


def test_cli_rejects_unknown_engine(tmp_path, seeds):
    r = subprocess.run([str(ACCORD), "extract", str(seeds["statement"]), "--db", str(tmp_path / "x.duckdb"),
                        "--engine", "spark"], capture_output=True, text=True)
    assert r.returncode == 2 and "local or ray" in r.stderr


def _extract(src: Path, db: Path, **kw) -> subprocess.Popen:
    env = dict(os.environ, CI="true")
    return subprocess.Popen([str(ACCORD), "extract", str(src), "--db", str(db), "--batch", "10", "-p", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, **kw)


def test_sigkill_mid_run_then_rerun_gives_the_uninterrupted_store(tmp_path, beehive_members):
    _, first = beehive_members
    src = write_tar_gz(tmp_path / "bh300.tar.gz", first[:300])
    whole, killed = tmp_path / "whole.duckdb", tmp_path / "killed.duckdb"

    p = _extract(src, whole)
    out, errs = p.communicate(timeout=1800)
    assert p.returncode == 0, errs
    with Store(whole) as st:
        total = st.count("processed")
    assert total > 250, f"only {total} of 300 releases processed"

    # the same run, killed (driver and workers, as in a crash) once some batches are committed
    wal = Path(str(killed) + ".wal")
    p = _extract(src, killed, start_new_session=True)
    deadline = time.time() + 900
    base = None
    while time.time() < deadline and p.poll() is None:
        if wal.exists():
            size = wal.stat().st_size
            if base is None:
                time.sleep(0.5)  # migrations committed; then the model loads
                base = wal.stat().st_size
            elif size > base:
                grown = size
                while time.time() < deadline and p.poll() is None and wal.stat().st_size == grown:
                    time.sleep(0.05)  # wait for a second batch commit
                break
        time.sleep(0.05)
    assert p.poll() is None, "the run ended before it could be killed"
    os.killpg(p.pid, signal.SIGKILL)
    p.wait(timeout=60)
    assert p.returncode == -signal.SIGKILL

    with Store(killed) as st:  # replays the WAL of the committed batches
        done = st.count("processed")
        n_docs = st.count("documents")
    assert 0 < done < total, f"kill came at a bad moment: {done} documents processed"
    assert n_docs == done, "documents and their analysis are committed together"

    p = _extract(src, killed)
    out, errs = p.communicate(timeout=1800)
    assert p.returncode == 0, errs
    assert f"{total - done} analysed, {done} already done" in " ".join(out.split()), out
    assert _acts(killed) == _acts(whole)
    assert len(_acts(whole)) > 0
    _assert_same_store(killed, whole)


def test_workers_exit_when_the_driver_is_killed(tmp_path, beehive_members):
    """kill -9 of the driver alone: its worker processes notice and exit (they would
    otherwise wait for work forever, each holding a spaCy model)."""
    import psutil

    _, first = beehive_members
    src = write_tar_gz(tmp_path / "bh200.tar.gz", first[:200])
    p = _extract(src, tmp_path / "x.duckdb", start_new_session=True)
    driver = psutil.Process(p.pid)
    deadline = time.time() + 300
    workers: list = []
    while time.time() < deadline and p.poll() is None:
        workers = []
        try:
            for c in driver.children(recursive=True):
                if "spawn_main" in " ".join(c.cmdline()):
                    workers.append(c)
        except psutil.Error:  # a process ended while being listed: look again
            continue
        if len(workers) >= 2:
            break
        time.sleep(0.2)
    assert len(workers) >= 2, "the run ended before its two workers were seen"
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=60)
    gone, alive = psutil.wait_procs(workers, timeout=30)
    alive = [w for w in alive if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]  # exited, not reaped
    for w in alive:
        w.kill()
    assert not alive, f"{len(alive)} worker(s) still running 30 s after the driver was killed"
