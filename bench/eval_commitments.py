"""Precision and recall of commitment follow-up links, and status accuracy, on the
hand-labelled commitments in tests/data/commitments/labels.json.

    .venv/bin/python bench/eval_commitments.py [--details] [--db STORE]

Without --db, a store is built in a temporary folder from the labelled documents (each
commitment's document, its expected follow-ups and the listed distractor documents), read
from the unpacked corpus (~/.cache/accord-corpus or $ACCORD_CORPUS_CACHE) or, failing that,
from ../shared/corpus/*.tar.gz; then `extract` and the ledger build run on it. With --db, an
existing store that holds those documents (ingested with paths relative to the corpus root)
is used as is (its ledger must be built).

A label matches the system's commitments made in the sentence of its document that
contains the label's text; their follow-up events are pooled (one per later document, the
strongest kind). A link is correct when its document is an expected follow-up; its kind is
scored separately. Status is checked at each labelled date.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
LABELS = ROOT / "tests" / "data" / "commitments" / "labels.json"
SHARED = ROOT.parent / "shared"
CACHE = Path(os.environ.get("ACCORD_CORPUS_CACHE", Path.home() / ".cache" / "accord-corpus"))
ARCHIVES = {"beehive": "beehive-releases.tar.gz", "wh-briefings": "wh-briefings.tar.gz"}
PRIORITY = {"reversed": 4, "fulfilled": 3, "progressed": 2, "reaffirmed": 1}


def norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


def load_labels() -> dict:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def label_docs(data: dict) -> list[str]:
    docs = list(data.get("context", []))
    for c in data["commitments"]:
        docs.append(c["doc"])
        docs += [f["doc"] for f in c["followups"]]
    return sorted(set(docs))


def materialise(docs: list[str], dest: Path) -> tuple[list[str], list[str]]:
    """Copy (or extract) the corpus documents under dest with their archive paths; returns
    (paths relative to dest, missing)."""
    found, missing, wanted = [], [], {}
    for d in docs:
        if d.startswith("examples/"):
            src = ROOT / d
            if src.exists():
                (dest / d).parent.mkdir(parents=True, exist_ok=True)
                (dest / d).write_bytes(src.read_bytes())
                found.append(d)
            else:
                missing.append(d)
        elif (CACHE / d).exists():
            (dest / d).parent.mkdir(parents=True, exist_ok=True)
            (dest / d).write_bytes((CACHE / d).read_bytes())
            found.append(d)
        else:
            wanted.setdefault(d.split("/")[0], set()).add(d)
    for top, names in wanted.items():
        archive = SHARED / "corpus" / ARCHIVES.get(top, "")
        if not archive.is_file():
            missing += sorted(names)
            continue
        with tarfile.open(archive, "r:gz") as tf:
            for m in tf:
                if m.name in names:
                    (dest / m.name).parent.mkdir(parents=True, exist_ok=True)
                    (dest / m.name).write_bytes(tf.extractfile(m).read())
                    found.append(m.name)
                    names.discard(m.name)
                    if not names:
                        break
        missing += sorted(names)
    return found, missing


def build_store(data: dict, workdir: Path) -> tuple[Path, list[str]]:
    from accord.commitments import build
    from accord.service import extract
    from accord.store import Store

    corpus = workdir / "docs"
    corpus.mkdir()
    found, missing = materialise(label_docs(data), corpus)
    db = workdir / "eval.duckdb"
    cwd = os.getcwd()
    os.chdir(corpus)  # store paths as the labels name them
    try:
        with Store(db) as store:
            extract(store, found)
            build(store)
    finally:
        os.chdir(cwd)
    return db, missing


def evaluate(db: Path, data: dict, details: bool = False) -> dict:
    from accord.commitments.query import STATUS_SQL
    from accord.store import Store

    tp = fp = fn = 0
    kinds = Counter()
    status_ok = status_n = 0
    found = 0
    lines = []
    with Store(db, read_only=True) as store:
        for lab in data["commitments"]:
            rows = store.query(
                """SELECT c.id, c.sentence, c.matter, d.path FROM commitments c JOIN doc_paths p ON p.doc_id = c.doc_id
                   JOIN documents d ON d.id = c.doc_id WHERE p.path = ? OR p.path LIKE ? ORDER BY c.sentence_idx, c.id""",
                [lab["doc"], "%/" + lab["doc"]])
            want = norm(lab["sentence"])
            cms = [r for r in rows if want in norm(r["sentence"])]
            expected = {f["doc"]: f["label"] for f in lab["followups"]}
            if not cms:
                fn += len(expected)
                status_n += len(lab["status"])
                lines.append(f"MISSED  {lab['doc']} | {lab['sentence'][:70]}")
                continue
            found += 1
            ids = [r["id"] for r in cms]
            evs = store.query("""SELECT e.commitment_id, e.kind, e.date, p.path FROM commitment_events e
                                 JOIN (SELECT doc_id, min(path) AS path FROM doc_paths GROUP BY doc_id) p ON p.doc_id = e.doc_id
                                 WHERE e.kind <> 'made' AND e.commitment_id IN (SELECT unnest(?))""", [ids])
            pred: dict[str, str] = {}
            for e in evs:
                if e["path"] not in pred or PRIORITY[e["kind"]] > PRIORITY[pred[e["path"]]]:
                    pred[e["path"]] = e["kind"]
            hit = set(pred) & set(expected)
            tp += len(hit)
            fp += len(set(pred) - set(expected))
            fn += len(set(expected) - set(pred))
            for d in hit:
                kinds["right" if pred[d] == expected[d] else "wrong"] += 1
            per_c = Counter(e["commitment_id"] for e in evs)
            best = max(ids, key=lambda i: (per_c[i], -ids.index(i)))
            got = []
            for chk in lab["status"]:
                st = store.con.execute(f"SELECT status FROM ({STATUS_SQL}) q WHERE id = $id",
                                       {"as_of": chk["as_of"], "id": best}).fetchone()
                st = st[0] if st else None
                status_n += 1
                status_ok += st == chk["status"]
                got.append(f"{chk['as_of']} {st}{'' if st == chk['status'] else ' (want ' + chk['status'] + ')'}")
            lines.append(f"{'ok     ' if not (set(pred) ^ set(expected)) else 'diff   '} {best} {lab['doc'].split('/')[-1][:50]} | "
                         f"links +{len(hit)} fp {len(set(pred) - set(expected))} fn {len(set(expected) - set(pred))} | "
                         + "; ".join(got))
            if details:
                for d in sorted(set(pred) | set(expected)):
                    lines.append(f"        {'TP' if d in hit else ('FP' if d in pred else 'FN')} {pred.get(d, '-'):<10} "
                                 f"want {expected.get(d, '-'):<10} {d.split('/')[-1][:70]}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"commitments": len(data["commitments"]), "found": found, "tp": tp, "fp": fp, "fn": fn, "precision": p,
            "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "kind_accuracy": kinds["right"] / max(1, sum(kinds.values())),
            "status_accuracy": status_ok / max(1, status_n), "status_checks": status_n, "lines": lines}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--db", help="an existing store with the labelled documents and a built ledger")
    args = ap.parse_args()
    data = load_labels()
    with tempfile.TemporaryDirectory() as tmp:
        missing = []
        db = Path(args.db) if args.db else None
        if db is None:
            db, missing = build_store(data, Path(tmp))
        res = evaluate(db, data, args.details)
    for ln in res["lines"]:
        print(ln)
    if missing:
        print(f"skipped: {len(missing)} labelled documents not found (corpus absent?): {missing[:3]}")
    print(f"commitments labelled {res['commitments']}, found by the ledger {res['found']}")
    print(f"follow-up links: precision {res['precision']:.3f} recall {res['recall']:.3f} F1 {res['f1']:.3f} "
          f"(tp {res['tp']} fp {res['fp']} fn {res['fn']}); kind of correct links right {res['kind_accuracy']:.3f}")
    print(f"status accuracy {res['status_accuracy']:.3f} over {res['status_checks']} (commitment, date) checks")


if __name__ == "__main__":
    main()
