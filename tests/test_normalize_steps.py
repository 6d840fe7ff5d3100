"""Each normalization step on its own: what it fixes, what it must leave alone, what it records."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.normalize import normalize_text
from generator.normalize.changes import apply_changes
from generator.normalize.entities import decode_entities
from generator.normalize.junk import remove_junk
from generator.normalize.layout import (
    is_headline_line,
    reflow_paragraphs,
    split_flattened_paragraphs,
)
from generator.normalize.markup import remove_markup
from generator.normalize.punctuation import restore_acronyms, restore_fullwidth_punctuation
from generator.normalize.script import to_simplified


def assert_replayable(step, text: str) -> tuple[str, list]:
    """The recorded changes, replayed on the step's input, give exactly its output."""
    out, changes = step(text)
    assert apply_changes(text, changes) == out
    assert all(text[c.start : c.end] == c.before for c in changes)
    return out, changes


def assert_fixes(step, fix: str, raw: str, clean: str) -> None:
    """The step turns raw into clean, recording each change under its own fix name."""
    out, changes = assert_replayable(step, raw)
    assert out == clean
    assert {c.fix for c in changes} == ({fix} if raw != clean else set())


# --- script -----------------------------------------------------------------------------------


def test_script_uses_taiwan_table_so_zhe_becomes_simplified() -> None:
    out, changes = assert_replayable(to_simplified, "靠著20萬元開辦費")
    assert out == "靠着20万元开办费"
    assert [c.before for c in changes] == ["著", "萬", "開辦費"]
    assert {c.fix for c in changes} == {"script"}


def test_script_converts_the_forms_hong_kong_text_writes() -> None:
    # tw2s leaves 衞 敍 衹 as they are; they are never Simplified, so hk2s's forms are taken.
    out, changes = assert_replayable(to_simplified, "個人衞生，敍述衹有一句")
    assert out == "个人卫生，叙述只有一句"
    assert [c.before for c in changes] == ["個", "衞", "敍", "衹"]


def test_script_leaves_simplified_and_converts_around_nul() -> None:
    assert to_simplified("南通开发区建区40周年。") == ("南通开发区建区40周年。", [])
    assert assert_replayable(to_simplified, "會\x00議")[0] == "会\x00议"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("成效显著，土著居民，萧乾老人，么", "成效显著，土著居民，萧乾老人，么"),
        ("顯著提升，著名學者，看著我們", "显著提升，著名学者，看着我们"),
        ("显著提升\n他看著我們", "显著提升\n他看着我们"),
        ("他看著我。\n這個問題很重要。", "他看着我。\n这个问题很重要。"),
        # a phrase's character: tw2s writes 借以 for 藉以, which People's Daily writes too
        (
            "分析，藉以窥知周恩来深受中国传统人文精神的影响",
            "分析，藉以窥知周恩来深受中国传统人文精神的影响",
        ),
        (
            "分析，藉以窺知周恩來深受中國傳統人文精神的影響",
            "分析，借以窥知周恩来深受中国传统人文精神的影响",
        ),
    ],
)
def test_script_keeps_what_simplified_text_writes_unless_the_line_is_traditional(
    text: str, expected: str
) -> None:
    """tw2s turns 显著 into 显着 and a lone 么 into 幺: only Traditional text around them (in the
    line, else in the text) says they were Traditional."""
    assert assert_replayable(to_simplified, text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他照著書上的法子做，孩子們捧著書不肯走。", "他照着书上的法子做，孩子们捧着书不肯走。"),
        ("她拿著作業，帶著名片。", "她拿着作业，带着名片。"),
        ("這位著名學者著書立說，功勳卓著。", "这位著名学者著书立说，功勋卓著。"),
    ],
)
def test_script_reads_zhe_by_its_sentence_not_by_the_longest_phrase(
    text: str, expected: str
) -> None:
    """The table wrote 著 for 着 and 著 alike; tw2s takes 著書 and 著作 as phrases (照著书)."""
    out, changes = assert_replayable(to_simplified, text)
    assert out == expected
    assert any("language model" in c.why for c in changes) == ("照" in text or "拿" in text)


