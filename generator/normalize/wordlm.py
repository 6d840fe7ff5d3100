"""Word trigrams of modern Chinese, for garble repair's last word between readings.

lm.py's model (jieba's word frequencies, with the character pairs of one month of 1998 news)
scores one character at a time, fast enough to steer the search, but it hardly hears context:
it finds 心情后 likelier than 心情好, and 那天敢说 than 那天跟我说.  libime's model (fcitx5's
input method, Debian's `libime-data-language-model`, LGPL-2.1+) is a KenLM trigram over 165,000
words of modern text, read with the `kenlm` module; sunpinyin's open-gram (opengram.py) is
another, counted from other text, and each knows words the other does not (微信群, 犯愁呢): the
two are heard as one, each word priced by the model that finds it likelier (`_trigram_logp`).
The mean of their log probabilities was worse: a word one lacks (open-gram has no 心梗) paid that
model's price of an unknown word, and 是心梗 lost to 是心.  They rescore the readings a window's
search leaves: each gains how much likelier the trigrams find its Chinese than lm.py's word
model does.
A log ratio, not the model's own score, because a reading's length is fixed by the bytes it
explains, not by fluency: the trigram's own score would favour a reading that leaves marks and
'?' where characters were (a sentence of fewer characters is always likelier).
Without either package or the module nothing changes: repair falls back to lm.py alone.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import subprocess
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from generator.normalize import opengram
from generator.normalize.bigrams import WORD_MARKS
from generator.normalize.lm import HEARD_AS_HE, is_han, language_model
from generator.tables import system_file

MODEL_ENV = "DIGEST_WORD_LM"  # a KenLM binary to use instead; "" for none
MODEL_GLOB = "/usr/lib/*/libime/zh_CN.lm"  # where Debian installs libime's
# open-gram's: opengram.MODEL_ENV and opengram.MODEL_GLOB
MAX_WORD = 6  # the model's words are hardly longer
# A number, and the '□' of a digit lost, as the trigrams hear it: their words write numbers in
# Chinese (十 is in both models, `1` in neither).
_NUMBER = re.compile("[0-9□]+")
NUMERAL = "十"


def model_path() -> Path | None:
    """The model file: $DIGEST_WORD_LM if set, else libime's where Debian installs it."""
    return system_file(MODEL_ENV, MODEL_GLOB)


def _installed() -> list[tuple[Path, Callable[[Path], Path]]]:
    """The model files installed, each with what makes of it the file kenlm reads: libime's
    is one; open-gram's is written as ARPA text first (opengram.py).  None without kenlm."""
    try:
        import kenlm  # noqa: F401
    except ImportError:
        return []
    sources = ((model_path(), _as_is), (opengram.model_path(), opengram.arpa_file))
    return [(path, readable) for path, readable in sources if path and path.is_file()]


def _as_is(path: Path) -> Path:
    return path


@cache
def _models() -> dict[Path, Any]:
    """The installed models that load, by file: libime's (memory-mapped: 16 MB, a few
    milliseconds) and open-gram's (ARPA text: about a second, once a process)."""
    loaded = {path: _load(path, readable) for path, readable in _installed()}
    return {path: lm for path, lm in loaded.items() if lm is not None}


def _load(path: Path, readable: Callable[[Path], Path]) -> Any | None:
    """The model at `path` as kenlm reads the file `readable` makes of it; None where it
    cannot be read (said once: repair goes on without it)."""
    import kenlm

    config = kenlm.Config()
    config.show_progress = False
    try:
        kenlm_file = readable(path)
        with _stderr_silenced():
            return kenlm.Model(str(kenlm_file), config)
    except (OSError, ValueError, LookupError, subprocess.SubprocessError) as exc:
        warnings.warn(
            f"word model {path} cannot be read, repairing without it: {exc}", stacklevel=3
        )
        return None


@contextmanager
def _stderr_silenced() -> Iterator[None]:
    """kenlm tells stderr, whatever its config says, that an ARPA file would load faster as a
    binary one; its Python module cannot write one, and the advice is no user's business."""
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def reset() -> None:
    """Forget the models loaded and what they said: $DIGEST_WORD_LM and $DIGEST_OPEN_GRAM are
    read again."""
    _models.cache_clear()
    _heard_logp.cache_clear()
    _word_logp.cache_clear()


