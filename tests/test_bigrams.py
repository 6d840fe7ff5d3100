"""Character bigrams from the People's Daily corpus: what garble repair's context score rests on."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from generator.normalize import lm as lm_module
from generator.normalize.bigrams import (
    LOST,
    REDUPLICATED,
    char_bigrams,
    char_pairs,
    corpus_lines,
    corpus_path,
    count_lines,
    only_digit_before,
    quotation_closed,
    quotation_odds,
    quotation_opened,
    word_marks,
)
from generator.normalize.lm import EMPTY_STATE, language_model, quotation_read

REPO = Path(__file__).resolve().parent.parent


def test_pairs_news_writes_together_score_above_pairs_it_avoids() -> None:
    bigrams = char_bigrams()
    assert bigrams.association("发", "展") > 3.0
    assert bigrams.association("他", "说") > bigrams.association("他", "的") > 0.0
    assert bigrams.association("展", "发") < 0.0
    assert bigrams.association("", "的") == 0.0  # nothing known before: no evidence either way


def test_unseen_characters_and_pairs_get_finite_scores() -> None:
    bigrams = char_bigrams()
    assert bigrams.logp("𠀀", "𠀁") < bigrams.logp("的", "确") < 0.0


def test_a_character_said_twice_is_likely_even_where_news_never_said_it_so() -> None:
    # 他拽了拽: no corpus writes 拽了拽, and the triple's back-off had made 他抬了拽 the likelier.
    bigrams = char_bigrams()
    assert "拽了拽" not in bigrams.triple_logp
    assert bigrams.refinement("拽", "了", "拽") == REDUPLICATED["了"]
    assert bigrams.refinement("抬", "了", "拽") < 0.0
    assert bigrams.refinement("看", "了", "看") > 0.0  # counted: the corpus says how much


def test_held_out_paragraphs_are_not_counted() -> None:
    held_out = corpus_lines(corpus_path(), held_out=True)
    counted = corpus_lines(corpus_path(), held_out=False)
    assert 1500 < len(held_out) < len(counted) / 8
    assert "1998年" in "".join(counted[:5])  # full-width digits read as ASCII
    assert not any("/" in line for line in held_out[:100])  # the tags are gone


def test_a_clause_seldom_ends_on_a_word_that_never_ends_one() -> None:
    # 在 the preposition is followed by a comma 16 times in 12,019; 在， is common only as the
    # end of 现在 and 存在, which a character pair cannot tell apart.
    marks = word_marks()
    assert marks["在，"] < -3.0 < 0.0 < marks["说："]
    sentence = language_model().sentence
    assert sentence("情况正在由坏变好。那么") > sentence("情况正在由坏变和。那么")
    assert sentence("怪现象。可见，要想") > sentence("怪现象。可以，要想")


def test_a_lost_ascii_byte_is_likelier_after_a_quoted_sentence_than_after_a_quoted_word() -> None:
    # 。”11月19日 seen as 。”□1月, against 頭牛”□1月: news opens a sentence with a date after a
    # quotation that ended one, seldom after a quoted word (“小个专”).
    bigrams = char_bigrams()
    assert bigrams.refinement("。", "”", LOST) > 1.0
    assert bigrams.refinement("牛", "”", LOST) < 0.0
    assert bigrams.association("午", LOST) > bigrams.association("的", LOST)  # 上午7:30


@pytest.mark.parametrize(
    ("text", "digit"),
    [
        ("1月28日", "1"),  # 11月: 21月 is no month, and 01月 is not written
        ("0月", "1"),
        ("2月", "1"),
        ("3月", ""),  # no digit makes a month of it
        ("12月", ""),
        ("1日", ""),  # 11日, 21日 and 31日
        ("3岁", ""),
        ("1", ""),  # no unit: any digit
        ("月", ""),
    ],
)
def test_the_one_digit_a_counted_number_allows_before_it_is_named(text: str, digit: str) -> None:
    assert only_digit_before(text) == digit


@pytest.mark.parametrize("context", ["", "a", "年", "”", "。”", "x”", "月9"])
def test_a_lost_byte_is_as_likely_as_its_kinds_together(context: str) -> None:
    lines = ["今年9月和10月，“好”。", "他说：“好。”9月（记者）", "abc。”1月x”1"]
    model = count_lines(lines)
    kinds = {c for c in "".join(lines) if c == "（" or (c.isascii() and c.isalnum())}
    if len(context) < 2:
        lost = model.logp(context[-1:], LOST)
        each = [model.logp(context[-1:], k) for k in kinds]
    else:
        lost = model.logp(context[1], LOST) + model.refinement(context[0], context[1], LOST)
        each = [
            model.logp(context[1], k) + model.refinement(context[0], context[1], k) for k in kinds
        ]
    assert math.exp(lost) == pytest.approx(sum(map(math.exp, each)))


def test_a_characters_followers_are_listed_likeliest_first() -> None:
    # garble.py tries them where a character is one of thousands (能干啥 after 干)
    model = count_lines(["干啥呢", "干部说", "干部们", "干部", "部1"])
    assert model.followers["干"] == "部啥"
    assert "部" + LOST in model.pair_logp  # a lost byte is no character to try
    assert LOST not in model.followers["部"]


def test_how_a_quotation_opened_says_what_it_holds() -> None:
    # 所谓“小个专”: opened right after a character, a term; 他说：“…，…。”: speech.
    odds = quotation_odds()
    assert odds.clause["c"] < -1.0 < 0.5 < odds.clause["m"]  # a clause mark in a term is rare
    assert odds.closed["cE"] < -2.0 < 1.0 < odds.closed["mE"]  # a term seldom ends a sentence
    assert odds.closed["m,H"] < 0.0 < odds.closed["m,E"]  # speech with clauses ends one: …。”


def test_how_a_quotation_opened_says_how_it_opens() -> None:
    # Speech opens with 我 and 这 (。“我最喜欢), a term with a number (所谓“三个责任人”); a character
    # the counts hardly know moves nothing.
    first = quotation_odds().first
    assert first["c"]["我"] < -1.0 < 0.5 < first["m"]["我"]
    assert first["m"]["三"] < -0.5 < 0.0 < first["c"]["三"]
    assert first["c"].get("宿", 0.0) == first["m"].get("宿", 0.0) == 0.0


@pytest.mark.parametrize(
    ("before", "opened", "closed"),
    [("校", "c", "H"), ("。", "m", "E"), ("：", "m", "O"), (",", "m", "O"), ("", "m", "O")],
)
def test_a_quotation_opens_and_closes_after_a_character_or_a_mark(
    before: str, opened: str, closed: str
) -> None:
    assert (quotation_opened(before), quotation_closed(before)) == (opened, closed)


def test_a_quotation_read_in_damaged_text_stops_where_a_question_mark_may_hide_its_marks() -> None:
    shape, odds = quotation_read("c", "校", "钟老师比我们还上心，孩子发烧?!辟")
    assert shape == "" and odds == quotation_odds().clause["c"]
    assert quotation_read("", "\n", "“好，”他说")[0] == ""  # closed: nothing open
    assert quotation_read("", "\n", "他说：“好，")[0] == "m,"


def test_a_sentence_quoted_after_a_sentence_end_beats_a_word_running_into_the_quotation() -> None:
    # 上学。“钟老师比我们还上心， was read 上学校“钟老师…: the word 学校 against 。“, which the
    # 1998 corpus seldom writes; a quotation opened after a character seldom holds a clause.
    def score(text: str) -> float:
        state = EMPTY_STATE
        for char in text:
            state = state.push(char)
        return state.score

    assert score("每天送孙子上学。“钟老师比我们还上心，孩子") > score(
        "每天送孙子上学校“钟老师比我们还上心，孩子"
    )


def pushed(text: str):
    state = EMPTY_STATE
    for char in text:
        state = state.push(char)
    return state


def test_only_a_quotation_closed_after_a_sentence_end_is_a_quoted_sentence() -> None:
    # 。”他说。 may end soon; 所谓“小个专” is a term, and what follows it is an ordinary clause.
    assert pushed("他说：“我们一定办好。”").attributes
    assert not pushed("所谓“小个专”").attributes


def test_a_clause_of_one_character_between_clause_marks_is_rare() -> None:
    lm = language_model()
    assert lm.sentence("数百艘渔船整齐停靠，桅杆林立。") > lm.sentence(
        "数百艘渔船整齐。看，桅杆林立。"
    )
    assert lm.sentence("休渔几个月，开海后网网有收获。") > lm.sentence(
        "休渔几个月，开。后网网有收获。"
    )


def test_a_number_is_part_of_the_clause_it_stands_in(monkeypatch: pytest.MonkeyPatch) -> None:
    # 不足5万。 ends a clause of six characters, not of one after the 5: charged as short, the
    # 。 had lost to 福 (5万福县, both `b8 a3` and 。's `a1 a3` end in the byte ？ destroyed).
    lm = language_model()
    text = "全县常住人口不足5万。县城原有一家电影院。"
    priced = lm.sentence(text)
    monkeypatch.setattr(lm_module, "SHORT_CLAUSE", 0.0)
    assert lm.sentence(text) == priced


@pytest.mark.parametrize(
    ("stops", "clashes"), [("。", 0), ("。。", 1), ("。。。", 0), ("。。。。", 0)]
)
def test_two_full_stops_clash_and_three_are_an_ellipsis(
    stops: str, clashes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # People's Daily writes no 。。 in 32,403 full stops (心梗。 misread 心。。); blogs write 。。。.
    lm = language_model()
    text = f"译本顺眼多了{stops}呵呵"
    priced = lm.sentence(text)
    monkeypatch.setattr(lm_module, "PUNCT_CLASH", 0.0)
    assert priced - lm.sentence(text) == pytest.approx(clashes * -6.0)


def test_pairs_alone_agree_with_the_whole_model() -> None:
    pairs, whole = char_pairs(), char_bigrams()
    assert pairs.pair_logp == whole.pair_logp and pairs.char_logp == whole.char_logp
    assert pairs.logp("发", "展") == whole.logp("发", "展")
    assert not hasattr(pairs, "triple_logp")


def test_a_clean_article_is_read_without_loading_the_triples() -> None:
    """The triples take most of the model's load time, which would dominate a build of one new
    article (bench/bench_incremental.py); only a garble repair needs them.  The pairs' cache is
    filled first: on a cold cache they are taken from the whole model, once."""
    char_pairs()
    text = "今天（5月8日）上午，南通市召开高质量发展大会。会议强调，要持续优化营商环境。\n".encode()
    program = (
        "import sys\n"
        "from generator.ingest.decode import decode_bytes\n"
        "from generator.normalize import normalize_text\n"
        "from generator.normalize.bigrams import char_bigrams, char_pairs\n"
        "text, _ = decode_bytes(sys.stdin.buffer.read(), 'clean.txt')\n"
        "normalize_text(text, source='clean.txt')\n"
        "print(char_pairs.cache_info().currsize, char_bigrams.cache_info().currsize)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", program], input=text, capture_output=True, check=True, cwd=REPO
    )
    assert run.stdout.split() == [b"1", b"0"]
