"""Commands for the main CLI: ``accord link DOC`` and ``accord compare NEWS [SOURCE]``.

DOC, NEWS and SOURCE are file paths (read and prepared on the fly) or document ids (or
id prefixes) in the store. Wire in with ``app.add_typer`` or by calling the functions.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from ..errors import AccordError, NotFoundError
from ..models import Document

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Compare news with the official text it reports.")
console = Console()


def _resolve(ref: str, db: str | None) -> Document:
    p = Path(ref)
    if p.exists():
        from ..ingest import Rejected, load_documents
        from ..pipeline import analyse

        for d in load_documents([str(p)]):
            if isinstance(d, Rejected):
                raise AccordError(f"{d.path}: {d.reason}")
            return next(analyse([d]))  # actors and acts feed the comparison
        raise NotFoundError(f"{ref}: no document read")
    if not db or not Path(db).exists():
        raise NotFoundError(f"{ref}: not a file, and no store to look it up in")
    from ..store import Store
    from .link import load_from_store

    with Store(db, read_only=True) as store:
        return load_from_store(store.con, ref)


def link_command(doc: str, db: str, window: int = 7, limit: int = 5, as_json: bool = False) -> list:
    from ..store import Store
    from .link import link_candidates

    news = _resolve(doc, db)
    with Store(db, read_only=True) as store:
        cands = link_candidates(news, store, window_days=window, limit=limit)
    if as_json:
        console.print_json(json.dumps([c.to_dict() for c in cands], default=str))
        return cands
    t = Table("score", "id", "date", "title", "why", title=f"official documents {news.meta.title or news.id} may report")
    for c in cands:
        t.add_row(f"{c.score:.2f}", c.doc_id, c.date or "", (c.title or "")[:70], "; ".join(c.reasons))
    console.print(t)
    if not cands:
        console.print(f"no statement within {window} days of {news.meta.date or 'an unknown date'}")
    return cands


def compare_command(news: str, source: Optional[str] = None, db: Optional[str] = None, json_out: Optional[str] = None,
                    store_result: bool = False, show_omitted: bool = True):
    from .align import compare
    from .report import print_report

    n = _resolve(news, db)
    if source is None:
        if not db:
            raise AccordError("no SOURCE given and no store to link against")
        from ..store import Store
        from .link import link_candidates

        with Store(db, read_only=True) as store:
            cands = link_candidates(n, store, limit=1)
        if not cands:
            raise NotFoundError(f"{news}: no official document found to compare with (give SOURCE)")
        console.print(f"[dim]linked to {cands[0].doc_id} ({cands[0].title}); score {cands[0].score:.2f}[/dim]")
        source = cands[0].doc_id
    s = _resolve(source, db)
    cmp = compare(n, s)
    if json_out:
        Path(json_out).write_text(json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    if store_result and db:
        from ..store import Store
        from .store import write_comparison

        with Store(db) as store:
            write_comparison(store.con, cmp)
    print_report(cmp, console, show_omitted=show_omitted)
    return cmp


@app.command("link")
def link(doc: str = typer.Argument(..., help="News document: file path or stored id."),
         db: str = typer.Option("accord.duckdb", "--db", envvar="ACCORD_DB"),
         window: int = typer.Option(7, help="Days either side of the news date."),
         limit: int = typer.Option(5), as_json: bool = typer.Option(False, "--json")):
    """Find the official statement(s) a news document reports."""
    link_command(doc, db, window, limit, as_json)


@app.command("compare")
def compare_cmd(news: str = typer.Argument(..., help="News document: file path or stored id."),
                source: Optional[str] = typer.Argument(None, help="Official document (default: best linked)."),
                db: str = typer.Option("accord.duckdb", "--db", envvar="ACCORD_DB"),
                json_out: Optional[str] = typer.Option(None, "--json-out", help="Write the comparison as JSON here."),
                store_result: bool = typer.Option(False, "--store", help="Save into the store's comparison tables."),
                hide_omitted: bool = typer.Option(False, "--hide-omitted")):
    """Check a news report against the official text it covers."""
    compare_command(news, source, db, json_out, store_result, not hide_omitted)


if __name__ == "__main__":
    app()
