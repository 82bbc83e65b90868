"""The ingest, docs and show commands, run as a user runs them."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO, write_tar_gz


def accord(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    env = {**os.environ, "CI": "true", "COLUMNS": "200"}
    env.pop("ACCORD_DB", None)
    return subprocess.run([sys.executable, "-m", "accord.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_ingest_docs_show_on_seeds_and_archive(seeds, beehive_members, tmp_path):
    named, _ = beehive_members
    tgz = write_tar_gz(tmp_path / "two.tar.gz", [named["gold_nordic"], named["empty_body"], named["date_0001"]])
    (tmp_path / "empty.txt").write_bytes(b"")
    db = str(tmp_path / "c.duckdb")
    r = accord("ingest", str(seeds["statement"].parent), str(tgz), str(tmp_path / "empty.txt"), "--db", db)
    assert r.returncode == 0, r.stderr
    assert "read 6  stored 4  duplicates 0  rejected 2" in r.stdout
    assert f"rejected {tgz}::{named['empty_body'][0]}: no body text: the file has front matter only" in r.stdout
    assert f"rejected {tmp_path / 'empty.txt'}: empty file" in r.stdout
    # warnings by kind, each with what it means: the year-one release has a bad date, so no date
    table = {c[0]: c[1:] for c in (
        [x.strip() for x in line.strip("│┃ ").split("│")] for line in r.stdout.splitlines()) if len(c) == 3}
    assert table["bad_date"][0] == "1" and "date left empty" in table["bad_date"][1]

    again = accord("ingest", str(seeds["statement"].parent), "--db", db)
    assert "read 2  stored 0  duplicates 2  rejected 0" in again.stdout

    r = accord("docs", "--db", db, "--json")
    rows = json.loads(r.stdout)
    assert len(rows) == 4 and {x["kind"] for x in rows} == {"statement", "news"}
    r = accord("docs", "--db", db, "--kind", "news", "--json")
    assert [x["title"] for x in json.loads(r.stdout)] == ["S. Korea, New Zealand agree to boost security cooperation"]
    r = accord("docs", "--db", db, "--since", "2025-01-01", "--json")
    assert [x["date"] for x in json.loads(r.stdout)] == ["2025-10-29"]
    r = accord("docs", "--db", db, "--search", "Nordic", "--json")
    assert len(json.loads(r.stdout)) == 1

    r = accord("show", str(seeds["news"]), "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert "situation" in d["text"] and "South Korea" in d["text"]
    sents = [s["text"] for s in d["sentences"]]
    assert not any("Categories General" in s or "Source: Yonhap News Agency" in s for s in sents)
    assert any(x["kind"] == "join_split_word" and x["after"] == "situation" for x in d["repairs"])
    # the news seed has no date of its own: its warning says so, with its kind
    assert [(w["kind"], w["stage"]) for w in d["warning_records"]] == [("date_from_text", "ingest")]
    assert d["warnings"] == [w["message"] for w in d["warning_records"]]
    plain = accord("show", d["id"][:8], "--db", db)
    assert plain.returncode == 0 and "join_split_word" in plain.stdout and "situat\\nion" in plain.stdout


def test_cli_errors(tmp_path):
    r = accord("docs", "--db", str(tmp_path / "none.duckdb"))
    assert r.returncode == 1 and "no such store" in r.stderr
    r = accord("docs", "--db", str(tmp_path / "none.duckdb"), "--since", "May 2024")
    assert r.returncode == 2 and "Invalid value for '--since'" in r.stderr
    r = accord("ingest", "--db", str(tmp_path / "x.duckdb"))
    assert r.returncode == 2
