"""Readable, stable, ASCII URL slugs for articles, made from their source file names."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from pypinyin import lazy_pinyin

MAX_SLUG = 60


def slugify(text: str) -> str:
    """ASCII slug: Chinese becomes pinyin, everything else non-alphanumeric becomes '-'."""
    spelled = "-".join(lazy_pinyin(unicodedata.normalize("NFKC", text)))
    ascii_only = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")
    return slug[:MAX_SLUG].strip("-")


def unique_slug(source_path: str, index: int, count: int, taken: set[str]) -> str:
    """Slug from the file name (plus the article's position when a file holds several), never reused."""
    base = slugify(PurePosixPath(source_path).stem) or "article"
    if count > 1:
        base = f"{base}-{index}"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
