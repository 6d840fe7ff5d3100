"""Person names found in an article and rendered in pinyin (吴新明 -> Wu Xinming).

News stories introduce people by title (市委书记吴新明) or byline (记者朱文君 张彤);
only clauses with such a cue are segmented with jieba and read for person names (the
dictionary's nr words, and words jieba's HMM built from unknown characters), which keeps
false positives (高水平, 施策 ...) out and the cost low.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from pypinyin import Style, lazy_pinyin

from generator.models import Term
from generator.people import given_name_of, listed_surnames, surname_of
from generator.tables import cached_table, jieba_dictionary, jieba_ready

SURNAME_READINGS = {"单": "Shan", "曾": "Zeng", "解": "Xie", "仇": "Qiu", "区": "Ou", "查": "Zha"}
TITLES = (
    "书记",
    "市长",
    "省长",
    "区长",
    "县长",
    "镇长",
    "主席",
    "主任",
    "部长",
    "局长",
    "厅长",
    "董事长",
    "总经理",
    "院长",
    "校长",
    "委员",
    "记者",
    "通讯员",
)
_CUE = re.compile("|".join(TITLES))
_CLAUSE = re.compile(r"[^，。；！？、,;!?]+")
_BYLINE = re.compile(r"(?:记者|通讯员)\s*((?:[\u4e00-\u9fff]{2,4}(?:[ 　、]+|(?=[）)\s]|$)))+)")
_HAN = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def find_people(text: str) -> list[Term]:
    """People named in `text`, in order of first appearance, with pinyin renderings."""
    names = [*_byline_names(text), *_titled_names(text)]
    return [Term(zh=name, en=pinyin_name(name), kind="person") for name in dict.fromkeys(names)]


@cache
def pinyin_name(name: str) -> str:
    """Surname, space, given name run together, both capitalised: 吴新明 -> Wu Xinming,
    欧阳立新 -> Ouyang Lixin."""
    first = surname_of(name)
    surname = SURNAME_READINGS.get(first) or _join_syllables(lazy_pinyin(first, style=Style.NORMAL))
    given = _join_syllables(lazy_pinyin(given_name_of(name), style=Style.NORMAL))
    return f"{surname.capitalize()} {given.capitalize()}".strip()


def _join_syllables(syllables: list[str]) -> str:
    """Concatenate, with the apostrophe pinyin needs before a vowel (Xi'an)."""
    joined = ""
    for syllable in syllables:
        if joined and syllable[:1] in "aoe":
            joined += "'"
        joined += syllable
    return joined


def _byline_names(text: str) -> list[str]:
    return [
        name
        for match in _BYLINE.finditer(text)
        for name in re.split(r"[ 　、]+", match.group(1).strip())
        if _looks_like_name(name)
    ]


def _titled_names(text: str) -> list[str]:
    """Names right after a title word, or tagged nr, in clauses that contain a title."""
    jieba = jieba_ready()
    tags = noun_tags()
    names = []
    for clause in _CLAUSE.findall(text):
        if _CUE.search(clause):
            words = [(w, _part_of_speech(w, jieba.dt, tags)) for w in jieba.cut(clause)]
            names.extend(_names_in_tagged(words))
    return names


def _part_of_speech(word: str, tokenizer: Any, tags: dict[str, str]) -> str:
    """The tag of an added word or of a dictionary noun; a word jieba's HMM assembled from
    characters the dictionary does not hold as a word is a name candidate (nr), as
    jieba.posseg's HMM tags such words."""
    tag = tokenizer.user_word_tag_tab.get(word) or tags.get(word)
    if tag:
        return tag
    return "x" if tokenizer.FREQ.get(word) else "nr"


@cache
def noun_tags() -> dict[str, str]:
    """jieba's dictionary nouns and their tags (nr person, ns place, n ...).

    The same table jieba.posseg reads, but importing jieba.posseg parses the whole dictionary
    for it (half a second, a quarter of a one-article rebuild); this one is cached.
    """
    return cached_table("jieba-noun-tags", jieba_dictionary(), _parse_noun_tags)


def _parse_noun_tags(dictionary: Path) -> dict[str, str]:
    tags = {}
    with dictionary.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, tag = [*line.split(), "", ""][:3]
            if tag.startswith("n"):
                tags[word] = tag
    return tags


def _names_in_tagged(words: list[tuple[str, str]]) -> list[str]:
    names = []
    for index, (word, flag) in enumerate(words):
        after_title = index > 0 and words[index - 1][0].endswith(TITLES) and flag[:1] == "n"
        candidate = word
        if after_title and word == surname_of(word) and index + 1 < len(words):
            candidate = word + words[index + 1][0]  # 陈 + 红红, 欧阳 + 立新
        if (after_title or flag.startswith("nr")) and _looks_like_name(candidate):
            names.append(candidate)
    return names


def _looks_like_name(word: str) -> bool:
    """Two to four characters: a surname (欧阳 or 吴) and a given name of one or two."""
    surname = surname_of(word)
    return (
        bool(_HAN.match(word))
        and surname in listed_surnames()
        and 1 <= len(word) - len(surname) <= 2
    )
