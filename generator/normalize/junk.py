"""Remove scrape debris (disclaimers, captcha prompts, widgets) listed in junk.yaml.

Patterns are data so new debris is one YAML entry; they match whole lines and run after
script conversion, so each is written once, in Simplified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from generator.models import Change
from generator.normalize.changes import substitute

_PATTERNS_FILE = Path(__file__).with_name("junk.yaml")


@dataclass(frozen=True)
class JunkPattern:
    """One junk.yaml entry; the name and why go into the recorded Change."""

    name: str
    why: str
    regex: re.Pattern[str]


def remove_junk(text: str) -> tuple[str, list[Change]]:
    """Drop every line that is entirely junk, newline included; each removal is recorded."""
    patterns = junk_patterns()
    combined = _combined(patterns)
    if combined.search(text) is None:
        return text, []
    return substitute(combined, text, "junk", lambda m: _removal(m, patterns))


@cache
def junk_patterns() -> tuple[JunkPattern, ...]:
    """Read junk.yaml once per process."""
    entries = yaml.safe_load(_PATTERNS_FILE.read_text(encoding="utf-8"))
    return tuple(
        JunkPattern(e["name"], e["why"], re.compile(f"(?:{e['pattern']})")) for e in entries
    )


@cache
def _combined(patterns: tuple[JunkPattern, ...]) -> re.Pattern[str]:
    """One regex for all patterns, each group a whole line, so clean text costs one scan."""
    alternatives = "|".join(f"(?P<{_group(p)}>{p.regex.pattern})" for p in patterns)
    return re.compile(rf"^[ \t\u3000]*(?:{alternatives})[ \t\u3000]*(?:\r\n|\r|\n|\Z)", re.M)


def _group(pattern: JunkPattern) -> str:
    return "j_" + re.sub(r"\W", "_", pattern.name)


def _removal(match: re.Match[str], patterns: tuple[JunkPattern, ...]) -> tuple[str, str] | None:
    if not match.group().strip():
        return None
    hit = next(p for p in patterns if match.group(_group(p)) is not None)
    return "", f"junk ({hit.name}): {hit.why}"
