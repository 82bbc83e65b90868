"""Data files (lexicons, gazetteers, ontology mappings) and their loaders."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import GazetteerError

DATA_DIR = Path(str(resources.files(__package__)))


def path(name: str) -> Path:
    return DATA_DIR / name


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a plain list file."""
    out = []
    for line in path(name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV file with `#` comment lines and a header row."""
    p = path(name)
    lines = [ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        return []
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = []
    for n, row in enumerate(reader, start=2):
        if len(row) < len(header):
            row = row + [""] * (len(header) - len(row))
        if len(row) > len(header):
            raise GazetteerError(f"{p}: data row {n} has {len(row)} columns, header has {len(header)}")
        rows.append({k: v.strip() for k, v in zip(header, row)})
    return rows


def split_multi(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()] if value else []


@lru_cache(maxsize=None)
def multiword_names() -> frozenset[str]:
    """Lower-cased multi-word actor names, used by text repair to rejoin names split
    across lines ("South" / "Korea")."""
    names: set[str] = set()
    for fname, cols in (("actors/states.tsv", ("name", "aliases")), ("actors/bodies.tsv", ("name", "aliases"))):
        if not path(fname).exists():
            continue
        for row in read_tsv(fname):
            for col in cols:
                for n in split_multi(row.get(col, "")):
                    if " " in n:
                        names.add(n.lower())
    return frozenset(names)
