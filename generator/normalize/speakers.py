"""Whether the person a passage is about is a woman: garble repair's evidence for 她 over 他.

他 and 她 differ in one trail byte, and after 。” that byte always falls in a pair the decoder
drops, so 。”她说 and 。”他说 read alike.  News names the person whose words a quotation are
before it, as the first person of a sentence: 市民黄建国用旧空调抵扣…。“…。”他说 and 书记
王秀娥介绍…。\n“…。”她说.  So the sentences before the place are read back, one at a time,
for their first person: a word that says a gender (母亲, 王奶奶; generator/people.yaml) or a
name, a surname and a given name that jieba hardly knows as a word, weighed by how often each of
its characters is a woman's or a man's (ngender's counts of real names; only its data file is
read).  What quotation marks enclose is skipped: the people a quotation speaks of are not
its speaker (母亲…。“他从小就爱踢球…”她说).  A 他 or 她 in sight says less than a person named
before the place: those since the person was named count at half the weight, the document's
own outside quotations at a quarter, those inside them only when nothing else says.  The names
a document shows whole (`names_in`) also tell garble repair which rare characters a garbled
name is made of.
"""

from __future__ import annotations

import csv
import itertools
import math
import re
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

from generator.normalize.lm import QUOTE_OPENER, is_han, language_model, quoted_after
from generator.normalize.pinyin import ANNOTATION
from generator.normalize.script import simplify
from generator.people import (
    address_words,
    after_subject,
    gendered_words,
    given_name_of,
    listed_surnames,
    place_words,
    relatives,
    saying_words,
    sex_prefixes,
    spoken_of,
    spouses,
    surname_of,
    surnames,
)
from generator.tables import cached_table, cedict_file, jieba_ready, package_file

GARBLED_QUOTE = "?!"  # as damaged text shows it; lm.GARBLED_QUOTATION_END once marks are full-width
# 。” whose 。 was read with the character before it (活。” -> 睢!?, 睢 being ee a1): the ! of the
# a3 a1 between the marks, then its closing mark's orphaned byte.
GARBLED_QUOTE_AFTER_LEAD = "!?"
QUOTATION_TRAILS = (b"\xb0", b"\xb1")  # of “ = `a1 b0` and ” = `a1 b1`
SENTENCES_BACK = 6  # a quotation of a few sentences, and the one that says whose it is
REACH = 600  # characters enough for them
CERTAIN = 0.9  # how sure a gendered word makes us, and the most a name can
# A name's log odds must pass this to say anything (华 and 文 do not).  Of the 243 hidden 他 and
# 她 of bench/bench_speakers.py: 235 right at 1.0 (log loss 43.4), 236 at 0.7, 238 at 0.5 (39.3)
# and 0.3 (36.9), 236 at 0: names that lean a little mostly lean right (卓然 -0.5, 雨欣 0.6).
NAME_EVIDENCE = 0.5
NAME_CHAR_MIN = 5000  # names a character is in, of 32 million, for it to be a name's (村: 3,039)
# In fewer names, a character is still a name's where text seldom writes it otherwise (昶 of 佘昶:
# 2,193 names, 1,971 of them men's, and a log frequency in text of -15; 村 -7.8, 表 -6.3).
RARE_NAME_CHAR_MIN = 200
RARE_IN_TEXT = -12.0
NUMERALS = "一二三四五六七八九十"
CLAUSE_MARKS = tuple("，；：,;:")  # a clause opens after these
NOT_SUBJECTS = ("记者", "通讯员")  # a byline's names are the reporters', not the story's people
# A surname standing alone starts a name only before a word jieba's dictionary does not know
# well (沈 / 桂兰 7 times, 黄 / 建国 3,083; not 和 / 卫生 4,290), and only if it is not mostly a
# word of its own (和 555,815 times, 于, 时, 向, 高, 成; 王 19,704) or two characters follow that
# jieba hardly knows (高 / 婷婷 3 times, against 高 / 质量: NAME_MAX_FREQUENCY).
GIVEN_NAME_MAX_FREQUENCY = 3500
SURNAME_MAX_FREQUENCY = 40000
# A three-character name jieba knows is rare in it (刘志强 3); one of two it must not know at all
# (信里 3, 周边 1,722: a surname and one character is too often a word).
NAME_MAX_FREQUENCY = 100
# A surname the list lacks (亢 of 亢玉梅, at -11.4 not rare enough for its line of rarer ones)
# still starts a name where jieba reads it and a given name as one word it does not know: the
# one-character surnames CC-CEDICT lists that text seldom writes otherwise (log frequency below
# this; 相, at -6.5, is too often a word).  Over bench/articles, bench/unseen and the People's
# Daily corpus such words are nine names (湛佳宁, 矫雨婕, 戈长林), a town (盱江镇: not one ending with
# a place's word) and 钦斯基, a transliteration.
RARE_SURNAME_LOGP = -10.0
_SURNAME_ENTRY = re.compile(r"^\S+ (\S) \[[A-Z][a-z]*[1-5]\] /surname ", re.MULTILINE)
# The document's own 他 and 她, against the person found before the place: a prior over who its
# people are, not who this one is.  Hidden one at a time, the 191 他 and 她 right after a
# quotation in bench/articles, bench/unseen and an eighth blind batch are guessed right 181
# times at 0.25 (log loss 47.0), 180 at 0.5 (51.6) and at 0 (45.3), 163 at 1 (70.9):
# bench/bench_speakers.py.  With a ninth batch, 230: 219 at 0.25 (52.8), 218 at 0 (50.7), 217
# at 0.5 (58.4), 201 at 1 (80.7).  With the surnames the list had missed and a lower
# NAME_EVIDENCE: 238 at 0.25 (39.3), 237 at 0 (37.6), 235 at 0.5 (44.8), 217 at 1 (67.5).
# Over all 269 now: 264 at 0.25 (41.2); and all hidden at once, as damage hides them
# (the document's own pronouns then only those it shows elsewhere), 264 at 0.25 (44.3), 263
# at 0 (42.8), 259 at 0.5 (50.5), 240 at 1 (77.0).
DOCUMENT_WEIGHT = 0.25
LOCAL_PRONOUN_WEIGHT = 0.5  # the 他 and 她 since the person was named (`_weighed_by_pronouns`)
PRONOUN_PRIOR = 0.25  # occurrences' worth of the model's odds, smoothing the document's counts
# Where a sentence may end in damaged text: its marks, a line end, and what garbles leave.
_SENTENCE_END = re.compile(r"[。！？!?\n]+")
_SINGULAR_PRONOUN = re.compile("(?<![其吉])[他她](?![们們])")  # 其他 (other), 吉他: no one
_WHOLE_SENTENCE = re.compile(r"[^。！\n]+")  # '?' is left in: it may be damage
# What a decoder thrown out of step may have read: from a '?' on, through marks that may have
# been made of a character's byte and the next one's (garble.py), to the first other ASCII
# character, where it is in step again (a digit, a letter, a bracket, a line end).
_MISREAD = re.compile(r"\?(?:[,?!;:]|[^\x00-\x7f])*")


