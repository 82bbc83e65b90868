"""Store: idempotent, atomic per batch, and a kill -9 mid-ingest loses nothing committed."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from accord.errors import StoreError
from accord.service import ingest
from accord.store import Store

from conftest import REPO, write_tar_gz

DOC_COLS = "* EXCLUDE (ingested_at)"


def snapshot(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "documents": con.execute(f"SELECT {DOC_COLS} FROM documents ORDER BY id").fetchall(),
            "sentences": con.execute("SELECT * FROM sentences ORDER BY doc_id, idx").fetchall(),
            "sections": con.execute("SELECT * FROM sections ORDER BY doc_id, idx").fetchall(),
            "repairs": con.execute("SELECT * FROM repairs ORDER BY doc_id, idx").fetchall(),
            "doc_paths": con.execute("SELECT * FROM doc_paths ORDER BY path").fetchall(),
            "rejections": con.execute("SELECT path, reason FROM rejections ORDER BY path").fetchall(),
        }
    finally:
        con.close()


def test_same_content_twice_is_stored_once(seeds, tmp_path):
    a = tmp_path / "a"
    a.mkdir()
    (a / "news.txt").write_bytes(seeds["news"].read_bytes())
    (a / "copy-of-news.txt").write_bytes(seeds["news"].read_bytes())
    (a / "statement.md").write_bytes(seeds["statement"].read_bytes())
    db = tmp_path / "s.duckdb"
    with Store(db) as st:
        s1 = ingest(st, [a])
        assert (s1.read, s1.stored, s1.duplicates) == (3, 2, 1)
        first = snapshot_live(st)
        s2 = ingest(st, [a, seeds["news"]])
        assert (s2.read, s2.stored, s2.duplicates) == (4, 0, 4) and s2.consistent
        assert st.count("documents") == 2
        news_id = st.resolve_doc(str(a / "news.txt"))
        assert st.resolve_doc(str(a / "copy-of-news.txt")) == news_id == st.resolve_doc(str(seeds["news"]))
        assert st.raw_bytes(news_id) == seeds["news"].read_bytes()
        assert snapshot_live(st)["sentences"] == first["sentences"]


def snapshot_live(st: Store) -> dict[str, list]:
    return {"sentences": st.con.execute("SELECT * FROM sentences ORDER BY doc_id, idx").fetchall()}


def test_batch_is_atomic(seeds, beehive_members, tmp_path, monkeypatch):
    """A batch whose write fails leaves nothing of itself behind and keeps earlier batches."""
    _, first = beehive_members
    tgz = write_tar_gz(tmp_path / "ten.tar.gz", first[:10])
    db = tmp_path / "s.duckdb"
    real_insert = Store._insert
    calls = {"n": 0}

    def failing_insert(self, table, rows, schema=None):
        if table == "sentences":
            calls["n"] += 1
            if calls["n"] == 2:  # the second batch fails after its documents were inserted
                raise duckdb.ConstraintException("simulated failure while writing sentences")
        return real_insert(self, table, rows, schema)

    monkeypatch.setattr(Store, "_insert", failing_insert)
    with Store(db) as st:
        with pytest.raises(StoreError, match="batch not stored, nothing of it was written"):
            ingest(st, [tgz], batch_size=4)
        assert st.count("documents") == 4 and st.count("doc_paths") == 4
        ids = {r[0] for r in st.con.execute("SELECT DISTINCT doc_id FROM sentences").fetchall()}
        assert ids == {r[0] for r in st.con.execute("SELECT id FROM documents").fetchall()}
    monkeypatch.setattr(Store, "_insert", real_insert)
    with Store(db) as st:  # a rerun completes the rest
        s = ingest(st, [tgz], batch_size=4)
        assert (s.stored, s.duplicates) == (6, 4) and st.count("documents") == 10


def _ingest_cmd(tgz: Path, db: Path, batch: int) -> list[str]:
    return [sys.executable, "-m", "accord.cli", "ingest", str(tgz), "--db", str(db), "--batch", str(batch)]


def test_kill_9_mid_ingest_then_rerun_equals_uninterrupted_run(beehive_members, seeds, tmp_path):
    _, first = beehive_members
    members = list(first[:400])
    members.insert(150, ("beehive/releases/bad/empty.md", b""))
    members.insert(300, ("beehive/releases/bad/binary.md", b"\x00\x01binary" * 50))
    members.append(("beehive/releases/bad/copy.md", first[0][1]))  # a duplicate of the first release
    tgz = write_tar_gz(tmp_path / "subset.tar.gz", members)
    env = {**os.environ, "CI": "true"}

    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(_ingest_cmd(tgz, killed, 2), cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wal = Path(str(killed) + ".wal")
    deadline = time.monotonic() + 60
    # kill once several batches are committed (the WAL grows with each commit)
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 150_000:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "ingest finished before it could be killed; the subset is too small for this machine"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    partial = snapshot(killed)
    assert 0 < len(partial["documents"]) < 400, len(partial["documents"])
    # everything committed before the kill is whole: every stored document has its sentences
    with_sents = {r[0] for r in partial["sentences"]}
    assert {d[0] for d in partial["documents"] if d[-1] > 0} <= with_sents

    rerun = subprocess.run(_ingest_cmd(tgz, killed, 2), cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    n_before = len(partial["documents"])
    assert f"stored {400 - n_before}  duplicates {n_before + 1}  rejected 2" in rerun.stdout

    fresh = tmp_path / "fresh.duckdb"
    once = subprocess.run(_ingest_cmd(tgz, fresh, 50), cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert once.returncode == 0, once.stderr
    assert "read 403  stored 400  duplicates 1  rejected 2" in once.stdout

    a, b = snapshot(killed), snapshot(fresh)
    assert len(a["documents"]) == 400
    assert a["documents"] == b["documents"]  # every column but the ingest timestamp
    for table in ("sentences", "sections", "repairs", "doc_paths", "rejections"):
        assert a[table] == b[table], table


def test_store_refuses_a_non_duckdb_file(tmp_path):
    f = tmp_path / "not.duckdb"
    f.write_text("hello, this is not a database\n" * 100)
    with pytest.raises(StoreError, match="not.duckdb"):
        Store(f)


def test_transaction_commits_whole_or_nothing(tmp_path):
    import pytest

    from accord.errors import StoreError
    from accord.store import Store

    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        with store.transaction():
            store.con.execute("INSERT INTO rejections (path, reason) VALUES ('a', 'r')")
        with pytest.raises(StoreError) as exc:
            with store.transaction("batch not stored"):
                store.con.execute("INSERT INTO rejections (path, reason) VALUES ('b', 'r')")
                store.con.execute("INSERT INTO no_such_table VALUES (1)")
        assert str(exc.value).startswith(f"{db}: batch not stored: ")
        with pytest.raises(KeyboardInterrupt):
            with store.transaction():
                store.con.execute("INSERT INTO rejections (path, reason) VALUES ('c', 'r')")
                raise KeyboardInterrupt
        assert [r[0] for r in store.con.execute("SELECT path FROM rejections").fetchall()] == ["a"]


def test_every_table_comes_from_the_migrations(tmp_path):
    """A fresh store has every table any stage writes, comparisons included, before any use."""
    from accord.store import Store
    from accord.store.schema import MIGRATIONS

    with Store(tmp_path / "m.duckdb") as store:
        tables = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert store.schema_version() == len(MIGRATIONS)
    for t in ("documents", "acts", "processed", "commitments", "commitment_events", "comparisons", "comparison_items"):
        assert t in tables, t
