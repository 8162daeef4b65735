#!/usr/bin/env python3
"""Rebuilds hedgesim's data/ folder from the real-data snapshot (see data/README.md).

Usage: python3 data/scripts/make-sample-data.py [SOURCE_DIR]   (default /work/shared/data/real)

Kline files are copied byte for byte and compressed with `zstd -19`; only the file names change.
Funding files are converted to Binance's archive format; exchangeInfo and leverage brackets are
assembled as data/README.md describes. Needs python3 and the zstd command line tool.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone

SRC = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/real"
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def zstd(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    subprocess.run(["zstd", "-19", "-q", "-f", "--no-progress", src, "-o", dst], check=True)


def copy(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copyfile(src, dst)


# 1. USDT-M futures 1m klines: original bytes, original names.
for name in ["AVAXUSDT-1m-2026-02", "DOTUSDT-1m-2026-02", "LINKUSDT-1m-2026-02", "LTCUSDT-1m-2026-02",
             "FILUSDT-1m-2024-04"]:
    zstd(f"{SRC}/owlacar-dotcom_isda/{name}.csv", f"{DATA}/klines/{name}.csv.zst")

# 2. Spot 1m klines, January 2024: original 6-column bytes, renamed to the Binance file-name scheme.
for base in ["BTC", "ETH", "BNB"]:
    zstd(f"{SRC}/YgcCoder_SysTB/data/crypto_1min_sample/{base}USDT_1min_sample.csv",
         f"{DATA}/klines/spot/{base}USDT-1m-2024-01.csv.zst")
copy(f"{SRC}/YgcCoder_SysTB/LICENSE", f"{DATA}/klines/spot/LICENSE")

# 3. Funding: `Symbol,Date,Funding Rate` with UTC+3 labels -> `calc_time,funding_interval_hours,last_funding_rate`.
EIGHT_HOURS_MS = 8 * 3600 * 1000
for base in ["BTC", "ETH"]:
    src = (f"{SRC}/supervik_historical-funding-rates-fetcher/data/{base}-USDT/"
           f"{base}-USDT_binance_2020-01-01_2024-01-01_funding_history.csv")
    tmp = f"{DATA}/funding/{base}USDT-fundingRate-2020-2023.csv"
    os.makedirs(os.path.dirname(tmp), exist_ok=True)
    with open(src, newline="") as f, open(tmp, "w", newline="") as out:
        rows = list(csv.reader(f))[1:]
        out.write("calc_time,funding_interval_hours,last_funding_rate\n")
        for _, date, rate in rows:
            local = datetime.strptime(date, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=timezone.utc)
            ms = round((local - timedelta(hours=3)).timestamp() * 1000)
            grid = (ms + EIGHT_HOURS_MS // 2) // EIGHT_HOURS_MS * EIGHT_HOURS_MS
            out.write(f"{grid},8,{rate}\n")
    zstd(tmp, tmp + ".zst")
    os.remove(tmp)
copy(f"{SRC}/supervik_historical-funding-rates-fetcher/LICENSE", f"{DATA}/funding/LICENSE")

# 4. exchangeInfo: the real 2022 BTCUSDT/ETHUSDT entries with the overrides listed in data/README.md,
#    plus entries assembled from the LEAN symbol-properties database for the others.
snapshot = json.load(open(f"{SRC}/nautilus_trader/tests/integration_tests/adapters/binance/resources/"
                          "http_responses/http_futures_market_exchange_info.json"))
by_symbol = {s["symbol"]: s for s in snapshot["symbols"]}
overrides = {"BTCUSDT": {"MIN_NOTIONAL": "100"}, "ETHUSDT": {"MIN_NOTIONAL": "20"}}
symbols = []
for name in ["BTCUSDT", "ETHUSDT"]:
    entry = json.loads(json.dumps(by_symbol[name]))
    for flt in entry["filters"]:
        if flt["filterType"] == "MIN_NOTIONAL":
            flt["notional"] = overrides[name]["MIN_NOTIONAL"]
        if flt["filterType"] == "PERCENT_PRICE":
            flt["multiplierUp"], flt["multiplierDown"] = "1.0500", "0.9500"
    symbols.append(entry)

lean = {}
with open(f"{SRC}/QuantConnect_Lean/Data/symbol-properties/symbol-properties-database.csv", newline="") as f:
    for row in csv.reader(f):
        if len(row) > 7 and row[0] == "binance" and row[2] == "cryptofuture":
            lean[row[1]] = (row[6], row[7])

# symbol -> (pricePrecision, tick override or None). pricePrecision = decimals printed in the archive files.
assumed = {"AVAXUSDT": (4, None), "DOTUSDT": (3, "0.001"), "LINKUSDT": (3, None), "LTCUSDT": (2, None),
           "FILUSDT": (3, "0.001"), "BNBUSDT": (2, None), "XRPUSDT": (4, None)}


def decimals(text):
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


for name, (price_precision, tick_override) in assumed.items():
    tick, step = lean[name]
    tick = tick_override or tick
    symbols.append({
        "symbol": name, "pair": name, "contractType": "PERPETUAL", "status": "TRADING",
        "baseAsset": name[:-4], "quoteAsset": "USDT", "marginAsset": "USDT",
        "pricePrecision": price_precision, "quantityPrecision": decimals(step),
        "baseAssetPrecision": 8, "quotePrecision": 8, "underlyingType": "COIN",
        "triggerProtect": "0.0500", "liquidationFee": "0.015000", "marketTakeBound": "0.05",
        "filters": [
            {"filterType": "PRICE_FILTER", "minPrice": "0", "maxPrice": "0", "tickSize": tick},
            {"filterType": "LOT_SIZE", "minQty": step, "maxQty": "0", "stepSize": step},
            {"filterType": "MARKET_LOT_SIZE", "minQty": step, "maxQty": "0", "stepSize": step},
            {"filterType": "MAX_NUM_ORDERS", "limit": 200},
            {"filterType": "MIN_NOTIONAL", "notional": "5"},
            {"filterType": "PERCENT_PRICE", "multiplierUp": "1.0500", "multiplierDown": "0.9500",
             "multiplierDecimal": "4"},
        ],
        "orderTypes": ["LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET",
                       "TRAILING_STOP_MARKET"],
        "timeInForce": ["GTC", "IOC", "FOK", "GTX"],
    })

info = {"timezone": "UTC", "serverTime": snapshot["serverTime"], "futuresType": "U_MARGINED",
        "rateLimits": snapshot["rateLimits"], "exchangeFilters": [], "assets": snapshot["assets"],
        "symbols": symbols}
os.makedirs(f"{DATA}/rules", exist_ok=True)
with open(f"{DATA}/rules/exchange-info.json", "w") as out:
    json.dump(info, out, indent=2)
    out.write("\n")

# 5. Leverage brackets in the GET /fapi/v1/leverageBracket shape; number text copied from `info`.
tiers = json.load(open(f"{SRC}/freqtrade/freqtrade/exchange/binance_leverage_tiers.json"))
lines = ["["]
names = ["AVAXUSDT", "DOTUSDT", "LINKUSDT", "LTCUSDT", "FILUSDT", "BTCUSDT", "ETHUSDT", "BNBUSDT", "XRPUSDT"]
for i, name in enumerate(names):
    lines.append("  {")
    lines.append(f'    "symbol": "{name}",')
    lines.append('    "brackets": [')
    rows = tiers[f"{name[:-4]}/USDT:USDT"]
    for j, tier in enumerate(rows):
        t = tier["info"]
        fields = ", ".join(f'"{k}": {t[k]}' for k in
                           ["bracket", "initialLeverage", "notionalCap", "notionalFloor", "maintMarginRatio", "cum"])
        lines.append("      {" + fields + "}" + ("," if j + 1 < len(rows) else ""))
    lines.append("    ]")
    lines.append("  }" + ("," if i + 1 < len(names) else ""))
lines.append("]")
with open(f"{DATA}/rules/leverage-brackets.json", "w") as out:
    out.write("\n".join(lines) + "\n")

for folder, name in [("nautilus_trader", "LICENSE-nautilus_trader"), ("freqtrade", "LICENSE-freqtrade"),
                     ("QuantConnect_Lean", "LICENSE-QuantConnect_Lean")]:
    copy(f"{SRC}/{folder}/LICENSE", f"{DATA}/rules/{name}")

# 6. XRPUSDT USDT-M perpetual, November 2021 (freqtrade's test data, feather format; needs pyarrow):
#    5m klines (2021-11-15 00:00 → 11-21 22:30) in the 6-column `datetime,open,high,low,close,volume`
#    layout (nothing invented: the feather file has no trade statistics), and the 8h funding rates
#    (freqtrade keeps the rate in the `open` column; times carry Binance's ms jitter and are rounded
#    to the 8h grid) in Binance's archive format.
import pyarrow.feather as feather  # noqa: E402

futures = f"{SRC}/freqtrade/tests/testdata/futures"
klines = feather.read_table(f"{futures}/XRP_USDT_USDT-5m-futures.feather").to_pydict()
tmp = f"{DATA}/klines/XRPUSDT-5m-2021-11.csv"
with open(tmp, "w") as out:
    out.write("datetime,open,high,low,close,volume\n")
    for i, date in enumerate(klines["date"]):
        # The feather floats print with binary noise (1.2147000000000001): 6 decimals, trimmed.
        values = [f"{klines[k][i]:.6f}".rstrip("0").rstrip(".") for k in ["open", "high", "low", "close", "volume"]]
        out.write(date.strftime("%Y-%m-%d %H:%M:%S") + "," + ",".join(values) + "\n")
zstd(tmp, tmp + ".zst")
os.remove(tmp)
rates = feather.read_table(f"{futures}/XRP_USDT_USDT-8h-funding_rate.feather").to_pydict()
tmp = f"{DATA}/funding/XRPUSDT-fundingRate-2021-11.csv"
with open(tmp, "w") as out:
    out.write("calc_time,funding_interval_hours,last_funding_rate\n")
    for date, rate in zip(rates["date"], rates["open"]):
        ms = round(date.timestamp() * 1000)
        grid = (ms + EIGHT_HOURS_MS // 2) // EIGHT_HOURS_MS * EIGHT_HOURS_MS
        out.write(f"{grid},8,{rate:.8f}\n")
zstd(tmp, tmp + ".zst")
os.remove(tmp)
copy(f"{SRC}/freqtrade/LICENSE", f"{DATA}/klines/LICENSE-freqtrade")
