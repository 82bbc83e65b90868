"""Commands over stored documents: ingest, docs, show."""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from ..store import Store
from ..text.safe import term
from ..util import shorten
from ._common import (DbOpt, choice_option, console, date_option, fail_when_nothing_read, print_rejections,
                      print_warnings, progress)

KINDS = ("statement", "news", "other")


def ingest(paths: List[Path] = typer.Argument(..., help="Files, folders or .tar.gz archives."),
           db: str = DbOpt,
           batch: int = typer.Option(200, min=1, help="Documents committed per transaction."),
           show_rejected: int = typer.Option(20, min=0, help="How many rejections to list."),
           follow_symlinks: bool = typer.Option(False, "--follow-symlinks",
                                                help="Follow links inside folders that point outside them.")):
    """Read documents, repair and segment their text, and store them."""
    from ..service import ingest as do_ingest

    t0 = time.time()
    with Store(db) as store, progress() as prog:
        task = prog.add_task("ingest", total=None, rate=0.0)

        def tick(s):
            prog.update(task, completed=s.read, rate=s.read / max(1e-9, time.time() - t0))

        s = do_ingest(store, [str(p) for p in paths], batch_size=batch, on_progress=tick, follow_symlinks=follow_symlinks)
    dt = time.time() - t0
    console.print(f"read {s.read}  stored {s.stored}  duplicates {s.duplicates}  rejected {len(s.rejected)}"
                  f"  in {dt:.1f}s ({s.read / max(dt, 1e-9):.0f} docs/s)  -> {db}", soft_wrap=True)
    print_rejections(s.rejected, show_rejected)
    print_warnings(s.warnings)
    fail_when_nothing_read(paths, s.read, len(s.rejected))


def docs(db: str = DbOpt,
         since: Optional[str] = date_option("Earliest date (YYYY-MM-DD).", "--since"),
         until: Optional[str] = date_option("Latest date (YYYY-MM-DD).", "--until"),
         kind: Optional[str] = choice_option(KINDS, "statement, news or other.", "--kind"),
         search: Optional[str] = typer.Option(None, "--search", "-s", help="Text to find in title or body."),
         limit: int = typer.Option(50, min=1, max=1_000_000, help="How many documents to list."), as_json: bool = typer.Option(False, "--json")):
    """List stored documents."""
    from ..queries import list_documents

    with Store(db, read_only=True) as store:
        rows = list_documents(store.con, since, until, kind, search, limit)["items"]
    if as_json:
        console.print_json(json.dumps(rows, default=str))
        return
    t = Table("id", "date", "kind", "sents", "title")
    for r in rows:
        t.add_row(r["id"], str(r["date"] or ""), term(r["kind"]), str(r["n_sentences"]), term(shorten(r["title"], 90)))
    console.print(t)
    console.print(f"{len(rows)} documents")


def show(doc: str = typer.Argument(..., help="Document id, id prefix or ingested path."), db: str = DbOpt,
         as_json: bool = typer.Option(False, "--json")):
    """Show a document: metadata, sections, sentences and the repairs made."""
    with Store(db, read_only=True) as store:
        d = store.document(doc)
    if as_json:
        console.print_json(json.dumps(d, default=str))
        return
    console.print(f"[bold]{term(d['title'])}[/bold]")
    console.print(f"id {d['id']}  date {d['date']}  kind {d['kind']}  format {d['format']}  publisher {term(d['publisher'])}")
    console.print(f"url {term(d['url'])}\npaths {term(', '.join(d['paths']))}")
    if d["people"]:
        console.print(f"people {term(', '.join(d['people']))}")
    for w in d["warning_records"]:
        console.print(f"[yellow]warning[/yellow] {term(w['message'])} [dim]({w['kind'] or 'kind not recorded'})[/dim]",
                      highlight=False)
    titles = {s["idx"]: s["title"] for s in d["sections"]}
    cur = None
    for s in d["sentences"]:
        if s["section_idx"] != cur:
            cur = s["section_idx"]
            if titles.get(cur):
                console.print(f"\n[bold underline]{term(titles[cur])}[/bold underline]")
        role = "" if s["role"] == "body" else f"[dim]({s['role']})[/dim] "
        console.print(f"[dim]{s['idx']:>3} {s['start_char']}-{s['end_char']}[/dim] {role}{term(s['text'])}", highlight=False)
    if d["repairs"]:
        t = Table("kind", "at", "before", "after", title=f"repairs ({len(d['repairs'])})")
        for r in d["repairs"]:
            at = "" if r["start_char"] < 0 else f"{r['start_char']}-{r['end_char']}"
            t.add_row(r["kind"], at, term(r["before"]), term(r["after"]))
        console.print(t)
