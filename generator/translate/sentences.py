"""Chinese sentence splitting, done here because Argos' splitter downloads a model.

Segments concatenate back to the paragraph exactly, so nothing is lost and the
English keeps one paragraph per Chinese paragraph.
"""

from __future__ import annotations

import re

TERMINATORS = "。！？；!?…"
CLOSERS = "”’」』）)】》〉\"'"
CLAUSE_BREAKS = "，、：,:"
MAX_SEGMENT_CHARS = 120  # well under the ~250-token limit of Argos models, even with byte pieces

_SENTENCE = re.compile(rf"[^{TERMINATORS}]*(?:[{TERMINATORS}]+[{CLOSERS}]*|$)")


def split_sentences(paragraph: str, max_chars: int = MAX_SEGMENT_CHARS) -> list[str]:
    """Split at sentence ends (keeping closing quotes), then cut long ones at clause commas."""
    sentences = [m.group(0) for m in _SENTENCE.finditer(paragraph) if m.group(0)]
    return [piece for sentence in sentences for piece in _cut_long(sentence, max_chars)]


def _cut_long(sentence: str, max_chars: int) -> list[str]:
    """Cut after the last clause comma that fits; hard-cut only when there is none."""
    pieces: list[str] = []
    rest = sentence
    while len(rest) > max_chars:
        window = rest[:max_chars]
        cut = max(window.rfind(mark) for mark in CLAUSE_BREAKS) + 1
        if cut <= 0:
            cut = max_chars
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces
