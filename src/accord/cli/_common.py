"""What every command module shares: the consoles, the --db option, the progress bar,
and option checks that make a bad value a usage error (exit 2)."""
from __future__ import annotations

import os
from collections import Counter
from typing import Iterable, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import AccordError
from ..store.db import DEFAULT_DB
from ..text.safe import term

console = Console()
err = Console(stderr=True)

DbOpt = typer.Option(DEFAULT_DB, "--db", help="DuckDB store file.", envvar="ACCORD_DB")


def progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.completed} docs"),
                    TextColumn("{task.fields[rate]:.0f} docs/s"), TimeElapsedColumn(), console=err,
                    disable=not err.is_terminal or os.environ.get("CI") == "true", transient=False)


def _date(value: Optional[str]) -> Optional[str]:
    from ..util import check_date

    try:
        return check_date(value, "date")
    except AccordError:
        raise typer.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None


def date_option(help: str, *names: str):
    """An optional YYYY-MM-DD option; any other value is bad usage (exit 2)."""
    return typer.Option(None, *names, help=help, callback=_date)


def choice_option(choices: Iterable[str], help: str, *names: str):
    """An optional option taking one of `choices`; any other value is bad usage (exit 2)."""
    choices = tuple(choices)

    def check(value: Optional[str]) -> Optional[str]:
        if value is not None and value not in choices:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}")
        return value

    return typer.Option(None, *names, help=help, callback=check)


def print_rejections(rejected: list[tuple[str, str]], show: int = 20) -> None:
    """Rejected files by reason, then the first `show` of them with their full path."""
    if not rejected:
        return
    by_reason = Counter(r for _, r in rejected)
    t = Table("reason", "files", title=f"rejected ({len(rejected)}), by reason")
    for r, n in by_reason.most_common(10):
        t.add_row(term(r), str(n))
    if len(by_reason) > 10:
        t.add_row(f"({len(by_reason) - 10} other reasons)", str(sum(n for _, n in by_reason.most_common()[10:])))
    console.print(t)
    # full paths, one a line, never cut: the reader must be able to find the file
    for p, r in rejected[:show]:
        console.print(f"  rejected {term(p)}: {term(r)}", highlight=False, soft_wrap=True)
    if len(rejected) > show:
        console.print(f"  ... and {len(rejected) - show} more (all are in the store's rejections table)")


def print_warnings(warnings: Counter) -> None:
    """Documents with a warning, by kind (what each kind means beside it)."""
    from ..models import WARNING_KINDS

    if not warnings:
        return
    t = Table("warning", "documents", "meaning", title="warnings (documents kept)")
    for kind, n in warnings.most_common():
        t.add_row(kind, str(n), WARNING_KINDS.get(kind, ("", ""))[1])
    console.print(t)


def fail_when_nothing_read(paths: list, read: int, rejected: int) -> None:
    """Exit 1 (after the summary) when the paths held no document, or every one was rejected:
    a script must be able to tell."""
    if read == 0:
        err.print(f"[red]error:[/red] no documents found in {term(', '.join(map(str, paths)))}", highlight=False)
        raise typer.Exit(1)
    if rejected == read:
        err.print(f"[red]error:[/red] every input was rejected ({rejected}); nothing was stored", highlight=False)
        raise typer.Exit(1)
