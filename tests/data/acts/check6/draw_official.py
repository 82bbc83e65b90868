"""Draw the official documents of the check6 set (see README.md).

One random.Random(20261211); three strata shuffled in this order (A, B, C), each
candidate list sorted by path before shuffling. Candidates are then read in shuffled
order and taken or skipped by hand (reasons in README.md).
"""
import glob, json, os, random, re

ROOT = os.path.expanduser("~/.cache/accord-corpus")
EXCL = set()
for f in (glob.glob("/work/shared/gold/dev/*.jsonl")
          + glob.glob("/work/main/tests/data/acts/check2/*.jsonl")
          + glob.glob("/work/main/tests/data/acts/check3/*.jsonl")
          + glob.glob("/work/main/tests/data/acts/check4/*.jsonl")
          + glob.glob("/work/main/tests/data/acts/check5/*.jsonl")):
    for line in open(f):
        if line.strip():
            EXCL.add(json.loads(line)["doc"])

def rel(p):
    return os.path.relpath(p, ROOT)

def front(p):
    t = open(p, encoding="utf-8").read()
    m = re.match(r"---\n(.*?)\n---\n", t, re.S)
    return (m.group(1) if m else ""), (t[m.end():] if m else t)

def nsent(body):
    body = " ".join(body.split())
    return len([s for s in re.split(r"(?<=[.!?\"”’])\s+(?=[\"“‘]?[A-Z])", body) if len(s) > 3])

FA = {"Foreign Affairs", "Foreign Affairs and Trade", "Trade", "Defence", "Trade Negotiations",
      "Trade and Export Growth", "International Trade", "Disarmament and Arms Control"}

bee = sorted(rel(p) for p in glob.glob(ROOT + "/beehive/releases/*/*/*.md"))
bee = [p for p in bee if p not in EXCL]
A = [p for p in bee if "joint-statement" in os.path.basename(p)]
B = []
for p in bee:
    b = os.path.basename(p)
    if "joint-statement" in b:
        continue
    # name filter first, so only these files are opened
    if not re.search(r"visit|talks|meet|condemn|communiqu|travel|bilateral|summit", b):
        continue
    fm, _ = front(os.path.join(ROOT, p))
    ports = set(x.strip() for x in re.findall(r"^\s+- (.*)$", fm.split("portfolios:")[-1], re.M)) if "portfolios:" in fm else set()
    if ports & FA:
        B.append(p)
wh = sorted(rel(p) for d in ("statements-releases", "briefings-statements", "releases")
            for p in glob.glob(ROOT + f"/wh-briefings/{d}/*/*.md"))
C = [p for p in wh if p not in EXCL and re.search(r"/20(2[1-6])-", p)
     and re.search(r"readout-of-.*(call|meeting|phone|bilateral).*with-(president|prime-minister|chancellor|king|queen|crown-prince|emir|sultan|premier|taoiseach|amir)|joint-statement|joint-leaders-statement", os.path.basename(p))]

N = {"A": 30, "B": 15, "C": 15}
rng = random.Random(20261211)
for name, pool in (("A", A), ("B", B), ("C", C)):
    rng.shuffle(pool)
    print(f"== stratum {name}: {len(pool)} candidates")
    for p in pool[:N.get(name, 15)]:
        fm, body = front(os.path.join(ROOT, p))
        print(f"  {nsent(body):3d}  {p}")
