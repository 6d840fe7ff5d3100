"""`digest normalize FILE [--explain]`, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator import parallel
from tests.shared_data import GOLD, needs_gold

REPO = Path(__file__).resolve().parent.parent
SEED_000 = REPO / "sources" / "000_f78cb8c1f635cf86.txt"
SEED_001 = REPO / "sources" / "001_c44e8c8dadaea2c9.txt"


def digest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args], capture_output=True, text=True, cwd=REPO
    )


@needs_gold
def test_prints_the_clean_text_in_gold_form():
    result = digest("normalize", str(SEED_000))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLD / SEED_000.name).read_text("utf-8")


def test_explain_gives_metadata_and_every_repair():
    result = digest("normalize", "--explain", str(SEED_000))
    data = json.loads(result.stdout)
    assert set(data) >= {"text", "encoding", "articles", "changes"}
    (article,) = data["articles"]
    assert set(article) >= {
        "title",
        "subtitle",
        "dateline",
        "byline",
        "author",
        "date",
        "date_basis",
        "paragraphs",
    }
    assert (article["date"], article["dateline"]) == ("2025-02-05", "今天（2月5日）")
    garbles = [c for c in data["changes"] if c["fix"] == "garble"]
    assert len(garbles) == 5
    for change in data["changes"]:
        assert set(change) == {"fix", "start", "end", "before", "after", "why", "margin"}
        assert change["why"]
    assert [c["margin"] for c in garbles] == [23.7, 10.2, 1.3, None, 18.7]


def test_a_repair_chosen_by_a_small_margin_is_pointed_out():
    """日益 and 收益 read the same bytes after 江海”, and the word trigrams find 收益 likelier
    than lm.py does: their choice is a guess worth a look."""
    result = digest("normalize", str(SEED_001))
    assert "1 repair(s) chosen by a small margin" in result.stderr


def test_unreadable_file_is_named_with_its_problem(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff\x00")
    result = digest("normalize", str(bad))
    assert result.returncode == 1
    assert "bad.txt" in result.stderr


def test_a_core_limit_that_is_no_number_is_refused_before_any_work(monkeypatch):
    monkeypatch.setenv("DIGEST_CORES", "two")
    result = digest("normalize", str(SEED_000))
    assert result.returncode == 2
    assert "DIGEST_CORES must be a whole number of cores, not 'two'" in result.stderr
    assert result.stdout == ""


def test_one_core_allowed_means_no_helper(monkeypatch):
    monkeypatch.setenv("DIGEST_CORES", "1")
    assert parallel.spare_cores() == 0
