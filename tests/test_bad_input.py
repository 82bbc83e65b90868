"""Bad input: each case gets a clear, specific reason; none stops the run; nothing stored is lost."""
from __future__ import annotations

import os
import tarfile
from pathlib import Path

import pytest

from accord.ingest import Rejected, load_documents
from accord.service import ingest
from accord.store import Store

from conftest import write_tar_gz


def reasons(paths, **kw) -> dict[str, str]:
    return {i.path: i.reason for i in load_documents(paths, **kw) if isinstance(i, Rejected)}


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n\t \n")
    r = reasons([tmp_path])
    assert r == {str(tmp_path / "blank.txt"): "empty file", str(tmp_path / "empty.md"): "empty file"}


def test_binary_file(tmp_path):
    f = tmp_path / "photo.md"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(4000))
    assert reasons([f]) == {str(f): "binary file (contains NUL bytes), not a text document"}


def test_non_utf8_is_detected_and_decoded(seeds, tmp_path):
    text = seeds["news"].read_text(encoding="utf-8")
    f = tmp_path / "news-cp1252.txt"
    f.write_bytes(text.encode("cp1252"))
    docs = list(load_documents([f]))
    assert len(docs) == 1 and not isinstance(docs[0], Rejected)
    d = docs[0]
    assert d.raw == f.read_bytes()  # original bytes kept unchanged
    assert "Yoon\u2019s office said" in d.body  # curly quote decoded correctly
    assert (d.warnings[0].kind, d.warnings[0].message) == ("not_utf8", "not UTF-8; decoded as cp1252")


def test_utf16_with_bom_is_decoded(seeds, tmp_path):
    f = tmp_path / "statement-utf16.md"
    f.write_bytes(seeds["statement"].read_text(encoding="utf-8").encode("utf-16"))
    (d,) = list(load_documents([f]))
    assert not isinstance(d, Rejected), d
    assert d.format == "markdown" and d.meta.title.startswith("Joint Statement between the Republic of Korea")
    assert d.meta.date == "2024-09-04" and (d.warnings[0].kind, d.warnings[0].message) == ("not_utf8", "not UTF-8; decoded as utf_16")


def test_undecodable_control_bytes_rejected(tmp_path):
    f = tmp_path / "garbage.txt"
    f.write_bytes(bytes(range(1, 32)) * 300)
    (r,) = reasons([f]).values()
    assert r.startswith("binary data: ") and r.endswith("of the first 5000 characters are control characters")


def test_broken_front_matter_read_leniently(beehive_members, tmp_path):
    named, _ = beehive_members
    _, raw = named["gold_gaza"]
    text = raw.decode("utf-8")
    unclosed = tmp_path / "unclosed.md"
    unclosed.write_text(text.replace("\n---\n", "\n\n", 1).replace("---\n", "---\n", 1), encoding="utf-8")
    bad_yaml = tmp_path / "bad-yaml.md"
    # an unclosed quote: the YAML parser refuses the block
    bad_yaml.write_text(text.replace('and Canada"\n', 'and Canada\n', 1), encoding="utf-8")
    out = {Path(d.path).name: d for d in load_documents([unclosed, bad_yaml])}
    w = out["unclosed.md"].warnings[0]
    assert w.kind == "front_matter_unclosed" and "front matter opened with '---' but never closed" in w.message
    b = out["bad-yaml.md"]
    assert any(w.kind == "front_matter_invalid" and w.message.startswith("front matter is not valid YAML") for w in b.warnings)
    assert b.meta.date == "2023-12-12" and b.meta.url.endswith("australia-and-canada")  # lenient key: value read


def test_year_one_date_is_null_with_warning(beehive_members):
    named, _ = beehive_members
    name, raw = named["date_0001"]
    from accord.ingest import parse_bytes
    (d,) = list(parse_bytes(name, raw))
    assert d.meta.date is None and d.meta.date_raw == "0001-01-01"
    assert [(w.kind, w.stage) for w in d.warnings if w.message == "date '0001-01-01' is implausible; date left empty"] \
        == [("bad_date", "ingest")]


def test_empty_body_release_rejected(beehive_members):
    named, _ = beehive_members
    name, raw = named["empty_body"]
    assert reasons_from_bytes(name, raw) == "no body text: the file has front matter only"