# --- punctuation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("今天(2月5日),南通大会举行", "今天（2月5日），南通大会举行"),
        ("二次创业?昨天,市委书记", "二次创业？昨天，市委书记"),
        ("重塑优势;聚焦新材料:高端装备!", "重塑优势；聚焦新材料：高端装备！"),
        ("日报讯 (记者朱文君)今年是", "日报讯（记者朱文君）今年是"),
        ("各县(市、区)主要负责同志", "各县（市、区）主要负责同志"),
        ("好的﹐同意吗﹖同意﹗理由﹕一﹔二﹑三", "好的，同意吗？同意！理由：一；二、三"),
        ("他说﹐ 「对」", "他说，「对」"),
        ("他说: “对”", "他说：“对”"),
        ("“对” ,他说", "“对”，他说"),
        # a bracket pair is restored whole: 0)2 alone reads as ASCII
        ("大会(COP30)22日闭幕", "大会（COP30）22日闭幕"),
        ("大会（COP30)22日闭幕", "大会（COP30）22日闭幕"),
        ("(a) 中国方案", "（a）中国方案"),
        # a number between the comma and the Chinese on each side is read through
        ("从不到30%提高到了86%,2024年全年", "从不到30%提高到了86%，2024年全年"),
    ],
)
def test_ascii_punctuation_in_chinese_becomes_full_width(raw: str, clean: str) -> None:
    assert_fixes(restore_fullwidth_punctuation, "punctuation", raw, clean)


@pytest.mark.parametrize(
    "kept",
    [
        "增长6.2%、增速居全国",
        "上海“1+8”大都市圈",
        "构建“322X”现代海洋产业体系",
        "PM2.5浓度下降",
        "会议10:30开始，共1,000人",
        "In 2024, 86% of homes had broadband.",
        "上午□:30开始",  # the hour's digit lost in a garble: still a time
        "再形成1—2个集群",
        "Notice: The content above (including the pictures) is uploaded.",
        "晚报综合消息 人勤春早，实干争先。",
        "聚焦重大任务 坚持一体推进",
        "小区加装电梯遇难题 “一层住户”怎么办？",
        "“夜经济” 点亮老城区",
    ],
)
def test_numbers_english_and_headline_spaces_are_kept(kept: str) -> None:
    assert restore_fullwidth_punctuation(kept) == (kept, [])


def test_acronyms_lowercased_by_the_scrape_are_restored() -> None:
    out, changes = assert_replayable(restore_acronyms, "推动pm2.5和臭氧，发展风电、lng等能源")
    assert out == "推动PM2.5和臭氧，发展风电、LNG等能源"
    assert [c.after for c in changes] == ["PM2.5", "LNG"]


@pytest.mark.parametrize(
    "kept",
    ["面积5km远", "the lng tanker", "iPhone销量", "下载x版本", "我的blog上写java，谈GDP"],
)
def test_units_words_and_mixed_case_are_not_acronyms(kept: str) -> None:
    assert restore_acronyms(kept) == (kept, [])


# --- layout -----------------------------------------------------------------------------------

BROKEN_004 = (
    "\n\n省委省政府召开推进会\n\n聚焦重大任务 坚持一体推进\n\n"
    "晚报综合消息 人勤春早，实干争先。近年来，我们构建\n\n多层次、系统化的体系。要夯实人才支\n\n"
    "撑，打造人才队伍。\n\n提升涉海科技驱动力和海洋经济支撑力。\n\n以更强合力抓落实，期待广大\n\n"
    "企业深耕主业。转化提效的\n\n“连环拳”，构筑硬支撑。\n\n记者朱文君 张彤 范译\n"
)
CLEAN_004 = (
    "省委省政府召开推进会\n聚焦重大任务 坚持一体推进\n"
    "晚报综合消息 人勤春早，实干争先。近年来，我们构建多层次、系统化的体系。要夯实人才支"
    "撑，打造人才队伍。\n提升涉海科技驱动力和海洋经济支撑力。\n以更强合力抓落实，期待广大"
    "企业深耕主业。转化提效的“连环拳”，构筑硬支撑。\n记者朱文君 张彤 范译\n"
)


def test_layout_drops_blank_lines_and_joins_mid_sentence_breaks_only() -> None:
    out, changes = assert_replayable(reflow_paragraphs, BROKEN_004)
    assert out == CLEAN_004
    joins = [c for c in changes if c.why.startswith("joined")]
    assert len(joins) == 4


