"""Score extracted acts against gold sentences, with the same rules as
shared/eval/score_acts.py (sentence match on normalised text, exact or fuzzy >= 0.85;
an act is correct when act, source set and target set all equal the gold)."""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

from .models import Document, act_records  # noqa: F401 (act_records: kept importable from here)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def _key(act: dict, level: str):
    src = frozenset(act.get("source") or [])
    tgt = frozenset(act.get("target") or [])
    if level == "act":
        return (act["act"],)
    if level == "act+source":
        return (act["act"], src)
    return (act["act"], src, tgt)


def score(gold: list[dict], system: list[dict]) -> dict:
    merged: dict[str, dict] = {}
    for g in gold:
        k = norm(g["sentence"])
        if k in merged:
            merged[k]["acts"] = merged[k]["acts"] + g["acts"]
        else:
            merged[k] = {**g, "acts": list(g["acts"])}
    gold_items = list(merged.values())
    gold_norm = [norm(g["sentence"]) for g in gold_items]
    exact = {s: i for i, s in enumerate(gold_norm)}
    mapping: dict[str, int | None] = {}
    for s in {norm(a["sentence"]) for a in system}:
        if s in exact:
            mapping[s] = exact[s]
            continue
        best, ratio = None, 0.0
        for i, g in enumerate(gold_norm):
            if abs(len(g) - len(s)) > 0.3 * max(len(g), len(s)):
                continue
            r = difflib.SequenceMatcher(None, g, s, autojunk=False).ratio()
            if r > ratio:
                best, ratio = i, r
        mapping[s] = best if ratio >= 0.85 else None
    sys_by: dict[int, list[dict]] = defaultdict(list)
    for a in system:
        i = mapping.get(norm(a["sentence"]))
        if i is not None:
            sys_by[i].append(a)
    result = {}
    misses = []
    per_type: dict[str, Counter] = defaultdict(Counter)
    for level in ("act", "act+source", "full"):
        tp = fp = fn = 0
        for i, g in enumerate(gold_items):
            gk = Counter(_key(a, level) for a in g["acts"])
            sk = Counter(_key(a, level) for a in sys_by.get(i, []))
            hit = sum((gk & sk).values())
            tp += hit
            fp += sum(sk.values()) - hit
            fn += sum(gk.values()) - hit
            if level == "full":
                for k, n in (gk - sk).items():
                    per_type[k[0]]["fn"] += n
                    misses.append({"sentence": g["sentence"], "kind": "missed", "act": k[0], "source": sorted(k[1]), "target": sorted(k[2])})
                for k, n in (sk - gk).items():
                    per_type[k[0]]["fp"] += n
                    misses.append({"sentence": g["sentence"], "kind": "spurious", "act": k[0], "source": sorted(k[1]), "target": sorted(k[2])})
                for k, n in (gk & sk).items():
                    per_type[k[0]]["tp"] += n
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result[level] = {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}
    result["per_type"] = {k: dict(v) for k, v in sorted(per_type.items())}
    result["misses"] = misses
    return result


def load_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def format_scores(res: dict) -> str:
    lines = [f"{'level':<12}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for level in ("act", "act+source", "full"):
        r = res[level]
        lines.append(f"{level:<12}{r['p']:>7.3f}{r['r']:>7.3f}{r['f1']:>7.3f}{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}")
    return "\n".join(lines)


# Gold documents name their file as it stands under ../shared: seeds directly, corpus
# documents by their path inside the archive that holds them.
ARCHIVES = {"beehive/": "beehive-releases.tar.gz", "wh-briefings/": "wh-briefings.tar.gz"}
GOLD_CACHE = Path.home() / ".cache" / "accord-gold"


def gold_documents(docs: Iterable[str], shared: Path, cache: Path = GOLD_CACHE) -> list[Path]:
    """The files of the gold's documents, in the order given. Corpus members are read from
    their archive once (one pass per archive) into `cache`, and kept there."""
    import tarfile

    from .errors import AccordError

    docs = list(dict.fromkeys(docs))
    found: dict[str, Path] = {}
    wanted: dict[str, set[str]] = {}
    for d in docs:
        direct = shared / d
        if direct.exists():
            found[d] = direct
        elif (cache / d).exists():
            found[d] = cache / d
        else:
            archive = next((a for prefix, a in ARCHIVES.items() if d.startswith(prefix)), None)
            if archive is None:
                raise AccordError(f"{direct}: gold document not found")
            wanted.setdefault(archive, set()).add(d)
    for archive, names in wanted.items():
        path = shared / "corpus" / archive
        if not path.exists():
            raise AccordError(f"{path}: needed to read {sorted(names)[0]} (and {len(names) - 1} more)")
        with tarfile.open(path) as tf:
            for member in tf:
                if member.name in names and member.isfile():
                    target = cache / member.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(tf.extractfile(member).read())
                    found[member.name] = target
                    names.discard(member.name)
                    if not names:
                        break
        if names:
            raise AccordError(f"{path}: holds no member {sorted(names)[0]}")
    return [found[d] for d in docs]


def gold_docs_of(gold: list[dict]) -> list[str]:
    """The documents a gold file names, in order of first appearance."""
    return list(dict.fromkeys(g["doc"] for g in gold))


def run_on_paths(paths: Iterable[str]) -> list[Document]:
    from .pipeline import analyse_paths

    return list(analyse_paths(paths))


def evaluate_gold(gold_files: Iterable[str | Path], shared: Path, db: str | None = None) -> dict:
    """Score the pipeline on gold files: their documents are found under `shared` (corpus
    members unpacked once into a cache) and analysed in memory, or, with `db`, stored
    there by the same run as `accord extract` and scored from the store's acts."""
    from .errors import AccordError

    all_gold: list[dict] = []
    for g in gold_files:
        if not Path(g).exists():
            raise AccordError(f"{g}: no such gold file")
        all_gold += load_jsonl(g)
    paths = [str(p) for p in gold_documents(gold_docs_of(all_gold), Path(shared))]
    if db is None:
        system = [r for doc in run_on_paths(paths) for r in act_records(doc)]
    else:
        from .service import extract
        from .store import Store
        from .store.read import stored_act_records

        with Store(db) as store:
            extract(store, paths)
            system = stored_act_records(store, [(p, store.resolve_doc(p)) for p in paths])
    return score(all_gold, system)
