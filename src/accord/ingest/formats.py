"""Detect a document's format by content and parse it into a Document.

Formats: Markdown with YAML front matter (beehive, White House, news crawls),
plain-text news (a "Categories" line, title, body, "Source:" line), HTML (via
trafilatura), JSONL (one document per line with ``text``), and plain text.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any, Iterator

import yaml
from charset_normalizer import from_bytes

from ..errors import InputError
from ..models import DocMeta, Document, DocWarning
from .validate import list_field, text_field, type_name

FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
HTML_START = re.compile(rb"\A\s*(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)
HONORIFICS = re.compile(r"^(?:Rt\.? Hon\.?|Right Honourable|Hon\.?|Honourable|Dr\.?|Sir|Dame|Mr\.?|Ms\.?|Mrs\.?)\s+", re.I)
GOV_HOSTS = re.compile(r"(?:\.gov(?:\.[a-z]{2})?|\.govt\.nz|\.gc\.ca|\.go\.kr|\.go\.jp|\.gouv\.fr|\.mfa\.|mofa\.|\.europa\.eu|\.un\.org|whitehouse\.gov|beehive\.govt\.nz|\.admin\.ch|\.bund\.de|\.gov\.uk|dfat\.gov\.au|pm\.gc\.ca|state\.gov)(?:/|$)", re.I)
WH_OTHER = ("speeches-remarks", "remarks", "press-briefings")
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december"], 1)}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
              "oct": 10, "nov": 11, "dec": 12}
MONTH_RE = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
DATE_MDY = re.compile(MONTH_RE + r"\s+(\d{1,2}),?\s+(\d{4})")
DATE_DMY = re.compile(r"\b(\d{1,2})\s+" + MONTH_RE + r",?\s+(\d{4})")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it: ~10x faster
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
YAML_ANCHOR = re.compile(r"(?:^|[\s\[{,:?-])&[^\s\[\]{},]")
MAX_YAML_VALUES = 10_000  # values front matter may expand to through aliases (a page of metadata has < 100)


def doc_id(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def decode(path: str, raw: bytes) -> tuple[str, list[DocWarning]]:
    """Decode bytes to text (and a warning when they were not UTF-8); raise InputError for
    empty, binary or undecodable input."""
    if not raw.strip():
        raise InputError(path, "empty file")
    head = raw[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise InputError(path, "binary file (contains NUL bytes), not a text document")
    try:
        text = raw.decode("utf-8-sig")
        warnings: list[DocWarning] = []
    except UnicodeDecodeError as exc:
        first_error = exc
        best = from_bytes(raw).best()
        if best is None:
            raise InputError(path, f"not UTF-8 ({first_error.reason} at byte {first_error.start}) and no other text encoding fits") from None
        text, encoding = str(best), best.encoding
        if best.language == "English" and not best.encoding.startswith("utf"):
            # charset detection cannot tell single-byte code pages apart on English text
            # (it often says cp852 or cp1250); Windows-1252 is what English text in a
            # legacy encoding almost always is, so use it when it decodes cleanly.
            try:
                text, encoding = raw.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                pass
        warnings = [DocWarning("not_utf8", f"not UTF-8; decoded as {encoding}")]
    sample = text[:5000]
    ctrl = len(CONTROL_CHARS.findall(sample))
    if ctrl > 0.02 * max(1, len(sample)):
        raise InputError(path, f"binary data: {ctrl} of the first {len(sample)} characters are control characters")
    return text, warnings


def normalise_date(value: Any, warnings: list[DocWarning]) -> tuple[str | None, str | None]:
    """Return (ISO date or None, raw text). Implausible dates become None with a warning."""
    if value is None or value == "":
        return None, None
    raw = str(value)
    d: dt.date | None = None
    if isinstance(value, dt.datetime):
        d = value.date()
    elif isinstance(value, dt.date):
        d = value
    else:
        s = raw.strip().strip("'\"")
        m = ISO_DATE.match(s)
        if m:
            try:
                d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                warnings.append(DocWarning("bad_date", f"date {raw!r} is not a calendar date; date left empty"))
                return None, raw
        else:
            d = find_date(s)
            if d is None:
                warnings.append(DocWarning("bad_date", f"date {raw!r} not understood; date left empty"))
                return None, raw
    if d.year < 1900 or d.year > 2100:
        warnings.append(DocWarning("bad_date", f"date {raw!r} is implausible; date left empty"))
        return None, raw
    return d.isoformat(), raw


def _month(name: str) -> int:
    n = name.lower().rstrip(".")
    return MONTHS.get(n) or MONTH_ABBR.get(n[:4]) or MONTH_ABBR.get(n[:3]) or 0


def find_date(text: str) -> dt.date | None:
    m = DATE_MDY.search(text)
    if m:
        try:
            return dt.date(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
        except ValueError:
            pass
    m = DATE_DMY.search(text)
    if m:
        try:
            return dt.date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
        except ValueError:
            pass
    return None


def infer_date(text: str) -> dt.date | None:
    """Latest full date written in the text (news often gives the event date only there)."""
    found = []
    for m in DATE_MDY.finditer(text):
        try:
            found.append(dt.date(int(m.group(3)), _month(m.group(1)), int(m.group(2))))
        except ValueError:
            continue
    for m in DATE_DMY.finditer(text):
        try:
            found.append(dt.date(int(m.group(3)), _month(m.group(2)), int(m.group(1))))
        except ValueError:
            continue
    found = [d for d in found if 1900 <= d.year <= dt.date.today().year + 1]
    return max(found) if found else None


def clean_inline(s: str | None) -> str | None:
    if s is None:
        return None
    s = str(s).replace("\\_", " ").replace("\u00a0", " ")
    s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", s)
    s = re.sub(r"(\*\*|__)(.+?)\1", r"\2", s)
    s = re.sub(r"[|+]?(?:[-=:]{3,}[+|])+[-=:]*[|+]?", " ", s)
    s = re.sub(r"(?:\s*\|){2,}\s*|\s*\|\s*$", " ", s)  # table residue in a title
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(s.split()) or None


def _person(name: str) -> str:
    return HONORIFICS.sub("", HONORIFICS.sub("", name.strip())).strip()


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return [str(x) for x in v if x is not None]
    return [str(v)]


def _lenient_yaml(block: str) -> dict[str, Any]:
    """Key: value lines (and '- item' lists) when the YAML parser refuses the block."""
    out: dict[str, Any] = {}
    key = None
    for line in block.splitlines():
        m = re.match(r"^([A-Za-z_][\w-]*):\s*(.*)$", line)
        if m:
            key = m.group(1)
            val = m.group(2).strip().strip("'\"")
            out[key] = val if val else []
        elif key and re.match(r"^\s*-\s+", line):
            if not isinstance(out.get(key), list):
                out[key] = [out[key]] if out.get(key) else []
            out[key].append(re.sub(r"^\s*-\s+", "", line).strip().strip("'\""))
    return out


def _expanded_size(node, memo: dict[int, int], active: set[int], limit: int) -> int:
    """Values a YAML node stands for once its aliases are expanded (shared nodes counted
    each time they are referred to); stops as soon as the count passes ``limit``."""
    key = id(node)
    if key in memo:
        return memo[key]
    if key in active:
        raise _AliasError("refer to themselves (a recursive structure)")
    active.add(key)
    n = 1
    value = node.value
    if isinstance(value, list):
        for item in value:
            for child in (item if isinstance(item, tuple) else (item,)):
                n += _expanded_size(child, memo, active, limit)
                if n > limit:
                    raise _AliasError(f"expand to over {limit:,} values (an alias bomb)")
    active.discard(key)
    memo[key] = n
    return n


class _AliasError(Exception):
    pass


def load_front_matter(path: str, block: str) -> Any:
    """The YAML front matter block as Python data, with aliases bounded: a block whose
    aliases expand past MAX_YAML_VALUES values, or refer to themselves, is refused with an
    InputError naming the file (a 531-byte "billion laughs" block otherwise expands to
    gigabytes when the metadata is written). Raises yaml.YAMLError for invalid YAML."""
    if "&" not in block or not YAML_ANCHOR.search(block):  # no anchor, so no alias can expand
        return yaml.load(block, Loader=YAML_LOADER)
    loader = YAML_LOADER(block)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            _expanded_size(node, {}, set(), MAX_YAML_VALUES)
        except _AliasError as exc:
            raise InputError(path, f"front matter YAML aliases {exc}; document rejected") from None
        except RecursionError:
            raise InputError(path, "front matter YAML is nested too deeply; document rejected") from None
        return loader.construct_document(node)
    finally:
        loader.dispose()


def detect_format(raw: bytes, text: str | None = None) -> str:
    head = raw[:4096]
    if head.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
        return "markdown"
    if HTML_START.match(head):
        return "html"
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        first = raw.lstrip().split(b"\n", 1)[0]
        try:
            obj = json.loads(first)
            if isinstance(obj, dict):
                return "jsonl"
        except ValueError:
            pass
    if re.match(rb"\s*Categories\b", head) or re.search(rb"\n\s*Source:\s*[^\n]{1,120}\s*\Z", raw[-400:]):
        return "news"
    if re.search(rb"<(?:p|div|article|h1|h2)[\s>]", head, re.I) and re.search(rb"</(?:p|div|article)>", raw, re.I):
        return "html"
    return "text"


def _kind_from_url(url: str | None) -> str | None:
    if not url:
        return None
    return "statement" if GOV_HOSTS.search(url) else "news"


def _make(path: str, raw: bytes, fmt: str, meta: DocMeta, body: str, warnings: list[DocWarning]) -> Document:
    if not body.strip():
        raise InputError(path, "no body text")
    if meta.date is None and meta.kind == "news":
        d = infer_date(body)
        if d:
            meta.date = d.isoformat()
            meta.extra["date_inferred"] = True
            warnings.append(DocWarning("date_from_text", f"no date in metadata; {meta.date} taken from the latest date written in the text"))
        else:
            warnings.append(DocWarning("no_date", "no date in metadata or text; actors are resolved without a date"))
    elif meta.date is None:
        warnings.append(DocWarning("no_date", "no date; actors are resolved without a date"))
    return Document(id=doc_id(raw), path=path, raw=raw, format=fmt, meta=meta, body=body, warnings=warnings)


def parse_markdown(path: str, raw: bytes, text: str, warnings: list[DocWarning]) -> Document:
    m = FRONT_MATTER.match(text)
    fm: dict[str, Any] = {}
    if not m:
        warnings.append(DocWarning("front_matter_unclosed", "front matter opened with '---' but never closed; read as body text"))
        body = re.sub(r"\A\ufeff?---[ \t]*\n", "", text)
    else:
        body = text[m.end():]
        if not body.strip():
            raise InputError(path, "no body text: the file has front matter only")
        try:
            loaded = load_front_matter(path, m.group(1))
            if loaded is None:
                loaded = {}
            if not isinstance(loaded, dict):
                raise yaml.YAMLError("front matter is not a mapping")
            fm = loaded
        except yaml.YAMLError as exc:
            first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
            warnings.append(DocWarning("front_matter_invalid", f"front matter is not valid YAML ({first}); read key: value lines leniently"))
            fm = _lenient_yaml(m.group(1))
    meta = DocMeta()
    meta.title = clean_inline(fm.get("title"))
    date_val = fm.get("date") or fm.get("published_at") or fm.get("published_time")
    meta.date, meta.date_raw = normalise_date(date_val, warnings)
    meta.url = text_field(fm, "url", warnings) or text_field(fm, "source_url", warnings) or None
    meta.people = [_person(p) for p in list_field(fm, "ministers", warnings) + list_field(fm, "people", warnings) if p.strip()]
    tags = _as_list(fm.get("tags"))
    portfolios = _as_list(fm.get("portfolios"))
    publisher = text_field(fm, "publisher", warnings)
    if publisher:
        meta.publisher = publisher
        meta.kind = "news"
    elif "ministers" in fm or "portfolios" in fm or (meta.url and "beehive.govt.nz" in meta.url):
        meta.publisher = "New Zealand Government"
        meta.kind = "statement"
    elif "source_url" in fm and meta.url and "whitehouse" in meta.url:
        meta.publisher = "The White House"
        meta.kind = "other" if any(t in WH_OTHER for t in tags) or any(f"/{t}/" in meta.url for t in WH_OTHER) else "statement"
    else:
        kind = fm.get("kind")
        meta.kind = (kind if isinstance(kind, str) else None) or _kind_from_url(meta.url) or "other"
    if meta.kind not in ("statement", "news", "other"):
        meta.kind = "other"
    meta.extra = {k: (v if isinstance(v, (str, int, float, bool, list, dict)) or v is None else str(v))
                  for k, v in fm.items() if k not in ("title", "date", "url", "source_url")}
    if portfolios:
        meta.extra["portfolios"] = portfolios
    return _make(path, raw, "markdown", meta, body, warnings)


def parse_news(path: str, raw: bytes, text: str, warnings: list[DocWarning]) -> Document:
    lines = text.replace("\r\n", "\n").split("\n")
    meta = DocMeta(kind="news")
    # The Categories and Source lines stay in the body: text repair removes them as
    # site furniture and records it. The title line is taken out.
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and re.match(r"\s*Categories\b", lines[i]):
        meta.extra["categories"] = lines[i].strip()[len("Categories"):].strip()
        i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines):
        meta.title = clean_inline(lines[i])
        lines = lines[:i] + [""] + lines[i + 1:]
    for line in reversed(lines):
        if line.strip():
            m = re.match(r"\s*Source:\s*(.+?)\s*$", line)
            if m:
                meta.publisher = m.group(1)
            break
    body = "\n".join(lines)
    return _make(path, raw, "news", meta, body, warnings)


def parse_html(path: str, raw: bytes, text: str, warnings: list[DocWarning]) -> Document:
    import trafilatura

    body = trafilatura.extract(text, output_format="markdown", include_formatting=True, include_links=False,
                               include_images=False, include_tables=True, favor_recall=True)
    if not body:
        raise InputError(path, "HTML page has no main text that could be extracted")
    md = trafilatura.extract_metadata(text)
    meta = DocMeta()
    if md is not None:
        meta.title = clean_inline(md.title)
        meta.date, meta.date_raw = normalise_date(md.date, warnings)
        meta.url = md.url
        meta.publisher = md.sitename or md.hostname
        if md.author:
            meta.people = [a.strip() for a in re.split(r";|,| and ", md.author) if a.strip()]
    meta.kind = _kind_from_url(meta.url) or "news"
    return _make(path, raw, "html", meta, body, warnings)


def parse_jsonl(path: str, raw: bytes, text: str, warnings: list[DocWarning]) -> Iterator[Document | InputError]:
    offset = 0
    for n, line in enumerate(raw.split(b"\n"), start=1):
        lpath = f"{path}#L{n}"
        offset += len(line) + 1
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            msg = f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
            yield InputError(lpath, f"line is not valid JSON ({msg})")
            continue
        except RecursionError:
            yield InputError(lpath, "JSON line is nested too deeply to read")
            continue
        if not isinstance(obj, dict):
            yield InputError(lpath, f"JSON line is {type_name(obj)}, not an object with a 'text' field")
            continue
        if obj.get("text") is not None and not isinstance(obj["text"], str):
            yield InputError(lpath, f"JSON line's 'text' field is {type_name(obj['text'])}, not text")
            continue
        if not obj.get("text") or not obj["text"].strip():
            yield InputError(lpath, "JSON line has no non-empty 'text' field")
            continue
        w: list[DocWarning] = list(warnings)
        meta = DocMeta()
        meta.title = clean_inline(text_field(obj, "title", w))
        date_val = obj.get("date") or obj.get("published_at")
        if isinstance(date_val, (list, dict, bool)):
            w.append(DocWarning("field_dropped", f"field 'date' is {type_name(date_val)}, not a date; dropped"))
            date_val = None
        meta.date, meta.date_raw = normalise_date(date_val, w)
        meta.url = text_field(obj, "url", w)
        meta.publisher = text_field(obj, "publisher", w) or text_field(obj, "source", w)
        meta.people = list_field(obj, "people", w)
        kind = obj.get("kind")
        meta.kind = kind if kind in ("statement", "news", "other") else (_kind_from_url(meta.url) or ("news" if meta.publisher else "other"))
        meta.extra = {k: v for k, v in obj.items() if k not in ("text", "title", "date", "url", "publisher", "kind", "people")}
        try:
            yield _make(lpath, line, "jsonl", meta, obj["text"], w)
        except InputError as exc:
            yield exc


OFFICIAL_TITLE = re.compile(r"\b(?:joint statement|joint declaration|communiqu|leaders'? statement|readout|declaration)", re.I)


PAGE_DATE = re.compile(r"\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*")


def _page_date(text: str, meta: DocMeta) -> str:
    """A page saved with its date field first (" date 2024-04-13 Take our user survey ...",
    as a page excerpt gives it): the document's date, and not part of its first sentence."""
    m = PAGE_DATE.match(text)
    if m is None:
        return text
    try:
        meta.date = dt.date.fromisoformat(m.group(1)).isoformat()
    except ValueError:
        return text
    return text[m.end():]


