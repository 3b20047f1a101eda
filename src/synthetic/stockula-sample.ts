/**
 * A small deterministic Stockula-layout SQLite file (`stockula.db`) with the problems of real files
 * (source-systems.md §2): share classes with a dash, a mutual fund and indices that always report
 * volume 0, Yahoo symbols of other markets (`005930.KS`; `VOD.L`, whose suffix maps to no region),
 * a crypto pair known as one only by its stock_info quoteType (`BTC-USD`), empty strings for missing metadata, `created_at` with microseconds beside `updated_at`
 * without, a hole of three months where ranges were fetched separately (the older range on another
 * adjustment basis), float32 noise in prices, a close above the high by float epsilon, a NULL
 * `contract_symbol` written twice, and rows a loader must reject (missing close, a fractional option
 * volume, a zero split ratio, text that is not JSON). Three symbols have prices but no `stocks` row.
 * Conventions: one mulberry32 stream from `seed`; weekdays (no holidays) ending 2025-10-10; prices
 * are ./bars.ts's random walk from each symbol's start price, to 2 decimals, then stored as float32.
 */
import { mulberry32 } from "./random.ts";
import { randomBars } from "./bars.ts";
import { weekdaysEnding } from "./calendar.ts";
import { writeSqliteFile } from "./sqlite-writer.ts";

const STOCKULA_DDL = `
CREATE TABLE stocks (symbol TEXT PRIMARY KEY, name TEXT, sector TEXT, industry TEXT, market_cap REAL, exchange TEXT,
  currency TEXT, created_at DATETIME, updated_at DATETIME);
CREATE TABLE price_history (id INTEGER PRIMARY KEY AUTOINCREMENT, symbol TEXT NOT NULL, date DATE NOT NULL,
  open_price REAL, high_price REAL, low_price REAL, close_price REAL, volume INTEGER, interval TEXT NOT NULL,
  created_at DATETIME, updated_at DATETIME, UNIQUE(symbol, date, interval));
CREATE TABLE dividends (id INTEGER PRIMARY KEY AUTOINCREMENT, symbol TEXT NOT NULL, date DATE NOT NULL,
  amount REAL NOT NULL, created_at DATETIME, updated_at DATETIME, UNIQUE(symbol, date));
CREATE TABLE splits (id INTEGER PRIMARY KEY AUTOINCREMENT, symbol TEXT NOT NULL, date DATE NOT NULL,
  ratio REAL NOT NULL, created_at DATETIME, updated_at DATETIME, UNIQUE(symbol, date));
CREATE TABLE options_calls (id INTEGER PRIMARY KEY AUTOINCREMENT, symbol TEXT NOT NULL, expiration_date DATE NOT NULL,
  strike REAL NOT NULL, last_price REAL, bid REAL, ask REAL, volume REAL, open_interest REAL, implied_volatility REAL,
  in_the_money BOOLEAN, contract_symbol TEXT, created_at DATETIME, updated_at DATETIME,
  UNIQUE(symbol, expiration_date, strike, contract_symbol));
CREATE TABLE options_puts (id INTEGER PRIMARY KEY AUTOINCREMENT, symbol TEXT NOT NULL, expiration_date DATE NOT NULL,
  strike REAL NOT NULL, last_price REAL, bid REAL, ask REAL, volume REAL, open_interest REAL, implied_volatility REAL,
  in_the_money BOOLEAN, contract_symbol TEXT, created_at DATETIME, updated_at DATETIME,
  UNIQUE(symbol, expiration_date, strike, contract_symbol));
CREATE TABLE stock_info (symbol TEXT PRIMARY KEY, info_json TEXT NOT NULL, created_at DATETIME, updated_at DATETIME);
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
`;

export interface StockulaSampleOptions {
  days: number;
  seed: number;
}

/** [symbol, start price, quoteType, currency, has a `stocks` row, has a fetch hole]; funds and indices report volume 0. */
const SYMBOLS: [string, number, string, string, boolean, boolean][] = [
  ["AAPL", 150, "EQUITY", "USD", true, true],
  ["MSFT", 300, "EQUITY", "USD", true, false],
  ["NVDA", 90, "EQUITY", "USD", true, true],
  ["BRK-B", 400, "EQUITY", "USD", true, false],
  ["SPY", 450, "EQUITY", "USD", true, false],
  ["FXAIX", 170, "MUTUALFUND", "USD", true, false],
  ["^IRX", 5, "INDEX", "USD", true, false],
  ["^GSPC", 4500, "INDEX", "USD", true, true],
  ["QQQ", 380, "EQUITY", "USD", false, false],
  ["TSLA", 220, "EQUITY", "USD", false, true],
  ["005930.KS", 70000, "EQUITY", "KRW", true, false],
  ["BTC-USD", 60000, "CRYPTOCURRENCY", "USD", false, false],
  ["VOD.L", 70, "EQUITY", "GBp", true, false],
];
const silentVolume = (quoteType: string) => quoteType === "MUTUALFUND" || quoteType === "INDEX";

const END_DATE = "2025-10-10";
const OLD_FETCH = "2025-03-01 12:00:00";
const NEW_FETCH = "2025-10-11 12:00:00";

