"""Command-line interface (thin: parsing, printing; the work is in the library).

Exit codes: 0 success; 1 an accord error (the message names the file and the
problem); 2 bad usage (unknown option, missing argument).
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import AccordError
from .text.safe import term
from .store import Store
from .store.db import DEFAULT_DB

app = typer.Typer(add_completion=False, no_args_is_help=True, help="accord: diplomatic documents to structured, source-linked records.")
console = Console()
err = Console(stderr=True)

DbOpt = typer.Option(DEFAULT_DB, "--db", help="DuckDB store file.", envvar="ACCORD_DB")


def _progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.completed} docs"),
                    TextColumn("{task.fields[rate]:.0f} docs/s"), TimeElapsedColumn(), console=err,
                    disable=not err.is_terminal or os.environ.get("CI") == "true", transient=False)


@app.command()
def ingest(paths: List[Path] = typer.Argument(..., help="Files, folders or .tar.gz archives."),
           db: str = DbOpt,
           batch: int = typer.Option(200, min=1, help="Documents committed per transaction."),
           show_rejected: int = typer.Option(20, min=0, help="How many rejections to list."),
           follow_symlinks: bool = typer.Option(False, "--follow-symlinks",
                                                help="Follow links inside folders that point outside them.")):
    """Read documents, repair and segment their text, and store them."""
    from .service import ingest as do_ingest

    t0 = time.time()
    with Store(db) as store, _progress() as prog:
        task = prog.add_task("ingest", total=None, rate=0.0)

        def tick(s):
            prog.update(task, completed=s.read, rate=s.read / max(1e-9, time.time() - t0))

        s = do_ingest(store, [str(p) for p in paths], batch_size=batch, on_progress=tick, follow_symlinks=follow_symlinks)
    dt = time.time() - t0
    console.print(f"read {s.read}  stored {s.stored}  duplicates {s.duplicates}  rejected {len(s.rejected)}"
                  f"  in {dt:.1f}s ({s.read / max(dt, 1e-9):.0f} docs/s)  -> {db}", soft_wrap=True)
    if s.rejected:
        by_reason = Counter(r for _, r in s.rejected)
        t = Table("reason", "files", title=f"rejected ({len(s.rejected)}), by reason")
        for r, n in by_reason.most_common(10):
            t.add_row(term(r), str(n))
        if len(by_reason) > 10:
            t.add_row(f"({len(by_reason) - 10} other reasons)", str(sum(n for _, n in by_reason.most_common()[10:])))
        console.print(t)
        # full paths, one a line, never cut: the reader must be able to find the file
        for p, r in s.rejected[:show_rejected]:
            console.print(f"  rejected {term(p)}: {term(r)}", highlight=False, soft_wrap=True)
        if len(s.rejected) > show_rejected:
            console.print(f"  ... and {len(s.rejected) - show_rejected} more (all are in the store's rejections table)")
    if s.warnings:
        t = Table("warning", "documents", title="warnings")
        for w, n in s.warnings.most_common(10):
            t.add_row(term(w), str(n))
        console.print(t)


@app.command()
def docs(db: str = DbOpt,
         since: Optional[str] = typer.Option(None, help="Earliest date (YYYY-MM-DD)."),
         until: Optional[str] = typer.Option(None, help="Latest date (YYYY-MM-DD)."),
         kind: Optional[str] = typer.Option(None, help="statement, news or other."),
         search: Optional[str] = typer.Option(None, "--search", "-s", help="Text to find in title or body."),
         limit: int = typer.Option(50, min=1, max=1_000_000, help="How many documents to list."), as_json: bool = typer.Option(False, "--json")):
    """List stored documents."""
    from .util import check_date

    check_date(since, "--since")
    check_date(until, "--until")
    with Store(db, read_only=True) as store:
        rows = store.list_documents(since, until, kind, search, limit)
    if as_json:
        console.print_json(json.dumps(rows, default=str))
        return
    t = Table("id", "date", "kind", "sents", "title")
    for r in rows:
        t.add_row(r["id"], str(r["date"] or ""), term(r["kind"]), str(r["n_sentences"]), term((r["title"] or "")[:90]))
    console.print(t)
    console.print(f"{len(rows)} documents")


@app.command()
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
    for w in d["warnings"] or []:
        console.print(f"[yellow]warning[/yellow] {term(w)}")
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


def main() -> None:
    import duckdb

    from rich.markup import escape

    from .store.db import last_opened, store_error
    from .text.safe import terminal_safe

    try:
        app()
    except AccordError as exc:
        err.print("[red]error:[/red] " + escape(terminal_safe(str(exc))), highlight=False, soft_wrap=True)
        sys.exit(1)
    except duckdb.Error as exc:  # the store failed under a read or write (a corrupt block, a full disk)
        err.print("[red]error:[/red] " + escape(terminal_safe(str(store_error(last_opened(), exc)))), highlight=False,
                  soft_wrap=True)
        sys.exit(1)



from . import cli_analysis  # noqa: E402,F401  (registers extract, export, evaluate, actors, gazetteer)
from . import cli_serve  # noqa: E402,F401  (registers serve)


if __name__ == "__main__":  # `python -m accord.cli`: run the imported module, where every command is registered
    from accord.cli import main as _main

    _main()
from . import cli_commitments  # noqa: E402,F401  (registers commitments, commitment)
