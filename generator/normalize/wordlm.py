"""A word trigram model of modern Chinese, for garble repair's last word between readings.

lm.py's model (jieba's word frequencies, with the character pairs of one month of 1998 news)
scores one character at a time, fast enough to steer the search, but it hardly hears context:
it finds 心情后 likelier than 心情好, and 那天敢说 than 那天跟我说.  libime's model (fcitx5's
input method, Debian's `libime-data-language-model`, LGPL-2.1+) is a KenLM trigram over 165,000
words of modern text, read with the `kenlm` module.  It rescores the readings a window's search
leaves: each gains how much likelier this model finds its Chinese than lm.py's word model does.
A log ratio, not the model's own score, because a reading's length is fixed by the bytes it
explains, not by fluency: the trigram's own score would favour a reading that leaves marks and
'?' where characters were (a sentence of fewer characters is always likelier).
Without the package or the module nothing changes: repair falls back to lm.py alone.
"""

from __future__ import annotations

import glob
import itertools
import math
import os
import warnings
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from generator.normalize.lm import is_han, language_model

MODEL_ENV = "DIGEST_WORD_LM"  # a KenLM binary to use instead; "" for none
MODEL_GLOB = "/usr/lib/*/libime/zh_CN.lm"  # where Debian installs libime's
MAX_WORD = 6  # the model's words are hardly longer
# Which pronoun a lost trail byte hid is for the document to say (speakers.py), not the corpus:
# the model hears 她 and 它 as 他, as lm.py's character pairs hear 她.
_SAME_PRONOUN = str.maketrans("她它", "他他")


def model_path() -> Path | None:
    """The model file: $DIGEST_WORD_LM if set, else libime's where Debian installs it."""
    chosen = os.environ.get(MODEL_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    found = sorted(glob.glob(MODEL_GLOB))
    return Path(found[0]) if found else None


@cache
def model() -> Any | None:
    """The loaded model (memory-mapped: 16 MB, a few milliseconds), or None without one."""
    path = model_path()
    if path is None or not path.is_file():
        return None
    try:
        import kenlm
    except ImportError:
        return None
    try:
        return kenlm.Model(str(path))
    except OSError as exc:  # not a KenLM file: say so once, and repair without it
        warnings.warn(
            f"word model {path} cannot be read, repairing without it: {exc}", stacklevel=2
        )
        return None


def reset() -> None:
    """Forget the model loaded and what it said: $DIGEST_WORD_LM is read again."""
    model.cache_clear()
    _run_ratio.cache_clear()


def available() -> bool:
    return model() is not None


def identity() -> str:
    """Which model repair hears ("" for none): a build re-normalizes when it changes."""
    path = model_path()
    if not available() or path is None:
        return ""
    stat = path.stat()
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def log_ratio(text: str) -> float:
    """log P(text) by the word trigram less log P(text) by lm.py's word model (nats), over the
    runs of Chinese characters in `text` (marks are not in the model's vocabulary); 0.0
    without a model."""
    if model() is None:
        return 0.0
    runs = ("".join(run) for han, run in itertools.groupby(text, is_han) if han)
    return sum(_run_ratio(run.translate(_SAME_PRONOUN)) for run in runs)


@lru_cache(maxsize=1 << 15)
def _run_ratio(run: str) -> float:
    """`log_ratio` of one run of characters: a window's readings share most of theirs."""
    return _trigram_logp(run) - language_model().sentence(run)


def _trigram_logp(run: str) -> float:
    """The model's log P (nats) of the best segmentation of `run` into its words (a character
    is always a word), each path keeping the model's state where it ends."""
    import kenlm

    lm = model()
    start = kenlm.State()
    lm.NullContextWrite(start)
    best: list[tuple[float, Any]] = [(0.0, start)] + [(-math.inf, None)] * len(run)
    for i in range(len(run)):
        score, state = best[i]
        for j in range(i + 1, min(len(run), i + MAX_WORD) + 1):
            word = run[i:j]
            if j - i > 1 and word not in lm:
                continue
            after = kenlm.State()
            total = score + lm.BaseScore(state, word, after)
            if total > best[j][0]:
                best[j] = (total, after)
    return best[-1][0] * math.log(10)
