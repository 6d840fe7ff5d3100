"""Split clean text into articles at headline blocks, and name the headline lines.

A file may hold several articles (a newspaper page). An article starts at a block of 2-3
headline lines (kicker / title / subtitle) followed by body text, or at a single headline
line at the very top (under a scrape's stamp at most) or right before an outlet's dateline
(本报讯…); any other lone short line inside the body is a sub-heading, not a new article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.normalize.layout import (
    HEADLINE_BLOCK_MAX,
    is_field_line,
    is_headline_line,
    opens_report,
)


@dataclass
class ArticleBlock:
    """The lines of one article: its headline block (maybe empty) and its body."""

    headlines: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Headline:
    """The named lines of a headline block (title is None when there is no block)."""

    title: str | None
    kicker: str | None = None
    subtitle: str | None = None


def split_articles(lines: list[str]) -> list[ArticleBlock]:
    """Group paragraphs into articles; an article with no body is dropped."""
    blocks: list[ArticleBlock] = []
    # Nothing but a scrape's stamp or fields above: the text's top, where a platform puts its
    # account and time before the headline (南通发布 2025-03-12 08:00); they join the article.
    # Kept as lines are read, not read again for each: a text of stamps would take their square.
    only_fields = True
    i = 0
    while i < len(lines):
        size = _headline_block_size(lines, i)
        stamped = only_fields and len(blocks) == 1 and not blocks[0].headlines
        if size and (stamped or size > 1 or not blocks or opens_report(lines[i + size])):
            fields = blocks.pop().body if stamped else []
            blocks.append(ArticleBlock(headlines=lines[i : i + size], body=fields))
            i += size
            continue
        if not blocks:
            blocks.append(ArticleBlock())
        blocks[-1].body.append(lines[i])
        only_fields = only_fields and is_field_line(lines[i])
        i += 1
    return [b for b in blocks if b.body]


def _headline_block_size(lines: list[str], start: int) -> int:
    """Number of headline lines starting at `start` that are followed by body text (else 0)."""
    end = start
    limit = min(len(lines), start + HEADLINE_BLOCK_MAX + 1)  # one more says "too many"
    while end < limit and is_headline_line(lines[end], top=_heads_a_report(lines, end)):
        end += 1
    size = end - start
    if size > HEADLINE_BLOCK_MAX or end == len(lines):
        return 0
    return size


def _heads_a_report(lines: list[str], index: int) -> bool:
    """Line `index` opens the text (only plain headlines, a kicker, are above it) or comes right
    before a dateline: a headline there may open with a topic and a colon (南通：…) or hold
    clauses (禁渔期里，渔民“上岸”有新活计)."""
    return (index < HEADLINE_BLOCK_MAX and all(map(is_headline_line, lines[:index]))) or (
        index + 1 < len(lines) and opens_report(lines[index + 1])
    )


def name_headlines(lines: list[str]) -> Headline:
    """Kicker / title / subtitle, the newspaper order (引题, 主题, 副题).

    With two lines the slogan-like one (phrases separated by spaces, or a leading dash) is
    the kicker when it comes first and the subtitle when it comes second.  A line the scrape
    took twice (the page's title and its heading) counts once.
    """
    lines = list(dict.fromkeys(lines))
    if not lines:
        return Headline(None)
    if len(lines) == 1:
        return Headline(lines[0])
    if len(lines) >= HEADLINE_BLOCK_MAX:
        return Headline(lines[1], kicker=lines[0], subtitle=lines[2])
    first, second = lines
    if _is_slogan(first) and not _is_slogan(second):
        return Headline(second, kicker=first)
    return Headline(first, subtitle=second)


def _is_slogan(line: str) -> bool:
    return " " in line or "\u3000" in line or line.startswith(("—", "-"))
