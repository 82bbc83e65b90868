"""Draw the official documents of the check set.

Strata (in this order, one random.Random(20261208) shared across them):
  A. beehive releases whose file name contains 'joint-statement'
  B. beehive releases whose front matter lists a Foreign Affairs / Trade / Defence
     portfolio, whose file name does not contain 'joint-statement', and whose title
     names a diplomatic event (visit, talks, meet, condemn, communique, bilateral, travel...)
  C. White House statements-releases / briefings-statements 2021-2026 whose title is a
     readout of a call/meeting or a joint statement
Each stratum's sorted candidate list (minus dev gold and check2 docs) is shuffled with
rng.shuffle and walked in order; a candidate is kept if it is diplomatic, about another
state, mostly prose and has 6-35 body sentences (checked by reading it).
"""
import glob, json, os, random, re
ROOT = os.path.expanduser('~/.cache/accord-corpus')
HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, '..', '..', '..', '..', '..', 'shared')
used = set()
for f in glob.glob(os.path.join(SHARED, 'gold', 'dev', '*.jsonl')) + glob.glob(os.path.join(HERE, '..', 'check2', '*.jsonl')):
    for l in open(f):
        if l.strip():
            used.add(json.loads(l)['doc'])

def fm(path):
    t = open(path, encoding='utf-8', errors='replace').read(3000)
    m = re.match(r'---\n(.*?)\n---', t, re.S)
    return m.group(1) if m else ''

def rel(p):
    return os.path.relpath(p, ROOT)

bee = sorted(glob.glob(ROOT + '/beehive/releases/*/*/*.md'))
A = [rel(p) for p in bee if 'joint-statement' in os.path.basename(p) and rel(p) not in used]
EV = re.compile(r'visit|talks|meet|condemn|communiqu|bilateral|travel|summit|consultations|dialogue', re.I)
PORT = re.compile(r'^\s*-\s*(Foreign Affairs|Trade[^\n]*|Defence|Disarmament[^\n]*)\s*$', re.M)
B = []
for p in bee:
    r = rel(p)
    if 'joint-statement' in os.path.basename(p) or r in used:
        continue
    h = fm(p)
    tm = re.search(r'^title:\s*(.*)$', h, re.M)
    if tm and PORT.search(h) and EV.search(tm.group(1)):
        B.append(r)
wh = sorted(glob.glob(ROOT + '/wh-briefings/statements-releases/*/*.md') + glob.glob(ROOT + '/wh-briefings/briefings-statements/*/*.md'))
C = []
for p in wh:
    r = rel(p)
    if r in used:
        continue
    yr = int(os.path.basename(p)[:4])
    if not 2021 <= yr <= 2026:
        continue
    b = os.path.basename(p)
    if re.search(r'readout-.*(call|meeting|conversation)-with|joint-statement', b):
        C.append(r)
rng = random.Random(20261208)
out = {}
for name, lst in (('A', A), ('B', B), ('C', C)):
    lst = list(lst)
    rng.shuffle(lst)
    out[name] = lst
    print(name, len(lst), 'candidates; first in draw order:')
    for r in lst[:6]:
        print('   ', r)