def test_layout_normalises_line_endings_and_edge_spaces() -> None:
    out, _ = assert_replayable(reflow_paragraphs, "\ufeff　　第一段。\r\n\r\n  第二段。  \r\n\r\n")
    assert out == "第一段。\n第二段。\n"
    assert reflow_paragraphs(" \n\t\n") == ("", reflow_paragraphs(" \n\t\n")[1])
    assert reflow_paragraphs(" \n\t\n")[0] == ""


@pytest.mark.parametrize("credit", ["文字：张三 图片：李四", "图/李四", "摄影：王五"])
def test_layout_keeps_a_credit_line_below_the_text_apart(credit: str) -> None:
    text = f"会议强调，要加快建设。\n{credit}\n南通召开大会\n"
    assert reflow_paragraphs(text)[0] == text


@pytest.mark.parametrize("indent", ["\u3000\u3000", "    ", "\xa0\xa0"])
def test_a_paragraph_indent_inside_a_line_starts_a_paragraph(indent: str) -> None:
    text = f"今年南通港吞吐量增长6.2%。{indent}据介绍，南通港持续推进江海联运。”{indent}2月5日，会议召开。"
    out, _ = assert_replayable(split_flattened_paragraphs, text)
    assert out.splitlines() == [
        "今年南通港吞吐量增长6.2%。",
        "据介绍，南通港持续推进江海联运。”",
        "2月5日，会议召开。",
    ]
    assert split_flattened_paragraphs("会议强调，  要加快建设。") == (
        "会议强调，  要加快建设。",
        [],
    )


def test_layout_keeps_a_scrapes_stamp_and_source_lines_apart() -> None:
    text = (
        "原标题：聚焦重大任务，推进高质量发展\n2025-04-10 08:30 来源：南通日报\n本文来源：新华日报\n"
        "本报讯 昨天，会议召开。\n作者：张三\n会议强调，要加快建设\n港口。\n"
    )
    out, _ = assert_replayable(reflow_paragraphs, text)
    assert out.splitlines() == [
        "原标题：聚焦重大任务，推进高质量发展",
        "2025-04-10 08:30 来源：南通日报",
        "本文来源：新华日报",
        "本报讯 昨天，会议召开。",
        "作者：张三",
        "会议强调，要加快建设港口。",
    ]


def test_layout_keeps_a_topic_headline_at_the_top_but_joins_a_colon_line_inside() -> None:
    text = "南通：加快建设强支点城市\n会议指出：要加快建设\n现代化港口群。\n"
    out, _ = assert_replayable(reflow_paragraphs, text)
    assert out.splitlines() == ["南通：加快建设强支点城市", "会议指出：要加快建设现代化港口群。"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # clauses in a headline: a comma, a cry inside it (two blind articles were joined)
        (
            "一场漏水纠纷，在“老邵调解室”握手言和\n“这杯茶喝下去，咱们两家还是好邻居！”邵丽萍说。\n",
            "一场漏水纠纷，在“老邵调解室”握手言和",
        ),
        (
            "“安全账户”是骗局！民警15分钟拦下28万元转账\n蕲春警方同步打掉一个洗钱窝点\n"
            "11月18日，记者从县公安局获悉。\n",
            "“安全账户”是骗局！民警15分钟拦下28万元转账",
        ),
        # under a kicker (a blind article's title and subtitle were joined)
        (
            "生态·民生\n禁渔期里，渔民“上岸”有新活计\n骆马湖畔渔民转产转业见闻\n"
            "本报讯（记者唐慧）4月15日清晨，骆马湖面很静。\n",
            "禁渔期里，渔民“上岸”有新活计",
        ),
    ],
)
def test_layout_keeps_a_headline_of_clauses_at_the_top(text: str, title: str) -> None:
    assert reflow_paragraphs(text) == (text, [])
    assert normalize_text(text).articles[0].title == title


def test_a_text_of_headline_lines_costs_a_few_checks_a_line(monkeypatch) -> None:
    # Every line was a possible block's start, and each block ran on to the text's end:
    # 20,000 short lines took 530 s.  A block is at most kicker, title and subtitle.
    from generator.normalize import split

    calls = 0

    def counted(line: str, *, top: bool = False) -> bool:
        nonlocal calls
        calls += 1
        return is_headline_line(line, top=top)

    monkeypatch.setattr(split, "is_headline_line", counted)
    lines = 400
    split.split_articles(["短标题一行"] * lines)
    assert calls < 20 * lines


