"""Remove the `(pinyin)` reading annotations that the corruption inserted after characters.

The corruption appended the default single-character reading of listed characters, so an
annotation is recognised by its content, never by its position: `(yè)` goes, `(2月5日)`,
`(記者朱文君)`, `(通州灣)` and `(市、區)` stay.  Tone-less syllables (`men`, `ma`) are only
removed when they are the reading of the character just before, because bare Latin words in
parentheses are otherwise too easily real text.
"""

from __future__ import annotations

import re
from functools import cache

from generator.models import Change

TONE_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
SYLLABLE_CHARS = "a-zü" + TONE_LETTERS
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
ANNOTATION = re.compile(rf"[(（]([{SYLLABLE_CHARS}]{{1,7}})[)）]")


@cache
def _readings() -> dict[str, str]:
    """Default (first) tone-marked reading of every character pypinyin knows."""
    from pypinyin.pinyin_dict import pinyin_dict

    return {chr(code): value.split(",")[0] for code, value in pinyin_dict.items()}


@cache
def syllables() -> frozenset[str]:
    """Every tone-marked or tone-less syllable pypinyin uses as a character reading."""
    from pypinyin.pinyin_dict import pinyin_dict

    return frozenset(r for value in pinyin_dict.values() for r in value.split(","))


def default_reading(char: str) -> str | None:
    """The reading the corruption used: pypinyin's default, e.g. 長 -> zhǎng."""
    return _readings().get(char)


def has_tone_mark(syllable: str) -> bool:
    """A tone mark makes a Latin word in parentheses unmistakably pinyin."""
    return any(c in TONE_LETTERS for c in syllable)


def is_annotation(syllable: str, annotated: str | None) -> bool:
    """True when `(syllable)` after the character `annotated` is a reading annotation."""
    if syllable not in syllables():
        return False
    return has_tone_mark(syllable) or (
        annotated is not None and default_reading(annotated) == syllable
    )


def find_annotation(text: str, pos: int) -> re.Match[str] | None:
    """The annotation starting exactly at `pos`, if there is one."""
    match = ANNOTATION.match(text, pos)
    if match is None:
        return None
    before = text[pos - 1] if pos > 0 else None
    return match if is_annotation(match.group(1), before) else None


def _annotated_before(text: str, start: int, syllable: str) -> tuple[str | None, str]:
    """The character an annotation at `start` belongs to, and how it was read if not as it
    stands: the Chinese character before it, or the listed character that an ASCII character
    able to end a GBK pair (`@` to `~`: the letters and a few symbols) ends.  The corruption's
    byte search matched the last byte of the character before it plus that byte (持 `b3 d6` +
    `I` = 諭 `d6 49`, read yù) and put the reading after it; only that exact reading goes."""
    if start > 0 and _HAN.match(text[start - 1]):
        return text[start - 1], ""
    if start < 2 or not (0x40 <= ord(text[start - 1]) < 0x7F) or not _HAN.match(text[start - 2]):
        return None, ""
    try:
        trail = text[start - 2].encode("gbk")[-1]
        char = bytes((trail, ord(text[start - 1]))).decode("gbk")
    except UnicodeError:
        return None, ""
    if default_reading(char) != syllable:
        return None, ""
    return char, f", whose bytes end {text[start - 2]!r} and begin {text[start - 1]!r}"


def _spaces_before(text: str, pos: int) -> int:
    """Where the run of spaces and tabs ending at `pos` starts."""
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return pos


def remove_pinyin_annotations(text: str) -> tuple[str, list[Change]]:
    """Drop every `(pinyin)` holding exactly one valid syllable right after a Chinese character,
    after an ASCII character whose byte ends that syllable's listed character
    (`_annotated_before`), or right after another such annotation; keep all other brackets.

    Requiring the annotated character makes the step idempotent: removing `(yè)` from
    `((yè)yè)` would otherwise create a new annotation for the next run to remove.  For the
    same reason spaces may stand between the character and the reading, and go with it: the
    punctuation step drops them beside the bracket it makes full width (表 (yè) -> 表（yè）).
    """
    out: list[str] = []
    changes: list[Change] = []
    last = 0
    annotated: str | None = None
    for match in ANNOTATION.finditer(text):
        start = _spaces_before(text, match.start())
        if not (changes and start == last):
            annotated, across = _annotated_before(text, start, match.group(1))
        if annotated is None or not is_annotation(match.group(1), annotated):
            continue
        before = annotated
        out.append(text[last:start])
        last = match.end()
        changes.append(
            Change(
                fix="pinyin",
                start=start,
                end=match.end(),
                before=text[start : match.end()],
                after="",
                why=f"'{match.group(1)}' is one pinyin syllable (reading of {before!r}{across}), "
                "an inserted annotation",
            )
        )
    out.append(text[last:])
    return "".join(out), changes
