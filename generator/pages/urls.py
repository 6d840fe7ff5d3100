"""Where every generated page lives, as docs path and as site URL.

One place decides the layout so article pages, listings and feeds can never
disagree about a link (MkDocs `use_directory_urls`: `a/b.md` -> `/a/b/`).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from functools import cache

from pypinyin import lazy_pinyin

LANGS = ("zh", "en")


def article_urls(slug: str) -> dict[str, str]:
    """Site-relative URLs of an article's three pages."""
    return {
        "zh": f"/zh/articles/{slug}/",
        "en": f"/en/articles/{slug}/",
        "bilingual": f"/bilingual/{slug}/",
    }


def url_to_doc_path(url: str) -> str:
    """The docs-relative markdown file MkDocs turns into `url` (`/zh/` -> `zh/index.md`)."""
    if not url.endswith("/"):
        return url.lstrip("/")
    stem = url.strip("/")
    return f"{stem}.md" if "/" in stem else f"{stem + '/' if stem else ''}index.md"


def home_url(lang: str) -> str:
    return f"/{lang}/"


def archive_url(lang: str) -> str:
    return f"/{lang}/archive/"


def tags_index_url(lang: str) -> str:
    return f"/{lang}/tags/"


def feed_url(lang: str) -> str:
    return f"/feeds/{lang}.xml"


@cache
def tag_slug(label: str) -> str:
    """ASCII, stable slug for a tag label: pinyin of its Chinese part plus a short hash.

    Pinyin keeps URLs readable and independent of how the name was translated;
    the hash keeps homophones (张彤 / 章彤) on separate pages. Only the Chinese
    part counts, so a better English rendering never moves the page.
    """
    zh = label.split(" ", 1)[0]
    words = re.sub(r"[^a-z0-9]+", "-", "-".join(lazy_pinyin(zh)).lower()).strip("-")
    digest = hashlib.sha1(zh.encode("utf-8")).hexdigest()[:4]
    return f"{words[:40].strip('-') or 'tag'}-{digest}"


def tag_url(lang: str, label: str) -> str:
    return f"/{lang}/tags/{tag_slug(label)}/"


def relative_url(from_url: str, to_url: str) -> str:
    """Link from one site page to another that works under any site_url prefix."""
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath(to_url, base)
    if rel == ".":
        return "./"
    return rel + "/" if to_url.endswith("/") else rel
