"""Matrix products in the parse: thinc's bundled BLIS kernels against NumPy's BLAS.

accord loads the spaCy model with thinc's numpy ops without BLIS (acts/extract.py,
`get_nlp`); ACCORD_GEMM=blis restores BLIS. This script times, in one process each, the
parse (tok2vec, tagger, parser and accord's components, as get_nlp builds them) of the
sentences of the two seed documents and of the dev-gold documents, repeated, under both
settings, and checks that the two give the same tags, heads, labels and lemmas.

usage: python bench/bench_gemm.py [--repeat N]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_docs import SHARED, docs_of, gold_files  # noqa: E402


def sentences() -> list[str]:
    from accord.ingest import Rejected, load_documents
    from accord.pipeline import prepare

    paths = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))
    for gf in gold_files(SHARED / "gold" / "dev"):
        paths += [str(p) for p in docs_of(gf)]
    out = []
    for d in load_documents(sorted(set(paths))):
        if not isinstance(d, Rejected):
            out += [s.text for s in prepare(d).sentences]
    return out


def child(repeat: int) -> None:
    from accord.acts.extract import get_nlp

    texts = sentences()
    nlp = get_nlp()
    list(nlp.pipe(texts[:20]))
    h = hashlib.sha256()
    t0 = time.perf_counter()
    for r in range(repeat):
        for doc in nlp.pipe(texts, batch_size=256):
            if r == 0:
                h.update(json.dumps([(t.tag_, t.head.i, t.dep_, t.lemma_) for t in doc]).encode())
    dt = time.perf_counter() - t0
    print(json.dumps({"sentences": len(texts) * repeat, "seconds": dt, "parses": h.hexdigest()[:16]}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args.repeat)
    res = {}
    for mode in ("blis", "numpy"):
        env = dict(os.environ, ACCORD_GEMM=mode, OPENBLAS_NUM_THREADS="1")
        out = subprocess.run([sys.executable, __file__, "--child", "--repeat", str(args.repeat)], env=env,
                             capture_output=True, text=True, check=True).stdout
        res[mode] = json.loads(out.strip().splitlines()[-1])
        r = res[mode]
        print(f"{mode:6s}: {r['sentences']} sentences in {r['seconds']:.2f}s = "
              f"{1000 * r['seconds'] / r['sentences']:.2f} ms/sentence (one BLAS thread); parses {r['parses']}")
    print(f"numpy / blis time: {res['numpy']['seconds'] / res['blis']['seconds']:.2f}; "
          f"same parses: {res['numpy']['parses'] == res['blis']['parses']}")


if __name__ == "__main__":
    main()
