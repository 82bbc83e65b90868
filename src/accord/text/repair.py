"""Repair scraped text (RECORDS.md section 6).

``repair(doc)`` reads ``doc.body`` and fills ``doc.text`` (the repaired text every
offset points into), ``doc.sections`` and ``doc.repairs``. Blocks are separated by a
blank line in the output. Headings are kept as section titles (their own block);
captions are kept as blocks of role ``caption`` so that comparison can see them, but
they are not body sentences.
"""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from wordfreq import get_frequency_dict, zipf_frequency

from .. import data
from ..models import Document, Repair, Section

SPACES = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t]")
ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\ufeff\u00ad]")
MULTISPACE = re.compile(r" {2,}")
QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
          "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
          "\u00ab": '"', "\u00bb": '"'}
QUOTE_RE = re.compile("[" + "".join(QUOTES) + "]")
DOUBLE_APOS = re.compile(r"''")  # "’’" closing pairs seen in scraped text

IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~'\"$&])")
EMPHASIS = re.compile(r"(\*\*\*|\*\*|__)(?=\S)(.+?)(?<=\S)\1")
EMPH1 = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
HTML_TAG = re.compile(r"</?(?:span|em|strong|b|i|u|sup|sub|a|font|mark|small)(?:\s[^>]*)?/?>", re.I)  # inline: removed
HTML_BREAK = re.compile(r"</?(?:br|p|div)(?:\s[^>]*)?/?>", re.I)  # breaks: a space
STRIKE = re.compile(r"<(s|del|strike)>.*?</\1>\s?|<!--.*?-->", re.I)  # struck-out words and comments are not text
HTML_BLOCK = re.compile(r"^\s*<(?:table|figure|img|iframe|div|colgroup|thead|tbody|tr|td|th|p|ul|ol|li|blockquote|script|style|video|picture|section)\b", re.I)
ANY_TAG = re.compile(r"<[^>]*>")
TABLE_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", re.I | re.S)
UNPAIRED_STRONG = re.compile(r"\*\*")
AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
LIST_NUMBER_ALONE = re.compile(r"^(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]$|^\((?:\d{1,3}|[a-z]|[ivx]{1,5})\)$")

GRID_RULE = re.compile(r"[|+]?(?:[-=:]{3,}[+|])+[-=:]*[|+]?")  # |-----+-----| left from grid tables
PIPE_RUN = re.compile(r"(?:\s*\|)+\s*")

HEADING_ATX = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
HEADING_EMPH = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*:?\s*$")
SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
LIST_ITEM = re.compile(r"^\s{0,6}(?:(?:[-*+\u2013]|\d{1,3}[.)]|\(?[a-z]\)|\(?[ivx]{1,5}\))\s+|[\u2022\u25aa\u25cf\u00b7]\s*)(?=\S)")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
HRULE = re.compile(r"^\s*(?:\*\s*){3,}$|^\s*(?:-\s*){3,}$|^\s*(?:_\s*){3,}$")
END_MARK = re.compile(r"\s*(?:/End/|/ENDS/|\bENDS\b\.?|-ends-)\s*$")
CAPTION_END = re.compile(r"(?:\((?:Yonhap|AP|AFP|Reuters|EPA|EPA-EFE|Xinhua|Kyodo|Getty Images|Pool photo|Photo courtesy of[^)]*|[A-Z][\w .'-]{0,40} photo|photo[^)]*)\)"
                         r"|\[(?:File )?Photo\b[^\]]{0,60}\])\s*\|?\s*$", re.I)  # "(Yonhap)", "[File Photo: IC]"
DATELINE_PLACE = (r"(?:[A-Z][A-Z.'\u2019-]+(?:[ -][A-Z][A-Za-z.'\u2019-]+){0,3})"  # SEOUL / NEW YORK
                  r"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Za-z.]+){0,2})?")  # , Jan. 2 / , South Korea