def parse_text(path: str, raw: bytes, text: str, warnings: list[DocWarning]) -> Document:
    # plain text with no metadata is how news copy arrives (a wire story, an article saved
    # from a page): read as news, so that its date is taken from the text, unless its title
    # names an official text ("Joint Statement ...", "... Communiqué"); docs/decisions.md
    meta = DocMeta(kind="news")
    text = _page_date(text, meta)
    lines = text.strip().split("\n")
    if len(lines) > 2 and len(lines[0]) < 200 and not lines[0].rstrip().endswith((".", ":", ";")) and not lines[1].strip():
        meta.title = clean_inline(lines[0])
        text = "\n".join(lines[1:])
        if OFFICIAL_TITLE.search(meta.title or ""):
            meta.kind = "statement"
    return _make(path, raw, "text", meta, text, warnings)


def parse_bytes(path: str, raw: bytes) -> Iterator[Document | InputError]:
    """Parse one file's bytes into documents. Raises InputError when the file is unusable;
    a JSONL file yields a Document per good line and an InputError per bad line."""
    text, warnings = decode(path, raw)
    # formats are detected on UTF-8 bytes; a file in another encoding is re-encoded for
    # detection (and JSONL lines), while Document.raw keeps the file's own bytes
    data = text.encode("utf-8") if any(w.kind == "not_utf8" for w in warnings) else raw
    fmt = detect_format(data, text)
    if fmt == "jsonl":
        yield from parse_jsonl(path, data, text, warnings)
        return
    parser = {"markdown": parse_markdown, "news": parse_news, "html": parse_html, "text": parse_text}[fmt]
    yield parser(path, raw, text, warnings)
