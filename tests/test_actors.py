"""Actors: recognition and date-aware resolution on the seeds and a table of real leaders."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from accord.actors import find_actors, lookup, resolve_name
from accord.actors.resolve import clear_caches
from accord.ingest import load_documents
from accord.pipeline import prepare

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _doc(name: str):
    (d,) = list(load_documents([EXAMPLES / name]))
    return find_actors(prepare(d))


@pytest.fixture(scope="module")
def statement():
    return _doc("000_d8a6e55ad387dd7a.txt")


@pytest.fixture(scope="module")
def news():
    return _doc("001_c17310a070c6f817.txt")


def _codes_of(doc, surface: str) -> set[str]:
    return {m.code for m in doc.mentions if m.text.rstrip("'s").rstrip("'") == surface or m.text == surface}


def test_statement_parties(statement):
    assert set(statement.parties) == {"KOR", "NZL"}


@pytest.mark.parametrize("surface,code", [
    ("ROK", "KOR"), ("Republic of Korea", "KOR"), ("Yoon Suk Yeol", "KOR"), ("Korean Armed Forces", "KOR"),
    ("New Zealand", "NZL"), ("Christopher Luxon", "NZL"), ("New Zealand Defence Force", "NZL"),
    ("New Zealand side", "NZL"), ("DPRK", "PRK"), ("Russia", "RUS"), ("Ukraine", "UKR"),
    ("WTO", "WTO"), ("APEC", "APEC"), ("OECD", "OECD"), ("UNC", "UNC"), ("UNSC", "UNSC"), ("PIF", "PIF"),
    ("ASEAN", "ASEAN"), ("Koreans", "KOR"), ("New Zealanders", "NZL"),
])
def test_statement_mentions_resolve(statement, surface, code):
    codes = _codes_of(statement, surface)
    assert codes == {code}, f"{surface}: {codes}"


@pytest.mark.parametrize("place", ["Indo-Pacific", "Korean Peninsula", "South China Sea", "Taiwan Strait", "Middle East"])
def test_places_are_not_actors(statement, place):
    ms = [m for m in statement.mentions if m.text == place]
    assert ms, f"{place} not recognised at all"
    assert all(m.code == "" and m.kind == "place" for m in ms)


def test_korean_as_modifier_is_not_an_actor(statement):
    mods = [m for m in statement.mentions if m.text == "Korean"]
    assert mods and all(m.kind == "modifier" for m in mods)


def test_both_sides_resolve_to_parties(statement):
    refs = [m for m in statement.mentions if m.text.lower() == "both sides"]
    assert len(refs) > 30 and all(m.code == "KOR+NZL" for m in refs)


def test_news_capitals_and_offices(news):
    assert _codes_of(news, "Pyongyang") == {"PRK"}
    assert _codes_of(news, "Moscow") == {"RUS"}
    office = [m for m in news.mentions if m.text == "Yoon's office"]
    assert office and office[0].code == "KOR" and office[0].kind == "office"
    assert set(news.parties) == {"KOR", "NZL"}


def test_every_mention_has_a_reason(statement, news):
    for d in (statement, news):
        assert all(m.reason for m in d.mentions)


def _table():
    path = ROOT / "tests" / "data" / "actors" / "dated_resolutions.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_table_is_large_enough():
    rows = _table()
    assert len(rows) >= 40
    assert sum(r["code"] == "-" for r in rows) >= 10  # leaders named outside their terms


@pytest.mark.parametrize("row", _table(), ids=lambda r: f"{r['name']}@{r['date']}")
def test_dated_resolution(row):
    m = resolve_name(row["name"], row["date"])
    assert m is not None, f"{row['name']} not recognised"
    got = m.code or "-"
    assert got == row["code"], f"{row['name']} on {row['date']}: {got} ({m.reason}); expected {row['code']} ({row['note']})"


def test_lookup_reports_terms():
    rows = [r for r in lookup("Yoon Suk Yeol", "2025-06-10") if r["kind"] == "leader"]
    assert rows and rows[0]["code"] == "KOR" and rows[0]["in_office"] is False
    assert any(t["start"] == "2022-05-10" and t["end"] == "2025-04-04" for t in rows[0]["terms"])


def _mention_rows(doc):
    return doc.parties, [(m.start, m.end, m.text, m.code, m.sector, m.kind, m.reason, m.sentence, m.person,
                          m.possessive) for m in doc.mentions]


def test_resolution_depends_on_neither_order_nor_batching(beehive_members):
    """The pipeline resolves a batch after segmenting all of it, and the resolver caches
    what depends on a written form alone: a document's mentions must not depend on the
    documents resolved before it."""
    from accord.errors import InputError
    from accord.ingest import parse_bytes

    _, first = beehive_members

    def parsed():
        out = []
        for name, raw in first[:200]:
            try:
                out += [d for d in parse_bytes(name, raw) if not isinstance(d, InputError)]
            except InputError:
                continue
        return out

    clear_caches()
    alternating = [find_actors(prepare(d)) for d in parsed()]  # one document after the other
    batch = [prepare(d) for d in parsed()]
    clear_caches()  # each cache is now filled first by other documents
    for d in reversed(batch):  # the stages one after the other, the documents in reverse
        find_actors(d)
    assert len(alternating) == len(batch) > 150
    assert sum(len(d.mentions) for d in batch) > 2000
    assert [_mention_rows(d) for d in alternating] == [_mention_rows(d) for d in batch]


def _tsv(name: str) -> list[dict]:
    path = ROOT / "src" / "accord" / "data" / "actors" / name
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_ministers_table_is_well_formed_and_clashes_with_no_leader():
    # data/actors/ministers.tsv: other ministers of partner states, in leaders.tsv's columns; a
    # bare surname there must not be the name or alias of another person in either table
    import re

    rows = _tsv("ministers.tsv")
    assert len(rows) >= 500
    iso = re.compile(r"\d{4}-\d{2}-\d{2}$")
    for r in rows:
        assert r["office"] in {"DEF", "TRADE", "FIN", "MIN"}, r
        assert iso.match(r["start"]) and (not r["end"] or (iso.match(r["end"]) and r["start"] <= r["end"])), r
        assert re.fullmatch(r"[A-Z]{3}", r["code"]), r
    owner: dict[str, set[str]] = {}
    for r in _tsv("leaders.tsv") + rows:
        for form in [r["name"], *(a for a in (r.get("aliases") or "").split("|") if a)]:
            owner.setdefault(form.lower(), set()).add(r["name"])
    surnames = {a.lower() for r in rows for a in (r.get("aliases") or "").split("|") if a and " " not in a}
    clashes = {f: owner[f] for f in surnames if len(owner[f]) > 1}
    assert not clashes, clashes