def woman_probability(
    text: str, at: int, quoting: bool = False, read: str | None = None
) -> float | None:
    """P(the person the text at `at` is about is a woman), or None if nothing says; `quoting`:
    the pronoun there is in a quotation (`_person_before`); `read`: the passage before `at`
    (from `passage_start`) as read so far, its garbles repaired, if not as `text` has it."""
    person, pronouns, _ = _evidence(text, at, quoting, read)
    if person is None:
        return pronouns
    if pronouns is None:
        return person[0]
    return _sigmoid(_logit(person[0]) + DOCUMENT_WEIGHT * _logit(pronouns))


@lru_cache(maxsize=256)
def pronoun_log_odds(
    text: str, at: int, quoting: bool = False, read: str | None = None
) -> dict[str, float]:
    """How much likelier the text makes 他 and 她 at `at` than the language model does (log
    ratios); empty where nothing says."""
    woman = woman_probability(text, at, quoting, read)
    if woman is None:
        return {}
    she = _model_she()
    return {"她": math.log(woman / she), "他": math.log((1 - woman) / (1 - she))}


@cache
def _model_she() -> float:
    """The model's share of 她 among 他 and 她 standing alone (a quarter)."""
    he, she = (math.exp(language_model().single(p)) for p in "他她")
    return she / (he + she)


def pronoun_evidence(text: str, at: int, quoting: bool = False, read: str | None = None) -> str:
    """What `woman_probability` read, for a reader: the person named, and the pronouns."""
    person, pronouns, where = _evidence(text, at, quoting, read)
    said = []
    if person:
        who = (
            f"the {person[1]} before it"
            if _SINGULAR_PRONOUN.fullmatch(person[1])
            else f"the person named before it ({person[1]})"
        )
        said.append(f"{who} is likely a {_gender(person[0])}")
    if pronouns is not None:
        said.append(f"the document's own 他 and 她 {where} lean {_gender(pronouns)}")
    return " and ".join(said)


