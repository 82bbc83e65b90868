"""Commands comparing news with the official text it reports: link, compare.

DOC, NEWS and SOURCE are file paths (read and analysed on the fly) or document ids (or
id prefixes) in the store."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from ..util import shorten
from ._common import DbOpt, console


def link(doc: str = typer.Argument(..., help="A news document: stored id or a file."), db: str = DbOpt,
         window: int = typer.Option(7, help="Days either side of the news date."), limit: int = typer.Option(5),
         as_json: bool = typer.Option(False, "--json")):
    """Find the official documents in the store that a news report covers."""
    link_command(doc, db, window=window, limit=limit, as_json=as_json)


def compare(news: str = typer.Argument(..., help="News document: stored id or file."),
            source: Optional[str] = typer.Argument(None, help="Official document (default: the best linked one)."),
            db: str = DbOpt, json_out: Optional[Path] = typer.Option(None, "--json", help="Write the comparison as JSON here."),
            store: bool = typer.Option(False, "--store", help="Save the comparison in the store (for the web UI)."),
            hide_omitted: bool = typer.Option(False, "--hide-omitted", help="Do not list the source sentences the news omits.")):
    """Check a news report sentence by sentence against the official text it covers."""
    compare_command(news, source, db=db, json_out=str(json_out) if json_out else None, store_result=store,
                    show_omitted=not hide_omitted)


def link_command(doc: str, db: str, window: int = 7, limit: int = 5, as_json: bool = False) -> list:
    from ..service import link_documents

    news, cands = link_documents(doc, db, window_days=window, limit=limit)
    if as_json:
        console.print_json(json.dumps([c.to_dict() for c in cands], default=str))
        return cands
    t = Table("score", "id", "date", "title", "why", title=f"official documents {news.meta.title or news.id} may report")
    for c in cands:
        t.add_row(f"{c.score:.2f}", c.doc_id, c.date or "", shorten(c.title, 70), "; ".join(c.reasons))
    console.print(t)
    if not cands:
        console.print(f"no statement within {window} days of {news.meta.date or 'an unknown date'}")
    return cands


def compare_command(news: str, source: Optional[str] = None, db: Optional[str] = None, json_out: Optional[str] = None,
                    store_result: bool = False, show_omitted: bool = True):
    from ..compare.report import print_report
    from ..service import compare_documents

    cmp, linked = compare_documents(news, source, db, store_result=store_result)
    if linked is not None:
        console.print(f"[dim]linked to {linked.doc_id} ({linked.title}); score {linked.score:.2f}[/dim]")
    if json_out:
        Path(json_out).write_text(json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    print_report(cmp, console, show_omitted=show_omitted)
    return cmp
