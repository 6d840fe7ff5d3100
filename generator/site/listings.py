"""Listing pages per language: digest home, archive by month, tag pages.

Built here rather than with a blog plugin because mkdocs-static-i18n drops blog
posts, and because listings must come from the build manifest (ArticleEntry)
without re-reading articles. Every text goes through `esc`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from generator.models import ArticleEntry, Page
from generator.pages import front_matter
from generator.pages.labels import HTML_LANG, MONTH_NAMES, date_text, t
from generator.pages.tags import TAG_KINDS
from generator.pages.text import esc
from generator.pages.urls import (
    LANGS,
    archive_url,
    article_urls,
    feed_url,
    home_url,
    relative_url,
    tag_slug,
    tag_url,
    tags_index_url,
    url_to_doc_path,
)

HOME_GROUPS = 30  # the home shows the newest stories; the archive has them all
UNDATED = "undated"


def newest_first(entries: list[ArticleEntry]) -> list[ArticleEntry]:
    """By date, newest first, undated last; ties by slug so the order never wobbles."""
    return sorted(sorted(entries, key=lambda e: e.slug), key=lambda e: e.date or "", reverse=True)


def group_editions(entries: list[ArticleEntry]) -> list[list[ArticleEntry]]:
    """Editions of one story as one group (connected by `editions`), newest story first.

    The first entry of each group is the one a listing shows in full.
    """
    by_slug = {e.slug: e for e in entries}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for other in e.editions:
            if other in by_slug:
                neighbours[e.slug].add(other)
                neighbours[other].add(e.slug)
    groups, seen = [], set()
    for e in newest_first(entries):
        if e.slug in seen:
            continue
        group, todo = [], [e.slug]
        while todo:
            slug = todo.pop()
            if slug not in seen:
                seen.add(slug)
                group.append(by_slug[slug])
                todo.extend(neighbours[slug])
        groups.append(newest_first(group))
    return groups


def month_key(entry: ArticleEntry) -> str:
    """`yyyy-mm` of an entry, or `undated`."""
    return entry.date[:7] if entry.date else UNDATED


def month_title(key: str, lang: str) -> str:
    if key == UNDATED:
        return t(lang, "undated")
    year, month = int(key[:4]), int(key[5:7])
    return t(lang, "month", year=year, month=month, month_name=MONTH_NAMES[month - 1])


def month_url(lang: str, key: str) -> str:
    return f"/{lang}/archive/{key}/"


def title_of(entry: ArticleEntry, lang: str) -> str:
    return entry.title_zh if lang == "zh" else entry.title_en


def group_html(group: list[ArticleEntry], lang: str, here: str) -> str:
    """One story in a listing: title, date, summary, then its other editions in one line."""
    main, others = group[0], group[1:]
    link = relative_url(here, article_urls(main.slug)[lang])
    also = ", ".join(
        f'<a href="{relative_url(here, article_urls(o.slug)[lang])}">{esc(o.source)}</a>'
        for o in others
    )
    summary = main.summary_zh if lang == "zh" else main.summary_en
    title, meta, summary = _item_text(
        title_of(main, lang), main.date, main.date_basis, main.source, summary, lang
    )
    return (
        f'<li><a class="digest-item-title" href="{link}">{title}</a><br><small>{meta}</small>'
        f"<p>{summary}</p>"
        + (f'<p class="digest-also"><small>{t(lang, "also")}: {also}</small></p>' if also else "")
        + "</li>"
    )


@lru_cache(maxsize=16384)
def _item_text(
    title: str, date: str | None, basis: str, source: str, summary: str, lang: str
) -> tuple[str, str, str]:
    """An entry's escaped texts, cached: one article is listed on dozens of tag pages."""
    meta = f"{esc(date_text(date, basis, lang))} · <code>{esc(source)}</code>"
    return esc(title), meta, esc(summary)


class ListRenderer:
    """Renders story lists, each story once per language and page depth.

    One article is listed on dozens of tag pages; every listing page sits at /lang/.../ and
    links into /lang/articles/, so pages at the same depth link to a story with the same text.
    """

    def __init__(self) -> None:
        self._items: dict[tuple[tuple[str, ...], str, int], str] = {}

    def list_html(self, groups: list[list[ArticleEntry]], lang: str, here: str) -> str:
        items = "\n".join(self._item(g, lang, here) for g in groups)
        return f'<ul class="digest-list">\n{items}\n</ul>'

    def _item(self, group: list[ArticleEntry], lang: str, here: str) -> str:
        key = (tuple(e.id for e in group), lang, here.count("/"))
        if key not in self._items:
            self._items[key] = group_html(group, lang, here)
        return self._items[key]