export function generateStockulaSample(path: string, options: StockulaSampleOptions): Record<string, number> {
  if (!Number.isInteger(options.days) || options.days < 120) throw new RangeError("days must be an integer of at least 120");
  const uniform = mulberry32(options.seed);
  const dates = weekdaysEnding(END_DATE, options.days);
  const micro = (stamp: string) => `${stamp}.${String(Math.floor(uniform() * 1e6)).padStart(6, "0")}`;
  return writeSqliteFile(path, STOCKULA_DDL, (writer) => {
    writer.table("alembic_version", ["version_num"])(["4f2a9c1e7b3d"]);
    const stocks = writer.table("stocks", ["symbol", "name", "sector", "industry", "market_cap", "exchange", "currency", "created_at", "updated_at"]);
    SYMBOLS.forEach(([symbol, , quoteType, currency, listed], i) => {
      if (!listed) return;
      const silent = silentVolume(quoteType);
      stocks([symbol, i % 3 === 0 ? null : `${symbol} Inc.`, i % 2 === 0 ? "" : "Technology", silent ? "" : null,
        silent ? null : Math.round(1e11 * (1 + uniform() * 20)), i % 4 === 0 ? "" : "NMS", currency, micro(OLD_FETCH), NEW_FETCH]);
    });

    const prices = writer.table("price_history", ["symbol", "date", "open_price", "high_price", "low_price", "close_price", "volume", "interval", "created_at", "updated_at"]);
    const holeStart = Math.floor(options.days / 3);
    SYMBOLS.forEach(([symbol, start, quoteType, , , hole], i) => {
      const silent = silentVolume(quoteType);
      const bars = randomBars(uniform, dates.length, start, 2, 5e7);
      dates.forEach((date, d) => {
        if (hole && d >= holeStart && d < holeStart + 60) return;
        // The older range was fetched in March, on that day's adjustment basis.
        const old = d < holeStart;
        const basis = old ? 0.98 : 1;
        const px = (x: number) => Math.fround(x * basis);
        let close = px(bars.close[d]);
        const high = Math.max(px(bars.high[d]), close);
        const low = Math.min(px(bars.low[d]), close);
        if (d === dates.length - 1) close = high * (1 + Number.EPSILON);
        const fetched = old ? OLD_FETCH : NEW_FETCH;
        prices([symbol, date, px(bars.open[d]), high, low, close, silent ? 0 : bars.volume[d], "1d", micro(fetched), fetched]);
      });
      if (i === 0) {
        const before = weekdaysEnding(dates[0], 3);
        prices([symbol, before[0], 1, 1, 1, null, 100, "1d", micro(OLD_FETCH), OLD_FETCH]);
        prices([symbol, before[1], 1, 1, 1, 1, null, "1d", micro(OLD_FETCH), OLD_FETCH]);
      }
    });

    const dividends = writer.table("dividends", ["symbol", "date", "amount", "created_at", "updated_at"]);
    for (const [symbol, amount] of [["AAPL", 0.25], ["MSFT", 0.83], ["SPY", 1.76]] as const) {
      dates.filter((d, k) => k % 63 === 10).forEach((date) => dividends([symbol, date, amount, micro(NEW_FETCH), NEW_FETCH]));
    }
    dividends(["SPY", "2019-03-15", -1.2, micro(NEW_FETCH), NEW_FETCH]);

    const splits = writer.table("splits", ["symbol", "date", "ratio", "created_at", "updated_at"]);
    for (const [symbol, date, ratio] of [["NVDA", "2024-06-10", 10], ["AAPL", "2020-08-31", 4], ["TSLA", "2022-08-25", 3], ["^GSPC", "1990-01-02", 0.1], ["MSFT", "1987-09-21", 0]] as const) {
      splits([symbol, date, ratio, micro(NEW_FETCH), NEW_FETCH]);
    }

    const expirations = ["2025-10-17", "2025-11-21"];
    for (const [table, letter] of [["options_calls", "C"], ["options_puts", "P"]] as const) {
      const insert = writer.table(table, ["symbol", "expiration_date", "strike", "last_price", "bid", "ask", "volume", "open_interest", "implied_volatility", "in_the_money", "contract_symbol", "created_at", "updated_at"]);
      for (const [symbol, spot] of [["AAPL", 250], ["SPY", 660]] as const) {
        for (const expiration of expirations) {
          for (let k = -2; k <= 2; k++) {
            const strike = spot + k * 10;
            const contract = `${symbol}${expiration.slice(2).replaceAll("-", "")}${letter}${String(strike * 1000).padStart(8, "0")}`;
            const itm = letter === "C" ? strike < spot : strike > spot;
            insert([symbol, expiration, strike, Math.round(uniform() * 2000) / 100, null, null, Math.round(uniform() * 500), Math.round(uniform() * 5000),
              Math.round(uniform() * 60) / 100, itm ? 1 : 0, contract, micro(NEW_FETCH), NEW_FETCH]);
          }
        }
      }
      // SQLite's UNIQUE lets a NULL contract symbol repeat; a fractional volume cannot be a count.
      insert(["AAPL", expirations[0], 300, 0.05, 0.04, 0.06, 1, 10, 0.5, 0, null, micro(NEW_FETCH), NEW_FETCH]);
      insert(["AAPL", expirations[0], 300, 0.06, 0.05, 0.07, 2, 12, 0.5, 0, null, micro(NEW_FETCH), NEW_FETCH]);
      insert(["SPY", expirations[1], 700, 0.5, 0.4, 0.6, 12.5, 100, 0.2, 0, `SPY251121${letter}00700000`, micro(NEW_FETCH), NEW_FETCH]);
    }

    const info = writer.table("stock_info", ["symbol", "info_json", "created_at", "updated_at"]);
    SYMBOLS.forEach(([symbol, start, quoteType, currency], i) => {
      const body = JSON.stringify({ symbol, quoteType, currency, previousClose: start, fullTimeEmployees: silentVolume(quoteType) ? null : 1000 * (i + 1) });
      info([symbol, i === 3 ? body.slice(0, -5) : body, micro(NEW_FETCH), NEW_FETCH]);
    });
  });
}
