"""Document warnings are typed records (models.DocWarning): made with their kind where a
stage raises them, carried on the Document, stored in doc_warnings (migration 5, which
gives the warnings of older stores their kind), counted by kind without reading their
text. Real data: beehive releases from ../shared and hostile inputs built here."""
from __future__ import annotations

import ast
import json
import os
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from accord.models import WARNING_KINDS, DocWarning

SRC = Path(__file__).resolve().parents[1] / "src" / "accord"


def _calls():
    for p in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                yield p, node


def test_every_warning_is_made_with_a_declared_kind():
    """Each DocWarning(...) and doc.warn(...) names its kind as a literal of WARNING_KINDS;
    no code appends a bare string to a warnings list."""
    made = []
    for p, node in _calls():
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        receiver = ast.unparse(f.value) if isinstance(f, ast.Attribute) else ""
        # DocWarning(...), doc.warn(...) and its local alias warn(...); not the logging or
        # warnings modules' warn, nor Document.warn's own body
        ours = name == "DocWarning" or (name == "warn" and (receiver == "" or receiver.endswith("doc")))
        if ours and p.name != "models.py" and node.args:
            kind = node.args[0]
            assert isinstance(kind, ast.Constant) and isinstance(kind.value, str), f"{p.name}:{node.lineno}: kind not a literal"
            assert kind.value in WARNING_KINDS, f"{p.name}:{node.lineno}: {kind.value!r} is not in WARNING_KINDS"
            made.append(kind.value)
        if name == "append" and isinstance(f, ast.Attribute) and node.args:
            target = ast.unparse(f.value)
            if "warn" in target or target == "w":
                assert not isinstance(node.args[0], (ast.Constant, ast.JoinedStr)), \
                    f"{p.name}:{node.lineno}: a warning appended as text, not a DocWarning"
    assert set(made) == set(WARNING_KINDS), f"kinds never made: {set(WARNING_KINDS) - set(made)}"


def test_an_unknown_kind_is_refused():
    with pytest.raises(KeyError):
        DocWarning("no_such_kind", "x")
    w = DocWarning("bad_date", "date 'x' not understood; date left empty")
    assert w.stage == "ingest" and str(w) == w.message


def _hostile_inputs(folder: Path, beehive_members) -> list[Path]:
    """Files whose reading raises one warning kind or more: real releases (a year-one
    date, an image-only body, one in cp1252, one whose front matter is cut) and JSONL
    lines with fields of the wrong type, lone surrogates, deep metadata."""
    named, _ = beehive_members
    out = []
    for key in ("date_0001", "image_only", "gold_gaza"):
        p = folder / Path(named[key][0]).name
        p.write_bytes(named[key][1])
        out.append(p)
    text = named["gold_nordic"][1].decode("utf-8")
    p = folder / "nordic-cp1252.md"
    p.write_bytes((text + "\nCaf\u00e9 d\u00e9j\u00e0 vu.\n").encode("cp1252", errors="replace"))
    out.append(p)
    p = folder / "unclosed.md"
    p.write_text(text.replace("\n---\n", "\n\n", 1), encoding="utf-8")
    out.append(p)
    body = "New Zealand and Australia agreed to strengthen cooperation on climate finance."
    deep: dict = {}
    cur = deep
    for _ in range(40):
        cur["k"] = {}
        cur = cur["k"]
    lines = [{"text": body, "url": ["a"], "date": "2024-02-30", "publisher": {"x": 1}},
             {"text": body, "title": "t \ud800", "date": [1], "people": [1, None, {"a": 1}]},
             {"text": body, "title": "x" * 100_001, "date": "soon", "extra": deep}]
    p = folder / "feed.jsonl"
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out.append(p)
    return out


