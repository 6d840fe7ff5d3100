"""Normalization speed: chars/s on clean text (target >= 1M) and seconds per damaged
5,000-character article (target < 1 s): the seeds' own damage, a densely damaged article
(fresh articles' paragraphs freshly corrupted, a garble every ~140 characters), and a blind
article rich in quotations corrupted as bench_repair.py does (bench/unseen bi1: a '?' every ~40
characters, as in bench/unseen), on every core against one core in the same run, each the first
time in a fresh process (a new article) and again (its words cached); twenty thousand hostile
short lines against two thousand; and how many clean Simplified news paragraphs (the 1,948
People's Daily paragraphs garble repair holds out) normalization changes, which should be none.
Run: python bench/bench_normalize.py"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_repair import DEFAULT_LISTING, corrupted_article, make_article, own_paragraphs
from bench.corrupt import corrupt, to_traditional
from bench.shared import GOLD
from generator.normalize import charngrams, normalize_text, wordlm
from generator.normalize.bigrams import corpus_lines, corpus_path
from generator.parallel import CORES_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
CLEAN_CHARS = 1_000_000
DAMAGED_CHARS = 5_000
REPEATS = 3
LINES = 20_000
FIRST_ARTICLES = "[a-z][0-9].txt"
BLIND_ARTICLE = ROOT / "bench" / "unseen" / "bi1.txt"
WARM_UP = "工業(yè)化，表?yè)P(yáng)。\n"  # loads what garble repair needs, and knows few words


def clean_corpus() -> str:
    """About a million characters of clean gold text (or of the seeds' clean 004 if gold is absent)."""
    files = sorted(GOLD.glob("*.txt")) or [ROOT / "sources" / "004_29ee23daad04a246.txt"]
    text = "".join(p.read_text(encoding="utf-8") for p in files)
    return text * (CLEAN_CHARS // len(text) + 1)


def damaged_article() -> str:
    """The garbled, annotated, Traditional seeds cut at the first line end past DAMAGED_CHARS."""
    raw = "".join((ROOT / "sources" / f).read_text(encoding="utf-8") for f in _damaged_seeds())
    cut = raw.find("\n", DAMAGED_CHARS)
    return raw[: cut + 1]


def densely_damaged_article() -> tuple[int, str]:
    """Paragraphs of the first 104 fresh articles (bench/articles a1-z4: later batches do not
    change it, so stops compare), up to DAMAGED_CHARS, corrupted as bench_repair does: their
    length, and the damaged text (longer: readings were inserted)."""
    rng = random.Random(7)
    pool = own_paragraphs(ROOT / "bench" / "articles", FIRST_ARTICLES)
    article = make_article(pool, rng, DAMAGED_CHARS)
    article = article[: article.rfind("\n", 0, DAMAGED_CHARS) + 1]
    return len(article), corrupt(article, DEFAULT_LISTING.pick(to_traditional(article), rng))[0]


def blind_article() -> tuple[int, str]:
    """BLIND_ARTICLE's length, and bench_repair.py's first corruption of it with seed 7."""
    gold = BLIND_ARTICLE.read_text(encoding="utf-8")
    return len(gold), corrupted_article(gold, seed=7, doc=0)[0]


def first_time(text_name: str, cores: str = "") -> float:
    """Seconds a fresh process takes to normalize the text the first time, its tables and
    models loaded beforehand (a build loads them once): what a new article costs, before the
    language model's caches know its words.  Runs after the first are faster (`best_of`)."""
    env = {**os.environ, CORES_VARIABLE: cores} if cores else dict(os.environ)
    command = [sys.executable, __file__, "--first-time", text_name]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return float(done.stdout)


def _time_first_normalization(text_name: str) -> None:
    text = damaged_article() if text_name == "damaged" else _with_length(text_name)[1]
    normalize_text(WARM_UP)
    wordlm.available()  # the word trigrams, loaded at a window's second reading: WARM_UP has one
    charngrams.char_ngrams()  # the five-grams too
    start = time.perf_counter()
    normalize_text(text)
    print(time.perf_counter() - start)


def _with_length(text_name: str) -> tuple[int, str]:
    """The clean length and the damaged text of the densely damaged or the blind article."""
    return densely_damaged_article() if text_name == "dense" else blind_article()


def _damaged_seeds() -> list[str]:
    return ["000_f78cb8c1f635cf86.txt", "001_c44e8c8dadaea2c9.txt", "003_ebf0ab5f1cf8b009.txt"]


def changed_clean_paragraphs() -> tuple[int, int, list[str]]:
    """(changed, all, the changes of the first few) over held-out People's Daily paragraphs."""
    paragraphs = [p + "\n" for p in corpus_lines(corpus_path(), held_out=True) if p.strip()]
    results = [normalize_text(p) for p in paragraphs]
    changed = [ns for p, ns in zip(paragraphs, results, strict=True) if ns.text != p]
    shown = [f"{c.before} -> {c.after} ({c.fix})" for ns in changed[:5] for c in ns.changes]
    return len(changed), len(paragraphs), shown


# Hostile layouts of many short lines, whose time should grow with the lines, not their square:
# clauses each cut after a number, which the layout step joins into one paragraph; and a
# scrape's date stamps, each read as a field above a headline that never comes.
HOSTILE_LINES = {
    "lines cut after a number": "今天，产量达到{}",
    "date-stamp lines": "2025年4月{}日",
}


def hostile_text(line: str, count: int) -> str:
    return "".join(line.format(i % 28 + 1) + "\n" for i in range(count))


def best_of(text: str) -> float:
    """Fastest of REPEATS runs: the machine's noise only ever adds time."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        normalize_text(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    if sys.argv[1:2] == ["--first-time"]:
        _time_first_normalization(sys.argv[2])
        return
    normalize_text("预热。\n")
    clean = clean_corpus()
    seconds = best_of(clean)
    print(
        f"clean text: {len(clean):,} chars in {seconds:.3f} s = {len(clean) / seconds / 1e6:.2f} M chars/s (target >= 1)"
    )
    damaged = damaged_article()
    first, again = first_time("damaged"), best_of(damaged)
    print(
        f"damaged article: {len(damaged):,} chars in {first:.3f} s the first time,"
        f" {again:.3f} s again (target < 1 s)"
    )
    for name, label in (("dense", "densely damaged article"), ("blind", "blind article")):
        chars, text = _with_length(name)
        first, one, again = first_time(name), first_time(name, cores="1"), best_of(text)
        print(
            f"{label}: {chars:,} chars ({len(text):,} damaged, {text.count('?')} '?')"
            f" in {first:.3f} s the first time on every core, {one:.3f} s on one"
            f" ({one / first:.2f}x), {again:.3f} s again (target < 1 s)"
        )
    for name, line in HOSTILE_LINES.items():
        few, many = (best_of(hostile_text(line, n)) for n in (LINES // 10, LINES))
        print(
            f"{LINES:,} {name}: {many:.3f} s, {many / few:.1f}x the time of {LINES // 10:,}"
            " (10x if linear)"
        )
    changed, total, shown = changed_clean_paragraphs()
    print(f"clean news paragraphs changed: {changed} of {total:,} (target 0) {'; '.join(shown)}")


if __name__ == "__main__":
    main()
