"""Hostile input and faults (issue: nothing hangs, nothing is lost, no traceback, no one
else can write). One section per point; every hostile input is built here in tmp dirs.
The whole adversarial set, with timings and peak RSS, is bench/adversarial.py."""
from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import duckdb
import httpx
import pytest

from accord.errors import AccordError, StoreError
from accord.ingest import Rejected, load_documents
from accord.service import ingest
from accord.store import Store
from accord.store.db import rollback_and_raise

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
ACCORD = str(Path(sys.executable).with_name("accord"))
STATEMENT = (EXAMPLES / "000_d8a6e55ad387dd7a.txt").read_text(encoding="utf-8")
NEWS = (EXAMPLES / "001_c17310a070c6f817.txt").read_text(encoding="utf-8")
CONTROL = ("\x1b", "\x07", "\x9b", "\u202e", "\x00")


def md(title: str, body: str, extra: str = "") -> str:
    return f"---\ntitle: \"{title}\"\ndate: 2024-05-01\n{extra}---\n\n{body}\n"


def split(items):
    return ([i for i in items if not isinstance(i, Rejected)], {i.path: i.reason for i in items if isinstance(i, Rejected)})


def cli(*args, timeout=120, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([ACCORD, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env={**os.environ, "COLUMNS": "200"})


# -- 1. a bad JSONL field is a warning or a rejection naming the line, never a lost batch --

BAD_VALUES = [7, 2.5, True, [], ["x", 1], {"a": 1}]


def bad_jsonl(path: Path) -> tuple[int, int]:
    """Good lines, lines with each metadata field of each wrong type, lines with a bad
    'text'. Returns (lines that must be stored, lines that must be rejected)."""
    lines = [json.dumps({"text": NEWS, "url": "https://example.org/n", "publisher": "Example News"})]
    for key in ("url", "publisher", "title", "date", "people", "kind", "source"):
        for i, v in enumerate(BAD_VALUES):
            lines.append(json.dumps({"text": f"{key} {i}: {STATEMENT[:300]}", key: v}))
    stored = len(lines)
    lines.append(json.dumps({"text": "lone \ud800 surrogate in " + NEWS[:200], "title": "t \udc00", "extra": {"k": "\ud801"}}))
    stored += 1
    for v in (5, [], {"a": 1}, None, "  "):
        lines.append(json.dumps({"text": v}))
    lines += ["[1, 2]", "{broken", '{"text": ' + "[" * 5000 + "]" * 5000 + "}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return stored, len(lines) - stored


def test_bad_jsonl_fields_do_not_lose_the_batch(tmp_path):
    f = tmp_path / "feed.jsonl"
    n_ok, n_bad = bad_jsonl(f)
    docs, rejected = split(list(load_documents([f])))
    assert len(docs) == n_ok and len(rejected) == n_bad
    assert all("#L" in p for p in rejected)  # every rejection names its line
    url_number = next(d for d in docs if d.body.startswith("url 0:"))
    assert url_number.meta.url == "7"  # a number is taken as its digits
    url_list = next(d for d in docs if d.body.startswith("url 3:"))
    assert url_list.meta.url is None and ("field_dropped", "field 'url' is a list, not text; dropped") in [(w.kind, w.message) for w in url_list.warnings]
    pub_obj = next(d for d in docs if d.body.startswith("publisher 5:"))
    assert pub_obj.meta.publisher is None and any(w.kind == "field_dropped" and "'publisher' is an object" in w.message for w in pub_obj.warnings)
    lone = next(d for d in docs if d.body.startswith("lone"))
    assert lone.body.startswith("lone \ufffd surrogate") and lone.meta.extra["extra"]["k"] == "\ufffd"
    assert lone.meta.title == "t \ufffd"
    assert rejected[f"{f}#L{n_ok + 1}"] == "JSON line's 'text' field is a number, not text"

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        s = ingest(store, [f], batch_size=500)  # one batch: every line in it
        assert s.stored == n_ok and len(s.rejected) == n_bad and s.consistent
        assert store.count("documents") == n_ok
        assert store.count("rejections") == n_bad
    r = cli("ingest", str(f), "--db", str(db))  # a rerun completes too, nothing new
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert f"read {n_ok + n_bad}  stored 0  duplicates {n_ok}  rejected {n_bad}" in r.stdout


def test_bad_jsonl_extract_stores_the_rest(tmp_path):
    from accord.service import extract

    f = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": STATEMENT, "url": 12345, "publisher": ["a", "b"]}),
             json.dumps({"text": NEWS, "publisher": {"name": "x"}, "people": {"a": 1}})]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(tmp_path / "x.duckdb") as store:
        s = extract(store, [f])
        assert s.stored == 2 and s.documents == 2 and s.acts > 0 and s.warnings["field_dropped"] == 2


# -- 2. YAML alias bombs are bounded ------------------------------------------------------

BILLION_LAUGHS = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
                  + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)))


