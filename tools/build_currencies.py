#!/usr/bin/env python3
"""Build lexicons/currencies.tsv: the Chinese names and the symbols of the world's currencies.

    pip install babel          # or: pip download --no-deps babel, unzip, PYTHONPATH=<that folder>
    python tools/build_currencies.py

The source is the Unicode CLDR data that babel ships (BSD-3-Clause; CLDR itself is under the Unicode
licence). For every currency that is legal tender somewhere today (ISO 4217, as CLDR's territory
data has it; precious metals and funds codes are none):
- its names in simplified (zh), traditional (zh_Hant) and Hong Kong (zh_Hant_HK) Chinese: 美元,
  加拿大元, 加幣, 馬來西亞令吉 … (`name`);
- the name without its country's name where what is left is a currency word of two characters or
  more: 马来西亚林吉特 → 林吉特, 印度卢比 → 卢比, 瑞士法郎 → 法郎 (`short`); never 元, 镑 or 盾
  alone (加拿大元 → 元 would make every 元 Canadian);
- the symbols CLDR gives in the zh and en locales that are not letters alone: $, US$, HK$, €, £,
  ¥, ₩ … (`symbol`: written before the number, $20).
Then a few names that bulletins write and CLDR does not give (`alias`, listed below: 加元, 澳门元,
美圆, 港币 …) and the full-width ￥.

Columns: written<TAB>position (after: after the number, 300美元; before: before it, $20)<TAB>ISO
codes (|-separated when the form names several)<TAB>source. figure_lexicon.py reads every row as a money
unit recorded as written; a unit of classifiers.tsv with the same spelling wins.
"""

from __future__ import annotations

import datetime
import unicodedata
from pathlib import Path

from babel import Locale
from babel.numbers import get_territory_currencies

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "lexicons" / "currencies.tsv"
LOCALES = ("zh", "zh_Hant", "zh_Hant_HK")
SYMBOL_LOCALES = ("zh", "en")
# Common names CLDR does not give (short forms and older spellings): name → ISO code.
ALIASES = {
    "美圆": "USD",
    "美金": "USD",
    "美分": "USD",
    "港币": "HKD",
    "港幣": "HKD",
    "加元": "CAD",
    "加币": "CAD",
    "澳元": "AUD",
    "澳币": "AUD",
    "纽元": "NZD",
    "紐元": "NZD",
    "新西兰元": "NZD",
    "新元": "SGD",
    "新加坡币": "SGD",
    "澳门元": "MOP",
    "澳門幣": "MOP",
    "澳门币": "MOP",
    "葡币": "MOP",
    "日币": "JPY",
    "日幣": "JPY",
    "日圆": "JPY",
    "韩币": "KRW",
    "韓幣": "KRW",
    "卢布": "RUB",
    "盧布": "RUB",
    "迪拉姆": "AED",
    "迪尔汗": "AED",
    "台币": "TWD",
    "台幣": "TWD",
    "欧分": "EUR",
    "人民币元": "CNY",
}
EXTRA_SYMBOLS = {"￥": "CNY|JPY"}  # the full-width yen sign Chinese text writes for 元
SINGLE_WORDS = ("元", "镑", "盾", "磅", "币", "幣", "圆", "圓")  # never a currency by themselves


def _is_symbol(symbol: str) -> bool:
    """A currency sign ($, €, ₩), alone or after Latin capitals (US$, HK$): never letters alone
    (CHF), a dot or a space (Cg., F CFA)."""
    signs = [ch for ch in symbol if unicodedata.category(ch) == "Sc"]
    return bool(signs) and all(ch in signs or "A" <= ch <= "Z" for ch in symbol)


def current_currencies() -> dict[str, set[str]]:
    """ISO code → the territories where it is legal tender today."""
    today = datetime.date.today()
    found: dict[str, set[str]] = {}
    for territory in Locale("en").territories:
        try:
            codes = get_territory_currencies(territory, today, tender=True)
        except Exception:  # noqa: BLE001 - CLDR regions without currency data
            continue
        for code in codes:
            found.setdefault(code, set()).add(territory)
    return found


def main() -> None:
    currencies = current_currencies()
    rows: dict[tuple[str, str], tuple[set[str], str]] = {}

    def add(written: str, position: str, code: str, source: str) -> None:
        written = written.strip()
        if not written or written in SINGLE_WORDS:
            return
        codes, first_source = rows.get((written, position), (set(), source))
        codes.add(code)
        rows[(written, position)] = (codes, first_source)

    for name in LOCALES:
        locale = Locale.parse(name)
        for code in sorted(currencies):
            full = locale.currencies.get(code)
            if not full:
                continue
            add(full, "after", code, "name")
            for territory in sorted(currencies[code]):
                country = locale.territories.get(territory, "")
                rest = full[len(country) :] if country and full.startswith(country) else ""
                if len(rest) >= 2 and not rest.startswith(("和", "群岛", "-")):
                    add(rest, "after", code, "short")
    for name in SYMBOL_LOCALES:
        locale = Locale.parse(name)
        for code in sorted(currencies):
            symbol = locale.currency_symbols.get(code, "")
            if _is_symbol(symbol):
                add(symbol, "before", code, "symbol")
    for written, code in ALIASES.items():
        add(written, "after", code, "alias")
    for written, code in EXTRA_SYMBOLS.items():
        add(written, "before", code, "alias")

    lines = [
        "# Currencies: Chinese names (after the number: 300美元) and symbols (before it: $20), kind money,",
        "# the unit recorded as written. GENERATED by tools/build_currencies.py from the Unicode CLDR data",
        "# in babel (BSD-3-Clause; CLDR data under the Unicode licence): edit the tool, not this file.",
        "# columns: written<TAB>position<TAB>ISO 4217 codes<TAB>source (name, short, symbol, alias)",
    ]
    for (written, position), (codes, source) in sorted(rows.items(), key=lambda item: (item[0][1], item[0][0])):
        lines.append(f"{written}\t{position}\t{'|'.join(sorted(codes))}\t{source}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} forms of {len(currencies)} currencies")


if __name__ == "__main__":
    main()
