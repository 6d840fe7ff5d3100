"""How well the speakers step tells a lost 她 from 他: each 他 or 她 right after a quotation or a
sentence's end in the gold articles (bench/articles, bench/unseen) is hidden and guessed from the
clean text around it, at several weights of the document's own pronouns against the person named
before the place: hidden in turn, the others left in sight, and hidden all at once, as the damage
hides them (after 。” the byte that tells them apart is always in a dropped pair), so that the
document's pronouns are only those it shows elsewhere.  Prints, per weight, how many are guessed
right and the log loss (lower is surer where right).  speakers.DOCUMENT_WEIGHT was chosen with it.
Then each 他 or 她 that opens a quotation (“他这个人啊), whom the speaker speaks of, hidden with
all those others (a garbled “ hides it as often), at the step's own weight.
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
OPENING_A_QUOTATION = re.compile("“([他她])(?![们們])")
HIDDEN = "某"  # no pronoun, no name: the place as garble repair meets it


def hidden_pronouns(*, at_once: bool) -> list[tuple[str, int, bool]]:
    """(text with the pronoun hidden, where, whether it was 她) for every such pronoun; with
    `at_once`, every other such pronoun of its article is hidden too."""
    cases = []
    for text in _articles():
        found = _found(AFTER_A_QUOTATION, text)
        every = _hidden(text, [at for at, _ in found])
        cases += [(every if at_once else _hidden(text, [at]), at, woman) for at, woman in found]
    return cases


def hidden_openings() -> list[tuple[str, int, bool]]:
    """(text, where, whether it was 她) for every pronoun opening a quotation, each article's
    hidden with every pronoun after a quotation."""
    cases = []
    for text in _articles():
        found = _found(OPENING_A_QUOTATION, text)
        after = [at for at, _ in _found(AFTER_A_QUOTATION, text)]
        every = _hidden(text, after + [at for at, _ in found])
        cases += [(every, at, woman) for at, woman in found]
    return cases


def _articles() -> list[str]:
    folders = (ROOT / "articles", ROOT / "unseen")
    paths = sorted(path for folder in folders for path in folder.glob("*.txt"))
    return [path.read_text(encoding="utf-8") for path in paths]


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[int, bool]]:
    """(where, whether it is 她) of each pronoun `pattern` finds."""
    return [(m.start(1), m.group(1) == "她") for m in pattern.finditer(text)]


def _hidden(text: str, places: list[int]) -> str:
    """`text` with the pronoun at each of `places` replaced by HIDDEN (one character for one)."""
    chars = list(text)
    for at in places:
        chars[at] = HIDDEN
    return "".join(chars)


def scored(
    cases: list[tuple[str, int, bool]], weight: float, *, quoting: bool = False
) -> tuple[int, int, float]:
    """(right, with nothing to say, log loss) at this document weight."""
    speakers.DOCUMENT_WEIGHT = weight
    right = silent = 0
    loss = 0.0
    for text, at, woman in cases:
        p = speakers.woman_probability(text, at, quoting)
        if p is None:
            silent += 1
            continue
        right += (p > 0.5) == woman
        loss -= math.log(p if woman else 1 - p)
    return right, silent, loss


def main() -> None:
    own = speakers.DOCUMENT_WEIGHT
    for at_once in (False, True):
        cases = hidden_pronouns(at_once=at_once)
        women = sum(woman for *_, woman in cases)
        how = "all at once, as damage hides them" if at_once else "one at a time"
        print(f"{len(cases)} hidden pronouns after a quotation, {women} of them 她, {how}")
        for weight in [float(w) for w in sys.argv[1:]] or WEIGHTS:
            right, silent, loss = scored(cases, weight)
            print(f"document weight {weight}: {right} right, {silent} unsaid, log loss {loss:.1f}")
    cases = hidden_openings()
    women = sum(woman for *_, woman in cases)
    right, silent, loss = scored(cases, own, quoting=True)
    print(f"{len(cases)} hidden pronouns opening a quotation, {women} of them 她")
    print(f"document weight {own}: {right} right, {silent} unsaid, log loss {loss:.1f}")


if __name__ == "__main__":
    main()