def available() -> bool:
    return bool(_models())


def loaded() -> list[Path]:
    """The model files repair hears."""
    return list(_models())


def identity() -> str:
    """Which models repair hears ("" for none): a build re-normalizes when they change.  From
    the files installed, without loading them: a build with nothing to repair loads none."""
    stats = ((path, path.stat()) for path, _ in _installed())
    return ";".join(f"{path}:{stat.st_size}:{stat.st_mtime_ns}" for path, stat in stats)


def log_ratio(text: str) -> float:
    """log P(text) by the word trigrams (heard as one) less log P(text) by lm.py's word
    model (nats), over the runs of Chinese characters in `text` (marks are not in the models'
    vocabularies).  The trigrams hear a number, or the '□' a lost digit left, as a numeral
    (第□轮 as 第十轮: a character before a number is read in its light, not alone); lm.py's
    model scores runs as the search does.  0.0 without a model."""
    if not _models():
        return 0.0
    heard = _NUMBER.sub(NUMERAL, text)
    heard_logp = sum(_heard_logp(*run) for run in _bounded_runs(heard))
    return heard_logp - sum(_word_logp(run) for run, _, _ in _bounded_runs(text))


def _bounded_runs(text: str) -> Iterator[tuple[str, bool, bool]]:
    """The runs of Chinese characters in `text`, each with whether a clause mark opens it
    and whether one ends it (the text's edges are no clause's: a window starts mid-text).
    A trigram that counted sentences cut at marks (open-gram) knows what opens a clause and
    what ends one (心情好，, not 心情后，).  The marks are bigrams.WORD_MARKS, not 、, which joins
    a list: 年、 ends many a list of years, and 抢占氢能、 tied with 氢年、."""
    at = 0
    for han, group in itertools.groupby(text, is_han):
        run = "".join(group)
        if han:
            before, after = text[at - 1 : at], text[at + len(run) : at + len(run) + 1]
            yield (
                run,
                before != "" and before in WORD_MARKS,
                after != "" and after in WORD_MARKS,
            )
        at += len(run)


@lru_cache(maxsize=1 << 15)
def _heard_logp(run: str, opens: bool, ends: bool) -> float:
    """The trigrams' log P of a run: a window's readings share most of theirs."""
    return _trigram_logp(run.translate(HEARD_AS_HE), list(_models().values()), opens, ends)


@lru_cache(maxsize=1 << 15)
def _word_logp(run: str) -> float:
    """lm.py's log P of a run."""
    return language_model().sentence(run.translate(HEARD_AS_HE))


def _trigram_logp(run: str, models: list[Any], opens: bool, ends: bool) -> float:
    """log P (nats) of the best segmentation of `run` into words (a character is always one),
    each word priced by the model that finds it likeliest where it stands, each path keeping
    every model's state where it ends.  Not a mixture of the two: they segment differently
    (总在 is one word to open-gram), and along one segmentation the model that would not have
    cut there disagrees at every word, which a mixture charges log 2 a word whatever is read
    (“他总在信里说 lost to “所获在信里说, which each model alone rejects).  A run a clause
    mark `opens` starts from the sentence start of the models that have one, and one a mark
    `ends` pays the likeliest model's price of ending there."""
    import kenlm

    starts = []
    for lm in models:
        starts.append(kenlm.State())
        if opens and "<s>" in lm:
            lm.BeginSentenceWrite(starts[-1])
        else:
            lm.NullContextWrite(starts[-1])
    best: list[tuple[float, Any]] = [(0.0, starts)] + [(-math.inf, None)] * len(run)
    for i in range(len(run)):
        score, states = best[i]
        for j in range(i + 1, min(len(run), i + MAX_WORD) + 1):
            word = run[i:j]
            if j - i > 1 and not any(word in lm for lm in models):
                continue
            afters = [kenlm.State() for _ in models]
            total = score + max(
                lm.BaseScore(state, word, after)
                for lm, state, after in zip(models, states, afters, strict=True)
            )
            if total > best[j][0]:
                best[j] = (total, afters)
    score, states = best[-1]
    if ends:
        closing = [
            lm.BaseScore(state, "</s>", kenlm.State())
            for lm, state in zip(models, states, strict=True)
            if "</s>" in lm
        ]
        score += max(closing, default=0.0)
    return score * math.log(10)
