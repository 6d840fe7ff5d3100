"""The whole normalizer: never raises, idempotent, leaves clean text alone, splits and labels
articles, and explains itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.models import Source
from generator.normalize import (
    STEPS,
    explain,
    fingerprint,
    normalize_source,
    normalize_text,
    same_story,
)
from generator.normalize.changes import apply_changes
from generator.normalize.metadata import find_dateline, infer_date, make_title
from generator.normalize.split import name_headlines, split_articles

SOURCES = sorted((Path(__file__).resolve().parent.parent / "sources").glob("*.txt"))
FRESH = sorted((Path(__file__).resolve().parent.parent / "bench" / "articles").glob("*.txt"))
CLEAN_SENTENCES = [
    "南通以项目支撑产业、以产业引领发展。",
    "规上工业增加值增速等多项指标位居全省前列，有力支撑地区生产总值增长6.2%。",
    "会议强调，要打好项目招引提质、建设提速、转化提效的“连环拳”。",
    "构建“322X”现代海洋产业体系，在沿海再造一个“新南通”。",
    "各县（市、区）主要负责同志参加会议，其中企业家近300人。",
    "推动PM2.5和臭氧浓度“双控双减”。",
    "这是为什么？",
    "改革成效显著，著名学者萧乾称道土著文化。",
]


@given(st.text(max_size=300))
def test_never_raises_and_is_idempotent_on_arbitrary_text(text: str) -> None:
    ns = normalize_text(text)
    assert normalize_text(ns.text).text == ns.text
    assert ns.text == "" or ns.text.endswith("\n")


def test_lines_joined_into_junk_are_removed_in_the_same_run() -> None:
    """Found by hypothesis: 赞 and 赞 alone are no junk, but layout joins them into 赞赞, a row of
    like buttons, which a second run removed; junk and layout now repeat until they settle."""
    ns = normalize_text("南通召开大会。\n赞\n赞\n")
    assert ns.text == "南通召开大会。\n"
    assert normalize_text(ns.text).text == ns.text


@pytest.mark.parametrize("text", ["表\n(yè)", "中\n(\n”", "“aa\n”", "（\n中1)", "表\n(yè)\n(yè)"])
def test_steps_that_read_neighbours_look_again_where_layout_joined_lines(text: str) -> None:
    """Found by hypothesis: a joined line end gives an annotation, a mark or an acronym new
    neighbours, which a second run acted on; and an annotation removed after a join leaves the
    line after it broken mid-sentence, which layout must join again (表 / （yè）)."""
    once = normalize_text(text).text
    assert normalize_text(once).text == once


def test_a_bracket_pair_layout_joins_is_restored_in_the_same_run() -> None:
    # The line break cut the pair (（ | 见表1)); once joined, ) closes （ and goes full width,
    # though between 1 and 2 it reads as ASCII on its own.
    text = "报告指出（\n见表1)2025年全市增长"
    assert normalize_text(text).text == "报告指出（见表1）2025年全市增长\n"


@pytest.mark.parametrize("text", ["?\u3000 南通", "好!\u3000\u3000南通。"])
def test_an_indent_after_a_mark_still_written_in_ascii_is_split_in_the_first_run(text) -> None:
    """Found by hypothesis: ? became ？ only after the indent step had run, so a second run split
    the line there; the indent step now reads ? and ! as the sentence ends they will be."""
    once = normalize_text(text).text
    assert len(once.splitlines()) == 2
    assert normalize_text(once).text == once


@pytest.mark.parametrize(
    "text",
    [
        "a\ud800b?中",
        "\x00中?文\x00",
        "\u2028著\u2029?",
        "\ufeff",
        "?" * 50,
        "(yè)" * 30,
        "\ud800显著",
        "顯著\ud800\n显著\x00",
    ],
)
def test_never_raises_on_hostile_text(text: str) -> None:
    ns = normalize_text(text)
    assert all(isinstance(p, str) for a in ns.articles for p in a.paragraphs)


@given(st.lists(st.lists(st.sampled_from(CLEAN_SENTENCES), min_size=1, max_size=4), max_size=6))
def test_clean_simplified_text_passes_unchanged(paragraphs: list[list[str]]) -> None:
    text = "".join("".join(p) + "\n" for p in paragraphs)
    ns = normalize_text(text)
    assert ns.text == text
    assert ns.changes == []


@pytest.mark.parametrize("path", FRESH, ids=lambda p: p.stem)
def test_clean_new_articles_pass_unchanged(path: Path) -> None:
    """The fresh articles bench_repair corrupts (bench/articles) are clean as they stand."""
    text = path.read_text(encoding="utf-8")
    ns = normalize_text(text)
    assert (ns.text, ns.changes) == (text, [])
    assert len(FRESH) == 136


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name[:3])
def test_changes_replay_step_by_step(path: Path) -> None:
    """Each step's changes index that step's input: replaying them rebuilds its output."""
    text = path.read_text(encoding="utf-8")
    for step in STEPS:
        out, changes = step(text)
        assert apply_changes(text, changes) == out, step.__name__
        text = out


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(SOURCES), st.data())
def test_seed_text_with_random_cuts_never_raises(path: Path, data: st.DataObject) -> None:
    text = path.read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    ns = normalize_text(text[start:end])
    assert normalize_text(ns.text).text == ns.text


def test_normalize_source_uses_the_source_identity() -> None:
    src = Source("sources/a.txt", "ab" * 32, 9, "第一句。\n", "gb18030")
    ns = normalize_source(src)
    assert ns.encoding == "gb18030"
    [article] = ns.articles
    assert (article.id, article.source, article.index) == ("abababababab-1", "sources/a.txt", 1)


def test_whitespace_only_text_gives_no_articles() -> None:
    assert normalize_text(" \n\n").articles == []


def test_two_articles_split_at_headline_blocks_with_named_lines() -> None:
    lines = [
        "省委省政府召开推进会",
        "聚焦重大任务 坚持一体推进",
        "晚报综合消息 2月5日，会议召开。",
        "引题 坚持不懈狠抓项目建设",
        "全市推进大会举行",
        "晚报讯 昨天，大会举行。",
        "记者朱文君 张彤 范译",
    ]
    first, second = split_articles(lines)
    assert name_headlines(first.headlines) == name_headlines(["省委省政府召开推进会", lines[1]])
    assert name_headlines(first.headlines).subtitle == "聚焦重大任务 坚持一体推进"
    assert name_headlines(second.headlines).kicker == "引题 坚持不懈狠抓项目建设"
    assert name_headlines(second.headlines).title == "全市推进大会举行"
    assert second.body == lines[5:]


def test_a_lone_headline_right_before_a_dateline_starts_an_article() -> None:
    text = (
        "南通港一季度吞吐量增长\n本报讯 昨天，南通港公布一季度数据。\n加快建设出海口\n"
        "据了解，新出海口建设正在推进。\n南通：加快建设强支点城市\n本报讯 两会上，南通代表团提出建议。\n"
    )
    first, second = normalize_text(text).articles
    assert first.title == "南通港一季度吞吐量增长"
    assert first.paragraphs[-2:] == [
        "加快建设出海口",
        "据了解，新出海口建设正在推进。",
    ]  # a sub-heading
    assert (second.title, second.dateline) == ("南通：加快建设强支点城市", "本报讯")


def test_a_lone_subheading_does_not_start_an_article() -> None:
    lines = ["第一段正文，内容。", "突出创新驱动", "第二段正文，内容。"]
    [article] = split_articles(lines)
    assert article.body == lines


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("日报讯（记者朱文君）今年是南通经济技术开发区建区40周年。", "日报讯（记者朱文君）"),
        ("晚报综合消息 人勤春早，实干争先。", "晚报综合消息"),
        ("晚报讯 昨天，南通大会举行。", "晚报讯 昨天"),
        ("今天（2月5日），南通大会举行。", "今天（2月5日）"),
        ("12月29日上午，全市推进会召开。", "12月29日上午"),
        ("新华社南京2月5日电（记者张三）会议召开。", "新华社南京2月5日电（记者张三）"),
        ("南通网讯 4月8日，马拉松赛开跑。", "南通网讯 4月8日"),
        ("中国江苏网讯（记者李四）昨天上午，会议召开。", "中国江苏网讯（记者李四）昨天上午"),
        ("人民网北京3月5日电 会议开幕。", "人民网北京3月5日电"),
        ("【新华社北京4月10日电】国新办举行发布会。", "【新华社北京4月10日电】"),
        ("南通日报客户端讯（通讯员王五）全市会议召开。", "南通日报客户端讯（通讯员王五）"),
        ("习近平总书记勉励江苏走在前。", None),
        ("网络安全宣传周开幕。", None),
        ("2025年4月9日，南通召开大会。", "2025年4月9日"),
        ("财联社3月12日电，南通港吞吐量再创新高。", "财联社3月12日电"),
        ("据新华社电 南通召开大会。", "据新华社电"),
        ("央视网消息（新闻联播）：今天，南通召开大会。", "央视网消息"),
        ("交汇点讯 南通召开大会。", "交汇点讯"),
        ("（中央社记者王小明台北12日电）行政院会今天通过草案。", "（中央社记者王小明台北12日电）"),
        (
            "本报南通3月12日电 记者张三、李四报道：南通召开大会。",
            "本报南通3月12日电 记者张三、李四报道",
        ),
        ("南通合作社电商平台上线。", None),
        ("通讯员张三表示，南通召开大会。", None),
        ("传来喜讯，南通港吞吐量再创新高。", None),
    ],
)
def test_datelines(paragraph: str, dateline: str | None) -> None:
    assert find_dateline(paragraph) == dateline


def test_a_reporter_named_after_the_dateline_is_the_byline() -> None:
    text = "南通召开大会\n本报南通3月12日电 记者张三、李四报道：南通召开大会。\n"
    assert normalize_text(text).articles[0].byline == "记者张三、李四"


@pytest.mark.parametrize(
    ("dateline", "body", "expected"),
    [
        (None, ["2023年6月30日，会议召开。"], ("2023-06-30", "explicit")),
        (
            "今天（2月5日）",
            ["今天（2月5日），会议召开。", "表扬2024年50强企业。"],
            ("2025-02-05", "year-from-context"),
        ),
        (
            "10月9日",
            ["10月9日，会议召开。", "2024年前三季度增长5%。"],
            ("2024-10-09", "year-from-context"),
        ),
        (
            "12月29日上午",
            ["学习贯彻党的二十大精神，优化疫情防控措施。"],
            ("2022-12-29", "year-from-context"),
        ),
        ("2月5日", ["2月5日，会议召开。", "力争到2027年建成。"], (None, "unknown")),
        ("晚报讯 昨天", ["晚报讯 昨天，南通大会举行。"], (None, "unknown")),
        (None, ["2月30日，会议召开。", "2024年增长。"], (None, "unknown")),
        (
            "本报讯",
            ["本报讯 今年“双十一”期间（11月1日至11月11日），2024年同期的两倍。"],
            (None, "unknown"),
        ),
        (
            None,
            ["11月1日—11日，销量增长。10月31日，活动启动。", "2024年前三季度增长5%。"],
            ("2024-10-31", "year-from-context"),
        ),
        (  # the day a rule takes effect is not the notice's: its sign-off dates it
            None,
            [
                "自2026年12月10日起，对以下公交线路进行调整。",
                "特此公告。",
                "市公交集团",
                "2026年12月1日",
            ],
            ("2026-12-01", "sign-off"),
        ),
        (  # its issuer and date on one line
            "本报讯（记者 刘子健）",
            [
                "本报讯（记者 刘子健）记者昨日获悉，我市储备融雪剂3200吨。",
                "市城市管理局 2025年11月25日",
            ],
            ("2025-11-25", "sign-off"),
        ),
        (  # a story told from when it began: its year is not the report's
            None,
            ["11月3日清晨，她打开直播间。", "2019年，她牵头成立合作社。如今，社员增加到118户。"],
            (None, "unknown"),
        ),
        (  # ... while a year after the 如今 still dates it
            None,
            ["11月3日清晨，她打开直播间。", "2019年，她牵头成立合作社。如今，2024年销售额翻番。"],
            ("2024-11-03", "year-from-context"),
        ),
        (None, ["2026年1月1日至2027年12月31日期间购置的汽车，减半征收。"], (None, "unknown")),
        (
            "昨天",
            ["2025-02-06 08:30 来源：南通日报", "昨天，大会举行。"],
            ("2025-02-05", "relative"),
        ),
        (
            "12月30日",
            ["2025/01/02 南通日报", "12月30日，大会举行。"],
            ("2024-12-30", "year-from-context"),
        ),
    ],
)
def test_dates_come_only_from_the_text(dateline, body, expected) -> None:
    assert infer_date(dateline, body) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("sources/2026-12-01/d1.txt", ("2026-11-21", "year-from-drop")),
        ("sources/2026-11-20/d1.txt", ("2026-11-21", "year-from-drop")),  # the week after it
        ("sources/2026-11-10/d1.txt", ("2025-11-21", "year-from-drop")),  # not later
        ("sources/2026-12-01/sub/d1.txt", ("2026-11-21", "year-from-drop")),
        ("sources/d1.txt", (None, "unknown")),
        ("sources/2026-13-01/d1.txt", (None, "unknown")),
        ("sources/2026-12-01.txt", (None, "unknown")),  # a file's name is no drop folder
    ],
)
def test_a_month_and_day_alone_take_the_year_from_the_drop_folder(source, expected) -> None:
    text = "A股收涨\n本报讯（记者 吴静）11月21日，A股三大指数集体收涨。\n"
    (article,) = normalize_text(text, source=source).articles
    assert (article.date, article.date_basis) == expected
    # a year the text gives wins over the drop's
    text += "2024年全年成交额创新高。\n"
    (article,) = normalize_text(text, source="sources/2026-12-01/d1.txt").articles
    assert (article.date, article.date_basis) == ("2024-11-21", "year-from-context")


@pytest.mark.parametrize(
    ("paragraph", "dateline", "title"),
    [
        (
            "日报讯（记者朱文君）今年是南通经济技术开发区建区40周年。新时代",
            "日报讯（记者朱文君）",
            "今年是南通经济技术开发区建区40周年",
        ),
        (
            "12月29日上午，全市高质量发展项目推进会召开，市委书记徐缨主持会议并讲话。",
            "12月29日上午",
            "全市高质量发展项目推进会召开",
        ),
        (
            "习近平总书记勉励江苏在推进中国式现代化中走在前、做示范，赋予江苏重大任务。",
            None,
            "习近平总书记勉励江苏在推进中国式现代化中走在前、做示范",
        ),
        ("甲" * 80, None, "甲" * 40 + "…"),
        (
            "“十五五”开局之年，如何稳就业？就业是最基本的民生。",
            None,
            "“十五五”开局之年，如何稳就业？",
        ),
        ("今天是个好日子！大家都来了。", None, "今天是个好日子！"),
    ],
)
def test_title_from_first_sentence_is_cut_at_a_clause(paragraph, dateline, title) -> None:
    assert make_title(paragraph, dateline) == title


def test_article_without_headline_gets_a_first_sentence_title() -> None:
    [article] = normalize_text("今天（2月5日），南通大会举行，共谋发展。\n").articles
    assert (article.title, article.title_basis) == ("南通大会举行，共谋发展", "first-sentence")


@pytest.mark.parametrize("stamp", ["2025-02-06 08:30", "2025-02-06 08:30 来源：南通日报"])
def test_publication_stamp_dates_a_relative_dateline(stamp: str) -> None:
    [article] = normalize_text(f"{stamp}\n晚报讯 昨天，大会举行。\n").articles
    assert (article.title_basis, article.dateline) == ("first-sentence", "晚报讯 昨天")
    assert (article.date, article.date_basis) == ("2025-02-05", "relative")


def test_explain_is_json_with_articles_and_changes() -> None:
    ns = normalize_text("日报讯 (记者朱文君)昨天,会议召开。\n\n請輸入驗證碼\n")
    data = json.loads(json.dumps(explain(ns), ensure_ascii=False))
    assert data["text"] == "日报讯（记者朱文君）昨天，会议召开。\n"
    assert data["encoding"] == "utf-8"
    [article] = data["articles"]
    assert article["dateline"] == "日报讯（记者朱文君）昨天"
    assert article["byline"] == "记者朱文君"
    assert article["date"] is None and article["date_basis"] == "unknown"
    assert {"title", "subtitle", "author", "paragraphs"} <= article.keys()
    fixes = {c["fix"] for c in data["changes"]}
    assert {"script", "junk", "punctuation", "layout"} <= fixes
    fields = {"fix", "start", "end", "before", "after", "why", "margin"}
    assert all(c.keys() == fields for c in data["changes"])
    assert all(c["margin"] is None for c in data["changes"])  # no language-model choice here


def test_a_reposted_articles_fields_give_its_title_author_and_date() -> None:
    text = (
        "　　原标题：崇川区打造“15分钟便民生活圈”\n"
        "来源：南通日报　作者：张三　发布时间：2025-04-10 09:12\n"
        "　　4月9日，崇川区召开便民生活圈建设推进会。\n"
        "　　会议要求，各街道要加快补齐服务短板。\n"
    )
    [article] = normalize_text(text).articles
    assert (article.title, article.title_basis) == ("崇川区打造“15分钟便民生活圈”", "headline")
    assert article.author == "作者：张三"
    assert (article.dateline, article.date, article.date_basis) == (
        "4月9日",
        "2025-04-09",
        "year-from-context",
    )


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("本报记者 张三\n　　4月9日，南通召开大会。会议强调要加快发展。\n", "本报记者 张三"),
        ("本台记者 张三\n　　4月9日，南通召开大会。\n", "本台记者 张三"),
        (
            "南通日报记者 张三 通讯员 李四\n　　4月9日，南通召开大会。\n",
            "南通日报记者 张三 通讯员 李四",
        ),
        (
            "　　4月9日，南通召开大会。会议强调要加快发展。\n（记者 张三 通讯员 李四）\n",
            "记者 张三 通讯员 李四",
        ),
        ("　　4月9日，南通召开大会。会议强调要加快发展。\n记者 张三\n编辑 李四\n", "记者 张三"),
        ("記者王小明／台北報導\n　　4月9日，南通召开大会。\n", "记者王小明／台北报导"),
    ],
)
def test_a_credit_line_above_or_below_the_text_is_the_byline_not_the_title(text, byline) -> None:
    [article] = normalize_text(text).articles
    assert (article.title, article.dateline, article.byline) == ("南通召开大会", "4月9日", byline)
    assert "编辑" not in normalize_text(text).text  # the website's credit is junk


def test_a_title_from_the_text_keeps_its_marks_and_a_stamp_alone_dates_it() -> None:
    text = "2025-03-05 07:30 来源：新华日报\n　　南通：加快建设强支点城市，推进产业强市。\n"
    [article] = normalize_text(text).articles
    assert (article.title, article.title_basis) == ("南通：加快建设强支点城市", "first-sentence")
    assert (article.date, article.date_basis) == ("2025-03-05", "publication-stamp")


def test_a_notice_is_dated_by_the_date_it_signs_off_with() -> None:
    """Its issuer and date close it, each on a line of its own, kept apart from the text."""
    text = (
        "关于临时停水的通知\n各位用户：\n因管网改造，我公司定于本周六暂停供水。\n"
        "服务热线：96390\n市自来水有限公司\n2026年12月2日\n"
    )
    [article] = normalize_text(text).articles
    assert article.paragraphs[-3:] == ["服务热线：96390", "市自来水有限公司", "2026年12月2日"]
    assert (article.date, article.date_basis) == ("2026-12-02", "sign-off")


def test_two_sites_editions_of_a_story_are_the_same_story() -> None:
    """Their headlines, stamps and source lines differ; the story does not."""
    story = (
        "今年前两个月，南通港完成货物吞吐量4000万吨，同比增长6.2%。"
        "据介绍，南通港持续推进江海联运，集装箱业务增势强劲。\n"
    )
    one = "南通港吞吐量再创新高\n来源：南通日报  发布时间：2025-03-12 09:30  浏览次数：1234\n"
    other = "前两月南通港货物吞吐量4000万吨\n2025-03-13 10:02 来源：江苏新闻网 作者：李四\n"
    [a], [b] = (normalize_text(head + story).articles for head in (one, other))
    assert same_story(fingerprint(a), fingerprint(b))


def test_a_commentarys_closing_affiliation_is_its_author_note() -> None:
    text = "让城市漫步走得更远些\n近来，城市漫步在年轻人中悄然走红。\n（作者单位：江南城市发展研究院）\n"
    [article] = normalize_text(text).articles
    assert article.author == "（作者单位：江南城市发展研究院）"
    assert article.paragraphs[-1] == "（作者单位：江南城市发展研究院）"


def test_a_field_line_below_the_text_names_the_author() -> None:
    body = "".join(f"　　会议强调，要加快第{n}批项目建设。\n" for n in range(4))
    text = f"南通召开大会\n　　4月9日，南通召开大会。\n{body}本文来源：南通日报 作者：李四\n"
    [article] = normalize_text(text).articles
    assert article.author == "作者：李四"
    assert article.paragraphs[-1] == "本文来源：南通日报 作者：李四"  # a field: never joined


def test_a_social_platform_page_keeps_its_article_and_loses_its_buttons() -> None:
    """A public-account page as scraped: its account stamp above the headline dates the article
    and is never joined to it; follow prompts, image placeholders, buttons and the closing list
    of other articles go."""
    text = (
        "点击蓝字 关注我们\n南通发布 2025-03-12 08:00 发表于江苏\n南通港吞吐量再创新高\n图片\n"
        "今年前两个月，南通港完成货物吞吐量4000万吨，同比增长6.2%。\n"
        "据介绍，南通港持续推进\n江海联运。\n往期推荐\n南通地铁2号线开通一周年\n"
        "点个“在看”，分享给更多人\n分享 收藏 点赞 在看\n阅读原文\n"
    )
    result = normalize_text(text)
    assert result.text.splitlines() == [
        "南通发布 2025-03-12 08:00 发表于江苏",
        "南通港吞吐量再创新高",
        "今年前两个月，南通港完成货物吞吐量4000万吨，同比增长6.2%。",
        "据介绍，南通港持续推进江海联运。",
    ]
    [article] = result.articles
    assert (article.title, article.title_basis) == ("南通港吞吐量再创新高", "headline")
    assert (article.date, article.date_basis) == ("2025-03-12", "publication-stamp")
    assert article.paragraphs[:2] == [
        "南通港吞吐量再创新高",
        "南通发布 2025-03-12 08:00 发表于江苏",
    ]


def test_a_headline_the_scrape_took_twice_is_the_title_once() -> None:
    text = "南通港吞吐量再创新高\n南通港吞吐量再创新高\n　　今年前两个月，南通港吞吐量增长6.2%。\n"
    [article] = normalize_text(text).articles
    assert (article.title, article.subtitle, article.kicker) == ("南通港吞吐量再创新高", None, None)
    assert normalize_text(text).text.count("南通港吞吐量再创新高") == 2  # the text keeps its lines


def test_a_topic_headline_with_a_colon_at_the_top_is_the_title() -> None:
    text = "南通：加快建设长三角强支点城市\n——访南通市委书记\n　　在今年全国两会上，南通代表团提出建议。\n"
    [article] = normalize_text(text).articles
    assert (article.title, article.subtitle) == (
        "南通：加快建设长三角强支点城市",
        "——访南通市委书记",
    )
    assert article.paragraphs[2] == "在今年全国两会上，南通代表团提出建议。"


def test_a_headline_at_the_top_may_end_as_a_question() -> None:
    text = "小区加装电梯遇难题 “一层住户”怎么办？\n“加装电梯是好事，可我家在一楼。”刘大爷说。\n"
    [article] = normalize_text(text).articles
    assert article.title == "小区加装电梯遇难题 “一层住户”怎么办？"
    # inside a text, a short question is still a paragraph, not a second article's headline
    text += "怎么办？\n社区请来设计单位重新调整方案。\n"
    [article] = normalize_text(text).articles
    assert article.paragraphs[-2:] == ["怎么办？", "社区请来设计单位重新调整方案。"]
