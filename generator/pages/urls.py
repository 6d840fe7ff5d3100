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
    """Link from one site page to another that works under any site_url prefix.

    Pure string work on the URL segments (posixpath.relpath asks the OS for the working
    directory on every call, and listings make tens of thousands of links).
    """
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    base_parts = [p for p in base.split("/") if p]
    to_parts = [p for p in to_url.split("/") if p]
    common = 0
    while common < min(len(base_parts), len(to_parts)) and base_parts[common] == to_parts[common]:
        common += 1
    rel = "/".join([".."] * (len(base_parts) - common) + to_parts[common:])
    if not rel:
        return "./"
    return rel + "/" if to_url.endswith("/") else rel