def test_a_text_of_date_stamps_costs_a_few_checks_a_line(monkeypatch) -> None:
    # Each line asked again whether every line above it was a stamp: 4,000 lines took 8.7 s.
    from generator.normalize import split

    calls = 0
    real = split.is_field_line

    def counted(line: str) -> bool:
        nonlocal calls
        calls += 1
        return real(line)

    monkeypatch.setattr(split, "is_field_line", counted)
    lines = 400
    split.split_articles([f"2025年4月{day % 28 + 1}日" for day in range(lines)])
    assert calls < 5 * lines


def test_joining_a_line_reads_the_end_of_the_paragraph_not_all_of_it(monkeypatch) -> None:
    # Each line joined made the paragraph longer, and every join searched all of it for its
    # end, or for a comma before the number it was cut in: 20,000 lines cut after a number
    # took quadratic time.
    from generator.normalize import layout

    read = []

    class Spy:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern

        def search(self, text: str) -> re.Match[str] | None:
            read.append(len(text))
            return self.pattern.search(text)

    for name in ("_OPEN_END", "_CONTINUING_END", "_BODY_PUNCT"):
        monkeypatch.setattr(layout, name, Spy(getattr(layout, name)))
    lines = "".join(f"今天，产量达到{i}\n" for i in range(300))
    text, _ = reflow_paragraphs("标题\n" + lines)
    assert text.count("\n") == 2  # the title, and one paragraph of every line
    assert read and max(read) < len(lines) // 10  # a line's or a headline's, not the paragraph


def test_layout_never_joins_a_line_onto_a_dateline() -> None:
    text = "会议强调，要加快建设\n本报讯 两会上，南通代表团提出建议。\n"
    assert reflow_paragraphs(text) == (text, [])


def test_layout_never_joins_a_photo_credit_onto_the_next_paragraph() -> None:
    text = "图为会议现场。\n记者 张三 摄\n会议要求，各地要狠抓落实。\n（王五 摄）\n会议结束。\n"
    assert reflow_paragraphs(text) == (text, [])


def test_layout_keeps_numbered_subheadings_apart_but_joins_a_broken_numbered_item() -> None:
    text = (
        "一、加快项目建设\n今年以来，项目进展顺利。\n（二）强化要素保障\n各地要加大力度。\n"
        "3.优化营商环境\n持续深化改革。\n4.加快推进项目建设，推动\n高质量发展。\n"
    )
    out, _ = assert_replayable(reflow_paragraphs, text)
    assert out.splitlines()[:6] == text.splitlines()[:6]
    assert out.splitlines()[6] == "4.加快推进项目建设，推动高质量发展。"


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (
            "无人机植保，每架次每天可作业80\n0亩左右。\n",
            "无人机植保，每架次每天可作业800亩左右。\n",
        ),
        ("据统计，同比增长约\n7%。\n", "据统计，同比增长约7%。\n"),
        ("防火期内，严格落实24\n小时值班制度。\n", "防火期内，严格落实24小时值班制度。\n"),
        ("前后用了不到一年的时间\n。社区书记介绍\n", "前后用了不到一年的时间。社区书记介绍\n"),
        ("创业板指报3105\n.66点。\n", "创业板指报3105.66点。\n"),
        ("某芯片龙头（\n688981.SH）盘中上涨。\n", "某芯片龙头（688981.SH）盘中上涨。\n"),
    ],
)
def test_layout_joins_a_line_cut_before_a_number_or_a_mark(text: str, joined: str) -> None:
    """A line cut inside a number, or right before a mark no sentence opens with (wrapped at a
    fixed width, not at a character)."""
    assert assert_replayable(reflow_paragraphs, text)[0] == joined


@pytest.mark.parametrize(
    "text",
    ["2025-03-12 08:00\n南通日报讯，今天召开大会。\n", "全市经济运行情况\n2025年，全市增长6%。\n"],
)
def test_layout_keeps_a_stamp_or_a_headline_apart_from_a_line_after_it(text: str) -> None:
    assert reflow_paragraphs(text) == (text, [])


