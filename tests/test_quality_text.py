"""The main-text detector on flattened pages in scripts without spaces: Chinese prose is found by its function
characters, not by punctuation (blog text often has no full stops, teaser headlines have commas and '!')."""

from __future__ import annotations

import pytest

from rules_helpers import BODY, TITLE, article, clean, kept, only
from test_rules_boilerplate import FOOTER, MENU
from test_rules_boilerplate import SIDEBAR as TEASERS

ZH_MENU = ["首頁", "關於我", "文章分類", "旅遊", "美食", "聯絡我們", "登入"]
SIDEBAR = [
    "熱門文章",
    "【台中景點】彩虹眷村一日遊，拍照打卡好去處！",
    "【美食推薦】台南牛肉湯老店，早餐必吃！",
    "高雄旗津半日遊｜海鮮、老街、單車路線",
    "【住宿心得】花蓮海景民宿開箱",
    "宜蘭礁溪溫泉飯店推薦，泡湯一泊二食",
    "最新留言",
    "彙整",
]
ARTICLE = [  # short lines of running text without full stops, as a travel blog writes them
    "我們在清晨出發的時候山上還在下著小雨",
    "到了營地以後才發現地上已經有很多落葉",
    "這裡的楓樹在秋天會由綠色慢慢變成紅色",
    "主人說今年的天氣比較冷所以顏色特別好看",
    "晚上大家一起在帳篷外面煮了一鍋熱湯",
    "雖然氣溫很低但是我們都沒有覺得寒冷",
    "第二天早上我們沿著溪邊的小路走到吊橋",
    "橋上的風很大可是山谷裡的景色真的很美",
    "中午以前就把帳篷收好準備回家了",
    "回家的路上還是覺得這次的旅行很值得",
    "明年秋天我們一定還會再來這個地方",
]
ZH_FOOTER = ["Copyright © 2024", "隱私權政策", "服務條款"]


def test_chinese_prose_without_full_stops_is_the_main_text_and_the_teaser_list_is_not():
    page = ["楓葉營地兩天一夜", *ZH_MENU, *SIDEBAR, "楓葉營地兩天一夜", *ARTICLE, *SIDEBAR[:4], *ZH_FOOTER]
    result = clean(page, only("boilerplate.main-text"))
    for line in ARTICLE:
        assert kept(result, line), line
    for line in SIDEBAR[1:]:
        assert not kept(result, line), line


# ---------------------------------------------------------------- pages in English, German and French


def _page(lang: str, end: tuple[str, ...]) -> list[str]:
    """Menu, title, article with `end` as its last lines, teasers of other stories, menu, footer."""
    return [*MENU[lang], *MENU[lang][:5], *article(lang), *end, *TEASERS[lang], *MENU[lang][1:6], *FOOTER[lang]]


CODE = (
    "const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } });",
    "if (!response.ok) { throw new Error(`HTTP ${response.status}: ${response.statusText}`); }",
    "const data = await response.json(); console.log(data.items.map((item) => item.id).join(','));",
)


def test_code_inside_an_article_stays_with_it():
    body = BODY["en"]
    page = [*MENU["en"], TITLE["en"], *body[:2], *CODE, *body[2:], *TEASERS["en"], *MENU["en"][1:6], *FOOTER["en"]]
    result = clean(page, only("boilerplate.main-text"))
    for line in CODE:
        assert kept(result, line), line
    for line in TEASERS["en"]:
        assert not kept(result, line), line


LIST_ITEMS = {  # list items end without a full stop
    "en": (
        "Councillors also asked the planning office to publish the barrier's maintenance costs for the next decade",
        "The fish market will stay open while the work on the harbour wall goes on, with a temporary entrance",
    ),
    "de": (
        "Die Stadträte forderten außerdem, dass das Planungsamt die Wartungskosten für das nächste Jahrzehnt veröffentlicht",
        "Der Fischmarkt bleibt während der Arbeiten an der Hafenmauer geöffnet, mit einem vorläufigen Eingang",
    ),
    "fr": (
        "Les élus ont aussi demandé au service d'urbanisme de publier les coûts d'entretien de la digue pour les dix ans à venir",
        "Le marché aux poissons restera ouvert pendant les travaux sur le mur du port, avec une entrée provisoire",
    ),
}


@pytest.mark.parametrize("lang", sorted(LIST_ITEMS))
def test_list_items_without_full_stops_closing_an_article_stay(lang):
    result = clean(_page(lang, LIST_ITEMS[lang]), only("boilerplate.main-text"))
    for line in LIST_ITEMS[lang]:
        assert kept(result, line), line


