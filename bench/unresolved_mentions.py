"""The most frequent capitalised mentions that accord leaves unresolved, on a random
sample of beehive Foreign Affairs releases (to find gaps in the gazetteer).

usage: python bench/unresolved_mentions.py [--n 500] [--seed 7] [--top 50]
"""
from __future__ import annotations

import argparse
import random
import re
import tarfile
from collections import Counter
from pathlib import Path

from accord.actors import find_actors
from accord.ingest import parse_bytes
from accord.pipeline import prepare

SHARED = Path(__file__).resolve().parents[2] / "shared"
CAPS = re.compile(r"\b[A-Z][\w'\u2019.-]*(?:\s+(?:of|the|and|for|de|la|al|bin)?\s*[A-Z][\w'\u2019.-]*)*")
STOP = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "However", "The", "This", "These", "That", "It", "We", "Our", "He", "She", "They", "In", "On", "At", "As", "For", "A",
        "An", "And", "But", "If", "I", "Mr", "Ms", "Mrs", "Dr", "Hon", "Rt", "Minister", "Prime", "Government",
        "Today", "New", "When", "While", "With", "From", "To", "By", "There", "Its", "All", "Both", "Ministers"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--top", type=int, default=50)
    args = ap.parse_args()
    members = []
    with tarfile.open(SHARED / "corpus" / "beehive-releases.tar.gz") as tf:
        for m in tf:
            if m.isfile() and m.name.endswith(".md"):
                raw = tf.extractfile(m).read()
                head = raw[:1500].decode("utf-8", "replace")
                if re.search(r"portfolios:[^\n]*\n(?:\s+-[^\n]*\n)*?\s+- Foreign Affairs", head):
                    members.append((m.name, raw))
    random.Random(args.seed).shuffle(members)
    sample = members[: args.n]
    counts: Counter = Counter()
    for name, raw in sample:
        for d in parse_bytes(name, raw):
            if not hasattr(d, "sentences"):
                continue
            d = find_actors(prepare(d))
            spans = [(m.start, m.end) for m in d.mentions]
            for s in d.sentences:
                for cm in CAPS.finditer(s.text):
                    a, b = s.start + cm.start(), s.start + cm.end()
                    if any(x < b and a < y for x, y in spans):
                        continue
                    words = cm.group(0).split()
                    if len(words) == 1 and (words[0] in STOP or cm.start() == 0):
                        continue
                    counts[cm.group(0).rstrip(".")] += 1
    print(f"{len(members)} Foreign Affairs releases; sample {len(sample)} (seed {args.seed})")
    for text, n in counts.most_common(args.top):
        print(f"{n:6d}  {text}")


if __name__ == "__main__":
    main()