def read_in_step(text: str) -> str:
    """`text` less what a '?' may have thrown out of step (`_MISREAD`), a line end in its place:
    what the document shows as it was written."""
    return _MISREAD.sub("\n", text)


@lru_cache(maxsize=16)
def names_in(text: str) -> frozenset[str]:
    """The people's names the text shows whole, in Simplified: a name garbled at one place
    (。”郭雅琴笑着说 read as 。”古琴笑着说) is often written plainly at another.  What a '?'
    may have thrown out of step is not read (`_MISREAD`); nor is a surname and a word no
    name is made of (和供热, 管沟灌, 全覆盖: `_person_given_name`)."""
    in_step = read_in_step(text)
    names = set()
    for sentence in _WHOLE_SENTENCE.findall(in_step):
        words = _words(sentence)
        for index, word in enumerate(words):
            given = _person_given_name(words, index)
            if given:
                names.add(surname_of(word) + given)
    return frozenset(names | _surnamed_by_document(_shown(text)))


@lru_cache(maxsize=16)
def _shown(text: str) -> str:
    """`text` as written where no garble reaches (`read_in_step`, `as_written`): read once a
    document by the name finder and by each look at how it tells a person's sex."""
    return as_written(read_in_step(text))


def _surnamed_by_document(shown: str) -> set[str]:
    """Names whose surname the list lacks (卯丽萍, 矫子墨) or takes for a word (原宏亮), or whose
    given name is a word (亓建设, 禚海燕), told by the document: a character it writes before the
    same two-character given name at least twice, apart from the words around them, the given
    name never without it, and the person once a speaker (卯丽萍说).  Not 走在前 nor 今冬明春: no
    one speaks.  `shown`: the text as `_shown` leaves it."""
    frequency = jieba_ready().dt.FREQ
    names, pairs, apart = _three_character_counts(shown)
    return {
        name
        for name, count in names.items()
        if apart[name] >= 2
        and pairs[name[1:]] == count
        and _reads_as_name(name, frequency)
        and not frequency.get(name, 0)
        and any(name + said in shown for said in saying_words())
    }


def _reads_as_name(name: str, frequency: dict[str, int]) -> bool:
    """Can three characters be a name: one of the last two a name's (墨 of 矫子墨 is rare), the
    first two no word (走在 of 走在前), nor the last two where the list lacks the first (一个人)?
    After a surname the list holds, the given name may be a word (亓建设, 禚海燕)."""
    return (
        any(_woman_log_odds(char) is not None for char in name[1:])
        and frequency.get(name[:2], 0) < NAME_MAX_FREQUENCY
        and (name[0] in surnames() or frequency.get(name[1:], 0) < NAME_MAX_FREQUENCY)
    )


def _three_character_counts(shown: str) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """How often the text writes each run of three Chinese characters, each pair of characters,
    and each run of three apart from the words around it: neither the character before it and
    its first nor its last and the character after make a word (停航多年: 多年 is one)."""
    frequency = jieba_ready().dt.FREQ
    names, pairs, apart = Counter(), Counter(), Counter()
    for at in range(len(shown) - 1):
        pairs[shown[at : at + 2]] += 1
        name = shown[at - 1 : at + 2] if at else ""
        if not name or not all(map(is_han, name)):
            continue
        names[name] += 1
        around = (shown[max(at - 2, 0) : at], shown[at + 1 : at + 3])
        apart[name] += all(frequency.get(word, 0) < NAME_MAX_FREQUENCY for word in around)
    return names, pairs, apart


def _evidence(
    text: str, at: int, quoting: bool, read: str | None
) -> tuple[tuple[float, str] | None, float | None, str]:
    """The person before `at`, and P(woman) by the document's singular 他 and 她 outside
    quotations (inside one they are whom the speaker speaks of: 怕他越玩越上瘾”，选手的母亲说),
    or, with neither of those to go on, by those inside them (我的表姐…看到她去银行: the
    people a story's quotations speak of are still its people); and which pronouns those were."""
    passage = text[passage_start(text, at) : at] if read is None else read
    person = _person_before(text, passage, quoting)
    narrative = _pronoun_share(_outside_quotations(text))
    if person is not None or narrative is not None:
        return person, narrative, "outside quotations"
    return None, _pronoun_share(text), "in quotations"


def _surely(woman: bool) -> float:
    """P(woman) where a word says the sex: CERTAIN, not 1 (a word may be about someone else)."""
    return CERTAIN if woman else 1 - CERTAIN


def _gender(woman: float) -> str:
    return "woman" if woman > 0.5 else "man"


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _sigmoid(odds: float) -> float:
    return 1 / (1 + math.exp(-odds))


