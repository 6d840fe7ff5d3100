"""One paragraph per line: drop blank lines and stray spaces, join lines broken mid-sentence.

Works on the gaps between line contents, so each recorded change is one gap rewritten.
Headline-like lines (short, no sentence punctuation) are never joined: titles end without 。;
nor are numbered sub-headings (一、…), a scrape's date stamp and source lines, nor a line of
reporters' or photo credits; and a line that opens with an outlet's dateline (本报讯…) starts a
paragraph.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from generator.models import Change
from generator.normalize.changes import substitute

# Same line breaks as str.splitlines, so downstream splitting agrees with ours.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BLANK = r"\s\ufeff\u200b"
_CONTENT = re.compile(rf"[^{_BLANK}](?:[^{_BREAKS}]*[^{_BLANK}])?")
CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
# A line ending in a Chinese character or an opening/continuing mark stops mid-sentence...
_HAN = re.compile(rf"[{CJK}]")
_OPEN_END = re.compile(rf"[{CJK}]$")
_CONTINUING_END = re.compile(r"[，、“‘（《,(]$")  # ASCII too: punctuation may widen them later
# ...and continues only into a line that starts with Chinese text, an opening quote or a number
# (作业80 | 0亩, 增长约 | 7%, 落实24 | 小时).
_CONTINUATION_START = re.compile(rf"[{CJK}“‘《（(0-9]")
# A line that opens with a mark no sentence opens with was cut right before it (时间 | 。,
# 3105 | .66点); ASCII ones are made full width once joined.
_MARK_START = re.compile(r"[，。、；：？！”’）》%,.;:?!)]")
_BODY_PUNCT = re.compile(r"[，。！？；：,!?;:]")
_NOT_HEADLINE_START = re.compile(r"[（(\[【]|记者|[一二三四五六七八九十]+、|\d+[.、]")
_HEADLINE_MAX = 64
# No field, headline, credit line or sub-heading is this long: a longer paragraph is body text,
# and the join test asks it nothing but its last character and its punctuation.
_LINE_TESTS_MAX = 100
HEADLINE_BLOCK_MAX = 3  # kicker, title, subtitle
_CLAUSES_HEADLINE_MAX = 40  # a body line cut mid-sentence at the top is longer
# A line that opens with the rest of a quantity (7%。, 800亩), not with a date (11月12日).
_NUMBER_GOES_ON = re.compile(r"\d+(?:\.\d+)?(?![\d.年月日时点])")
# A numbered sub-heading: 一、加快项目建设, （二）强化要素保障, 3.优化营商环境 (not 3.5亿元).
_NUMBERED = re.compile(
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．](?!\d)"
)
_TOPIC = re.compile(rf"[{CJK}]{{1,8}}[：:]")
# A scrape's field line above the text (2025-04-10 08:30 来源：南通日报, 作者：张三), or a credit
# below it (文字：张三 图片：李四, 图/李四), ends without 。 but is never part of the next paragraph.
# A notice's contact fields at its foot (联系人：陈敏, 邮编：…) are labelled fields too.
_LABELLED = re.compile(
    r"(?:(?:本文|文章|新闻|信息)?来源|稿源|作者|发布时间|发布日期|原标题)[ \t\u3000]*[：:]"
    r"|(?:文字|图片|摄影|视频|图文|文|图)[ \t\u3000]*[：:／/]"
    r"|(?:联系人|联系地址|通讯地址|邮政编码|邮编|传真|电子邮箱|邮箱)[ \t\u3000]*[：:]"
)
# A contact line at the foot of a notice (服务热线：96390, 联系电话：0513-85512345): a label and
# a number, never the start of a sentence the next line goes on with.
_CONTACT = re.compile(rf"[{CJK}]{{2,8}}[ \t\u3000]*[：:][ \t\u3000]*\d[\d\-－ ]*")
# A date as a scrape stamps it (2025-04-10, 2025/4/10, 2025年4月10日): year, month, day.
DATE_STAMP = re.compile(r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
# ...anywhere in the line when a time follows (南通发布 2025-03-12 08:00 发表于江苏).
_TIMED_STAMP = re.compile(rf"{DATE_STAMP.pattern}[ \t\u3000]*\d{{1,2}}:\d{{2}}")
_SENTENCE_PUNCT = re.compile(r"[，。！？,!?]")  # a date that opens a sentence is text, not a stamp
_FIELD_MAX = 60
# A line of reporters' credits: 记者 张三, 本报记者 张三, （记者 张三 通讯员 李四）, 记者朱文君 张彤 范译,
# 记者王小明／台北报导.
_ROLE = r"(?:记者|通讯员|实习生)"
_NAME = rf"[{CJK}]{{2,4}}"
_BYLINE = re.compile(
    rf"[（(]?(?:本[报台网]|[{CJK}]{{2,8}}?[报网社台])?{_ROLE}[ \u3000]*{_NAME}"
    rf"(?:[ \u3000、]+(?:{_ROLE}[ \u3000]*)?{_NAME})*[ \u3000]*"
    rf"(?:[／/]?[ \u3000]*(?:[{CJK}]{{2,4}})?报[导道])?[）)]?"
)
# What opens a report: its outlet and 讯 or 电 (本报讯, 南通网讯, 【新华社南京3月12日电】, 晚报综合消息,
# 财联社3月12日电, 据新华社电, 央视网消息（…）, 交汇点讯 …); 电 and 消息 only before a mark or space, so
# 合作社电商 is no dateline, and an outlet named only by 讯 only before a space or bracket (not 通讯员,
# 传来喜讯，).  Taiwan's agency writes （中央社记者王小明台北12日电）.
MONTH_DAY = r"\d{1,2}月\d{1,2}日"
OUTLET = (
    rf"【?据?(?:[{CJK}]{{0,8}}?(?:报|网|社|客户端)(?:[{CJK}]{{0,4}}{MONTH_DAY}|客户端)?"
    r"(?:讯|电(?=[】（(，,：:\s]|$)|综合消息|消息(?=[（(：:]))"
    rf"|[{CJK}]{{2,8}}讯(?=[\s（(【]|$)"
    rf"|[（(][{CJK}]{{2,4}}社记者[{CJK}]{{3,10}}\d{{1,2}}日电[）)])】?"
)
_OPENS_REPORT = re.compile(OUTLET)
_PHOTO_CREDIT = re.compile(
    rf"[（(]?(?:{_ROLE}[ \u3000]*)?{_NAME}(?:[ \u3000、]+{_NAME})*[ \u3000]*摄[）)]?"
)
# A paragraph's indent inside a line, after a sentence's end: a scrape flattened two paragraphs.
# The end may still be written ? ! ﹖ ﹗, which the punctuation step turns full-width later.
_FLATTENED_INDENT = re.compile(
    rf"(?<=[。！？”’」』?!﹖﹗])[ \t\u3000\xa0]{{2,}}(?=[{CJK}“‘「《（(0-9])"
)
_INDENT = "a paragraph indent inside a line: the scrape flattened two paragraphs"
_EDGE = "removed blank lines and spaces at the start or end of the text"
_JOINED = "joined a paragraph broken mid-sentence"
_SEPARATED = "one paragraph per line: dropped blank lines, spaces and CR around the break"


def is_headline_line(line: str, *, top: bool = False) -> bool:
    """Short, mostly Chinese line without sentence punctuation: a title, kicker or subtitle.
    At the top of a text a headline may open with a topic and a colon (南通：…, 新华时评：…),
    end as a question or a cry (…“一层住户”怎么办？), and, if short, hold clauses that
    never end in 。 (一场漏水纠纷，在“老邵调解室”握手言和; “安全账户”是骗局！民警拦下转账)."""
    if is_field_line(line):
        return False  # 原标题：… is a field the metadata reads
    topic = _TOPIC.match(line) if top else None
    if topic and topic.end() < len(line):
        line = line[topic.end() :]
    if top and line.endswith(("？", "！")):
        line = line[:-1]
    return (
        2 <= len(line) <= _HEADLINE_MAX
        and len(_HAN.findall(line)) * 2 >= len(line)
        and (_BODY_PUNCT.search(line) is None or (top and _is_clauses_headline(line)))
        and _NOT_HEADLINE_START.match(line) is None
        and _CONTINUING_END.search(line) is None
        and not is_credit_line(line)
    )


def _is_clauses_headline(line: str) -> bool:
    """A headline of clauses: short, no sentence end in it, no dateline opening it."""
    return len(line) <= _CLAUSES_HEADLINE_MAX and "。" not in line and not opens_report(line)


def split_flattened_paragraphs(text: str) -> tuple[str, list[Change]]:
    """。　　据介绍… -> 。 and a new line 据介绍…: two or more spaces (an indent, or &nbsp;s)
    after a sentence's end are where a paragraph began before the scrape joined the lines."""
    return substitute(_FLATTENED_INDENT, text, "layout", lambda _: ("\n", _INDENT))