def test_yaml_alias_bomb_rejected(tmp_path):
    bomb = tmp_path / "bomb.md"
    bomb.write_text("---\ntitle: x\n" + BILLION_LAUGHS + "---\n\n" + STATEMENT, encoding="utf-8")
    loop = tmp_path / "loop.md"
    loop.write_text("---\ntitle: x\nl: &l [1, *l]\n---\n\n" + STATEMENT, encoding="utf-8")
    fine = tmp_path / "fine.md"  # a few aliases of small values are legitimate YAML and still read
    fine.write_text("---\ntitle: Fine\ndate: 2024-05-01\nbase: &b {x: 1}\nother: *b\n---\n\n" + NEWS, encoding="utf-8")
    docs, rejected = split(list(load_documents([tmp_path])))
    assert "alias bomb" in rejected[str(bomb)] and "expand to over 10,000 values" in rejected[str(bomb)]
    assert "recursive structure" in rejected[str(loop)]
    assert [d.path for d in docs] == [str(fine)] and docs[0].meta.extra["other"] == {"x": 1}
    with Store(tmp_path.parent / f"{tmp_path.name}.duckdb") as store:
        s = ingest(store, [tmp_path])
        assert s.stored == 1 and len(s.rejected) == 2 and s.consistent


# -- 3. only regular files; links out of the folder not followed ------------------------

def test_fifo_devices_and_outside_links(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "good.md").write_text(md("Good", NEWS), encoding="utf-8")
    os.mkfifo(root / "pipe.md")
    os.mkfifo(root / "pipe.tar.gz")
    (root / "zero.md").symlink_to("/dev/zero")
    outside = tmp_path / "secret.md"
    outside.write_text(md("Outside", STATEMENT), encoding="utf-8")
    (root / "secret-link.md").symlink_to(outside)
    (root / "etc").symlink_to(tmp_path)  # a folder link out of the folder
    (root / "loop").symlink_to(root)  # a folder link to itself
    docs, rejected = split(list(load_documents([root])))
    assert [d.path for d in docs] == [str(root / "good.md")]
    assert rejected[str(root / "pipe.md")].startswith("not a regular file: a named pipe (FIFO)")
    assert rejected[str(root / "pipe.tar.gz")].startswith("not a regular file: a named pipe (FIFO)")
    assert "outside the folder being read; not followed" in rejected[str(root / "zero.md")]
    assert "outside the folder being read; not followed" in rejected[str(root / "secret-link.md")]
    assert "outside the folder being read" in rejected[str(root / "etc")]
    assert "already read" in rejected[str(root / "loop")]
    # asked to follow links: the outside file is read, the device still refused unread
    docs, rejected = split(list(load_documents([root], follow_symlinks=True)))
    assert {Path(d.path).name for d in docs} >= {"good.md", "secret-link.md"}
    assert rejected[str(root / "zero.md")] == ("not a regular file: a character device (through a symbolic link to "
                                               "/dev/zero); only regular files are read")
    # a device named on the command line, and the combined run stores the good document
    docs, rejected = split(list(load_documents([Path("/dev/zero"), root / "zero.md"])))
    assert not docs and rejected["/dev/zero"].startswith("not a regular file: a character device")
    r = cli("ingest", str(root), str(root / "zero.md"), "--db", str(tmp_path / "s.duckdb"), timeout=60)
    assert r.returncode == 0 and "stored 1 " in r.stdout and "Traceback" not in r.stderr


