"""Plain typed objects passed between the pipeline stages.

Each stage takes and returns these and nothing else, so a stage can be read,
tested and replaced without knowing how the others work:

    ingest     bytes on disk        -> Source
    normalize  Source               -> NormalizedSource (Articles + Changes)
    translate  Article              -> Translation
    pages      Article+Translation  -> Page (markdown with front matter)
    site       ArticleEntry listing -> Page (homes, archive, tags, feeds) -> MkDocs
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """One decoded input file."""

    path: str  # posix path relative to the project root, e.g. "sources/000_x.txt"
    sha256: str  # of the raw bytes
    size: int  # raw byte count
    text: str  # decoded text, exactly as it arrived (no repair yet)
    encoding: str  # codec actually used: "utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"


@dataclass(frozen=True)
class Change:
    """One recorded text repair, in the style of ftfy's fix_and_explain.

    `start`/`end` index the text as it was when the fix ran (the input of that
    step), so replaying the steps in order reproduces the output exactly.
    """

    fix: str  # step name, e.g. "garble", "pinyin", "script", "punctuation", "layout", "junk"
    start: int
    end: int
    before: str
    after: str
    why: str
    # Where a language model chose `after` among readings: how much likelier (natural log) it
    # was than the next best one that reads differently there.  Small margins are guesses.
    margin: float | None = None


@dataclass
class Article:
    """One clean Simplified-Chinese article, as the normalizer found it."""

    id: str  # stable content identity: "<source sha256[:12]>-<index in source, from 1>"
    source: str  # Source.path
    source_sha256: str
    index: int  # 1-based position of the article inside its source file
    title: str
    paragraphs: list[str]  # body, one paragraph per item (headline lines first, see gold NOTES)
    subtitle: str | None = None
    kicker: str | None = None
    dateline: str | None = None
    byline: str | None = None
    author: str | None = None  # author note, e.g. "（作者为南通市委书记）"
    date: str | None = None  # ISO yyyy-mm-dd, or None when nothing supports a date
    # how the date was found: explicit, relative, year-from-context, publication-stamp,
    # year-from-drop (month/day in the text, the year from the drop folder's date), sign-off
    # (a notice's closing date line, where nothing above dates it), unknown
    date_basis: str = "unknown"
    title_basis: str = "headline"  # "headline" or "first-sentence"
    editions: list[str] = field(default_factory=list)  # ids of other articles with the same story
    # paragraphs[lead] opens the text proper: past the headline lines and a scrape's stamp,
    # fields and credits (南通发布 2025-03-12 08:00, 来源：…), which make no summary
    lead: int = 0


@dataclass
class NormalizedSource:
    """What the normalizer returns for one file: clean text, its articles, and every change."""

    text: str  # clean text, one paragraph per line, LF, trailing newline
    encoding: str
    articles: list[Article]
    changes: list[Change]


@dataclass
class Term:
    """A name or term rendered the same way on every page."""

    zh: str
    en: str
    kind: str  # "person", "place", "org", "term"


@dataclass
class Translation:
    """English for one article, aligned paragraph by paragraph with Article.paragraphs."""

    article_id: str
    engine: str  # "argos" | "gloss" | "pending"
    model: str | None  # package name, e.g. "translate-zh_en"
    model_version: str | None
    paragraphs: list[str]  # same length and order as Article.paragraphs
    title: str
    sentences: int = 0  # sentences in the article
    translated: int = 0  # sentences sent to the model in this build
    from_memory: int = 0  # sentences taken from the translation memory
    terms: list[Term] = field(default_factory=list)  # people, places, orgs found and how rendered


@dataclass
class Page:
    """A file to write under docs/ (markdown with YAML front matter, or a feed)."""

    path: str  # posix path relative to the docs dir, e.g. "zh/articles/<slug>.md"
    content: str


@dataclass
class ArticleEntry:
    """What the listings (homes, archive, tags, feeds) need to know of one article.

    Kept in the build manifest, so listings can be rebuilt without re-reading or
    re-translating unchanged articles.
    """

    id: str
    slug: str
    source: str
    date: str | None
    date_basis: str
    title_zh: str
    title_en: str
    summary_zh: str
    summary_en: str
    engine: str
    tags: dict[str, list[str]] = field(default_factory=dict)  # kind -> ["南通 Nantong", ...]
    editions: list[str] = field(default_factory=list)  # slugs of other editions of the same story


class SourceError(Exception):
    """A source file that cannot be turned into articles; the message names the problem."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
