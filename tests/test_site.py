"""The published site, from a real strict MkDocs build of the sample articles."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.site import SiteBuildError, build_site, render_listing_pages, site_url_from_config
from generator.site.links import broken_links, local_targets
from generator.site.listings import group_editions
from tests.fixtures_site import PROJECT, SITE_URL, entries_for, sample_articles, write_pages

ATOM = "{http://www.w3.org/2005/Atom}"
SLUGS = [s.slug for s in sample_articles()]


class Links(HTMLParser):
    """Every href/src of a page, and whether a tag we never emit slipped in."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [(tag, k, v) for k, v in attrs if k in ("href", "src") and v]


def links_of(path: Path) -> list[tuple[str, str, str]]:
    parser = Links()
    parser.feed(path.read_text("utf-8"))
    return parser.links


def html_of(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text("utf-8")


def switch_targets(html: str) -> dict[str, str]:
    """The language selector's targets, by hreflang."""
    return dict(
        (lang, href)
        for href, lang in re.findall(
            r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link"', html
        )
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_every_article_has_three_pages_and_the_switch_lands_on_the_twin(built_site, slug):
    for lang, twin in (("zh", "en"), ("en", "zh")):
        html = html_of(built_site, f"/{lang}/articles/{slug}/")
        targets = switch_targets(html)
        assert targets[twin] == f"../../../{twin}/articles/{slug}/"
        assert targets[lang] == "./"
    bilingual = html_of(built_site, f"/bilingual/{slug}/")
    assert switch_targets(bilingual) == {
        "zh": f"../../zh/articles/{slug}/",
        "en": f"../../en/articles/{slug}/",
    }


def test_every_local_link_and_asset_exists(built_site):
    assert len(list(built_site.rglob("*.html"))) > 30
    assert broken_links(built_site) == []
    page = built_site / "zh/articles/hostile-markup/index.html"
    assert len(local_targets(page, built_site)) > 10


def test_build_fails_on_a_dead_link_in_generated_html(tmp_path):
    docs = tmp_path / "docs"
    samples = sample_articles()
    write_pages(render_listing_pages(entries_for(samples), SITE_URL), docs)  # no article pages
    with pytest.raises(SiteBuildError, match=r"broken links, e\.g\. en/"):
        build_site(PROJECT / "mkdocs.yml", docs, tmp_path / "site")


def test_hostile_title_is_text_everywhere_the_theme_puts_it(built_site):
    for lang in ("zh", "en"):
        html = html_of(built_site, f"/{lang}/articles/hostile-markup/")
        assert "<script>window" not in html and "<img src=x" not in html
        assert html.count("&lt;script&gt;window.__pwned=1&lt;/script&gt;") >= 4  # title, h1, ...
        assert "{{ config.site_name }}" in html and "**bold**" in html
        assert "<strong>" not in html
    for tag_page in built_site.glob("*/tags/*/index.html"):
        assert "<img src=y" not in tag_page.read_text("utf-8")


def test_search_index_segments_chinese_and_leaves_out_listings(built_site):
    index = json.loads((built_site / "search/search_index.json").read_text("utf-8"))
    assert index["config"]["separator"] == r"[\s\u200b\u3000\-、。，．？！；]+"
    docs = {d["location"]: d for d in index["docs"]}
    meeting = docs["zh/articles/nantong-industrialization-meeting/"]
    assert "\u200b工业化\u200b" in meeting["text"] and "\u200b吴新明\u200b" in meeting["text"]
    assert "\u200b姜永华\u200b" in meeting["text"]  # jieba alone splits it: 姜|永华
    assert not any(loc.startswith(("bilingual/", "zh/tags", "en/archive")) for loc in docs)
    hostile = docs["zh/articles/hostile-markup/"]
    assert "<script>" not in hostile["title"] + hostile["text"]
    assert hostile["tags"] == [
        "恶意&lt;img src=y onerror=window.__pwned=4&gt; Evil &lt;b&gt;org&lt;/b&gt;"
    ]


def test_home_lists_newest_first_with_editions_grouped(built_site):
    html = html_of(built_site, "/zh/")
    titles = re.findall(r'class="digest-item-title" href="articles/([^/]+)/"', html)
    assert titles == [
        "citywide-industrialization-meeting",
        "xiangshui-green-investment",
        "hostile-markup",
    ]
    also = re.search(r'<p class="digest-also">.*?</p>', html).group(0)
    assert "articles/nantong-industrialization-meeting/" in also


def test_group_editions_joins_one_sided_links():
    entries = entries_for(sample_articles())
    entries[1].editions = []  # only one side names the other
    groups = group_editions(entries)
    assert [e.slug for e in groups[0]] == [
        "citywide-industrialization-meeting",
        "nantong-industrialization-meeting",
    ]


def test_archive_and_tag_pages_link_their_articles(built_site):
    month = html_of(built_site, "/en/archive/2025-02/")
    assert (
        "February 2025" in month and "../../articles/citywide-industrialization-meeting/" in month
    )
    assert "Date unknown" in html_of(built_site, "/en/archive/")
    tags = html_of(built_site, "/zh/tags/")
    assert "南通 Nantong (3)" in tags and "<h2>主题</h2>" in tags
    tag_page = next((built_site / "zh/tags").glob("wu-xin-ming-*/index.html")).read_text("utf-8")
    assert "../../articles/citywide-industrialization-meeting/" in tag_page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_feed_is_atom_with_absolute_links(built_site, lang):
    feed = ET.parse(built_site / f"feeds/{lang}.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == f"{SITE_URL}feeds/{lang}.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(SLUGS)
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(
        i.startswith(f"{SITE_URL}{lang}/articles/") for i in ids
    )
    dates = [e.find(f"{ATOM}updated").text for e in entries]
    assert dates[:3] == ["2025-02-06T00:00:00Z", "2025-02-05T00:00:00Z", "2025-01-20T00:00:00Z"]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", d) for d in dates)


def test_feed_links_follow_a_site_url_with_a_path():
    pages = render_listing_pages(entries_for(sample_articles()), "https://example.org/digest")
    feed = next(p for p in pages if p.path == "feeds/en.xml")
    assert "https://example.org/digest/en/articles/hostile-markup/" in feed.content


def test_article_pages_request_nothing_from_another_host(built_site):
    for page in built_site.glob("*/articles/*/index.html"):
        for tag, _, value in links_of(page):
            if tag in ("script", "img", "iframe") or (tag == "link" and "stylesheet" in value):
                assert not urlsplit(value).netloc, (page, value)
        assert "fonts.googleapis" not in page.read_text("utf-8")


def test_strict_build_fails_on_a_broken_link(tmp_path):
    docs = tmp_path / "docs"
    pages = render_listing_pages(entries_for(sample_articles()), SITE_URL)
    write_pages(pages, docs)
    (docs / "zh" / "index.md").write_text("# x\n\n[gone](missing.md)\n", encoding="utf-8")
    with pytest.raises(SiteBuildError, match=r"missing\.md"):
        build_site(PROJECT / "mkdocs.yml", docs, tmp_path / "site")


def test_pages_declare_their_language(built_site):
    assert '<html lang="zh"' in html_of(built_site, "/zh/articles/hostile-markup/")
    assert '<html lang="en"' in html_of(built_site, "/en/articles/hostile-markup/")


def test_site_url_comes_from_mkdocs_yml_or_the_environment(monkeypatch):
    assert site_url_from_config(PROJECT / "mkdocs.yml") == SITE_URL
    monkeypatch.setenv("DIGEST_SITE_URL", "https://news.example.com/digest/")
    assert site_url_from_config(PROJECT / "mkdocs.yml") == "https://news.example.com/digest/"