def test_a_sentence_split_across_a_blank_line_stays_whole():
    # "<p>… as part of the <a>extensible web movement</a>.</p>" flattened with whitespace text nodes
    pieces = ("The council will meet again in May to discuss the", "", "harbour budget and the new fish market.")
    result = clean(_page("en", pieces), only("boilerplate.main-text"))
    for piece in pieces:
        if piece:
            assert kept(result, piece), piece


def test_code_with_explanations_between_it_stays_with_the_article():
    body = BODY["en"]
    explained = (*CODE[:2], "The second call then reads the answer of the server as JSON, as the council's open data portal sends it:", CODE[2])
    page = [*MENU["en"], TITLE["en"], *body[:2], *explained, *body[2:], *TEASERS["en"], *MENU["en"][1:6], *FOOTER["en"]]
    result = clean(page, only("boilerplate.main-text"))
    for line in explained:
        assert kept(result, line), line


MORE_BODY = [
    "Engineers from the port authority will test the barrier's gates every month once it is finished, the council said.",
    "The national government has promised to pay a third of the cost if the council keeps to its timetable for the works.",
]


def test_a_related_link_two_thirds_into_an_article_does_not_end_it():
    body = BODY["en"]
    page = [*MENU["en"], TITLE["en"], *body, "Related", "Rail strike ends after pay deal", *MORE_BODY, *TEASERS["en"][1:], *MENU["en"][1:6], *FOOTER["en"]]
    result = clean(page)
    for line in [*body, *MORE_BODY]:
        assert kept(result, line), line
    assert not kept(result, "Rail strike ends after pay deal")


def test_a_smaller_part_of_the_article_after_a_data_table_stays():
    body = BODY["en"]
    paragraphs = [f"{body[n % 4]} {body[(n + 1) % 4]}" for n in range(10)]  # a long article: ten paragraphs
    table = [cell for year in range(2015, 2025) for cell in (str(year), f"{year - 2000} floods")]
    last = (
        "The council will publish the final design of the barrier in the spring, and residents will be able "
        "to comment on it at the town hall and on the council's website until the end of the summer, when the "
        "councillors will vote on it."
    )
    page = [*MENU["en"], TITLE["en"], *paragraphs, *table, last, *TEASERS["en"], *MENU["en"][1:6], *FOOTER["en"]]
    result = clean(page, only("boilerplate.main-text"))
    for line in [*paragraphs, *table, last]:
        assert kept(result, line), line
    for line in TEASERS["en"]:
        assert not kept(result, line), line


ZH_COMMENTS = [
    "謝謝分享，我們下個月也想去這個營地看楓葉",
    "照片拍得真好看，請問營地可以帶狗狗一起去嗎",
    "我們去年也在那裡住過兩晚，主人真的很熱情",
    "請問從台北開車過去大概需要多少時間呢",
    "下次去的時候一定要試試看那裡的湯圓",
]


def test_readers_comments_after_a_chinese_article_are_not_the_article():
    page = ["楓葉營地兩天一夜", *ZH_MENU, "楓葉營地兩天一夜", *ARTICLE, "留言列表 (5)", *ZH_COMMENTS, "發表留言", *ZH_FOOTER]
    result = clean(page, only("boilerplate.main-text"))
    for line in ARTICLE:
        assert kept(result, line), line
    for line in ZH_COMMENTS:
        assert not kept(result, line), line


QUESTION_TEASERS = [  # made-up teaser headlines of other stories, each a question or an exclamation
    "這家小店的湯圓為什麼總是大排長龍？",
    "秋天去山上露營要帶哪些東西？",
    "台北附近還有哪些適合看楓葉的地方？",
    "第一次露營的人最常犯的錯誤是什麼？",
    "下雨天在營地裡也能玩得很開心！",
]


def test_chinese_questions_after_the_article_are_teasers():
    # a question alone has the function characters of prose, but is a headline's shape; a question the
    # text answers in the same paragraph ("…？…。") is prose
    answered = "為什麼今年的楓葉特別紅？主人說是因為今年秋天的天氣比往年冷了很多。"
    page = ["楓葉營地兩天一夜", *ZH_MENU, "楓葉營地兩天一夜", *ARTICLE, answered, "熱門文章", *QUESTION_TEASERS, *ZH_FOOTER]
    result = clean(page, only("boilerplate.main-text"))
    for line in [*ARTICLE, answered]:
        assert kept(result, line), line
    for line in QUESTION_TEASERS:
        assert not kept(result, line), line