def reflow_paragraphs(text: str) -> tuple[str, list[Change]]:
    """Rewrite every gap between line contents to '\n' (or '' for a mid-sentence break)."""
    spans = [m.span() for m in _CONTENT.finditer(text)]
    if not spans:
        return "", [Change("layout", 0, len(text), text, "", _EDGE)] if text else []
    gaps = [(0, spans[0][0], "", _EDGE)]
    paragraph = _Paragraph.of(text[spans[0][0] : spans[0][1]])
    top = True  # the paragraph is the text's first, or only plain headlines (a kicker) are before
    above = 0  # paragraphs before it
    for (_, prev_end), (next_start, next_end) in itertools.pairwise(spans):
        line = text[next_start:next_end]
        joined = _breaks_mid_sentence(paragraph, line, top=top)
        above += not joined
        top = top and (joined or (above < HEADLINE_BLOCK_MAX and paragraph.is_headline()))
        new, why = ("", _JOINED) if joined else ("\n", _SEPARATED)
        gaps.append((prev_end, next_start, new, why))
        paragraph = paragraph.joined(line) if joined else _Paragraph.of(line)
    gaps.append((spans[-1][1], len(text), "\n", _EDGE))
    changes = [
        Change("layout", s, e, text[s:e], new, why) for s, e, new, why in gaps if text[s:e] != new
    ]
    if not changes:
        return text, []
    parts = [new + text[e:next_s] for (_, e, new, _), (next_s, *_) in itertools.pairwise(gaps)]
    return "".join(parts) + gaps[-1][2], changes


