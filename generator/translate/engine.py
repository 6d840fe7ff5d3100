"""Runs an Argos package's CTranslate2 + sentencepiece models directly, in big batches.

argostranslate translates one paragraph per call in batches of 32; a build has
thousands of sentences, so here they all go to `translate_batch` at once, sorted
by length so batches carry little padding. Tokenization and detokenization
match argostranslate.translate.apply_packaged_translation exactly, so the text
is the same as Argos' own.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass

import ctranslate2
import sentencepiece

from generator.translate.packages import InstalledPackage

ARGOS_LENGTH_PENALTY = 0.2  # Argos' own setting; changing it changes the text
RETRY_SETTINGS = {"repetition_penalty": 1.3, "no_repeat_ngram_size": 3}
LOOP_REPEATS = 4  # an n-gram repeated this often back to back is a decoding loop
LOOP_MAX_NGRAM = 4


@dataclass(frozen=True)
class DecodingSettings:
    """Beam and length limits, shared with the benchmark so every side decodes alike."""

    beam_size: int = 4
    max_decoding_length: int = 256
    length_ratio: float | None = 2.0  # cap = ratio * source tokens + slack; None: fixed cap
    length_slack: int = 10
    max_batch_tokens: int = 1024  # small enough that every core gets batches to decode
    retry_degenerate: bool = True

    def cap_for(self, longest_source: int) -> int:
        """Decoding length cap for a batch whose longest source has this many tokens."""
        if self.length_ratio is None:
            return self.max_decoding_length
        relative = math.ceil(self.length_ratio * longest_source) + self.length_slack
        return min(self.max_decoding_length, relative)


class ArgosEngine:
    """One loaded zh->en package."""

    def __init__(self, package: InstalledPackage, settings: DecodingSettings):
        self.package = package
        self.settings = settings
        self._model = ctranslate2.Translator(
            str(package.model_dir),
            device="cpu",
            # Several batches decoded at once, one core each: on this kind of model that is
            # about 1.5-2x the throughput of one batch spread over all cores.
            inter_threads=os.cpu_count() or 1,
            intra_threads=1,
        )
        self._pieces = sentencepiece.SentencePieceProcessor(
            model_file=str(package.sentencepiece_model)
        )

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """English for each sentence, in the order given."""
        tokenized = self._pieces.encode(list(sentences), out_type=str)
        outputs, degenerate = self._decode_sorted(tokenized, {})
        if degenerate and self.settings.retry_degenerate:
            self._retry(tokenized, outputs, degenerate)
        return [self._detokenize(tokens) for tokens in outputs]

    def _decode_sorted(
        self, tokenized: list[list[str]], extra: dict
    ) -> tuple[list[list[str]], list[int]]:
        """Decode in length-sorted batches; also say which outputs look degenerate."""
        order = sorted(range(len(tokenized)), key=lambda index: len(tokenized[index]))
        outputs: list[list[str]] = [[] for _ in tokenized]
        degenerate: list[int] = []
        batches = _token_batches(order, tokenized, self.settings.max_batch_tokens)
        caps = [self.settings.cap_for(max(len(tokenized[i]) for i in batch)) for batch in batches]
        pending = [  # all submitted first, so the model's workers decode batches in parallel
            self._decode_batch([tokenized[i] for i in batch], cap, extra)
            for batch, cap in zip(batches, caps, strict=True)
        ]
        for batch, cap, results in zip(batches, caps, pending, strict=True):
            for index, tokens in zip(
                batch, [r.result().hypotheses[0] for r in results], strict=True
            ):
                outputs[index] = tokens
                if len(tokens) >= cap or find_loop(tokens) is not None:
                    degenerate.append(index)
        return outputs, sorted(degenerate)

    def _decode_batch(self, sources: list[list[str]], cap: int, extra: dict) -> list:
        """Submit one batch; returns its asynchronous results."""
        prefix = self.package.target_prefix
        return self._model.translate_batch(
            sources,
            target_prefix=[[prefix]] * len(sources) if prefix else None,
            beam_size=self.settings.beam_size,
            max_decoding_length=cap,
            length_penalty=ARGOS_LENGTH_PENALTY,
            replace_unknowns=True,
            asynchronous=True,
            **extra,
        )

    def _retry(
        self, tokenized: list[list[str]], outputs: list[list[str]], indexes: list[int]
    ) -> None:
        """Re-decode with repetition penalties; where a loop persists, keep its first turn only."""
        retried, _ = self._decode_sorted([tokenized[index] for index in indexes], RETRY_SETTINGS)
        for index, tokens in zip(indexes, retried, strict=True):
            loop_start = find_loop(tokens)
            outputs[index] = tokens if loop_start is None else tokens[:loop_start]

    def _detokenize(self, tokens: list[str]) -> str:
        """Same steps as argostranslate: decode pieces, drop the prefix and the leading space."""
        text = self._pieces.decode_pieces(tokens).replace("▁", " ").replace("_", " ")
        prefix = self.package.target_prefix
        if prefix and text.startswith(prefix):
            text = text[len(prefix) :]
        return text[1:] if text.startswith(" ") else text


def find_loop(tokens: Sequence[str]) -> int | None:
    """End of the first turn of a word n-gram repeated LOOP_REPEATS times back to back.

    Grams without letters are ignored: "10000" is digit pieces, not a loop.
    """
    for size in range(1, LOOP_MAX_NGRAM + 1):
        for start in range(len(tokens) - size * LOOP_REPEATS + 1):
            gram = tokens[start : start + size]
            if any(piece.strip("▁").isalpha() for piece in gram) and all(
                tokens[start + turn * size : start + (turn + 1) * size] == gram
                for turn in range(1, LOOP_REPEATS)
            ):
                return start + size
    return None


def _token_batches(
    order: list[int], tokenized: list[list[str]], max_tokens: int
) -> list[list[int]]:
    """Consecutive runs of `order` whose padded size stays under max_tokens."""
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        width = max(len(tokenized[index]), 1)
        if current and width * (len(current) + 1) > max_tokens:
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches
