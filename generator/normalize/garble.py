"""Undo the one-byte GBK misalignment garbles (see shared/notes/corruption.md).

The corruption worked on GBK bytes: `(pinyin)` was inserted after byte matches that could
straddle two characters, full-width punctuation pairs were replaced by ASCII bytes, and the
stream was decoded two bytes at a time, so one orphaned byte shifted every following pair
until an ASCII byte realigned it.  Nothing is lost except the byte that a `?` swallowed and
user-defined-area pairs that the decoder dropped.

The repair is a noisy-channel decoder.  Every observed token is turned back into the bytes it
came from (a `?` into an unknown byte plus whatever it swallowed, ASCII punctuation into its
full-width pair, annotations removed), and the bytes are re-decoded with the correct
alignment.  Where bytes are unknown, a beam search enumerates the GBK characters they allow,
keeps those consistent with the surviving pinyin, and lets a language model choose (lm.py's,
a character at a time; then, among the readings left, a word trigram of modern Chinese weighs
in, wordlm.py, and character five-grams that hear the text around the window, charngrams.py).

Choice documented for the pipeline: annotations that took part in a garble are removed;
ordinary annotations keep their place, for `remove_pinyin_annotations` to take out later.
A byte that is truly gone (an ASCII byte swallowed by `?`) becomes '□'.
"""

from __future__ import annotations

import difflib
import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cache, lru_cache, partial
from types import MappingProxyType
from typing import NamedTuple

from generator.models import Change
from generator.normalize import charngrams, wordlm
from generator.normalize.bigrams import (
    LOST,
    QUOTATION_OPEN,
    REDUPLICATING,
    char_bigrams,
    only_digit_before,
)
from generator.normalize.layout import opens_report
from generator.normalize.lm import (
    CLOSING,
    QUOTES,
    QUOTES_UNKNOWN,
    SHORT_CLAUSE_CHARS,
    LmState,
    is_han,
    language_model,
    quotation_read,
    quoted_after,
    rest_of_paragraph_odds,
)
from generator.normalize.pinyin import (
    ANNOTATION,
    SYLLABLE_CHARS,
    default_reading,
    find_annotation,
    has_tone_mark,
    is_annotation,
    syllables,
)
from generator.normalize.speakers import (
    as_written,
    names_in,
    passage_start,
    pronoun_evidence,
    pronoun_log_odds,
    read_in_step,
)
from generator.parallel import map_on_cores, spare_cores
from generator.people import saying_words, surname_of
from generator.tables import jieba_ready

MAX_MARKS = 300  # a damaged 5,000-character article holds a few dozen `?`
PIECE_CUT = "、"  # the corruption processed the text piece by piece between these
SPLITS = ",?!;:。"  # the decoder restarted after each of these bytes
FULL_WIDTH = {",": "，", "?": "？", "!": "！", "(": "（", ")": "）", ";": "；", ":": "："}
TO_ASCII = {v: k for k, v in FULL_WIDTH.items()}
_MARKS_FULL_WIDTH = str.maketrans({k: v for k, v in FULL_WIDTH.items() if k != "?"})
_ALL_FULL_WIDTH = str.maketrans(FULL_WIDTH)
HIGH = tuple(range(0x80, 0xFF))  # what a byte hidden under '?' can be
# What a byte hidden under a '?' with the next one can be: the first of a pair that is neither a
# character nor user-defined, for some lead after it (`_bad_pair_seconds`): symbol rows, 0x80.
BAD_PAIR_FIRSTS = (0x80, 0xA2, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xD7, 0xFE)
# Byte pairs that cannot survive in the stream unless observed as that mark: 。 split it and the
# full-width marks became ASCII, wherever they occurred, even across two characters.
STREAM_MARKS = frozenset(int.from_bytes(m.encode("gbk")) for m in "。，？！（）；：")
SENTENCE_END_BYTES = "。".encode("gbk")
QUESTION_MARK = FULL_WIDTH["?"]
QUESTION_MARK_BYTES = QUESTION_MARK.encode("gbk")
OPEN_BRACKET, CLOSE_BRACKET = "（".encode("gbk"), "）".encode("gbk")
# Marks a repair may produce (、 cut the pieces).  The small forms ﹐﹑﹔﹕﹖﹗ are Taiwan text's
# commas and stops (`a9 6f`-`a9 75`): read a byte late, their trail is an ASCII letter (末o).
NEWS_MARKS = "，。；：？！“”‘’「」『』（）《》—…·％\u3000﹐﹑﹔﹕﹖﹗"
_PUNCTUATION = frozenset(NEWS_MARKS + PIECE_CUT)
PLAUSIBLE_LOGP = -15.0  # rarer characters (archaic, extension B) are not in ordinary news text
STRICT_MARGIN = 8.0  # how much a repair must gain where no inserted reading shows damage
# Readings kept per token.  80 scored 9 % more characters for a place or two: bench/unseen x 2
# 263 -> 261 places (seed 7), 271 -> 270 (seed 11, one new); bench/articles 23 -> 22 (。”老人笑呵呵,
# 。”她笑着); held-out People's Daily the same.  64 changed nothing.
BEAM = 48
# Characters kept per unknown byte before the beam sees them.  20 -> 12 left every benchmark as it
# was (held-out People's Daily 1,065 of 1,147, tuning seeds 620 of 674, the hundred and four
# fresh articles 1,737 / 1,725 of 2,080, seeds 7/3) and halved the time: fewer readings to carry.
# 10 lost 3 of those spans; chardet's Big5 pages (Taiwan blogs) lost 4 of 731 at 12 and 16.
# Stop 40: 16 and 20 left bench/unseen x 2 at the same 263 places (seed 7).
CANDIDATES = 12
CANDIDATES_AHEAD = 5  # and the best with the character after them, where it is known (2-10: same)
# Of a wide candidate set, only this many of the most promising are scored in context.  24 scores
# a fifth fewer characters in the dense article of bench_normalize.py and left bench/unseen x2 at
# 263 places, but loses the 生 of 安全生產 a seed holds whole between two dropped pairs.  48 read
# two places more right there (261, none worse) for 30 % more characters scored: left at 32.
PRESELECT = 32
# ...among them the likeliest characters the corpus writes after the one before (`_preselected`):
# a character of a wide set (127 where its trail was lost, thousands where a dropped pair hid its
# lead too) may make no dictionary word with it and be none of the commonest (。“以前周末能干啥
# had been read 能干涉).  bench/unseen x2, seeds 7, 11, 20: 250, 262, 283 -> 248, 261, 281 places;
# 16: 248 on seed 7.
CORPUS_FOLLOWERS = 8
# Of the characters a document writes often, how many are scored in a wide set and kept beyond
# the best candidates (`_preselected`, `_candidates`).  8: two spans fewer on bench/unseen.
FREQUENT_CHARACTERS = 4
# Only the best readings are tried with a dropped user-defined pair, and each only with the best
# few characters its first byte can end (and those that go before the next character, or open a
# name the document shows).  3 readings with 12 characters until stop 38: a drop costs the most of
# any reading (the character after it has a lead byte of 94 values), and six readings with four
# characters each read as well (bench/unseen x2: 267 -> 263 places where chosen, 270 -> 271 with
# fresh corruptions) in a fifth less time (the dense article of bench_normalize.py, one core).
# A reading that ends with a character always worth a try (`_wanted`: 。”他感 of 他感慨地说) is
# tried with one too, wherever it ranks.  Ten readings once drops far behind were no longer read
# on (`DROP_MARGIN`): bench/unseen seeds 7, 11 and 20 254, 266 and 287 places -> 250, 262 and 283
# (。“更重要的是, not 。“跟地要的是); the dense article 3.9-4.0 s on one core against 2.8 s with six
# (and 4.6-4.7 s before `DROP_MARGIN`).  Six with eight characters each: 251 on seed 7.
DROP_BEAM = 10
DROP_CANDIDATES = 4
# Reading on from the readings a dropped pair makes took two thirds of a window's time (the
# dense article of bench_normalize.py), and most of them end 10-25 behind the best reading at
# their token (each pays for the drop and for its pending lead byte).  Those more than
# DROP_MARGIN behind are left (`_within_reach`): at 15, bench/unseen seeds 7 and 11 read the
# same 254 + 266 places (293 + 282 without `_wanted`'s exception; 278 on seed 7 at 10), and the
# dense article's search takes half the time.
DROP_MARGIN = 15.0
PENDING_LOGP = -8.0  # what the character a pending lead byte will start typically costs
MARGIN = 25.0  # readings this far (log-probability) behind the best are abandoned
# A choice the language model made by less than this (natural log) is a guess worth a look: on
# held-out People's Daily (bench/bench_repair.py, six seeds) 79 of 148 choices under 1 were
# wrong, 24 of 119 between 1 and 2, 13 of 170 between 2 and 4 and 10 of 1,271 above.
DOUBTFUL_MARGIN = 2.0


class _Width(NamedTuple):
    """How widely a window is searched: readings kept per token, readings tried with a dropped
    pair and characters for each, and how far behind the best a drop's reading is read on."""

    beam: int
    drop_beam: int
    drop_candidates: int
    drop_margin: float


