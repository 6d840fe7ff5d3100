"""Same story, different edition: a compact fingerprint and the comparison of two of them.

The fingerprint is a bottom-k MinHash sketch of character 4-grams of the article's words
(punctuation dropped, since editions differ in 、/，). It is a plain list of ints so the build
can keep it in its manifest and compare articles across builds.
"""

from __future__ import annotations

import hashlib
import re

from generator.models import Article

SKETCH_SIZE = 64
SHINGLE = 4
SAME_STORY_JACCARD = 0.5
_NOT_WORD = re.compile(r"\W+")


def fingerprint(article: Article) -> list[int]:
    """The SKETCH_SIZE smallest 32-bit hashes of the character shingles of the article's text
    proper: two sites' editions differ in headline, stamp and source lines, not in the story."""
    words = _NOT_WORD.sub("", "".join(article.paragraphs[article.lead :] or article.paragraphs))
    shingles = {words[i : i + SHINGLE] for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = {_hash(s) for s in shingles if s}
    return sorted(hashes)[:SKETCH_SIZE]


def same_story(a: list[int], b: list[int]) -> bool:
    """True when the estimated Jaccard similarity of the two sketches reaches the threshold."""
    return estimate_jaccard(a, b) >= SAME_STORY_JACCARD


def estimate_jaccard(a: list[int], b: list[int]) -> float:
    """Bottom-k estimate: the share of the union's k smallest hashes found in both sketches."""
    union = sorted(set(a) | set(b))[:SKETCH_SIZE]
    if not union:
        return 0.0
    both = set(a) & set(b)
    return sum(h in both for h in union) / len(union)


def lend_edition_date(article: Article, edition_dates: list[str | None]) -> None:
    """An undated article takes the date of another edition of the same story, and says so."""
    dates = sorted(d for d in edition_dates if d)
    if article.date is None and dates:
        article.date = dates[0]
        article.date_basis = "edition"


def _hash(shingle: str) -> int:
    digest = hashlib.blake2b(shingle.encode("utf-8", "surrogatepass"), digest_size=4).digest()
    return int.from_bytes(digest, "big")