@pytest.mark.parametrize(
    "text",
    [
        "敬请谅解。\n服务热线：96390\n市自来水有限公司\n2026年12月2日\n",
        "特此通知。\n联系电话：0513-85512345\n南通市某某局\n2026-12-02\n",
        "立即整改。\n联系人：陈敏\n联系电话：0512-66781234\n区消防安全委员会办公室\n2026年11月30日\n",
    ],
)
def test_layout_keeps_a_notices_sign_off_lines_apart(text: str) -> None:
    """A notice ends with a contact line, its issuer and a date, each on a line of its own
    without 。: none of them is a sentence the next line goes on with."""
    assert reflow_paragraphs(text) == (text, [])


def test_layout_does_not_join_english_or_url_lines() -> None:
    text = "详见网站\nhttps://example.com\nFor details see the site\n下一段。\n"
    assert reflow_paragraphs(text) == (text, [])


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("全市新型工业化暨重大项目建设推进大会举行", True),
        ("聚焦重大任务 坚持一体推进 努力在高质量发展上继续走在前列", True),
        ("会议强调，南通承载着习近平总书记的深切关怀", False),
        ("（作者为南通市委书记）", False),
        ("记者朱文君 张彤 范译", False),
        ("一、突出创新驱动", False),
    ],
)
def test_headline_lines(line: str, headline: bool) -> None:
    assert is_headline_line(line) is headline


# --- junk -------------------------------------------------------------------------------------


def test_junk_removes_disclaimers_and_captcha_and_records_each() -> None:
    body = "（作者为南通市委书记）\n"
    text = (
        body + "特别声明:以上内容(如有图片或视频亦包括在内)为自媒体平台“机电号”用户上传并发布,"
        "本平台仅提供信息存储服务\n"
        "Notice: The content above (including the pictures and videos if any) is uploaded and "
        "posted by a user of JDZJ Hao, which is a social media platform and only provides "
        "information storage services.\n请输入验证码"
    )
    out, changes = assert_replayable(remove_junk, text)
    assert out == body
    assert [c.why.split(")")[0] for c in changes] == [
        "junk (platform-disclaimer",
        "junk (platform-disclaimer-en",
        "junk (captcha",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "看不清，换一张",
        "分享到：微信 微博",
        "【字体：大 中 小】",
        "欢迎关注南通发布微信公众号",
        "长按识别二维码",
        "上一篇：南通召开大会",
        "返回搜狐，查看更多",
        "（责任编辑：张三）",
        "编辑：王五 审核：赵六 校对：钱七",
        "【编辑：陈静】",
        "编辑 李四 审核 王五",
        "版权所有 © 南通日报社",
        "Copyright © 2025 南通网 All Rights Reserved",
        "苏ICP备12345678号-1",
        "未经授权，不得转载",
        "当前位置：首页 > 新闻中心 > 南通要闻",
        "浏览次数：1234",
        "【纠错】",
        "返回顶部",
        "相关新闻",
        "点击上方“蓝字”关注我们",
        "图片",
        "分享 收藏 点赞 在看",
        "点个“在看”，分享给更多人",
        "分享让更多人看到",
        "声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。",
        "免责声明：本网转载自合作媒体、机构或其他网站的信息，并不意味着赞同其观点或证实其描述。",
        "原文链接：http://www.ntrb.com.cn/news/2025/0312/123.html",
        "图片来源：网络",
        "（本文系转载，如有侵权请联系删除）",
        "扫码下载南通日报客户端",
        "本版责编：张三 美编：李四",
        "更多内容请下载南通日报客户端",
        "打开APP，阅读全文",
        "本文为南通日报原创，转载请注明出处",
        "视频加载中...",
        "您的浏览器不支持video标签播放视频。",
        "【纠错】 【责任编辑:王五】",
        "返回顶部 收藏本页",
        "-END-",
        "↓↓↓",
    ],
)
def test_junk_patterns_cover_common_scrape_debris(line: str) -> None:
    assert remove_junk(f"正文。\n{line}\n")[0] == "正文。\n"


