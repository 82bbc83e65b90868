"""The document object every stage reads and extends (like spaCy's Doc).

ingest fills ``raw``, ``meta``, ``body``; text repair fills ``text``, ``repairs``,
``sections``; segmentation fills ``sentences``; actors fills ``mentions`` and
``parties``; acts fills ``acts``. Any stage may add a ``DocWarning`` to ``warnings``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class DocMeta:
    title: str | None = None
    date: str | None = None  # ISO date or None
    date_raw: str | None = None
    url: str | None = None
    publisher: str | None = None
    kind: str = "other"  # statement | news | other
    people: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


# every kind of document warning, the stage that raises it, and what it means: a warning is
# created with its kind where it is raised, so runs count warnings by kind, never by text
WARNING_KINDS: dict[str, tuple[str, str]] = {
    "not_utf8": ("ingest", "the file is not UTF-8; decoded in the encoding named"),
    "front_matter_unclosed": ("ingest", "front matter opened with '---' but never closed; read as body text"),
    "front_matter_invalid": ("ingest", "front matter is not valid YAML; key: value lines read leniently"),
    "bad_date": ("ingest", "a date that is not a calendar date, not understood or implausible; date left empty"),
    "no_date": ("ingest", "no date in metadata or text; actors are resolved without a date"),
    "date_from_text": ("ingest", "no date in metadata; the latest date written in the text is taken"),
    "field_dropped": ("ingest", "a metadata field of the wrong type (or items of it) dropped"),
    "field_cut": ("ingest", "a metadata field longer than the store takes; cut"),
    "invalid_characters": ("ingest", "lone UTF-16 surrogates in the text or metadata; replaced with U+FFFD"),
    "metadata_dropped": ("ingest", "metadata that is not a mapping, or nested too deeply or too large; dropped"),
    "no_text_after_repair": ("text", "the body is only markup or furniture: no text left after repair"),
}


@dataclass(slots=True)
class DocWarning:
    """Something a stage could not use as it was and what it did instead (the document is
    kept). ``kind`` is one of WARNING_KINDS; ``message`` says it for a reader, naming the
    field or value; ``start``/``end``: offsets in the text it concerns, when it has some."""
    kind: str
    message: str
    stage: str = ""  # taken from WARNING_KINDS when not given
    start: int | None = None
    end: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in WARNING_KINDS:
            raise KeyError(f"unknown warning kind {self.kind!r} (add it to models.WARNING_KINDS)")
        if not self.stage:
            self.stage = WARNING_KINDS[self.kind][0]

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "stage": self.stage, "message": self.message,
                "start_char": self.start, "end_char": self.end}


@dataclass(slots=True)
class Repair:
    kind: str  # join_split_word | join_wrap | markdown | escape | furniture | space | quote | dateline | caption
    start: int  # offset in the repaired text where the result stands
    end: int
    before: str
    after: str


@dataclass(slots=True)
class Section:
    idx: int
    title: str | None
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    idx: int
    start: int
    end: int
    text: str
    section: int = 0
    role: str = "body"  # body | item | caption | table | question (a reporter's turn in a transcript)
    item_of: int | None = None  # index of a list lead-in sentence ("agreed to:") this item completes


@dataclass(slots=True)
class Mention:
    start: int  # offsets in the repaired text
    end: int
    text: str
    code: str
    sector: str  # GOV, MIL, IGO, REB, CVL, LEG, ...
    kind: str  # state | body | leader | group | office | party_ref | people
    reason: str
    sentence: int = -1
    person: str | None = None
    possessive: bool = False


@dataclass(slots=True)
class Act:
    sentence: int
    act: str
    source: list[str]
    target: list[str]
    trigger: str
    negated: bool = False
    when: str | None = None
    when_start: str | None = None  # normalised date range
    when_end: str | None = None
    intensity: str | None = None
    trigger_span: tuple[int, int] | None = None  # offsets in repaired text
    plover_event: str | None = None
    plover_mode: str | None = None
    plover_context: list[str] = field(default_factory=list)
    cameo: str | None = None
    source_sectors: list[str] = field(default_factory=list)
    target_sectors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    id: str
    path: str
    raw: bytes
    format: str  # markdown | news | html | jsonl | text
    meta: DocMeta
    body: str = ""  # decoded body (front matter removed), before repair
    text: str = ""  # repaired text; every offset points here
    repairs: list[Repair] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    blocks: list[tuple[str, int, int]] = field(default_factory=list)  # (role, start, end): para|heading|item|caption|table
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    acts: list[Act] = field(default_factory=list)
    warnings: list[DocWarning] = field(default_factory=list)

    def warn(self, kind: str, message: str, start: int | None = None, end: int | None = None) -> None:
        self.warnings.append(DocWarning(kind, message, start=start, end=end))

    def sentence_text(self, i: int) -> str:
        s = self.sentences[i]
        return self.text[s.start : s.end]


def act_records(doc: Document) -> list[dict]:
    """One JSON-ready record per act (RECORDS.md section 2 keys plus codes)."""
    out = []
    for a in doc.acts:
        s = doc.sentences[a.sentence]
        out.append({
            "doc": doc.path, "doc_id": doc.id, "date": doc.meta.date, "sentence": s.text, "act": a.act,
            "source": a.source, "target": a.target, "trigger": a.trigger, "negated": a.negated, "when": a.when,
            "when_start": a.when_start, "when_end": a.when_end, "intensity": a.intensity,
            "span": [s.start, s.end], "trigger_span": list(a.trigger_span) if a.trigger_span else None,
            "plover": {"event": a.plover_event, "mode": a.plover_mode, "context": a.plover_context},
            "cameo": a.cameo})
    return out
