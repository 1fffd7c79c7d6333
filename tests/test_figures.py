"""Tests of `bulletin_parse.figures`: the figure table, the dev corpus, peers' money cases, properties.

Peers' money cases (../shared/peers/jionlp_cases.jsonl, suite jionlp/money_parser) are followed
wherever figures.md covers the form: since 1.1 that includes 角/毛/分 after 元 or 块 (123元1角1分 is
123.11 元, 十块三毛 10.3 元) and 块钱 (十块钱 is 10 元). Deliberately not followed, and why:
- 块 alone (三五百块, 几十万块): also a classifier of things (3块牌子); money only with 钱 or 角/毛/分.
- 15k, 30w, 10~15k元: Latin abbreviations; a number glued to a Latin letter is a code here (5G).
- 两个亿卢布: 个 between a number and its multiplier is colloquial.
- unit names other than the one written after the number: figures.md records the unit as
  written, so 港币两千九百六十元 is 元, 三万元欧元 is 元, 9000元日币 is 元, 新台币 177.1 亿元 is 元
  (JioNLP reports the currency named anywhere, and maps 港币 → 港元, 日币 → 日元).
- a bare number (三百万, 肆佰叁拾萬, 小于40万): figures.md does not make it money without 元; 小于
  is no qualifier of figures.md.
- several (数十亿元, 几十万块): figures.md's several is 2×..9× the magnitude, JioNLP's 1×..10×;
  十几 (十几块钱) is 11..19, JioNLP's 10..20.
- 八到九百亿: figures.md reads 八 as 八百亿 (the first end shares 百亿); JioNLP reads 八亿.
- exact values are kept: 233,333，333,434.344元 is not rounded to cents.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bulletin_parse
from bulletin_parse.figures import FigureMatch, extract_figures

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0].parent / "shared"
FIELDS = ("group", "input", "surface", "value", "low", "high", "approx", "unit", "kind", "iso", "quoted", "xfail")


def load_cases():
    rows = []
    with open(HERE / "figure_cases.tsv", encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for cells in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            row = dict(zip(FIELDS, cells + [""] * (len(FIELDS) - len(cells)), strict=False))  # trailing empty cells may be missing or extra
            row["input"] = row["input"].replace("\\n", "\n")
            row["surface"] = row["surface"].replace("\\n", "\n")
            marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if row["xfail"] else []
            rows.append(pytest.param(row, id=f"{row['group']}:{row['input']}", marks=marks))
    return rows


CASES = load_cases()


def _number(cell: str) -> Decimal | None:
    return Decimal(cell) if cell else None


def record(text: str, figure: FigureMatch) -> dict:
    return {
        "surface": text[figure.start : figure.end],
        "value": figure.value,
        "low": figure.low,
        "high": figure.high,
        "approx": figure.approx,
        "unit": figure.unit,
        "kind": figure.kind,
        "iso": figure.iso,
        "quoted": figure.quoted,
    }


def test_the_table_is_large_and_covers_every_group():
    groups = {case.values[0]["group"] for case in CASES}
    assert len(CASES) >= 150
    assert {
        "count",
        "qualifier",
        "several",
        "range",
        "year",
        "date",
        "percent",
        "money",
        "duration",
        "measure",
        "ratio",
        "broken",
        "quoted",
        "negative",
    } <= groups


@pytest.mark.parametrize("row", CASES)
def test_figure_case(row):
    text = row["input"]
    found = [record(text, figure) for figure in extract_figures(text)]
    if row["surface"] == "-":
        assert found == []
        return
    expected = {
        "surface": row["surface"],
        "value": _number(row["value"]),
        "low": _number(row["low"]),
        "high": _number(row["high"]),
        "approx": row["approx"] or None,
        "unit": row["unit"] or None,
        "kind": row["kind"],
        "iso": row["iso"] or None,
        "quoted": row["quoted"] == "yes",
    }
    assert found == [expected]


# --- the dev corpus against its gold ---------------------------------------------------------

needs_shared = pytest.mark.skipif(not (SHARED / "tools" / "score.py").is_file(), reason="../shared is absent")


def _scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_dicts(text: str) -> list[dict]:
    def number(value):
        return None if value is None else float(value)

    return [
        {
            "text": text[f.start : f.end],
            "span": [f.start, f.end],
            "line": text.count("\n", 0, f.start) + 1,
            "value": number(f.value),
            "low": number(f.low),
            "high": number(f.high),
            "approx": f.approx,
            "unit": f.unit,
            "kind": f.kind,
            "iso": f.iso,
            "quoted": f.quoted,
        }
        for f in extract_figures(text)
    ]


def _score(documents):
    score = _scorer()
    tp = fp = fn = 0
    right, seen = {}, {}
    for text, gold in documents:
        result = score.score_figures(text, gold, _as_dicts(text))
        tp, fp, fn = tp + result["tp"], fp + result["fp"], fn + result["fn"]
        for key, n in result["attr_n"].items():
            seen[key] = seen.get(key, 0) + n
            right[key] = right.get(key, 0) + result["attr"].get(key, 0)
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return precision, recall, f1, {key: right[key] / seen[key] for key in seen}


@needs_shared
def test_dev_corpus_scores_above_the_floors():
    documents = []
    for part in ("A", "B"):
        for line in (SHARED / "corpus" / part / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                documents.append(((SHARED / "corpus" / doc["doc"]).read_text(encoding="utf-8"), doc["figures"]))
    precision, recall, f1, accuracy = _score(documents)
    assert f1 >= 0.97, (precision, recall)
    assert accuracy["value"] >= 0.98
    for key in ("unit", "approx", "kind"):
        assert accuracy[key] >= 0.97, key


@needs_shared
def test_seed_bulletin_is_found_exactly():
    text = (SHARED / "seed" / "hangzhou-bulletin.txt").read_text(encoding="utf-8")
    gold = json.loads((SHARED / "gold" / "hangzhou-bulletin.json").read_text(encoding="utf-8"))["figures"]
    precision, recall, _, accuracy = _score([(text, gold)])
    assert (precision, recall) == (1.0, 1.0)
    assert all(value == 1.0 for key, value in accuracy.items() if key != "subject"), accuracy


# --- peers: JioNLP's money cases --------------------------------------------------------------

NOT_FOLLOWED = {  # see the module docstring
    "15k左右",
    "30w上下",
    "10~15k元",
    "几十万块",
    "十几块钱",
    "三五百块",
    "两个亿卢布",
    "港币两千九百六十元",
    "三万元欧元",
    "9000元日币",
    "新台币 177.1 亿元",
    "三百万",
    "肆佰叁拾萬",
    "小于40万",
    "人民币数十亿元",
    "数十亿元人民币",
    "八到九百亿泰铢",
    "233,333，333,434.344元",
}


# JioNLP names a currency by its standard name; figures.md keeps the name as written.
CURRENCY_AS_WRITTEN = {"港元": {"港元", "港币"}, "新台币": {"新台币", "台币"}, "日元": {"日元", "日币"}}


def _peer_cases(suite: str):
    path = SHARED / "peers" / "jionlp_cases.jsonl"
    if not path.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared is absent"))]
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [pytest.param(case, id=case["input"][:30]) for case in cases if case["suite"] == suite]


@pytest.mark.parametrize("case", _peer_cases("jionlp/money_parser"))
def test_money_agrees_with_jionlp(case):
    if case["input"] in NOT_FOLLOWED:
        pytest.skip("a form figures.md does not record this way")
    figures = [f for f in extract_figures(case["input"]) if f.kind == "money"]
    assert len(figures) == 1, figures
    figure = figures[0]
    assert figure.unit in CURRENCY_AS_WRITTEN.get(case["expected_unit"], {case["expected_unit"]})
    if case["expected_value"] is not None:
        assert figure.value == Decimal(str(case["expected_value"]))
    else:
        assert (figure.low, figure.high) == (Decimal(case["expected_low"]), Decimal(case["expected_high"]))


@pytest.mark.parametrize("case", _peer_cases("jionlp/money_extractor"))
def test_money_spans_agree_with_jionlp(case):
    text = case["input"]
    skipped = [item for item in case["expected"] if "k" in item["text"]]
    expected = {(item["start"], item["end"]) for item in case["expected"] if item not in skipped}
    found = {
        (f.start, f.end)
        for f in extract_figures(text)
        if f.kind == "money" and not any(f.start < item["end"] and item["start"] < f.end for item in skipped)
    }
    assert found == expected


# --- properties -------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "1",
        "2",
        "3",
        "0",
        "12",
        "300",
        "2024",
        "5.5",
        ",",
        ".",
        "一",
        "两",
        "三",
        "十",
        "百",
        "千",
        "万",
        "亿",
        "余",
        "多",
        "超",
        "近",
        "约",
        "以上",
        "左右",
        "数",
        "几",
        "上",
        "至",
        "~",
        "-",
        "—",
        "年",
        "月",
        "日",
        "个",
        "人",
        "次",
        "元",
        "%",
        "个百分点",
        "倍",
        "亩",
        "/",
        "(",
        ")",
        "“",
        "”",
        "第",
        "是",
        "会议",
        "百分之",
        " ",
        "\n",
        "\n\n",
        "的",
        "共",
        "〔",
        "〕",
        # figures.md 1.1: scales, halves and smaller units, signs, currencies, Latin units, vague counts, places
        "成",
        "折",
        "对折",
        "千分之",
        "万分之",
        "‰",
        "半",
        "元",
        "角",
        "分",
        "毛",
        "块",
        "又",
        "零",
        "小时",
        "分钟",
        "秒",
        "个月",
        "斤",
        "负",
        "零下",
        "－",
        "℃",
        "°C",
        "度",
        "$",
        "US$",
        "￥",
        "€",
        "美元",
        "美分",
        "瑞士法郎",
        "cm",
        "km",
        "KM",
        "kW·h",
        "m²",
        "GHz",
        "G",
        "/",
        "数",
        "项",
        "载",
        "(含)",
        "台",
        "县",
        "三台县",
        "类",
        "水质",
    ]
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@given(TEXTS)
def test_spans_are_the_surface_without_outer_whitespace(text):
    for figure in extract_figures(text):
        surface = text[figure.start : figure.end]
        assert 0 <= figure.start < figure.end <= len(text)
        assert surface == surface.strip()


@given(TEXTS)
def test_bounds_hold_the_value(text):
    for figure in extract_figures(text):
        if figure.value is not None and figure.low is not None:
            assert figure.low <= figure.value
        if figure.value is not None and figure.high is not None:
            assert figure.value <= figure.high
        if figure.low is not None and figure.high is not None:
            assert figure.low <= figure.high


@given(TEXTS)
def test_full_width_digits_change_no_value(text):
    wide = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    values = [(f.value, f.low, f.high, f.approx, f.unit, f.kind, f.iso) for f in extract_figures(text)]
    assert values == [(f.value, f.low, f.high, f.approx, f.unit, f.kind, f.iso) for f in extract_figures(wide)]


@given(st.text(max_size=200))
def test_never_raises_on_arbitrary_text(text):
    extract_figures(text)


def test_records_give_units_in_simplified_characters_and_percents_in_percent():
    """Contract 1.1: 個 → 个 in `unit` (the text keeps the source's), and 七成 is 70 percent."""
    figures = bulletin_parse.parse("先後完成18項專題調研，建成3個站點，七成群眾滿意。").figures
    assert [(f.text, f.unit, f.value) for f in figures] == [("18項", "项", 18), ("3個", "个", 3), ("七成", "成", 70)]
    (per_mille,) = bulletin_parse.parse("出生率为3‰。").figures
    assert (per_mille.value, per_mille.unit, per_mille.kind) == (Decimal("0.3"), "‰", "percent")


def test_generated_lexicons_cover_their_sources():
    """currencies.tsv (tools/build_currencies.py, CLDR) names every currency in tender today, in
    simplified and traditional Chinese; place_names.tsv (tools/build_place_names.py, cpca's gazetteer)
    lists the divisions whose names begin with a numeral."""
    from bulletin_parse.lexicon import read_lexicon

    currencies = read_lexicon("currencies.tsv")
    codes = {code for row in currencies for code in row[2].split("|")}
    assert len(codes) >= 140 and {"USD", "EUR", "JPY", "CHF", "INR", "VND", "MYR"} <= codes
    assert {"美元", "瑞士法郎", "印度卢比", "越南盾", "林吉特", "印度盧比"} <= {row[0] for row in currencies}
    assert {"$", "€", "£", "￥", "HK$", "US$"} <= {row[0] for row in currencies if row[1] == "before"}
    places = {row[0] for row in read_lexicon("place_names.tsv")}
    assert len(places) >= 70 and {"三台县", "七台河市", "五家渠市", "七里河区", "七台河"} <= places
    assert "三台" not in places  # a two-character stem is no name by itself: 新增三台设备