@lru_cache(maxsize=16)
def _pronoun_share(text: str) -> float | None:
    """P(woman) by the singular 他 and 她 of `text`, smoothed by the model's odds."""
    counts = Counter(_SINGULAR_PRONOUN.findall(text))
    if not counts:
        return None
    return (counts["她"] + PRONOUN_PRIOR * _model_she()) / (counts.total() + PRONOUN_PRIOR)


def passage_start(text: str, at: int) -> int:
    """Where the passage that may name the person a pronoun at `at` is about starts: a line's
    start (a paragraph opens outside quotation marks) REACH characters back or more."""
    return text.rfind("\n", 0, max(0, at - REACH)) + 1


@lru_cache(maxsize=256)
def _person_before(text: str, passage: str, quoting: bool) -> tuple[float, str] | None:
    """(P(woman), the words that say so) of the first person outside quotation marks of the
    nearest of the last SENTENCES_BACK sentences of `passage` that names one, or of the 他 or
    她 of a nearer one that names no one (她是站里唯一的女科研人员。矫雨婕告诉记者…).  Where the
    name says nothing of their sex, the 他 and 她 outside quotations from there on do (刘佳…，
    她把工作室取名); with none, nothing does (邱子涵: not the man named sentences before her).
    A pronoun `quoting` (in a quotation) is someone the speaker speaks of, not the
    speaker: the last person a sentence names, not its first (周淑芬…丈夫…寄回家的。“他总在信里说),
    and not who says the quotation (`_spoken_of`).
    A person the document names is known by their given name too (。”黄秀芬说 garbled to
    。”S秀芬说: the 黄 lost, not the woman).  `passage`: the document `text`'s passage before
    the place (`passage_start`), as read."""
    recent = _narrative(passage)[-SENTENCES_BACK:]
    written = _as_written(names_in(text))
    speaker = ""
    for back in range(len(recent) - 1, -1, -1):
        people = _people(recent[back], written)
        if quoting:
            if back == len(recent) - 1 and _introduces_a_quotation(recent[back]):
                speaker = people[0][1] if people else ""
            people = _spoken_of(people, speaker)
            if not people:
                continue
        if not people:
            share = _pronoun_share(recent[back])
            if share is not None:
                return share, _SINGULAR_PRONOUN.findall(recent[back])[-1]
            continue
        found = _as_the_document_tells(text, people[-1] if quoting else people[0])
        return _weighed_by_pronouns(found, "".join(recent[back:]))
    return None


def _introduces_a_quotation(sentence: str) -> bool:
    """Does the narrative `sentence` end where a quotation opens after a comma or a colon
    (蒯海燕告诉记者，“他办事我们放心; 隗志刚在一旁翻译：“她说): its first person speaks it."""
    return sentence.rstrip().endswith(CLAUSE_MARKS)


def _as_the_document_tells(text: str, person: tuple[float | None, str]) -> tuple[float | None, str]:
    """A person the document names, their sex as it tells it where it names them: a word right
    before the name that says it (加尔肯的儿子叶尔兰: 尔兰 leans a woman's name), or else, where the
    name says nothing, the 他 and 她 of the narrative sentences after those naming them."""
    woman, name = person
    if name not in names_in(text):
        return person
    titled = _titled_elsewhere(text, name)
    if titled is not None:
        return titled, name
    return (_pronouns_after(text, name) if woman is None else woman), name


@lru_cache(maxsize=256)
def _titled_elsewhere(text: str, name: str) -> float | None:
    """P(woman) by a word right before the name anywhere in `text` that says it (女队长吴雨彤)."""
    shown = _shown(text)
    for found in re.finditer(re.escape(name), shown):
        before = shown[max(0, found.start() - 3) : found.start()]
        said = next((s for k in (3, 2) if (s := _gendered(before[-k:])) is not None), None)
        if said is not None:
            return _surely(said)
    return None


@lru_cache(maxsize=256)
def _pronouns_after(text: str, name: str) -> float | None:
    """P(woman) by the 他 and 她 each narrative sentence after one naming them speaks of before
    anyone else (叶尔兰是家里唯一的大学生。毕业后，他在城里…), if any."""
    narrative = _narrative(_shown(text))
    following = [after for named, after in itertools.pairwise(narrative) if name in named]
    return _pronoun_share("".join(_first_pronoun(sentence) for sentence in following))


def _first_pronoun(sentence: str) -> str:
    """The 他 or 她 the sentence speaks of first, if no one is named before it; else ""."""
    found = _SINGULAR_PRONOUN.search(sentence)
    return found.group() if found and not _people(sentence[: found.start()]) else ""