DATELINE = re.compile(
    r"^(?:date:?\s+\d{4}-\d{2}-\d{2}\s+)?"  # a scraped page's date field before the dateline
    + DATELINE_PLACE +
    r"(?:\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\((?:Yonhap|AP|AFP|Reuters|Xinhua|Kyodo|UPI|dpa|ANI|IANS|PTI|Bernama|KCNA|RNZ|Stuff|NZME|[A-Z][\w.&' -]{1,30})[^)]*\))?\s*(?:--|\u2014|\u2013|-)\s+"
)
# a dateline with the agency's credit and no dash after it: "MOSCOW (UrduPoint News / Sputnik -
# 04th October, 2022) South Korean Minister ..." (only with an agency's name in the brackets,
# so that "NATO (North Atlantic Treaty Organization) members ..." is no dateline)
AGENCY_DATELINE = re.compile(
    r"^" + DATELINE_PLACE +
    r"\s*\((?=[^)]*\b(?:News|Sputnik|TASS|Reuters|AFP|AP|Xinhua|Yonhap|Kyodo|IANS|PTI|ANI|dpa|Bernama|UPI|WAM|SPA|KUNA|APP)\b)"
    r"[^)]{2,80}\)\s+(?=[A-Z])")
TERMINAL = re.compile(r"[.!?:;][\"')\]\u201d\u2019]*$")
WORD_END = re.compile(r"([A-Za-z]+)$")
WORD_START = re.compile(r"^([A-Za-z]+)")


NEWS_FORMATS = ("news", "html", "jsonl", "text")  # formats whose paragraphs may be photo captions
CAPTION_DATE = re.compile(r"\b(?:on|in)\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:"
                          r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
                          r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4})\b")


@lru_cache(maxsize=1)
def _caption_verbs() -> re.Pattern:
    verbs = data.read_lines("text/caption_verbs.txt")
    forms = sorted({f for v in verbs for f in (v, v + ("es" if v.endswith(("sh", "ch", "ss")) else "s"))}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(forms) + r")\b")


POSITIONS = r"L|R|C|left|right|centre|center|2nd [LR]"  # "Sunak (left) attends ..."
POSITION_MARK = re.compile(r"\((?:" + POSITIONS + r")\)", re.I)
CAPTION_MARK = re.compile(r"\((?:" + POSITIONS + r"|front|back)\)|\b(?:photo|file|pictured|courtesy)\b", re.I)


def _caption_cue(text: str) -> bool:
    """A paragraph ending with a credit is a caption only when it reads as one: a position
    mark ("(right)"), "photo", or a caption's shape. A report's last paragraph that ends with
    the agency's credit ("... stressed the need to cooperate. (Yonhap)") is body."""
    return CAPTION_MARK.search(text) is not None or caption_shape(text)


GALLERY_MARK = re.compile(r"^\[\d+/\d+\]\s")  # "[1/6] British Prime Minister ... speaks during a meeting"


def caption_shape(text: str) -> bool:
    """A photo caption without a credit: a gallery number ("[1/6] ..."), or one sentence in the
    present tense of a caption verb, dated with its year or marking positions ("Iranian
    lawmakers attend a session on October 13, 2015 in Tehran.", "Sunak (left) attends a
    meeting with ..."); a report's own sentences tell past events in the past tense."""
    if GALLERY_MARK.match(text):
        return True
    if len(text) > 300 or '"' in text or "\u201c" in text or text.count(". ") > 0:
        return False
    date = CAPTION_DATE.search(text)
    mark = POSITION_MARK.search(text)
    if date is None and mark is None:
        return False
    verb = _caption_verbs().search(text, 0, date.start() if date is not None else len(text))
    return verb is not None and verb.start() > 0


@lru_cache(maxsize=1)
def _furniture() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(r["pattern"], re.I), r["what"]) for r in data.read_tsv("text/furniture.tsv")]


@lru_cache(maxsize=1)
def _freqs() -> dict[str, float]:
    return get_frequency_dict("en", wordlist="best")


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    """Zipf frequency of a word (wordfreq's zipf_frequency). For plain ASCII letters,
    which is all the join rules ask about, wordfreq's tokeniser returns the lower-cased
    word itself, so the frequency table is read directly (10x faster)."""
    w = word.lower()
    if not w.isascii() or not w.isalpha():
        return zipf_frequency(w, "en", wordlist="best")
    f = _freqs().get(w, 0.0)
    return round(math.log10(f) + 9, 2) if f > 0 else 0.0


def should_join_word(a: str, b: str) -> bool:
    """True when fragment ``a`` + ``b`` is one word split across a line break
    ("situat" + "ion"), judged by the word list: the joined form is a common word and
    at least one fragment is not a word on its own."""
    if not a or not b or not b[0].islower():
        return False
    joined = _zipf(a + b)
    if joined < 3.0:
        return False
    za, zb = _zipf(a), _zipf(b)
    return min(za, zb) < 3.0 and joined > min(za, zb) + 1.5


