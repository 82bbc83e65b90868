"""Claims the README and docs/ make about using accord, each checked as a user meets it."""
from __future__ import annotations

import subprocess
import sys
import time

from test_cli import accord as run

REPO_EXAMPLES = __import__("conftest").REPO / "examples"


def test_readers_share_a_store_and_a_writer_is_told_who_holds_it(tmp_path):
    db = tmp_path / "s.duckdb"
    assert run("ingest", str(REPO_EXAMPLES), "--db", str(db)).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                               f"c = duckdb.connect({str(db)!r}, read_only=True)\nprint('open', flush=True)\n"
                               "sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        r = run("docs", "--db", str(db), "--json")  # a second reader while the first holds it
        assert r.returncode == 0 and r.stdout.count('"id"') == 2
        t0 = time.time()
        r = run("extract", str(REPO_EXAMPLES), "--db", str(db))
        assert r.returncode == 1 and time.time() - t0 < 120
        assert f"{db}: cannot open store" in r.stderr and str(holder.pid) in r.stderr.replace("\n", "")
    finally:
        holder.stdin.close()
        holder.wait(20)
    assert run("extract", str(REPO_EXAMPLES), "--db", str(db)).returncode == 0  # once released


def test_readme_and_license_files_are_not_documents(tmp_path):
    (tmp_path / "README.md").write_text("# About this folder\n\nNot a document.\n", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("MIT License\n\nPermission is hereby granted.\n", encoding="utf-8")
    (tmp_path / "statement.txt").write_bytes((REPO_EXAMPLES / "000_d8a6e55ad387dd7a.txt").read_bytes())
    for _ in range(2):  # the second time the folder also holds the store itself: not a document either
        r = run("ingest", str(tmp_path), "--db", str(tmp_path / "s.duckdb"))
        assert r.returncode == 0, r.stderr
        assert "read 1  stored" in r.stdout and "rejected 0" in r.stdout, r.stdout


def test_actors_command_shows_each_mention_and_why(tmp_path):
    db = str(tmp_path / "s.duckdb")
    assert run("ingest", str(REPO_EXAMPLES / "000_d8a6e55ad387dd7a.txt"), "--db", db).returncode == 0
    r = run("actors", "000_d8a6e55ad387dd7a.txt", "--db", db)
    assert r.returncode == 0, r.stderr
    first = r.stdout.splitlines()[0]
    assert first.startswith("parties: ") and {"KOR", "NZL"} <= set(first[len("parties: "):].split(", "))
    rows = [line for line in r.stdout.splitlines() if "Christopher Luxon" in line]
    assert rows and all("NZL" in line for line in rows)
    r = run("actors", "no-such-document", "--db", db)
    assert r.returncode == 1 and "no document 'no-such-document'" in r.stderr
