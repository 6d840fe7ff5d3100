"""Traditional -> Simplified with OpenCC's tw2s table (and hk2s's for six Hong Kong forms).

The sources were made with a Taiwan-style character table, so tw2s undoes them better than
t2s (which leaves 著 in 靠著). Already-Simplified text comes back unchanged at C++ speed, but for
a few characters Simplified text writes too, which tw2s converts where no Traditional phrase
around them says otherwise: 显著 became 显着, 土著 土着, a lone 么 幺, 萧乾 萧干.  Those stay as
written unless the line (or, with no evidence in the line, the text) reads as Traditional.
The table wrote 著 for both 着 and 著, and tw2s reads it by its longest phrase (照著書 became
照著书: 著书 is a phrase); the language model reads it in its sentence instead.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

from opencc import OpenCC

from generator.models import Change
from generator.normalize.bigrams import char_pairs, model_sources
from generator.normalize.changes import diff_runs
from generator.normalize.lm import is_han, language_model
from generator.tables import cached_table

_TW2S = OpenCC("tw2s")
_S2TW = OpenCC("s2tw")
_WHY = "Traditional -> Simplified (OpenCC tw2s; hk2s for Hong Kong forms)"
# OpenCC stops at NUL and cannot encode lone surrogates: convert around them.
_UNCONVERTIBLE = re.compile("([\x00\ud800-\udfff]+)")
# A Traditional character the table wrote for two Simplified ones, and those two.  On held-out
# People's Daily text put through the table (308 著), tw2s read 7 wrong (照著书 for 照着书, 功勋
# 卓着, 闪耀著名人), the language model over five characters each side 1 (three or eight: 2, 1).
TWO_READINGS = {"著": "着著"}
READING_CONTEXT = 5
_WHY_READ = "; 著 read as the language model reads its sentence, not by tw2s's longest phrase"


def to_simplified(text: str) -> tuple[str, list[Change]]:
    """Convert the script; one Change per run of converted characters."""
    converted = simplify(text)
    if converted == text:
        return text, []
    if len(converted) == len(text):
        return _recorded(text, converted)
    return _convert_by_line(text)


def _recorded(text: str, converted: str, offset: int = 0) -> tuple[str, list[Change]]:
    """`converted` with each 著 read in context and the forms both scripts write kept where the
    text is Simplified, and a Change per run, saying where the model overruled tw2s."""
    read, overruled = _read_in_context(text, converted)
    kept = _keep_simplified_forms(text, read)
    changes = diff_runs(text, kept, "script", _WHY, offset)
    return kept, [
        replace(c, why=_WHY + _WHY_READ)
        if any(c.start <= offset + i < c.end and kept[i] == read[i] for i in overruled)
        else c
        for c in changes
    ]


def _read_in_context(text: str, converted: str) -> tuple[str, list[int]]:
    """Each character of TWO_READINGS in `text` as the language model reads the converted text
    around it; also where that overrules tw2s."""
    chars, overruled = list(converted), []
    for i, char in enumerate(text):
        readings = TWO_READINGS.get(char)
        if readings is None or chars[i] not in readings:
            continue
        best = max(readings, key=lambda r: _in_context(chars, i, r))
        if best != chars[i]:
            chars[i] = best
            overruled.append(i)
    return "".join(chars), overruled


def _in_context(chars: list[str], i: int, reading: str) -> float:
    """How likely the text around position i reads with `reading` there."""
    before = "".join(chars[max(0, i - READING_CONTEXT) : i])
    after = "".join(chars[i + 1 : i + 1 + READING_CONTEXT])
    return language_model().sentence(before + reading + after)


def _convert_by_line(text: str) -> tuple[str, list[Change]]:
    """Fallback when a phrase changed length: record such lines whole, the rest per run."""
    out: list[str] = []
    changes: list[Change] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        new = simplify(line)
        if len(new) == len(line):
            new, recorded = _recorded(line, new, offset)
            changes.extend(recorded)
        elif new != line:
            changes.append(Change("script", offset, offset + len(line), line, new, _WHY))
        out.append(new)
        offset += len(line)
    return "".join(out), changes


def simplify(text: str) -> str:
    """The text in Simplified script; `to_simplified` records what it changed, readers that
    only need the text (ingest's language check) call this."""
    converted = _convert(_TW2S, text)
    forms = _hong_kong_forms()
    if any(char in converted for char in forms):  # rare: translating costs more than looking
        return converted.translate(str.maketrans(forms))
    return converted


@cache
def _hong_kong_forms() -> dict[str, str]:
    """The forms Hong Kong text writes that tw2s leaves as they are (衞生 敍述 枱 衹): the
    characters OpenCC's hk2s converts and tw2s does not (20 ms, once)."""
    chars = "".join(map(chr, range(0x4E00, 0xA000)))
    taiwan, hong_kong = _TW2S.convert(chars), OpenCC("hk2s").convert(chars)
    return {c: h for c, t, h in zip(chars, taiwan, hong_kong, strict=True) if t == c != h}


def _convert(converter: OpenCC, text: str) -> str:
    """OpenCC's conversion, around the characters it cannot take."""
    if _UNCONVERTIBLE.search(text) is None:
        return converter.convert(text)
    pieces = _UNCONVERTIBLE.split(text)
    return "".join(p if i % 2 else converter.convert(p) for i, p in enumerate(pieces))


@cache
def _both_scripts() -> frozenset[str]:
    """Characters Simplified news text writes that tw2s converts, alone (著 么 乾 塚) or in a
    phrase (藉以 became 借以).  Found once (a second) and cached between runs."""
    return cached_table("both-scripts", model_sources(), _converted_in_corpus)


def _converted_in_corpus(_sources: tuple[Path, ...]) -> frozenset[str]:
    """The characters tw2s changes in the character model's characters and pairs of
    characters (bigrams.py), all converted at once."""
    pairs = char_pairs()
    pieces = [p for p in (*pairs.char_logp, *pairs.pair_logp) if all(map(is_han, p))]
    converted = _convert(_TW2S, "\n".join(pieces)).split("\n")
    return frozenset(
        a
        for piece, new in zip(pieces, converted, strict=True)
        if len(piece) == len(new)  # a phrase that changes length says nothing of one character
        for a, b in zip(piece, new, strict=True)
        if a != b
    )


def _keep_simplified_forms(text: str, converted: str) -> str:
    """Undo tw2s on characters both scripts write, in lines that do not read as Traditional;
    a line with no evidence either way follows the whole text's."""
    both = _both_scripts()
    if not any(a != b and a in both for a, b in zip(text, converted, strict=True)):
        return converted
    lines = text.splitlines(keepends=True)
    ends = list(itertools.accumulate(map(len, lines)))
    news = [converted[end - len(line) : end] for line, end in zip(lines, ends, strict=True)]
    leads = [_traditional_lead(line, new) for line, new in zip(lines, news, strict=True)]
    whole = sum(leads)
    kept = (
        new if (lead or whole) > 0 else _restore(line, new, both)
        for line, new, lead in zip(lines, news, leads, strict=True)
    )
    return "".join(kept)


def _traditional_lead(text: str, converted: str) -> int:
    """Characters only Traditional text writes, less those only Simplified text writes."""
    both = _both_scripts()
    traditional = sum(a != b and a not in both for a, b in zip(text, converted, strict=True))
    into_traditional = _convert(_S2TW, text)
    if len(into_traditional) != len(text):
        return traditional
    simplified = sum(
        a != t and a == b for a, b, t in zip(text, converted, into_traditional, strict=True)
    )
    return traditional - simplified


def _restore(line: str, new: str, both: frozenset[str]) -> str:
    """The converted line with those characters as written."""
    return "".join(a if a in both else b for a, b in zip(line, new, strict=True))
