"""Character bigrams from the People's Daily corpus: what garble repair's context score rests on."""

from __future__ import annotations

from generator.normalize.bigrams import char_bigrams, corpus_lines, corpus_path, word_marks
from generator.normalize.lm import language_model


def test_pairs_news_writes_together_score_above_pairs_it_avoids() -> None:
    bigrams = char_bigrams()
    assert bigrams.association("发", "展") > 3.0
    assert bigrams.association("他", "说") > bigrams.association("他", "的") > 0.0
    assert bigrams.association("展", "发") < 0.0
    assert bigrams.association("", "的") == 0.0  # nothing known before: no evidence either way


def test_unseen_characters_and_pairs_get_finite_scores() -> None:
    bigrams = char_bigrams()
    assert bigrams.logp("𠀀", "𠀁") < bigrams.logp("的", "确") < 0.0


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
