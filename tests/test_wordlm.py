"""The word trigrams garble repair asks between readings (libime's and open-gram, read with
kenlm)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corrupt import corrupt
from generator.normalize import opengram, wordlm
from generator.normalize.garble import repair_garbles
from tests.shared_data import missing

PACKAGES = "libime-data-language-model, sunpinyin-data and sunpinyin-utils"


def _model_or_skip() -> None:
    """Both trigrams loaded, or skip (fail under CI): scripts/test installs them."""
    wanted = [wordlm.model_path(), opengram.model_path()]
    if None in wanted or sorted(wordlm.loaded()) != sorted(wanted):
        where = f"{wanted[0] or wordlm.MODEL_GLOB} and {wanted[1] or opengram.MODEL_GLOB}"
        message = f"word trigrams not loaded from {where} (scripts/test installs {PACKAGES})"
        missing(message)


def _only(monkeypatch: pytest.MonkeyPatch, env: str) -> None:
    """Hear one trigram alone: the other's variable is set empty."""
    other = opengram.MODEL_ENV if env == wordlm.MODEL_ENV else wordlm.MODEL_ENV
    monkeypatch.delenv(env, raising=False)
    monkeypatch.setenv(other, "")
    wordlm.reset()


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        ("是心情好，老年人", "是心情后，老年人"),  # lm.py alone: 心情 + 后, a commoner word
        ("退休那天跟我说，信送", "退休那天敢说，信送"),  # a character fewer, one word fewer
        ("小心点翻。”她花了整整一个下午，把", "小心点翻。”她了正一个下午，把"),
        # a number heard as a numeral: 第 is read before it, not alone (的 is commoner alone)
        ("近20分钟。“第□轮我走错了一步", "近20分钟。“的□轮我走错了一步"),
    ],
)
def test_the_trigram_hears_what_the_search_model_cannot(right: str, wrong: str) -> None:
    _model_or_skip()
    assert wordlm.log_ratio(right) > wordlm.log_ratio(wrong)


def test_which_pronoun_is_left_to_the_document() -> None:
    _model_or_skip()
    assert wordlm.log_ratio("。”她笑着说") == wordlm.log_ratio("。”他笑着说")
    assert wordlm.log_ratio("放它走的那天") == wordlm.log_ratio("放他走的那天")


def test_a_word_only_one_trigram_knows_is_heard_by_the_pair(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """open-gram has no 心梗 (a heart attack): alone it prefers a misread full stop after 心.
    Each word priced by the model that finds it likelier, the pair hears libime's 心梗, where
    the mean of their log probabilities was all but even."""
    _model_or_skip()

    def gain() -> float:
        return wordlm.log_ratio("是心梗") - wordlm.log_ratio("是心")

    both = gain()
    alone = []
    try:
        for env in (wordlm.MODEL_ENV, opengram.MODEL_ENV):
            _only(monkeypatch, env)
            alone.append(gain())
    finally:
        monkeypatch.undo()
        wordlm.reset()
    libime, open_gram = alone
    assert open_gram < 0 < libime
    assert both > (libime + open_gram) / 2 + 2


@pytest.mark.parametrize(
    "text",
    [
        # libime's trigram alone read 老百姓批次的就是 and 正犯愁你, words it knows
        "班车准点率到了100%。“老百姓盼的就是出门有车坐。”他说。",
        "才装了小半箱。“正犯愁呢，交警就敲车窗了。”他说。",
    ],
)
def test_open_gram_hears_words_libime_does_not(text: str) -> None:
    _model_or_skip()
    damaged, reference = corrupt(text, [])
    assert "?!" in damaged
    assert repair_garbles(damaged)[0] == reference


@pytest.mark.usefixtures("without_word_model")
def test_without_a_model_repair_reads_with_its_own() -> None:
    assert not wordlm.available()
    assert wordlm.identity() == ""
    assert wordlm.log_ratio("是心情好，老年人") == 0.0
    repaired, changes = repair_garbles("工業(yè)化，表?yè)P(yáng)。\n")
    assert "表揚" in repaired and changes


@pytest.mark.parametrize(
    "text",
    [
        # 。” then 他擦: the search alone read 。”肆了擦 (他's trail in a dropped pair, 擦's
        # lead with it), one character fewer and a word it knows
        "“孩子们都很懂事。”他擦了擦眼睛。",
        "“那时候没想到。”那次之后，他再没去过。",  # 那次中, a commoner word alone
        # where the clause starts after 。“: read 。“今晚还你顺当 before open-gram heard it open
        "他伸了个懒腰。“今晚还算顺当。”他说着发动了车。",
    ],
)
def test_garble_repair_chooses_with_the_trigram(text: str) -> None:
    _model_or_skip()
    damaged, reference = corrupt(text, [])
    assert "?!" in damaged
    assert repair_garbles(damaged)[0] == reference


def test_a_character_before_a_lost_digit_is_read_before_a_number() -> None:
    """The 5 of 第5轮 is lost (the '?' after 。“ swallowed it): its '□' is heard as a
    numeral, so the 第 whose trail byte went with it is read, not the commoner 的."""
    _model_or_skip()
    damaged, reference = corrupt("足足讨论了近20分钟。“第5轮我走错了一步马，差点输掉。”", [])
    assert "?!" in damaged
    assert "。“第5輪" in reference
    assert "。“第□輪" in repair_garbles(damaged)[0]


def test_a_model_file_that_cannot_be_read_is_named_and_left_out(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bad = tmp_path / "zh_CN.lm"
    bad.write_text("not a model", encoding="utf-8")
    monkeypatch.setenv(wordlm.MODEL_ENV, str(bad))
    monkeypatch.setenv(opengram.MODEL_ENV, "")
    wordlm.reset()
    try:
        with pytest.warns(UserWarning, match="zh_CN.lm cannot be read"):
            assert not wordlm.available()
        assert wordlm.log_ratio("是心情好") == 0.0
    finally:
        monkeypatch.undo()
        wordlm.reset()
