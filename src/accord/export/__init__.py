"""Exports from the store in the layouts event-data researchers already load: PLOVER JSON Lines,
POLECAT TSV, CAMEO dyads in the Phoenix 26-column layout, Parquet tables, and the commitments CSV.

Each format's columns, value sets and sources are in docs/exports.md; the records are built in
accord.export.events, the vocabularies come from data/export/ (accord.export.vocab).
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from ..errors import AccordError
from ..store import Store
from .events import POLECAT_EXTRAS, Skipped, load_acts, phoenix_rows, plover_record, polecat_row
from .vocab import vocab

FORMATS = ("plover", "polecat-tsv", "cameo-dyads", "parquet", "commitments-csv")
PARQUET_TABLES = (("documents", "SELECT * EXCLUDE (raw) FROM documents"), ("sentences", "SELECT * FROM sentences"),
                  ("mentions", "SELECT * FROM mentions"), ("acts", "SELECT * FROM acts"),
                  ("commitments", "SELECT * FROM commitments"), ("commitment_events", "SELECT * FROM commitment_events"))
PARQUET_README = """accord store tables, one folder per table (read one table at a time):

    pandas.read_parquet("{out}/acts")      # or duckdb: SELECT * FROM '{out}/acts/*.parquet'

Tables: {tables}.
This file is here so that reading the whole folder as one table fails instead of stacking
different tables into one frame.
"""


def polecat_columns() -> list[str]:
    return list(vocab().polecat_columns) + list(POLECAT_EXTRAS)


def export(store: Store, fmt: str, out: str | Path, skipped: Skipped | None = None) -> int:
    """Write the store in format `fmt` to `out` (a folder for parquet). Returns the number of rows
    (records, dyads, tables) written; acts left out are counted by reason in `skipped`."""
    out = Path(out)
    if fmt not in FORMATS:
        raise AccordError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    skipped = skipped if skipped is not None else Skipped()
    if fmt == "parquet":
        return _parquet(store, out)
    if fmt == "commitments-csv":
        return _commitments_csv(store, out)
    acts = load_acts(store)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    if fmt == "plover":
        with out.open("w", encoding="utf-8") as fh:
            for r in acts:
                rec = plover_record(r, skipped)
                if rec is not None:
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    n += 1
        return n
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        if fmt == "polecat-tsv":
            cols = polecat_columns()
            w.writerow(cols)
            for r in acts:
                row = polecat_row(r, skipped)
                if row is not None:
                    w.writerow([_cell(row[c]) for c in cols])
                    n += 1
            return n
        for r in acts:        # cameo-dyads: Phoenix layout, no header
            for row in phoenix_rows(r, skipped):
                w.writerow([_cell(x) for x in row])
                n += 1
    return n


def _cell(x) -> str:
    """A TSV cell: tabs and line breaks inside a value become spaces."""
    return "" if x is None else str(x).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _parquet(store: Store, out: Path) -> int:
    """One sub-folder per table (out/acts/acts.parquet ...) and a README.txt beside them."""
    out.mkdir(parents=True, exist_ok=True)
    for table, sql in PARQUET_TABLES:
        (out / table).mkdir(exist_ok=True)
        store.con.execute(f"COPY ({sql}) TO '{(out / table / (table + '.parquet')).as_posix()}' (FORMAT PARQUET)")
    (out / "README.txt").write_text(PARQUET_README.format(out=out.as_posix(), tables=", ".join(t for t, _ in PARQUET_TABLES)),
                                    encoding="utf-8")
    return len(PARQUET_TABLES)


COMMITMENT_COLUMNS = ["id", "date", "parties", "counterpart", "matter", "firmness", "act", "trigger", "deadline_text",
                      "deadline_start", "deadline_end", "deadline_problem", "status", "status_as_of", "decided_on",
                      "n_followups", "last_followup", "doc_id", "sentence_idx", "span_start", "span_end", "path", "sentence"]


def _commitments_csv(store: Store, out: Path) -> int:
    """One row per commitment with its status as of today (list fields joined with ';')."""
    import datetime as dt

    from ..commitments import list_commitments

    today = dt.date.today().isoformat()
    rows = list_commitments(store, as_of=today, limit=None)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COMMITMENT_COLUMNS)
        for r in sorted(rows, key=lambda r: (str(r["date"]), r["id"])):
            r = {**r, "status_as_of": today}
            w.writerow([";".join(r[c] or []) if c in ("parties", "counterpart") else ("" if r[c] is None else str(r[c]))
                        for c in COMMITMENT_COLUMNS])
    return len(rows)
