"""Command-line interface: one module per group of commands, each command a few lines
over one library call (parsing and printing only; the work is in the library).

Exit codes: 0 success; 1 an accord error (the message names the file and the
problem), or nothing to do (no documents found, every input rejected); 2 bad usage
(unknown option, missing argument, a bad option value).
"""
from __future__ import annotations

import sys

import typer

from .. import __version__
from ..errors import AccordError
from . import analysis, commitments, compare, documents, serve
from ._common import err

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="accord: diplomatic documents to structured, source-linked records.")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"accord {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                                  help="Print the version and exit.")) -> None:
    """accord: diplomatic documents to structured, source-linked records."""


# the commands, in the order `accord --help` lists them
for fn in (documents.ingest, analysis.extract, documents.docs, documents.show, analysis.actors, compare.link,
           compare.compare, commitments.commitments):
    app.command()(fn)
app.command("commitment")(commitments.commitment)
app.command("export")(analysis.export)
app.command()(analysis.evaluate)
app.add_typer(analysis.gazetteer, name="gazetteer")
app.command()(serve.serve)

COMMANDS = ["ingest", "extract", "docs", "show", "actors", "link", "compare", "commitments", "commitment", "export",
            "evaluate", "gazetteer lookup", "serve"]


def main() -> None:
    import duckdb
    from rich.markup import escape

    from ..store.db import last_opened, store_error
    from ..text.safe import terminal_safe

    try:
        app()
    except AccordError as exc:
        err.print("[red]error:[/red] " + escape(terminal_safe(str(exc))), highlight=False, soft_wrap=True)
        sys.exit(1)
    except duckdb.Error as exc:  # the store failed under a read or write (a corrupt block, a full disk)
        err.print("[red]error:[/red] " + escape(terminal_safe(str(store_error(last_opened(), exc)))), highlight=False,
                  soft_wrap=True)
        sys.exit(1)
