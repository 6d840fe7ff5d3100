"""Article pages: front matter, twins, notices, tags, and article text kept inert."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.models import Article, Term, Translation
from generator.normalize import normalize_text
from generator.pages import article_urls, make_entry, render_article_pages
from generator.pages.tags import article_tags
from generator.pages.text import one_line, reading_minutes, summarize
from generator.pages.urls import relative_url, tag_slug
from tests.fixtures_site import HOSTILE, all_pages, sample_articles

MARKUP = "<>&\"'*_`[](){}%#|!-.=:/\\ \n\t1aA中文\u200b\x00\x02\x03"


def split_page(content: str) -> tuple[dict, str]:
    _, front, body = content.split("---\n", 2)
    return yaml.safe_load(front), body


def pages_of(slug: str) -> dict[str, tuple[dict, str]]:
    """zh / en / bilingual page of a sample article, as (front matter, body)."""
    sample = next(s for s in sample_articles() if s.slug == slug)
    entry = make_entry(sample.article, sample.translation, sample.slug)
    zh, en, bi = render_article_pages(sample.article, sample.translation, entry, [])
    return {
        "zh": split_page(zh.content),
        "en": split_page(en.content),
        "bi": split_page(bi.content),
    }


class Tags(HTMLParser):
    """Collects start tags and the text of <p> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def test_article_urls_share_the_slug() -> None:
    assert article_urls("a-b") == {
        "zh": "/zh/articles/a-b/",
        "en": "/en/articles/a-b/",
        "bilingual": "/bilingual/a-b/",
    }


def test_pages_land_at_the_documented_paths() -> None:
    paths = [p.path for p in all_pages(sample_articles()[:1])][:3]
    slug = "nantong-industrialization-meeting"
    assert paths == [f"zh/articles/{slug}.md", f"en/articles/{slug}.md", f"bilingual/{slug}.md"]


def test_front_matter_names_twins_source_and_translation() -> None:
    pages = pages_of("nantong-industrialization-meeting")
    zh, en = pages["zh"][0], pages["en"][0]
    assert zh["twin"] == en["bilingual"].replace("bilingual", "en/articles")
    assert en["twin"] == "/zh/articles/nantong-industrialization-meeting/"
    assert zh["lang"] == "zh" and en["lang"] == "en"
    assert zh["date"] == "2025-02-05" and zh["source"] == "sources/001_sample.txt"
    assert len(zh["source_sha256"]) == 64 and zh["article_id"] == "f78cb8c1f635-1"
    assert "translation" not in zh
    assert en["translation"] == {
        "engine": "argos",
        "model": "translate-zh_en",
        "model_version": "1.9",
    }
    assert "吴新明 Wu Xinming" in zh["people"] and "南通 Nantong" in en["places"]
    assert set(zh["people"] + zh["places"]) <= set(zh["tags"])
    assert zh["description"].startswith("今天（2月5日）")


def test_rendering_is_deterministic() -> None:
    first = [(p.path, p.content) for p in all_pages(sample_articles())]
    assert first == [(p.path, p.content) for p in all_pages(sample_articles())]


@pytest.mark.parametrize(
    ("slug", "title", "words"),
    [
        ("nantong-industrialization-meeting", "Machine translation", "Argos Translate, model"),
        ("xiangshui-green-investment", "Dictionary gloss, not a translation", "not a translation"),
        ("hostile-markup", "Translation pending", "shown in Chinese below"),
    ],
)
def test_english_page_says_what_the_english_is(slug: str, title: str, words: str) -> None:
    body = pages_of(slug)["en"][1]
    notice = re.search(r'<div class="admonition[^>]*digest-notice.*?</div>', body).group(0)
    assert title in notice and words in notice
    assert 'href="../../../zh/articles/' in notice  # links the original


def test_pending_english_page_shows_the_chinese_marked_as_such() -> None:
    body = pages_of("hostile-markup")["en"][1]
    assert '<p lang="zh-Hans" class="digest-untranslated">1. 不是列表</p>' in body


def test_headline_lines_are_not_repeated_in_the_body() -> None:
    body = pages_of("citywide-industrialization-meeting")["zh"][1]
    assert body.count("全市新型工业化暨重大项目建设推进大会举行") == 1 + 1  # heading + sentence
    assert '<p class="digest-kicker">坚定不移推进新型工业化' in body


def test_english_must_align_with_the_chinese() -> None:
    sample = sample_articles()[0]
    short = Translation(sample.article.id, "argos", "m", "1", ["only one"], "T")
    with pytest.raises(ValueError, match="1 English paragraphs for 2 Chinese"):
        make_entry(sample.article, short, "x")


