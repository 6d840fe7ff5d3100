"""Simulate the corruption described in shared/notes/corruption.md, to test repairs on text
nobody tuned on.

    damaged, reference = corrupt(simplified_text, listed)

`reference` is the Traditional text before any byte damage, with the seven full-width marks the
corruption turned into ASCII already in ASCII (that is what a perfect `repair_garbles` followed
by `remove_pinyin_annotations` returns).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from generator.normalize.garble import LEFT_SIMPLIFIED, is_user_defined
from generator.normalize.pinyin import default_reading

PUNCTUATION = {"，": b",", "？": b"?", "！": b"!", "（": b"(", "）": b")", "；": b";", "：": b":"}
_SPLIT = re.compile(rb"([,?!;:]|\xa1\xa3)")


@cache
def _s2tw():
    from opencc import OpenCC

    return OpenCC("s2tw")


@cache
def traditional(char: str) -> str:
    """Step 1: a naive character-by-character Simplified->Traditional table, Taiwan variants;
    it cannot choose among several traditional forms, so it leaves those characters alone."""
    if char in LEFT_SIMPLIFIED:  # 后 stays 后 where OpenCC's table would write 後
        return char
    converted = _s2tw().convert(char)
    return converted if len(converted) == 1 else char


def to_traditional(text: str) -> str:
    """Step 1 for a whole text; characters GBK cannot hold are dropped, as a scraper would."""
    return "".join(traditional(text[i]) for i in kept_positions(text))


def kept_positions(text: str) -> list[int]:
    """Where each character `to_traditional` keeps stands in `text`: a position in the
    reference `corrupt` returns is a position in the clean text so."""
    return [i for i, c in enumerate(text) if _encodable(traditional(c))]


def _encodable(char: str) -> bool:
    try:
        char.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def annotation(char: str) -> bytes | None:
    """Step 3's insert: `(pinyin)` of the default reading, or None if GBK cannot spell it."""
    reading = default_reading(char)
    try:
        return f"({reading})".encode("gbk") if reading else None
    except UnicodeEncodeError:
        return None


LISTED_SHARE = 0.4  # of the text's own changed characters, the share on the list
LISTED_EXTRA = 40  # and how many others


@dataclass(frozen=True)
class Listing:
    """How a per-document list is drawn: a `share` of the candidates (the text's own changed
    characters, or the given `chars`) plus `extra` others it may not contain (those still
    matter: they can match across a character boundary)."""

    share: float = LISTED_SHARE
    extra: int = LISTED_EXTRA
    chars: str = ""  # Traditional characters to draw from instead of the text's own

    def pick(self, text: str, rng: random.Random) -> list[str]:
        own = sorted(set(self.chars) if self.chars else {c for c in text if traditional_differs(c)})
        pool = sorted(_common_traditional() - set(own))
        chosen = [c for c in own if rng.random() < self.share]
        chosen += rng.sample(pool, min(self.extra, len(pool)))
        return [c for c in chosen if annotation(c)]


@cache
def _tw2s():
    from opencc import OpenCC

    return OpenCC("tw2s")


@cache
def traditional_differs(char: str) -> bool:
    """Only characters the converter changed can be on the list."""
    return _tw2s().convert(char) != char


@cache
def _common_traditional() -> frozenset[str]:
    """Traditional forms of the commonest simplified characters (jieba single-char words)."""
    from generator.normalize.lm import language_model

    singles = sorted(
        (w for w in language_model().word_logp if len(w) == 1),
        key=lambda w: -language_model().word_logp[w],
    )[:2500]
    return frozenset(t for s in singles if (t := traditional(s)) != s and _encodable(t))


def decode_pairwise(part: bytes) -> str:
    """Step 5's decoder: two bytes at a time; user-defined pairs vanish, bad pairs become '?'."""
    out: list[str] = []
    i = 0
    while i < len(part):
        if part[i] < 0x80:
            out.append(chr(part[i]))
            i += 1
        elif i + 1 == len(part):
            out.append("?")
            i += 1
        else:
            out.append(_pair(part[i], part[i + 1]))
            i += 2
    return "".join(out)


def _pair(lead: int, trail: int) -> str:
    if is_user_defined(lead, trail):
        return ""
    try:
        return bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return "?"


def damage_piece(piece: str, listed: Sequence[str]) -> str:
    """Steps 2-5 for one piece between two 、."""
    data = piece.encode("gbk")
    for char in sorted(listed):
        note = annotation(char)
        if note:
            target = char.encode("gbk")
            data = data.replace(target, target + note)
    for full, ascii_byte in PUNCTUATION.items():
        data = data.replace(full.encode("gbk"), ascii_byte)
    parts = _SPLIT.split(data)
    return "".join(p.decode("gbk") if i % 2 else decode_pairwise(p) for i, p in enumerate(parts))


def corrupt(simplified: str, listed: Sequence[str]) -> tuple[str, str]:
    """(damaged text, reference) for a clean Simplified text and a per-document char list."""
    source = to_traditional(simplified)
    damaged = "、".join(damage_piece(piece, listed) for piece in source.split("、"))
    reference = source.translate(str.maketrans({k: v.decode() for k, v in PUNCTUATION.items()}))
    return damaged, reference