def _narrative(text: str) -> list[str]:
    """The sentences of `text` outside quotation marks, the people who act in it."""
    return [s for s in _SENTENCE_END.split(_outside_quotations(text)) if s.strip()]


def _weighed_by_pronouns(person: tuple[float | None, str], since: str) -> tuple[float, str] | None:
    """The person's P(woman), weighed by the 他 and 她 of the narrative `since` they were named,
    which mostly refer back to them (陆文华发现…，她又牵头: 文华 leans a man's name), at half
    weight: one may be someone else.  With no sex in the name, the pronouns alone say."""
    woman, words = person
    pronouns = _pronoun_share(since)
    if woman is None:
        return None if pronouns is None else (pronouns, words)
    if pronouns is not None:
        woman = _sigmoid(_logit(woman) + LOCAL_PRONOUN_WEIGHT * _logit(pronouns))
    return woman, words


@lru_cache(maxsize=64)
def _outside_quotations(text: str) -> str:
    """`text` with what quotation marks enclose cut out (a line end in its place): the people
    a quotation speaks of are not the one whose words it is (不是卖女儿’。”他说).  In damaged
    text 。“ and 。” both leave '?!' (their bytes hold those of ！), or '!?' where the
    character before took the lead byte of 。: it opens a quotation where none is open and
    closes one where one is."""
    out, quoted, i = [], "", 0
    while i < len(text):
        garbled = _is_garbled_quote(text, i)
        marks = text[i : i + 2] if garbled else text[i]
        if garbled:
            quoted = "" if quoted else "“"
        else:
            inside, quoted = quoted, quoted_after(quoted, marks)
            if not (inside or quoted) and marks not in QUOTE_OPENER:
                out.append(marks)
                i += 1
                continue
        out.append("\n")
        i += len(marks)
    return "".join(out)


def _is_garbled_quote(text: str, at: int) -> bool:
    """Does a quotation mark garbled with a 。 before it start at `at` ('?!', or '!?' after a
    character whose trail byte `a1` was 。's lead)?  After '?!' the decoder reads the mark's
    own trail byte (`b0` of “, `b1` of ”) first, so what follows is a character it leads or a
    '?'; anything else ('?!,' of 心梗。现在: 梗's lead orphaned, then ！ and ， straddled) is no
    quotation mark."""
    if text.startswith(GARBLED_QUOTE, at):
        after = at + len(GARBLED_QUOTE)
        return _read_from_quotation_trail(text[after : after + 1])
    return (
        at > 0
        and text.startswith(GARBLED_QUOTE_AFTER_LEAD, at)
        and text[at - 1].encode("gbk", errors="ignore").endswith(b"\xa1")
    )


def _read_from_quotation_trail(char: str) -> bool:
    """Can `char`, right after '?!', have been read from a quotation mark's trail byte on?"""
    return char in ("", "?") or char.encode("gbk", errors="ignore")[:1] in QUOTATION_TRAILS


@lru_cache(maxsize=1024)
def _people(
    sentence: str, written: tuple[tuple[str, str], ...] = ()
) -> tuple[tuple[float | None, str], ...]:
    """(P(woman), the words) of each person the sentence names, calls by a gendered word or
    tells by the 他 or 她 a clause opens with (`_clause_subject`), in order, and the spouse
    (老伴) of the first whose sex it tells; P(woman) None for a name that says nothing of it
    (子涵: each of its characters common in names of both sexes; 钟表匠 is no name, 匠 being no
    name's).  `written`: (as written, name) of the people the document names (`_as_written`).
    A person who owns the one named next (张福生的老伴李桂英), or is spoken of (说起儿子，阚春花的
    语气柔软了下来), is not the one the sentence is about: such people come last (刘德福的手机响了:
    first where no one else is)."""
    words = _words(sentence)
    people, aside_people = [], []
    named_by = dict(written)
    for index, word in enumerate(words):
        subject = _clause_subject(words, index)
        if subject is not None:
            people.append(subject)
            continue
        found = _gender_of(words, index)
        if found is not None or _person_given_name(words, index):
            surname_alone = word == surname_of(word)  # 沈 / 桂兰, 欧阳 / 立新
            titled = _title_before(words, index)
            name = word + (words[index + 1] if surname_alone else "")
            person, end = (found if titled is None else titled, name), index + 1 + surname_alone
        elif name := named_by.get(word) or named_by.get("".join(words[index : index + 2])):
            # 秀芬 of 黄秀芬; 禚 / 海燕
            person, end = (
                (_woman_by_name(given_name_of(name)), name),
                index + 1 + (word not in named_by),
            )
        elif word in spouses() and (told := [p for p, _ in people if p is not None]):
            person, end = (1 - told[0], word), index + 1  # 林淑珍…老伴: her husband
        else:
            continue
        aside = _owns_who_follows(words, end) or (index > 0 and words[index - 1] in spoken_of())
        (aside_people if aside else people).append(person)
    return (*people, *aside_people)


