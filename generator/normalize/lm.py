"""A small Chinese language model built from jieba's word-frequency dictionary.

Garble repair has to choose between candidate characters that are all valid GBK; only
fluency tells them apart.  jieba's dict.txt (~350k words with corpus frequencies) is already
a dependency, so the model is a unigram *word* model: the score of a text is the log
probability of its best segmentation into dictionary words, the same quantity jieba maximises.
Word frequencies favour long words regardless of context, so each pair of adjacent Chinese
characters (and each mark with the character beside it) also scores how much likelier the
second is after the first than anywhere, sharpened by the character before, from real news
text (bigrams.py), at a small weight.  A mark that ends a clause also scores how often news
text ends one after the word before it (a preposition never does), and seldom after a clause of one
character.  Quotation marks must balance within a paragraph, a sentence ended inside a
quotation is likely to close it, and a quotation opened right after a character is a term,
seldom holding a clause (bigrams.quotation_odds).
It is kept incrementally (`LmState.push`) so a beam search can score one character at a time.
Scores are for Simplified text; callers convert first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from generator.normalize.bigrams import (
    LOST,
    QUOTATION_CLAUSE,
    QUOTATION_CLAUSE_MARKS,
    QUOTATION_CLOSE,
    QUOTATION_OPEN,
    char_bigrams,
    quotation_closed,
    quotation_odds,
    quotation_opened,
    word_marks,
)
from generator.tables import cached_table, jieba_dictionary

NON_HAN_LOGP = -7.0  # symbols and Latin letters carry no word evidence
# Log-frequencies of marks among the word tokens of news text, as jieba's word frequencies
# are: the share of each mark among the People's Daily corpus's words (the nine paragraphs in
# ten bigrams.py counts; a paragraph end is one per paragraph).  Commas are everywhere,
# question marks rare, so a reading full of stray `？` loses to one that explains them away.
# These replaced rough guesses (，-3.5 。-4.0 “”-5.5 ？！-9): 91.4 -> 92.5 % exact on held-out
# People's Daily seeds 3/7/11/20, and better on fresh seeds and recombined gold clauses too.
PUNCT_LOGP = {"，": -2.7, "、": -3.9, "。": -3.5, "：": -5.9, "“": -5.0, "”": -5.0, "；": -6.1}
PUNCT_LOGP |= {"（": -5.6, "）": -5.6, "？": -7.3, "！": -7.5, "\n": -4.1}
# Dashes, ellipses and the name dot, by the same count (the corpus writes …… as one word): dearer
# than quotation marks, so a '?' after an open 「 hides its 」, not a — (對談」, Taiwan web text).
PUNCT_LOGP |= {"—": -8.2, "…": -8.1, "·": -10.7}
PUNCT_LOGP |= {"□": -6.0}  # a lost character: about as likely as a rare mark
PUNCT_LOGP |= {"\u3000": -9.0}  # a full-width space: scraped pages indent paragraphs with two
PUNCT_LOGP |= dict.fromkeys("0123456789", -5.0)
OPENING = "“‘「『《（("
CLOSING = "”’」』》）)"
SENTENCE_END = "。！？；"
LINE_END_AFTER_SENTENCE = -1.5  # about one sentence end in four ends a paragraph
# A sentence ended inside a quotation is followed by its closing mark 1,122 times in 1,673
# (People's Daily), not at a mark's price (学学。” had lost to 学学校。 at a paragraph's end).
QUOTE_CLOSED_AFTER_SENTENCE = -0.4
PUNCT_CLASH = -6.0  # two marks in a row that Chinese does not write
# Two full stops: People's Daily writes none in 32,403 (a misread 。 after one: 心梗。 read
# 心。。); chardet's GB2312 blogs write 。。 once and 。。。, an ellipsis, eight times.  So the second
# stop of a run clashes, and the third gives it back (it was an ellipsis).
ELLIPSIS = "。。。"
SHORT_CLAUSE = -4.0  # a sentence ending after fewer than SHORT_CLAUSE_CHARS characters
SHORT_CLAUSE_CHARS = 4
RUN_MOST = 9  # a clause's length is only compared with small counts, so it is capped
# A clause of one character between two clause marks (，开。, 。看，): People's Daily ends 21 of
# 14,338 clauses opened by a 。 and 17 of 30,861 opened by a ， after one character, and a
# sentence never; so a misread mark that cuts a word in two (开海后 read 开。后) pays for it.
# Not after “ or a line start, where speech and questions open (“来，, 问：).
CLAUSE_OF_ONE = -4.0
CLAUSE_OF_ONE_MARKS = "，。；"
CLAUSE_OF_ONE_OPENERS = "，。；：！？"
# Not after a quoted sentence: 。”他说。 is how news today says whose words they were (the 1998
# corpus writes 他说：“…”, so only this rule, not its counts, can say so; 省心。”他说。 was
# read 省心常”所说。, a misread 。 buying the longer clause).
QUOTED_SENTENCE = "。”"
# What 。” (and 。“) leave in damaged text as read: `a3 a1`, 。's trail and the quotation mark's
# lead, became ！, and the byte before it a '?'.  Inside a quotation it is the quotation's end:
# one opened right after a character (a term) seldom ends a sentence (米。“数字背后，…的绿洲?！
# had been read 米粒“, a term).
GARBLED_QUOTATION_END = "?！"
QUOTE_UNBALANCED = -4.0  # “ while a quotation is open, ” while none is
# A sentence ending within SHORT_CLAUSE_CHARS characters of an opening quotation mark, on top of
# SHORT_CLAUSE: People's Daily closes “ and one to three characters with ” 2,538 times and with
# 。” 3 times (“死亡之海”, not “死亡之。”; “小个专”, not “小个。”).  Held-out People's Daily
# 1,058 -> 1,059 of 1,147 exact (-6 the same), tuning seeds and chardet's pages unchanged.
QUOTED_SHORT_CLAUSE = -3.0
# Weight of how much likelier a clause-ending mark is after the word before it than after any
# word (`bigrams.word_marks`: 接了话：, not 接了在：; 由坏变好。, not 由坏变和。).  Held-out People's
# Daily 1,059 -> 1,066 of 1,147 exact (0.25, 0.35, 0.75, 1: 1,062-1,064, 1,063, 1,064, 1,058;
# with ” and ） scored too, 1,058), tuning seeds 616 -> 620, chardet's Big5 pages 84.2 -> 85.0 %,
# GB2312 pages and the fresh articles unchanged.
WORD_MARK_WEIGHT = 0.5
# The marks `_clashes` checks: those priced, brackets, quotation marks and the name dot (談·，
# 談《，); not digits, □, line ends or spaces, nor dashes and ellipses, which come in pairs (——).
_CLASHING_MARKS = frozenset(PUNCT_LOGP.keys() | set(OPENING + CLOSING)) - set(
    "0123456789□\n\u3000—…"
)
QUOTES = {o: c for o, c in zip(OPENING, CLOSING, strict=True) if o not in "（("}  # “” ‘’ …
QUOTE_OPENER = {close: open_ for open_, close in QUOTES.items()}
QUOTES_UNKNOWN = "?"  # the quotation marks open before the text seen are not known
MAX_OPEN_QUOTES = 4
# Weight of the character-bigram association against the word model; 0.25 was best on
# held-out People's Daily paragraphs (0, 0.25, 0.5, 1 tried on a first split, the last tenth:
# 75.8, 78.1, 78.1, 77.4 % exact).
BIGRAM_WEIGHT = 0.25
# Weight of how much the character before that sharpens the pair (a character trigram against
# the bigram): 0.25, 0.5 and 1 all lifted recombined gold clauses by 0.4-1.7 points and left
# held-out People's Daily flat; 0.5 sits in the middle.  Pairs with a mark are sharpened too,
# by the character before them, marks included (。”他说, not 。”所说, in every corruption of a
# new article): held-out People's Daily 1,053 -> 1,058 of 1,147 exact, chardet's GB2312 pages
# 87.6 -> 91.1 % (0.25 and 0.75 for these pairs alone: 1,052 and 1,058).  Once modern news was
# counted too (newscorpus.py: four times the triples), the triples earned a full weight:
# bench/unseen seeds 7 + 11, 580 places before, then 563 at 0.5, 552 at 0.7, 534 at 1.0 and 587
# at 1.5 (the news as first cleaned; 534 as shipped, with 它 heard as 他); with the 1998 corpus
# alone 1.0 had been worse than 0.5 (599 places).  BIGRAM_WEIGHT 0.35 beside it: 530, noise.
TRIGRAM_WEIGHT = 1.0
# Marks next to characters are scored like character pairs, at the same weight (twice it lost
# 0-2 points everywhere); 、 cut the pieces, so it is never next to a repair.
ASSOCIATED_MARKS = "，。：；？！“”（）《》"
MAX_WORD = 6  # longer dictionary words add little evidence and cost time


def is_han(char: str) -> bool:
    """CJK ideographs, including the rare planes: they are words (or unknown words), never
    cheap symbols, so a reading full of extension-B characters is not fluent."""
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


@dataclass(frozen=True)
class LanguageModel:
    """log P(word) for every dictionary word; unknown characters get a floor."""

    word_logp: dict[str, float]
    char_logp: dict[str, float]  # how often a character occurs at all, inside words too
    unknown_logp: float

    def single(self, char: str) -> float:
        """log P of a character standing alone as a word."""
        if not is_han(char):
            return PUNCT_LOGP.get(char, NON_HAN_LOGP)
        return self.word_logp.get(char, self.unknown_logp)

    def commonness(self, char: str) -> float:
        """log frequency of `char` anywhere in text: a cheap first cut among candidates."""
        if not is_han(char):
            return PUNCT_LOGP.get(char, NON_HAN_LOGP)
        return self.char_logp.get(char, self.unknown_logp)

    def sentence(self, text: str) -> float:
        """log P of the best segmentation of `text` into dictionary words."""
        state = EMPTY_STATE
        for char in text:
            state = state.push(char)
        return state.score


class LmState(NamedTuple):
    """The tail of a best-segmentation computation: enough to extend it by one character.
    A named tuple, not a dataclass: a beam search makes hundreds of thousands of them."""

    chars: str  # the last MAX_WORD - 1 Han characters (a word can end with the next one)
    best: tuple[float, ...]  # best[-k]: score of the prefix ending k - 1 characters back
    after: str = ""  # the non-Han character that ended the last word, if any
    run: int = 0  # characters since the last mark (capped): Han, digits, letters
    flow: float = 0.0  # weighted character-bigram log P of everything pushed
    quoted: str = ""  # quotation marks open in this paragraph, innermost last (`quoted_after`)
    tail: str = ""  # the last two characters pushed, marks too
    # The last mark pushed: “ while a quotation's first characters are read; QUOTED_SENTENCE
    # after a quotation that ended a sentence (。”), while the words that say whose it was are.
    last_mark: str = ""  # ELLIPSIS after the third 。 of a run
    word: str = ""  # the last word of the best segmentation, if it ends at the last character
    shape: str = ""  # how the innermost “ quotation opened, and if it held a clause; "" unknown

    @property
    def attributes(self) -> bool:
        """Is this clause the short one after a quoted sentence (。”他说。), which may end soon?"""
        return self.last_mark == QUOTED_SENTENCE

    @property
    def score(self) -> float:
        return self.best[-1] + self.flow

    def push(self, char: str) -> LmState:
        """Extend by one character: the best of every dictionary word that can end here, plus
        how well the character follows the previous one in running text."""
        # The end of 。”他笑着说。: the 1998 corpus writes 他笑着说：“…”, so its counts of what
        # ends a sentence after 着说 (or any word) say nothing here (QUOTED_SENTENCE).
        attributed = char in SENTENCE_END and self.attributes
        flow = self.flow + (0.0 if attributed else _follows(self.tail, char))
        tail = (self.tail + char)[-2:]
        if not is_han(char):
            odd = PUNCT_CLASH if self.run == 0 and _clashes(self.after, char) else 0.0
            odd += _stops_in_a_row(self.tail, self.last_mark, char)
            if char in SENTENCE_END and self.run < SHORT_CLAUSE_CHARS and not self.attributes:
                odd += SHORT_CLAUSE + (QUOTED_SHORT_CLAUSE if self.last_mark in QUOTES else 0.0)
            if self.run == 1 and char in CLAUSE_OF_ONE_MARKS:
                odd += CLAUSE_OF_ONE if self.tail[:1] in CLAUSE_OF_ONE_OPENERS else 0.0
            if _in_clause(char):  # the 5 of 不足5万。 goes on with the clause
                run = min(self.run + 1, RUN_MOST)
            else:  # a mark starts one; 。 after a closing quote ends the one the quote closed
                run = self.run if char in CLOSING else 0
            odd += QUOTE_UNBALANCED if _unbalanced(self.quoted, char) else 0.0
            if self.word and not attributed:
                odd += WORD_MARK_WEIGHT * word_marks().get(self.word + char, 0.0)
            shape, shaped = _shaped(self.shape, self.tail[-1:] or self.after, char)
            ends = _ends_paragraph(self.after, self.run, char)
            logp = LINE_END_AFTER_SENTENCE if ends else language_model().single(char)
            if _ends_sentence(self.after) and _closes(self.quoted, char):
                logp = QUOTE_CLOSED_AFTER_SENTENCE
            best = (self.best[-1] + logp + odd + shaped,)
            quoted = quoted_after(self.quoted, char)
            mark = QUOTED_SENTENCE if char in CLOSING and _ends_sentence(self.after) else char
            mark = ELLIPSIS if self.tail + char == ELLIPSIS else mark
            return LmState("", best, char, run, flow, quoted, tail, mark, "", shape)
        window, best = self.chars + char, self.best
        lm = language_model()
        top, word = best[-1] + lm.word_logp.get(char, lm.unknown_logp), char
        for k, logp, ending in _words_ending(window):
            if best[-k] + logp > top:
                top, word = best[-k] + logp, ending
        if self.tail[-1:] == QUOTATION_OPEN:
            top += _shaped(self.shape, QUOTATION_OPEN, char)[1]
        keep = MAX_WORD - 1
        best = (*best, top)[-keep - 1 :]
        run = min(self.run + 1, RUN_MOST)
        return LmState(
            window[-keep:], best, "", run, flow, self.quoted, tail, self.last_mark, word, self.shape
        )


def _shaped(shape: str, before: str, char: str) -> tuple[str, float]:
    """The shape of the innermost “ quotation after `char` (`before` it: the character before),
    and how much likelier `char` is for a quotation of that shape than for any (log ratio):
    a clause mark in a term (学校“钟老师…，) or a sentence ended inside it (…上海”) is rare,
    and so is a term opening with 我 (球粒“我最喜欢).  Speech opens with it."""
    if char == QUOTATION_OPEN:
        return (quotation_opened(before) if before else ""), 0.0  # "": not known
    if not shape or char == "\n":
        return "", 0.0
    odds = quotation_odds()
    if before == QUOTATION_OPEN and char.isalnum():
        return shape, odds.first[shape].get(char, 0.0)
    if char in QUOTATION_CLAUSE_MARKS and not shape.endswith(QUOTATION_CLAUSE):
        return shape + QUOTATION_CLAUSE, odds.clause[shape]
    if char == QUOTATION_CLOSE:
        held = odds.no_clause.get(shape, 0.0)
        return "", odds.closed[shape + quotation_closed(before)] + held
    return shape, 0.0


def quotation_read(shape: str, before: str, text: str) -> tuple[str, float]:
    """`_shaped` over `text` of the document, as far as its first '?' (what it hides is not
    known): the shape after it, or "" where that is unknown, and what it says of the shape.
    A '?' before a ！ inside the quotation most likely ends its sentence and closes it (`?！`)."""
    odds = 0.0
    for i, char in enumerate(text):
        if char == "?":
            closing = shape != "" and text.startswith(GARBLED_QUOTATION_END, i)
            return "", odds + (
                quotation_read(shape, before, QUOTED_SENTENCE)[1] if closing else 0.0
            )
        shape, more = _shaped(shape, before, char)
        odds, before = odds + more, char
    return shape, odds


@lru_cache(maxsize=1 << 17)
def _words_ending(window: str) -> tuple[tuple[int, float, str], ...]:
    """The dictionary words of two or more characters that end `window`, shortest first."""
    word_logp = language_model().word_logp
    found = []
    for k in range(2, len(window) + 1):
        logp = word_logp.get(window[-k:])
        if logp is not None:
            found.append((k, logp, window[-k:]))
    return tuple(found)


@lru_cache(maxsize=1 << 17)
def _follows(tail: str, char: str) -> float:
    """How much likelier `char` is right after the last of `tail`, the last two characters
    pushed (two characters, or a mark and the character beside it: 之。 is rare, 。” is not),
    sharpened by the character before that (。”他说 over 。”所说)."""
    tail, char = tail.translate(HEARD_AS_HE), HEARD_AS_HE.get(ord(char), char)
    previous = tail[-1:]
    if not _pair_scored(previous, char):
        return 0.0
    bigrams = char_bigrams()
    follows = BIGRAM_WEIGHT * bigrams.association(previous, char)
    if len(tail) == 2:
        follows += TRIGRAM_WEIGHT * bigrams.refinement(tail[0], previous, char)
    return follows


EMPTY_STATE = LmState("", (0.0,), "\n")
# 她 is read in 他's contexts: the 1998 corpus quotes few women (。”他 is counted, 。”她 not,
# so 。”她说 lost to 。”所说), and which of the two it is is for the document to say, not the
# corpus (garble.py weighs them by who the passage is about).  它 too (the word trigrams hear
# it as 他 already): the three share a lead byte and their trail bytes are dropped alike, and
# two repeated headlines of the modern news (它笑着自杀) had made 。”他笑着说 read 。”它笑着说
# wherever a speaker laughed.  bench/unseen's garbled 它 were read as before (seeds 7 and 11:
# the same two 放它走 read 他 and two 它 lost in each).
HEARD_AS_HE = {ord("她"): "他", ord("它"): "他"}  # a translate table; every model hears them so


def _pair_scored(previous: str, char: str) -> bool:
    """Two characters, or a character and an associated mark beside it, or a lost ASCII byte
    after either; never two marks."""
    if not previous:
        return False
    first, second = is_han(previous), is_han(char)
    if char == LOST:  # after a character or a mark (。”□1月, 午□:30)
        return first or previous in ASSOCIATED_MARKS
    if first and second:
        return True
    if first:
        return char in ASSOCIATED_MARKS
    return second and previous in ASSOCIATED_MARKS


def quoted_after(quoted: str, char: str) -> str:
    """The quotation marks open after `char`, innermost last; a leading QUOTES_UNKNOWN says
    marks opened before the text seen are not known.  A paragraph end closes every quote (a
    quotation over several paragraphs opens each of them again)."""
    if char == "\n":
        return ""
    if char in QUOTES:
        opened = quoted + char  # deeper than a few levels is noise: forget the outermost
        return (
            opened
            if len(opened) <= MAX_OPEN_QUOTES
            else QUOTES_UNKNOWN + opened[1 - MAX_OPEN_QUOTES :]
        )
    opener = QUOTE_OPENER.get(char)
    if opener is None or opener not in quoted:
        return quoted
    return quoted[: quoted.rindex(opener)]


def _ends_sentence(mark: str) -> bool:
    """Is `mark` (the non-Han character that ended the last word, or "") a sentence end?"""
    return mark != "" and mark in SENTENCE_END


def _closes(quoted: str, char: str) -> bool:
    """Does `char` close the innermost quotation open?"""
    return quoted[-1:] == QUOTE_OPENER.get(char, "\0")


def _unbalanced(quoted: str, char: str) -> bool:
    """“ inside “…” (Chinese nests ‘’ in “”, 『』 in 「」), ” with no “ open in the paragraph, or
    a paragraph ending while a quotation it opened is open (18 of 19,484 People's Daily
    paragraphs do): so 。” is read before a line end a '?' swallowed, not 。。 or 多福。."""
    if char == "\n":
        return quoted.lstrip(QUOTES_UNKNOWN) != ""
    if char in QUOTES:
        return char in quoted
    opener = QUOTE_OPENER.get(char)
    return opener is not None and opener not in quoted and not quoted.startswith(QUOTES_UNKNOWN)


def unbalanced_until_paragraph_end(quoted: str, text: str) -> bool:
    """Would a paragraph with the quotation marks `quoted` open, going on with `text` to its
    end, misuse a mark (`_unbalanced`)?  A reading of a garble that leaves a quotation open
    where the rest of the paragraph never closes it (吃得惯常。 for 吃得惯。”) does."""
    for char in text:
        if _unbalanced(quoted, char):
            return True
        quoted = quoted_after(quoted, char)
    return _unbalanced(quoted, "\n")


def rest_of_paragraph_odds(state: LmState, rest: str) -> float:
    """What the rest of the paragraph, `rest` (damaged text, where a '?' may hide any mark),
    says of the quotations a reading ending in `state` leaves open: their shape as far as the
    first '?' (`quotation_read`), and, where no '?' is left, whether one stays unbalanced."""
    odds = quotation_read(state.shape, state.tail[-1:], rest)[1]
    if "?" not in rest and unbalanced_until_paragraph_end(state.quoted, rest):
        odds += QUOTE_UNBALANCED
    return odds


def _in_clause(char: str) -> bool:
    """A digit, letter or per cent sign is part of the clause it stands in, not a mark that
    opens one: 不足5万。 is no clause of one character (it had read 5万福 instead of 5万。)."""
    return char.isalnum() or char in "%％"


def _ends_paragraph(before: str, run: int, char: str) -> bool:
    """A line end right after 。！？ or a closing mark: how paragraphs end.  A quotation closed
    right after a character (`run` of them before it) ends one a tenth as often as 。” does
    (People's Daily: 60 of 624 paragraphs that end with ”), so 上。”, not 上海”, ends a text."""
    if char != "\n" or before == "" or before not in SENTENCE_END + CLOSING:
        return False
    return not (run and before in QUOTE_OPENER)


def _stops_in_a_row(tail: str, last_mark: str, char: str) -> float:
    """What pushing `char` after `tail` costs for full stops in a row: the second of a run
    clashes, the third makes it an ellipsis and gives that back, once."""
    if char != ELLIPSIS[0] or tail[-1:] != char:
        return 0.0
    if tail != ELLIPSIS[:2]:
        return PUNCT_CLASH
    return 0.0 if last_mark == ELLIPSIS else -PUNCT_CLASH


def _clashes(before: str, char: str) -> bool:
    """Two marks in a row that Chinese text does not write (。、 ，， “， ？？), a sign of a
    misreading.  Quotes and brackets may touch other marks from outside: ”，  。”  ：“."""
    if char == "\n":
        return before in OPENING  # a paragraph does not end on an opening mark
    if before not in _CLASHING_MARKS or char not in _CLASHING_MARKS:
        return False
    if before == char == ELLIPSIS[0]:
        return False  # `_stops_in_a_row` prices these
    return not (
        before in CLOSING or char in OPENING or (before in SENTENCE_END and char in CLOSING)
    )


@cache
def language_model() -> LanguageModel:
    """Load once (parsing takes about half a second, so the result is cached between runs)."""
    return cached_table("garble-lm", jieba_dictionary(), _parse_language_model)


def _parse_language_model(dictionary: Path) -> LanguageModel:
    freq: dict[str, int] = {}
    chars: dict[str, int] = {}
    with dictionary.open(encoding="utf-8") as handle:
        for line in handle:
            word, count, *_ = line.split(" ")
            n = int(count) + 1
            for char in word:
                chars[char] = chars.get(char, 0) + n
            if len(word) <= MAX_WORD:
                freq[word] = n
    log_total = math.log(sum(freq.values()))
    log_chars = math.log(sum(chars.values()))
    return LanguageModel(
        word_logp={w: math.log(n) - log_total for w, n in freq.items()},
        char_logp={c: math.log(n) - log_chars for c, n in chars.items()},
        unknown_logp=-log_total,
    )
