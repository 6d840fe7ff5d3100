"""Translate stage: Articles -> Translations, offline, batched, remembered, consistent.

    translator = open_translator(state_dir)
    translations = translator.translate(articles)   # {article.id: Translation}
    translator.close()

With a zh->en Argos package installed (ARGOS_PACKAGES_DIR, read at call time)
the engine is "argos"; without one it is "gloss", a labelled word-by-word
rendering that is never stored in the translation memory.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator.models import Article, Term, Translation
from generator.translate.engine import ArgosEngine, DecodingSettings
from generator.translate.gloss import HAN, gloss_sentence
from generator.translate.glossary import TermTable, load_glossary
from generator.translate.memory import TranslationMemory
from generator.translate.names import find_people
from generator.translate.packages import InstalledPackage, find_zh_en
from generator.translate.sentences import split_sentences

MEMORY_FILE = "translations.sqlite"

__all__ = ["DecodingSettings", "Translator", "open_translator"]

_SPACES = re.compile(r" {2,}")


def open_translator(
    state_dir: Path,
    *,
    beam_size: int = 4,
    glossary_files: Sequence[Path] = (),
    settings: DecodingSettings | None = None,
) -> Translator:
    """A translator for this build: the installed zh->en package if any, else the gloss.

    `glossary_files` are the user's glossaries (e.g. <project>/glossary.yaml), overlaid
    on the shipped one.
    """
    decoding = replace(settings or DecodingSettings(), beam_size=beam_size)
    return Translator(
        find_zh_en(), state_dir / MEMORY_FILE, decoding, load_glossary(glossary_files)
    )


@dataclass
class _Sentence:
    """One sentence of one article, as the model sees it."""

    original: str
    protected: str  # names and terms already in English
    terms: list[Term]

    @property
    def needs_model(self) -> bool:
        return bool(HAN.search(self.protected))


@dataclass
class _Plan:
    """An article cut into units (title, then paragraphs) of sentences."""

    article: Article
    units: list[list[_Sentence]]
    terms: list[Term]
    table: TermTable


class Translator:
    """Translates all articles of a build in one pass."""

    def __init__(
        self,
        package: InstalledPackage | None,
        memory_path: Path,
        settings: DecodingSettings,
        glossary: TermTable,
    ):
        self.glossary = glossary
        self.engine = "argos" if package else "gloss"
        self.model = package.name if package else None
        self.model_version = package.version if package else None
        self._package, self._settings, self._memory_path = package, settings, memory_path
        self._argos: ArgosEngine | None = None
        self._memory: TranslationMemory | None = None

    def translate(self, articles: list[Article]) -> dict[str, Translation]:
        """English for every article, keyed by article id."""
        plans = [self._plan(article) for article in articles]
        if self._package is None:
            return {plan.article.id: self._gloss(plan) for plan in plans}
        return self._translate_with_model(plans)

    def close(self) -> None:
        if self._memory is not None:
            self._memory.close()
            self._memory = None

    def _plan(self, article: Article) -> _Plan:
        units_text = [article.title, *article.paragraphs]
        whole = "\n".join(units_text)
        table = self.glossary.with_terms(find_people(whole))
        units = [
            [_protect(sentence, table) for sentence in split_sentences(unit)] for unit in units_text
        ]
        return _Plan(article, units, table.find(whole), table)

    def _gloss(self, plan: _Plan) -> Translation:
        english = [
            " ".join(gloss_sentence(sentence.original, plan.table) for sentence in unit)
            for unit in plan.units
        ]
        return self._translation(plan, english, translated=0, from_memory=0)

    def _translate_with_model(self, plans: list[_Plan]) -> dict[str, Translation]:
        wanted = {
            s.protected for plan in plans for unit in plan.units for s in unit if s.needs_model
        }
        memory = self._open_memory()
        known = memory.lookup(wanted)
        missing = sorted(wanted - known.keys())
        fresh = (
            dict(zip(missing, self._open_engine().translate(missing), strict=True))
            if missing
            else {}
        )
        memory.store(fresh)
        english = {**known, **fresh}
        return {plan.article.id: self._assemble(plan, english, known) for plan in plans}

    def _assemble(self, plan: _Plan, english: dict[str, str], known: dict[str, str]) -> Translation:
        units = [
            " ".join(_render(sentence, plan.table, english) for sentence in unit)
            for unit in plan.units
        ]
        model_sentences = [s for unit in plan.units for s in unit if s.needs_model]
        from_memory = sum(s.protected in known for s in model_sentences)
        return self._translation(plan, units, len(model_sentences) - from_memory, from_memory)

    def _translation(
        self, plan: _Plan, units: list[str], translated: int, from_memory: int
    ) -> Translation:
        return Translation(
            article_id=plan.article.id,
            engine=self.engine,
            model=self.model,
            model_version=self.model_version,
            title=units[0],
            paragraphs=units[1:],
            sentences=sum(s.needs_model for unit in plan.units for s in unit),
            translated=translated,
            from_memory=from_memory,
            terms=plan.terms,
        )

    def _open_memory(self) -> TranslationMemory:
        if self._memory is None:
            assert self.model is not None and self.model_version is not None
            self._memory = TranslationMemory(self._memory_path, self.model, self.model_version)
        return self._memory

    def _open_engine(self) -> ArgosEngine:
        if self._argos is None:
            assert self._package is not None
            self._argos = ArgosEngine(self._package, self._settings)
        return self._argos


def _protect(sentence: str, table: TermTable) -> _Sentence:
    """Put names and terms in English before the model sees them, so it passes them through."""
    pieces, terms, position = [], [], 0
    for start, end, term in table.spans(sentence):
        pieces += [sentence[position:start], f" {term.en} "]
        terms.append(term)
        position = end
    pieces.append(sentence[position:])
    protected = _SPACES.sub(" ", "".join(pieces)).strip()
    return _Sentence(sentence, protected, terms)


def _render(sentence: _Sentence, table: TermTable, english: dict[str, str]) -> str:
    """The model's English with the protected names restored to their exact spelling."""
    if not sentence.needs_model:
        return gloss_sentence(sentence.original, table)
    return _SPACES.sub(" ", _restore_terms(english[sentence.protected], sentence.terms)).strip()


def _restore_terms(text: str, terms: list[Term]) -> str:
    """Fix names the model re-cased or re-spaced (NANTONG, Nan tong) back to the glossary form."""
    for term in terms:
        if term.en not in text:
            loose = r"\s*".join(re.escape(part) for part in term.en.replace(" ", ""))
            text = re.sub(loose, lambda _, en=term.en: en, text, flags=re.IGNORECASE)
    return text
