"""Walk paths (files, folders, .tar.gz archives) and yield raw sources.

Reading never raises for one bad file: a file that cannot be read becomes a
``Rejected`` with the path and the reason, and the walk goes on.
"""
from __future__ import annotations

import os
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from ..models import Document

MAX_BYTES = 20 * 1024 * 1024
SKIP_NAMES = ("readme", "license", "licence", "copying", ".ds_store", "thumbs.db")
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar")


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
    return base.startswith(".") or base.startswith(SKIP_NAMES)


def _too_big(path: str, size: int, max_bytes: int) -> Rejected | None:
    if size > max_bytes:
        return Rejected(path, f"file is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB limit for one document")
    return None


def _broken_link(p: Path) -> Rejected | None:
    if p.is_symlink() and not p.exists():
        return Rejected(str(p), f"broken symbolic link (points to {os.readlink(p)}, which does not exist)")
    return None


def _read_file(p: Path, max_bytes: int) -> Source | Rejected:
    broken = _broken_link(p)
    if broken:
        return broken
    try:
        size = p.stat().st_size
        big = _too_big(str(p), size, max_bytes)
        if big:
            return big
        return Source(str(p), p.read_bytes())
    except PermissionError:
        return Rejected(str(p), "permission denied")
    except OSError as exc:
        return Rejected(str(p), f"cannot read: {exc.strerror or exc}")


def _iter_tar(p: Path, max_bytes: int) -> Iterator[Source | Rejected]:
    try:
        tf = tarfile.open(p, mode="r:*")
    except (tarfile.TarError, OSError, EOFError) as exc:
        yield Rejected(str(p), f"not a readable tar archive: {exc}")
        return
    with tf:
        try:
            for member in tf:
                if not member.isfile() or _skip(member.name):
                    continue
                mpath = f"{p}::{member.name}"
                big = _too_big(mpath, member.size, max_bytes)
                if big:
                    yield big
                    continue
                fh = tf.extractfile(member)
                if fh is None:
                    yield Rejected(mpath, "archive member has no data")
                    continue
                yield Source(mpath, fh.read())
                # TarFile keeps every member header it has read (for random access): a
                # stream over a 55,000-member archive would hold them all
                tf.members = []
        except (tarfile.TarError, OSError, EOFError) as exc:
            yield Rejected(str(p), f"archive is truncated or corrupt after some members: {exc}")


def iter_sources(paths: Iterable[str | os.PathLike], max_bytes: int = MAX_BYTES) -> Iterator[Source | Rejected]:
    """Yield a Source (path, bytes) per document file, or a Rejected with the reason."""
    for path in paths:
        p = Path(path)
        if not p.exists():
            yield _broken_link(p) or Rejected(str(p), "no such file or directory")
            continue
        if p.is_dir():
            errors: list[OSError] = []
            walker = sorted(os.walk(p, onerror=errors.append))
            for exc in errors:
                yield Rejected(str(exc.filename or p), f"cannot list folder: {exc.strerror or exc}")
            for root, dirs, files in walker:
                if any(part.startswith(".") for part in Path(root).relative_to(p).parts):
                    continue  # hidden folders (.git, .cache) are not documents
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


def load_documents(paths: Iterable[str | os.PathLike], max_bytes: int = MAX_BYTES) -> Iterator[Document | Rejected]:
    """Read and parse: yields Documents (JSONL files give one per line) or Rejected."""
    from .formats import parse_bytes

    for src in iter_sources(paths, max_bytes):
        if isinstance(src, Rejected):
            yield src
            continue
        try:
            for item in parse_bytes(src.path, src.raw):
                yield Rejected(item.path, item.reason) if isinstance(item, InputError) else item
        except InputError as exc:
            yield Rejected(exc.path, exc.reason)