# -- 4. archive members with absolute or '..' paths -------------------------------------

def test_traversal_members_rejected(tmp_path):
    tgz = tmp_path / "hostile.tar.gz"
    members = [("../../x.md", md("Up", NEWS)), ("a/../../y.md", md("Up2", NEWS)), ("/tmp/abs.md", md("Abs", NEWS)),
               ("docs/ok.md", md("Ok", STATEMENT))]
    with tarfile.open(tgz, "w:gz") as tf:
        for name, text in members:
            data = text.encode()
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data))
        link = tarfile.TarInfo("link.md")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
    docs, rejected = split(list(load_documents([tgz])))
    assert [d.path for d in docs] == [f"{tgz}::docs/ok.md"]
    assert rejected[f"{tgz}::../../x.md"] == "archive member path climbs out of the archive with '..'; not read (a hostile archive)"
    assert "climbs out" in rejected[f"{tgz}::a/../../y.md"]
    assert rejected[f"{tgz}::/tmp/abs.md"] == "archive member has an absolute path; not read (a hostile archive)"
    assert rejected[f"{tgz}::link.md"].startswith("archive member is a symbolic link to /etc/passwd")
    assert not (tmp_path.parent / "x.md").exists()


# -- 5. uploads: refused before reading, counted while streaming, Host/Origin/token -----

@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-store")
    docs = root / "docs"
    docs.mkdir()
    (docs / "controls.md").write_text(md("Title \x1b]0;pwned\x07 \x1b[2J \u202eevil [bold]x[/]",
                                         "Odd \u202e text with \x1b[31m colour. " + NEWS), encoding="utf-8")
    (docs / "percent.md").write_text(md("Rates", "Rates rose by 100% this year. " + STATEMENT), encoding="utf-8")
    (docs / "plain.md").write_text(md("Plain", "Rates rose by 100 points this year. " + NEWS.replace("%", "")), encoding="utf-8")
    (docs / "under_score.md").write_text(md("Underscore", "The file_name token appears here. " + NEWS[:500]), encoding="utf-8")
    (docs / "nul.jsonl").write_text(json.dumps({"text": "A NUL \u0000 here and more text. " + NEWS, "title": "NUL \u0000 title"}) + "\n",
                                    encoding="utf-8")
    db = root / "s.duckdb"
    with Store(db) as store:
        s = ingest(store, [docs.resolve()])  # absolute paths, outside the server's folder
        assert s.stored == 5, s.rejected
    return db


async def _asgi(app, method: str, url: str, host: str = "127.0.0.1", **kw) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=f"http://{host}") as c:
        return await c.request(method, url, **kw)


def call(app, method, url, **kw) -> httpx.Response:
    return asyncio.run(_asgi(app, method, url, **kw))


def test_upload_refused_before_reading_when_off():
    from accord.api.security import Guard

    reads = []

    async def receive():
        reads.append(1)
        return {"type": "http.request", "body": b"x" * 65536, "more_body": True}

    sent = []

    async def send(message):
        sent.append(message)

    async def app(scope, receive, send):  # the application must never be reached
        raise AssertionError("reached the application")

    scope = {"type": "http", "method": "POST", "path": "/api/ingest",
             "headers": [(b"host", b"127.0.0.1:8000"), (b"transfer-encoding", b"chunked")]}
    asyncio.run(Guard(app, allow_writes=False)(scope, receive, send))
    assert sent[0]["status"] == 403 and not reads


