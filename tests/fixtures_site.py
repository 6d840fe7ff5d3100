"""Fixtures for site and browser tests: hand-made articles, a real strict MkDocs build.

The articles are short excerpts of the sample drop (plus one made of hostile
markup) with hand-written English, so these tests do not depend on the
normalizer or on a translation model being installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.models import Article, ArticleEntry, Page, Term, Translation
from generator.pages import make_entry, render_article_pages
from generator.site import build_site, render_listing_pages

PROJECT = Path(__file__).resolve().parent.parent
SITE_URL = "https://digest.example.org/"
HOSTILE = (
    '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> '
    "[click](javascript:window.__pwned=3) **bold** {{ config.site_name }} {% if 1 %}x{% endif %}"
)

TERMS = [
    Term("南通", "Nantong", "place"),
    Term("吴新明", "Wu Xinming", "person"),
    Term("张彤", "Zhang Tong", "person"),
    Term("市委", "municipal Party committee", "org"),
    Term("姜永华", "Jiang Yonghua", "person"),
]
HOSTILE_TERM = Term("恶意<img src=y onerror=window.__pwned=4>", "Evil <b>org</b>", "org")


@dataclass
class SampleArticle:
    slug: str
    article: Article
    translation: Translation


def article(index: int, title: str, paragraphs: list[str], **extra: object) -> Article:
    return Article(
        id=f"f78cb8c1f635-{index}",
        source=f"sources/00{index}_sample.txt",
        source_sha256=f"{index:064x}",
        index=index,
        title=title,
        paragraphs=paragraphs,
        **extra,  # type: ignore[arg-type]
    )


def translation(a: Article, engine: str, title: str, paragraphs: list[str]) -> Translation:
    model = ("translate-zh_en", "1.9") if engine == "argos" else (None, None)
    return Translation(a.id, engine, model[0], model[1], paragraphs, title, terms=TERMS)


def sample_articles() -> list[SampleArticle]:
    """Four articles: two editions of one story, a dictionary gloss, and hostile markup."""
    meeting = article(
        1,
        "南通新型工业化暨重大项目建设推进大会举行",
        [
            "今天（2月5日），南通新型工业化暨重大项目建设推进大会举行。市委书记吴新明出席会议并讲话。"
            "市人大常委会常务副主任姜永华出席会议。",
            "会议强调，全市上下要坚定不移推进新型工业化，坚持不懈狠抓项目建设，重大项目是关键。",
        ],
        date="2025-02-05",
        date_basis="explicit",
        dateline="今天（2月5日）",
        editions=["f78cb8c1f635-2"],
    )
    edition = article(
        2,
        "全市新型工业化暨重大项目建设推进大会举行",
        [
            "坚定不移推进新型工业化 坚持不懈狠抓项目建设",
            "全市新型工业化暨重大项目建设推进大会举行",
            "晚报讯 昨天，全市新型工业化暨重大项目建设推进大会举行。吴新明出席会议并讲话。",
        ],
        kicker="坚定不移推进新型工业化 坚持不懈狠抓项目建设",
        byline="记者朱文君 张彤 范译",
        date="2025-02-06",
        date_basis="relative",
        editions=["f78cb8c1f635-1"],
    )
    coast = article(
        3,
        "盐城响水县招商引资绿色低碳发展",
        ["响水县全力推进绿色低碳发展，招商引资成效明显。", "绿色项目加快建设，低碳产业集聚。"],
        date="2025-01-20",
        date_basis="year-from-context",
    )
    hostile = article(4, f"标题{HOSTILE}", [HOSTILE, "1. 不是列表", "# 不是标题", "| a | b |"])
    return [
        SampleArticle(
            "nantong-industrialization-meeting",
            meeting,
            translation(
                meeting,
                "argos",
                "Nantong new industrialization and major projects meeting held",
                [
                    "Today (February 5), the Nantong new industrialization and major project "
                    "construction conference was held. Wu Xinming attended and spoke.",
                    "The meeting stressed that the whole city must push new industrialization.",
                ],
            ),
        ),
        SampleArticle(
            "citywide-industrialization-meeting",
            edition,
            translation(
                edition,
                "argos",
                "City new industrialization and major projects meeting held",
                [
                    "Unswervingly promote new industrialization",
                    "City new industrialization and major projects meeting held",
                    "Evening news: yesterday the city meeting was held in Nantong. "
                    "Wu Xinming attended.",
                ],
            ),
        ),
        SampleArticle(
            "xiangshui-green-investment",
            coast,
            translation(
                coast,
                "gloss",
                "Yancheng Xiangshui county investment green low-carbon development",
                ["Xiangshui county green low-carbon development.", "Green project build."],
            ),
        ),
        SampleArticle(
            "hostile-markup",
            hostile,
            Translation(hostile.id, "pending", None, None, [], "", terms=[HOSTILE_TERM]),
        ),
    ]


def entries_for(samples: list[SampleArticle]) -> list[ArticleEntry]:
    """Entries with `editions` filled in from article ids, as the build does."""
    slugs = {s.article.id: s.slug for s in samples}
    entries = []
    for s in samples:
        entry = make_entry(s.article, s.translation, s.slug)
        entry.editions = [slugs[i] for i in s.article.editions if i in slugs]
        entries.append(entry)
    return entries


def all_pages(samples: list[SampleArticle]) -> list[Page]:
    """Every page the build would write for these articles."""
    entries = entries_for(samples)
    by_slug = {e.slug: e for e in entries}
    pages = []
    for s, entry in zip(samples, entries, strict=True):
        editions = [by_slug[slug] for slug in entry.editions]
        pages += render_article_pages(s.article, s.translation, entry, editions)
    return pages + render_listing_pages(entries, SITE_URL)


def write_pages(pages: list[Page], docs: Path) -> None:
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")


def build_sample_site(root: Path) -> Path:
    """The sample articles built into a real site with the project's mkdocs.yml (strict)."""
    write_pages(all_pages(sample_articles()), root / "docs")
    build_site(PROJECT / "mkdocs.yml", root / "docs", root / "site")
    return root / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site with Material's search (the default)."""
    return build_sample_site(tmp_path_factory.mktemp("site-build"))


@pytest.fixture(scope="session")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site with the Pagefind search option."""
    pytest.importorskip("pagefind", reason="the Pagefind option needs pagefind[extended]")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DIGEST_SEARCH", "pagefind")
        return build_sample_site(tmp_path_factory.mktemp("pagefind-build"))