def test_warnings_stored_read_and_counted_by_kind(tmp_path, beehive_members):
    from accord.ingest import Rejected, load_documents
    from accord.pipeline import prepare
    from accord.service import ingest
    from accord.store import Store

    files = _hostile_inputs(tmp_path, beehive_members)
    docs = [prepare(d) for d in load_documents([str(p) for p in files]) if not isinstance(d, Rejected)]
    kinds = {w.kind for d in docs for w in d.warnings}
    assert {"bad_date", "no_date", "not_utf8", "front_matter_unclosed", "field_dropped", "invalid_characters",
            "field_cut", "metadata_dropped", "no_text_after_repair"} <= kinds
    with Store(tmp_path / "w.duckdb") as store:
        s = ingest(store, [str(p) for p in files])
        stored = dict(store.con.execute("SELECT kind, count(DISTINCT doc_id) FROM doc_warnings GROUP BY kind").fetchall())
        assert dict(s.warnings) == stored and s.consistent
        assert s.warnings["no_text_after_repair"] == 1  # the image-only release, flagged by text repair
        assert store.con.execute("SELECT DISTINCT stage FROM doc_warnings WHERE kind = 'no_text_after_repair'").fetchall() \
            == [("text",)]
        for d in docs:
            rec = store.document(d.id)
            assert [(w["kind"], w["stage"], w["message"]) for w in rec["warning_records"]] \
                == [(w.kind, w.stage, w.message) for w in d.warnings]
            assert rec["warnings"] == [w.message for w in d.warnings]  # the messages, as before kinds


def test_a_schema_4_store_is_read_then_migrated_with_kinds(tmp_path, beehive_members):
    """A store written before warnings had kinds (schema 4: messages in documents.warnings)
    opens read-only as it is (kinds unknown), and its first read-write open gives every
    message the kind the current code makes it with."""
    from accord.ingest import Rejected, load_documents
    from accord.pipeline import prepare
    from accord.store import Store
    from accord.store.schema import MIGRATIONS

    files = _hostile_inputs(tmp_path, beehive_members)
    docs = [prepare(d) for d in load_documents([str(p) for p in files]) if not isinstance(d, Rejected)]
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE schema_version (version INTEGER)")
    for stmts in MIGRATIONS[:4]:
        for sql in stmts:
            con.execute(sql)
    con.execute("INSERT INTO schema_version VALUES (4)")
    for d in docs:
        con.execute("INSERT INTO documents (id, path, format, kind, warnings, n_sentences) VALUES (?, ?, ?, ?, ?, 0)",
                    [d.id, d.path, d.format, d.meta.kind, [w.message for w in d.warnings]])
    con.close()
    with Store(db, read_only=True) as store:
        for d in docs:
            rec = store.document(d.id)
            assert [(w["kind"], w["message"]) for w in rec["warning_records"]] == [(None, w.message) for w in d.warnings]
    with Store(db) as store:  # migrates
        for d in docs:
            got = [(w["kind"], w["stage"], w["message"]) for w in store.document(d.id)["warning_records"]]
            assert got == [(w.kind, w.stage, w.message) for w in d.warnings]
        n = store.count("doc_warnings")
    assert n == sum(len(d.warnings) for d in docs) > 10
    with Store(db) as store:  # a second open migrates nothing twice
        assert store.count("doc_warnings") == n


def test_cli_counts_warnings_by_kind_and_show_names_them(tmp_path, beehive_members):
    import subprocess
    import sys

    accord = Path(sys.executable).with_name("accord")
    named, _ = beehive_members
    f = tmp_path / "year-one.md"
    f.write_bytes(named["date_0001"][1])
    db = tmp_path / "c.duckdb"
    r = subprocess.run([str(accord), "ingest", str(f), "--db", str(db)], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "COLUMNS": "200"})
    assert r.returncode == 0, r.stderr
    counted = Counter()
    for line in r.stdout.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if len(cells) == 3 and cells[0] in WARNING_KINDS:
            counted[cells[0]] = int(cells[1])
            assert cells[2] == WARNING_KINDS[cells[0]][1]
    assert counted == Counter({"bad_date": 1, "no_date": 1})
    r = subprocess.run([str(accord), "show", str(f), "--db", str(db)], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "COLUMNS": "200"})
    assert r.returncode == 0, r.stderr
    assert "date '0001-01-01' is implausible; date left empty (bad_date)" in r.stdout
