"""Walk paths (files, folders, .tar.gz archives) and yield raw sources.

Reading never raises for one bad file: a file that cannot be read becomes a
``Rejected`` with the path and the reason, and the walk goes on.

Hostile input is refused here, before any byte is read (docs/robustness.md):
only regular files are opened (a FIFO would block, /dev/zero would read until memory
runs out), and never more than the size limit; inside a folder, a symbolic link that
points outside the folder is not followed unless ``follow_symlinks`` asks, and a
folder reached twice (a link loop) is read once; an archive member whose name is
absolute or climbs out with ``..`` is rejected, as ``tar`` and Python's ``data``
extraction filter refuse it.
"""
from __future__ import annotations

import os
import re
import stat
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from ..errors import InputError
from ..models import Document

MAX_BYTES = 20 * 1024 * 1024
SKIP_NAMES = ("readme", "license", "licence", "copying", ".ds_store", "thumbs.db")
SKIP_SUFFIXES = (".duckdb", ".duckdb.wal")  # a store kept in the folder being read (`accord ingest .`)
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar")
MEMBER_KINDS = {tarfile.SYMTYPE: "a symbolic link", tarfile.LNKTYPE: "a hard link", tarfile.FIFOTYPE: "a FIFO",
                tarfile.CHRTYPE: "a character device", tarfile.BLKTYPE: "a block device"}
FILE_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
              (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


@dataclass(slots=True)
class Source:
    path: str
    raw: bytes


@dataclass(slots=True)
class Rejected:
    path: str
    reason: str


def _skip(name: str) -> bool:
    base = os.path.basename(name).lower()
    return base.startswith(".") or base.startswith(SKIP_NAMES) or base.endswith(SKIP_SUFFIXES)


def _too_big(path: str, size: int, max_bytes: int) -> Rejected | None:
    if size > max_bytes:
        return Rejected(path, f"file is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB limit for one document")
    return None


def _kind(mode: int) -> str:
    for test, name in FILE_KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _stat_regular(p: Path) -> os.stat_result | Rejected:
    """The file's stat (through symbolic links) when it is a regular file, else why not."""
    try:
        st = os.stat(p)
    except FileNotFoundError:
        if os.path.islink(p):
            return Rejected(str(p), f"broken symbolic link (points to {os.readlink(p)}, which does not exist)")
        return Rejected(str(p), "no such file or directory")
    except OSError as exc:
        if os.path.islink(p) and exc.errno == 40:  # ELOOP
            return Rejected(str(p), f"symbolic link loop (points to {os.readlink(p)})")
        if isinstance(exc, PermissionError):
            return Rejected(str(p), "permission denied")
        return Rejected(str(p), f"cannot read: {exc.strerror or exc}")
    if not stat.S_ISREG(st.st_mode):
        via = f" (through a symbolic link to {os.readlink(p)})" if os.path.islink(p) else ""
        return Rejected(str(p), f"not a regular file: {_kind(st.st_mode)}{via}; only regular files are read")
    return st


def _read_file(p: Path, max_bytes: int) -> Source | Rejected:
    st = _stat_regular(p)
    if isinstance(st, Rejected):
        return st
    big = _too_big(str(p), st.st_size, max_bytes)
    if big:
        return big
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO after the stat, open does not wait
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return Rejected(str(p), "not a regular file (changed while it was read)")
            raw = fh.read(max_bytes + 1)  # never more than the limit, whatever the size said
    except PermissionError:
        return Rejected(str(p), "permission denied")
    except OSError as exc:
        return Rejected(str(p), f"cannot read: {exc.strerror or exc}")
    return _too_big(str(p), len(raw), max_bytes) or Source(str(p), raw)


def member_problem(name: str) -> str | None:
    """Why an archive member's name is hostile (absolute, or climbing out with '..'), or None."""
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":" and norm[0].isalpha()):
        return "archive member has an absolute path; not read (a hostile archive)"
    if ".." in PurePosixPath(norm).parts:
        return "archive member path climbs out of the archive with '..'; not read (a hostile archive)"
    return None


