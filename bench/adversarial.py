"""Hostile input: build 40 adversarial inputs and run `accord ingest` on each alone, on all
together, and on all again.

    .venv/bin/python bench/adversarial.py [--keep DIR] [--timeout 60]

Inputs are built in a temporary folder (or DIR): odd encodings, YAML alias bombs, FIFOs,
device files through symbolic links, link loops, links out of the folder, archive
members with '..' or absolute names, a gzip bomb, huge and truncated archives, JSONL
lines with bad fields of every type, corrupt and truncated stores. Each run is a
subprocess with a timeout; its peak RSS is the child's own (os.wait4). Checked per run:
finished within the timeout, no Python traceback on stderr, peak RSS under 1 GB, the
exit code (0, or 1 with one error line for a broken store), read = stored + duplicates
+ rejected (from the summary line), and the documents in the store = stored. The second
run over everything must store nothing new. Prints a Markdown table; exits 1 when any
check fails. Not a test: seconds and RSS depend on the machine.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
ACCORD = str(Path(sys.executable).with_name("accord"))
EXAMPLES = REPO / "examples"
RSS_LIMIT_MB = 1024
SUMMARY = re.compile(r"read (\d+)\s+stored (\d+)\s+duplicates (\d+)\s+rejected (\d+)")

STATEMENT = (EXAMPLES / "000_d8a6e55ad387dd7a.txt").read_text(encoding="utf-8")
NEWS = (EXAMPLES / "001_c17310a070c6f817.txt").read_text(encoding="utf-8")


@dataclass
class Case:
    name: str
    what: str
    paths: list[str]
    store: str | None = None  # a prepared (broken) store to ingest into
    flags: list[str] = field(default_factory=list)
    expect_error: bool = False  # exit 1 with one error line is the right answer


@dataclass
class Result:
    case: str
    rc: int | None
    seconds: float
    rss_mb: float
    read: int | None = None
    stored: int | None = None
    duplicates: int | None = None
    rejected: int | None = None
    in_store: int | None = None
    traceback: bool = False
    timed_out: bool = False
    note: str = ""
    problems: list[str] = field(default_factory=list)


# -- building the inputs -------------------------------------------------------------

def md(title: str, body: str, extra: str = "") -> str:
    return f"---\ntitle: \"{title}\"\ndate: 2024-05-01\n{extra}---\n\n{body}\n"


def add_member(tf: tarfile.TarFile, name: str, data: bytes, kind: bytes = tarfile.REGTYPE, link: str = "") -> None:
    ti = tarfile.TarInfo(name)
    ti.type = kind
    ti.linkname = link
    ti.size = len(data) if kind == tarfile.REGTYPE else 0
    tf.addfile(ti, io.BytesIO(data) if kind == tarfile.REGTYPE else None)


def build(root: Path) -> list[Case]:
    root.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def case(name: str, what: str, *paths: Path | str, store: str | None = None, expect_error: bool = False,
             flags: list[str] | None = None) -> None:
        cases.append(Case(name, what, [str(p) for p in paths], store=store, expect_error=expect_error, flags=flags or []))

    def d(name: str) -> Path:
        p = root / name
        p.mkdir(parents=True, exist_ok=True)
        return p

    # encodings
    f = d("utf16le") / "statement-utf16le-nobom.md"
    f.write_bytes(STATEMENT.encode("utf-16-le"))
    case("utf16le-nobom", "UTF-16LE without BOM (NUL bytes)", f)
    f = d("utf32") / "statement-utf32.txt"
    f.write_bytes(STATEMENT.encode("utf-32"))
    case("utf32-bom", "UTF-32 with BOM", f)
    f = d("cp1252") / "news-cp1252.txt"
    f.write_bytes(NEWS.replace("'", "\u2019").encode("cp1252"))
    case("cp1252", "Windows-1252 news text", f)
    f = d("badutf8") / "mixed.md"
    f.write_bytes(md("Mixed", NEWS).encode() + b"\xff\xfe\xc3(\xa0\xa1\xed\xa0\x80 surrogate and stray bytes\n")
    case("invalid-utf8", "UTF-8 with invalid and surrogate-encoding bytes", f)
    f = d("controls") / "controls.md"
    f.write_text(md("Title \x1b]0;pwned\x07 \x1b[2J \u202eevil\u202c [bold]markup[/]", "Body \x1b[31mred\x1b[0m \x9b2J \u202e"
                    + NEWS + " [/dim] tail"), encoding="utf-8")
    case("terminal-escapes", "escape sequences, C1 CSI, bidi overrides, Rich markup in title and body", f)
    f = d("escname") / "name-\x1b]0;pwned\x07.md"
    f.write_text(md("Odd file name", NEWS), encoding="utf-8")
    case("escape-in-name", "file name holding an escape sequence", f.parent)

    # YAML
    bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    f = d("yamlbomb") / "billion-laughs.md"
    f.write_text("---\ntitle: bomb\n" + bomb + "---\n\n" + STATEMENT, encoding="utf-8")
    case("yaml-alias-bomb", f"billion laughs front matter ({len(bomb)} bytes)", f)
    f = d("yamlrec") / "recursive.md"
    f.write_text("---\ntitle: loop\nx: &x [1, *x]\n---\n\n" + STATEMENT, encoding="utf-8")
    case("yaml-recursive-alias", "alias inside its own anchor", f)
    f = d("yamldeep") / "deep.md"
    f.write_text("---\ntitle: deep\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n\n" + STATEMENT, encoding="utf-8")
    case("yaml-deep", "front matter nested 5,000 deep", f)
    f = d("yamltag") / "tag.md"
    f.write_text("---\ntitle: !!python/object/apply:os.system ['touch /tmp/accord-pwned']\n---\n\n" + STATEMENT, encoding="utf-8")
    case("yaml-python-tag", "!!python/object/apply tag", f)
    f = d("yamltypes") / "types.md"
    f.write_text(md("Types", STATEMENT, "url: [1, 2]\npublisher: {a: 1}\nministers: [[x], {y: 2}, 3]\nkind: [news]\n"
                    "people: 2024-01-01\n"), encoding="utf-8")
    case("yaml-field-types", "front matter fields of the wrong types", f)

    # non-regular files and links
    fifo_dir = d("fifo")
    os.mkfifo(fifo_dir / "pipe.md")
    (fifo_dir / "ok.md").write_text(md("Beside a FIFO", NEWS), encoding="utf-8")
    case("fifo", "a FIFO beside a good file", fifo_dir)
    f = root / "devzero.md"
    f.symlink_to("/dev/zero")
    case("dev-zero-link", "a file link to /dev/zero", f)
    dz = d("devzero-in-folder")
    (dz / "zero.txt").symlink_to("/dev/zero")
    (dz / "null.txt").symlink_to("/dev/null")
    case("dev-links-in-folder", "links to /dev/zero and /dev/null inside a folder", dz)
    case("dev-links-followed", "the same with --follow-symlinks", dz, flags=["--follow-symlinks"])
    dl = d("devfolder")
    (dl / "dev").symlink_to("/dev")
    case("dev-folder-link", "a folder link to /dev", dl)
    lp = d("loops")
    (lp / "a.md").symlink_to(lp / "b.md")
    (lp / "b.md").symlink_to(lp / "a.md")
    (lp / "self").symlink_to(lp)
    (lp / "sub").mkdir()
    (lp / "sub" / "up").symlink_to(lp)
    (lp / "sub" / "doc.md").write_text(md("Inside a loop", NEWS), encoding="utf-8")
    case("symlink-loops", "file link loop, folder link to itself and to its parent", lp)
    out = d("outside")
    (out / "passwd.md").symlink_to("/etc/passwd")
    (out / "hosts").symlink_to("/etc/hosts")
    case("links-outside", "links to /etc/passwd and /etc/hosts inside a folder", out)
    br = d("broken")
    (br / "gone.md").symlink_to(br / "nothing-here.md")
    case("broken-link", "a dangling link", br)
    sock_dir = d("socket")
    import socket
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(sock_dir / "sock.md"))
    s.close()
    case("socket", "a Unix socket file", sock_dir)

    # archives
    def tgz(name: str, members: list[tuple], mode: str = "w:gz") -> Path:
        p = root / name
        with tarfile.open(p, mode) as tf:
            for m in members:
                add_member(tf, *m)
        return p

    good = md("Archived", NEWS).encode()
    case("tar-traversal", "members ../../x.md and ../escape.md",
         tgz("traversal.tar.gz", [("../../x.md", good), ("a/../../escape.md", good), ("ok.md", md("ok", STATEMENT).encode())]))
    case("tar-absolute", "members /tmp/x.md and /etc/cron.d/x", tgz("absolute.tar.gz", [("/tmp/x.md", good), ("/etc/cron.d/x", good)]))
    case("tar-special-members", "symlink, hardlink, FIFO, device and folder members",
         tgz("special.tar.gz", [("link.md", b"", tarfile.SYMTYPE, "/etc/passwd"), ("hard.md", b"", tarfile.LNKTYPE, "/etc/passwd"),
                                ("fifo.md", b"", tarfile.FIFOTYPE), ("dev.md", b"", tarfile.CHRTYPE), ("dir", b"", tarfile.DIRTYPE),
                                ("real.md", md("Real", STATEMENT).encode())]))
    many = [(f"docs/{i:05d}.md", md(f"Release {i}", f"Release number {i}. New Zealand and Australia agreed to meet "
                                    f"again on {i % 28 + 1} March 2025.").encode()) for i in range(3000)]
    big = tgz("many.tar.gz", many)
    case("tar-3000-members", "an archive of 3,000 small documents", big)
    trunc = root / "truncated.tar.gz"
    trunc.write_bytes(big.read_bytes()[: big.stat().st_size // 2])
    case("tar-truncated", "the same archive cut in half", trunc)
    bomb_p = root / "gzip-bomb.tar.gz"
    with open(bomb_p, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1) as gz, \
            tarfile.open(fileobj=gz, mode="w|") as tf:
        ti = tarfile.TarInfo("zeros.md")
        ti.size = 1 << 30

        class Zeros(io.RawIOBase):
            left = 1 << 30

            def readable(self):
                return True

            def readinto(self, b):
                n = min(len(b), self.left)
                b[:n] = bytes(n)
                self.left -= n
                return n

        tf.addfile(ti, io.BufferedReader(Zeros(), 1 << 20))
    case("gzip-bomb", f"1 GiB member in a {bomb_p.stat().st_size / 2**20:.1f} MiB .tar.gz", bomb_p)
    junk = root / "junk.tar.gz"
    junk.write_bytes(os.urandom(50_000))
    case("tar-junk", "random bytes named .tar.gz", junk)
    nested = tgz("nested.tar.gz", [("inner.tar.gz", big.read_bytes()[:100_000]), ("inner.md", good)])
    case("tar-nested", "an archive inside an archive", nested)
    fifo_tar = d("fifo-tar")
    os.mkfifo(fifo_tar / "pipe.tar.gz")
    case("fifo-named-tar", "a FIFO named .tar.gz", fifo_tar)

    # JSONL fields of every type
    lines = [{"text": NEWS, "title": "ok", "url": "https://example.org/a", "publisher": "Example"}]
    bad_values = [1, 2.5, True, None, [], ["x", 1], {"a": 1}, "\ud800"]
    for key in ("url", "publisher", "title", "date", "people", "kind", "source", "published_at"):
        for i, v in enumerate(bad_values):
            lines.append({"text": f"{key} {i}: " + STATEMENT[:400] + f" ({key} {i})", key: v})
    for v in (1, 2.5, True, [], ["a"], {"a": 1}, "", "   ", "\ud800 lone surrogate"):
        lines.append({"text": v})
    lines.append({"text": "deep extra " + NEWS[:300], "extra": json.loads("[" * 200 + "]" * 200)})
    lines.append({"text": "nul \u0000 inside " + NEWS[:300]})
    raw_lines = [json.dumps(x) for x in lines] + ["[1, 2]", "42", "\"a string\"", "{not json", "{\"text\": " + "[" * 3000 + "]" * 3000 + "}",
                                                   "{\"text\": \"\\ud800\\udfff pair and \\udc00 lone\"}"]
    f = d("jsonl") / "bad-fields.jsonl"
    f.write_text("\n".join(raw_lines) + "\n", encoding="utf-8")
    case("jsonl-bad-fields", f"{len(raw_lines)} lines: every field as number, bool, null, list, object, lone surrogate", f)
    f = d("jsonl-huge") / "huge-line.jsonl"
    f.write_text(json.dumps({"text": ("New Zealand and Australia agreed to cooperate. " * 200_000)}) + "\n", encoding="utf-8")
    case("jsonl-huge-line", f"one JSONL line of {f.stat().st_size / 2**20:.1f} MiB", f)

    # sizes and shapes
    f = d("oversize") / "big.txt"
    with open(f, "wb") as fh:
        fh.truncate(25 * 2**20)  # sparse: 25 MiB of NUL
    case("oversize", "25 MiB file (over the 20 MiB limit)", f)
    f = d("oneline") / "one-line.txt"
    f.write_text(("word " * 3_000_000)[:15_000_000], encoding="utf-8")
    case("one-line-15mb", "15 MB of text on one line, no sentence end", f)
    f = d("sentences") / "many-sentences.md"
    f.write_text(md("Many sentences", "\n\n".join(f"Paragraph {i}. New Zealand met Australia. They agreed." for i in range(60_000))),
                 encoding="utf-8")
    case("many-sentences", f"{f.stat().st_size / 2**20:.1f} MiB, 180,000 sentences in 60,000 paragraphs", f)
    f = d("htmldeep") / "deep.html"
    f.write_text("<html><body>" + "<div>" * 50_000 + "<p>New Zealand and Australia agreed.</p>" + "</div>" * 50_000
                 + "</body></html>", encoding="utf-8")
    case("html-deep", "HTML nested 50,000 deep", f)
    e = d("empties")
    (e / "empty.md").write_bytes(b"")
    (e / "blank.txt").write_text(" \n\t\n")
    (e / "fm-only.md").write_text("---\ntitle: x\n---\n")
    (e / "png.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    case("empty-and-binary", "empty, blank, front matter only, PNG named .md", e)

    # broken stores (ingest the examples into them)
    with tempfile.TemporaryDirectory() as tmp:
        ok = Path(tmp) / "ok.duckdb"
        subprocess.run([ACCORD, "ingest", str(EXAMPLES), "--db", str(ok)], check=True, capture_output=True)
        data = ok.read_bytes()
    stores = d("stores")
    (stores / "truncated.duckdb").write_bytes(data[: len(data) // 2])
    case("store-truncated", "store file cut in half", EXAMPLES, store=str(stores / "truncated.duckdb"), expect_error=True)
    corrupt = bytearray(data)
    for off in range(12288, len(corrupt), 8192):
        corrupt[off:off + 16] = b"\xa5" * 16
    (stores / "corrupt.duckdb").write_bytes(bytes(corrupt))
    case("store-checksum", "store with overwritten blocks", EXAMPLES, store=str(stores / "corrupt.duckdb"), expect_error=True)
    (stores / "text.duckdb").write_text("not a database\n" * 100)
    case("store-not-duckdb", "a text file as the store", EXAMPLES, store=str(stores / "text.duckdb"), expect_error=True)
    (stores / "folder.duckdb").mkdir()
    case("store-is-folder", "a folder as the store", EXAMPLES, store=str(stores / "folder.duckdb"), expect_error=True)
    os.mkfifo(stores / "fifo.duckdb")
    case("store-is-fifo", "a FIFO as the store", EXAMPLES, store=str(stores / "fifo.duckdb"), expect_error=True)
    return cases


# -- running -----------------------------------------------------------------------

def run(args: list[str], timeout: float, log: Path) -> tuple[int | None, float, float, str, str, bool]:
    """Run args; return (rc, seconds, peak RSS MiB of the child, stdout, stderr, timed out)."""
    out, err = log.with_suffix(".out"), log.with_suffix(".err")
    with open(out, "wb") as o, open(err, "wb") as e:
        t0 = time.perf_counter()
        p = subprocess.Popen(args, stdout=o, stderr=e, stdin=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "200"})
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            p.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, ru = os.wait4(p.pid, 0)
        timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        secs = time.perf_counter() - t0
    return (None if timed_out.is_set() else p.returncode, secs, ru.ru_maxrss / 1024,
            out.read_text(errors="replace"), err.read_text(errors="replace"), timed_out.is_set())


def docs_in(db: Path) -> tuple[int | None, str]:
    """Documents in the store, and its first rejection (file name: reason)."""
    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            rej = con.execute("SELECT path, reason FROM rejections ORDER BY rowid LIMIT 1").fetchone()
            return n, f"{os.path.basename(rej[0])}: {rej[1]}" if rej else ""
        finally:
            con.close()
    except duckdb.Error:
        return None, ""


TERMINAL_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_output_clean(db: Path, timeout: float, logs: Path) -> list[str]:
    """`accord docs` and `accord show` of every stored document print no control character,
    bidi override or unescaped markup from the documents."""
    problems = []
    con = duckdb.connect(str(db), read_only=True)
    ids = [r[0] for r in con.execute("SELECT id FROM documents").fetchall()]
    con.close()
    for cmd in [["docs"]] + [["show", i] for i in ids]:
        rc, _, _, out, err, to = run([ACCORD, *cmd, "--db", str(db)], timeout, logs / f"term-{cmd[-1]}")
        if rc != 0 or TERMINAL_BAD.search(out) or "Traceback" in err:
            problems.append(f"`accord {' '.join(cmd)}` printed controls or failed (exit {rc})")
        if cmd[0] == "show" and "[bold]markup[/]" not in out.replace("\n", ""):
            problems.append(f"`accord show {cmd[1]}` lost the literal markup text")
    return problems


def check(c: Case | None, name: str, paths: list[str], db: Path, timeout: float, logs: Path,
          expect_error: bool = False, flags: list[str] = ()) -> Result:
    rc, secs, rss, out, err, to = run([ACCORD, "ingest", *paths, "--db", str(db), "--show-rejected", "100", *flags],
                                      timeout, logs / name)
    r = Result(name, rc, secs, rss, timed_out=to)
    r.traceback = "Traceback" in err or "Traceback" in out
    m = SUMMARY.search(out)
    if m:
        r.read, r.stored, r.duplicates, r.rejected = map(int, m.groups())
    if to:
        r.problems.append(f"no answer within {timeout:.0f} s")
    if r.traceback:
        r.problems.append("traceback")
    if TERMINAL_BAD.search(out) or TERMINAL_BAD.search(err):
        r.problems.append("control characters in the output")
    if rss >= RSS_LIMIT_MB:
        r.problems.append(f"peak RSS {rss:.0f} MiB")
    if expect_error:
        lines = [ln for ln in err.splitlines() if ln.strip()]
        r.note = lines[0][:110] if lines else ""
        if rc != 1 or len(lines) != 1 or not lines[0].startswith("error: "):
            r.problems.append(f"expected exit 1 and one error line, got exit {rc} and {len(lines)} lines")
    else:
        if rc != 0:
            r.problems.append(f"exit {rc}: {err.strip().splitlines()[-1][:100] if err.strip() else ''}")
        if not m:
            r.problems.append("no summary line")
        else:
            if r.read != r.stored + r.duplicates + r.rejected:
                r.problems.append("read != stored + duplicates + rejected")
            r.in_store, r.note = docs_in(db)
            r.note = r.note[:120]
    return r


def table(results: list[Result], cases: dict[str, Case]) -> str:
    head = ("| case | input | exit | s | peak RSS MiB | read | stored | dup | rejected | ok | first rejection or error |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|")
    rows = [head]
    for r in results:
        what = cases[r.case].what if r.case in cases else r.case
        ok = "yes" if not r.problems else "NO: " + "; ".join(r.problems)
        cells = [r.case, what, str(r.rc), f"{r.seconds:.1f}", f"{r.rss_mb:.0f}",
                 *("" if v is None else str(v) for v in (r.read, r.stored, r.duplicates, r.rejected)), ok,
                 r.note.replace("|", "\\|").replace("\n", " ")]
        cells = [re.sub(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e]", "?", x) for x in cells]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=Path, help="build the inputs in this folder and keep them")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per run (default 60)")
    args = ap.parse_args()
    tmp = None
    if args.keep:
        root = args.keep
    else:
        tmp = tempfile.TemporaryDirectory(prefix="accord-adversarial-")
        root = Path(tmp.name)
    try:
        t0 = time.perf_counter()
        cases = build(root / "inputs")
        print(f"built {len(cases)} hostile inputs in {time.perf_counter() - t0:.1f}s under {root}", file=sys.stderr)
        logs = root / "logs"
        logs.mkdir(exist_ok=True)
        dbs = root / "dbs"
        dbs.mkdir(exist_ok=True)
        results = []
        for c in cases:
            db = Path(c.store) if c.store else dbs / f"{c.name}.duckdb"
            results.append(check(c, c.name, c.paths, db, args.timeout, logs, c.expect_error, c.flags))
            if c.name == "terminal-escapes" and not results[-1].problems:
                results[-1].problems += terminal_output_clean(db, args.timeout, logs)
            print(f"  {c.name}: {'ok' if not results[-1].problems else results[-1].problems}", file=sys.stderr)
        inputs = list(dict.fromkeys(p for c in cases if not c.store for p in c.paths))
        together = dbs / "together.duckdb"
        first = check(None, "ALL together", inputs, together, args.timeout, logs)
        second = check(None, "ALL again", inputs, together, args.timeout, logs)
        if first.in_store is not None and second.in_store != first.in_store:
            second.problems.append(f"the second run changed the documents stored ({first.in_store} -> {second.in_store})")
        if second.stored:
            second.problems.append(f"the second run stored {second.stored} new documents")
        if first.stored is not None and first.in_store != first.stored:
            first.problems.append(f"store holds {first.in_store} documents, the run said {first.stored}")
        results += [first, second]
        by_name = {c.name: c for c in cases}
        by_name["ALL together"] = Case("ALL together", f"the {len(inputs)} input paths above in one run (fresh store)", inputs)
        by_name["ALL again"] = Case("ALL again", "the same run again on the same store", inputs)
        print(f"accord ingest on {len(cases)} hostile inputs, alone, together and again "
              f"(timeout {args.timeout:.0f} s per run; RSS limit {RSS_LIMIT_MB} MiB)\n")
        print(table(results, by_name).replace(str(root / "inputs") + "/", "").replace(str(root) + "/", ""))
        bad = [r for r in results if r.problems]
        print(f"\n{len(results) - len(bad)} of {len(results)} runs pass every check; "
              f"worst peak RSS {max(r.rss_mb for r in results):.0f} MiB; slowest {max(r.seconds for r in results):.1f} s")
        return 1 if bad else 0
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
