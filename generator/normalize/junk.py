"""Remove scrape debris (disclaimers, captcha prompts, widgets) listed in junk.yaml.

Patterns are data so new debris is one YAML entry; they match whole lines and run after
script conversion, so each is written once, in Simplified.  An entry marked `links_after`
heads a list of links (相关新闻, 推荐阅读): the headline lines under it go too, when nothing
but such lines and other junk follows it, so an article after it keeps its headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from generator.models import Change
from generator.normalize.changes import apply_changes
from generator.normalize.layout import DATE_STAMP, is_headline_line

_PATTERNS_FILE = Path(__file__).with_name("junk.yaml")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# A link in a list: a bullet, the headline, its date (· 海门港区开港 2025-03-10).
_LINK_BULLET = re.compile(r"^[ \t\u3000]*[·•▪▶►>\-*]?[ \t\u3000]*")
_LINK_DATE = re.compile(rf"[ \t\u3000]*[（(\[]?{DATE_STAMP.pattern}[）)\]]?[ \t\u3000]*$")


@dataclass(frozen=True)
class JunkPattern:
    """One junk.yaml entry; the name and why go into the recorded Change."""

    name: str
    why: str
    regex: re.Pattern[str]
    links_after: bool = False  # it heads a list of links to other pages


def remove_junk(text: str) -> tuple[str, list[Change]]:
    """Drop every line that is entirely junk, newline included; each removal is recorded."""
    patterns = junk_patterns()
    line_of_junk = _combined(patterns)
    if line_of_junk.search(text) is None:
        return text, []
    lines = list(_LINE.finditer(text))
    hits = _with_links([_junk_of(line.group(), line_of_junk, patterns) for line in lines], lines)
    changes = [
        Change("junk", line.start(), line.end(), line.group(), "", f"junk ({hit.name}): {hit.why}")
        for line, hit in zip(lines, hits, strict=True)
        if hit is not None
    ]
    return apply_changes(text, changes), changes


@cache
def junk_patterns() -> tuple[JunkPattern, ...]:
    """Read junk.yaml once per process."""
    entries = yaml.safe_load(_PATTERNS_FILE.read_text(encoding="utf-8"))
    return tuple(
        JunkPattern(
            e["name"], e["why"], re.compile(f"(?:{e['pattern']})"), e.get("links_after", False)
        )
        for e in entries
    )


@cache
def _combined(patterns: tuple[JunkPattern, ...]) -> re.Pattern[str]:
    """One regex for all patterns: a whole line of one piece of junk or several side by side
    (【纠错】 【责任编辑:王五】), named by the first.  Searched over the whole text it only tells
    clean text apart in one scan, since a class like [^，。] would run on past the line's end
    (首页 > 本地新闻 and the headline under it)."""
    named = "|".join(f"(?P<{_group(p)}>{p.regex.pattern})" for p in patterns)
    more = "|".join(p.regex.pattern for p in patterns)
    return re.compile(
        rf"^[ \t\u3000]*(?:{named})(?:[ \t\u3000]+(?:{more}))*[ \t\u3000]*(?:\r\n|\r|\n|\Z)", re.M
    )


def _group(pattern: JunkPattern) -> str:
    return "j_" + re.sub(r"\W", "_", pattern.name)


def _junk_of(
    line: str, line_of_junk: re.Pattern[str], patterns: tuple[JunkPattern, ...]
) -> JunkPattern | None:
    """The pattern that matches the whole line, and nothing past its end."""
    match = line_of_junk.fullmatch(line)
    if match is None or not line.strip():
        return None
    return next(p for p in patterns if match.group(_group(p)) is not None)


def _with_links(
    hits: list[JunkPattern | None], lines: list[re.Match[str]]
) -> list[JunkPattern | None]:
    """A links header takes the headline and blank lines after it, if only those and junk
    follow: a line of body text below means the lines are an article's own."""
    taken = list(hits)
    for i, hit in enumerate(hits):
        if hit is None or not hit.links_after:
            continue
        rest = [j for j in range(i + 1, len(lines)) if hits[j] is None]
        if all(_is_link(lines[j].group()) or not lines[j].group().strip() for j in rest):
            for j in rest:
                taken[j] = hit
    return taken


def _is_link(line: str) -> bool:
    """A line of a links list: a headline, perhaps after a bullet and before its date."""
    return is_headline_line(_LINK_DATE.sub("", _LINK_BULLET.sub("", line.rstrip())))
