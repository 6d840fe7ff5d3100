"""Modern news sentences for the character model (newscorpus.py), and how they are counted."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import pytest

from generator.normalize import newscorpus
from generator.normalize.bigrams import LINE_START, char_bigrams, count_lines


def _part(path: Path, titles: list[str | None], texts: list[str]) -> Path:
    """A part of the package as it ships: a pickle of titles, texts and labels."""
    path.write_bytes(pickle.dumps((titles, texts, [0] * len(titles))))
    return path


def test_sentences_are_cleaned_simplified_and_each_kept_once(tmp_path: Path) -> None:
    part = _part(
        tmp_path / "train.pkl",
        ["网友留言:路上坑连坑", None],
        [
            '他說:"今年收成好,大家都高興!"记者了解到，该村共有１２０户。\\n商品编号ABC-123-XYZ-99',
            "记者了解到，该村共有120户。",
        ],
    )
    found = newscorpus.sentences((part,))
    assert found == [
        "网友留言：路上坑连坑",
        "他说：今年收成好，大家都高兴！",
        "记者了解到，该村共有120户。",
    ]


def test_a_pickle_holding_anything_but_plain_data_is_refused(tmp_path: Path) -> None:
    part = tmp_path / "test.pkl"
    part.write_bytes(pickle.dumps(([Path("x")], [""], [0])))
    with pytest.raises(pickle.UnpicklingError, match="not plain data"):
        newscorpus.sentences((part,))


def test_sentences_are_counted_within_themselves() -> None:
    # A scrape glues numbered items to the sentence before (。2): only paragraphs say what
    # follows a sentence end, and how often a paragraph opens after one.
    paragraphs = ["今天天气很好。我们去公园。", "明天下雨。"]
    alone = count_lines(paragraphs)
    model = count_lines(paragraphs, ["他说2号线开通了。", "2号线很方便。"])
    assert "。2" not in model.pair_logp and "\n2" not in model.pair_logp
    assert "线开" in model.pair_logp
    paragraph_per_end = model.line_start_logp - model.char_logp["。"]
    assert math.isclose(paragraph_per_end, alone.line_start_logp - alone.char_logp["。"])
    assert LINE_START not in model.char_logp


def test_the_character_model_counts_the_modern_news() -> None:
    # 微信群 (a WeChat group) is nowhere in the 1998 paper.
    assert "微信群" in char_bigrams().triple_logp
