"""Per-article metadata read from the text itself: dateline, byline, author note, date, title.

Dates come only from the text (explicit dates, month/day with the year from context, or
year-from-context cues in year_cues.yaml), or for the year of a month/day alone from the date
a drop folder is named by; when nothing supports one the date is None and date_basis says
"unknown" -- never a file time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from generator.normalize.layout import (
    CJK,
    DATE_STAMP,
    MONTH_DAY,
    OUTLET,
    is_byline_line,
    is_credit_line,
    is_field_line,
)

_CUES_FILE = Path(__file__).with_name("year_cues.yaml")
_YEAR = r"(?:(?:19|20)\d{2}年)"
_DATELINE = re.compile(
    rf"(?P<outlet>{OUTLET})?"
    r"[ \u3000]?(?P<reporter>（(?:本报)?(?:记者|通讯员)[^）]{1,40}）|记者[^，。：:]{2,20}?报道(?=[：:]|$))?"
    rf"[ \u3000]?(?P<when>(?:(?:今天|昨天|前天|今日|昨日)(?:（{MONTH_DAY}）)?|{_YEAR}?{MONTH_DAY})"
    r"(?:上午|下午|晚上|早上|中午|晚间)?(?=[，, ]|$))?"
)
_AUTHOR_NOTE = re.compile(r"[（(]作者(?:为|系|是|单位[：:])[^）)]{1,60}[）)]")
_AUTHOR_FIELD = re.compile(r"作者[ \u3000]*[：:][ \u3000]*[^ \u3000]{1,20}")
_ORIGINAL_TITLE = re.compile(r"原标题[ \u3000]*[：:][ \u3000]*(.+)")
_DROP_FOLDER = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")
_HEAD_LINES = 3  # a scrape puts its stamp, fields and credits in the text's first (or last) lines
_DAYS_BACK = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}
_RELATIVE = re.compile("|".join(_DAYS_BACK))
# A date, not either end of a period (期间（11月1日至11月11日）: the report is not dated by the
# day a campaign opened), nor the day a rule takes effect or a time since (自2026年12月10日起,
# 自1月1日以来): those are other days than the report's.
_NOT_AN_END = r"(?![至到—～~\-起]|以来)"
_FULL_DATE = re.compile(
    rf"(?<![至到—～~\-])((?:19|20)\d{{2}})年(\d{{1,2}})月(\d{{1,2}})日{_NOT_AN_END}"
)
_DATE_MD = re.compile(rf"(?<![\d至到—～~\-])(?<!\d年)(\d{{1,2}})月(\d{{1,2}})日{_NOT_AN_END}")
# A year the report looks back on, not a target ("到2025年", "力争2025年").
_PAST_YEAR = re.compile(r"(?<![\d到至争计于])((?:19|20)\d{2})年(?![底末])")
# A notice's last line: its date, alone or after its issuer (市城市管理局 2025年11月25日).
_SIGN_OFF = re.compile(rf"(?:[{CJK}（）]{{2,20}}[ \u3000]*)?{DATE_STAMP.pattern}")
_NOWADAYS = "如今"
_SENTENCE_END = re.compile(r"[。！？!?]")
_CLAUSE = re.compile(r"[^，；：,;:]+")
_TITLE_MIN = 12  # a first clause shorter than this is too thin to stand alone as a title
_TITLE_MAX = 30
_TITLE_HARD_MAX = 40
_DAYS_AHEAD = dt.timedelta(days=7)  # how far past its stamp a report's opening date may lie
_EARLY_MONTHS = 3  # a report in Jan-Mar that cites year Y looks back on Y: it is from Y+1


@dataclass(frozen=True)
class YearCue:
    """A phrase that is only current within [earliest, latest], so it bounds a report's year."""

    pattern: re.Pattern[str]
    earliest: dt.date
    latest: dt.date


def find_dateline(first_paragraph: str) -> str | None:
    """日报讯（记者…）, 晚报综合消息, 晚报讯 昨天, 今天（2月5日）, 12月29日上午, 南通网讯 4月8日,
    新华社南京2月5日电（记者…）, 南通日报客户端讯 ..."""
    match = _DATELINE.match(first_paragraph)
    if match is None or not match.group().strip():
        return None
    return match.group().strip()


