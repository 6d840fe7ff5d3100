"""The five seeds against the hand-checked gold text and metadata in shared/gold."""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path

import pytest

from generator.models import NormalizedSource
from generator.normalize import explain, fingerprint, lend_edition_date, normalize_text, same_story
from tests.shared_data import GOLD, needs_gold

SOURCES = Path(__file__).resolve().parent.parent / "sources"
SEEDS = sorted(p.stem for p in SOURCES.glob("*.txt"))
MAX_CER = 0.001

pytestmark = needs_gold


@cache
def normalized(seed: str) -> NormalizedSource:
    return normalize_text((SOURCES / f"{seed}.txt").read_text(encoding="utf-8"), source=seed)


def differences(text: str, gold: str) -> list[tuple[str, str, int]]:
    """(ours, gold, errors) per differing stretch; errors counts the longer side, an upper bound
    on the edit distance, so the CER test is never lenient."""
    matcher = difflib.SequenceMatcher(None, text, gold, autojunk=False)
    return [
        (text[i1:i2], gold[j1:j2], max(i2 - i1, j2 - j1))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]


@pytest.mark.parametrize("seed", SEEDS)
def test_character_error_rate_against_gold(seed: str) -> None:
    gold = (GOLD / f"{seed}.txt").read_text(encoding="utf-8")
    diffs = differences(normalized(seed).text, gold)
    cer = sum(errors for *_, errors in diffs) / len(gold)
    assert cer <= MAX_CER, f"CER {cer:.4%}: {[d[:2] for d in diffs[:10]]}"


@pytest.mark.parametrize("seed", SEEDS)
def test_gold_text_passes_through_unchanged(seed: str) -> None:
    gold = (GOLD / f"{seed}.txt").read_text(encoding="utf-8")
    assert normalize_text(gold).text == gold


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000", [("2025-02-05", "今天（2月5日）", None)]),
        ("001", [(None, "日报讯（记者朱文君）", "记者朱文君")]),
        ("002", [(None, None, None)]),
        ("003", [("2022-12-29", "12月29日上午", None)]),
        (
            "004",
            [("2025-02-05", "晚报综合消息", None), (None, "晚报讯 昨天", "记者朱文君 张彤 范译")],
        ),
    ],
)
def test_dates_datelines_bylines(seed: str, expected: list) -> None:
    [name] = [s for s in SEEDS if s.startswith(seed)]
    found = [(a.date, a.dateline, a.byline) for a in normalized(name).articles]
    assert found == expected
    for article in normalized(name).articles:
        assert (article.date is None) == (article.date_basis == "unknown")


def test_headlines_and_author_note() -> None:
    [n002] = [s for s in SEEDS if s.startswith("002")]
    [n004] = [s for s in SEEDS if s.startswith("004")]
    assert normalized(n002).articles[0].author == "（作者为南通市委书记）"
    first, second = normalized(n004).articles
    assert (first.title, first.subtitle) == (
        "省委省政府召开全省“一中心一基地一枢纽”建设推进会",
        "聚焦重大任务 坚持一体推进 努力在高质量发展上继续走在前列",
    )
    assert (second.kicker, second.title) == (
        "坚定不移推进新型工业化 坚持不懈狠抓项目建设 奋力打造面向科技前沿的现代工业名城",
        "全市新型工业化暨重大项目建设推进大会举行",
    )
    assert second.paragraphs[:2] == [second.kicker, second.title]
    assert second.paragraphs[-1] == "记者朱文君 张彤 范译"


def test_same_story_across_editions_and_the_date_it_lends() -> None:
    articles = {s[:3]: normalized(s).articles for s in SEEDS}
    story_000, story_004 = articles["000"][0], articles["004"][1]
    assert same_story(fingerprint(story_000), fingerprint(story_004))
    others = [a for key in ("001", "002", "003") for a in articles[key]] + [articles["004"][0]]
    assert not any(same_story(fingerprint(story_000), fingerprint(a)) for a in others)


def test_an_undated_edition_takes_its_twin_edition_date() -> None:
    [seed_000, seed_004] = [s for s in SEEDS if s[:3] in ("000", "004")]
    story_000 = normalized(seed_000).articles[0]
    story_004 = normalize_text((SOURCES / f"{seed_004}.txt").read_text("utf-8")).articles[1]
    assert story_004.date is None
    lend_edition_date(story_004, [None, story_000.date])
    assert (story_004.date, story_004.date_basis) == ("2025-02-05", "edition")


def test_explain_lists_the_five_garble_repairs_of_000() -> None:
    [name] = [s for s in SEEDS if s.startswith("000")]
    repairs = [c for c in explain(normalized(name))["changes"] if c["fix"] == "garble"]
    assert len(repairs) == 5
    assert all(c["before"] and c["after"] and c["before"] != c["after"] for c in repairs)
    assert all("?" not in c["after"] for c in repairs)