@pytest.mark.parametrize("junk", ["首页 > 新闻中心 > 本地新闻", "编辑：李四", "（责任编辑：李四）"])
def test_junk_removes_only_its_own_line(junk: str) -> None:
    """A pattern like [^，。]{1,12} would run on past the line end and take the headline below."""
    assert remove_junk(f"{junk}\n南通召开大会\n正文。\n")[0] == "南通召开大会\n正文。\n"


def test_a_list_of_related_links_at_the_end_goes_with_its_header() -> None:
    body = "本报讯 南通港吞吐量再创新高。\n"
    links = "相关新闻\n南通港集装箱航线再添新丁\n\n海门港区开港 2025-03-10\n返回顶部\n"
    out, changes = assert_replayable(remove_junk, body + links)
    assert out == body
    assert {c.why.split(")")[0] for c in changes} == {"junk (related-links", "junk (page-widget"}


def test_a_links_header_before_an_article_takes_only_itself() -> None:
    article = "南通港集装箱航线再添新丁\n本报讯 南通港新开一条航线。\n"
    assert remove_junk("正文。\n推荐阅读\n" + article)[0] == "正文。\n" + article


def test_junk_keeps_body_lines_that_merely_mention_junk_words() -> None:
    text = (
        "输入验证码后即可办理。\n特别声明：本次活动免费。\n欢迎关注本次大会。\n"
        "编辑部召开会议，审核通过了方案。\n记者 张三 编辑 李四\n首页建设项目开工。\n阅读是一种习惯\n"
        "点赞南通港的发展成绩\n下载南通百通APP，即可办理公积金业务。\n本文转载自南通发布\n"
    )
    assert remove_junk(text) == (text, [])


# --- entities ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decoded"),
    [
        ("召开&ldquo;产业强市&rdquo;推进会", "召开“产业强市”推进会"),
        ("推进会&nbsp;会议强调", "推进会 会议强调"),
        ("建设&mdash;&mdash;港口群&#8230;", "建设——港口群…"),
        ("A&amp;B公司，&amp;nbsp;&amp;amp;", "A&B公司， &"),
        ("&#x4e2d;&#25991;", "中文"),
        ("R&D部门，&foo;与&#0;不变", "R&D部门，&foo;与&#0;不变"),
    ],
)
def test_entities_become_their_characters(text: str, decoded: str) -> None:
    assert_fixes(decode_entities, "entity", text, decoded)


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("召开推进会。<br />会议强调，要加快建设。<BR>", "召开推进会。\n会议强调，要加快建设。\n"),
        ('<p class="t">会议要求。</p><strong>重点</strong>是项目。', "\n会议要求。\n重点是项目。"),
        ('<a href="x">南通</a>发布<img src="a.jpg" />', "南通发布"),
        (
            "增长率>5%，且<10%。<script>x</script><pre>",
            "增长率>5%，且<10%。<script>x</script><pre>",
        ),
    ],
)
def test_html_tags_a_scraper_left_go(text: str, clean: str) -> None:
    assert_fixes(remove_markup, "markup", text, clean)


@pytest.mark.parametrize("text", ["表&#40;yè&#41;", "表<b>(yè)</b>", "表&nbsp;(yè)"])
def test_a_reading_spelled_by_entities_or_split_by_tags_goes_in_one_run(text: str) -> None:
    once = normalize_text(text).text
    assert once == "表\n" and normalize_text(once).text == once


def test_an_entitys_semicolon_is_not_taken_for_chinese_punctuation() -> None:
    assert (
        normalize_text("南通&ldquo;产业强市&rdquo;推进会召开。\n").text
        == "南通“产业强市”推进会召开。\n"
    )


# --- all steps --------------------------------------------------------------------------------

STEPS = [
    decode_entities,
    remove_markup,
    to_simplified,
    restore_fullwidth_punctuation,
    restore_acronyms,
    reflow_paragraphs,
    split_flattened_paragraphs,
    remove_junk,
]


@pytest.mark.parametrize("step", STEPS)
@given(text=st.text(max_size=200))
def test_steps_record_replayable_changes_on_any_text(step, text: str) -> None:
    assert_replayable(step, text)


@pytest.mark.parametrize("step", STEPS)
@given(text=st.text(alphabet="中文，。,.?!;:() \n\r\t“”a1记者(&#x3bmpn", max_size=80))
def test_steps_are_idempotent(step, text: str) -> None:
    once, _ = step(text)
    assert step(once) == (once, [])
