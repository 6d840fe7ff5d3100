"""Character five-grams of the two news corpora, for garble repair's last word between readings.

The search scores a reading a character at a time with pairs and triples (bigrams.py), and the
word trigrams (wordlm.py) hear its words; neither hears four characters before a character.
In 被她翻得卷了边。“书上的图 the search read 。“会上的图 (a meeting's pictures, not a book's):
what comes two characters before 上 says nothing of books.  This model counts every sequence of
up to five characters of the same corpora, marks included, with interpolated modified
Kneser-Ney smoothing (Chen and Goodman 1998: the discount depends on whether a sequence was
seen once, twice or more, and a shorter context is weighed by how many different characters
precede it, not how often it occurs), and rescores the readings a window's search leaves,
heard with the characters around the window.

It is counted with numpy (about 25 s: 17.7 million sequences) and kept as sorted arrays of
sequence keys with their log probabilities, cached between runs like the character model
(283 MB; loaded in about 0.2 s).  Digits are one symbol (`0`, the '□' of a lost digit too),
and 她 and 它 are heard as 他, as the other models hear them: which it is, is for the
document to say (speakers.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from generator.normalize.bigrams import counted_text, model_sources
from generator.normalize.lm import HEARD_AS_HE, language_model
from generator.tables import cached_table

ORDER = 5
# Unicode noncharacters, kept for a program's own use: no text writes them (one that did would
# only be heard as a line's edge).
LINE_START, LINE_END = "\ufdd0", "\ufdd1"
FALLBACK_DISCOUNTS = np.array([0.0, 0.5, 1.0, 1.5])
LEAST_DISCOUNTS = np.array([0.0, 0.1, 0.1, 0.1])
MOST_DISCOUNTS = np.array([0.0, 0.9, 1.9, 2.9])
_DIGIT = re.compile("[0-9□]")


@dataclass(frozen=True)
class CharNgrams:
    """keys[n - 1]: the sorted keys of the n-character sequences seen (each character its
    number in `symbols`, base `base`); logp[n - 1]: log P of the last character after the
    others (nats, interpolated with every shorter context); backoff[n - 1]: the log weight of
    the sequence as a context, for a character never seen after it (0 where it has none)."""

    symbols: dict[str, int]
    keys: tuple[np.ndarray, ...]
    logp: tuple[np.ndarray, ...]
    backoff: tuple[np.ndarray, ...]
    unknown_logp: float

    @property
    def order(self) -> int:
        return len(self.keys)

    @property
    def base(self) -> int:
        return len(self.symbols) + 1

    def total_logps(self, texts: Sequence[str], first: int) -> np.ndarray:
        """The log P of each text's characters from index `first` on, each after the ones
        before it and heard alone (a character the corpora never show: the unknown floor, and
        no context for others).  One pass over all (a window's readings), joined by symbols
        no context runs across."""
        gap = np.zeros(self.order - 1, dtype=np.uint64)
        parts = [part for text in texts for part in (self._ids(text), gap)]
        logps = self._logps(np.concatenate(parts))
        starts = np.cumsum([0] + [len(text) + len(gap) for text in texts[:-1]])
        return np.array(
            [logps[s + first : s + len(t)].sum() for s, t in zip(starts, texts, strict=True)]
        )

    def _ids(self, text: str) -> np.ndarray:
        return np.array([self.symbols.get(c, 0) for c in text], dtype=np.uint64)

    def _logps(self, ids: np.ndarray) -> np.ndarray:
        """log P of each symbol after the ones before it, the longest context seen first."""
        found = list(self._found(ids))
        heard = np.zeros(len(ids), dtype=bool)
        logp = np.zeros(len(ids))
        for n in range(self.order, 0, -1):
            index, seen = found[n - 1]
            hit = seen & ~heard
            logp[hit] += self.logp[n - 1][index[hit]]
            heard |= hit
            if n > 1:  # the n - 1 symbols before: a context the symbol was not seen in
                index, seen = found[n - 2]
                backs = np.r_[False, seen[:-1]] & ~heard
                logp[backs] += self.backoff[n - 2][index[np.flatnonzero(backs) - 1]]
        logp[~heard] += self.unknown_logp
        return logp

    def _found(self, ids: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """For each length n from 1: for the n symbols ending at each position, where they
        are among the keys and whether they are (not where fewer precede, or one is unknown)."""
        key = np.zeros(len(ids), dtype=np.uint64)
        known = np.ones(len(ids), dtype=bool)
        for n, keys in enumerate(self.keys, start=1):
            symbol = np.zeros(len(ids), dtype=np.uint64)  # the symbol n - 1 before
            symbol[n - 1 :] = ids[: max(len(ids) - n + 1, 0)]
            known &= symbol != 0
            key += symbol * np.uint64(self.base) ** np.uint64(n - 1)
            index = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
            yield index, known & (keys[index] == key)


def heard(text: str) -> str:
    """`text` as the model counts it: digits one symbol, 她 and 它 as 他."""
    return _DIGIT.sub("0", text).translate(HEARD_AS_HE)


def log_ratios(before: str, texts: Sequence[str], after: str) -> list[float]:
    """For each text: log P(text, then `after`) by the five-grams, after `before` (LINE_START
    where a paragraph opens), less lm.py's log P of the same characters (nats): how much
    likelier the long context finds a reading than the search's own model did.  A window's
    readings share `before` and `after`, and what `after` says of each is the model's to weigh."""
    before, after = heard(before), heard(after)
    texts = [heard(text) for text in texts]
    five = char_ngrams().total_logps([before + text + after for text in texts], len(before))
    own = language_model().sentence
    return [
        float(f) - own(text + after.removesuffix(LINE_END))
        for f, text in zip(five, texts, strict=True)
    ]


@cache
def char_ngrams() -> CharNgrams:
    """Counted once (about 25 s), then cached between runs."""
    return cached_table("char-ngrams", model_sources(), _count)


def _count(sources: tuple[Path, ...]) -> CharNgrams:
    paragraphs, sentences = counted_text(sources)
    return count_lines(paragraphs + sentences)


def count_lines(lines: Sequence[str], order: int = ORDER) -> CharNgrams:
    """The model of these lines as `heard`, each opening after order - 1 LINE_STARTs and
    closing with LINE_END.  The longest sequences keep their counts; a shorter one counts the
    different characters seen before it (how likely it is to be met in a new context), except
    one that opens a line, which nothing precedes."""
    lines = [heard(line) for line in lines]
    chars = Counter("".join(lines))
    edges = [LINE_START, LINE_END]
    symbols = {c: i + 1 for i, c in enumerate([*edges, *sorted(chars.keys() - set(edges))])}
    base = len(symbols) + 1
    if base**order >= 2**64:
        raise ValueError(f"{len(symbols)} symbols are too many for keys of {order} characters")
    ids = _ids(lines, symbols, order)
    counts = [np.unique(_sequences(ids, order, base, symbols), return_counts=True)]
    for n in range(order - 1, 0, -1):
        counts.insert(0, _continuations(counts[0][0], ids, n, base, symbols))
    return _smoothed(symbols, counts)


def _ids(lines: Sequence[str], symbols: dict[str, int], order: int) -> np.ndarray:
    text = "".join(LINE_START * (order - 1) + line + LINE_END for line in lines)
    return np.fromiter((symbols[c] for c in text), dtype=np.uint64, count=len(text))


def _sequences(ids: np.ndarray, n: int, base: int, symbols: dict[str, int]) -> np.ndarray:
    """The key of every n-character sequence in `ids` that does not run past a line's end
    and is not made of LINE_STARTs alone."""
    m = len(ids) - n + 1
    key = np.zeros(m, dtype=np.uint64)
    inside = np.ones(m, dtype=bool)
    for j in range(n):
        part = ids[j : j + m]
        if j < n - 1:
            inside &= part != symbols[LINE_END]
        key = key * np.uint64(base) + part
    return key[inside & (ids[n - 1 : n - 1 + m] != symbols[LINE_START])]


def _continuations(
    longer: np.ndarray, ids: np.ndarray, n: int, base: int, symbols: dict[str, int]
) -> tuple[np.ndarray, np.ndarray]:
    """Keys of the n-character sequences with how many different characters precede each
    (the longer sequences `longer` ends with it), those opening a line with their counts;
    and the LINE_STARTs alone, as a context only (count 0)."""
    width = np.uint64(base) ** np.uint64(n)
    keys, counts = np.unique(longer % width, return_counts=True)
    lead = np.uint64(base) ** np.uint64(n - 1)
    start = np.uint64(symbols[LINE_START])
    raw, raw_counts = np.unique(_sequences(ids, n, base, symbols), return_counts=True)
    opening = raw // lead == start
    inside = keys // lead != start
    only_starts = np.uint64(sum(symbols[LINE_START] * base**j for j in range(n)))
    keys = np.concatenate([keys[inside], raw[opening], [only_starts]])
    counts = np.concatenate([counts[inside], raw_counts[opening], [0]])
    order = np.argsort(keys)
    return keys[order], counts[order]


def _discounts(counts: np.ndarray) -> np.ndarray:
    """Modified Kneser-Ney's discounts for a count of 0, 1, 2 and 3 or more: Chen and
    Goodman's estimates from how many sequences were seen once to four times, kept inside
    (0, count) so that every context leaves something to the shorter one.  Text too small to
    have sequences seen one to four times each gets half a count per count."""
    n1, n2, n3, n4 = (int(np.count_nonzero(counts == k)) for k in (1, 2, 3, 4))
    if min(n1, n2, n3, n4) == 0:
        return FALLBACK_DISCOUNTS
    y = n1 / (n1 + 2 * n2)
    estimates = np.array([0.0, 1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3])
    return np.clip(estimates, LEAST_DISCOUNTS, MOST_DISCOUNTS)


def _smoothed(symbols: dict[str, int], counts: list[tuple[np.ndarray, np.ndarray]]) -> CharNgrams:
    """Interpolated probabilities, shortest sequences first: each discounted count's share of
    its context, plus what the discounts freed times the probability after the shorter
    context; a single character's shorter context is the uniform distribution."""
    base = np.uint64(len(symbols) + 1)
    keys1, counts1 = counts[0]
    discount = _discounts(counts1)[np.minimum(counts1, 3)]
    freed = discount.sum() / counts1.sum()
    probs = [(counts1 - discount) / counts1.sum() + freed / len(keys1)]
    backoffs = []
    for n in range(2, len(counts) + 1):
        keys, seen = counts[n - 1]
        shorter = counts[n - 2][0]
        contexts = keys // base
        starts = np.flatnonzero(np.r_[True, contexts[1:] != contexts[:-1]])
        size = np.diff(np.r_[starts, len(keys)])
        discount = _discounts(seen)[np.minimum(seen, 3)]
        total = np.repeat(np.add.reduceat(seen.astype(np.float64), starts), size)
        spare = np.repeat(np.add.reduceat(discount, starts), size)
        lower = probs[-1][np.searchsorted(shorter, keys % base ** np.uint64(n - 1))]
        probs.append((seen - discount) / total + spare / total * lower)
        weight = np.zeros(len(shorter), dtype=np.float32)
        at = np.searchsorted(shorter, contexts[starts])
        weight[at] = np.log(spare[starts] / total[starts])
        backoffs.append(weight)
    backoffs.append(np.zeros(len(counts[-1][0]), dtype=np.float32))
    return CharNgrams(
        symbols=symbols,
        keys=tuple(keys for keys, _ in counts),
        logp=tuple(np.log(p).astype(np.float32) for p in probs),
        backoff=tuple(backoffs),
        unknown_logp=math.log(freed / len(keys1)),
    )
