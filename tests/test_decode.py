"""decode_bytes: the five accepted codecs, and a clear SourceError for everything else."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.decode import decode_bytes
from generator.ingest.language import MIN_PAIRS, fluency
from generator.models import SourceError
from tests.shared_data import SEEDS

ENCODINGS = {"utf-8", "utf-8-sig", "utf-16", "gb18030", "big5", "big5hkscs"}
SIMPLIFIED = "今天（2月5日），南通新型工业化暨重大项目建设推进大会举行。"
TRADITIONAL = "會議強調，南通承載著習近平總書記的深切關懷。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SIMPLIFIED.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
        (SIMPLIFIED.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16"),
        (SIMPLIFIED.encode("gb18030"), "gb18030"),
        (TRADITIONAL.encode("big5"), "big5"),
    ],
)
def test_accepted_codecs_round_trip(data: bytes, encoding: str) -> None:
    text, used = decode_bytes(data, "x.txt")
    assert used == encoding
    assert text.lstrip("\ufeff") in (SIMPLIFIED, TRADITIONAL)


def test_short_gbk_is_not_guessed_korean() -> None:
    assert decode_bytes("今天天气很好".encode("gbk"), "x.txt") == ("今天天气很好", "gb18030")


def test_traditional_gbk_is_gb18030_not_big5() -> None:
    assert decode_bytes(TRADITIONAL.encode("gbk"), "x.txt") == (TRADITIONAL, "gb18030")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b" \n\t\r\n", "whitespace"),
        ("中文".encode() + b"\x00abc", "NUL"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        (bytes(range(1, 9)) * 40, "binary"),
        (SIMPLIFIED.encode("utf-8")[:-1], "truncated UTF-8"),
        (SIMPLIFIED.encode("utf-8")[:12] + b"\xff" + SIMPLIFIED.encode("utf-8"), "UTF-8"),
        (b"\x80" + SIMPLIFIED.encode("utf-8") * 3, "undecodable UTF-8"),
        (b"\xe4\xbd" + SIMPLIFIED.encode("utf-8") * 3, "undecodable UTF-8"),
        (b"abc\x81\x20def\xff\xfe", "not UTF-8, GB18030 or Big5"),
    ],
)
def test_bad_files_raise_a_named_problem(data: bytes, problem: str) -> None:
    with pytest.raises(SourceError) as info:
        decode_bytes(data, "drop/bad.txt")
    assert info.value.path == "drop/bad.txt"
    assert problem in info.value.problem


@given(st.binary(max_size=400))
def test_arbitrary_bytes_decode_or_raise_source_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, "x.txt")
    except SourceError as exc:
        assert exc.problem
    else:
        assert encoding in ENCODINGS
        assert text.strip()


KOREAN = "대한민국의 수도는 서울이며 가장 큰 도시이다. 정부는 오늘 새로운 경제 정책을 발표했다고 밝혔다.\n"
JAPANESE = (
    "東京都は今日、新しい経済政策を発表しました。政府によると、来年から実施される予定です。\n"
)
# charset-normalizer reads this line of a Taiwan page (chardet's Big5 tests) as GB18030.
BIG5_READ_AS_GB = (
    "我們乃來自世界不同角落的工會、農民、漁民、婦女、宗教、學生、學術等團體。縱使我們的成員擁有"
    "不同的語言、膚色、種族、國藉，但我們卻擁有同一種信念──反對世貿剝削和損害世界各地的勞動人民。"
)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (KOREAN.encode("euc-kr"), "does not read as Chinese in GB18030 or Big5"),
        (JAPANESE.encode("shift_jis"), "does not read as Chinese in GB18030 or Big5"),
        # UTF-8 Chinese once read as GBK and saved again: every byte is valid UTF-8.
        ((SIMPLIFIED * 2).encode().decode("gbk", "replace").encode(), "does not read as Chinese"),
        (b"An English note, not an article.\n", "no Chinese characters"),
        (JAPANESE.encode(), "reads as Japanese"),  # its kanji pairs read as fluent Chinese
        (JAPANESE.encode("euc_jp"), "reads as Japanese"),
    ],
)
def test_text_that_decodes_but_is_not_chinese_is_refused(data: bytes, problem: str) -> None:
    with pytest.raises(SourceError) as info:
        decode_bytes(data, "drop/other.txt")
    assert problem in info.value.problem


def test_a_legacy_guess_that_reads_as_noise_gives_way_to_the_codec_that_reads_as_chinese() -> None:
    assert decode_bytes(BIG5_READ_AS_GB.encode("big5"), "x.txt") == (BIG5_READ_AS_GB, "big5")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("南通", "gb18030"),
        ("南通新闻", "gb18030"),
        ("臺灣", "big5"),
        ("Report: 南通新闻 2024", "gb18030"),
    ],
)
def test_a_short_text_is_read_in_the_codec_that_gives_the_likelier_characters(
    text: str, encoding: str
) -> None:
    """Two to four characters prove nothing by their pairs, and charset-normalizer guesses Big5
    for most short GBK (南通 as 鳅籵): the commoner characters decide."""
    data = text.encode(encoding)
    assert len({data.decode("gb18030"), data.decode("big5")}) == 2  # both read it, differently
    assert decode_bytes(data, "x.txt") == (text, encoding)


HONG_KONG = "香港特區政府今日公布，佢哋話今年嘅經濟增長會比去年好，但係冇講具體數字。市民反應不一。"


def test_hong_kong_big5_is_read_where_plain_big5_fails() -> None:
    assert decode_bytes(HONG_KONG.encode("big5hkscs"), "x.txt") == (HONG_KONG, "big5hkscs")


def test_big5_that_only_gb18030_decodes_is_refused_for_its_private_use_characters() -> None:
    data = HONG_KONG.encode("big5hkscs") + "。".encode("gb18030") + b"\x81\x30\x81\x30"
    assert fluency(data.decode("gb18030")).pairs < MIN_PAIRS  # too few pairs to judge by them
    with pytest.raises(SourceError) as info:
        decode_bytes(data, "drop/hk.txt")
    assert "does not read as Chinese" in info.value.problem


def test_damaged_and_classical_chinese_still_read_as_chinese() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        decode_bytes(seed.read_bytes(), seed.name)  # garbled, pinyin-annotated, mixed script
    classical = (  # 岳陽樓記: far from news, -8.3 (CHINESE_LOGP is -10)
        "慶曆四年春，滕子京謫守巴陵郡。越明年，政通人和，百廢具興。乃重修岳陽樓，增其舊制，"
        "刻唐賢今人詩賦於其上，屬予作文以記之。予觀夫巴陵勝狀，在洞庭一湖。銜遠山，吞長江，"
        "浩浩湯湯，橫無際涯；朝暉夕陰，氣象萬千。此則岳陽樓之大觀也，前人之述備矣。"
    )
    assert fluency(classical).pairs >= MIN_PAIRS
    assert decode_bytes(classical.encode("big5"), "x.txt") == (classical, "big5")
