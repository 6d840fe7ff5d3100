"""Fixed renderings for names and terms, so every page says them the same way.

The shipped glossary.yaml sits next to this module; a user's glossary (same
shape, e.g. glossary.yaml at the project root) is passed to `load_glossary`
and wins on conflicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

from generator.models import Term

SHIPPED_GLOSSARY = Path(__file__).with_name("glossary.yaml")
KINDS = ("person", "place", "org", "term")


class GlossaryError(Exception):
    """A glossary file that cannot be read; the message names the file and the problem."""


class TermTable:
    """Longest-match lookup of Chinese terms in running text."""

    def __init__(self, terms: Iterable[Term] = ()):
        self.terms: dict[str, Term] = {term.zh: term for term in terms if term.zh}
        self._longest = max((len(zh) for zh in self.terms), default=0)

    def with_terms(self, more: Iterable[Term]) -> TermTable:
        """A new table with `more` added (existing entries win: the glossary beats guesses)."""
        return TermTable([*more, *self.terms.values()])

    def spans(self, text: str) -> list[tuple[int, int, Term]]:
        """Non-overlapping (start, end, term) matches, longest first at each position."""
        found = []
        position = 0
        while position < len(text):
            term = self._match_at(text, position)
            if term is None:
                position += 1
                continue
            found.append((position, position + len(term.zh), term))
            position += len(term.zh)
        return found

    def find(self, text: str) -> list[Term]:
        """Distinct terms in order of first appearance."""
        seen: dict[str, Term] = {}
        for _, _, term in self.spans(text):
            seen.setdefault(term.zh, term)
        return list(seen.values())

    def _match_at(self, text: str, position: int) -> Term | None:
        for length in range(min(self._longest, len(text) - position), 0, -1):
            term = self.terms.get(text[position : position + length])
            if term is not None:
                return term
        return None


def load_glossary(user_files: Sequence[Path] = ()) -> TermTable:
    """The shipped glossary overlaid with each existing user file, later files winning."""
    terms: dict[str, Term] = {}
    for path in (SHIPPED_GLOSSARY, *user_files):
        if path.is_file():
            terms.update((term.zh, term) for term in _read_glossary(path))
    return TermTable(terms.values())


def _read_glossary(path: Path) -> list[Term]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise GlossaryError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise GlossaryError(f"{path}: expected a mapping of kind -> {{Chinese: English}}")
    terms = []
    for kind, entries in data.items():
        if kind not in KINDS or not isinstance(entries, dict):
            raise GlossaryError(
                f"{path}: {kind!r} must be one of {', '.join(KINDS)} with a mapping"
            )
        terms.extend(Term(zh=str(zh), en=str(en), kind=kind) for zh, en in entries.items())
    return terms
