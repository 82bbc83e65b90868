"""Each input format, read from real files (seeds, corpus members) or built from real text."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from accord.ingest import Rejected, detect_format, load_documents, parse_bytes
from accord.pipeline import prepare

from conftest import write_tar_gz


def one(path: str, raw: bytes):
    items = list(parse_bytes(path, raw))
    assert len(items) == 1, items
    return prepare(items[0])


def test_beehive_seed_markdown_front_matter(seeds):
    raw = seeds["statement"].read_bytes()
    d = one(str(seeds["statement"]), raw)
    assert d.format == "markdown"
    assert d.meta.title == "Joint Statement between the Republic of Korea and New Zealand 4 September 2024, Seoul"
    assert d.meta.date == "2024-09-04"
    assert d.meta.url.startswith("https://www.beehive.govt.nz/release/")
    assert d.meta.kind == "statement" and d.meta.publisher == "New Zealand Government"
    assert d.meta.people == ["Christopher Luxon"]  # honorific "Rt Hon" removed
    assert d.meta.extra["portfolios"] == ["Prime Minister"]
    assert d.raw == raw and d.id == hashlib.sha256(raw).hexdigest()[:16]
    assert "---" not in d.text and "title:" not in d.text
    assert "Trade and Economic Cooperation" in [s.title for s in d.sections]


def test_news_seed_plain_text(seeds):
    raw = seeds["news"].read_bytes()
    d = one(str(seeds["news"]), raw)
    assert d.format == "news" and d.meta.kind == "news"
    assert d.meta.title == "S. Korea, New Zealand agree to boost security cooperation"
    assert d.meta.publisher == "Yonhap News Agency"
    assert d.meta.extra["categories"] == "General"
    # no date in the file: the latest date written in the text, with a warning
    assert d.meta.date == "2024-09-04" and any(w.kind == "date_from_text" and "taken from the latest date" in w.message for w in d.warnings)
    assert d.raw == raw


def test_white_house_markdown(wh_members):
    name, raw = wh_members["readout"]
    d = one(name, raw)
    assert d.format == "markdown"
    assert d.meta.title == "Readout of President Biden's Call with Prime Minister Benjamin Netanyahu of Israel"
    assert d.meta.date == "2023-11-26"
    assert "whitehouse" in d.meta.url and d.meta.publisher == "The White House"
    assert d.meta.kind == "statement"
    assert "###" not in d.text
    # hard wraps at ~72 columns are joined inside sentences
    assert "President Joseph R. Biden, Jr. spoke today with Prime Minister Benjamin Netanyahu of Israel to discuss the situation in Gaza." in [s.text for s in d.sentences]
    pname, praw = wh_members["press_call"]
    assert one(pname, praw).meta.kind == "other"  # press briefings are not statements


def test_news_crawl_markdown_front_matter(seeds, tmp_path):
    """News-crawl Markdown (title/publisher/published_at/url) built from the seed article's text."""
    lines = seeds["news"].read_text(encoding="utf-8").splitlines()
    body = "\n".join(lines[4:-1])  # drop Categories, title, Source lines
    md = ("---\ntitle: \"S. Korea, New Zealand agree to boost security cooperation\"\npublisher: Yonhap News Agency\n"
          "published_at: 2024-09-04T16:31:00+09:00\nurl: https://en.yna.co.kr/view/AEN20240904008951315\n---\n\n" + body)
    f = tmp_path / "crawl.md"
    f.write_text(md, encoding="utf-8")
    d = one(str(f), f.read_bytes())
    assert d.format == "markdown" and d.meta.kind == "news"
    assert d.meta.publisher == "Yonhap News Agency" and d.meta.date == "2024-09-04"
    assert d.meta.url == "https://en.yna.co.kr/view/AEN20240904008951315"
    assert "human rights situation" in d.text