def _is_furniture(line: str) -> str | None:
    s = line.strip()
    if len(s) > 260 and any(c.isalnum() for c in s[:40]):
        return None  # every furniture pattern is a short line
    for pat, what in _furniture():
        if pat.search(s):
            return what
    return None


@dataclass
class Block:
    role: str  # para | heading | item | caption | table
    lines: list[str]
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, before, after)


def _inline(text: str, notes: list) -> str:
    """Inline Markdown and character clean-up of one line."""
    orig = text
    text = ZERO_WIDTH.sub("", text)
    if "\u2011" in text:
        text = text.replace("\u2011", "-")
        notes.append(("space", "non-breaking hyphen", "-"))
    if SPACES.search(text):
        text = SPACES.sub(" ", text)
        notes.append(("space", "non-breaking or special space", " "))
    if "](" in text or "![" in text or "][" in text:
        t2 = IMAGE.sub("", text)
        t2 = LINK.sub(r"\1", t2)
        t2 = REF_LINK.sub(r"\1", t2)
        if t2 != text:
            notes.append(("markdown", "link or image markup", "link text"))
            text = t2
    if "\\" in text:
        t2 = ESCAPE.sub(r"\1", text)
        if t2 != text:
            notes.append(("escape", "backslash escapes", "plain characters"))
            text = t2
    if "*" in text or "__" in text or "_" in text:
        t2 = EMPHASIS.sub(r"\2", text)
        t2 = EMPH1.sub(r"\2", t2)
        if t2 != text:
            notes.append(("markdown", "emphasis markup", "plain text"))
            text = t2
    if "&" in text and ";" in text:
        t2 = SPACES.sub(" ", html.unescape(text))
        if t2 != text:
            notes.append(("escape", "HTML entities", "characters"))
            text = t2
    if "<" in text and not HTML_BLOCK.match(text):
        t2 = HTML_BREAK.sub(" ", HTML_TAG.sub("", STRIKE.sub("", text)))
        if t2 != text:
            notes.append(("markdown", "inline HTML tags", "removed"))
            text = t2
    if text.count("|") >= 2 and not TABLE_ROW.match(text):
        t2 = PIPE_RUN.sub(" ", GRID_RULE.sub(" ", text)).strip()
        if t2 != text.strip():
            notes.append(("markdown", "grid-table residue (| and -+- rules)", "cell text"))
            text = t2
    if QUOTE_RE.search(text):
        text = QUOTE_RE.sub(lambda m: QUOTES[m.group(0)], text)
        notes.append(("quote", "curly quotes", "straight quotes"))
    if "'''" in text or "\"''" in text or "''" in text:
        text = text.replace("'''", "\"'").replace("''", '"')
    text = MULTISPACE.sub(" ", text)
    if text != orig and not notes:
        notes.append(("space", orig[:40], text[:40]))
    return text


LONG_LINE = 100  # hard-wrapped text wraps at 60-80 characters: a longer line was not wrapped


LINK_TARGET = re.compile(r"\]\([^()\s]*\)|<[^<>\s]+>")


def _visible_len(line: str) -> int:
    """A line's length as read: a Markdown link's address does not count."""
    return len(LINK_TARGET.sub("", line)) if "](" in line or "<" in line else len(line)


def _line_break_kind(prev: str, line: str) -> str | None:
    """How a single line break between two lines of text reads. Scraped news and pasted
    articles put one paragraph per line with no blank line between: when either line is
    longer than any hard wrap and the first ends a sentence (or a caption), the break ends
    a paragraph ("para"); a short line with no closing punctuation before a long one is a
    headline or a credit line ("heading"). Hard-wrapped text (all lines short) is joined."""
    p, n = prev.strip(), line.strip()
    if not p or not n or not (n[0].isupper() or n[0] in "\"'\u201c\u2018("):
        return None
    if _visible_len(p) <= LONG_LINE and _visible_len(n) <= LONG_LINE:
        return None
    if TERMINAL.search(p) or p.endswith("|") or CAPTION_END.search(p):
        return "para"
    if _visible_len(n) > LONG_LINE and 3 <= len(p.split()) <= 20 and p[0].isupper() and not p.endswith((",", "-", "\u2013", "\u2014")):
        return "heading"
    return None