NARROW = _Width(BEAM, DROP_BEAM, DROP_CANDIDATES, DROP_MARGIN)
# A window whose best reading won by less than DOUBTFUL_MARGIN is searched again this wide
# (`_windows`): a tenth of bench/unseen's windows, a third of them read wrong.  Seed 7, x2:
# 524 -> 512 places, nothing newly wrong (every window this wide: 503, in twice the time; again
# below a margin of 4: 505, the dense article of bench_normalize.py 2.3 times as long; below 2
# it takes 2.3-2.7 s on one core against 2.3-2.5 s).  Reading a drop's readings on 25 behind, not
# DROP_MARGIN's 15, made the same places right (seed 7 512, seed 11 550) at almost four times
# the time: the blind article's seven doubtful windows 2.6 s against 0.7 s.
WIDE = _Width(96, 20, 8, DROP_MARGIN)
MAX_WINDOW = 80  # tokens; misreadings realign long before this, '?' floods never do
# The converter left characters with several traditional forms as they were (corruption.md
# names these): they occur even in a document that shows them nowhere else (白天干农活).
LEFT_SIMPLIFIED = frozenset("后干并制范于占冲征余斗")
CONTEXT = 4  # tokens of clean text kept on each side of a window for the language model
# A damaged text with at least twice this many '?' is repaired in parts, on every core: a part
# costs a helper about 0.05 s to hand over, a garbled span about as much to repair.
MARKS_PER_PART = 8
QUIET = 2 * CONTEXT + 2  # tokens free of '?' on each side of a cut
# Penalties (log-probability) for explanations that need more than the plain mechanism.
COST_LOST_ASCII = -3.0
REPORT_OPENING = 12  # characters enough to see a dateline (本报讯, 新华社南京3月12日电) open
# A '?' over the pending character's trail and the next lead (`_expand_question`).  Until stop 56
# the two bytes could be any; now only a pair that is no character (BAD_PAIR_FIRSTS), which
# rules out most readings that had used it.  -4.5 and -3 then read 份。可 as 份法律 (a sentence
# end hidden under the '?'): bench/unseen x2, seed 7, 231 places at -6, 233 and 235.
COST_TWO_HIDDEN = -6.0
COST_MISSING_BYTE = -8.0
COST_UNEXPLAINED_READING = -8.0  # an inserted reading the bytes before it do not explain
# A dropped pair is a real event, but free it lets the search slip in a character a common word
# wants (第二天實驗, 干部一位, 上班命令): -2, -1, 0 give 1,049, 1,058, 1,058 of 1,147 exact on
# held-out People's Daily, and -1 takes 240 of the new articles' wrong places to 211 (seed 7;
# -0.5 to -1.5 alike).  With the older model, 0 had been best (84.9 % against 84.6 %, seed 7).
# Measured again at stop 39: bench/unseen x 2 263 places at -1 (seed 7), 261 at -0.5, 260 at -1.5,
# 259 at -2, 270 at -3; seed 11 271, 270, 269 at -1, -1.5, -2; but held-out People's Daily 93.9 %
# of spans at -1, 93.5 % at -1.5, 93.2 % at -2.  Kept at -1.
COST_DROPPED_PAIR = -1.0
# A character hidden whole, its lead unseen (taken by a dropped pair, or under a '?' before) and
# its trail the orphan '?' before a split, is given back a quarter of a drop: 。”后座上， had
# read 。”后坐， (`f9 c9` dropped with 上's lead, `cf` its trail orphaned before ，, where 坐
# makes the orphan its own trail `f8`, no drop at all).  bench/unseen x2, seeds 7, 11, 20: 248,
# 261, 281 places -> 246, 259, 279, none new (one corruption of 零件。“服务队 now reads 。“法务队,
# not 保“服务队); held-out People's Daily, chardet's GB2312 pages and the gold seeds the same;
# bench/articles the same places, but i4's 漏保 reads 漏兵力 where it read 漏比.  At 0.5: 246,
# 260 (儿子忙 read 儿子名字), 279; seed 7 at 0.75, 1 and 2: 248, 248, 251 (按新政 read 按新政策,
# 书房 书籍, 第二次 第二天).
ORPHAN_ENDS_UNSEEN_GAIN = 0.25
NAME_CHAR_LOGP = -0.7  # log 1/2: a character going on with a name the document shows
# ...and the first character of one, once the next goes on with it: the model prices a surname
# after 。” as any character (。”姜雪说 read 。”僵说, a dropped pair fewer, where the document
# names 姜雪 plainly).
NAME_FIRST_LOGP = -3.0
# Before a surname, how a story calls a person it names (老郜).  小 too (小何) fixed nothing more
# and broke aw1 (更小。” read 更小滕。”, 滕 of the 滕建民 named: 小 stands before too many
# characters), and the surname and 家 (冼家) broke held-out People's Daily (在家中 read 于家中).
FAMILIAR = "老"
# A pair of characters the document shows elsewhere, in step, is likelier here than the corpus
# says (a topic's words repeat: 供暖季, 野化训练, 溶栓, 夜校): a cache model's gain, flat.
# The first 72 blind articles of bench/unseen (seed 7, 5 corruptions each): 601 wrong places at
# 0, 582 at 1, 580 at 2; 2 also read 她说 as 他说 where only 他说 was shown (now one pair).
DOCUMENT_PAIR_LOGP = 1.0
# A character the document writes more often than news text does (棋 in a chess tournament's
# report, 暖 in a heating plant's) is likelier where garbled too: a cache model's odds, log
# (share among the document's characters in step / share in news text), at most
# DOCUMENT_CHAR_MOST, weighted.  The blind articles: 567 wrong places at 0, 561 at 0.25, 548 at
# 0.5, 563 at 1; 555 at 0.5 once 他 and 她 were left to their own odds (`_shown_gain`).
DOCUMENT_CHAR_WEIGHT = 0.5
DOCUMENT_CHAR_MOST = 2.0
# A dictionary word the document shows in step is likelier where garbled too than the dictionary
# says, the more so the rarer the dictionary finds it and the more often the document writes it:
# a cache model of the document's words, mixed in at WORD_CACHE_SHARE (log((1 - share) + share *
# P(word in the document) / P(word in the dictionary)), at most WORD_CACHE_MOST).  A story about
# kiwi fruit writes 果子 eleven times; 。“果子摘下来 had read 。“公子 (the model's 公子 by 4.0, the
# flat DOCUMENT_PAIR_LOGP 1.0).  Not for a character both of whose bytes are hidden: the cache
# would slip in one a shown word wants (。“按新政， read 按新政策， with 政策 shown).
# bench/unseen x2, seeds 7, 11, 20: 242, 255, 275 places -> 240, 253, 274 (seed 7 94.84 -> 94.98 %
# of spans); every other set the same.  A share of 0.02, or at most 4: the same 240 on seed 7.
WORD_CACHE_SHARE = 0.01
WORD_CACHE_MOST = 3.0
COST_HIDDEN_BYTE = -4.8  # log(1/126): a byte under '?' could have been any lead byte
# How much the word trigram's say (wordlm.py) weighs in the choice between a window's readings.
# Re-ranking the final readings of the first corruption of all 80 of bench/unseen (seed 7), 144
# wrong places: 133 at 0.5, 126 at 0.7, 131 at 1.0.  Built in, both corruptions, 302 wrong
# places without it: 274 at 0.5, 267 at 0.7, 261 at 1.0, 331 at 1.5; bench/articles 25
# without, 22 at 0.7, 25 at 1.0.  With open-gram heard beside libime's, all 88 with two
# corruptions, seeds 7 + 11: 283 + 299 places at 0.7, 272 + 285 at 1.0 (293 + 310 with libime's
# alone at 0.7); but both trigrams prefer the seeds' 涉常科技 to 涉海科技 (000), which 1.0 keeps
# by 0.1, and 0.85 reads 001's 氛围日益浓厚 as 收益, a tie: left at 0.7.
WORD_LM_WEIGHT = 0.7
# Readings further behind the search's best are left as they are: the trigram hardly ever moves
# one by half as much, and asking it costs time.
WORD_LM_REACH = 20.0
# How much the character five-grams' say (charngrams.py) weighs, after the word trigrams'.
# bench/unseen x 2, seeds 7 + 11 (261 + 273 places without): 254 + 266 at 0.2, 259 + 270 at
# 0.3, 267 + 277 at 0.5; seed 7 at 0.1: 261.  Charged against lm.py's model, as the trigrams
# are: against the five-grams' own single characters instead (how much the context adds), a
# longer reading gained with every character (按新政 read 按新政策, 累是 傈僳是): over 380 on
# seed 7 at 0.5 (stopped early; 她 not yet heard as 他).
CHAR_NGRAM_WEIGHT = 0.2
NGRAM_CONTEXT = charngrams.ORDER - 1  # characters either side of a window the five-grams hear
# 他 and 她 differ in one trail byte, and after 。” that byte is always in a pair the decoder
# dropped: only the text can say which it was (speakers.py: the person the passage is about,
# and the document's own pronouns).  Two blind articles about a woman read 。”她说 as 。”他说 in
# every corruption (s4, y2) before the document's pronouns were weighed; four of eight more
# (aa2, aa3, aa4, ab3) did before the passage's person was.  它 (also one trail byte away) names
# things, not the person a story follows: left to the model (weighed too, it read 学校。他投资
# as 它投资).
PRONOUNS = "他她"
PLURAL = "们們"
_PRONOUN_SET, _PLURAL_SET = frozenset(PRONOUNS), frozenset(PLURAL)
_ONE_PRONOUN = str.maketrans("她", "他")
# A window inside the text, and one where a piece opens after a 、 (the quotes are set later).
MID_TEXT = LmState("", (0.0,), run=SHORT_CLAUSE_CHARS, quoted=QUOTES_UNKNOWN)
PIECE_START = LmState("", (0.0,), after=PIECE_CUT, quoted=QUOTES_UNKNOWN)
_READING = re.compile(rf"[(（?]([{SYLLABLE_CHARS}]{{1,7}})\)")
_NOTED = re.compile(rf"(.)\(([{SYLLABLE_CHARS}]{{1,7}})\)")
_MINUTES = re.compile(r":[0-5][0-9](?![0-9])")
_SYLLABLE_THEN_CLOSE = re.compile(rf"([{SYLLABLE_CHARS}]{{1,7}})\)")


def is_user_defined(lead: int, trail: int) -> bool:
    """GBK user-defined areas: the corrupting decoder dropped these pairs silently."""
    if 0xAA <= lead <= 0xAF or 0xF8 <= lead <= 0xFE:
        return trail >= 0xA1
    return 0xA1 <= lead <= 0xA7 and 0x40 <= trail <= 0xA0


@dataclass(frozen=True)
class _Tables:
    """GBK pairs, their simplified forms and which traditional characters read each syllable."""

    char_of: dict[int, str]  # lead << 8 | trail -> character (valid, non user-defined)
    simplified: dict[str, str]
    plausible: frozenset[int]  # codes of characters a converted news text can contain
    by_reading: dict[str, frozenset[int]]  # syllable -> codes of listable chars
    forms: dict[str, tuple[int, ...]]  # simplified char -> codes of its plausible GBK forms
    convertible: frozenset[int]  # simplified characters the S->T table writes differently


@cache
def tables() -> _Tables:
    """Build once (~0.3 s): every GBK pair, OpenCC tw2s per character, pypinyin readings."""
    from opencc import OpenCC

    char_of: dict[int, str] = {}
    for lead in range(0x81, 0xFF):
        for trail in (*range(0x40, 0x7F), *range(0x80, 0xFF)):
            try:
                char_of[lead << 8 | trail] = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
    chars = list(char_of.values())
    converted = OpenCC("tw2s").convert("\n".join(chars)).split("\n")
    simplified = {c: s for c, s in zip(chars, converted, strict=True) if c != s and len(s) == 1}
    traditional = OpenCC("s2tw").convert("\n".join(chars)).split("\n")
    taiwan = {c: t for c, t in zip(chars, traditional, strict=True) if c != t and len(t) == 1}
    written = [c for c, char in char_of.items() if _written_in_taiwan(char, simplified, taiwan)]
    plausible = frozenset(c for c in written if _in_news(simplified.get(char_of[c], char_of[c])))
    # A listed character may be rare (緱 of 緱(gōu), where a document names 缑文喆): the list
    # was of the forms the converter wrote, not of the common ones.
    by_reading: dict[str, set[int]] = {}
    for code in written:
        char = char_of[code]
        reading = default_reading(char)
        if char in simplified and reading:
            by_reading.setdefault(reading, set()).add(code)
    by_code = {k: frozenset(v) for k, v in by_reading.items()}
    forms: dict[str, list[int]] = {}
    for code in plausible:
        forms.setdefault(simplified.get(char_of[code], char_of[code]), []).append(code)
    convertible = frozenset(
        code
        for code, char, trad in zip(char_of, chars, traditional, strict=True)
        if trad != char
        and char not in simplified
        and char not in LEFT_SIMPLIFIED
        and code in plausible
    )
    by_form = {k: tuple(v) for k, v in forms.items()}
    return _Tables(char_of, simplified, plausible, by_code, by_form, convertible)


class _Document(NamedTuple):
    """What the whole document proves about its own corruption."""

    unused: frozenset[int]  # codes of forms its converter never wrote (`_unused_forms`)
    listed: dict[int, str]  # code -> reading of every character seen annotated (`_listed`)
    text: str = ""  # the whole of it: who its passages are about
    start: int = 0  # where the part being repaired starts in `text`
    # The starts, two characters or more, of the people's names it shows whole (`names_in`).
    name_starts: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # the names themselves, and 老郜 for 郜文博 (`_as_called`)
    # Codes of characters too rare for news text that it shows in step (翀 of 虞翀, 亓 and 珺 of
    # 亓珺): plausible in it.
    rarities: frozenset[int] = frozenset()
    name_firsts: frozenset[int] = frozenset()  # codes of the names' first characters (郜)
    # What it shows in step: the pairs of characters (她 as 他), and the characters it writes
    # more often than news text does, with DOCUMENT_CHAR_WEIGHT's log ratio (`_shown_gain`).
    pairs: frozenset[str] = frozenset()
    char_odds: Mapping[str, float] = MappingProxyType({})
    # Its dictionary words, each with WORD_CACHE_SHARE's log odds (`_shown_words`).
    word_odds: Mapping[str, float] = MappingProxyType({})
    # The codes of the characters of `char_odds`, the likeliest first (a dict as an ordered
    # set): tried wherever the bytes allow them (`_preselected`, `_candidates`).
    frequent: Mapping[int, None] = MappingProxyType({})


_DOCUMENT: ContextVar[_Document | None] = ContextVar("document", default=None)
_WINDOW_AT: ContextVar[int] = ContextVar("window_at", default=0)  # in the part, where it starts
# The windows of the part read so far: (start, stop, reading) in the document's text.
_READ: ContextVar[tuple[tuple[int, int, str], ...]] = ContextVar("read", default=())


def _document() -> _Document:
    return _DOCUMENT.get() or _Document(frozenset(), {})


def _pronoun_odds(before: str, quoting: bool) -> float:
    """How much likelier the text around the window makes the pronoun `before` than the
    model does (log ratio); `quoting`: it is in a quotation, so whom the speaker speaks of."""
    at = _document().start + _WINDOW_AT.get()
    return pronoun_log_odds(_document().text, at, quoting, _passage_as_read(at)).get(before, 0.0)


def _passage_as_read(at: int) -> str:
    """The passage before `at` (`passage_start`) with the garbles repaired so far in its last
    paragraph read as repaired: a name garbled before a quotation is whom the pronoun after it
    is about (。”覃光明的妻子甘春花笑着说，“…。”她告诉记者).  Not those of paragraphs before: a
    part repaired on another core may hold them (`_independent_parts`)."""
    return _with_readings(_document().text, at, _READ.get())


