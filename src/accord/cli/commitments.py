"""Commands of the commitments ledger: commitments, commitment."""
from __future__ import annotations

import json
import time
from typing import Optional

import typer
from rich.table import Table

from ..commitments.query import FIRMNESS, STATUSES
from ..store import Store
from ..util import shorten
from ._common import DbOpt, choice_option, console, date_option, err


def commitments(db: str = DbOpt,
                party: Optional[str] = typer.Option(None, "--party", help="Actor code among the parties or counterparts (KOR)."),
                status: Optional[str] = choice_option(STATUSES, "open, fulfilled, overdue or reversed.", "--status"),
                as_of: Optional[str] = date_option("Status as of this date (default today).", "--as-of"),
                since: Optional[str] = date_option("Made on or after this date.", "--since"),
                until: Optional[str] = date_option("Made on or before this date.", "--until"),
                firmness: Optional[str] = choice_option(FIRMNESS, "firm or exploratory.", "--firmness"),
                search: Optional[str] = typer.Option(None, "--search", "-s", help="Text in the matter or sentence."),
                limit: int = typer.Option(50, help="Rows to print (0: all)."),
                build: bool = typer.Option(False, "--build", help="Build or refresh the ledger from the acts table first."),
                rebuild: bool = typer.Option(False, "--rebuild", help="With --build: re-read every document."),
                horizon: int = typer.Option(5 * 365, help="With --build: days after a commitment searched for follow-ups."),
                as_json: bool = typer.Option(False, "--json")):
    """List commitments with their status as of a date; --build makes the ledger first."""
    from ..commitments import build as do_build, ledger_built, list_commitments, status_counts

    if build or rebuild:
        t0 = time.time()
        with Store(db) as store:
            s = do_build(store, rebuild=rebuild, horizon_days=horizon)
        err.print(f"ledger: {s.commitments} commitments ({s.new_commitments} new from {s.acts_read} acts, "
                  f"{s.merged} restatements merged, {sum(s.skipped.values())} acts not commitments), "
                  f"{s.with_deadline} with a deadline; follow-ups: {s.candidates} candidates from "
                  f"{s.sentences_indexed} sentences, events {dict(s.events)}; {time.time() - t0:.1f}s", highlight=False)
        for w in s.warnings:
            err.print(f"[yellow]warning[/yellow] {w}", highlight=False)
    with Store(db, read_only=True) as store:
        if not ledger_built(store):
            err.print(f"the commitments ledger of {db} is not built yet: run `accord commitments --build --db {db}` "
                      "(it reads the commitment acts of the extracted documents)", highlight=False)
            raise typer.Exit(1)
        rows = list_commitments(store, party=party, status=status, as_of=as_of, since=since, until=until,
                                firmness=firmness, search=search, limit=limit or None)
        counts = status_counts(store, as_of)
    if as_json:
        console.print_json(json.dumps(rows, default=str))
        return
    # readable at 80 columns: the matter wraps, the other columns are short and never wrap
    t = Table(title=f"commitments as of {as_of or 'today'}", expand=False, pad_edge=False)
    t.add_column("id", no_wrap=True)
    t.add_column("made", no_wrap=True)
    t.add_column("by → to", no_wrap=False, max_width=13)
    t.add_column("matter", ratio=1, min_width=24, overflow="fold")
    t.add_column("due", no_wrap=True)
    t.add_column("status", no_wrap=True)
    for r in rows:
        who = ",".join(r["parties"]) + (" → " + ",".join(r["counterpart"]) if r["counterpart"] else "")
        matter = r["matter"] + (" (exploratory)" if r["firmness"] == "exploratory" else "")
        due = str(r["deadline_end"]) if r["deadline_end"] else ("?" if r["deadline_text"] else "")
        st = r["status"] + (f" +{r['n_followups']}" if r["n_followups"] else "")
        t.add_row(r["id"][:8], str(r["date"]), who, matter, due, st)
    console.print(t)
    console.print(f"{len(rows)} shown (status +N: N later documents followed it up); all commitments by status: "
                  + ", ".join(f"{k} {v}" for k, v in counts.items()), highlight=False)


def commitment(ref: str = typer.Argument(..., help="Commitment id or id prefix."), db: str = DbOpt,
                   as_of: Optional[str] = date_option("Status as of this date (default today).", "--as-of"),
                   as_json: bool = typer.Option(False, "--json")):
    """One commitment: its status and timeline, each event with its sentence and document."""
    from ..commitments import commitment as one_commitment

    with Store(db, read_only=True) as store:
        c = one_commitment(store, ref, as_of=as_of)
    if as_json:
        console.print_json(json.dumps(c, default=str))
        return
    console.print(f"[bold]{c['matter']}[/bold]  ({c['firmness']})", highlight=False)
    console.print(f"id {c['id']}  made {c['date']} by {', '.join(c['parties'])}"
                  + (f" towards {', '.join(c['counterpart'])}" if c["counterpart"] else ""), highlight=False)
    dl = (f"{c['deadline_text']!r} -> {c['deadline_start'] or '?'}..{c['deadline_end'] or '?'}"
          + (" (not normalised)" if c["deadline_problem"] else "")) if c["deadline_text"] else "none"
    console.print(f"deadline {dl}", highlight=False)
    console.print(f"status as of {as_of or 'today'}: [bold]{c['status']}[/bold]", highlight=False)
    ck = c["checked"]
    console.print(f"checked {ck['documents']} later documents naming {', '.join(ck['parties'])} "
                  f"({ck['first'] or '-'} to {ck['last'] or '-'}; searched until {ck['until']}); {ck['linked']} followed it up"
                  + ("; none reports it done" if c["status"] in ("open", "overdue") else ""), highlight=False)
    console.print("\ntimeline:")
    for e in c["events"]:
        if as_of and str(e["date"]) > as_of:
            continue
        console.print(f"  {e['date']}  [bold]{e['kind']:<10}[/bold] {e['act']}" + (f" '{e['trigger']}'" if e["trigger"] else "") + " "
                      f"by {','.join(e['source'])}" + (f" -> {','.join(e['target'])}" if e["target"] else "")
                      + (f"  score {e['score']:.2f} {e['shared_terms']}" if e["kind"] != "made" else ""), highlight=False)
        console.print(f"      {e['sentence']}", highlight=False, soft_wrap=True)
        console.print(f"      [dim]{e['title'] or ''} | {e['path']} | sentence {e['sentence_idx']} "
                      f"[{e['span_start']}:{e['span_end']}][/dim]", highlight=False, soft_wrap=True)
