"""Pinyin annotation removal: only one-syllable readings go, real bracketed text stays."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.normalize import normalize_text
from generator.normalize.pinyin import default_reading, remove_pinyin_annotations


def test_removes_tone_marked_syllables() -> None:
    text, changes = remove_pinyin_annotations("市長(zhǎng)張彤主持會(huì)議,發(fā)展")
    assert text == "市長張彤主持會議,發展"
    assert [(c.fix, c.before) for c in changes] == [
        ("pinyin", "(zhǎng)"),
        ("pinyin", "(huì)"),
        ("pinyin", "(fā)"),
    ]


def test_keeps_real_brackets() -> None:
    for text in [
        "今天(2月5日),",
        "日報訊 (記者朱文君)",
        "蓝海新材料(通州灣)有限",
        "(市、區)",
        "(PPT)",
        "(a)",
    ]:
        assert remove_pinyin_annotations(text) == (text, [])


def test_a_reading_after_spaces_goes_with_them() -> None:
    # The punctuation step drops spaces beside the bracket it makes full width, so 表 (yè) left
    # alone would come back as 表（yè）, which a second run removes (found by hypothesis).
    assert remove_pinyin_annotations("表 (yè)其他")[0] == "表其他"
    once = normalize_text("表 (yè)").text
    assert once == "表\n" and normalize_text(once).text == once


def test_full_width_and_toneless_readings() -> None:
    assert remove_pinyin_annotations("頁（yè）")[0] == "頁"
    assert remove_pinyin_annotations("我們(men)")[0] == "我們"
    assert remove_pinyin_annotations("我(men)")[0] == "我(men)"  # not 我's reading: keep


def test_a_reading_after_a_latin_letter_that_ends_the_listed_character_goes() -> None:
    """The byte search matched 持's last byte and `I` (諭 = `d6 49`, read yù), so the reading
    stands after the letter, where no garble shows it: IE5 must come out whole."""
    text, [change] = remove_pinyin_annotations("增加了對支持I(yù)E5軟件的嵌入")
    assert text == "增加了對支持IE5軟件的嵌入"
    assert "'諭', whose bytes end '持' and begin 'I'" in change.why
    assert remove_pinyin_annotations("中I(yù)")[0] == "中I(yù)"  # 中 + I is not read yù: keep


def test_default_reading_is_what_the_corruption_used() -> None:
    assert default_reading("長") == "zhǎng"
    assert default_reading("頁") == "yè"


def test_changes_index_the_input() -> None:
    text = "書(shū)記、經(jīng)濟"
    out, changes = remove_pinyin_annotations(text)
    for change in reversed(changes):
        assert text[change.start : change.end] == change.before
        text = text[: change.start] + change.after + text[change.end :]
    assert text == out


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("()（）yèùzhǎngmen2月市、區長頁持aI "), max_size=30))
def test_never_raises_and_is_idempotent(text: str) -> None:
    once, _ = remove_pinyin_annotations(text)
    assert remove_pinyin_annotations(once) == (once, [])