def _blocks(body: str) -> list[Block]:
    """Split the body into blocks: paragraphs, headings, list items, table rows."""
    blocks: list[Block] = []
    item_indent = 0  # the indentation of the last list item's marker
    cur: list[str] = []

    def flush():
        if cur:
            blocks.append(Block("para", list(cur)))
            cur.clear()

    blank_before = True
    for raw_line in body.split("\n"):
        line = raw_line.rstrip()
        if not line.strip():
            flush()
            blank_before = True
            continue
        lazy_ok = not blank_before  # a list item's lazy continuation: no blank line since the item
        blank_before = False
        if HRULE.match(line):
            flush()
            continue
        if SETEXT.match(line) and cur and len(cur) == 1:
            title = cur.pop()
            blocks.append(Block("heading", [title]))
            continue
        m = HEADING_ATX.match(line)
        if m and len(m.group(1).split()) > 15 and TERMINAL.search(m.group(1).rstrip(" *")):
            # a whole paragraph set as a heading (some releases mark every paragraph ###)
            flush()
            blocks.append(Block("para", [m.group(1)], [("markdown", line.strip()[:12] + "...", "paragraph marked up as a heading")]))
            continue
        if m:
            flush()
            if m.group(1).strip():
                blocks.append(Block("heading", [m.group(1)], [("markdown", line.strip()[:80], m.group(1)[:80])]))
            continue
        if TABLE_RULE.match(line) and "|" in line:
            flush()
            continue
        if TABLE_ROW.match(line):
            flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            cells = [c for c in cells if c]
            if cells:
                blocks.append(Block("table", ["; ".join(cells)], [("markdown", "table row", "cells joined with ;")]))
            continue
        m = LIST_ITEM.match(line)
        if m and not (cur and not TERMINAL.search(cur[-1].strip()) and line.lstrip()[:1] in "-\u2013" and line[m.end():][:1].islower()):
            flush()
            cur.append(line[m.end():])
            blocks.append(Block("item", list(cur), [("markdown", m.group(0).strip(), "list item")]))
            cur.clear()
            item_indent = len(raw_line) - len(raw_line.lstrip())
            continue
        if blocks and blocks[-1].role == "item" and not cur and (
                (raw_line.startswith(("  ", "\t")) and len(raw_line) - len(raw_line.lstrip()) > item_indent) or lazy_ok):
            # (indented past the item's marker: a paragraph at the item's own indentation is not
            # part of it, as in a page whose lines are all indented: "    \u2022 headline" then
            # "    The leaders of ...")
            blocks[-1].lines.append(line.strip())  # continuation of a list item (indented, or lazy)
            continue
        brk = _line_break_kind(cur[-1], line) if cur else None
        if brk == "heading":
            head = cur.pop()
            flush()
            blocks.append(Block("heading", [head], [("news", head.strip()[:80], "headline line kept as a section title")]))
        elif brk == "para":
            flush()
        cur.append(line)
    flush()
    return blocks


def _join_lines(lines: list[str], notes: list) -> tuple[str, list[tuple[str, int, int, str, str]]]:
    """Join the lines of one block; returns text and join repairs with local offsets."""
    out = lines[0].strip()
    joins = []
    for nxt in lines[1:]:
        nxt = nxt.strip()
        if not nxt:
            continue
        a = WORD_END.search(out, max(0, len(out) - 80))  # only the tail: the block grows line by line
        b = WORD_START.match(nxt)
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and b:
            frag = WORD_END.search(out[:-1], max(0, len(out) - 81))
            if frag and should_join_word(frag.group(1), b.group(1)):
                pos = len(out) - 1
                out = out[:-1] + nxt
                joins.append(("join_split_word", pos - len(frag.group(1)), pos + len(b.group(1)), f"{frag.group(1)}-\\n{b.group(1)}", frag.group(1) + b.group(1)))
            else:
                out = out + nxt
            continue
        if a and b and should_join_word(a.group(1), b.group(1)):
            pos = len(out)
            out = out + nxt
            joins.append(("join_split_word", pos - len(a.group(1)), pos + len(b.group(1)), f"{a.group(1)}\\n{b.group(1)}", a.group(1) + b.group(1)))
            continue
        pos = len(out)
        out = out + " " + nxt
        joins.append(("join_wrap", pos, pos + 1, "\\n", " "))
    return out, joins