def test_streamed_upload_cut_at_the_limit(small_store, tmp_path):
    from accord.server import create_app

    db = tmp_path / "w.duckdb"
    db.write_bytes(small_store.read_bytes())
    app = create_app(str(db), allow_ingest=True)
    produced = []

    async def body():
        yield (b'--zz\r\nContent-Disposition: form-data; name="file"; filename="big.md"\r\n'
               b"Content-Type: text/markdown\r\n\r\n")
        for _ in range(400):  # 400 MiB if it were all read
            produced.append(1)
            yield b"a" * (1 << 20)

    async def go():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as c:
            return await c.post("/api/ingest", content=body(),
                                headers={"content-type": "multipart/form-data; boundary=zz"})

    r = asyncio.run(go())
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"
    assert len(produced) <= 8  # stopped near 5 MiB, not 400


def test_host_origin_and_token(small_store, tmp_path):
    from accord.server import create_app

    app = create_app(str(small_store))
    assert call(app, "GET", "/api/documents?limit=1").status_code == 200
    assert call(app, "GET", "/api/documents?limit=1", host="localhost:8000").status_code == 200
    r = call(app, "GET", "/api/documents?limit=1", host="rebind.attacker.example")
    assert r.status_code == 421 and "is not this server" in r.json()["error"]["message"]

    db = tmp_path / "w.duckdb"
    db.write_bytes(small_store.read_bytes())
    open_app = create_app(str(db), allow_ingest=True)
    files = {"file": ("a.md", md("Upload", NEWS).encode(), "text/markdown")}
    r = call(open_app, "POST", "/api/ingest", files=files, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and "cross-origin" in r.json()["error"]["message"]
    r = call(open_app, "POST", "/api/ingest", headers={"Origin": "http://127.0.0.1"})  # same origin: on to the route
    assert r.status_code == 400
    del open_app

    db2 = tmp_path / "t.duckdb"
    db2.write_bytes(small_store.read_bytes())
    token_app = create_app(str(db2), allow_ingest=True, host="0.0.0.0", token="s3cret")
    assert call(token_app, "GET", "/api/documents?limit=1", host="10.1.2.3:8000").status_code == 200
    r = call(token_app, "POST", "/api/ingest", host="10.1.2.3:8000")
    assert r.status_code == 401
    r = call(token_app, "POST", "/api/ingest", host="10.1.2.3:8000", headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    r = call(token_app, "POST", "/api/ingest", host="10.1.2.3:8000", headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 400  # past the guard: the route says the file is missing

    with pytest.raises(AccordError, match="uploads on 0.0.0.0 .* need a token"):  # the library refuses it too
        create_app(str(db2), allow_ingest=True, host="0.0.0.0")
    r = cli("serve", "--db", str(small_store), "--host", "0.0.0.0", "--allow-ingest", "--port", "8799", timeout=60)
    assert r.returncode == 1 and r.stderr.startswith("error: --allow-ingest on 0.0.0.0") and "Traceback" not in r.stderr


def test_upload_analysed_outside_the_write_lock(small_store, tmp_path, monkeypatch):
    import accord.engines.core as core
    from accord.api.db import Database
    from accord.service import ingest_upload

    db_path = tmp_path / "w.duckdb"
    db_path.write_bytes(small_store.read_bytes())
    db = Database(str(db_path), writable=True)
    seen = []
    real = core.analyse_batch

    def watched(batch):
        seen.append(db.write_lock.locked())
        return real(batch)

    monkeypatch.setattr(core, "analyse_batch", watched)
    up = tmp_path / "up.md"
    up.write_text(md("Joint Statement", STATEMENT), encoding="utf-8")
    try:
        s, docs = ingest_upload(db, str(up))
    finally:
        db.close()
    assert seen == [False]  # analysed while the lock was free
    assert s.stored == 1 and s.acts > 0 and docs[0]["n_acts"] == s.acts and s.consistent


# -- 6. one line, not a traceback ----------------------------------------------------------

def test_corrupt_and_truncated_stores_give_one_line(small_store, tmp_path):
    data = small_store.read_bytes()
    trunc = tmp_path / "trunc.duckdb"
    trunc.write_bytes(data[: len(data) // 2])
    corrupt = bytearray(data)
    for off in range(12288, len(corrupt), 8192):
        corrupt[off:off + 16] = b"\xa5" * 16
    bad = tmp_path / "corrupt.duckdb"
    bad.write_bytes(bytes(corrupt))
    for db in (trunc, bad):
        for args in (["docs"], ["show", "abcdef"], ["ingest", str(EXAMPLES)], ["serve", "--port", "8798"]):
            c = tmp_path / "c.duckdb"
            c.write_bytes(db.read_bytes())
            r = cli(*args, "--db", str(c), timeout=60)
            lines = r.stderr.strip().splitlines()
            assert r.returncode == 1 and len(lines) == 1, (args, r.returncode, r.stderr[-800:])
            assert lines[0].startswith(f"error: {c}: ") and "truncated or corrupt" in lines[0]


def test_failed_rollback_does_not_hide_the_first_error():
    con = duckdb.connect()
    try:
        con.execute("SELECT * FROM no_such_table")
    except duckdb.Error as exc:
        first = exc
    with pytest.raises(StoreError) as info:  # no transaction is open: the ROLLBACK fails too
        rollback_and_raise(con, "x.duckdb", "batch not stored", first)
    msg = str(info.value)
    assert msg.startswith("x.duckdb: batch not stored: Catalog Error: Table with name no_such_table does not exist")
    assert "the rollback failed too" in msg and info.value.__cause__ is first


@pytest.mark.parametrize("args", [["docs", "--limit", "-5"], ["serve", "--port", "99999"], ["ingest", "x", "--batch", "0"]])
def test_bad_numbers_are_usage_errors(args, tmp_path):
    r = cli(*args, "--db", str(tmp_path / "none.duckdb"), timeout=60)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "Invalid value" in r.stderr


# -- 7. web and terminal output --------------------------------------------------------

def test_terminal_output_has_no_controls(small_store):
    r = cli("docs", "--db", str(small_store))
    assert r.returncode == 0 and not any(c in r.stdout for c in CONTROL)
    assert "[bold]x[/]" in r.stdout  # markup in a title prints as written
    with Store(small_store, read_only=True) as store:
        did = store.query("SELECT id FROM documents WHERE title LIKE 'Title%'")[0]["id"]
    r = cli("show", did, "--db", str(small_store))
    assert r.returncode == 0 and not any(c in r.stdout for c in CONTROL)
    assert "Odd  text with [31m colour" in r.stdout  # ESC and U+202E dropped, the rest kept


def test_web_offsets_html_controls_like_and_paths(small_store):
    from accord.server import create_app

    app = create_app(str(small_store))
    for url in ("/?offset=9223372036854775808", "/commitments?offset=99999999999", "/actors/NZL?offset=18446744073709551616"):
        r = call(app, "GET", url, headers={"Accept": "text/html"})
        assert r.status_code == 400, (url, r.status_code)
    items = call(app, "GET", "/api/documents?limit=50").json()["items"]
    by_title = {d["title"]: d for d in items}
    nul_id = by_title["NUL \x00 title"]["id"]
    html = call(app, "GET", f"/documents/{nul_id}").text
    assert "\x00" not in html and "\ufffd" in html
    html = call(app, "GET", f"/documents/{next(d['id'] for t, d in by_title.items() if t.startswith('Title'))}").text
    assert "\u202e" not in html and "\x1b" not in html
    # % and _ are literal in searches
    assert {d["title"] for d in call(app, "GET", "/api/documents", params={"q": "100%"}).json()["items"]} == {"Rates"}
    assert {d["title"] for d in call(app, "GET", "/api/documents", params={"q": "file_name"}).json()["items"]} == {"Underscore"}
    assert call(app, "GET", "/api/documents", params={"q": "file%name"}).json()["total"] == 0
    # no absolute server path: ingested from outside the server's folder, a file name is shown
    for d in items:
        assert not d["path"].startswith("/") and d["path"] == Path(d["path"]).name, d["path"]
        doc = call(app, "GET", f"/api/documents/{d['id']}").json()
        assert all(not p.startswith("/") for p in doc["paths"] + [doc["path"]])
