"""ASCII punctuation in Chinese text back to full width, and lower-cased acronyms back to upper.

The scrape turned full-width ，？！（）；： into ASCII byte by byte. Only marks with Chinese
context are restored, so 6.2%, 1+8, PM2.5, 10:30, 1,000 and English sentences stay as they are.
The small forms Taiwan text writes (﹐﹑﹔﹕﹖﹗) become the full-width marks everywhere.
"""

from __future__ import annotations

import re

from generator.models import Change
from generator.normalize.changes import substitute
from generator.normalize.garble import FULL_WIDTH, LOST
from generator.normalize.lm import QUOTE_OPENER, QUOTES, is_han

_SMALL_FORMS = {"﹐": "，", "﹑": "、", "﹔": "；", "﹕": "：", "﹖": "？", "﹗": "！"}
_WIDE = "（）“”‘’，。、；：？！《》【】"
_WIDE_PUNCT = frozenset(_WIDE)
_SKIPPED_FOR_CONTEXT = " \t(),?!;:（）"  # brackets of either width are see-through
_MARK = f"[,?!;:(){''.join(_SMALL_FORMS)}]"
_CANDIDATE = re.compile(rf"{_MARK}|[ \t]+")
_TRIGGER = re.compile(rf"{_MARK}|[ \t](?=[{_WIDE}])|(?<=[{_WIDE}])[ \t]")
_BETWEEN_DIGITS = frozenset(",:")
_NUMBER = f"0123456789.%％{LOST}"  # read through to the text around it
# and the marks beyond it, of either width, which this step may just have widened (idempotence)
_SEE_THROUGH_PAST_NUMBER = _SKIPPED_FOR_CONTEXT + "".join(FULL_WIDTH.values())
_CHINESE = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e“”‘’"
_CAPITAL = re.compile("[A-Z]")
_LINE = re.compile(".+")
_LOWER_ACRONYM = re.compile(rf"(?<=[{_CHINESE}])[a-z]{{2,4}}(?:\d+(?:\.\d+)?)?(?=[{_CHINESE}])")


def restore_fullwidth_punctuation(text: str) -> tuple[str, list[Change]]:
    """, ? ! ; : ( ) next to Chinese and small forms -> full width; spaces beside full-width
    marks dropped."""
    if _TRIGGER.search(text) is None:
        return text, []
    wide = _wide_brackets(text)
    return substitute(_CANDIDATE, text, "punctuation", lambda m: _decide(text, m, wide))


def restore_acronyms(text: str) -> tuple[str, list[Change]]:
    """pm2.5 -> PM2.5, lng -> LNG: a short lower-case Latin token inside Chinese is an acronym
    the scrape lower-cased (unit symbols follow digits and are left alone), where it lower-cased
    the whole text: a text that writes a capital anywhere wrote blog and java as they stand."""
    if _CAPITAL.search(text):
        return text, []
    return substitute(_LOWER_ACRONYM, text, "acronym", _upper)


def _upper(match: re.Match[str]) -> tuple[str, str]:
    return match.group().upper(), "acronym lower-cased by the scrape"


def _decide(text: str, match: re.Match[str], wide: frozenset[int]) -> tuple[str, str] | None:
    if match.group()[0] in " \t":
        return _decide_space(text, match.start(), match.end(), wide)
    if match.group() in _SMALL_FORMS:
        return _SMALL_FORMS[match.group()], "small-form punctuation -> full width"
    i = match.start()
    if i in wide:
        return FULL_WIDTH[text[i]], "ASCII bracket of a pair in Chinese text -> full width"
    if not _chinese_context(text, i):
        return None
    return FULL_WIDTH[text[i]], "ASCII punctuation in Chinese text -> full width"


def _wide_brackets(text: str) -> frozenset[int]:
    """ASCII brackets whose partner is full width or in Chinese context: a pair is restored
    whole, so （COP30)22日 gets its ）, though 0)2 alone reads as ASCII."""
    wide: set[int] = set()
    for line in _LINE.finditer(text):
        opened: list[int] = []
        for i in range(line.start(), line.end()):
            if text[i] in "(（":
                opened.append(i)
            elif text[i] in ")）" and opened:
                pair = (opened.pop(), i)
                if any(text[k] in "（）" or _chinese_context(text, k) for k in pair):
                    wide.update(k for k in pair if text[k] in "()")
    return frozenset(wide)


def _chinese_context(text: str, i: int) -> bool:
    """A mark belongs to Chinese text when its nearest real neighbour on either side is not ASCII,
    a number read through as part of the text around it: 提高到86%,2024年 is Chinese on both
    sides of its comma (a comma between two digits is still a number's: 1,000)."""
    char = text[i]
    left, right = _neighbour(text, i, -1), _neighbour(text, i, 1)
    if (
        char in _BETWEEN_DIGITS
        and _digit_or_lost(text[i - 1 : i])
        and text[i + 1 : i + 2].isdigit()
    ):
        return False
    return not (left.isascii() and right.isascii())


def _digit_or_lost(char: str) -> bool:
    """A digit, or the '□' garble repair leaves for an ASCII byte it knows was lost (□:30)."""
    return char.isdigit() or char == LOST


def _neighbour(text: str, i: int, step: int) -> str:
    """Nearest character beside position i, skipping spaces and other ASCII marks, and past a
    number there and the marks beyond it to the text around it ('' at an edge)."""
    j = _past(text, i + step, step, _SKIPPED_FOR_CONTEXT)
    if _digit_or_lost(text[j : j + 1]):  # "" at an edge
        j = _past(text, _past(text, j, step, _NUMBER), step, _SEE_THROUGH_PAST_NUMBER)
    return text[j] if 0 <= j < len(text) else ""


def _past(text: str, j: int, step: int, chars: str) -> int:
    """The first position from j, going `step`, whose character is not one of `chars`."""
    while 0 <= j < len(text) and text[j] in chars:
        j += step
    return j


def _decide_space(text: str, start: int, end: int, wide: frozenset[int]) -> tuple[str, str] | None:
    """Drop spaces between Chinese and a full-width mark, as in 日报讯 （记者…）."""
    left, right = _effective(text, start - 1, wide), _effective(text, end, wide)
    if left.isascii() or right.isascii() or _between_phrases(left, right):
        return None
    if left in _WIDE_PUNCT or right in _WIDE_PUNCT:
        return "", "space beside full-width punctuation"
    return None


def _between_phrases(left: str, right: str) -> bool:
    """A space between a Chinese character and a quotation that opens after it or closed before
    it separates a headline's phrases (遇难题 “一层住户”怎么办), kept like the space between two
    phrases without marks (NOTES #24)."""
    return (is_han(left) and right in QUOTES) or (left in QUOTE_OPENER and is_han(right))


def _effective(text: str, i: int, wide: frozenset[int]) -> str:
    """The character at i as it will read after this step ('' outside the text)."""
    if not 0 <= i < len(text):
        return ""
    char = text[i]
    if char in FULL_WIDTH and (i in wide or _chinese_context(text, i)):
        return FULL_WIDTH[char]
    return _SMALL_FORMS.get(char, char)
