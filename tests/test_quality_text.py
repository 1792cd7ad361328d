"""The main-text detector on flattened pages in scripts without spaces: Chinese prose is found by its function
characters, not by punctuation (blog text often has no full stops, teaser headlines have commas and '!')."""

from __future__ import annotations

from rules_helpers import clean, kept, only

MENU = ["首頁", "關於我", "文章分類", "旅遊", "美食", "聯絡我們", "登入"]
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
FOOTER = ["Copyright © 2024", "隱私權政策", "服務條款"]


def test_chinese_prose_without_full_stops_is_the_main_text_and_the_teaser_list_is_not():
    page = ["楓葉營地兩天一夜", *MENU, *SIDEBAR, "楓葉營地兩天一夜", *ARTICLE, *SIDEBAR[:4], *FOOTER]
    result = clean(page, only("boilerplate.main-text"))
    for line in ARTICLE:
        assert kept(result, line), line
    for line in SIDEBAR[1:]:
        assert not kept(result, line), line
