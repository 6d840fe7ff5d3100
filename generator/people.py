"""Words about people, kept as data (people.yaml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

_DATA = Path(__file__).with_name("people.yaml")


@cache
def _people() -> dict[str, str | list[str]]:
    return yaml.safe_load(_DATA.read_text(encoding="utf-8"))


@cache
def surnames() -> frozenset[str]:
    """The commonest Chinese surnames, and rarer ones that are seldom anything else (储, 蔺),
    one character each."""
    return frozenset(str(_people()["surnames"]).replace(" ", ""))


@cache
def compound_surnames() -> frozenset[str]:
    """Surnames of two characters that text seldom writes otherwise (欧阳, 司马)."""
    return frozenset(_people()["compound_surnames"])


@cache
def listed_surnames() -> frozenset[str]:
    """Every listed surname, of one character (`surnames`) or two (`compound_surnames`)."""
    return surnames() | compound_surnames()


def surname_of(name: str) -> str:
    """The surname a name opens with: its first two characters where they are one (欧阳立新),
    else its first."""
    return name[:2] if name[:2] in compound_surnames() else name[:1]


def given_name_of(name: str) -> str:
    """What follows the surname (`surname_of`): 立新 of 欧阳立新, 建国 of 王建国."""
    return name[len(surname_of(name)) :]


@cache
def gendered_words() -> dict[str, bool]:
    """Word -> True for a woman (女士, 奶奶), False for a man (先生, 大爷)."""
    return {
        word: female for female in (True, False) for word in _people()["women" if female else "men"]
    }


@cache
def address_words() -> frozenset[str]:
    """Words of address before a word that names a woman or a man (老 of 老大娘)."""
    return frozenset(_people()["address"])


@cache
def relatives() -> frozenset[str]:
    """Words for a person's relation to another that say nothing of their sex (老伴, 孩子)."""
    return frozenset(_people()["relatives"])


@cache
def spouses() -> frozenset[str]:
    """Relatives that are a husband or a wife (老伴, 爱人): of the other sex from their spouse."""
    return frozenset(_people()["spouses"])


@cache
def spoken_of() -> frozenset[str]:
    """Words after which a person is spoken of (说起儿子), not the sentence's subject."""
    return frozenset(_people()["spoken_of"])


@cache
def sex_prefixes() -> dict[str, bool]:
    """First character -> True for a woman (女司机), False for a man (男护士)."""
    return {_people()["woman_prefix"]: True, _people()["man_prefix"]: False}


@cache
def place_words() -> frozenset[str]:
    """Words that make a name-like word right before them a place (章江新区, 建华路)."""
    return frozenset(_people()["places"])


@cache
def saying_words() -> tuple[str, ...]:
    """Words that follow a person named as a speaker (卯丽萍说, 计宏亮介绍)."""
    return tuple(_people()["saying"])


@cache
def after_subject() -> frozenset[str]:
    """Words of one character that follow a sentence's subject (熊浩是, 李浩在)."""
    return frozenset(_people()["after_subject"])
