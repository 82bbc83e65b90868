"""The published vocabularies and layouts the exports write to (data/export/*, each file cites its
source): PLOVER events, modes, contexts, quad codes and scores; CAMEO codes with Goldstein scores;
Phoenix quad classes and columns; POLECAT columns; actor codes of bodies in PLOVER and CAMEO."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import data
from ..errors import AccordError

QUAD_WORDS = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT", 4: "MATERIAL CONFLICT"}


class ExportDataError(AccordError):
    """A data file under src/accord/data/export is malformed."""


@dataclass(frozen=True)
class Vocab:
    plover_events: dict[str, dict]          # event -> {quad_code, quad, score, modes}
    plover_contexts: tuple[str, ...]        # every PLOVER context, general and special
    context_map: dict[str, str]             # accord context -> PLOVER context
    cameo: dict[str, dict]                  # code -> {goldstein, name}
    phoenix_quad: dict[str, int]            # CAMEO root -> Phoenix QuadClass
    actor_codes: dict[str, tuple[str, str]]  # accord body code -> (PLOVER code, CAMEO code)
    body_names: dict[str, str]              # accord body code -> name
    body_sectors: dict[str, str]            # accord body code -> IGO | NGO
    state_names: dict[str, str]             # ISO alpha-3 -> name
    polecat_columns: tuple[str, ...]
    phoenix_columns: tuple[str, ...]
    mutual_acts: frozenset[str]


def _float(value: str, name: str, where: str) -> float:
    try:
        return float(value)
    except ValueError as e:
        raise ExportDataError(f"src/accord/data/{name}: {where}: {value!r} is not a number") from e


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    events = {}
    for r in data.read_tsv("export/plover_events.tsv"):
        q = int(_float(r["quad_code"], "export/plover_events.tsv", r["event"]))
        if QUAD_WORDS.get(q) != r["quad"]:
            raise ExportDataError(f"src/accord/data/export/plover_events.tsv: {r['event']}: quad {r['quad']!r} "
                                  f"does not match quad_code {q}")
        events[r["event"]] = {"quad_code": q, "quad": r["quad"],
                              "score": _float(r["score"], "export/plover_events.tsv", r["event"]),
                              "modes": tuple(data.split_multi(r["modes"]))}
    contexts, cmap = [], {}
    for r in data.read_tsv("export/plover_contexts.tsv"):
        contexts.append(r["context"])
        for a in data.split_multi(r["accord"]):
            cmap[a] = r["context"]
    cameo = {r["code"]: {"goldstein": _float(r["goldstein"], "export/cameo_codes.tsv", r["code"]), "name": r["name"]}
             for r in data.read_tsv("export/cameo_codes.tsv")}
    quad = {r["root"]: int(r["quad_class"]) for r in data.read_tsv("export/phoenix_quad.tsv")}
    bodies = data.read_tsv("actors/bodies.tsv")
    codes = {r["code"]: (r["plover"], r["cameo"]) for r in data.read_tsv("export/actor_codes.tsv")}
    unknown = set(codes) - {b["code"] for b in bodies}
    if unknown:
        raise ExportDataError(f"src/accord/data/export/actor_codes.tsv: codes not in actors/bodies.tsv: {sorted(unknown)}")
    return Vocab(events, tuple(contexts), cmap, cameo, quad, codes,
                 {b["code"]: b["name"] for b in bodies}, {b["code"]: b.get("sector") or "IGO" for b in bodies},
                 {r["code"]: r["name"] for r in data.read_tsv("actors/states.tsv")},
                 tuple(data.read_lines("export/polecat_columns.txt")),
                 tuple(data.read_lines("export/phoenix_columns.txt")),
                 frozenset(data.read_lines("export/mutual_acts.txt")))