def _iter_tar(p: Path, max_bytes: int) -> Iterator[Source | Rejected]:
    st = _stat_regular(p)
    if isinstance(st, Rejected):
        yield st
        return
    try:
        tf = tarfile.open(p, mode="r:*")
    except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
        yield Rejected(str(p), f"not a readable tar archive: {exc}")
        return
    with tf:
        try:
            for member in tf:
                if member.isdir() or _skip(member.name):
                    continue
                mpath = f"{p}::{member.name}"
                if not member.isfile():
                    link = f" to {member.linkname}" if member.issym() or member.islnk() else ""
                    yield Rejected(mpath, f"archive member is {MEMBER_KINDS.get(member.type, 'not a regular file')}{link}; "
                                          "only regular files are read")
                    tf.members = []
                    continue
                bad = member_problem(member.name)
                if bad:
                    yield Rejected(mpath, bad)
                    tf.members = []
                    continue
                big = _too_big(mpath, member.size, max_bytes)
                if big:
                    yield big
                    tf.members = []
                    continue
                fh = tf.extractfile(member)
                if fh is None:
                    yield Rejected(mpath, "archive member has no data")
                    continue
                yield Source(mpath, fh.read())
                # TarFile keeps every member header it has read (for random access): a
                # stream over a 55,000-member archive would hold them all
                tf.members = []
        except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
            yield Rejected(str(p), f"archive is truncated or corrupt after some members: {exc}")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk(root: Path, follow_symlinks: bool) -> tuple[list[tuple[str, list[str]]], list[Rejected]]:
    """Every folder under root (hidden ones left out) with its file names, and the entries
    refused on the way (unreadable folders, links out of root, link loops). A folder link
    is followed when its target is inside root (or follow_symlinks); each real folder is
    read once, so a link loop ends."""
    real_root = os.path.realpath(root)
    folders: list[tuple[str, list[str]]] = []
    refused: list[Rejected] = []
    seen: set[tuple[int, int]] = set()
    stack = [str(root)]
    while stack:
        d = stack.pop()
        try:
            st = os.stat(d)
        except OSError as exc:
            refused.append(Rejected(d, f"cannot list folder: {exc.strerror or exc}"))
            continue
        if (st.st_dev, st.st_ino) in seen:
            refused.append(Rejected(d, "folder already read (a symbolic link loop or a second link to it); not read again"))
            continue
        seen.add((st.st_dev, st.st_ino))
        files: list[str] = []
        try:
            entries = list(os.scandir(d))
        except OSError as exc:
            refused.append(Rejected(d, f"cannot list folder: {exc.strerror or exc}"))
            continue
        for e in entries:
            full = os.path.join(d, e.name)
            if e.is_symlink():
                target = os.path.realpath(full)
                if not follow_symlinks and not _inside(target, real_root):
                    if not _skip(e.name):
                        refused.append(Rejected(full, f"symbolic link to {target}, outside the folder being read; not followed "
                                                      "(--follow-symlinks follows it)"))
                    continue
                try:
                    is_dir = e.is_dir(follow_symlinks=True)
                except OSError:
                    is_dir = False
            else:
                is_dir = e.is_dir(follow_symlinks=False)
            if is_dir:
                if not e.name.startswith("."):  # hidden folders (.git, .cache) are not documents
                    stack.append(full)
            else:
                files.append(e.name)
        folders.append((d, files))
    folders.sort()
    return folders, refused


def iter_sources(paths: Iterable[str | os.PathLike], max_bytes: int = MAX_BYTES,
                 follow_symlinks: bool = False) -> Iterator[Source | Rejected]:
    """Yield a Source (path, bytes) per document file, or a Rejected with the reason."""
    for path in paths:
        p = Path(path)
        if not p.exists():
            yield _stat_regular(p)  # the reason: broken link, link loop or no such file
            continue
        if p.is_dir():
            folders, refused = _walk(p, follow_symlinks)
            yield from refused
            for root, files in folders:
                for name in sorted(files):
                    if _skip(name):
                        continue
                    fp = Path(root) / name
                    if str(fp).endswith(ARCHIVE_SUFFIXES):
                        yield from _iter_tar(fp, max_bytes)
                    else:
                        yield _read_file(fp, max_bytes)
        elif str(p).endswith(ARCHIVE_SUFFIXES):
            yield from _iter_tar(p, max_bytes)
        else:
            yield _read_file(p, max_bytes)


UPLOAD_NAME = re.compile(r"^[0-9a-f]{16}_")


def shown_path(path: str) -> str:
    """A stored path as a server shows it: relative to the server's folder when under it,
    else the file name (an archive's name with its member path, a JSONL file's name with
    its line); never an absolute server path. Uploads lose their content-hash prefix."""
    base, sep, member = str(path).partition("::")
    if os.path.isabs(base):
        rel = os.path.relpath(base, os.getcwd())
        if rel.startswith("..") or os.path.isabs(rel):
            parent = os.path.basename(os.path.dirname(base))
            rel = os.path.basename(base)
            if parent.endswith(".uploads"):
                rel = UPLOAD_NAME.sub("", rel)
        base = rel
    return base + sep + member


def load_documents(paths: Iterable[str | os.PathLike], max_bytes: int = MAX_BYTES,
                   follow_symlinks: bool = False) -> Iterator[Document | Rejected]:
    """Read, parse and validate: yields Documents (JSONL files give one per line) or
    Rejected. Every Document yielded has fields of the types the store takes."""
    from .formats import parse_bytes
    from .validate import check_document

    for src in iter_sources(paths, max_bytes, follow_symlinks):
        if isinstance(src, Rejected):
            yield src
            continue
        try:
            for item in parse_bytes(src.path, src.raw):
                if isinstance(item, InputError):
                    yield Rejected(item.path, item.reason)
                    continue
                try:
                    yield check_document(item)
                except InputError as exc:
                    yield Rejected(exc.path, exc.reason)
        except InputError as exc:
            yield Rejected(exc.path, exc.reason)
        except RecursionError:
            yield Rejected(src.path, "nested too deeply to read (structure over Python's recursion limit)")
