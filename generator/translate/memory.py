"""Persistent translation memory: a rebuild only translates sentences it has not seen.

Keyed by model name + version + normalized source sentence, so a new model
version re-translates everything while the old entries stay for a rollback.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    model TEXT NOT NULL,
    version TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (model, version, source)
) WITHOUT ROWID
"""
LOOKUP_CHUNK = 500  # stays under SQLite's bound-parameter limit

_SPACES = re.compile(r"\s+")


def normalize_sentence(sentence: str) -> str:
    """The memory key: NFC, whitespace collapsed, so layout noise does not force re-translation."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", sentence)).strip()


class TranslationMemory:
    """Sentence translations of one model version, stored in SQLite (WAL)."""

    def __init__(self, path: Path, model: str, version: str):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.model, self.version = model, version
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(SCHEMA)

    def lookup(self, sentences: Iterable[str]) -> dict[str, str]:
        """Known translations of the given sentences, keyed by the sentence as given."""
        by_key: dict[str, list[str]] = {}
        for sentence in sentences:
            by_key.setdefault(normalize_sentence(sentence), []).append(sentence)
        keys = list(by_key)
        found: dict[str, str] = {}
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[start : start + LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT source, target FROM translations WHERE model=? AND version=? "
                f"AND source IN ({marks})",
                (self.model, self.version, *chunk),
            )
            for source, target in rows:
                found.update(dict.fromkeys(by_key[source], target))
        return found

    def store(self, translations: dict[str, str]) -> None:
        """Remember new translations, in one transaction."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?)",
                [
                    (self.model, self.version, normalize_sentence(source), target)
                    for source, target in translations.items()
                ],
            )

    def close(self) -> None:
        self._db.close()