@lru_cache(maxsize=64)
def _with_readings(text: str, at: int, read: tuple[tuple[int, int, str], ...]) -> str:
    """`text` from `passage_start` to `at`, each (start, stop, reading) of `read` in the
    paragraph `at` is in read as the reading."""
    start = passage_start(text, at)
    cursor = text.rfind("\n", start, at) + 1 or start
    out = [text[start:cursor]]
    for begin, stop, reading in read:
        if begin >= cursor and stop <= at:
            out += [text[cursor:begin], reading]
            cursor = stop
    return "".join(out) + text[cursor:at]


def _listed(text: str) -> dict[int, str]:
    """Characters of the document's list: those seen with their own reading right after them.
    The insertion was a byte search-and-replace, so every match of their bytes, aligned or
    straddling two characters, was followed by that reading."""
    readers = tables().by_reading
    listed: dict[int, str] = {}
    for match in _NOTED.finditer(text):
        try:
            data = match.group(1).encode("gbk")
        except UnicodeEncodeError:
            continue
        code = int.from_bytes(data)
        if code in readers.get(match.group(2), ()):
            listed[code] = match.group(2)
    return listed


def _unused_forms(text: str) -> frozenset[int]:
    """The converter was a character table: one simplified character, one written form.  Where
    the document shows a form at least twice, the other forms of that character never occur;
    a simplified character the table converts occurs only if the document shows it so."""
    counts = Counter(text)
    char_of, simple, forms = tables().char_of, tables().simplified, tables().forms
    unused = {c for c in tables().convertible if char_of[c] not in counts}
    for char, count in counts.items():
        if count >= 2 and is_han(char):
            others = forms.get(simple.get(char, char), ())
            unused.update(c for c in others if char_of[c] not in counts)
    return frozenset(unused)


def _in_news(simplified: str) -> bool:
    """The corruption only converted ordinary Simplified news text, so a repair may only
    produce common characters and marks: never a rare form that merely decodes."""
    if simplified in NEWS_MARKS:
        return True
    return is_han(simplified) and language_model().commonness(simplified) >= PLAUSIBLE_LOGP


def _written_in_taiwan(char: str, simplified: dict[str, str], taiwan: dict[str, str]) -> bool:
    """A Taiwan-style table writes Big5 characters, or the odd rare form OpenCC's Taiwan table
    gives (壋 for 垱): any other traditional form is a mainland variant (殻 爲 衆 墰) that
    only decodes, never one the converter wrote."""
    if char not in simplified or taiwan.get(simplified[char]) == char:
        return True
    try:
        char.encode("big5")
    except UnicodeEncodeError:
        return False
    return True


# ---------------------------------------------------------------- tokens of the observed text


@dataclass(frozen=True)
class _Token:
    start: int  # offsets in the piece
    end: int
    kind: str  # "bytes", "?" or "note" (a visible annotation)
    data: bytes = b""  # for "note": the bytes it is if it is text and not a reading
    syllable: str = ""  # for "note"; for "?" the syllable of a following `pinyin)`
    after_syllable: int = 0  # for "?": token index after that `pinyin)`
    before_split: bool = False  # for "?": next is a split character or the piece end
    before_minutes: bool = False  # for "?": next are ':' and two digits, a time's minutes
    ends_text: bool = False  # for "?": the last character of the text
    opens_bracket: bool = False  # for "?": a later `)` closes a bracket no visible `(` opened


def _tokenize(piece: str) -> list[_Token] | None:
    """Observed characters as decoder units; None when a character has no GBK bytes."""
    tokens: list[_Token] = []
    pos = 0
    while pos < len(piece):
        char = piece[pos]
        note = find_annotation(piece, pos) if char in "(（" else None
        if note:
            tokens.append(_Token(pos, note.end(), "note", syllable=note.group(1)))
            pos = note.end()
            continue
        # Untoned, `(men)` after a character that does not read `men` is a neutral-tone reading
        # (們 麼 嗎) after a misread character, or text that only looks like one.
        toneless = _SYLLABLE_THEN_CLOSE.match(piece, pos + 1) if char == "(" else None
        if toneless and toneless.group(1) in syllables():
            literal = piece[pos : toneless.end()].encode("ascii")
            tokens.append(_Token(pos, toneless.end(), "note", literal, toneless.group(1)))
            pos = toneless.end()
            continue
        if char == "?":
            tokens.append(_question(piece, pos))
        else:
            try:
                data = FULL_WIDTH.get(char, char).encode("gbk")
            except UnicodeEncodeError:
                return None
            tokens.append(_Token(pos, pos + 1, "bytes", data))
        pos += 1
    _link_syllables(tokens)
    _find_swallowed_brackets(tokens)
    return tokens


def _question(piece: str, pos: int) -> _Token:
    """A '?': a real question mark, or a decoder error that may have eaten `(` of `(pinyin)`."""
    match = _SYLLABLE_THEN_CLOSE.match(piece, pos + 1)
    syllable = match.group(1) if match and match.group(1) in syllables() else ""
    end = match.end() if syllable and match else pos + 1
    before_split = pos + 1 == len(piece) or piece[pos + 1] in SPLITS
    minutes = _MINUTES.match(piece, pos + 1) is not None
    return _Token(
        pos,
        pos + 1,
        "?",
        syllable=syllable,
        after_syllable=end,
        before_split=before_split,
        before_minutes=minutes,
    )


def _link_syllables(tokens: list[_Token]) -> None:
    """Turn the piece offset after a `?pinyin)` into the index of the token that follows it."""
    index_at = {t.start: i for i, t in enumerate(tokens)}
    for i, token in enumerate(tokens):
        if token.kind == "?" and token.syllable:
            target = index_at.get(token.after_syllable, len(tokens))
            tokens[i] = replace(token, after_syllable=target)


def _find_swallowed_brackets(tokens: list[_Token]) -> None:
    """Mark each '?' after which a `)` in its paragraph closes a bracket no `(` opened: if the
    '?' swallowed an ASCII byte, that byte was the `(` (日報訊(記者朱文君))."""
    text = _without_eaten_readings(tokens)
    opened = _open_before(text, OPEN_BRACKET, CLOSE_BRACKET)
    closed = _open_before(text[::-1], CLOSE_BRACKET, OPEN_BRACKET)[::-1]
    for i, token in enumerate(tokens):
        if token.kind == "?" and closed[i] and not opened[i]:
            tokens[i] = replace(token, opens_bracket=True)


def _without_eaten_readings(tokens: list[_Token]) -> list[_Token]:
    """The tokens with the `pinyin)` after each '?' that ate its `(` blanked out, so that its
    `)` is not taken for a bracket (indices unchanged)."""
    kept = list(tokens)
    for i, token in enumerate(tokens):
        if token.kind == "?" and token.syllable:
            kept[i + 1 : token.after_syllable] = [token] * (token.after_syllable - i - 1)
    return kept


def _open_before(tokens: list[_Token], opening: bytes, closing: bytes) -> list[int]:
    """For each token, how many `opening` marks before it in its paragraph are still unclosed
    (a `closing` with none open is ignored).  Reversed with the marks swapped, it counts the
    `closing` marks after each token that close something opened before it."""
    depths, depth = [], 0
    for token in tokens:
        depths.append(depth)
        if token.data == b"\n":
            depth = 0
        elif token.data == opening:
            depth += 1
        elif token.data == closing:
            depth = max(0, depth - 1)
    return depths


# ---------------------------------------------------------------- hypotheses


class _Hyp(NamedTuple):
    """One reading of the bytes so far.  `pending` holds the candidate values of a lead byte
    still waiting for its trail (the decoder was misaligned), or None when aligned."""

    pending: tuple[int, ...] | None
    pending_from: int  # piece offset of the token the pending byte came from
    last: int  # the last byte of the last character emitted (-1 if none or not a byte)
    last_code: int  # its last two bytes: a character, or a trail and an ASCII byte (-1 if none)
    lm: LmState  # language-model score of the Simplified text emitted so far
    out: tuple | None  # linked list (text, is_annotation, parent)
    notes: tuple | None  # linked list (piece offset, message, parent)
    penalty: float = 0.0
    evidence: int = 0  # garble signs used: misread text re-aligned, eaten `(`, orphan trail
    hidden: int = 0  # bytes assumed without being seen
    after_mark: bool = False  # the last byte fed belongs to a mark that became ASCII
    owed: str = ""  # the last two bytes match a listed character: its reading must follow
    noted: bool = False  # a reading stands between the last byte and the next
    name_credit: float = 0.0  # what the unfinished name it ends with gained (`_name_credit`)

    @property
    def score(self) -> float:
        """Comparable across readings: a pending byte is charged a typical character's cost."""
        return self.lm.score + self.penalty + (PENDING_LOGP if self.pending else 0.0)


def _start(tokens: list[_Token], first: int, quoted: str) -> _Hyp:
    """An aligned reading that knows the character before the window (annotations need it)."""
    before = tokens[first - 1].data if first > 0 else b""
    code = before[0] << 8 | before[1] if len(before) == 2 else -1
    state = _opening(tokens, first, quoted)
    return _Hyp(None, -1, code & 0xFF if code >= 0 else -1, code, state, None, None)


def _opening(tokens: list[_Token], first: int, quoted: str) -> LmState:
    """The language-model state before token `first`, where the quotation marks `quoted` are
    open: the clause so far matters (a sentence cannot end three characters after a 、), so up
    to CONTEXT tokens of it are scored."""
    start = max(0, first - CONTEXT)
    state, _ = _scored_tokens(PIECE_START if start == 0 else MID_TEXT, tokens[start:first])
    return state._replace(quoted=quoted, shape=_shape_at())


def _quoted(tokens: list[_Token], quoted: str) -> str:
    """The quotation marks open after these tokens, if `quoted` were open before them."""
    text = _bytes_text(tokens)
    return _quoted_after_text(quoted, text)


def _quoted_after_text(quoted: str, text: str) -> str:
    """The quotation state after repaired `text`: a piece opens where the one before ended.
    A line end closes every quote, so only the text after the last one matters."""
    line_end = text.rfind("\n")
    if line_end >= 0:
        quoted, text = "", text[line_end + 1 :]
    for char in text:
        quoted = quoted_after(quoted, char)
    return quoted


def _scored_tokens(
    state: LmState, tokens: list[_Token], *, as_left: bool = False, asked: bool = False
) -> tuple[LmState, float]:
    """Observed tokens as they read, each '?' a character lost some other way; and what the
    names they show gain (`_name_gain`), as a reading showing them would.  `as_left`: a ？ too,
    for the text as repair would leave it: the punctuation step makes a '?' left next to Chinese
    ？, and repair must judge its own output as it judged the text it came from (idempotence).
    `asked`: each '?' and ？ read as the question mark the text would then show."""
    gained, before = 0.0, ""
    for token in tokens:
        if token.kind == "note" and not (as_left and _stays_as_text(token, before)):
            continue
        if token.kind == "?" or (as_left and token.data == QUESTION_MARK_BYTES):
            text = QUESTION_MARK if asked else LOST
        else:
            text = token.data.decode("gbk")
        after = _scored(state, text)
        gained += _name_gain(state, after) + _shown_gain(after)
        state, before = after, text[-1:]
    return state, gained


def _stays_as_text(note: _Token, before: str) -> bool:
    """A toneless `(men)` the pinyin step leaves, where the character before does not read so:
    repair reads it as text (`_expand`), so the text it came from must too."""
    return bool(note.data) and not is_annotation(note.syllable, before or None)


def _note(hyp: _Hyp, pos: int, message: str) -> _Hyp:
    return hyp._replace(notes=(pos, message, hyp.notes))


def _pay(hyp: _Hyp, cost: float) -> _Hyp:
    return hyp._replace(penalty=hyp.penalty + cost)


def _proven(hyp: _Hyp) -> _Hyp:
    return hyp._replace(evidence=hyp.evidence + 1)


def _marks(first: int, second: int) -> bool:
    """Would these two stream bytes have been a split or an ASCII mark, not what we see?"""
    return first << 8 | second in STREAM_MARKS


def _scored(state: LmState, text: str) -> LmState:
    for char in tables().simplified.get(text, text):
        state = state.push(char)
    return state


def _emit(
    hyp: _Hyp,
    text: str,
    code: int = -1,
    state: LmState | None = None,
    owed: str | None = None,
    *,
    hidden_whole: bool = False,
) -> _Hyp:
    """Append one decoded character, scored in its Simplified form; a pronoun before it that
    is not plural is weighed by the document's own use of it.  `owed`: the reading that must
    now follow, if that changes; `hidden_whole`: neither of its bytes was seen."""
    before = hyp.out[0] if hyp.out is not None else ""
    singular = before in _PRONOUN_SET and text not in _PLURAL_SET
    state = state or _scored(hyp.lm, text)
    pronoun = _pronoun_odds(before, QUOTATION_OPEN in hyp.lm.quoted) if singular else 0.0
    named = _name_gain(hyp.lm, state)
    credit, unpaid = _name_credit(hyp, state, named)
    gain = pronoun + named + _shown_gain(state, words=not hidden_whole) - unpaid
    return hyp._replace(
        name_credit=credit,
        owed=hyp.owed if owed is None else owed,
        penalty=hyp.penalty + gain,
        pending=None,
        noted=False,
        last=code & 0xFF if code >= 0 else -1,
        last_code=code,
        lm=state,
        out=(TO_ASCII.get(text, text), False, hyp.out),
    )


def _name_gain(before: LmState, after: LmState) -> float:
    """Where the last character goes on with a name the document shows elsewhere, what the
    model charged for it beyond NAME_CHAR_LOGP: the model knows a name's characters as rare
    (冬梅 after 赖, against 赖斗), the document knows this name.  At the name's second
    character, also what its first cost beyond NAME_FIRST_LOGP (the word score's step: the
    character pairs' part is not kept a character at a time)."""
    starts = _document().name_starts
    second = after.chars[-2:] in starts  # the name's second character: its first is priced
    if not second and after.chars[-3:] not in starts:
        return 0.0
    gain = max(0.0, NAME_CHAR_LOGP - (after.score - before.score))
    if second and len(before.best) >= 2:
        gain += max(0.0, NAME_FIRST_LOGP - (before.best[-1] - before.best[-2]))
    return gain


def _name_credit(hyp: _Hyp, after: LmState, named: float) -> tuple[float, float]:
    """What the start of a name the reading ends with has gained so far (`named`: at this
    character), and what it must give back where the name stops unfinished: a name is
    rewarded a character at a time only so that the beam keeps it until it is whole (覃正
    of 覃正富 then 他, in 。“覃正他师傅 for 。“覃师傅)."""
    document = _document()
    if _ends_with_one_of(after.chars, document.name_starts):
        whole = _ends_with_one_of(after.chars, document.names)
        return (0.0 if whole else hyp.name_credit + named), 0.0
    return 0.0, hyp.name_credit


def _ends_with_one_of(chars: str, names: frozenset[str]) -> bool:
    """`chars` ends with one of `names` (or of their starts) two or three characters long."""
    return chars[-2:] in names or chars[-3:] in names


def _shown_gain(after: LmState, *, words: bool = True) -> float:
    """What the document's own text in step says of the last character read, beyond what the
    model knows: DOCUMENT_PAIR_LOGP where it makes a pair the document shows elsewhere, its
    odds where the document writes it more often than news text does, and with `words` the
    best `word_odds` of the words it ends (WORD_CACHE_SHARE).  他 and 她 count as one: which
    it is, is for the document's pronouns to weigh (`_pronoun_odds`), not for how often each
    happens to stand before 说."""
    document = _document()
    paired = DOCUMENT_PAIR_LOGP if after.tail.translate(_ONE_PRONOUN) in document.pairs else 0.0
    chars = after.chars if words else ""
    worded = max(
        (document.word_odds.get(chars[-k:], 0.0) for k in range(2, len(chars) + 1)), default=0.0
    )
    return paired + document.char_odds.get(after.tail[-1:], 0.0) + worded


def _shown_words(shown: str) -> dict[str, float]:
    """The dictionary words of two characters or more the document shows in step (`shown`:
    `read_in_step`'s text `as_written`), each with WORD_CACHE_SHARE's log odds; not those
    with 他 or 她, which the document's pronouns weigh (`_pronoun_odds`)."""
    word_logp = language_model().word_logp
    words = [w for w in jieba_ready().lcut(shown, HMM=False) if is_han(w[0])]
    counts = Counter(w for w in words if len(w) >= 2 and w in word_logp)
    share, total = WORD_CACHE_SHARE, max(len(words), 1)
    return {
        word: min(
            WORD_CACHE_MOST, math.log(1 - share + share * n / total / math.exp(word_logp[word]))
        )
        for word, n in counts.items()
        if not set(word) & _PRONOUN_SET
    }


def _shown_in_step(shown: str) -> tuple[frozenset[str], dict[str, float]]:
    """The pairs of Chinese characters the document shows in step (`shown`: `read_in_step`'s
    text `as_written`), with 她 as 他; and the characters it writes at least twice, more often
    than news text does, each with DOCUMENT_CHAR_WEIGHT times the log ratio of the two
    frequencies, at most DOCUMENT_CHAR_MOST (not 他 or 她, see `_shown_gain`)."""
    shown = shown.translate(_ONE_PRONOUN)
    pairs = frozenset(a + b for a, b in itertools.pairwise(shown) if is_han(a) and is_han(b))
    counts = Counter(char for char in shown if is_han(char) and char not in _PRONOUN_SET)
    total, lm = counts.total(), language_model()
    odds = {char: math.log(n / total) - lm.commonness(char) for char, n in counts.items() if n >= 2}
    weighted = {
        c: DOCUMENT_CHAR_WEIGHT * min(o, DOCUMENT_CHAR_MOST) for c, o in odds.items() if o > 0
    }
    return pairs, weighted


def _as_called(names: frozenset[str]) -> frozenset[str]:
    """The names, and how a story calls their people by the surname after 老 (“老郜他们… for
    the 郜文博 it names), priced as names are: where 郜 lost its trail byte, 垸 read likelier."""
    return names | {FAMILIAR + surname_of(name) for name in names}


def _name_starts(names: frozenset[str]) -> frozenset[str]:
    """Each start of a name, two characters or more: a name is rewarded character by
    character, so the beam keeps its rare middle (郭雅 of 郭雅琴) until the one completing it."""
    return frozenset(name[:end] for name in names for end in range(2, len(name) + 1))


def _feed(
    hyp: _Hyp,
    values: tuple[int, ...],
    pos: int,
    *,
    hidden: bool = False,
    exempt: bool = False,
    mark: bool = False,
    unseen: bool = False,
    then: str = "",
    echo: frozenset[int] = frozenset(),
    width: int = CANDIDATES,
) -> Iterator[_Hyp]:
    """Give the aligned decoder one byte (one of `values`); yields the best valid continuations.
    `mark`: the byte belongs to a mark that became ASCII; a stream mark overlapping one was
    destroyed by that replacement, so it may stand (as may one `exempt` by the caller).
    `unseen`: the caller knows a whole character vanished, both bytes unknown.
    `then`, `echo`: what the character after says this one can be (`_candidates`).
    `width`: how many of the likeliest characters the byte can end go on (`_candidates`)."""
    if hyp.owed:
        return  # the reading of a listed character comes before any further byte
    exempt = exempt or mark or hyp.after_mark or hyp.noted  # a reading split the pair
    for step in _feed_aligned(hyp, values, pos, hidden, exempt, unseen, then, echo, width):
        yield step if step.after_mark == mark else step._replace(after_mark=mark)


def _feed_aligned(
    hyp: _Hyp,
    values: tuple[int, ...],
    pos: int,
    hidden: bool,
    exempt: bool,
    unseen: bool,
    then: str,
    echo: frozenset[int],
    width: int,
) -> Iterator[_Hyp]:
    if hyp.pending is None:
        if len(values) == 1 and values[0] < 0x80:
            # its byte and the one before can still match a listed character: ”I read 盜
            straddle = hyp.last << 8 | values[0] if hyp.last >= 0 else values[0]
            yield _emit(hyp, chr(values[0]), straddle)
            return
        leads = tuple(
            v for v in values if 0x81 <= v <= 0xFE and (exempt or not _marks(hyp.last, v))
        )
        yield from _leads(hyp, leads, pos)
        return
    both_unknown = len(hyp.pending) > 1 and len(values) > 1
    if both_unknown and not unseen:
        candidates = _name_going_on(hyp, values)
    else:
        seen = hyp.pending_from == pos and len(hyp.pending) == 1 and len(values) == 1
        candidates = _candidates(hyp, values, exempt, seen=seen, then=then, echo=echo, width=width)
    listed = _document().listed
    for code, char, state in candidates:
        owed = "" if hyp.noted else listed.get(code, "")  # an earlier insertion split it
        step = _emit(hyp, char, code, state, owed, hidden_whole=both_unknown)
        lead, trail = code >> 8, code & 0xFF
        if hidden or len(hyp.pending) > 1:
            step = _note(step, pos, f"bytes {lead:02x} {trail:02x} = {char}")
            step = step._replace(hidden=step.hidden + 1)
        elif 0x40 <= trail < 0x80 and hyp.pending_from != pos:
            step = _proven(
                _note(
                    step,
                    pos,
                    f"orphan lead 0x{lead:02x} + surviving trail {chr(trail)!r} = {char}",
                )
            )
        yield step


def _name_going_on(hyp: _Hyp, values: tuple[int, ...]) -> list[tuple[int, str, LmState]]:
    """Two unknown bytes in one pair are too weakly constrained to guess, but for a character
    going on with a name the document shows (建 of 。”郗建明: 郗's trail dropped in a pair with
    建's lead, 建's trail under a '?')."""
    assert hyp.pending is not None
    char_of = tables().char_of
    codes = [
        c
        for c in _name_followers(hyp.lm.chars[-1:])
        if c >> 8 in hyp.pending and c & 0xFF in values and c in char_of
    ]
    return _scored_codes(hyp, codes)


def _scored_codes(hyp: _Hyp, codes: Iterable[int]) -> list[tuple[int, str, LmState]]:
    """Each code with its character and the model's state after it."""
    char_of = tables().char_of
    return [(c, char_of[c], _scored(hyp.lm, char_of[c])) for c in codes]


def _leads(hyp: _Hyp, leads: tuple[int, ...], pos: int) -> Iterator[_Hyp]:
    """A lead byte after an aligned character; where the two straddle a listed character, the
    reading was inserted right after this lead, so those leads are kept apart, owing it."""
    listed = _document().listed
    owing: dict[str, list[int]] = {}
    for lead in leads:
        adjacent = hyp.last >= 0 and not hyp.noted
        owing.setdefault(listed.get(hyp.last << 8 | lead, "") if adjacent else "", []).append(lead)
    for owed, group in owing.items():
        yield hyp._replace(pending=tuple(group), pending_from=pos, owed=owed, noted=False)


def _candidates(
    hyp: _Hyp,
    values: tuple[int, ...],
    exempt: bool,
    *,
    seen: bool = False,
    then: str = "",
    echo: frozenset[int] = frozenset(),
    width: int = CANDIDATES,
) -> list[tuple[int, str, LmState]]:
    """The plausible GBK characters the pending lead and `values` can form, best `width` in
    context, plus the best CANDIDATES_AHEAD before one of the characters `then`, the ones the
    next character can be (known, named by a reading, or ending with a byte seen), and the
    best FREQUENT_CHARACTERS of those the document writes often, which the model alone may
    price too low to keep until the document has its say (`_emit`).  A wide set is first cut
    to those that make a word with the previous character or with one of `then`, plus the
    commonest others, so few need the full model.  After a mark every character
    "makes a word" alone, so there commonness decides (and a common 。 is not cut).
    The codes `echo` (`_echoed`) are always tried, as `_wanted` ones are.
    A character `seen` as it stands (its own two bytes, aligned) is never implausible: `∶`."""
    assert hyp.pending is not None
    plausible = tables().plausible
    document = _document()

    def possible(code: int) -> bool:
        shown = code in plausible or code in document.rarities
        return (seen or (shown and code not in document.unused)) and (
            exempt or code not in STREAM_MARKS
        )

    wanted = _wanted(hyp.lm) | echo if echo else _wanted(hyp.lm)
    if len(hyp.pending) * len(values) <= PRESELECT:
        codes = [c for lead in hyp.pending for trail in values if possible(c := lead << 8 | trail)]
    else:
        codes = _preselected(hyp.pending, values, hyp.lm.chars[-1:], then, possible, wanted)
    found = _scored_codes(hyp, codes)
    # ranked as `_emit` will score them: 彤 goes on with 吴雨彤, which the model prices as rare
    named = _name_followers(hyp.lm.chars[-1:])

    def worth(c: tuple[int, str, LmState]) -> float:
        return c[2].score + (_name_gain(hyp.lm, c[2]) if c[0] in named else 0.0)

    best = heapq.nlargest(width, found, key=worth)
    best += [c for c in found if c[0] in wanted and c not in best]  # 郜 of 郜长顺, 坦 of 坦言
    frequent = (c for c in found if c[0] in document.frequent and c not in best)
    best += heapq.nlargest(FREQUENT_CHARACTERS, frequent, key=worth)  # 盲 of 盲文, written often
    if not then or len(found) <= width:
        return best
    if len(then) == 1:
        ahead = heapq.nlargest(CANDIDATES_AHEAD, found, key=lambda c: _scored(c[2], then).score)
    else:  # too many to score each pair in context: the words they make decide
        leaders = _leaders_by_word(then)
        ahead = heapq.nlargest(
            CANDIDATES_AHEAD,
            (c for c in found if c[0] in leaders),
            key=lambda c: c[2].score + leaders[c[0]],
        )
    return best + [c for c in ahead if c not in best]


def _wanted(state: LmState) -> frozenset[int]:
    """Codes always worth a try after `state`, however rare: the first characters of the
    document's names, and in the clause that says whose a quotation was (。”喻水生坦言), the
    characters of the words news says it with."""
    firsts = _document().name_firsts
    return _with_saying_words(firsts) if state.attributes else firsts


@lru_cache(maxsize=16)
def _with_saying_words(codes: frozenset[int]) -> frozenset[int]:
    """`codes` and the saying words' characters: asked for every reading in such a clause, so
    the union is made once per document, not once a reading."""
    return codes | _codes_of("".join(saying_words()))


def _preselected(
    leads: tuple[int, ...],
    trails: tuple[int, ...],
    prev: str,
    then: str,
    possible: Callable[[int], bool],
    wanted: frozenset[int],
) -> list[int]:
    """The PRESELECT most promising possible codes of a wide set: up to half of them those
    that make the likeliest dictionary words before one of the characters `then`, then those
    that follow `prev` in a name the document shows, and those `wanted` (`_wanted`), then
    the FREQUENT_CHARACTERS likeliest the document writes often, then the CORPUS_FOLLOWERS
    the corpus writes likeliest after `prev`, then those that make a word with `prev`,
    commonest first, then the commonest others.  Names and wanted codes are always taken, so
    those before the word followers may pass PRESELECT: then no more are."""
    ranked, members = _by_commonness(leads, trails)
    commonness = _commonness_table()
    leaders = _leaders_by_word(then) if then else {}
    before = [c for c in leaders if c in members and possible(c)]
    chosen = sorted(before, key=leaders.__getitem__, reverse=True)[: PRESELECT // 2]
    # 郭 then 雅 where the document names 郭雅琴: its names are likelier than its words
    named = _name_followers(prev) | wanted
    chosen += [c for c in named if c in members and possible(c)]
    # 盲 of 不懂盲文 where the document writes 盲文 often: neither common nor a word after 懂
    frequent = (c for c in _document().frequent if c in members and possible(c))
    chosen += itertools.islice(frequent, FREQUENT_CHARACTERS)
    followers = (c for c in _corpus_followers(prev) if c in members and possible(c))
    chosen += itertools.islice(followers, CORPUS_FOLLOWERS)
    words = [c for c in _word_followers(prev) if c in members and possible(c)]
    room = max(0, PRESELECT - len(chosen))  # a negative slice would take nearly all of them
    chosen += sorted(words, key=commonness.__getitem__, reverse=True)[:room]
    chosen = list(dict.fromkeys(chosen))
    taken = set(chosen)
    for code in ranked:
        if len(chosen) >= PRESELECT:
            break
        if code not in taken and possible(code):
            chosen.append(code)
    return chosen


@lru_cache(maxsize=4096)
def _by_commonness(
    leads: tuple[int, ...], trails: tuple[int, ...]
) -> tuple[list[int], frozenset[int]]:
    """Every character these bytes can form, commonest first, and the same as a set."""
    char_of, commonness = tables().char_of, _commonness_table()
    codes = [c for lead in leads for trail in trails if (c := lead << 8 | trail) in char_of]
    return sorted(codes, key=commonness.__getitem__, reverse=True), frozenset(codes)


def _name_followers(prev: str) -> frozenset[int]:
    """Codes of the characters that follow `prev` in a name the document shows."""
    starts = _document().name_starts
    if not starts or not prev:
        return frozenset()
    return _followers_in(starts, prev)


@lru_cache(maxsize=1024)
def _followers_in(starts: frozenset[str], prev: str) -> frozenset[int]:
    """Asked for every candidate set, so kept: a document's names change only between texts."""
    return _codes_of("".join(start[-1] for start in starts if start[-2] == prev))


@lru_cache(maxsize=4096)
def _corpus_followers(prev: str) -> tuple[int, ...]:
    """Codes of the characters the corpus writes after `prev`, likeliest first."""
    forms = tables().forms
    return tuple(
        code for char in char_bigrams().followers.get(prev, "") for code in forms.get(char, ())
    )


@cache
def _word_followers(prev: str) -> frozenset[int]:
    """Codes of the characters that make a two-character dictionary word after `prev`."""
    return _codes_of(_two_character_words()[0].get(prev, ""))


@lru_cache(maxsize=1024)
def _leaders_by_word(then: str) -> dict[int, float]:
    """Codes of the characters that make a two-character dictionary word before one of the
    characters `then`, each with the log-probability of its likeliest such word."""
    simple, forms = tables().simplified, tables().forms
    word_logp = language_model().word_logp
    best: dict[int, float] = {}
    for char in then:
        second = simple.get(char, char)
        for first in _two_character_words()[1].get(second, ""):
            logp = word_logp[first + second]
            for code in forms.get(first, ()):
                best[code] = max(best.get(code, logp), logp)
    return best


def _codes_by_odds(odds: Mapping[str, float]) -> dict[int, None]:
    """The plausible GBK forms of the characters of `odds`, the likeliest first."""
    return _forms_in_order(sorted(odds, key=odds.__getitem__, reverse=True))


def _codes_of(simplified: str) -> frozenset[int]:
    """The plausible GBK forms of these characters, or the one each is, where it has none."""
    return frozenset(_forms_in_order(simplified))


def _forms_in_order(simplified: Iterable[str]) -> dict[int, None]:
    """The codes of `_codes_of`, in the order of the characters (a dict as an ordered set)."""
    forms = tables().forms
    return dict.fromkeys(code for char in simplified for code in forms.get(char) or _code(char))


def _han_codes_in(text: str) -> frozenset[int]:
    """The GBK codes of the Chinese characters `text` holds (not ǎ of its readings)."""
    return frozenset(code for char in set(text) if is_han(char) for code in _code(char))


def _code(char: str) -> tuple[int, ...]:
    """The GBK code of `char` itself, if GBK holds it."""
    try:
        return (int.from_bytes(char.encode("gbk")),)
    except UnicodeEncodeError:
        return ()


@cache
def _two_character_words() -> tuple[dict[str, str], dict[str, str]]:
    """Two-character dictionary words as first -> seconds, and as second -> firsts."""
    seconds: dict[str, list[str]] = {}
    firsts: dict[str, list[str]] = {}
    for word in language_model().word_logp:
        if len(word) == 2:
            seconds.setdefault(word[0], []).append(word[1])
            firsts.setdefault(word[1], []).append(word[0])
    return _joined(seconds), _joined(firsts)


def _joined(chars: dict[str, list[str]]) -> dict[str, str]:
    return {key: "".join(value) for key, value in chars.items()}


@cache
def _commonness_table() -> dict[int, float]:
    lm = language_model()
    simple = tables().simplified
    return {code: lm.commonness(simple.get(c, c)[0]) for code, c in tables().char_of.items()}


def _feed_bytes(
    hyp: _Hyp, data: bytes, pos: int, after: bytes = b"", beyond: bytes = b""
) -> Iterator[_Hyp]:
    """Feed an observed token; its second byte may complete its own mark (。).
    Misread, the token's first byte ends a character and its second starts the next, which the
    token `after` it ends: that next character is known, so the first is also chosen in its
    light (危害 = `ce a3 | ba a6` seen as `?:`: 危 alone is rare, 危害 is not).  So is the one
    an ASCII trail ends, where the decoder is aligned again after it (靦腆 = `ec 74 | cc f3`
    seen as `t腆`).  Where the one after that is known too and says the first again (揉了揉 =
    `c8 e0 | c1 cb | c8 e0` with 揉's lead lost), that character is tried (`_echoed`)."""
    ascii_mark = data != SENTENCE_END_BYTES and int.from_bytes(data) in STREAM_MARKS
    then = _known_after(hyp, data, after)
    echo = _echoed(then, data, after, beyond)
    current = [hyp]
    for k, byte in enumerate(data):
        step = partial(
            _feed,
            values=(byte,),
            pos=pos,
            exempt=k > 0,
            mark=ascii_mark,
            then="" if k else then,
            echo=frozenset() if k else echo,
        )
        current = [n for h in current for n in step(h)]
    yield from current


def _known_after(hyp: _Hyp, data: bytes, after: bytes) -> str:
    """The character known to follow the one `data` ends, if any (see `_feed_bytes`)."""
    if hyp.pending is None or not after:
        return ""
    if len(data) == 2:
        return tables().char_of.get(data[-1] << 8 | after[0], "")
    return after.decode("gbk") if _in_step_after(data, after) else ""


def _echoed(then: str, data: bytes, after: bytes, beyond: bytes) -> frozenset[int]:
    """The code of the character read after `then` where `then` may stand between a character
    said twice (拽了拽, bigrams.REDUPLICATED) and the stream still misread: the character before
    `then` may be that one."""
    said_twice = len(then) == 1 and tables().simplified.get(then, then) in REDUPLICATING
    if not said_twice or len(data) != 2 or len(after) != 2:
        return frozenset()
    code = after[1] << 8 | beyond[0] if len(beyond) == 2 else -1
    return frozenset((code,)) if code in tables().plausible else frozenset()


def _bytes_at(tokens: list[_Token], i: int) -> bytes:
    """The bytes of token i where it is observed bytes, else none."""
    return tokens[i].data if i < len(tokens) and tokens[i].kind == "bytes" else b""


def _in_step_after(data: bytes, after: bytes) -> bool:
    """`data` is an ASCII trail and `after` the aligned character it puts the decoder back in
    step before."""
    return len(data) == 1 and _is_text(after)


def _annotated(hyp: _Hyp, syllable: str, pos: int) -> _Hyp | None:
    """Apply an annotation: the two bytes before its `(` must be a listed char read `syllable`.
    Readings were inserted one listed character at a time, so a later one can stand between
    the bytes of an earlier match: `last` stays, and `noted` says a reading intervened."""
    readers = tables().by_reading.get(syllable, frozenset()) - _document().unused
    after = {"owed": "" if syllable == hyp.owed else hyp.owed, "noted": True}
    if hyp.pending is None:
        return hyp._replace(**after) if hyp.last_code in readers else None
    if hyp.last < 0:
        return None
    leads = tuple(v for v in hyp.pending if hyp.last << 8 | v in readers)
    if not leads:
        return None
    char = tables().char_of[hyp.last << 8 | leads[0]] if len(leads) == 1 else "?"
    return _note(
        hyp._replace(pending=leads, **after),
        pos,
        f"pinyin ({syllable}) read across bytes {hyp.last:02x}+lead = {char}",
    )


# ---------------------------------------------------------------- expanding one token


def _expand(hyp: _Hyp, tokens: list[_Token], i: int) -> Iterator[tuple[int, _Hyp]]:
    """Every way token i can continue `hyp`; yields (next token index, hypothesis)."""
    token = tokens[i]
    if hyp.owed and not token.syllable:
        return  # a listed character's bytes with no reading after them: impossible
    if token.kind == "bytes":
        if token.data == SENTENCE_END_BYTES and hyp.pending is not None:
            return  # every 。 in the stream was a split point: the decoder restarted there
        misread = hyp.pending is not None and _is_text(token.data)
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        hyp = _named_by_next_reading(hyp, token, following)
        after = _bytes_at(tokens, i + 1)
        beyond = _bytes_at(tokens, i + 2) if after else b""
        # An ASCII trail ends the misread run, so the character after it is certain: where the
        # lead is known only as a range, readings are compared with it, or a rare one it makes a
        # word with is cut first (靦 of 靦腆).
        wide = hyp.pending is not None and len(hyp.pending) > 1
        aligned_after = wide and _in_step_after(token.data, after)
        for h in _feed_bytes(hyp, token.data, token.start, after, beyond):
            if aligned_after:
                yield from _expand(h, tokens, i + 1)
            else:
                yield i + 1, _proven(h) if misread else h
    elif token.kind == "note":
        if token.data and not hyp.owed:  # the text it may be
            yield from ((i + 1, h) for h in _feed_bytes(hyp, token.data, token.start))
        h = _annotated(hyp, token.syllable, token.start)
        if h is None:
            if hyp.pending is None and not hyp.owed:
                yield i + 1, _unexplained(hyp, token)
            return
        if hyp.pending is not None:
            yield i + 1, h
        elif _after_ascii(hyp.out):
            # Read across an ASCII byte and the character before it (”I(dào): `a1 b1 49`, 盜
            # = `b1 49`): the pinyin step only sees that after a Chinese character, not after a
            # mark, so the repair, which has the bytes, removes it.
            yield i + 1, _note(h, token.start, f"({token.syllable}) was read across an ASCII byte")
        else:
            yield i + 1, _kept_for_pinyin_step(h, token.syllable)
    else:
        yield from _expand_question(hyp, tokens, i)


def _unexplained(hyp: _Hyp, token: _Token) -> _Hyp:
    """A reading after a character no listed one explains, in step (表(biǎo): 表 is written
    alike in both scripts, so never listed), is the source's own gloss or damage repair cannot
    read: kept as it stands for the pinyin step, at a price, so that a garble before it is
    still repaired (every reading had died there, and `?jīng)` was left)."""
    kept = _kept_for_pinyin_step(hyp._replace(noted=True), token.syllable)
    return _note(
        _pay(kept, COST_UNEXPLAINED_READING), token.start, f"({token.syllable}) left as it stands"
    )


def _kept_for_pinyin_step(hyp: _Hyp, syllable: str) -> _Hyp:
    """The reading stays in the text after the character before it (`_text` with notes), for
    the pinyin step to judge."""
    return hyp._replace(out=(syllable, True, hyp.out))


def _named_by_next_reading(hyp: _Hyp, token: _Token, following: _Token | None) -> _Hyp:
    """A lead known only as a range (after a dropped pair), an ASCII trail that survived, then
    `(pinyin)`: the reading must be of the character they make, so only the leads that make
    one read so are kept before commonness would cut a rare character (她靦腆: `fd ec` dropped,
    `t(tiǎn)` left; 靦 = `ec 74`)."""
    if (
        hyp.pending is None
        or len(hyp.pending) == 1
        or len(token.data) != 1
        or following is None
        or following.kind != "note"
        or following.data  # an untoned `(men)` may be text
    ):
        return hyp
    trail = token.data[0]
    readers = tables().by_reading.get(following.syllable, frozenset())
    return hyp._replace(pending=tuple(v for v in hyp.pending if v << 8 | trail in readers))


def _after_ascii(out: tuple | None) -> bool:
    """The last thing read is an ASCII byte (not a reading kept for the pinyin step)."""
    return out is not None and not out[1] and out[0].isascii()


def _is_text(data: bytes) -> bool:
    """An observed double-byte character that is not a mark: re-reading it is garble evidence."""
    return len(data) == 2 and int.from_bytes(data) not in STREAM_MARKS


def _expand_question(hyp: _Hyp, tokens: list[_Token], i: int) -> Iterator[tuple[int, _Hyp]]:
    """The readings of a '?': real `?`, or a decoder error over an unknown byte plus what it ate."""
    token = tokens[i]
    pos = token.start
    if token.syllable:
        hidden = _read_as(hyp.pending, token.syllable)
        for h in (*_feed(hyp, hidden, pos, hidden=True), *_named_by_reading(hyp, token)):
            h = _annotated(h, token.syllable, pos)
            if h is not None:
                eaten = _note(h, pos, f"'?' ate the '(' of ({token.syllable})")
                yield token.after_syllable, _proven(eaten)
        if hyp.pending is None:
            yield from ((token.after_syllable, _proven(h)) for h in _missing_byte(hyp, token))
        return
    for h in _feed_bytes(hyp, QUESTION_MARK_BYTES, pos):
        yield i + 1, h
    # A misread run that ends a piece right before a time's minutes (上午7:30 seen as 午?:30)
    # ended at the hour's digit, which the '?' swallowed: the byte is lost, not absent.
    if token.before_split and not (token.before_minutes and hyp.pending is not None):
        # Where a dropped pair left the lead unknown too, the orphan ends a character nothing
        # else shows (國家 before 。: `f8 bc` dropped, `d2` orphaned): the model names it.
        unseen = hyp.pending is not None and len(hyp.pending) > 1
        split_by_mark = _split_by_question_mark(tokens, i)
        for h in _feed(hyp, HIGH, pos, hidden=True, unseen=unseen):
            h = _note(h, pos, "'?' is a byte orphaned at a split point")
            h = _pay(h, ORPHAN_ENDS_UNSEEN_GAIN) if unseen else h
            if split_by_mark:
                mark = tokens[i + 1].start
                yield from ((i + 2, m) for m in _feed_bytes(h, QUESTION_MARK_BYTES, mark))
            else:
                yield i + 1, _text_end(h, pos) if token.ends_text else h
    if hyp.pending is not None:
        following = _following(tuple(tokens[i + 1 : i + 1 + REPORT_OPENING]))
        for h in _feed(hyp, HIGH, pos, hidden=True):
            swallowed = _swallowed(h, pos, following, bracket=token.opens_bracket)
            yield i + 1, _pay(swallowed, COST_LOST_ASCII)
        # A lead known only as a range (a dropped pair or a '?' hid it): the character vanished
        # whole, and is read among the few whose trail can start a bad pair (。”她還向: 還 =
        # `df 80`, its lead dropped with 她's trail, its trail under the '?').
        whole = len(hyp.pending) > 1
        for h in _feed(hyp, BAD_PAIR_FIRSTS, pos, hidden=True, unseen=whole):
            two = h._replace(
                pending=_bad_pair_seconds(h.last), pending_from=pos, hidden=h.hidden + 1
            )
            yield i + 1, _pay(two, COST_TWO_HIDDEN)


def _split_by_question_mark(tokens: list[_Token], i: int) -> bool:
    """Is the '?' after token i what split the stream there, if the '?' at i is an orphan?  Then
    it is a ？ made ASCII, not a misread pair: %。縣 (`25 a1 | a3 bf | 68`) seen as %??h is not
    %還衕, `a1`'s orphan then `80` and a lead under the second '?'."""
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return following is not None and following.kind == "?" and not following.syllable


@cache
def _bad_pair_seconds(first: int) -> tuple[int, ...]:
    """The lead bytes that make no character after `first`, nor a user-defined pair: the
    decoder made a '?' of two bytes only where they were no pair at all, so the character before
    one ended with a byte of BAD_PAIR_FIRSTS (`a7` of 效 = `d0 a7`, before 率 = `c2 ca`; not 小 =
    `d0 a1`, since `a1` and any lead make a symbol: 效率低 had been read 小皇帝)."""
    char_of = tables().char_of
    return tuple(
        second
        for second in HIGH[1:]
        if first << 8 | second not in char_of and not is_user_defined(first, second)
    )


def _read_as(pending: tuple[int, ...] | None, syllable: str) -> tuple[int, ...]:
    """What a byte hidden under a '?' that ate the `(` of `(syllable)` can be: after a pending
    lead, only a trail that makes the listed character read so (競 = `b8 82` before (jìng),
    too rare to be among the likeliest `b8` characters).  A lead known only as a range is left
    to `_named_by_reading`; with no lead pending, the byte is one."""
    if pending is None or len(pending) > 1:
        return HIGH
    return _trails_read_as(pending[0], syllable)


@cache
def _trails_read_as(lead: int, syllable: str) -> tuple[int, ...]:
    readers = tables().by_reading.get(syllable, frozenset())
    return tuple(t for t in HIGH if lead << 8 | t in readers)


def _text_end(hyp: _Hyp, pos: int) -> _Hyp:
    """A byte orphaned at the very end: the pair it formed with the file's final line end read
    as '?'.  Every reading ends its paragraph there, so each is scored with the line end
    (上。” ends a text, 上海” rarely does)."""
    return _note(_emit(hyp, "\n"), pos, "'?' swallowed the line end that ends the text")


class _Following(NamedTuple):
    """What the text after a '?' says about the ASCII byte it may have swallowed."""

    line_start: bool  # after a sentence end, a paragraph opens here likelier than a digit
    report: bool  # an outlet's dateline opens here
    digit: str  # the one digit that can go before the number opening here (11月), if any


@lru_cache(maxsize=256)
def _following(tokens: tuple[_Token, ...]) -> _Following:
    """Read once per '?', not once per reading of it (the dateline is a regular expression)."""
    text = _as_simplified(_observed(tokens))
    opens_text = text[:1] != "" and (is_han(text[0]) or text[0].isdigit())
    opens_quotation = text[:1] in QUOTES  # 。”\n“: no digit or bracket comes between
    line_start = opens_quotation or (opens_text and char_bigrams().line_end_after_sentence(text))
    return _Following(line_start, opens_report(text), only_digit_before(text))


def _swallowed(hyp: _Hyp, pos: int, following: _Following, *, bracket: bool) -> _Hyp:
    """The ASCII byte a '?' swallowed (the decoder is aligned again after it, so `following`
    is the true text after it).  Where a later `)` closes a bracket no visible `(` opened, it
    was that `(` (日報訊(記者朱文君)).  Between a sentence end (。 or 。” ...) and Chinese
    text or a digit it is a line end, a digit or a bracket (。”9月, 。”\n3月, 。”(张): the
    corpus says which the next two characters follow more often (a month apart); before an
    opening quotation mark it is a line end (。”\n“).  Before an outlet's
    dateline (本報訊, 新華社南京3月12日電) it is a line end: a report opens a paragraph.
    A digit, a bracket or anything else (a letter) is lost: '□', unless only one digit can
    go before the number that follows (。”□1月 is 。”11月); it is scored as '□' all the same,
    which the model weighed against a line end."""
    if bracket:
        return _note(_emit(hyp, "（"), pos, "'?' swallowed the '(' a later ')' closes")
    if following.line_start and _ends_sentence(hyp.out):
        return _note(_emit(hyp, "\n"), pos, "'?' swallowed the line end after a sentence")
    if following.report:
        return _note(_emit(hyp, "\n"), pos, "'?' swallowed the line end before a dateline")
    if following.digit:
        named = _emit(hyp, following.digit, state=_scored(hyp.lm, LOST))
        why = f"'?' swallowed a digit: only {following.digit} makes the number after it a count"
        return _note(named, pos, why)
    return _note(_emit(hyp, LOST), pos, "'?' swallowed an ASCII byte: lost, shown as □")


def _observed(tokens: tuple[_Token, ...]) -> str:
    """What these tokens read as, past inserted readings (本報(bào)訊), up to the first that is
    neither text nor a digit."""
    text = ""
    for token in tokens:
        if token.kind == "note":
            continue
        if token.kind != "bytes" or not (_is_text(token.data) or token.data.isdigit()):
            break
        text += token.data.decode("gbk")
    return text


def _ends_sentence(out: tuple | None) -> bool:
    while out is not None and out[0] in CLOSING:
        out = out[2]
    return out is not None and out[0] in "。?!"


def _named_by_reading(hyp: _Hyp, token: _Token) -> Iterator[_Hyp]:
    """A lead known only as a range (after a dropped pair) and a trail hidden under the '?'
    before `pinyin)`: too loose to enumerate, but the reading names the character."""
    if hyp.pending is None or len(hyp.pending) == 1:
        return
    char_of = tables().char_of
    for code in tables().by_reading.get(token.syllable, frozenset()) - _document().unused:
        if code >> 8 in hyp.pending:
            step = _emit(hyp, char_of[code], code)._replace(hidden=hyp.hidden + 1)
            yield _note(
                step, token.start, f"bytes {code >> 8:02x} {code & 0xFF:02x} = {char_of[code]}"
            )


def _missing_byte(hyp: _Hyp, token: _Token) -> Iterator[_Hyp]:
    """The char before `(pinyin)` lost a byte outright (NOTES #10): its reading names it."""
    char_of = tables().char_of
    for code in tables().by_reading.get(token.syllable, frozenset()) - _document().unused:
        char = char_of[code]
        h = _pay(_emit(hyp, char, code), COST_MISSING_BYTE)
        yield _note(
            h, token.start, f"a byte of {char} is missing; '?' + pinyin ({token.syllable}) name it"
        )


def _dropped_pairs(
    hyp: _Hyp,
    pos: int,
    candidates: int,
    *,
    twice: bool = False,
    unseen: bool = False,
    then: str = "",
) -> Iterator[_Hyp]:
    """While misaligned, a pair in GBK's user-defined area vanished from the output: its first
    byte ended the pending character, its second starts the next one.  With `twice`, also two
    such pairs in a row after the best of those, and after any that reads the first character
    of a name the document shows (覃 of 。”覃正富说: rare, so never the best): the character
    between them vanished whole, both bytes `unseen` (安全生產: `ab c9` and `fa ae` both
    dropped, and with them 生 = `c9 fa`)."""
    firsts = (*range(0xA1, 0xA8), *range(0xAA, 0xB0), *range(0xF8, 0xFF))
    once = []
    for step in _feed(hyp, firsts, pos, unseen=unseen, then=then, width=candidates):
        first = step.last
        leads = tuple(range(0x81, 0xA1)) if first < 0xA8 else tuple(range(0xA1, 0xFF))
        step = _note(
            step._replace(pending=leads, pending_from=pos),
            pos,
            f"a user-defined pair starting 0x{first:02x} was dropped",
        )
        once.append(_pay(step, COST_DROPPED_PAIR))
    yield from once
    if twice and once:
        best = max(once, key=lambda h: h.score)
        name_firsts = _document().name_firsts
        for h in (best, *(h for h in once if h.last_code in name_firsts and h is not best)):
            yield from _dropped_pairs(h, pos, candidates, unseen=True, then=then)


def _within_reach(
    drops: Iterable[_Hyp], best: float, margin: float = DROP_MARGIN
) -> Iterator[_Hyp]:
    """The readings a dropped pair makes that are worth reading on: within `margin` of the
    best reading at this token, or ending with a character always worth a try (`_wanted`: the
    rare first character of a name the document shows gains only once the name is whole)."""
    floor = best - margin
    return (d for d in drops if d.score >= floor or d.last_code in _wanted(d.lm))


def _text(out: tuple | None, *, notes: bool) -> str:
    parts: list[str] = []
    while out is not None:
        text, is_note, out = out
        if not is_note:
            parts.append(text)
        elif notes:
            parts.append(f"({text})")
    return "".join(reversed(parts))


def _decode_window(
    tokens: list[_Token], first: int, quoted: str, width: _Width
) -> tuple[int, list[_Hyp]]:
    """Beam-search from token `first` until every reading is aligned again, CONTEXT tokens
    past both the last '?' met (past the `pinyin)` it may have eaten the `(` of) and the last
    token some reading was misaligned at, so the choice is made with clean text on its right
    (集約經營, 塔裡木, 實(shí)驗); returns (end token, the
    readings left, best first).  No reading is left if nothing fits; the end is then `first`,
    or the cut-off if the window never closed."""
    agenda: dict[int, list[_Hyp]] = {first: [_start(tokens, first, quoted)]}
    last_question = misaligned = first
    limit = min(len(tokens), first + MAX_WINDOW)
    for i in range(first, limit):
        beam = _prune(agenda.pop(i, []), width.beam)
        if not beam:
            if not agenda:
                return first, []  # every reading died: the rest of the piece is not skipped
            continue
        if tokens[i].kind == "?":
            last_question = tokens[i].after_syllable - 1 if tokens[i].syllable else i
        aligned = all(h.pending is None for h in beam)
        if not aligned:
            misaligned = i
        closable = tokens[i].kind != "note"  # a reading checks the character before it
        settled = i > max(last_question, misaligned) + CONTEXT
        if aligned and closable and not agenda and settled:
            return i, beam
        named = "" if aligned else _next_characters(tokens[i])  # only drops need it
        for rank, hyp in enumerate(beam):
            for nxt, h in _expand(hyp, tokens, i):
                agenda.setdefault(nxt, []).append(h)
            if hyp.pending is not None and (
                rank < width.drop_beam or hyp.last_code in _wanted(hyp.lm)
            ):
                drops = _dropped_pairs(
                    hyp, tokens[i].start, width.drop_candidates, twice=rank == 0, then=named
                )
                for d in _within_reach(drops, beam[0].score, width.drop_margin):
                    for nxt, h in _expand(d, tokens, i):
                        agenda.setdefault(nxt, []).append(h)
    if limit < len(tokens):
        return limit, []
    done = [h for h in agenda.pop(len(tokens), []) if h.pending is None]
    return (len(tokens), _prune(done, width.beam)) if done else (first, [])


def _next_characters(token: _Token) -> str:
    """What the character after dropped pairs read before `token` can be: one a '?' before
    `pinyin)` ends (its reading names it), or one the first byte of an observed character ends,
    its lead lost with the pair (經濟支撐力 read as 經洕瘟, `fa d6` and `a7 93` dropped: 瘟's
    `ce` ends 撐, and 支撐 is what lets 支 be found)."""
    if token.kind == "?" and token.syllable:
        return _read_by(token.syllable)
    if token.kind == "bytes" and _is_text(token.data):
        return _with_trail(token.data[0])
    return ""


@cache
def _read_by(syllable: str) -> str:
    """Every listable character whose reading is `syllable`."""
    char_of = tables().char_of
    return "".join(sorted({char_of[code] for code in tables().by_reading.get(syllable, ())}))


@cache
def _with_trail(trail: int) -> str:
    """Every plausible character whose second byte is `trail`."""
    char_of = tables().char_of
    codes = (lead << 8 | trail for lead in HIGH[1:])
    return "".join(char_of[c] for c in codes if c in tables().plausible)


def _prune(hyps: list[_Hyp], beam: int) -> list[_Hyp]:
    """Best first; drop readings far behind the best, they never come back.  Beyond `beam`, keep
    those that end with the first character of a name the document shows: rare, it is paid
    back only at the name's next character (`_name_gain`), and 。”佴桂兰笑着说 had lost 佴 to
    the readings of the '?' after it (赌桂兰)."""
    hyps.sort(key=lambda h: h.score, reverse=True)
    floor = hyps[0].score - MARGIN if hyps else 0.0
    firsts = _document().name_firsts
    kept = [h for h in hyps[:beam] if h.score >= floor]
    return kept + [h for h in hyps[beam:] if h.last_code in firsts and h.score >= floor]


def _windows(
    tokens: list[_Token], strict: bool, quoted: str, offset: int
) -> Iterator[tuple[int, int, list[_Hyp]]]:
    """Repair each run of '?' in a piece that opens with the quotation marks `quoted` open;
    yields (first token, end token, the readings left, best first).  A window whose choice is
    doubtful (`_doubtful`) is searched again, WIDE.
    A run that no reading explains, or explains no better than it reads already, is left.
    Which quotation marks are open comes from the text as repaired so far: a 。” swallowed at
    a paragraph end is found only if the “ garbled earlier in the paragraph is known."""
    done = known = 0
    open_at_known = quoted  # the quotation marks open before token `known`
    for q, token in enumerate(tokens):
        if token.kind != "?" or q < done:
            continue
        first = max(done, q - CONTEXT)
        opened = _quoted(tokens[known:first], open_at_known)
        at = _WINDOW_AT.set(offset + tokens[first].start)  # the piece starts at `offset`
        try:
            end, readings = _searched(tokens, first, opened, offset, NARROW)
            if _doubtful(readings):
                end, readings = _searched(tokens, first, opened, offset, WIDE)
            accepted = bool(readings) and _accepted(tokens, first, end, readings[0], strict, opened)
        finally:
            _WINDOW_AT.reset(at)
        if not accepted:
            done = max(end, _past_run(tokens, q))  # retrying inside would cost quadratic time
            continue
        done = known = end
        open_at_known = _quoted_after_text(opened, _text(readings[0].out, notes=False))
        yield first, done, readings


def _searched(
    tokens: list[_Token], first: int, quoted: str, offset: int, width: _Width
) -> tuple[int, list[_Hyp]]:
    """A window's end token and its readings, best first, once every model has had its say."""
    end, readings = _decode_window(tokens, first, quoted, width)
    if readings:
        rest = _rest_of_paragraph(offset + tokens[end - 1].end)
        readings = _reweighed_by_words(_balanced(readings, rest), rest[:1])
        readings = _reweighed_by_chars(readings, rest)
    return end, readings


def _doubtful(readings: list[_Hyp]) -> bool:
    """Did the models choose the best reading by less than DOUBTFUL_MARGIN over the likeliest
    reading with another text?  (Byte paths that read alike leave nothing in doubt.)"""
    margin = next((behind for _, behind in _other_texts(readings)), math.inf)
    return margin < DOUBTFUL_MARGIN


def _shape_at() -> str:
    """The shape of the quotation open where the window starts (`LmState.shape`), as the
    document's paragraph reads up to there."""
    return quotation_read("", "\n", _paragraph_before_window())[0]


def _paragraph_before_window() -> str:
    """The document's paragraph up to where the window starts, as read."""
    document = _document()
    end = document.start + _WINDOW_AT.get()
    start = document.text.rfind("\n", 0, end) + 1
    return _as_read(document.text[start:end])


def _rest_of_paragraph(at: int) -> str:
    """The document's text from `at` (in the part being repaired) to the end of its paragraph."""
    document = _document()
    start = document.start + at
    end = document.text.find("\n", start)
    return _as_read(document.text[start : end if end >= 0 else len(document.text)])


def _as_read(text: str) -> str:
    """Damaged text with its inserted readings taken out and its marks full-width (only '?'
    is left as it is: it may be damage)."""
    return ANNOTATION.sub("", text).translate(_MARKS_FULL_WIDTH)


def _balanced(readings: list[_Hyp], rest: str) -> list[_Hyp]:
    """Readings best first, each charged for what the rest of its paragraph, `rest`, says of
    the quotations it leaves open (`lm.rest_of_paragraph_odds`): the window ends before the
    paragraph does."""
    charged = [_pay(h, rest_of_paragraph_odds(h.lm, rest)) for h in readings]
    return sorted(charged, key=lambda h: h.score, reverse=True)


def _reweighed_by_words(readings: list[_Hyp], after: str) -> list[_Hyp]:
    """Readings best first once the word trigram has had its say (`wordlm.log_ratio`) between
    those that put the same marks where the search's best does: it knows no marks, so where
    they go (涉海科技 or 涉。科技) stays the search's call, and so does whether a window is
    repaired at all (`_accepted`): each reading is charged against the best's ratio.  Each is
    heard with the character `after` the window, which may be the mark that ends its last
    clause (bigrams.WORD_MARKS)."""
    if len(readings) < 2 or not wordlm.available():
        return readings
    texts = [_text(h.out, notes=False) + after for h in readings]
    return _charged(readings, texts, _word_ratio, WORD_LM_WEIGHT, _marks_of)


def _reweighed_by_chars(readings: list[_Hyp], rest: str) -> list[_Hyp]:
    """Readings best first once the character five-grams have had their say
    (`charngrams.log_ratios`), as the word trigrams do, each heard in Simplified with the
    characters around the window, `rest` the rest of its paragraph.  The five-grams hear
    punctuation, so they weigh readings that differ only in it (玩一玩。現在 against the search's
    玩一玩耍現在, which the readings without a mark could otherwise pass unasked); a '□', a digit,
    a letter or a line end they hear badly, and where those go stays the search's call."""
    if len(readings) < 2:
        return readings
    texts = [_as_simplified(_text(h.out, notes=False)).translate(_ALL_FULL_WIDTH) for h in readings]
    before, after = _heard_before(_paragraph_before_window()), _heard_after(rest)
    ratios = dict(zip(texts, charngrams.log_ratios(before, texts, after), strict=True))
    return _charged(readings, texts, ratios.__getitem__, CHAR_NGRAM_WEIGHT, _unpunctuated_marks)


def _heard_before(paragraph: str) -> str:
    """What the five-grams hear before a window: the paragraph's last characters before it,
    after its opening or its last '?' (whose bytes are not known)."""
    _, question, known = paragraph.rpartition("?")
    opening = "" if question else charngrams.LINE_START * NGRAM_CONTEXT
    return _as_simplified(opening + known)[-NGRAM_CONTEXT:]


def _heard_after(rest: str) -> str:
    """What the five-grams hear after a window: the rest of its paragraph up to a '?', its
    first few characters, and the paragraph's end if it comes among them."""
    ends = "?" not in rest and len(rest) < NGRAM_CONTEXT
    return _as_simplified(rest.partition("?")[0][:NGRAM_CONTEXT]) + (
        charngrams.LINE_END if ends else ""
    )


def _charged(
    readings: list[_Hyp],
    texts: list[str],
    ratio: Callable[[str], float],
    weight: float,
    marks_of: Callable[[str], str],
) -> list[_Hyp]:
    """Readings best first, each within WORD_LM_REACH of the best and putting the same marks
    (the ones `marks_of` returns) where the best does (`texts`: how a second model hears each)
    charged `weight` times how much less than the best's its `ratio` is."""
    marks, best = marks_of(texts[0]), ratio(texts[0])
    near = readings[0].score - WORD_LM_REACH
    charged = [
        _pay(h, weight * (ratio(t) - best)) if h.score >= near and marks_of(t) == marks else h
        for h, t in zip(readings, texts, strict=True)
    ]
    return sorted(charged, key=lambda h: h.score, reverse=True)


def _word_ratio(text: str) -> float:
    """`wordlm.log_ratio` of a reading as written (Traditional)."""
    return wordlm.log_ratio(_as_simplified(text))


def _as_simplified(text: str) -> str:
    """`text` as the models read it: each character by the table's Simplified form."""
    simplified = tables().simplified
    return "".join(simplified.get(c, c) for c in text)


def _marks_of(text: str) -> str:
    """What a reading writes besides Chinese characters, in order."""
    return "".join(c for c in text if not is_han(c))


def _unpunctuated_marks(text: str) -> str:
    """What a reading writes besides Chinese characters and punctuation, in order."""
    return "".join(c for c in _marks_of(text) if c not in _PUNCTUATION)


def _past_run(tokens: list[_Token], q: int) -> int:
    """The token after the run of consecutive '?' that starts at q."""
    while q < len(tokens) and tokens[q].kind == "?":
        q += 1
    return q


def _accepted(
    tokens: list[_Token], first: int, end: int, hyp: _Hyp, strict: bool, quoted: str
) -> bool:
    """Only a gain in fluency justifies rewriting text.  In a text that shows no inserted
    reading (`strict`) a '?' is rarely a misread byte: there the gain must be clear and, with
    no sign of misreading (text re-read, an eaten `(`, an orphan trail), pay for every byte it
    assumes, or bare '?' runs would be filled with invented words.  Where the text shows
    damage, a '?' left is a ？ in the text shown, and the reading is weighed against that (a
    lost character is likelier mid-sentence than a ？: 。常客酈 had lost to 。□□歪B, and the
    text read 。？？歪B); where it shows none, against a character lost, with STRICT_MARGIN
    to clear."""
    opening = _opening(tokens, first, quoted)
    state, named = _scored_tokens(opening, tokens[first:end], as_left=True, asked=not strict)
    gain = hyp.score - state.score - named
    if not strict:
        return gain >= 0.0
    assumed = hyp.hidden * COST_HIDDEN_BYTE if hyp.evidence == 0 else 0.0
    return gain + assumed >= STRICT_MARGIN


def _bytes_text(tokens: Iterable[_Token]) -> str:
    """What the tokens' own bytes read as, without readings or '?'."""
    return "".join(t.data.decode("gbk") for t in tokens if t.kind == "bytes")


def _why(hyp: _Hyp, start: int, end: int, choice: str) -> str:
    found: list[str] = []
    node = hyp.notes
    while node is not None:
        pos, message, node = node
        if start - 1 <= pos <= end and message not in found:
            found.append(message)
    found.reverse()
    return "; ".join(found) + "; re-decoded with the true alignment, language model chose " + choice


def _alternatives(readings: list[_Hyp]) -> list[tuple[str, float]]:
    """The other readings' texts, each once, likeliest first, with how much less likely than
    the best each was (to a tenth, as a reader is shown it)."""
    return [(text, round(behind, 1)) for text, behind in _other_texts(readings)]


def _other_texts(readings: list[_Hyp]) -> Iterator[tuple[str, float]]:
    """Each text the readings after the best make, once (many byte paths read alike), likeliest
    first, with how much less likely than the best it was; read lazily, as `_doubtful` needs
    only the first."""
    if not readings:
        return
    best = readings[0]
    seen = {_text(best.out, notes=True)}
    for other in readings[1:]:
        text = _text(other.out, notes=True)
        if text not in seen:
            seen.add(text)
            yield text, best.score - other.score


def _choice(
    after: str, j1: int, j2: int, alternatives: list[tuple[str, float]]
) -> tuple[str, float | None]:
    """What the language model chose the reading of after[j1:j2] over: the likeliest other
    reading that differs there, and how much less likely it was."""
    for text, margin in alternatives:
        if not _differs_near(after, text, j1, j2):
            continue  # a cheap test first: most readings differ elsewhere
        for k1, k2, l1, l2 in diff_regions(after, text):
            if k1 <= j2 and k2 >= j1:
                chosen, rejected = after[max(k1 - 1, 0) : k2 + 1], text[max(l1 - 1, 0) : l2 + 1]
                return f"{chosen!r} over {rejected!r} (log-probability {margin} lower)", margin
    return "among candidates", None


def _differs_near(after: str, other: str, j1: int, j2: int) -> bool:
    """Do the texts differ anywhere between their common start and common end that reaches
    after[j1:j2]?"""
    same_start = _common_start(after, other)
    room = min(len(after), len(other)) - same_start
    same_end = min(_common_start(after[::-1], other[::-1]), room)
    return same_start <= j2 and len(after) - same_end >= j1


def _common_start(a: str, b: str) -> int:
    return next(
        (k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def diff_regions(before: str, after: str) -> list[tuple[int, int, int, int]]:
    """Differing regions (i1, i2, j1, j2) of two texts, merged when under 3 characters apart."""
    groups: list[list[int]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if groups and i1 - groups[-1][1] < 3:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
    return [(i1, i2, j1, j2) for i1, i2, j1, j2 in groups]


def _changes(
    before: str, after: str, start: int, offset: int, readings: list[_Hyp]
) -> list[Change]:
    """One Change per region that really differs, so each covers only what was repaired."""
    at = offset + start
    alternatives = _alternatives(readings)
    changes = []
    for i1, i2, j1, j2 in diff_regions(before, after):
        choice, margin = _choice(after, j1, j2, alternatives)
        why = _why(readings[0], start + i1, start + i2, choice)
        why += _pronoun_why(before[i1:i2], after[j1:j2], at, after[:j1])
        changes.append(Change("garble", at + i1, at + i2, before[i1:i2], after[j1:j2], why, margin))
    return changes


def _pronoun_why(before: str, after: str, at: int, preceding: str) -> str:
    """What weighed a 他 or 她 the repair wrote, for the change's why (`preceding`: what the
    window read before the change, which may open a quotation the pronoun is in)."""
    written = [p for p in PRONOUNS if p in after and p not in before]
    if not written:
        return ""
    document = _document()
    at = document.start + at
    read = _passage_as_read(at)
    prefix = read + preceding + after[: after.index(written[0])]
    evidence = pronoun_evidence(
        document.text, at, QUOTATION_OPEN in _quoted_after_text("", prefix), read
    )
    return f"; {written[0]}, not {PRONOUNS.replace(written[0], '')}: {evidence}" if evidence else ""


def _repair_piece(
    piece: str, offset: int, strict: bool, quoted: str, *, last: bool
) -> tuple[str, list[Change]]:
    tokens = _tokenize(piece) if "?" in piece else None
    if not tokens:
        return piece, []
    if last and tokens[-1].kind == "?" and tokens[-1].end == len(piece):
        tokens[-1] = replace(tokens[-1], ends_text=True)
    out: list[str] = []
    changes: list[Change] = []
    cursor = 0
    for first, end, readings in _windows(tokens, strict, quoted, offset):
        start = tokens[first].start
        stop = tokens[end - 1].end if end > first else start
        repaired = _text(readings[0].out, notes=True)
        out.append(piece[cursor:start] + repaired)
        changes += _changes(piece[start:stop], repaired, start, offset, readings)
        at = _document().start + offset
        _READ.set((*_READ.get(), (at + start, at + stop, repaired)))
        cursor = stop
    out.append(piece[cursor:])
    return "".join(out), changes


def _shows_annotations(text: str) -> bool:
    """Inserted readings mark a document as damaged: there a '?' is likely a misread byte."""
    return any(
        has_tone_mark(m.group(1)) and m.group(1) in syllables() for m in _READING.finditer(text)
    )


def repair_garbles(text: str) -> tuple[str, list[Change]]:
    """Rebuild every span garbled by the GBK misalignment; Changes index `text`.

    Every garble starts at a `?`, so text without one costs nothing (and loads no model);
    nor does text without Chinese, which no misread Chinese came from (`?!!?` stays).
    Text with far more question marks than a damaged article holds is left as it is:
    the search costs time per mark, and hostile input must not buy unbounded time.
    """
    marks = text.count("?")
    if marks == 0 or marks > min(MAX_MARKS, max(20, len(text) // 20)):
        return text, []
    if not any(map(is_han, text)):
        return text, []
    names = names_in(text)
    in_step = read_in_step(text)
    shown = as_written(in_step)  # read once for its pairs, characters and words
    pairs, char_odds = _shown_in_step(shown)
    called = _as_called(names)
    document = _Document(
        _unused_forms(text),
        _listed(text),
        text,
        name_starts=_name_starts(called),
        names=called,
        rarities=_han_codes_in(in_step) - tables().plausible,
        name_firsts=_codes_of("".join(name[0] for name in names)),
        pairs=pairs,
        char_odds=char_odds,
        word_odds=_shown_words(shown),
        frequent=_codes_by_odds(char_odds),
    )
    repair = partial(_repair_part, document, not _shows_annotations(text))
    parts = _independent_parts(text) if marks >= 2 * MARKS_PER_PART and spare_cores() else [text]
    if len(parts) > 1:  # loaded here before helpers are forked, which then share them
        charngrams.char_ngrams()
        wordlm.available()
    starts = itertools.accumulate((len(part) for part in parts[:-1]), initial=0)
    placed = list(zip(starts, parts, strict=True))
    out, changes = [], []
    for (start, _), (repaired, found) in zip(placed, map_on_cores(repair, placed), strict=True):
        out.append(repaired)
        changes += [replace(c, start=c.start + start, end=c.end + start) for c in found]
    return "".join(out), changes


def _repair_part(
    document: _Document, strict: bool, placed: tuple[int, str]
) -> tuple[str, list[Change]]:
    """Repair one part of the document, (where it starts, its text)."""
    start, text = placed
    token, read = _DOCUMENT.set(document._replace(start=start)), _READ.set(())
    try:
        return _repair_pieces(text, strict)
    finally:
        _DOCUMENT.reset(token)
        _READ.reset(read)


def _independent_parts(text: str) -> list[str]:
    """`text` cut after line ends into parts that repair exactly as the whole does, each with
    MARKS_PER_PART '?' or more.  A line end realigns the decoder, closes every quotation and
    bracket the repair tracks, and leaves the language model in the same state whatever was
    read before it; with no '?' within QUIET tokens of it, no window on its right reads text
    on its left.  (A window on its left may read on past it, through clean text that adds
    the same to every reading, so it chooses the same; only floating-point rounding could
    tell the two apart, and on the articles compared it never did.)"""
    parts, start, counted, marks = [], 0, 0, 0  # '?' in text[start:counted]
    for line_end in re.finditer("\n", text):
        marks, counted = marks + text.count("?", counted, line_end.start()), line_end.start()
        if marks >= MARKS_PER_PART and _quiet(text, line_end.start()):
            parts.append(text[start : line_end.end()])
            start, marks = line_end.end(), 0
    if parts and text.count("?", start) < MARKS_PER_PART:
        return [*parts[:-1], parts[-1] + text[start:]]
    return [*parts, text[start:]]


def _quiet(text: str, at: int) -> bool:
    """No '?' within QUIET tokens of `at` on either side: an annotation is one token."""
    reach = 10 * QUIET  # characters enough for QUIET tokens, annotations and all
    before = ANNOTATION.sub("(", text[max(0, at - reach) : at])[-QUIET:]
    after = ANNOTATION.sub("(", text[at + 1 : at + 1 + reach])[:QUIET]
    return "?" not in before + after


def _repair_pieces(text: str, strict: bool) -> tuple[str, list[Change]]:
    out: list[str] = []
    changes: list[Change] = []
    offset = 0
    quoted = ""  # the text opens a paragraph
    pieces = text.split(PIECE_CUT)
    for number, piece in enumerate(pieces, start=1):
        repaired, found = _repair_piece(piece, offset, strict, quoted, last=number == len(pieces))
        quoted = _quoted_after_text(quoted, repaired)
        out.append(repaired)
        changes += found
        offset += len(piece) + 1
    return PIECE_CUT.join(out), changes
