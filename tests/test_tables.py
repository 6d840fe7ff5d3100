"""The parsed-table cache: a hit skips the parse, and any change to the source re-parses."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from generator.tables import cached_file, cached_table, jieba_ready


def test_cached_table_parses_once_and_again_after_the_source_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    source = tmp_path / "words.txt"
    source.write_text("一 1\n", "utf-8")
    calls: list[Path] = []

    def parse(path: Path) -> list[str]:
        calls.append(path)
        return path.read_text("utf-8").split()

    assert cached_table("test", source, parse) == ["一", "1"]
    assert cached_table("test", source, parse) == ["一", "1"]
    assert len(calls) == 1
    source.write_text("二 22\n", "utf-8")
    os.utime(source, ns=(1, 1))
    assert cached_table("test", source, parse) == ["二", "22"]
    assert len(calls) == 2


def test_a_table_of_several_sources_is_parsed_again_when_any_changes(tmp_path, monkeypatch):
    # The character model is counted from the 1998 corpus and modern news (bigrams.py).
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("一", "utf-8")
    second.write_text("二", "utf-8")
    calls: list[tuple[Path, ...]] = []

    def parse(paths: tuple[Path, ...]) -> str:
        calls.append(paths)
        return "".join(p.read_text("utf-8") for p in paths)

    assert cached_table("test", (first, second), parse) == "一二"
    assert cached_table("test", (first, second), parse) == "一二"
    second.write_text("三", "utf-8")
    os.utime(second, ns=(1, 1))
    assert cached_table("test", (first, second), parse) == "一三"
    assert len(calls) == 2
    assert len(list(tmp_path.glob("digest-test-*.pickle"))) == 1  # the stale one went


def test_a_broken_cache_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    source = tmp_path / "words.txt"
    source.write_text("x", "utf-8")
    assert cached_table("broken", source, lambda p: 1) == 1
    for cache_file in tmp_path.glob("digest-broken-*.pickle"):
        cache_file.write_bytes(b"not a pickle")
    assert cached_table("broken", source, lambda p: 2) == 2


def test_jieba_ready_segments_with_the_full_dictionary():
    jieba = jieba_ready()
    assert jieba.dt.initialized
    assert list(jieba.cut("南通市召开高质量发展大会")) == [
        "南通市",
        "召开",
        "高质量",
        "发展",
        "大会",
    ]


def test_a_new_cache_file_replaces_the_tables_stale_ones(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    source = tmp_path / "words.txt"
    source.write_text("x", "utf-8")
    others = [tmp_path / f"digest-{name}-1-2-3-4.pickle" for name in ("other", "names-more")]
    for other in others:
        other.write_bytes(b"another table's")
    cached_table("names", source, lambda p: 1)
    os.utime(source, ns=(1, 1))
    cached_table("names", source, lambda p: 2)
    remaining = set(tmp_path.glob("digest-*.pickle"))
    assert len(remaining) == 3 and remaining.issuperset(others)
    assert cached_table("names", source, lambda p: 3) == 2


def test_a_cached_file_is_written_once_whole_and_again_after_the_source_changes(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    source = tmp_path / "model.txt"
    source.write_text("一", "utf-8")
    calls: list[Path] = []

    def write(path: Path, destination: Path) -> None:
        calls.append(destination)
        destination.write_text(path.read_text("utf-8") * 2, "utf-8")

    first = cached_file("test", source, write, ".arpa")
    assert (
        first.read_text("utf-8") == "一一" and cached_file("test", source, write, ".arpa") == first
    )
    assert len(calls) == 1 and calls[0] != first  # written beside its place, then renamed
    source.write_text("二", "utf-8")
    os.utime(source, ns=(1, 1))
    second = cached_file("test", source, write, ".arpa")
    assert second.read_text("utf-8") == "二二"
    assert list(tmp_path.glob("digest-test-*")) == [second]  # the stale one is gone


def test_a_cached_file_that_fails_half_way_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    source = tmp_path / "model.txt"
    source.write_text("x", "utf-8")

    def write(path: Path, destination: Path) -> None:
        destination.write_text("half", "utf-8")
        raise ValueError("not a model")

    with pytest.raises(ValueError, match="not a model"):
        cached_file("broken", source, write, ".arpa")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.txt"]