def test_html_page_with_furniture(beehive_members, tmp_path):
    """A corpus release wrapped in a realistic page: nav, cookie banner, footer must not leak."""
    name, raw = beehive_members[0]["gold_gaza"]
    md = one(name, raw)
    paras = "\n".join(f"<p>{p}</p>" for p in md.text.split("\n\n"))
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Joint statement - Prime Ministers of New Zealand, Australia and Canada | Beehive.govt.nz</title>
<meta property="og:title" content="Joint statement - Prime Ministers of New Zealand, Australia and Canada">
<meta name="date" content="2023-12-12">
<link rel="canonical" href="https://www.beehive.govt.nz/release/joint-statement-prime-ministers-new-zealand-australia-and-canada">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/releases">Releases</a></li><li><a href="/speeches">Speeches</a></li>
<li><a href="/portfolios">Portfolios</a></li><li><a href="/ministers">Ministers</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience on our website. Accept all cookies</div>
<main><article><h1>Joint statement - Prime Ministers of New Zealand, Australia and Canada</h1>
<div class="byline">Rt Hon Christopher Luxon</div>
{paras}
</article></main>
<footer><p>Copyright New Zealand Government 2023. All rights reserved.</p><a href="/privacy">Privacy policy</a>
<a href="/contact">Contact us</a></footer></body></html>"""
    f = tmp_path / "release.html"
    f.write_text(page, encoding="utf-8")
    assert detect_format(f.read_bytes()) == "html"
    d = one(str(f), f.read_bytes())
    assert d.format == "html"
    assert d.meta.title and d.meta.title.startswith("Joint statement - Prime Ministers")
    assert d.meta.date == "2023-12-12"
    assert "beehive.govt.nz" in (d.meta.url or "") and d.meta.kind == "statement"
    sents = [s.text for s in d.sentences]
    assert "There is no role for Hamas in the future governance of Gaza." in sents
    for junk in ("cookies", "Privacy policy", "Speeches", "All rights reserved"):
        assert junk not in d.text, junk


def test_jsonl_lines_from_seeds(seeds, tmp_path):
    news = seeds["news"].read_text(encoding="utf-8")
    statement = seeds["statement"].read_text(encoding="utf-8").split("---", 2)[2]
    lines = [
        {"text": statement, "title": "ROK-NZ joint statement", "date": "2024-09-04",
         "url": "https://www.beehive.govt.nz/release/joint-statement", "people": ["Christopher Luxon"]},
        {"text": news, "publisher": "Yonhap News Agency", "published_at": "2024-09-04"},
        {"text": "   "},
        {"title": "no text field"},
    ]
    f = tmp_path / "docs.jsonl"
    f.write_text("\n".join(json.dumps(x) for x in lines) + "\n{not json\n", encoding="utf-8")
    items = list(load_documents([f]))
    docs = [i for i in items if not isinstance(i, Rejected)]
    rej = {r.path: r.reason for r in items if isinstance(r, Rejected)}
    assert len(docs) == 2
    assert docs[0].format == "jsonl" and docs[0].path.endswith("docs.jsonl#L1")
    assert docs[0].meta.kind == "statement" and docs[0].meta.date == "2024-09-04"
    assert docs[1].meta.kind == "news" and docs[1].meta.publisher == "Yonhap News Agency"
    assert docs[0].raw == f.read_bytes().split(b"\n")[0]  # each line keeps its own bytes
    assert docs[0].id != docs[1].id
    assert rej[f"{f}#L3"] == "JSON line has no non-empty 'text' field"
    assert rej[f"{f}#L4"] == "JSON line has no non-empty 'text' field"
    assert rej[f"{f}#L5"].startswith("line is not valid JSON")
    assert "human rights situation" in prepare(docs[1]).text


def test_plain_text_file(seeds, tmp_path):
    body = seeds["statement"].read_text(encoding="utf-8").split("---", 2)[2].strip()
    f = tmp_path / "statement.txt"
    f.write_text("Joint Statement between the Republic of Korea and New Zealand\n\n" + body, encoding="utf-8")
    d = one(str(f), f.read_bytes())
    assert d.format == "text" and d.meta.title.startswith("Joint Statement between")
    assert d.meta.date is None and [w.kind for w in d.warnings] == ["no_date"]


def test_folder_is_read_recursively_and_sorted(seeds, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "a" / "b" / "news.txt").write_bytes(seeds["news"].read_bytes())
    (tmp_path / "a" / "statement.md").write_bytes(seeds["statement"].read_bytes())
    (tmp_path / ".git" / "HEAD.txt").write_text("ref: refs/heads/main\n")
    items = list(load_documents([tmp_path]))
    assert [Path(i.path).name for i in items] == ["statement.md", "news.txt"]
    assert all(not isinstance(i, Rejected) for i in items)


def test_tar_gz_members(beehive_members, tmp_path):
    named, _ = beehive_members
    members = [named["gold_gaza"], named["gold_nordic"]]
    tgz = write_tar_gz(tmp_path / "two.tar.gz", members)
    items = list(load_documents([tgz]))
    assert [i.path for i in items] == [f"{tgz}::{n}" for n, _ in members]
    assert [i.raw for i in items] == [r for _, r in members]
