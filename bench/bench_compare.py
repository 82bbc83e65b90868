"""Time accord.compare on one news article against a ~3,000-word statement.

    .venv/bin/python bench/bench_compare.py [--repeat 5]

Statement: the United States - Aotearoa New Zealand Joint Statement of 31 May 2022 (White
House, ~3,050 words), read from the unpacked corpus cache or ../shared/corpus; news: the
Yonhap seed article (examples/001...). Reports one-time costs (imports, lexicon loading,
the sentence-embedding model's load time and resident memory, ingest + segmentation)
separately from the comparison itself (which includes encoding both documents' sentences
once; repeated runs reuse the process's sentence cache, so the first run is the honest
figure for a new pair and the best run the figure for a pair seen before).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
STATEMENT = "wh-briefings/statements-releases/2022-05/2022-05-31-united-states-aotearoa-new-zealand-joint-statement.md"


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    t0 = time.perf_counter()
    from eval_compare import Missing, locate

    from accord.compare import compare
    from accord.compare.text import lexicon
    from accord.ingest import load_documents
    from accord.pipeline import prepare

    lexicon()
    t_import = time.perf_counter() - t0
    import psutil

    from accord.compare import embed

    proc = psutil.Process()
    rss0 = proc.memory_info().rss
    t = time.perf_counter()
    enc = embed.encoder()
    t_model = time.perf_counter() - t
    rss_model = (proc.memory_info().rss - rss0) / 2**20
    try:
        spath = locate(STATEMENT, "wh-briefings.tar.gz", Path(tempfile.mkdtemp()))
    except Missing as exc:
        print(f"skipped: {exc}")
        return 0
    t1 = time.perf_counter()
    news = [prepare(d) for d in load_documents([str(ROOT / "examples" / "001_c17310a070c6f817.txt")])][0]
    src = [prepare(d) for d in load_documents([str(spath)])][0]
    t_prep = time.perf_counter() - t1
    words = len(src.text.split())
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        cmp = compare(news, src)
        times.append(time.perf_counter() - t)
    print(f"statement: {words} words, {len(src.sentences)} sentences; news: {len(news.sentences)} sentences")
    print(f"one-time: imports + lexicon {t_import:.2f} s; ingest + prepare both documents {t_prep:.2f} s")
    if enc is None:
        print("sentence-embedding model: not installed (words only)")
    else:
        print(f"sentence-embedding model ({enc.path}): loaded in {t_model:.2f} s, +{rss_model:.0f} MiB resident; "
              f"resident after the runs {proc.memory_info().rss / 2**20:.0f} MiB")
    print(f"compare: first {times[0]:.3f} s (sentences not yet in the cache are encoded here), best {min(times):.3f} s, mean {sum(times) / len(times):.3f} s over {repeat} runs")
    print(f"labels: {cmp.counts()}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main(sys.argv[1:]))
