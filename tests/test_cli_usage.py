"""What a new user meets at the command line: exit codes a script can rely on, bad
option values as usage errors, reruns that still write what was asked, --version,
and the `--db` option on every command that reads or writes a store."""
from __future__ import annotations

import json
import re

import accord
from test_cli import accord as run


def test_nothing_found_or_everything_rejected_exits_1(tmp_path):
    (tmp_path / "empty").mkdir()
    db = str(tmp_path / "x.duckdb")
    r = run("ingest", str(tmp_path / "empty"), "--db", db)
    assert r.returncode == 1 and "no documents found in" in r.stderr
    r = run("extract", str(tmp_path / "empty"), "--db", db)
    assert r.returncode == 1 and "no documents found in" in r.stderr
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_bytes(b"")
    (bad / "b.md").write_text("---\ntitle: front matter only\n---\n", encoding="utf-8")
    for cmd in ("ingest", "extract"):
        r = run(cmd, str(bad), "--db", db)
        assert r.returncode == 1, (cmd, r.stdout, r.stderr)
        assert "every input was rejected (2)" in r.stderr
        # why each file was rejected, with its path
        assert f"rejected {bad / 'a.txt'}: empty file" in r.stdout, cmd
        assert f"rejected {bad / 'b.md'}: no body text" in r.stdout, cmd


def test_bad_option_values_are_usage_errors(tmp_path, seeds):
    db = str(tmp_path / "s.duckdb")
    assert run("ingest", str(seeds["statement"]), "--db", db).returncode == 0
    for args, what in ((("docs", "--kind", "bogus"), "--kind"), (("docs", "--since", "May 2024"), "--since"),
                       (("docs", "--until", "2024-13-01"), "--until"),
                       (("export", "--format", "bogus", "-o", str(tmp_path / "o")), "--format"),
                       (("commitments", "--status", "nonsense"), "--status"),
                       (("commitments", "--firmness", "maybe"), "--firmness"),
                       (("gazetteer", "lookup", "Ardern", "--date", "2020"), "--date")):
        r = run(*args, "--db", db)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert f"Invalid value for '{what}'" in r.stderr, (args, r.stderr)
    r = run("docs", "--kind", "statement", "--db", db, "--json")
    assert r.returncode == 0 and len(json.loads(r.stdout)) == 1


def test_version():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"accord {accord.__version__}"


def test_second_extract_writes_the_acts_of_the_documents_named(tmp_path, seeds):
    db = str(tmp_path / "s.duckdb")
    folder = str(seeds["statement"].parent)
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    r = run("extract", folder, "--db", db, "--jsonl", str(first))
    assert r.returncode == 0, r.stderr
    r = run("extract", folder, "--db", db, "--jsonl", str(second))
    assert r.returncode == 0, r.stderr
    assert re.search(r"documents 0 analysed, 2 already done", r.stdout)
    a = [json.loads(x) for x in first.read_text(encoding="utf-8").splitlines()]
    b = [json.loads(x) for x in second.read_text(encoding="utf-8").splitlines()]
    assert len(a) > 10
    key = lambda rec: json.dumps(rec, sort_keys=True)  # noqa: E731
    assert sorted(map(key, b)) == sorted(map(key, a))
    # named by one file: only that document's acts
    one = tmp_path / "one.jsonl"
    assert run("extract", str(seeds["statement"]), "--db", db, "--jsonl", str(one)).returncode == 0
    c = [json.loads(x) for x in one.read_text(encoding="utf-8").splitlines()]
    assert c and {x["doc"] for x in c} == {str(seeds["statement"])}
    assert sorted(map(key, c)) == sorted(key(x) for x in a if x["doc"] == str(seeds["statement"]))


def _objects(text: str) -> list[dict]:
    dec, out, i = json.JSONDecoder(), [], 0
    while i < len(text.rstrip()):
        obj, i = dec.raw_decode(text, i)
        out.append(obj)
        while i < len(text) and text[i].isspace():
            i += 1
    return out


def test_gazetteer_and_evaluate_take_db(tmp_path, seeds, shared):
    db = str(tmp_path / "s.duckdb")
    assert run("extract", str(seeds["statement"].parent), "--db", db).returncode == 0
    r = run("gazetteer", "lookup", "New Zealand", "--db", db)
    assert r.returncode == 0, r.stderr
    rows = _objects(r.stdout)
    assert rows and all(x["code"] == "NZL" and x["acts_in_store"] > 0 for x in rows)
    plain = run("gazetteer", "lookup", "New Zealand")
    assert all("acts_in_store" not in x for x in _objects(plain.stdout))
    gold = [str(shared / "gold" / "dev" / f"{seeds[k].stem}.jsonl") for k in ("statement", "news")]
    mem = run("evaluate", *gold, "--shared", str(shared), "--no-misses")
    stored_db = str(tmp_path / "gold.duckdb")
    sto = run("evaluate", *gold, "--shared", str(shared), "--no-misses", "--db", stored_db)
    assert mem.returncode == 0 and sto.returncode == 0, (mem.stderr, sto.stderr)
    assert "full" in mem.stdout and mem.stdout == sto.stdout  # the same scores from the store's acts
    r = run("docs", "--db", stored_db, "--json")
    assert len(json.loads(r.stdout)) == 2