def listing_page(url: str, lang: str, title: str, twin: str, body: list[str]) -> Page:
    """A listing page: front matter, escaped heading, raw HTML body."""
    meta = {"title": title, "lang": lang, "twin": twin, "search": {"exclude": True}}
    html = [f'<div class="digest-listing" lang="{HTML_LANG[lang]}">', f"<h1>{esc(title)}</h1>"]
    return Page(
        url_to_doc_path(url), front_matter(meta) + "\n".join([*html, *body, "</div>"]) + "\n"
    )


def other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def home_page(entries: list[ArticleEntry], lang: str, lists: ListRenderer) -> Page:
    """Newest stories first, duplicate editions grouped, with links to the rest."""
    here = home_url(lang)
    nav = " · ".join(
        f'<a href="{relative_url(here, url)}">{t(lang, key)}</a>'
        for key, url in (
            ("archive", archive_url(lang)),
            ("tags", tags_index_url(lang)),
            ("feed", feed_url(lang)),
        )
    )
    groups = group_editions(entries)[:HOME_GROUPS]
    body = [f'<p class="digest-links">{nav}</p>', lists.list_html(groups, lang, here)]
    return listing_page(here, lang, t(lang, "home"), home_url(other(lang)), body)


def archive_pages(entries: list[ArticleEntry], lang: str, lists: ListRenderer) -> list[Page]:
    """An index of months, and one page per month listing its stories."""
    months: dict[str, list[ArticleEntry]] = defaultdict(list)
    for e in entries:
        months[month_key(e)].append(e)
    keys = sorted((k for k in months if k != UNDATED), reverse=True)
    keys += [UNDATED] if UNDATED in months else []
    here = archive_url(lang)
    items = "".join(
        f'<li><a href="{relative_url(here, month_url(lang, k))}">{esc(month_title(k, lang))}</a>'
        f" <small>{t(lang, 'articles', n=len(months[k]))}</small></li>"
        for k in keys
    )
    pages = [
        listing_page(
            here, lang, t(lang, "archive"), archive_url(other(lang)), [f"<ul>{items}</ul>"]
        )
    ]
    for k in keys:
        url = month_url(lang, k)
        body = [lists.list_html(group_editions(months[k]), lang, url)]
        pages.append(listing_page(url, lang, month_title(k, lang), month_url(other(lang), k), body))
    return pages


@dataclass
class Tag:
    """Articles under one tag page (labels with the same Chinese share a page)."""

    kind: str
    label: str
    entries: list[ArticleEntry] = field(default_factory=list)


def collect_tags(entries: list[ArticleEntry]) -> dict[str, Tag]:
    """Tags by slug; the first kind (in TAG_KINDS order) and smallest label win, so it is stable."""
    tags: dict[str, Tag] = {}
    seen: set[tuple[str, str]] = set()
    for kind in TAG_KINDS:
        for e in entries:
            for name in e.tags.get(kind, []):
                slug = tag_slug(name)
                tag = tags.setdefault(slug, Tag(kind, name))
                tag.label = min(tag.label, name)
                if (slug, e.id) not in seen:
                    seen.add((slug, e.id))
                    tag.entries.append(e)
    return tags


def tag_pages(entries: list[ArticleEntry], lang: str, lists: ListRenderer) -> list[Page]:
    """An index of tags by kind, and one page per tag listing its stories."""
    tags = sorted(collect_tags(entries).values(), key=lambda g: (-len(g.entries), g.label))
    here = tags_index_url(lang)
    sections = []
    for kind in TAG_KINDS:
        links = " ".join(
            f'<a class="md-tag" href="{relative_url(here, tag_url(lang, g.label))}">'
            f"{esc(g.label)} ({len(g.entries)})</a>"
            for g in tags
            if g.kind == kind
        )
        if links:
            sections.append(f"<h2>{t(lang, kind)}</h2><p>{links}</p>")
    pages = [listing_page(here, lang, t(lang, "tags"), tags_index_url(other(lang)), sections)]
    for g in tags:
        url = tag_url(lang, g.label)
        body = [lists.list_html(group_editions(g.entries), lang, url)]
        pages.append(listing_page(url, lang, g.label, tag_url(other(lang), g.label), body))
    return pages


def listing_pages(entries: list[ArticleEntry]) -> list[Page]:
    """Home, archive and tag pages for both languages."""
    pages, lists = [], ListRenderer()
    for lang in LANGS:
        pages += [
            home_page(entries, lang, lists),
            *archive_pages(entries, lang, lists),
            *tag_pages(entries, lang, lists),
        ]
    return pages