def opens_report(line: str) -> bool:
    """The line opens with an outlet's dateline: a report starts here, never mid-sentence."""
    return _OPENS_REPORT.match(line) is not None


def is_byline_line(line: str) -> bool:
    """A whole line naming the reporters."""
    return _BYLINE.fullmatch(line) is not None


def is_subheading_line(line: str) -> bool:
    """A numbered heading inside an article: its own paragraph, though no article's title."""
    number = _NUMBERED.match(line)
    return number is not None and is_headline_line(line[number.end() :])


def is_credit_line(line: str) -> bool:
    """Reporters' or a photographer's credit (记者 张三 摄): never a headline or a broken sentence."""
    return is_byline_line(line) or _PHOTO_CREDIT.fullmatch(line) is not None


def is_field_line(line: str) -> bool:
    """A scrape's date stamp or labelled field (来源：…, 作者：…, 原标题：…): not article text."""
    if len(line) > _FIELD_MAX:
        return False
    dated = DATE_STAMP.match(line) or _TIMED_STAMP.search(line)
    stamp = dated is not None and _SENTENCE_PUNCT.search(line) is None
    return stamp or _LABELLED.match(line) is not None or _CONTACT.fullmatch(line) is not None


@dataclass(frozen=True)
class _Paragraph:
    """The paragraph so far, as the join test needs it. Only a short one is kept whole: a
    longer one is body text, never a field, credit, sub-heading or headline, so its last
    character and whether it holds body punctuation are all that is left to ask, and
    joining line after line stays linear in the text (not in its square)."""

    short: str | None  # the whole text while at most _LINE_TESTS_MAX characters
    end: str
    punctuated: bool

    @classmethod
    def of(cls, line: str) -> _Paragraph:
        return cls(_short(line), line[-1:], _BODY_PUNCT.search(line) is not None)

    def joined(self, line: str) -> _Paragraph:
        """This paragraph with `line` joined on: once long, it stays long."""
        short = None if self.short is None else _short(self.short + line)
        punctuated = self.punctuated or _BODY_PUNCT.search(line) is not None
        return _Paragraph(short, line[-1:], punctuated)

    def is_line_kind(self) -> bool:
        """A field, credit or numbered sub-heading: its own paragraph, never cut mid-sentence."""
        short = self.short
        return short is not None and (
            is_field_line(short) or is_credit_line(short) or is_subheading_line(short)
        )

    def is_headline(self, *, top: bool = False) -> bool:
        return self.short is not None and is_headline_line(self.short, top=top)


def _short(text: str) -> str | None:
    """`text` if the join test still reads it whole (`_LINE_TESTS_MAX`), else None."""
    return text if len(text) <= _LINE_TESTS_MAX else None


def _breaks_mid_sentence(paragraph: _Paragraph, next_line: str, *, top: bool) -> bool:
    """True when `paragraph` (`top` if the text's first or only plain headlines are before it)
    was cut inside a sentence `next_line` continues."""
    if paragraph.is_line_kind():
        return False
    if _MARK_START.match(next_line):
        return True
    if _CONTINUATION_START.match(next_line) is None or opens_report(next_line):
        return False
    if DATE_STAMP.fullmatch(next_line):
        return False  # a date on a line of its own signs a notice off; no sentence ends so
    end = paragraph.end
    if _CONTINUING_END.search(end):
        return True
    if end.isdigit():  # a body line, not a stamp or a headline, cut inside a number
        return paragraph.punctuated
    top = top and _NUMBER_GOES_ON.match(next_line) is None  # 增长约 | 7%: no headline ends so
    return _OPEN_END.search(end) is not None and not paragraph.is_headline(top=top)