def find_byline(dateline: str | None, paragraphs: list[str]) -> str | None:
    """The reporter named in the dateline (its bracket, or 记者…报道：), else a credit line above
    or closing the text."""
    reporter = _DATELINE.match(dateline or "")
    if reporter and reporter.group("reporter"):
        return reporter.group("reporter").strip("（）").removesuffix("报道")
    lines = [*paragraphs[:_HEAD_LINES], *reversed(paragraphs[-2:])]
    return next((line.strip("（()）") for line in lines if is_byline_line(line)), None)


def find_author(paragraphs: list[str]) -> str | None:
    """An author note such as （作者为南通市委书记） or a commentary's （作者单位：…） kept whole,
    else a scrape's 作者：… field."""
    note = next((p for p in reversed(paragraphs) if _AUTHOR_NOTE.fullmatch(p)), None)
    fields = (m.group() for p in _fields(paragraphs) if (m := _AUTHOR_FIELD.search(p)))
    return note or next(fields, None)


def original_title(paragraphs: list[str]) -> str | None:
    """The headline a reposted article had where it first ran (原标题：…)."""
    titles = (m.group(1).strip() for p in _fields(paragraphs) if (m := _ORIGINAL_TITLE.match(p)))
    return next(titles, None)


def opening_index(body: list[str]) -> int:
    """Where the text proper starts: past any publication stamp, labelled field or credit."""
    proper = (i for i, p in enumerate(body) if not (is_field_line(p) or is_credit_line(p)))
    return next(proper, len(body))


def opening_paragraph(body: list[str]) -> str:
    """The first paragraph of text proper ("" if there is none)."""
    proper = body[opening_index(body) :]
    return proper[0] if proper else ""


def _fields(paragraphs: list[str]) -> list[str]:
    """The scrape's field lines above the text, or below it (本文来源：… 作者：… at the end)."""
    edges = paragraphs[:_HEAD_LINES] + paragraphs[_HEAD_LINES:][-_HEAD_LINES:]
    return [p for p in edges if is_field_line(p)]


def infer_date(
    dateline: str | None, body: list[str], drop: dt.date | None = None
) -> tuple[str | None, str]:
    """(ISO date or None, basis) from the dateline / opening paragraph and the article's context;
    a month and day with no year in the text take the last year that puts them no later than
    a week after the `drop` date (`drop_date`), if there is one."""
    head = f"{dateline or ''} {opening_paragraph(body)}"
    full = _valid_date(_FULL_DATE.search(head))
    if full:
        return full.isoformat(), "explicit"
    stamp = next(filter(None, map(_publication_stamp, body[:_HEAD_LINES])), None)
    month_day = _DATE_MD.search(head)
    if month_day:
        month, day = int(month_day.group(1)), int(month_day.group(2))
        year = _year_up_to(stamp, month, day) if stamp else infer_year(month, day, "\n".join(body))
        basis = "year-from-context"
        if year is None and drop is not None:
            year, basis = _year_up_to(drop, month, day), "year-from-drop"
        date = _valid_date_parts(year, month, day)
        return (date.isoformat(), basis) if date else (None, "unknown")
    days_back = _relative_days(dateline)
    if stamp and days_back is not None:
        return (stamp - dt.timedelta(days=days_back)).isoformat(), "relative"
    if stamp:
        return stamp.isoformat(), "publication-stamp"
    signed = _sign_off_date(body)
    if signed:
        return signed.isoformat(), "sign-off"
    return None, "unknown"


def drop_date(source: str) -> dt.date | None:
    """The date a drop folder is named by (sources/2026-12-01/…, as the README suggests): its
    articles were published on or before it.  Never a file time."""
    for folder in reversed(Path(source).parent.parts):
        match = _DROP_FOLDER.fullmatch(folder)
        date = _valid_date_parts(*map(int, match.groups())) if match else None
        if date:
            return date
    return None