def reasons_from_bytes(name, raw):
    from accord.errors import InputError
    from accord.ingest import parse_bytes
    with pytest.raises(InputError) as exc:
        list(parse_bytes(name, raw))
    return exc.value.reason


def test_fifty_megabyte_file_rejected_without_reading(tmp_path, monkeypatch):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:  # sparse: 50 MB of size, almost no disk
        fh.truncate(50 * 1024 * 1024)
    read = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or b"")
    assert reasons([f]) == {str(f): "file is 50.0 MiB, over the 20 MiB limit for one document"}
    assert read == []


def test_fifty_megabyte_text_member_in_tar(tmp_path):
    line = b"The two leaders agreed to remain in close contact over the coming days.\n"
    big = line * (50 * 1024 * 1024 // len(line) + 1)
    tgz = write_tar_gz(tmp_path / "big.tar.gz", [("a/big.md", big), ("a/ok.txt", b"Title\n\n" + line)])
    items = list(load_documents([tgz]))
    assert isinstance(items[0], Rejected) and items[0].reason == "file is 50.0 MiB, over the 20 MiB limit for one document"
    assert items[0].path == f"{tgz}::a/big.md"
    assert not isinstance(items[1], Rejected)


def test_unreadable_paths(tmp_path, monkeypatch, seeds):
    """Tests run as root, so chmod 000 would not stop a read: the unreadable cases are a
    dangling symlink, a missing path, a folder walk error, and a PermissionError injected
    into one file's read."""
    ok = tmp_path / "ok.txt"
    ok.write_bytes(seeds["news"].read_bytes())
    dangling = tmp_path / "gone.md"
    dangling.symlink_to(tmp_path / "deleted-target.md")
    locked = tmp_path / "locked.md"
    locked.write_bytes(seeds["statement"].read_bytes())
    real_open = os.open

    def os_open(path, flags, *args, **kw):
        if os.path.basename(path) == "locked.md":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", os_open)
    items = list(load_documents([tmp_path, tmp_path / "missing.md", dangling]))
    r = {i.path: i.reason for i in items if isinstance(i, Rejected)}
    assert r[str(dangling)].startswith("broken symbolic link (points to ")
    assert r[str(locked)] == "permission denied"
    assert r[str(tmp_path / "missing.md")] == "no such file or directory"
    assert [i.path for i in items if not isinstance(i, Rejected)] == [str(ok)]


def test_directory_inside_tar_and_truncated_archive(beehive_members, tmp_path):
    named, first = beehive_members
    tgz = tmp_path / "dirs.tar.gz"
    with tarfile.open(tgz, "w:gz") as tf:
        d = tarfile.TarInfo("beehive/releases/2019/03/not-a-file.md")
        d.type = tarfile.DIRTYPE
        tf.addfile(d)
    assert list(load_documents([tgz])) == []  # a folder member is not a document, and not an error
    whole = write_tar_gz(tmp_path / "whole.tar.gz", first[:50])
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    items = list(load_documents([cut]))
    assert any(not isinstance(i, Rejected) for i in items)
    assert isinstance(items[-1], Rejected) and items[-1].path == str(cut)
    assert items[-1].reason.startswith("archive is truncated or corrupt after some members")
    not_tar = tmp_path / "notes.tar.gz"
    not_tar.write_bytes(b"hello")
    assert reasons([not_tar])[str(not_tar)].startswith("not a readable tar archive")


def test_bad_inputs_do_not_stop_the_run_or_lose_stored(seeds, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-empty.md").write_bytes(b"")
    (folder / "b-binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "c-news.txt").write_bytes(seeds["news"].read_bytes())
    (folder / "d-statement.md").write_bytes(seeds["statement"].read_bytes())
    (folder / "e-gone.md").symlink_to(folder / "nowhere")
    db = tmp_path / "s.duckdb"
    with Store(db) as st:
        s = ingest(st, [folder], batch_size=1)
        assert (s.read, s.stored, s.duplicates, len(s.rejected)) == (5, 2, 0, 3) and s.consistent
        assert st.count("documents") == 2 and st.count("rejections") == 3
        assert dict(st.con.execute("SELECT path, reason FROM rejections").fetchall())[str(folder / "a-empty.md")] == "empty file"
        assert st.raw_bytes(str(folder / "c-news.txt")) == seeds["news"].read_bytes()
