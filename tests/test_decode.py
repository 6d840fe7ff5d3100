"""decode_bytes: the five accepted codecs, and a clear SourceError for everything else."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.decode import decode_bytes
from generator.models import SourceError

ENCODINGS = {"utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"}
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
