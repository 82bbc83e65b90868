"""Segment repaired text into sentences with character offsets.

A rule-based splitter (fast enough for whole archives; spaCy's parser is only run
later on sentences that can hold an act). It splits where a standard splitter would:
after . ! ? followed by a capital, a digit or an opening quote (a closing quote after a stray
space stays with its sentence: 'as ever. " Biden praised'), also at a missing space
after a full stop ("pressure.In the"), but not after abbreviations ("Mr.", "Sept.",
"U.S."), initials ("S. Korea") or "No. 5".
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import data
from ..models import Document, Sentence
from .repair import NEWS_FORMATS, caption_shape

BOUNDARY = re.compile(
    r"(?P<end>[.!?]+)(?P<close>(?: [\"\u201d](?=\s+[A-Z]))?[\"')\]\u201d\u2019]*)(?P<fn>\[\d{1,3}\])?"
    r"(?:(?P<ws>\s+)(?=[\"'(\[\u201c\u2018]?[A-Z0-9\u00c0-\u00de])|(?=[A-Z][a-z]))"
)
PREV_TOKEN = re.compile(r"(\S+)$")


@lru_cache(maxsize=1)
def _abbrevs() -> tuple[frozenset[str], frozenset[str]]:
    return (frozenset(data.read_lines("text/abbreviations.txt")),
            frozenset(data.read_lines("text/numeric_abbreviations.txt")))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of one block of text."""
    abbrevs, numeric = _abbrevs()
    spans = []
    start = 0
    n = len(text)
    for m in BOUNDARY.finditer(text):
        end_punct = m.group("end")
        cut = m.end("fn") if m.group("fn") else m.end("close")
        if m.group("ws") is None and m.group("fn") is None:
            # no space: only "word.Word" with a lower-case word of 2+ letters before
            if end_punct != "." or m.start() < 2 or not text[m.start() - 2 : m.start()].isalpha() or not text[m.start() - 1].islower():
                continue
            if m.group("close"):
                continue
        if end_punct == ".":
            pm = PREV_TOKEN.search(text, start, m.start())
            prev = pm.group(1).lstrip("(\"'[") if pm else ""
            if prev in abbrevs or (len(prev) == 1 and prev.isupper()):
                continue
            if prev.isupper() and len(prev) > 1 and prev.capitalize() in abbrevs:  # MR. CAMPBELL, DR. SMITH
                continue
            prev = prev.rsplit("-", 1)[-1]  # EU-U.S. Task Force
            if prev in numeric and text[m.end():m.end() + 1].isdigit():
                continue
            if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", prev):  # U.S, e.g, D.C
                nxt = text[m.end():m.end() + 12]
                if not re.match(r"[\"']?(?:The|This|These|It|He|She|They|We|In|On|At|But|And|A)\b", nxt):
                    continue
        if cut - start > 0 and text[start:cut].strip():
            spans.append((start, cut))
        start = m.end()
    if start < n and text[start:].strip():
        spans.append((start, n))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


ROLE_OF_BLOCK = {"para": "body", "item": "item", "caption": "caption", "table": "table"}


def segment(doc: Document) -> Document:
    """Fill doc.sentences from doc.text and doc.blocks (headings are not sentences)."""
    sentences: list[Sentence] = []
    sec_starts = [(s.start, s.idx) for s in doc.sections]
    lead_in: int | None = None
    asking = _question_blocks(doc)
    news = doc.format in NEWS_FORMATS
    for role, bstart, bend in doc.blocks:
        if role == "heading":
            lead_in = None
            continue
        section = 0
        for st, idx in sec_starts:
            if st <= bstart:
                section = idx
        srole = ROLE_OF_BLOCK.get(role, "body")
        block_text = doc.text[bstart:bend]
        spans = [(0, len(block_text))] if role == "caption" else split_sentences(block_text)
        for k, (s, e) in enumerate(spans):
            # a caption glued before a report's paragraph by a scraper ("UK Prime Minister Rishi
            # Sunak (left) attends a bilateral meeting ... on June 8, 2023 in Washington. Sunak is ...")
            first_caption = news and k == 0 and len(spans) > 1 and srole == "body" and caption_shape(block_text[s:e])
            sentences.append(Sentence(len(sentences), bstart + s, bstart + e, block_text[s:e], section,
                                      "caption" if first_caption else "question" if bstart in asking else srole,
                                      lead_in if srole == "item" else None))
        if role == "para":
            last = sentences[-1] if sentences else None
            lead_in = last.idx if last is not None and last.text.rstrip().endswith(":") else None
        elif role != "item":
            lead_in = None
    doc.sentences = sentences
    return doc


QUESTION_TURN = re.compile(r"\s*Q[.:]?\s")  # "Q    What did you say?", "Q: Mr. President, ..."
SPEAKER_TURN = re.compile(r"\s*(?:[A-Z][A-Z.'\u2019-]*\s){0,4}[A-Z][A-Z.'\u2019-]*:\s")  # "MR. KIRBY:", "THE PRESIDENT:", "A:"


def _question_blocks(doc: Document) -> set[int]:
    """Starts of the blocks of a transcript (press briefing, remarks with questions) that a
    reporter speaks: from a "Q" turn to the next speaker's label. A reporter's words are no
    act of any government ("I was a little worried about getting my question")."""
    text = doc.text
    paras = [(b, e) for role, b, e in doc.blocks if role in ("para", "item")]
    if not any(QUESTION_TURN.match(text, b, e) for b, e in paras):
        return set()
    out: set[int] = set()
    asking = False
    for b, e in paras:
        if QUESTION_TURN.match(text, b, e):
            asking = True
        elif SPEAKER_TURN.match(text, b, e):
            asking = False
        if asking:
            out.add(b)
    return out