def _sub_mapped(pat: re.Pattern, keep: int | None, text: str) -> tuple[str, list[int]]:
    """re.sub that keeps group ``keep`` of each match (or nothing) and returns, with the
    new text, a map from every old offset (0..len) to the new offset."""
    out: list[str] = []
    omap: list[int] = []
    last = new = 0
    for m in pat.finditer(text):
        seg = text[last:m.start()]
        omap.extend(range(new, new + len(seg)))
        out.append(seg)
        new += len(seg)
        ks, ke = m.span(keep) if keep else (m.end(), m.end())
        kept = text[ks:ke]
        for i in range(m.start(), m.end()):
            omap.append(new + (i - ks) if ks <= i < ke else (new if i < ks else new + len(kept)))
        out.append(kept)
        new += len(kept)
        last = m.end()
    tail = text[last:]
    omap.extend(range(new, new + len(tail) + 1))
    out.append(tail)
    return "".join(out), omap


def _block_markup(text: str, joins: list, notes: list) -> tuple[str, list]:
    """Markup that spans a line break ("[$20\nbillion](https://...)", "**IBM **") is only
    whole once the lines are joined: remove it here and move the join repairs with it."""
    passes = []
    if "](" in text or "![" in text or "][" in text:
        passes += [(IMAGE, None, "image markup"), (LINK, 1, "link markup"), (REF_LINK, 1, "link markup")]
    if "**" in text or "__" in text:
        passes += [(EMPHASIS, 2, "emphasis markup"), (UNPAIRED_STRONG, None, "unpaired ** markers")]
    if "*" in text or "_" in text:
        passes.append((EMPH1, 2, "emphasis markup"))
    if "<" in text:
        passes += [(STRIKE, None, "struck-out words"), (HTML_TAG, None, "inline HTML tags"), (AUTOLINK, 1, "autolink brackets")]
    for pat, keep, what in passes:
        if not pat.search(text):
            continue
        text, omap = _sub_mapped(pat, keep, text)
        joins = [(k, omap[s], omap[e], bf, af) for k, s, e, bf, af in joins]
        notes.append(("markdown", what + " across lines" if keep else what, "removed" if keep is None else "kept text"))
    if "  " in text:
        text, omap = _sub_mapped(re.compile(r"(?<= ) +"), None, text)
        joins = [(k, omap[s], omap[e], bf, af) for k, s, e, bf, af in joins]
    return text.strip(), joins


def _html_block(html: str, notes: list, pending: list) -> list[tuple[str, str, list, list]]:
    """A raw HTML block left in Markdown (pandoc keeps <table> and <figure> as HTML):
    table rows become table blocks ("cell; cell"), other markup is dropped; text kept."""
    out = []
    if re.search(r"<table\b", html, re.I):
        for row in re.split(r"</tr>", html, flags=re.I):
            cells = [" ".join(ANY_TAG.sub(" ", c).split()) for c in TABLE_CELL.findall(row)]
            cells = [c for c in cells if c]
            if cells:
                out.append(("table", _inline("; ".join(cells), notes), notes + [("markdown", "HTML table row", "cells joined with ;")], []))
        if out:
            return out
    text = " ".join(ANY_TAG.sub(" ", html).split())
    if text:
        return [("para", _inline(text, notes), notes + [("markdown", "HTML markup", "removed")], [])]
    pending.append(("furniture", html[:120], "removed (HTML markup without text)"))
    return []


def _is_heading_para(text: str, n_lines: int) -> str | None:
    m = HEADING_EMPH.match(text)
    if m and n_lines == 1 and len(m.group(2).split()) <= 20 and "**" not in m.group(2):
        inner = m.group(2).strip()
        if re.search(r"[.!?][\"'\u201d\u2019)]*$", inner) and len(inner.split()) > 3:
            return None  # a whole sentence set in bold is body text, not a heading
        return inner
    return None


