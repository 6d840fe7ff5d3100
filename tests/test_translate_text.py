"""Sentence splitting, names, glossary and gloss: the text-level parts of the translate stage."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.models import Term
from generator.translate.engine import find_loop
from generator.translate.gloss import gloss_sentence
from generator.translate.glossary import GlossaryError, TermTable, load_glossary
from generator.translate.names import find_people, pinyin_name
from generator.translate.sentences import split_sentences

CHINESE_TEXT = st.text(alphabet=st.sampled_from(list("南通市发展会议，、。！？；…“”（）abc 12")))


def test_sentences_end_at_terminators_and_keep_closing_quotes() -> None:
    assert split_sentences("他说：“好！”然后走了。真的吗？是的……对；") == [
        "他说：“好！”",
        "然后走了。",
        "真的吗？",
        "是的……",
        "对；",
    ]


def test_long_sentence_is_cut_after_a_clause_comma() -> None:
    pieces = split_sentences("甲乙丙，" * 50 + "丁。", max_chars=30)
    assert all(len(piece) <= 30 for piece in pieces)
    assert all(piece.endswith(("，", "。")) for piece in pieces)


@given(CHINESE_TEXT, st.integers(min_value=1, max_value=40))
def test_splitting_loses_nothing_and_respects_the_limit(text: str, limit: int) -> None:
    pieces = split_sentences(text, max_chars=limit)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= limit for piece in pieces)


def test_people_found_by_title_and_byline_in_pinyin() -> None:
    people = find_people("市委书记吴新明出席会议。市政协主席陈红红讲话。记者朱文君 张彤 范译")
    assert {(term.zh, term.en) for term in people} >= {
        ("吴新明", "Wu Xinming"),
        ("陈红红", "Chen Honghong"),
        ("朱文君", "Zhu Wenjun"),
        ("张彤", "Zhang Tong"),
    }
    assert all(term.kind == "person" for term in people)


def test_words_after_a_title_that_are_not_names_are_ignored() -> None:
    assert find_people("习近平总书记关于科技创新的重要论述") == []


def test_pinyin_uses_surname_readings_and_apostrophes() -> None:
    assert pinyin_name("曾新明") == "Zeng Xinming"
    assert pinyin_name("王西安") == "Wang Xi'an"


def test_a_two_character_surname_is_read_as_one() -> None:
    assert pinyin_name("欧阳立新") == "Ouyang Lixin"  # not Ou Yanglixin
    people = find_people("市委书记欧阳立新出席会议。（记者 司马晓昶 通讯员 王红）")
    assert [(p.zh, p.en) for p in people] == [
        ("司马晓昶", "Sima Xiaochang"),
        ("王红", "Wang Hong"),
        ("欧阳立新", "Ouyang Lixin"),
    ]


def test_user_glossary_overrides_the_shipped_one(tmp_path: Path) -> None:
    user = tmp_path / "glossary.yaml"
    user.write_text("place:\n  南通: Nantong (Jiangsu)\norg:\n  蓝海新材料: Lanhai New Materials\n")
    table = load_glossary([user])
    found = {term.zh: term for term in table.find("南通蓝海新材料在盐城")}
    assert found["南通"].en == "Nantong (Jiangsu)"
    assert found["蓝海新材料"].kind == "org"
    assert found["盐城"].en == "Yancheng"


def test_broken_glossary_is_named(tmp_path: Path) -> None:
    user = tmp_path / "glossary.yaml"
    user.write_text("animals:\n  猫: cat\n")
    with pytest.raises(GlossaryError, match=r"glossary\.yaml"):
        load_glossary([user])


def test_longest_term_wins() -> None:
    table = TermTable([Term("南通", "Nantong", "place"), Term("南通市", "Nantong City", "place")])
    assert [term.en for _, _, term in table.spans("南通市和南通")] == ["Nantong City", "Nantong"]


def test_gloss_renders_names_terms_and_punctuation() -> None:
    table = load_glossary().with_terms(find_people("市委书记吴新明在南通出席会议。"))
    gloss = gloss_sentence("市委书记吴新明在南通出席会议。", table)
    assert "Wu Xinming" in gloss and "Nantong" in gloss
    assert gloss.endswith(".") and not any("\u4e00" <= char <= "\u9fff" for char in gloss)


def test_loop_detector_finds_word_loops_not_digit_runs() -> None:
    assert find_loop(["▁the", "▁city", "▁city", "▁city", "▁city", "▁city"]) == 2
    assert find_loop(["▁1", "0", "0", "0", "0", "0"]) is None
    assert find_loop(["▁a", "▁b", "▁a", "▁b", "▁a", "▁b", "▁a", "▁b"]) == 2
