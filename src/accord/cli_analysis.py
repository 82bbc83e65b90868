"""CLI commands of the analysis stages (registered on the main app in cli.py)."""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from .cli import DbOpt, _progress, app, console
from .errors import AccordError
from .store import Store


@app.command()
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
    from .service import extract as do_extract

    if engine not in ("local", "ray"):
        raise typer.BadParameter(f"{engine!r}: choose local or ray", param_hint="--engine")
    if address and engine != "ray":
        raise typer.BadParameter("--address needs --engine ray", param_hint="--address")
    if batch < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--batch")
    if processes < 0:
        raise typer.BadParameter("must be 0 (all cores) or more", param_hint="--processes")
    t0 = time.time()
    with Store(db) as store, _progress() as prog:
        task = prog.add_task("extract", total=None, rate=0.0)
        s = do_extract(store, [str(p) for p in paths], jsonl=str(jsonl) if jsonl else None, batch_size=batch,
                       n_process=processes or None, force=force, engine=engine, address=address,
                       shard_dir=str(shard_dir) if shard_dir else None, follow_symlinks=follow_symlinks,
                       on_progress=lambda n: prog.update(task, completed=n, rate=n / max(1e-9, time.time() - t0)))
    dt = time.time() - t0
    console.print(f"documents {s.documents} analysed, {s.skipped} already done; acts {s.acts}; "
                  f"ingest: read {s.ingest.read} stored {s.ingest.stored} duplicates {s.ingest.duplicates} "
                  f"rejected {len(s.ingest.rejected)}; {dt:.1f}s")
    if s.per_act:
        t = Table("act", "count", title="acts per type")
        for a, n in s.per_act.most_common():
            t.add_row(a, str(n))
        console.print(t)


@app.command("export")
def export_cmd(fmt: str = typer.Option(..., "--format", "-f", help="plover | polecat-tsv | cameo-dyads (Phoenix layout) | parquet | commitments-csv"),
               out: Path = typer.Option(..., "--out", "-o", help="Output file (a folder for parquet)."), db: str = DbOpt):
    """Export acts as PLOVER JSONL, POLECAT TSV, CAMEO dyads (Phoenix layout) or Parquet tables (docs/exports.md)."""
    from .export import Skipped, export

    skipped = Skipped()
    with Store(db, read_only=True) as store:
        n = export(store, fmt, out, skipped)
    console.print(f"wrote {n} {'tables' if fmt == 'parquet' else 'rows'} to {out}")
    if skipped.reasons:
        console.print("acts left out: " + ", ".join(f"{k} {v}" for k, v in skipped.reasons.most_common()))


@app.command()
def evaluate(gold: List[Path] = typer.Argument(..., help="Gold JSONL files (RECORDS.md section 5)."),
             shared: Path = typer.Option(Path("../shared"), help="Folder holding seeds/ and corpus/ named by the gold."),
             misses: bool = typer.Option(True, help="List missed and spurious acts.")):
    """Run the pipeline on the gold's documents and score it (same rules as score_acts.py)."""
    from .evaluate import act_records, format_scores, gold_documents, gold_docs_of, load_jsonl, score
    from .pipeline import analyse_paths

    all_gold = []
    for g in gold:
        if not g.exists():
            raise AccordError(f"{g}: no such gold file")
        all_gold += load_jsonl(g)
    paths = [str(p) for p in gold_documents(gold_docs_of(all_gold), shared)]
    system = [r for doc in analyse_paths(paths) for r in act_records(doc)]
    res = score(all_gold, system)
    console.print(format_scores(res))
    t = Table("act", "tp", "fp", "fn", title="per act type (full match)")
    for a, c in res["per_type"].items():
        t.add_row(a, str(c.get("tp", 0)), str(c.get("fp", 0)), str(c.get("fn", 0)))
    console.print(t)
    if misses:
        for m in res["misses"]:
            console.print(f"{m['kind']:<9} {m['act']:<9} {m['source']} -> {m['target']} | {m['sentence'][:120]}", highlight=False)


@app.command()
def actors(doc: str = typer.Argument(..., help="Document id, id prefix or ingested path."), db: str = DbOpt):
    """Show every actor mention of a stored document, its code and why."""
    from .ingest import parse_bytes
    from .actors import find_actors
    from .pipeline import prepare

    with Store(db, read_only=True) as store:
        did = store.resolve_doc(doc)
        raw = store.raw_bytes(did)
        path = store.document(did)["path"]
    d = next(x for x in parse_bytes(path, raw) if not isinstance(x, AccordError))
    d = find_actors(prepare(d))
    console.print(f"parties: {', '.join(d.parties) or '(none found)'}")
    t = Table("sent", "mention", "code", "sector", "kind", "why")
    for m in d.mentions:
        t.add_row(str(m.sentence), m.text, m.code or "-", m.sector or "", m.kind, m.reason)
    console.print(t)


gaz_app = typer.Typer(help="Query the actor gazetteer.")
app.add_typer(gaz_app, name="gazetteer")


@gaz_app.command("lookup")
def gazetteer_lookup(name: str, date: Optional[str] = typer.Option(None, help="Resolve as of this date (YYYY-MM-DD).")):
    """What a name resolves to (leaders: only while in office on DATE)."""
    from .actors import lookup
    from .util import check_date

    check_date(date, "--date")
    rows = lookup(name, date)
    if not rows:
        console.print(f"{name!r}: not in the gazetteer")
        raise typer.Exit(0)
    for r in rows:
        console.print_json(json.dumps(r))


@app.command()
def link(doc: str = typer.Argument(..., help="A news document: stored id or a file."), db: str = DbOpt,
         window: int = typer.Option(7, help="Days either side of the news date."), limit: int = typer.Option(5),
         as_json: bool = typer.Option(False, "--json")):
    """Find the official documents in the store that a news report covers."""
    from .compare.cli import link_command

    link_command(doc, db, window=window, limit=limit, as_json=as_json)


@app.command()
def compare(news: str = typer.Argument(..., help="News document: stored id or file."),
            source: Optional[str] = typer.Argument(None, help="Official document (default: the best linked one)."),
            db: str = DbOpt, json_out: Optional[Path] = typer.Option(None, "--json", help="Write the comparison as JSON here."),
            store: bool = typer.Option(False, "--store", help="Save the comparison in the store (for the web UI).")):
    """Check a news report sentence by sentence against the official text it covers."""
    from .compare.cli import compare_command

    compare_command(news, source, db=db, json_out=str(json_out) if json_out else None, store_result=store)