def repair(doc: Document) -> Document:
    """Fill doc.text, doc.sections and doc.repairs from doc.body."""
    body = doc.body.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _blocks(body)
    out_parts: list[str] = []
    repairs: list[Repair] = []
    sections: list[Section] = [Section(0, None, 0, 0)]
    doc_blocks: list[tuple[str, int, int]] = []
    pos = 0
    pending: list[tuple[str, str, str]] = []  # block-level notes without offsets (furniture)
    # First pass: clean and classify; merge fragments split across a blank line.
    cleaned: list[tuple[str, str, list, list]] = []  # role, text, notes, joins
    for blk in blocks:
        notes = list(blk.notes)
        if blk.role == "para":
            heading = _is_heading_para(blk.lines[0].strip(), len(blk.lines))
            if heading:
                cleaned.append(("heading", _inline(heading, notes), notes, []))
                notes.append(("markdown", blk.lines[0].strip()[:80], heading[:80]))
                continue
        if blk.role == "para" and HTML_BLOCK.match(blk.lines[0]):
            cleaned.extend(_html_block(" ".join(ln.strip() for ln in blk.lines), notes, pending))
            continue
        lines = [_inline(ln, notes) for ln in blk.lines]
        text, joins = _join_lines(lines, notes)
        text, joins = _block_markup(text, joins, notes)
        if blk.role == "heading":
            cleaned.append(("heading", text.strip(" *#:"), notes, joins))
            continue
        if not text.strip():
            continue
        if LIST_NUMBER_ALONE.match(text):
            pending.append(("markdown", text, "removed (list number on a line of its own)"))
            continue
        what = _is_furniture(text)
        if what:
            pending.append(("furniture", text[:120], f"removed ({what})"))
            continue
        m = END_MARK.search(text, max(0, len(text) - 60))
        if m and m.start() > 0:
            pending.append(("furniture", text[m.start():].strip(), "removed (end-of-release marker)"))
            text = text[: m.start()].rstrip()
        role = blk.role
        if role == "para" and doc.format in NEWS_FORMATS and (
                (CAPTION_END.search(text, max(0, len(text) - 120)) and _caption_cue(text)) or caption_shape(text)):
            role = "caption"
        cleaned.append((role, text, notes, joins))

    merged: list[tuple[str, str, list, list]] = []
    names = data.multiword_names()
    for role, text, notes, joins in cleaned:
        if merged and role == "para" and merged[-1][0] == "para":
            prole, ptext, pnotes, pjoins = merged[-1]
            a = WORD_END.search(ptext, max(0, len(ptext) - 80))
            b = WORD_START.match(text)
            if not TERMINAL.search(ptext, max(0, len(ptext) - 20)) and a and b:
                short = len(ptext.split()) <= 3
                pair = f"{a.group(1)} {b.group(1)}".lower()
                if should_join_word(a.group(1), b.group(1)):
                    shift = len(ptext)
                    new = ptext + text
                    kind = ("join_split_word", shift - len(a.group(1)), shift + len(b.group(1)), f"{a.group(1)}\\n\\n{b.group(1)}", a.group(1) + b.group(1))
                elif text[0].islower() or (short and pair in names):
                    shift = len(ptext) + 1
                    new = ptext + " " + text
                    kind = ("join_wrap", shift - 1, shift, "\\n\\n", " ")
                else:
                    kind = None
                if kind:
                    joins2 = pjoins + [kind] + [(k, s + shift, e + shift, bf, af) for k, s, e, bf, af in joins]
                    merged[-1] = (prole, new, pnotes + notes, joins2)
                    continue
        merged.append((role, text, notes, joins))

    # Dateline: cut from the first body paragraph of news.
    for n, (role, text, notes, joins) in enumerate(merged):
        if role != "para":
            continue
        if doc.meta.kind == "news" or doc.format == "news":
            m = DATELINE.match(text) or AGENCY_DATELINE.match(text)
            if m and m.end() < len(text) - 20:
                cut = m.end()
                notes.append(("dateline", text[:cut].strip(), "cut"))
                joins = [(k, s - cut, e - cut, bf, af) for k, s, e, bf, af in joins if s >= cut]
                merged[n] = (role, text[cut:], notes, joins)
                break
            if n >= 2:
                break  # a dateline opens the story: the first paragraphs after a headline or a date line
        else:
            break

    for role, text, notes, joins in merged:
        if out_parts:
            out_parts.append("\n\n")
            pos += 2
        start = pos
        out_parts.append(text)
        pos += len(text)
        doc_blocks.append((role, start, pos))
        if role == "heading":
            sections[-1].end = start
            sections.append(Section(len(sections), text, start, pos))
        for kind, s, e, bf, af in joins:
            repairs.append(Repair(kind, start + s, start + e, bf, af))
        seen = set()
        for kind, bf, af in notes:
            if (kind, bf) in seen:
                continue
            seen.add((kind, bf))
            repairs.append(Repair(kind, start, pos, bf, af))
    for kind, bf, af in pending:
        repairs.append(Repair(kind, -1, -1, bf, af))
    sections[-1].end = pos
    doc.text = "".join(out_parts)
    if not doc.text.strip():
        doc.warn("no_text_after_repair", "no text left after repair: the body is only markup (images, links) or furniture")
    doc.repairs = repairs
    doc.sections = sections
    doc.blocks = doc_blocks
    return doc