def _spoken_of(
    people: tuple[tuple[float | None, str], ...], speaker: str
) -> tuple[tuple[float | None, str], ...]:
    """Those of the people of a sentence before a quotation that opens with 他 or 她 whom it may
    speak of (丈夫 of 说起丈夫，她的话里有埋怨。“他这个人啊): not one the sentence tells by a
    pronoun, whom it follows, nor the `speaker` the clause introducing it names (隗志刚在一旁
    翻译：“她说): they speak it."""
    return tuple(p for p in people if p[1] != speaker and not _SINGULAR_PRONOUN.fullmatch(p[1]))


def _owns_who_follows(words: list[str], end: int) -> bool:
    """Is the person whose words end before words[end] followed by 的 and a person (她的丈夫,
    张福生的老伴李桂英), not a thing of theirs (阚春花的语气柔软了下来: the sentence is hers)?"""
    return words[end : end + 1] == ["的"] and any(
        _gender_of(words, at) is not None or words[at] in relatives()
        for at in range(end + 1, min(end + 3, len(words)))
    )


@lru_cache(maxsize=16)
def _as_written(names: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """(as written, name) of each of `names` with a given name of two characters (王建国, 欧阳立新;
    a one-character one may be a place's first word: 章江 of 章江新区), and of its given name where
    no word is written so (秀芬 for 黄秀芬, not 建国 for 王建国) and no other of them has it."""
    whole = [name for name in names if len(given_name_of(name)) == 2]
    by_given = Counter(map(given_name_of, whole))
    given = [
        (first, name)
        for name in whole
        if by_given[first := given_name_of(name)] == 1 and _rare_as_word(first)
    ]
    return tuple(sorted([*given, *((name, name) for name in whole)]))


def _clause_subject(words: list[str], index: int) -> tuple[float, str] | None:
    """The 他 or 她 at words[index] if it opens the sentence or a clause of it: whom that clause
    is about (她说，丈夫这些年…: her, not 丈夫; 每天晚上，她都要帮丈夫…: her); not one that owns
    who follows (她的丈夫说).  What a garble left before it is no word (教?chù)?shī),她给…: the
    '?' ended a sentence)."""
    word = words[index]
    if not _SINGULAR_PRONOUN.fullmatch(word) or _owns_who_follows(words, index + 1):
        return None
    before = (w for w in reversed(words[:index]) if w in CLAUSE_MARKS or any(map(is_han, w)))
    opens = next(before, CLAUSE_MARKS[0]) in CLAUSE_MARKS
    return (_surely(word == "她"), word) if opens else None


def _title_before(words: list[str], index: int) -> float | None:
    """P(woman) by the title right before the person at words[index], which says it surer than
    a name does (女队长吴雨彤: jieba cuts 女 / 队长; 雨彤 leans woman only a little)."""
    for start in (index - 2, index - 1):
        said = _gendered("".join(words[start:index])) if start >= 0 else None
        if said is not None:
            return _surely(said)
    return None


def _words(sentence: str) -> list[str]:
    """The sentence's words, read past inserted readings and in Simplified, with a surname
    jieba joined to the character before it cut off again (`_surname_cut_off`), and a name it
    cut before its last character made whole (`_name_cut_before_its_last`)."""
    words = list(jieba_ready().cut(as_written(sentence)))
    for index in range(len(words) - 2, -1, -1):
        if _surname_cut_off(words[index], words[index + 1]):
            words[index : index + 1] = list(words[index])
    for index in range(len(words) - 1, -1, -1):
        if _word_run_on(words[index]):
            words[index : index + 1] = [words[index][:-1], words[index][-1]]
    for index in range(len(words) - 2, -1, -1):
        word, after = words[index], words[index + 1]
        if _name_cut_before_its_last(word, after):
            words[index : index + 2] = [word + after[0], after[1]] if after[1:] else [word + after]
    return words


def as_written(text: str) -> str:
    """`text` in Simplified, past the readings inserted into it (本報(bào)訊 -> 本报讯)."""
    return simplify(ANNOTATION.sub("", text))


def _surname_cut_off(word: str, after: str) -> bool:
    """Is `word` a character and a surname that jieba's model joined though its dictionary
    does not know them together, the given name following (采茶工祝春花: 采茶 / 工祝 / 春花)?"""
    frequency = jieba_ready().dt.FREQ
    return (
        len(word) == 2
        and word[1] in surnames()
        and not frequency.get(word, 0)
        and 1 <= len(after) <= 2
        and all(map(is_han, word + after))
        and frequency.get(after, 0) < NAME_MAX_FREQUENCY  # not 过江 / 通道, 跨江 / 大桥
    )


def _word_run_on(word: str) -> bool:
    """Is `word` a surname, a given name of one or two characters and a word that follows a
    subject, which jieba's model joined, its dictionary knowing none of it (32岁的熊浩是一名:
    熊浩 / 是; 主任郭丽华正拿着: 郭丽华 / 正; not 庞贝病 nor 卫健局)?"""
    frequency = jieba_ready().dt.FREQ
    return (
        len(word) in (3, 4)
        and word[0] in surnames()
        and not frequency.get(word, 0)
        and all(_woman_log_odds(char) is not None for char in word[1:-1])
        and word[-1] in after_subject()
    )


def _name_cut_before_its_last(word: str, after: str) -> bool:
    """Did jieba's model cut a three-character name before its last character, its dictionary
    knowing no word of the first two?  Either it joined the last to the word after it, knowing
    that pair neither (马有福站在村口: 马有 / 福站 / 在; 马有福说: 马有 / 福说), the last character not
    mostly a word of its own (王翼 / 有个) and what is left a word (站, 说); or it left the last
    one alone, a character it hardly knows as a word (鄢国 / 璠 / 正在)."""
    return (
        len(word) == 2
        and 1 <= len(after) <= 2
        and word[0] in surnames()
        and all(map(is_han, word + after))
        and _rare_as_word(word)
        and _rare_as_word(after)
        and _woman_log_odds(after[0]) is not None
        and (len(after) == 1 or (not _mostly_a_word(after[0]) and _is_word(after[1])))
    )


def _gender_of(words: list[str], index: int) -> float | None:
    """P(woman) if words[index] is a person; None if it is not, or says nothing."""
    said = _gendered(words[index])
    if said is not None:
        return _surely(said)
    given = _given_name(words, index)
    return _woman_by_name(given) if given else None


def _woman_by_name(given: str) -> float | None:
    """P(woman) by a given name, if it says enough (NAME_EVIDENCE), at most CERTAIN; a word
    that names a woman or a man after a surname (李大姐, a 大姐 named Li) says it surely."""
    said = _gendered(given)
    if said is not None:
        return _surely(said)
    odds = _woman_log_odds(given)
    if odds is None or abs(odds) < NAME_EVIDENCE:
        return None
    return min(CERTAIN, max(1 - CERTAIN, _sigmoid(odds)))


def _person_given_name(words: list[str], index: int) -> str | None:
    """The given name if words[index] starts a name all of whose characters are names' (a
    person, even where they tell no sex), not a word that happens to open with a surname
    (钟表匠)."""
    given = _given_name(words, index)
    return given if given is not None and _woman_log_odds(given) is not None else None


def _gendered(word: str) -> bool | None:
    """True for a word that names a woman, False for a man's, None for neither: 母亲 itself,
    a surname or a word of address and such a word (王奶奶, 老大娘; 其他 is not 他), or a sex and
    a word (女司机, not 女装 nor 男女队)."""
    said = gendered_words().get(word)
    if said is not None or len(word) <= 2:
        return said
    if (word[0] in surnames() or word[0] in address_words()) and word[1:] in gendered_words():
        return gendered_words()[word[1:]]
    sexes = sex_prefixes()
    if word[0] in sexes and not set(word[1:]) & sexes.keys() and _is_word(word[1:]):
        return sexes[word[0]]
    return None


def _is_word(text: str) -> bool:
    return jieba_ready().dt.FREQ.get(text, 0) > 0


def _given_name(words: list[str], index: int) -> str | None:
    """The given name if words[index] starts a person's name: a surname (`surname_of`) with one
    or two characters that jieba knows as a word hardly or not at all (刘志强, 周美华), or a surname
    standing alone before one or two characters (沈 / 桂兰, 欧阳 / 立新); not a reporter's
    (记者张立军), nor one whose relative the sentence is about (周小川的母亲)."""
    word = words[index]
    surname = surname_of(word)
    before = next((w for w in reversed(words[:index]) if w.strip()), "")
    if surname not in listed_surnames() and not _rarely_surnamed(word):
        return None
    if before.endswith(NOT_SUBJECTS) or before[-1:].isdigit():
        return None  # 300余人 and 3万多元 are counts
    frequency = jieba_ready().dt.FREQ
    after = words[index + 1] if index + 1 < len(words) else ""
    if 1 <= len(word) - len(surname) <= 2 and all(map(is_han, word)) and _rare_as_word(word):
        given, following = word[len(surname) :], index + 1
    elif word == surname and 1 <= len(after) <= 2:
        if frequency.get(after, 0) >= GIVEN_NAME_MAX_FREQUENCY:
            return None
        common = _mostly_a_word(word)  # 高 (高质量), 成
        if common and not (len(after) == 2 and frequency.get(after, 0) < NAME_MAX_FREQUENCY):
            return None
        given, following = after, index + 2
    else:
        return None
    relative = words[following : following + 2]
    owner = len(relative) == 2 and relative[0] == "的" and relative[1] in gendered_words()
    place = bool(relative) and relative[0] in place_words()  # 章江新区, 建华路
    grade = given.strip(NUMERALS) == ""  # 高二, 初三: a school year, not 高 or 初 named 二
    # 季可节约, 同时有, 全无问题: one given character mostly a word of its own (可, 有, 无) is none
    a_word = len(given) == 1 and _mostly_a_word(given)
    return None if owner or place or grade or a_word or not all(map(is_han, given)) else given


def _rarely_surnamed(word: str) -> bool:
    """Is `word` one three-character word jieba does not know, opening with one of
    `rare_surnames` and not ending with a place's word (盱江镇 is a town)?"""
    return (
        len(word) == 3
        and word[0] in rare_surnames()
        and not jieba_ready().dt.FREQ.get(word)
        and word[-1] not in place_words()
    )


@cache
def rare_surnames() -> frozenset[str]:
    """Surnames the list lacks that text seldom writes otherwise (`RARE_SURNAME_LOGP`), by
    CC-CEDICT's entries (亢 亢 [Kang4] /surname Kang/...)."""
    listed = cached_table("cedict-surnames", cedict_file(), _cedict_surnames)
    commonness = language_model().commonness
    return frozenset(c for c in listed - surnames() if commonness(c) < RARE_SURNAME_LOGP)


def _cedict_surnames(source: Path) -> frozenset[str]:
    return frozenset(_SURNAME_ENTRY.findall(source.read_text(encoding="utf-8")))


def _mostly_a_word(char: str) -> bool:
    """A character jieba's dictionary counts SURNAME_MAX_FREQUENCY times or more as a word of
    its own (和, 有, 可): as a surname standing alone or as a one-character given name, no name."""
    return jieba_ready().dt.FREQ.get(char, 0) >= SURNAME_MAX_FREQUENCY


def _rare_as_word(name: str) -> bool:
    """Too rare in jieba's dictionary to be a word rather than a name (NAME_MAX_FREQUENCY)."""
    known = jieba_ready().dt.FREQ.get(name, 0)
    return not known if len(name) == 2 else known < NAME_MAX_FREQUENCY


def _woman_log_odds(given: str) -> float | None:
    """log P(woman | given name) / P(man | given name), naive Bayes over its characters;
    None unless every one of them is a name's (`_name_characters`: 柳沟村 is a village)."""
    prior, by_char = _name_characters()
    if any(char not in by_char for char in given):
        return None
    return prior + sum(by_char[char] for char in given)


@cache
def _name_characters() -> tuple[float, dict[str, float]]:
    """`_parse_counts`, less the characters in few names that text often writes (村)."""
    prior, ratios = cached_table(
        "name-gender", package_file("ngender", "charfreq.csv"), _parse_counts
    )
    commonness = language_model().commonness
    return prior, {
        char: ratio
        for char, (ratio, names) in ratios.items()
        if names >= NAME_CHAR_MIN or commonness(char) < RARE_IN_TEXT
    }


def _parse_counts(source: Path) -> tuple[float, dict[str, tuple[float, int]]]:
    """(log odds of a woman before the name is read, each name character's log likelihood
    ratio, add-one smoothed, and how many names hold it)."""
    with source.open(encoding="utf-8", newline="") as handle:
        rows = {
            row["char"]: (int(row["female"]), int(row["male"])) for row in csv.DictReader(handle)
        }
    women = sum(f for f, _ in rows.values())
    men = sum(m for _, m in rows.values())
    size = len(rows)
    ratio = {
        char: (math.log((f + 1) / (women + size)) - math.log((m + 1) / (men + size)), f + m)
        for char, (f, m) in rows.items()
        if f + m >= RARE_NAME_CHAR_MIN
    }
    return math.log(women / men), ratio
