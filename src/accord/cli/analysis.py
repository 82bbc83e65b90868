"""Commands of the analysis stages: extract, export, evaluate, actors, gazetteer."""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from ..store import Store
from ..util import shorten
from ._common import DbOpt, console, date_option, fail_when_nothing_read, print_rejections, print_warnings, progress


def extract(paths: List[Path] = typer.Argument(..., help="Files, folders or .tar.gz archives."), db: str = DbOpt,
            jsonl: Optional[Path] = typer.Option(None, "--jsonl", help="Write one JSON object per act here."),
            processes: int = typer.Option(1, "--processes", "-p",
                                          help="Worker processes (local engine) or CPUs of a private Ray runtime; 0 = all cores."),
            batch: int = typer.Option(200, help="Documents per batch (one worker task, one committed transaction)."),
            force: bool = typer.Option(False, help="Re-extract documents already processed."),
            engine: str = typer.Option("local", "--engine", help="local (processes on this machine) | ray (Ray tasks)."),
            address: Optional[str] = typer.Option(None, "--address",
                                                  help="Ray cluster to join: auto | ray://HOST:PORT (default: start a private local runtime)."),
            shard_dir: Optional[Path] = typer.Option(None, "--shard-dir",
                                                     help="Ray engine: folder for Parquet shards, reachable by every node (default: DB.shards)."),
            follow_symlinks: bool = typer.Option(False, "--follow-symlinks",
                                                 help="Follow links inside folders that point outside them.")):
    """Ingest documents, resolve actors and extract acts; store them (and write JSONL)."""
    from ..service import extract as do_extract

    if engine not in ("local", "ray"):
        raise typer.BadParameter(f"{engine!r}: choose local or ray", param_hint="--engine")
    if address and engine != "ray":
        raise typer.BadParameter("--address needs --engine ray", param_hint="--address")
    if batch < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--batch")
    if processes < 0:
        raise typer.BadParameter("must be 0 (all cores) or more", param_hint="--processes")
    t0 = time.time()
    with Store(db) as store, progress() as prog:
        task = prog.add_task("extract", total=None, rate=0.0)
        s = do_extract(store, [str(p) for p in paths], jsonl=str(jsonl) if jsonl else None, batch_size=batch,
                       n_process=processes or None, force=force, engine=engine, address=address,
                       shard_dir=str(shard_dir) if shard_dir else None, follow_symlinks=follow_symlinks,
                       on_progress=lambda n: prog.update(task, completed=n, rate=n / max(1e-9, time.time() - t0)))
    dt = time.time() - t0
    console.print(f"documents {s.documents} analysed, {s.skipped} already done; acts {s.acts}; "
                  f"ingest: read {s.read} stored {s.stored} duplicates {s.duplicates} "
                  f"rejected {len(s.rejected)}; {dt:.1f}s")
    if s.per_act:
        t = Table("act", "count", title="acts per type")
        for a, n in s.per_act.most_common():
            t.add_row(a, str(n))
        console.print(t)
    print_warnings(s.warnings)
    print_rejections(s.rejected)
    fail_when_nothing_read(paths, s.read, len(s.rejected))


def _export_format(value: str) -> str:
    from ..export import FORMATS

    if value not in FORMATS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(FORMATS)}")
    return value


def export(fmt: str = typer.Option(..., "--format", "-f", callback=_export_format,
                                   help="plover | polecat-tsv | cameo-dyads (Phoenix layout) | parquet | commitments-csv"),
           out: Path = typer.Option(..., "--out", "-o", help="Output file (a folder for parquet)."), db: str = DbOpt):
    """Export acts as PLOVER JSONL, POLECAT TSV, CAMEO dyads (Phoenix layout) or Parquet tables (docs/exports.md)."""
    from ..export import Skipped, export

    skipped = Skipped()
    with Store(db, read_only=True) as store:
        n = export(store, fmt, out, skipped)
    console.print(f"wrote {n} {'tables' if fmt == 'parquet' else 'rows'} to {out}")
    if skipped.reasons:
        console.print("acts left out: " + ", ".join(f"{k} {v}" for k, v in skipped.reasons.most_common()))


def evaluate(gold: List[Path] = typer.Argument(..., help="Gold JSONL files (RECORDS.md section 5)."),
             shared: Path = typer.Option(Path("../shared"), help="Folder holding seeds/ and corpus/ named by the gold."),
             db: Optional[str] = typer.Option(None, "--db", help="Also store the gold's documents and acts here "
                                              "(scored from the store; default: analysed in memory only)."),
             misses: bool = typer.Option(True, help="List missed and spurious acts.")):
    """Run the pipeline on the gold's documents and score it (same rules as score_acts.py)."""
    from ..evaluate import evaluate_gold, format_scores

    res = evaluate_gold(gold, shared, db=db)
    console.print(format_scores(res))
    t = Table("act", "tp", "fp", "fn", title="per act type (full match)")
    for a, c in res["per_type"].items():
        t.add_row(a, str(c.get("tp", 0)), str(c.get("fp", 0)), str(c.get("fn", 0)))
    console.print(t)
    if misses:
        for m in res["misses"]:
            console.print(f"{m['kind']:<9} {m['act']:<9} {m['source']} -> {m['target']} | {shorten(m['sentence'], 120)}", highlight=False)


def actors(doc: str = typer.Argument(..., help="Document id, id prefix or ingested path."), db: str = DbOpt):
    """Show every actor mention of a stored document, its code and why."""
    from ..service import actor_mentions

    with Store(db, read_only=True) as store:
        d = actor_mentions(store, doc)
    console.print(f"parties: {', '.join(d.parties) or '(none found)'}")
    t = Table("sent", "mention", "code", "sector", "kind", "why")
    for m in d.mentions:
        t.add_row(str(m.sentence), m.text, m.code or "-", m.sector or "", m.kind, m.reason)
    console.print(t)


gazetteer = typer.Typer(help="Query the actor gazetteer.", no_args_is_help=True)


@gazetteer.command("lookup")
def gazetteer_lookup(name: str, date: Optional[str] = date_option("Resolve as of this date (YYYY-MM-DD).", "--date"),
                     db: Optional[str] = typer.Option(None, "--db", envvar="ACCORD_DB",
                                                      help="A store: add each code's act count in it.")):
    """What a name resolves to (leaders: only while in office on DATE)."""
    from ..service import gazetteer_lookup

    rows = gazetteer_lookup(name, date, db)
    if not rows:
        console.print(f"{name!r}: not in the gazetteer")
        raise typer.Exit(0)
    for r in rows:
        console.print_json(json.dumps(r))