def test_hostile_text_is_escaped_in_body_and_front_matter() -> None:
    for name in ("zh", "en", "bi"):
        meta, body = pages_of("hostile-markup")[name]
        parsed = parse(body)
        assert not {"script", "img", "strong"} & set(parsed.tags)
        assert all(
            not (key.startswith("on") or "javascript:" in (v or "")) for key, v in parsed.attrs
        )
        assert one_line(HOSTILE) in "".join(parsed.text)
        assert HOSTILE in meta["title"] or name == "bi"


@settings(max_examples=150, deadline=None)
@given(title=st.text(MARKUP, min_size=1), paragraphs=st.lists(st.text(MARKUP), min_size=1))
def test_any_text_renders_as_exactly_that_text(title: str, paragraphs: list[str]) -> None:
    """Through Python-Markdown (as MkDocs runs it) the page holds only our tags, and the
    reader sees each paragraph's text unchanged."""
    article = Article("a-1", "sources/x.txt", "0" * 64, 1, title, paragraphs)
    translation = Translation("a-1", "gloss", None, None, list(paragraphs), title)
    entry = make_entry(article, translation, "x")
    for page in render_article_pages(article, translation, entry, []):
        meta, body = split_page(page.content)
        assert meta["title"] in (one_line(title), f"{one_line(title)} · {one_line(title)}")
        html = markdown.markdown(body, extensions=["toc", "tables", "fenced_code"])
        parsed = parse(html)
        assert set(parsed.tags) <= {"h1", "div", "p", "a", "code", "span", "br", "button", "time"}
        text = "".join(parsed.text)
        for paragraph in paragraphs:
            assert one_line(paragraph) in text


def test_reading_time_counts_chinese_characters_and_english_words() -> None:
    assert reading_minutes(["字" * 800], "zh") == 2
    assert reading_minutes(["字" * 801], "zh") == 3
    assert reading_minutes(["word " * 440], "en") == 2
    assert reading_minutes([""], "en") == 1


def test_summary_is_the_first_sentence_and_short() -> None:
    assert summarize(["短。", "会议强调，全市上下要坚定不移推进新型工业化。其后。"], "zh") == (
        "会议强调，全市上下要坚定不移推进新型工业化。"
    )
    assert len(summarize(["长" * 500], "zh")) == 90
    assert summarize(["The city met today. It was long."], "en") == "The city met today."


def test_a_summary_skips_a_scrapes_stamp_and_fields() -> None:
    text = (
        "南通港吞吐量再创新高\n来源：南通日报  发布时间：2025-03-12 09:30  浏览次数：1234\n"
        "今年前两个月，南通港完成货物吞吐量4000万吨，同比增长6.2%。\n"
    )
    [article] = normalize_text(text, source="s", sha256="0" * 64).articles
    pending = Translation(article.id, "pending", None, None, [""] * len(article.paragraphs), "")
    entry = make_entry(article, pending, "x")
    assert entry.summary_zh == "今年前两个月，南通港完成货物吞吐量4000万吨，同比增长6.2%。"
    zh = render_article_pages(article, pending, entry, [])[0].content
    assert "<p>来源：南通日报" in zh  # the page still shows the stamp


def test_tags_come_from_terms_and_curated_topics() -> None:
    article = Article("a-1", "s", "0", 1, "全力推进新型工业化", ["绿色发展", "绿色低碳"])
    terms = [
        Term("南通", "Nantong", "place"),
        Term("南通", "Nantong", "place"),
        Term("吴新明", "Wu Xinming", "person"),
        Term("GDP", "GDP", "term"),
    ]
    assert article_tags(article, terms) == {
        "people": ["吴新明 Wu Xinming"],
        "places": ["南通 Nantong"],
        "topics": ["新型工业化 New industrialization", "绿色低碳 Green and low-carbon"],
    }


def test_tag_slugs_are_ascii_stable_and_keep_homophones_apart() -> None:
    assert re.fullmatch(r"wu-xin-ming-[0-9a-f]{4}", tag_slug("吴新明 Wu Xinming"))
    assert tag_slug("吴新明 Wu Xinming") == tag_slug("吴新明 Wu Xin Ming")
    assert tag_slug("张彤 Zhang Tong") != tag_slug("章彤 Zhang Tong")


@pytest.mark.parametrize(
    ("here", "there", "link"),
    [
        ("/zh/articles/a/", "/en/articles/a/", "../../../en/articles/a/"),
        ("/zh/", "/zh/articles/a/", "articles/a/"),
        ("/zh/", "/feeds/zh.xml", "../feeds/zh.xml"),
        ("/zh/", "/zh/", "./"),
    ],
)
def test_relative_url_works_under_any_prefix(here: str, there: str, link: str) -> None:
    assert relative_url(here, there) == link
