"""Character five-grams with modified Kneser-Ney smoothing (charngrams.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.normalize import charngrams
from generator.normalize.charngrams import LINE_END, LINE_START, count_lines

_LINES = st.lists(st.text(alphabet="天地人。，", min_size=1, max_size=12), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(lines=_LINES, context=st.text(alphabet="天地人。，" + LINE_START, max_size=6))
def test_what_follows_any_context_is_a_distribution(lines: list[str], context: str) -> None:
    """Every smoothed level hands what its discounts free to the shorter context: after any
    context, seen or not, the probabilities of every symbol add up to one."""
    model = count_lines(lines, order=3)
    total = sum(math.exp(_logp(model, context, s)) for s in model.symbols)
    assert total == _about(1.0)


def test_a_line_opening_is_counted_as_one_and_a_longer_context_is_heard() -> None:
    model = count_lines(["书上的图", "会合的人", "会合的人", "上的图"], order=4)
    opened = LINE_START * 3
    assert _logp(model, opened, "书") > _logp(model, opened, "的")  # no line opens with 的
    # The pair 的图 follows 上 twice and 合 never: after 上的 the 图 is likelier than after 合的.
    assert _logp(model, "上的", "图") > _logp(model, "合的", "图")
    assert _logp(model, "的图", LINE_END) > _logp(model, "的图", "人")


def test_digits_are_one_symbol_and_she_is_heard_as_he() -> None:
    assert charngrams.heard("她说2025年它□") == "他说0000年他0"


def test_the_counted_model_hears_four_characters_before() -> None:
    """The repair's model, counted from the two corpora (or read from the cache).  The search's
    own model finds 。“会上的图 (a meeting's) likelier than 。“书上的图; the five-grams, which
    hear 卷了边 before it, find the book's likelier, and likelier than the search did."""
    before, after = "翻得卷了边。“", "看过很多"
    book, meeting = (before + reading + after for reading in ("书上的图", "会上的图"))
    model = charngrams.char_ngrams()
    assert model.total_logps([book], len(before))[0] > model.total_logps([meeting], len(before))[0]
    ratios = charngrams.log_ratios(before, ["书上的图", "会上的图"], after)
    assert ratios[0] > ratios[1]


def _logp(model: charngrams.CharNgrams, before: str, char: str) -> float:
    return float(model.total_logps([before + char], len(before))[0])


def _about(value: float) -> object:
    return pytest.approx(value, abs=1e-4)


def test_keys_are_sorted_for_the_search() -> None:
    model = count_lines(["天地人。", "人地天，"], order=3)
    assert all(np.all(keys[1:] > keys[:-1]) for keys in model.keys)
