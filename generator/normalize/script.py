"""Traditional -> Simplified with OpenCC's tw2s table.

The sources were made with a Taiwan-style character table, so tw2s undoes them better than
t2s (which leaves 著 in 靠著). Already-Simplified text comes back unchanged at C++ speed.
"""

from __future__ import annotations

import re

from opencc import OpenCC

from generator.models import Change
from generator.normalize.changes import diff_runs

_TW2S = OpenCC("tw2s")
_WHY = "Traditional -> Simplified (OpenCC tw2s)"
# OpenCC stops at NUL and cannot encode lone surrogates: convert around them.
_UNCONVERTIBLE = re.compile("([\x00\ud800-\udfff]+)")


def to_simplified(text: str) -> tuple[str, list[Change]]:
    """Convert the script; one Change per run of converted characters."""
    converted = simplify(text)
    if converted == text:
        return text, []
    if len(converted) == len(text):
        return converted, diff_runs(text, converted, "script", _WHY)
    return _convert_by_line(text)


def _convert_by_line(text: str) -> tuple[str, list[Change]]:
    """Fallback when a phrase changed length: record such lines whole, the rest per run."""
    out: list[str] = []
    changes: list[Change] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        new = simplify(line)
        if len(new) == len(line):
            changes.extend(diff_runs(line, new, "script", _WHY, offset))
        elif new != line:
            changes.append(Change("script", offset, offset + len(line), line, new, _WHY))
        out.append(new)
        offset += len(line)
    return "".join(out), changes


def simplify(text: str) -> str:
    """The text in Simplified script; `to_simplified` records what it changed, readers that
    only need the text (ingest's language check) call this."""
    if _UNCONVERTIBLE.search(text) is None:
        return _TW2S.convert(text)
    pieces = _UNCONVERTIBLE.split(text)
    return "".join(p if i % 2 else _TW2S.convert(p) for i, p in enumerate(pieces))