def infer_year(month: int, day: int, text: str) -> int | None:
    """Year of a month/day report: from years it cites, checked against dated phrases."""
    cues = [c for c in year_cues() if c.pattern.search(text)]
    earliest = max((c.earliest for c in cues), default=dt.date.min)
    latest = min((c.latest for c in cues), default=dt.date.max)
    cited = [int(y) for y in _PAST_YEAR.findall(_since_nowadays(text))]
    if cited:
        last = max(cited)
        candidates = [last + 1, last] if month <= _EARLY_MONTHS else [last, last + 1]
    elif cues:
        candidates = list(range(earliest.year, min(latest.year, earliest.year + 50) + 1))
    else:
        return None
    return next((y for y in candidates if _in_range(y, month, day, earliest, latest)), None)


def _since_nowadays(text: str) -> str:
    """A story told from its beginning (2019年，她牵头成立合作社……如今，社员增加到118户) says
    when it began before its 如今: the years before that are its past, not the report's."""
    return text[text.rfind(_NOWADAYS) + len(_NOWADAYS) :] if _NOWADAYS in text else text


def make_title(first_paragraph: str, dateline: str | None) -> str:
    """A title from the article's own first sentence, shortened at a clause boundary; a whole
    sentence that asks or exclaims keeps its mark (…如何稳就业？)."""
    text = first_paragraph[len(dateline) :] if dateline else first_paragraph
    text = text.lstrip("，, ")
    found = _SENTENCE_END.search(text)
    first_sentence = (text[: found.start()] if found else text).strip()
    sentence = first_sentence or first_paragraph
    ends = [m.end() for m in _CLAUSE.finditer(sentence)] or [len(sentence)]
    end = ends[0]
    for longer in ends[1:]:  # whole clauses, with the mark between them as written (南通：…)
        if end >= _TITLE_MIN or longer > _TITLE_MAX:
            break
        end = longer
    title = sentence[:end]
    if len(title) > _TITLE_HARD_MAX:
        return _cut(title)
    asks = found is not None and found.group() in "？！"
    return title + found.group() if asks and title == first_sentence else title


def _cut(title: str) -> str:
    """Cut an over-long clause at its last 、 inside the limit, else hard, marking the cut."""
    head = title[:_TITLE_HARD_MAX]
    pause = head.rfind("、")
    return (head[:pause] if pause > _TITLE_MAX // 2 else head) + "…"


@cache
def year_cues() -> tuple[YearCue, ...]:
    """Read year_cues.yaml once per process."""
    entries = yaml.safe_load(_CUES_FILE.read_text(encoding="utf-8"))
    return tuple(YearCue(re.compile(e["phrase"]), e["from"], e["to"]) for e in entries)


def _valid_date(match: re.Match[str] | None) -> dt.date | None:
    if match is None:
        return None
    return _valid_date_parts(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def _valid_date_parts(year: int | None, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day) if year else None
    except ValueError:
        return None


def _publication_stamp(line: str) -> dt.date | None:
    """The date of a scrape's stamp line: '2025-02-06 08:30 来源：南通日报', or a field line that
    holds one ('来源：南通日报 发布时间：2025-02-06 08:30')."""
    return _valid_date(DATE_STAMP.search(line)) if is_field_line(line) else None


def _sign_off_date(body: list[str]) -> dt.date | None:
    """The date a notice signs off with, on the text's last line, alone (市自来水有限公司 /
    2026年12月2日) or after its issuer: when it was issued, which dates it where nothing above
    does."""
    last = body[-1] if body else ""
    return _valid_date(_SIGN_OFF.fullmatch(last))


def _year_up_to(stamp: dt.date, month: int, day: int) -> int:
    """The year that puts month/day on or before the publication stamp, or in the week after
    it: an opening names the coming days too (12月3日夜间起 in a forecast of 12月2日)."""
    limit = stamp + _DAYS_AHEAD
    return limit.year if (month, day) <= (limit.month, limit.day) else limit.year - 1


def _relative_days(dateline: str | None) -> int | None:
    word = _RELATIVE.search(dateline or "")
    return _DAYS_BACK[word.group()] if word else None


def _in_range(year: int, month: int, day: int, earliest: dt.date, latest: dt.date) -> bool:
    try:
        return earliest <= dt.date(year, month, day) <= latest
    except ValueError:
        return False
