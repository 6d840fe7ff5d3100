"""Building and replaying Change records, shared by every normalization step.

Each step returns (new_text, changes) where the changes index the step's *input*; the helpers
here guarantee that replaying the changes on the input gives exactly the output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from generator.models import Change

Step = Callable[[str], tuple[str, list[Change]]]
# A match -> (replacement, why), or None to leave the match alone.
Decide = Callable[[re.Match[str]], tuple[str, str] | None]


def apply_changes(text: str, changes: Iterable[Change]) -> str:
    """Replay non-overlapping changes (sorted by start) on the text they index."""
    parts: list[str] = []
    cursor = 0
    for change in changes:
        parts.append(text[cursor : change.start])
        parts.append(change.after)
        cursor = change.end
    parts.append(text[cursor:])
    return "".join(parts)


def substitute(
    pattern: re.Pattern[str], text: str, fix: str, decide: Decide
) -> tuple[str, list[Change]]:
    """re.sub that records a Change for every replacement it makes."""
    changes = []
    for match in pattern.finditer(text):
        decision = decide(match)
        if decision is None or decision[0] == match.group():
            continue
        after, why = decision
        changes.append(Change(fix, match.start(), match.end(), match.group(), after, why))
    if not changes:
        return text, []
    return apply_changes(text, changes), changes


def diff_runs(before: str, after: str, fix: str, why: str, offset: int = 0) -> list[Change]:
    """Changes for each run of differing characters between two equal-length strings."""
    changes = []
    run_start = -1
    for i, (old, new) in enumerate(zip(before, after, strict=True)):
        if old != new and run_start < 0:
            run_start = i
        elif old == new and run_start >= 0:
            changes.append(_run_change(before, after, run_start, i, fix, why, offset))
            run_start = -1
    if run_start >= 0:
        changes.append(_run_change(before, after, run_start, len(before), fix, why, offset))
    return changes


def _run_change(
    before: str, after: str, start: int, end: int, fix: str, why: str, offset: int
) -> Change:
    return Change(fix, offset + start, offset + end, before[start:end], after[start:end], why)
