"""Atom feeds, one per language, with absolute links built from site_url.

Written with ElementTree so titles and summaries are always escaped XML, and
with dates taken from the articles (never the clock) so rebuilds are identical.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from generator.models import ArticleEntry, Page
from generator.pages.labels import t
from generator.pages.tags import TAG_KINDS
from generator.pages.text import one_line
from generator.pages.urls import article_urls, feed_url, home_url
from generator.site.listings import newest_first

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50
EPOCH = "1970-01-01"


def absolute(site_url: str, url: str) -> str:
    """A site-relative URL (`/zh/`) made absolute under site_url, keeping any path prefix."""
    return urljoin(site_url.rstrip("/") + "/", url.lstrip("/"))


def timestamp(date: str | None, fallback: str) -> str:
    return f"{date or fallback}T00:00:00Z"


def add_text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = one_line(text)
    return element


def feed_entry(feed: ET.Element, e: ArticleEntry, lang: str, site_url: str, updated: str) -> None:
    link = absolute(site_url, article_urls(e.slug)[lang])
    entry = ET.SubElement(feed, "entry")
    add_text(entry, "id", link)
    add_text(entry, "title", e.title_zh if lang == "zh" else e.title_en)
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": link})
    add_text(entry, "updated", timestamp(e.date, updated))
    add_text(entry, "summary", e.summary_zh if lang == "zh" else e.summary_en)
    for kind in TAG_KINDS:
        for name in e.tags.get(kind, []):
            ET.SubElement(entry, "category", {"term": one_line(name), "label": t(lang, kind)})


def atom_feed(entries: list[ArticleEntry], lang: str, site_url: str) -> Page:
    """The newest articles in one language as an Atom 1.0 document."""
    newest = newest_first(entries)[:FEED_ENTRIES]
    updated = max((e.date for e in newest if e.date), default=EPOCH)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": lang})
    add_text(feed, "id", absolute(site_url, feed_url(lang)))
    add_text(feed, "title", t(lang, "home"))
    add_text(feed, "updated", timestamp(updated, EPOCH))
    ET.SubElement(feed, "link", {"rel": "self", "href": absolute(site_url, feed_url(lang))})
    ET.SubElement(feed, "link", {"rel": "alternate", "href": absolute(site_url, home_url(lang))})
    add_text(ET.SubElement(feed, "author"), "name", t(lang, "home"))
    for e in newest:
        feed_entry(feed, e, lang, site_url, updated)
    ET.indent(feed)
    xml = ET.tostring(feed, encoding="unicode", xml_declaration=False)
    return Page(feed_url(lang).lstrip("/"), f'<?xml version="1.0" encoding="utf-8"?>\n{xml}\n')
