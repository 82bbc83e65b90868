"""Text repair and sentence splitting (RECORDS.md sections 5 and 6) on real documents."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from accord.ingest import parse_bytes
from accord.models import DocMeta, Document
from accord.pipeline import prepare
from accord.text.repair import should_join_word
from accord.text.segment import split_sentences


def prep(name: str, raw: bytes) -> Document:
    (d,) = list(parse_bytes(name, raw))
    return prepare(d)


def body_doc(body: str, fmt: str = "markdown", kind: str = "statement") -> Document:
    return prepare(Document(id="x", path="x", raw=body.encode(), format=fmt, meta=DocMeta(kind=kind), body=body))


def check_offsets(d: Document) -> None:
    for s in d.sentences:
        assert d.text[s.start:s.end] == s.text
    for r in d.repairs:
        assert (r.start, r.end) == (-1, -1) or 0 <= r.start <= r.end <= len(d.text)


def test_seed_news_article_repaired(seeds):
    d = prep(str(seeds["news"]), seeds["news"].read_bytes())
    check_offsets(d)
    assert "human rights situation, according to the office." in d.text
    assert "South Korea and New Zealand have stepped up" in d.text
    for s in d.sentences:
        assert "Categories General" not in s.text and "Source: Yonhap News Agency" not in s.text
    assert "Categories" not in d.text and "Source:" not in d.text
    kinds = {(r.kind, r.before, r.after) for r in d.repairs}
    assert ("join_split_word", "situat\\nion", "situation") in kinds
    assert ("join_wrap", "\\n", " ") in kinds
    assert ("furniture", "Categories General", "removed (news site category line)") in kinds
    assert ("furniture", "Source: Yonhap News Agency", "removed (news source credit line)") in kinds
    split = next(r for r in d.repairs if r.kind == "join_split_word")
    assert d.text[split.start:split.end] == "situation"
    caption = [s for s in d.sentences if s.role == "caption"]
    assert len(caption) == 1 and caption[0].text.endswith("(Yonhap)")


def norm(s: str) -> str:
    s = re.sub("[\u2018\u2019\u201a\u2032]", "'", s)
    s = re.sub("[\u201c\u201d\u201e\u2033]", '"', s)
    s = s.replace("''", '"')
    return " ".join(s.split())


def gold_files(shared: Path) -> list[Path]:
    files = sorted((shared / "gold" / "dev").glob("*.jsonl"))
    if not files:
        pytest.skip("no gold files in ../shared/gold/dev")
    return files


@pytest.mark.parametrize("stem", ["000_d8a6e55ad387dd7a", "001_c17310a070c6f817",
                                  "beehive-2023-12-12-joint-statement-prime-ministers-new-zealand-australia-and-canada",
                                  "beehive-2025-10-29-joint-statement-foreign-ministers-nordic-countries"])
def test_gold_sentences_are_our_sentences(shared, beehive_members, stem):
    """Every gold sentence is exactly one of our body sentences (modulo whitespace and
    quote style), and every one of our body sentences is a gold sentence."""
    gold_path = shared / "gold" / "dev" / f"{stem}.jsonl"
    if not gold_path.exists():
        pytest.skip(f"{gold_path} is absent")
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    doc = gold[0]["doc"]
    if doc.startswith("seeds/"):
        raw = (shared / doc).read_bytes()
    else:
        named, _ = beehive_members
        raw = dict(named.values())[doc]
    d = prep(doc, raw)
    check_offsets(d)
    ours = [norm(s.text) for s in d.sentences if s.role in ("body", "item", "table")]
    for g in gold:
        assert ours.count(norm(g["sentence"])) == 1, g["sentence"]
    assert ours == [norm(g["sentence"]) for g in gold]


def test_beehive_statement_sections_and_bold_sentence(beehive_members):
    named, _ = beehive_members
    d = prep(*named["gold_gaza"])
    # a whole sentence set in bold is a sentence, not a section title
    assert d.sentences[0].text == "Joint statement from Prime Ministers Christopher Luxon, Anthony Albanese and Justin Trudeau."
    assert [s.title for s in d.sections] == [None]
    seed = prep(*named["gold_nordic"])
    assert all("**" not in s.text and "\\" not in s.text for s in seed.sentences)


def test_white_house_wraps_escapes_and_headings(wh_members):
    d = prep(*wh_members["eu_joint"])
    check_offsets(d)
    assert [s.title for s in d.sections][:2] == [None, "Building the Clean Economies of the Future"]
    texts = [s.text for s in d.sentences]
    assert any(t.startswith("The EU-U.S. Task Force on the Inflation Reduction Act has productively") for t in texts)
    assert "\\###" not in d.text and "###" not in d.text and "**" not in d.text
    assert all("\n" not in t for t in texts)  # 72-column wraps joined
    assert sum(r.kind == "join_wrap" for r in d.repairs) > 20
    call = prep(*wh_members["press_call"])
    assert any(t.startswith("MR. CAMPBELL: Thanks very much.") for t in [s.text for s in call.sentences])


def test_beehive_damage(beehive_members):
    named, _ = beehive_members
    fn = prep(*named["footnotes"])
    texts = [s.text for s in fn.sentences]
    assert "The case of Solicitor-General v. Smith (2004) illustrated the need for this provision in the Bill." in texts
    assert any(t.endswith('"intemperate, derogatory and unfair."[1]') for t in texts)  # footnote marker ends the sentence
    assert "[1] Solicitor-General v Smith [2004] 2 NZLR 540 (HC) at [94]." in texts  # escaped brackets
    assert any(r.kind == "escape" for r in fn.repairs)
    caps = prep(*named["all_caps"])
    assert caps.meta.title == "MINISTER URGES NEW ZEALANDERS TO TAKE RESPONSIBILITY FOR SEXUAL HEALTH"
    grid = prep(*named["grid_table"])
    assert "|" not in grid.text and "-----+" not in grid.text
    assert "National Drug Policy FACT SHEET" in [s.text for s in grid.sentences]
    assert prep(*named["table_title"]).meta.title == "Fall in confidence disappointing but not"


def test_non_breaking_spaces_and_bullets(beehive_members):
    _, first = beehive_members
    nbsp = [(n, r) for n, r in first if "\u00a0".encode() in r]
    assert nbsp, "no release with a non-breaking space among the first 400"
    for n, r in nbsp[:20]:
        try:
            d = prep(n, r)
        except Exception as exc:  # only 'no body text' may happen here
            assert "no body text" in str(exc)
            continue
        assert "\u00a0" not in d.text
        if any("\u00a0" in ln.strip() for ln in d.body.splitlines()):  # inside a line, not only at its ends
            assert any(x.kind == "space" for x in d.repairs)
        check_offsets(d)
    d = body_doc("Background\n\n\u2022About 2700 new cases are registered each year.\n\u2022There are inequalities.")
    assert [(s.role, s.text) for s in d.sentences][-2:] == [("item", "About 2700 new cases are registered each year."),
                                                           ("item", "There are inequalities.")]


def test_first_400_beehive_releases_repair_cleanly(beehive_members):
    _, first = beehive_members
    n = 0
    for name, raw in first:
        try:
            d = prep(name, raw)
        except Exception as exc:
            assert "no body text" in str(exc), (name, exc)
            continue
        n += 1
        check_offsets(d)
        for s in d.sentences:
            assert "\n" not in s.text and "**" not in s.text and "\\[" not in s.text and "](http" not in s.text, (name, s.text)
            assert "\u00a0" not in s.text and "  " not in s.text, (name, s.text)
    assert n > 380


def test_split_word_join_uses_the_word_list():
    assert should_join_word("situat", "ion")
    assert should_join_word("cooper", "ation")
    assert not should_join_word("South", "korea")  # a capitalised or proper continuation is not judged
    assert not should_join_word("the", "situation")  # both are words: a wrap, not a split word
    assert not should_join_word("any", "one")


def test_sentence_splitter_rules():
    t = "Mr. Smith met U.S. officials.In the afternoon he left. No. 5 was signed. S. Korea agreed! Then it ended."
    assert [t[s:e] for s, e in split_sentences(t)] == [
        "Mr. Smith met U.S. officials.", "In the afternoon he left.", "No. 5 was signed.", "S. Korea agreed!", "Then it ended."]


def test_white_house_markup_across_wrapped_lines(wh_members):
    d = prep(*wh_members["wrapped_links"])
    check_offsets(d)
    texts = [s.text for s in d.sentences]
    assert "IBM announced a $150 billion investment over the next five years in its U.S.-based growth and manufacturing operations." in texts
    assert any(t.startswith("Hyundai announced a $26 billion U.S.-based investment — including $5.8 billion for a new steel plant in Louisiana") for t in texts)
    assert "](" not in d.text and "**" not in d.text and "https://" not in d.text
    assert any(r.kind == "markdown" and r.before == "link markup across lines" for r in d.repairs)
    for r in d.repairs:  # join repairs moved with the markup removed after joining
        if r.kind == "join_split_word":
            assert d.text[r.start:r.end] == r.after


def test_white_house_html_left_in_markdown(wh_members):
    t = prep(*wh_members["html_table"])
    check_offsets(t)
    tables = [s.text for s in t.sentences if s.role == "table"]
    assert tables[0] == "State; Workers and Retirees" and len(tables) > 3
    assert "<" not in t.text and "-->" not in t.text
    s = prep(*wh_members["strike"])
    texts = [x.text for x in s.sentences]
    assert "And it's going to hopefully improve mental health [care] access for more than 150 million Americans." in texts
    assert "It's going to be led by the Department of Labor, that — the [Department of Health and Human Services] and also Treasury." in texts
    n = prep(*wh_members["span_numbers"])
    assert n.text.count("Section 1. Policy.") == 1 and "<span" not in n.text
    assert not [x.text for x in n.sentences if re.fullmatch(r"\d+ ?\.", x.text)]


def test_list_item_lazy_continuation(wh_members):
    d = prep(*wh_members["order"])
    items = [s.text for s in d.sentences if s.role == "item"]
    assert any(t.startswith("The Secretary of the Treasury, as the Chair of the Financial Stability Oversight Council (FSOC), shall engage") for t in items)
    assert any(t.startswith("the measurement, assessment, mitigation, and disclosure of climate-related financial risk") for t in items)
    # a blank line ends an item: the next paragraph is not swallowed
    d2 = body_doc("Those reappointed are:\n\n- John Auld of New Plymouth\n- Barrie Barnes of Auckland\n\nThe new appointee is Aaron Bhatnagar.")
    assert [(s.role, s.text) for s in d2.sentences] == [
        ("body", "Those reappointed are:"), ("item", "John Auld of New Plymouth"), ("item", "Barrie Barnes of Auckland"),
        ("body", "The new appointee is Aaron Bhatnagar.")]


def test_beehive_entities_and_link_residue(beehive_members):
    named, _ = beehive_members
    e = prep(*named["entities"])
    assert any("high occupancy rates (>80 per cent)" in s.text for s in e.sentences) and "&gt;" not in e.text
    assert "[](" not in prep(*named["empty_link"]).text
    n = prep(*named["endnote_links"])
    assert "The June 2013 valuation shows the current lifetime liability[i] is $76.5 billion." in [s.text for s in n.sentences]
    assert "#_edn" not in n.text


def test_paragraphs_marked_as_headings_and_markup_only_bodies(beehive_members):
    named, _ = beehive_members
    d = prep(*named["heading_paragraphs"])
    assert d.sentences and d.sentences[0].text.startswith("Raukawa and the Crown have today signed Terms of Negotiations")
    assert all(len((s.title or "").split()) <= 15 for s in d.sections)
    img = prep(*named["image_only"])  # the body is one linked image: stored (bytes kept), flagged
    assert img.text == "" and img.sentences == []
    (w,) = [w for w in img.warnings if w.kind == "no_text_after_repair"]
    assert w.stage == "text" and w.message == "no text left after repair: the body is only markup (images, links) or furniture"


def test_captions_by_shape_and_a_story_credit_is_body():
    # a present-tense caption dated with its year, or one ending with a photo credit in
    # brackets, is a caption; a report's last paragraph ending with the agency's credit is body
    d = body_doc("Leaders of France, Germany and Britain said on Sunday they are concerned by the tension.\n\n"
                 "Iranian lawmakers attend a session on October 13, 2015 in Tehran, Iran.\n\n"
                 "Iranian parliament approved the deal with 161 votes in favor. [File Photo: IC]\n\n"
                 "The ministers met in Paris on March 3, 2019 to discuss the accord.\n\n"
                 "Cho and Iwaya stressed the need to closely cooperate between Seoul and Tokyo. (Yonhap)\n",
                 fmt="text", kind="news")
    roles = {s.text[:20]: s.role for s in d.sentences}
    assert roles["Iranian lawmakers at"] == "caption"
    assert roles["Iranian parliament a"] == "caption"
    assert roles["The ministers met in"] == "body"  # past tense: the report's own sentence
    assert roles["Cho and Iwaya stress"] == "body"
    assert roles["Leaders of France, G"] == "body"


def test_a_caption_glued_before_a_paragraph_and_a_gallery_caption():
    d = body_doc("UK Prime Minister Rishi Sunak (left) attends a bilateral meeting with President Joe Biden in the "
                 "Oval Office on June 8, 2023 in Washington. Sunak is on his first visit to the United States.\n\n"
                 "[1/6] British Prime Minister Rishi Sunak speaks during a meeting with US President Joe Biden.\n\n"
                 "The leaders discussed the war in Ukraine.\n", fmt="text", kind="news")
    roles = {s.text[:20]: s.role for s in d.sentences}
    assert roles["UK Prime Minister Ri"] == "caption"
    assert roles["Sunak is on his firs"] == "body"
    assert roles["[1/6] British Prime "] == "caption"
    assert roles["The leaders discusse"] == "body"
    check_offsets(d)


def test_a_reporters_turn_in_a_transcript_is_a_question():
    # White House remarks (CC0): from a "Q" turn to the next speaker's label the words are a
    # reporter's, no act of any government
    d = body_doc("MS. CHENEY: You know, I am deeply troubled by what I have watched.\n\nQ What did you say?\n\n"
                 "I was told I was going to be an alternate, so I was a little worried about getting my question.\n\n"
                 "THE VICE PRESIDENT: We will protect Social Security.\n", fmt="markdown")
    roles = {s.text[:18]: s.role for s in d.sentences}
    assert roles["Q What did you say"] == "question"
    assert roles["I was told I was g"] == "question"
    assert roles["MS. CHENEY: You kn"] == "body"
    assert roles["THE VICE PRESIDENT"] == "body"


def test_an_answer_label_ends_the_question_turn():
    # a release in questions and answers ("Q: ... A: ...") answers in the government's voice
    d = body_doc("Q: When will the policy be ready?\n\nA: We are hoping to refine the policy options during the early "
                 "part of 2020.\n", fmt="markdown")
    roles = [s.role for s in d.sentences]
    assert roles == ["question", "body"]


def test_a_closing_quote_after_a_stray_space_ends_its_sentence():
    # scraped news: 'as ever. " Biden praised ...' is two sentences, the quote with the first
    from accord.text.segment import split_sentences

    text = 'We are as committed to our values as ever. " Biden praised the partnership. "We will go," he said.'
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == ['We are as committed to our values as ever. "', "Biden praised the partnership.",
                   '"We will go," he said.']


def test_an_agency_dateline_without_a_dash_is_cut(tmp_path):
    # written for the test, in the manner of a wire copy: "MOSCOW (UrduPoint News / Sputnik -
    # 04th October, 2022) South Korean ..." opens with a dateline (cut: Moscow is where the
    # reporter is, no actor of the story); "NATO (North Atlantic Treaty Organization) members"
    # is no dateline
    from accord.pipeline import analyse_paths

    f = tmp_path / "wire.txt"
    f.write_text("MOSCOW (UrduPoint News / Sputnik - 04th October, 2022) South Korean Foreign Minister Park Jin "
                 "and US Secretary of State Antony Blinken condemned the launch of a ballistic missile by North Korea.\n\n"
                 "NATO (North Atlantic Treaty Organization) members met in Brussels on Tuesday to discuss the launch.\n",
                 encoding="utf-8")
    doc = list(analyse_paths([str(f)]))[0]
    assert doc.sentences[0].text.startswith("South Korean Foreign Minister")
    assert not any(m.code == "RUS" for m in doc.mentions)
    assert any(s.text.startswith("NATO (North Atlantic Treaty Organization) members") for s in doc.sentences)
