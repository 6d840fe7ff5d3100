"""Bytes -> text for the encodings Chinese scrapes arrive in, or a SourceError saying why not.

Detection is restricted to the five codecs we accept: left unrestricted, charset-normalizer
guesses Korean or Japanese on short GBK files.  Whatever the codec, the text must then read as
Chinese (language.py): bytes of another encoding decode as GB18030 or Big5 without an error.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from generator.ingest.language import Fluency, fluency, has_chinese, reads_better
from generator.models import SourceError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ("gb18030", "big5")
_BIG5_HKSCS = "big5hkscs"  # Big5 with Hong Kong's characters, tried where plain Big5 fails
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff")
# C0 controls other than tab, LF, VT, FF, CR and ESC: text files do not contain them.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_CONTROL_TABLE = bytes.maketrans(b"", b"")
# This many well-formed multi-byte characters, outnumbering bad bytes by _UTF8_MAJORITY to one,
# mean damaged UTF-8; GBK read as UTF-8 is nearly all bad bytes.
_UTF8_EVIDENCE = 3
_UTF8_MAJORITY = 10
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding) or raise SourceError naming the problem."""
    text, encoding = _decode(data, path)
    if not text.strip():
        raise SourceError(path, "file holds only whitespace")
    if not has_chinese(text):
        raise SourceError(path, f"no Chinese characters in it (read as {encoding})")
    score = fluency(text)
    if score.problem is not None:
        raise SourceError(path, _not_chinese_problem(encoding, score))
    return text, encoding


def _not_chinese_problem(encoding: str, score: Fluency) -> str:
    """Say what was measured, and what such text usually is."""
    measured = score.problem
    if score.japanese:
        return f"reads as Japanese, not Chinese ({measured})"
    if not encoding.startswith("utf"):
        return (
            f"does not read as Chinese in GB18030 or Big5 ({measured}): "
            "another encoding, such as EUC-KR, Shift-JIS or EUC-TW?"
        )
    return (
        f"decodes as {encoding} but does not read as Chinese ({measured}): "
        "mojibake, such as UTF-8 once read as GBK?"
    )


def _decode(data: bytes, path: str) -> tuple[str, str]:
    """Pick the codec: BOM first, then strict UTF-8, then GB18030 or Big5."""
    if not data:
        raise SourceError(path, "file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, path), encoding
    _reject_binary(data, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        _reject_damaged_utf8(data, exc, path)
    return _decode_legacy(data, path)


def _strict(data: bytes, encoding: str, path: str) -> str:
    """Decode with a BOM-declared codec; a failure there is damage, not a wrong guess."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(path, f"invalid {encoding} at byte {exc.start}: {exc.reason}") from exc


def _reject_binary(data: bytes, path: str) -> None:
    """Refuse files that are not text before any codec can 'decode' them into garbage."""
    if data.startswith(_BINARY_MAGIC):
        raise SourceError(path, "binary file (not text)")
    if b"\x00" in data:
        raise SourceError(path, f"NUL byte at offset {data.index(0)}: binary or UTF-16 without BOM")
    controls = len(data) - len(data.translate(_CONTROL_TABLE, _CONTROL_BYTES))
    if controls * 100 > len(data):
        raise SourceError(path, f"binary file ({controls} control bytes)")


def _reject_damaged_utf8(data: bytes, exc: UnicodeDecodeError, path: str) -> None:
    """Mostly well-formed UTF-8 with a few bad bytes is damaged UTF-8, not GBK: decoding it as
    GB18030 would 'succeed' with mojibake, so refuse it instead."""
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = len(_NON_ASCII.findall(lenient))
    truncated = exc.end == len(data) and bad == 1
    if good >= _UTF8_EVIDENCE and (truncated or bad * _UTF8_MAJORITY <= good):
        problem = "truncated" if truncated else "undecodable"
        raise SourceError(path, f"{problem} UTF-8 at byte {exc.start}: {exc.reason}")


def _decode_legacy(data: bytes, path: str) -> tuple[str, str]:
    """Choose among GB18030 and Big5 (or Hong Kong's Big5 where plain Big5 fails); only strictly
    decodable candidates are considered."""
    texts = _readings(data)
    if not texts:
        raise SourceError(path, _undecodable_problem(data))
    guess = _guess(data, list(texts))
    # charset-normalizer reads one Big5 line in 50 as GB18030 (chardet's pages), one GB2312 line
    # in 21 and most GBK texts of two or three characters as Big5: the likelier Chinese wins
    better = (e for e in texts if e != guess and reads_better(texts[e], texts[guess]))
    encoding = next(better, guess)
    return texts[encoding], encoding


def _readings(data: bytes) -> dict[str, str]:
    """encoding -> text, for each candidate that decodes the bytes strictly."""
    texts = {e: text for e in _LEGACY if (text := _decoded(data, e)) is not None}
    if "big5" not in texts and (text := _decoded(data, _BIG5_HKSCS)) is not None:
        texts[_BIG5_HKSCS] = text  # 佢哋、嘅、冇 are not in plain Big5
    return texts


def _guess(data: bytes, decodable: list[str]) -> str:
    """charset-normalizer's choice, restricted to the decodable candidates."""
    if len(decodable) == 1:
        return decodable[0]
    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    guess = "big5" if best is not None and best.encoding == "big5" else "gb18030"
    return guess if guess in decodable else decodable[-1]


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _undecodable_problem(data: bytes) -> str:
    """Say where GB18030 (the most permissive candidate) gives up, so the damage can be found."""
    try:
        data.decode("gb18030")
    except UnicodeDecodeError as exc:
        kind = "truncated" if exc.end == len(data) else "undecodable"
        return f"{kind} bytes at offset {exc.start}: not UTF-8, GB18030 or Big5"
    return "not UTF-8, GB18030 or Big5"
