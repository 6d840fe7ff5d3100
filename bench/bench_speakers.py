"""How well the speakers step tells a lost 她 from 他: each 他 or 她 right after a quotation or a
sentence's end in the gold articles (bench/articles, bench/unseen) is hidden and guessed from the
clean text around it, at several weights of the document's own pronouns against the person named
before the place: hidden in turn, the others left in sight, and hidden all at once, as the damage
hides them (after 。” the byte that tells them apart is always in a dropped pair), so that the
document's pronouns are only those it shows elsewhere.  Prints, per weight, how many are guessed
right and the log loss (lower is surer where right).  speakers.DOCUMENT_WEIGHT was chosen with it.
Run: python bench/bench_speakers.py [WEIGHT ...]"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.normalize import speakers

ROOT = Path(__file__).resolve().parent
WEIGHTS = (0.0, 0.25, 0.5, 1.0)
AFTER_A_QUOTATION = re.compile("[。！？，]”([他她])")
HIDDEN = "某"  # no pronoun, no name: the place as garble repair meets it


def hidden_pronouns(*, at_once: bool) -> list[tuple[str, int, bool]]:
    """(text with the pronoun hidden, where, whether it was 她) for every such pronoun; with
    `at_once`, every other such pronoun of its article is hidden too."""
    cases = []
    for path in sorted([*(ROOT / "articles").glob("*.txt"), *(ROOT / "unseen").glob("*.txt")]):
        text = path.read_text(encoding="utf-8")
        found = [(m.start(1), m.group(1) == "她") for m in AFTER_A_QUOTATION.finditer(text)]
        every = _hidden(text, [at for at, _ in found])
        cases += [(every if at_once else _hidden(text, [at]), at, woman) for at, woman in found]
    return cases


def _hidden(text: str, places: list[int]) -> str:
    """`text` with the pronoun at each of `places` replaced by HIDDEN (one character for one)."""
    chars = list(text)
    for at in places:
        chars[at] = HIDDEN
    return "".join(chars)


def scored(cases: list[tuple[str, int, bool]], weight: float) -> tuple[int, int, float]:
    """(right, with nothing to say, log loss) at this document weight."""
    speakers.DOCUMENT_WEIGHT = weight
    right = silent = 0
    loss = 0.0
    for text, at, woman in cases:
        p = speakers.woman_probability(text, at)
        if p is None:
            silent += 1
            continue
        right += (p > 0.5) == woman
        loss -= math.log(p if woman else 1 - p)
    return right, silent, loss


def main() -> None:
    for at_once in (False, True):
        cases = hidden_pronouns(at_once=at_once)
        women = sum(woman for *_, woman in cases)
        how = "all at once, as damage hides them" if at_once else "one at a time"
        print(f"{len(cases)} hidden pronouns after a quotation, {women} of them 她, {how}")
        for weight in [float(w) for w in sys.argv[1:]] or WEIGHTS:
            right, silent, loss = scored(cases, weight)
            print(f"document weight {weight}: {right} right, {silent} unsaid, log loss {loss:.1f}")


if __name__ == "__main__":
    main()
