"""Does decoded text read as Chinese?

Bytes in another encoding (EUC-KR, Shift-JIS, EUC-JP, EUC-TW) are mostly valid GB18030 or Big5 too,
and "decode" quietly into real characters in an order no Chinese text has; so does a wrong choice
between GB18030 and Big5 (charset-normalizer reads one line in 50 of chardet's Big5 test pages as
GB18030, one in 21 of its GB2312 pages as Big5), and so does UTF-8 Chinese once read as GBK and
saved again. The People's Daily character pairs the garble repair counts (normalize/bigrams.py)
tell them apart: the mean log P(character | previous) over adjacent Han characters, after
conversion to Simplified, is -4.8 to -9.1 on Chinese text (1,948 held-out news paragraphs three at
a time, the seeds and gold, chardet's GB2312 and Big5 pages down to a Cantonese chat blog at -9.1,
classical Chinese at -7.8) and -10.7 to -14.7 on chardet's pages in other encodings read as GB18030
or Big5, Big5 read as GB18030 and the reverse, and UTF-8 read as GBK. Two shares of characters
settle what pairs cannot: private-use ones (garbage) and kana (Japanese). Between two readings that
are both Chinese as far as can be told, the likelier characters win: a short text has too few pairs
to prove anything, yet 南通 (GBK) beats 鳅籵 (the same bytes as Big5) by far.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from generator.normalize.bigrams import char_pairs
from generator.normalize.lm import is_han
from generator.normalize.script import simplify

MIN_PAIRS = 20  # fewer adjacent Han pairs say too little to refuse a file
MIN_PAIRS_TO_COMPARE = 5  # but enough to prefer one codec's reading to another's
CHINESE_LOGP = -10.0  # below this mean, the characters do not follow one another as Chinese
# Private-use characters among Han and private-use ones: GB18030 maps bytes no character has
# there, so Big5 read as GB18030 is full of them (chardet's Big5 pages: 34 % and more; Hong
# Kong's 佢哋… 44 %), and so few Han characters stand together that their pairs show nothing.
# Chinese text has none (chardet's GB2312 and Big5 pages, the seeds).
MAX_PRIVATE_SHARE = 0.05
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# Kana among Han and kana: Japanese kanji pairs read as fluent Chinese (-5.7), but chardet's
# Japanese pages are 38 % kana and more, Chinese text at most 0.2 % (a brand's の).
MAX_KANA_SHARE = 0.1
_KANA = re.compile("[\u3040-\u30ff]")


@dataclass(frozen=True)
class Fluency:
    """How a decoded text reads: its Han pairs' fluency, its private-use characters and kana."""

    pairs: int  # adjacent Han characters scored
    mean_logp: float  # their mean log P(character | previous); 0.0 with no pairs
    private_share: float  # of the Han and private-use characters, the private-use ones
    kana_share: float  # of the Han and kana characters, the kana
    char_logp: float  # mean log P(each Han character | the one before, if Han); -inf: none

    @property
    def reads_as_chinese(self) -> bool:
        """Not proven otherwise: too short to judge, or fluent."""
        return self.problem is None

    @property
    def shows_chinese(self) -> bool:
        """Enough fluent Han pairs to say this reading is the Chinese one."""
        fluent = self.pairs >= MIN_PAIRS_TO_COMPARE and self.mean_logp >= CHINESE_LOGP
        return fluent and self.problem is None

    @property
    def japanese(self) -> bool:
        """Written with kana (and not garbage that happens to hold kana, as Big5 read as GB18030)."""
        return self.kana_share > MAX_KANA_SHARE and self.private_share <= MAX_PRIVATE_SHARE

    @property
    def problem(self) -> str | None:
        """Why the text is not Chinese, as measured; None if nothing says so."""
        if self.private_share > MAX_PRIVATE_SHARE:
            return f"{self.private_share:.0%} of its characters are private-use"
        if self.japanese:
            return f"{self.kana_share:.0%} of its Han and kana characters are Japanese kana"
        if self.pairs >= MIN_PAIRS and self.mean_logp < CHINESE_LOGP:
            return (
                f"adjacent characters average log-probability {self.mean_logp:.1f}, "
                f"Chinese text > {CHINESE_LOGP:.0f}"
            )
        return None


@lru_cache(maxsize=2)
def fluency(text: str) -> Fluency:
    """How well the text's adjacent Han characters follow one another in news text.  Remembers
    the last two texts: decoding scores two readings to choose one, then checks the chosen."""
    simplified = simplify(text)
    bigrams = char_pairs()
    scores = [bigrams.logp(a, b) for a, b in pairwise(simplified) if is_han(a) and is_han(b)]
    alone = [bigrams.logp("", b) for a, b in pairwise(" " + simplified) if is_han(b) > is_han(a)]
    chars = scores + alone
    han = sum(map(is_han, text))
    private, kana = len(_PRIVATE_USE.findall(text)), len(_KANA.findall(text))
    return Fluency(
        pairs=len(scores),
        mean_logp=sum(scores) / len(scores) if scores else 0.0,
        private_share=private / max(han + private, 1),
        kana_share=kana / max(han + kana, 1),
        char_logp=sum(chars) / len(chars) if chars else -math.inf,
    )


def reads_better(text: str, than: str) -> bool:
    """Of two readings of the same bytes, `text` is nearer Chinese: it shows Chinese where `than`
    does not, or `than` is proven noise (private-use characters, pairs no Chinese writes) and
    `text` is not; or, neither proven noise, its characters are the likelier news text.  The
    last settles short texts, whose few pairs prove nothing: 南通 in GBK is also Big5 鳅籵."""
    a, b = fluency(text), fluency(than)
    if _rank(a) != _rank(b):
        return _rank(a) > _rank(b)
    return _rank(a) > 0 and a.char_logp > b.char_logp


def _rank(score: Fluency) -> int:
    """2: shows Chinese; 1: too little to tell; 0: not Chinese."""
    return 2 if score.shows_chinese else int(score.reads_as_chinese)


def has_chinese(text: str) -> bool:
    return any(map(is_han, text))
