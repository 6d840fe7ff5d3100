"""sunpinyin's open-gram word trigram, written out as ARPA text for kenlm to read.

Garble repair's word trigram (wordlm.py) hears context its own model cannot, but one trigram
knows the words of the text it was counted from: libime's has 微信群 and not 犯愁呢, and
open-gram (Debian's `sunpinyin-data`, LGPL-2.1+: the model the sunpinyin input method reads,
71,759 words, 2.5 million word pairs and a million triples counted from text of its own) has
the other.  Heard as one (wordlm.py), they judge better than either.
open-gram ships in sunpinyin's threaded format, which `tslminfo` (Debian's `sunpinyin-utils`)
prints as text: each n-gram as word ids with -ln P and -ln of its backoff weight.  The ids
number the words of the lexicon the pinyin trie beside the model holds (`pydict_sc.bin`).
This module writes that as an ARPA file once, cached in the temp folder as the tables are
(tables.py); kenlm loads it in about a second.
"""

from __future__ import annotations

import math
import shutil
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

from generator.tables import cached_file, system_file

MODEL_ENV = "DIGEST_OPEN_GRAM"  # an lm_sc.t3g to use instead; "" for none
MODEL_GLOB = "/usr/lib/*/sunpinyin/data/lm_sc.t3g"  # where Debian installs sunpinyin-data
LEXICON = "pydict_sc.bin"  # beside the model
PRINTER = "tslminfo"
BOUNDARY = 0  # the id of a sentence's start and end alike
# log10 P of a word the model lacks: kenlm's <unk>, and the second word of a pruned pair that
# opens a kept triple when the lexicon has no unigram for it (`_pruned_contexts`).
UNKNOWN_LOG10 = -7.0
_LN10 = math.log(10)


def model_path() -> Path | None:
    """The model file: $DIGEST_OPEN_GRAM if set, else sunpinyin-data's where Debian puts it."""
    return system_file(MODEL_ENV, MODEL_GLOB)


def arpa_file(model: Path) -> Path:
    """The ARPA file of `model`, written once (about 20 s) and kept while the model is the
    same.  Raises OSError or ValueError where the model cannot be read."""
    return cached_file("open-gram", model, write_arpa, ".arpa")


def write_arpa(model: Path, destination: Path) -> None:
    """Write `model` (with its lexicon beside it) to `destination` as ARPA text."""
    printed = _printed(model)
    words = lexicon(model.with_name(LEXICON))
    grams: dict[int, list[tuple[list[str], float, float]]] = {1: [], 2: [], 3: []}
    for ids, cost, backoff_cost in printed_ngrams(printed):
        tokens = _tokens(ids, words)
        if tokens is not None:
            grams[len(ids)].append((tokens, -cost / _LN10, -backoff_cost / _LN10))
    grams[1] += [(["</s>"], log10, 0.0) for tokens, log10, _ in grams[1] if tokens == ["<s>"]]
    grams[1].append((["<unk>"], UNKNOWN_LOG10, 0.0))
    grams[2] += _pruned_contexts(grams)
    with destination.open("w", encoding="utf-8") as out:
        out.write("\\data\\\n")
        out.writelines(f"ngram {n}={len(rows)}\n" for n, rows in grams.items())
        for n, rows in grams.items():
            out.write(f"\n\\{n}-grams:\n")
            for tokens, log10, backoff in rows:
                tail = f"\t{backoff:.6f}" if n < 3 else ""
                out.write(f"{log10:.6f}\t{' '.join(tokens)}{tail}\n")
        out.write("\n\\end\\\n")


def lexicon(path: Path) -> list[str]:
    """The words by id: the trie file opens with how many there are and, third, the byte where
    their strings start, UCS-4 each ended by a zero."""
    data = path.read_bytes()
    count, _, start = struct.unpack_from("<3I", data)
    words = data[start:].decode("utf-32-le").split("\0")[:-1]  # none after the last zero
    if len(words) < count:
        raise ValueError(f"{path}: {len(words)} words where the header promises {count}")
    return words[:count]


def _printed(model: Path) -> str:
    """What `tslminfo -v` prints of `model`.  A file that is no model makes it die (SIGBUS):
    CalledProcessError."""
    printer = shutil.which(PRINTER)
    if printer is None:
        raise OSError(f"{PRINTER} is not installed (Debian's sunpinyin-utils prints the model)")
    return subprocess.run(
        [printer, "-v", str(model)], capture_output=True, text=True, check=True, timeout=300
    ).stdout


def printed_ngrams(printed: str) -> Iterator[tuple[tuple[int, ...], float, float]]:
    """(ids, -ln P, -ln backoff) of every n-gram in what `tslminfo -v` printed; a triple has
    no backoff (0.0)."""
    order = 0
    for line in printed.splitlines():
        if line.startswith("\\"):
            order = int(line[1])
            continue
        if order == 0:
            continue
        fields = line.split()
        numbers = fields[order : order + 2] if order < 3 else [fields[order], "0"]
        yield tuple(map(int, fields[:order])), float(numbers[0]), float(numbers[1])


def _tokens(ids: tuple[int, ...], words: list[str]) -> list[str] | None:
    """The n-gram's words; the boundary is <s> first and </s> last, and an n-gram with it
    inside (a sentence's end, then the next one's start) is one kenlm has no use for."""
    if BOUNDARY in ids[1:-1]:
        return None
    tokens = [words[i] for i in ids]
    if ids[0] == BOUNDARY:
        tokens[0] = "<s>"
    if len(ids) > 1 and ids[-1] == BOUNDARY:
        tokens[-1] = "</s>"
    if "" in tokens:
        raise ValueError(f"word ids {ids} have no word in the lexicon")
    return tokens


def _pruned_contexts(
    grams: dict[int, list[tuple[list[str], float, float]]],
) -> list[tuple[list[str], float, float]]:
    """The word pairs that open a kept triple but were pruned themselves, each at the
    probability the backoff gives it (kenlm refuses a triple whose context is no pair)."""
    pairs = {tuple(tokens) for tokens, _, _ in grams[2]}
    single = {tokens[0]: (log10, backoff) for tokens, log10, backoff in grams[1]}
    missing: dict[tuple[str, ...], tuple[list[str], float, float]] = {}
    for tokens, _, _ in grams[3]:
        context = tuple(tokens[:2])
        if context not in pairs and context not in missing:
            first, second = context
            log10 = single.get(first, (0.0, 0.0))[1] + single.get(second, (UNKNOWN_LOG10, 0))[0]
            missing[context] = (list(context), log10, 0.0)
    return list(missing.values())
