"""The documentation stays true to the code: every CLI command and every API route is
described in docs/, the README is a front page linking the docs pages, every relative
link resolves, and the figures the docs take from constants match them."""
from __future__ import annotations

import re
from pathlib import Path

import typer.main

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
README = REPO / "README.md"


def _commands(cmd, prefix: str = "") -> list[str]:
    if getattr(cmd, "commands", None):  # a group (Typer's own click or the installed one)
        return [n for name, sub in cmd.commands.items() for n in _commands(sub, f"{prefix}{name} ")]
    return [prefix.strip()]


def test_every_cli_command_is_documented():
    from accord.cli import app

    names = _commands(typer.main.get_command(app))
    assert {"ingest", "extract", "serve", "gazetteer lookup", "commitment"} <= set(names)
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [n for n in names if not re.search(rf"`accord {re.escape(n)}(?: |`)", text)]
    assert not missing, f"commands not described in docs/cli.md: {missing}"


def _norm(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path.split("?")[0].split("[")[0])


def test_every_api_route_is_documented():
    from fastapi.routing import APIRoute

    from accord.api.routes import router

    routes = {(m, _norm(r.path)) for r in router.routes if isinstance(r, APIRoute) for m in r.methods}
    assert ("GET", "/api/documents") in routes and ("POST", "/api/ingest") in routes
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    documented = {(m, _norm(p)) for m, p in re.findall(r"`(GET|POST|PUT|DELETE) (/api/[^` ]*)", text)}
    missing = sorted(routes - documented)
    assert not missing, f"API routes not described in docs/api.md: {missing}"


def test_readme_is_a_front_page_linking_the_docs():
    text = README.read_text(encoding="utf-8")
    assert len(text) <= 9000, len(text)
    for heading in ("## What you get", "## Use it on your own documents", "## Requirements", "## Glossary",
                    "## Known limits", "../shared"):
        assert heading in text, heading
    assert "make demo" in text.split("## ")[0] and "make test" in text.split("## ")[0]
    linked = set(re.findall(r"\]\(docs/([^)#]+\.md)\)", text))
    pages = {p.name for p in DOCS.glob("*.md")}
    assert pages <= linked, f"docs pages the README does not link: {sorted(pages - linked)}"
    for img in re.findall(r'src="(docs/[^"]+\.png)"', text):
        assert (REPO / img).stat().st_size < 300_000, img


def test_relative_links_resolve():
    for page in [README, *DOCS.glob("*.md")]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            assert (page.parent / target).exists(), f"{page.relative_to(REPO)}: broken link {target}"


def test_worker_replacement_in_docs_matches_the_code():
    from accord.engines.core import MAX_BATCHES_PER_WORKER

    text = (DOCS / "scale.md").read_text(encoding="utf-8")
    said = {int(n) for n in re.findall(r"replaced (?:every|after) (\d+) batches", text)}
    assert said == {MAX_BATCHES_PER_WORKER}, said


def test_readme_act_record_is_what_extract_writes(tmp_path):
    """The act record the README shows is one `accord extract --jsonl` writes for examples/."""
    import json

    from accord.service import extract
    from accord.store import Store

    block = re.search(r"```json\n(\{\"doc\".*?)\n```", README.read_text(encoding="utf-8"), re.S).group(1)
    shown = json.loads(block)
    out = tmp_path / "acts.jsonl"
    with Store(tmp_path / "s.duckdb") as store:
        extract(store, [str(REPO / "examples")], jsonl=str(out))
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    rec = next(r for r in recs if r["doc_id"] == shown["doc_id"] and r["trigger"] == shown["trigger"])
    head, _, tail = shown["sentence"].partition(" ... ")
    assert rec["sentence"].startswith(head) and rec["sentence"].endswith(tail)
    for k, v in shown.items():
        if k not in ("doc", "sentence"):
            assert rec[k] == v, k
    assert rec["doc"].endswith(shown["doc"])


def test_readme_input_examples_are_read_and_analysed(tmp_path):
    """The README's minimal document and JSONL line each give the act they state."""
    import json

    from accord.service import extract
    from accord.store import Store

    text = README.read_text(encoding="utf-8")
    section = text.split("## Use it on your own documents")[1].split("\n## ")[0]
    blocks = re.findall(r"```\n(.*?)```", section, re.S)
    md = next(b for b in blocks if b.startswith("---"))
    line = next(b for b in blocks if b.startswith("{"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "minimal.md").write_text(md, encoding="utf-8")
    (tmp_path / "in" / "minimal.jsonl").write_text(line, encoding="utf-8")
    out = tmp_path / "acts.jsonl"
    with Store(tmp_path / "s.duckdb") as store:
        s = extract(store, [str(tmp_path / "in")], jsonl=str(out))
    assert s.read == 2 and not s.rejected
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len({r["doc_id"] for r in recs}) == 2
    assert all(r["act"] == "commit" and set(r["source"]) == {"NZL", "JPN"} and r["date"] == "2024-07-18" for r in recs)


def test_readme_comparison_summary_is_consistent():
    """The README's comparison summary adds up: every news sentence has one label, every source sentence one."""
    import json

    block = re.search(r"```json\n(\{\"counts\".*?)\n```", README.read_text(encoding="utf-8"), re.S).group(1)
    c = json.loads(block)
    n = c["counts"]
    assert n["supported"] + n["strength_changed"] + n["added"] + n["contradicted"] == c["news_sentences"]
    assert n["covered"] + n["omitted"] == c["source_sentences"]
    assert abs(c["source_covered_share"] - n["covered"] / c["source_sentences"]) < 0.001
