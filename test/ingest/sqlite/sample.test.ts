import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { generateSpockSample } from "../../../src/synthetic/spock-sample.ts";
import { generateStockulaSample } from "../../../src/synthetic/stockula-sample.ts";
import { scratchDir } from "./targets.ts";

const dir = scratchDir("sample-test-");
const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("the Spock sample", () => {
  const path = join(dir, "spock.db");
  const counts = generateSpockSample(path, { instruments: 60, days: 80, seed: 42 });
  const db = new Sqlite(path, { readonly: true });
  const one = (sql: string) => db.prepare(sql).pluck().get();
  afterAll(() => db.close());

  it("is the same file, byte for byte, for the same options, and another for another seed", () => {
    generateSpockSample(join(dir, "again.db"), { instruments: 60, days: 80, seed: 42 });
    generateSpockSample(join(dir, "other.db"), { instruments: 60, days: 80, seed: 43 });
    expect(sha(join(dir, "again.db"))).toBe(sha(path));
    expect(sha(join(dir, "other.db"))).not.toBe(sha(path));
  });

  it("reports the rows it wrote", () => {
    expect(counts.ohlcv_data).toBe(one("SELECT count(*) FROM ohlcv_data"));
    expect(Object.keys(counts)).toContain("kis_api_logs");
  });

  it("has far fewer master rows than priced instruments, and shared codes across regions", () => {
    const priced = one("SELECT count(*) FROM (SELECT DISTINCT ticker, region FROM ohlcv_data WHERE region IS NOT NULL)") as number;
    const master = one("SELECT count(*) FROM tickers t WHERE EXISTS (SELECT 1 FROM ohlcv_data o WHERE o.ticker = t.ticker)") as number;
    expect(master / priced).toBeLessThan(0.6);
    expect(one("SELECT group_concat(region, ',') FROM (SELECT DISTINCT region FROM ohlcv_data WHERE ticker = '000660' AND region IS NOT NULL ORDER BY region)")).toBe("CN,KR");
    expect(one(`SELECT count(*) FROM (SELECT ticker FROM ohlcv_data WHERE region IN ('HK', 'JP') GROUP BY ticker HAVING count(DISTINCT region) = 2)`)).toBe(2);
  });

  it("has legacy NULL-region price rows duplicating rows with a region, and each other", () => {
    expect(one(`SELECT count(*) FROM ohlcv_data a JOIN ohlcv_data b ON a.ticker = b.ticker AND a.timeframe = b.timeframe AND a.date = b.date
                WHERE a.region IS NULL AND b.region IS NOT NULL`)).toBeGreaterThan(0);
    expect(one("SELECT count(*) FROM (SELECT 1 FROM ohlcv_data WHERE region IS NULL GROUP BY ticker, timeframe, date HAVING count(*) > 1)")).toBeGreaterThan(0);
    expect(one("SELECT min(id) FROM ohlcv_data WHERE region IS NULL")).toBe(1);
  });

  it("has duplicate DAILY fundamentals and exchange rates, and mostly orphan fundamentals", () => {
    expect(one("SELECT count(*) FROM (SELECT 1 FROM ticker_fundamentals WHERE period_type = 'DAILY' GROUP BY ticker, date HAVING count(*) > 1)")).toBeGreaterThan(0);
    expect(one("SELECT count(*) FROM (SELECT 1 FROM exchange_rate_history GROUP BY currency, rate_date HAVING count(*) > 1)")).toBeGreaterThan(0);
    const orphanShare = one("SELECT avg(ticker NOT IN (SELECT ticker FROM tickers)) FROM ticker_fundamentals") as number;
    expect(orphanShare).toBeGreaterThan(0.6);
    expect(one("SELECT count(*) FROM etf_details WHERE ticker NOT IN (SELECT ticker FROM tickers)")).toBeGreaterThan(0);
  });

  it("has closes outside [low, high] in about half the rows, RSI a hair above 100, zero volumes", () => {
    const outside = one("SELECT avg(close < low OR close > high) FROM ohlcv_data WHERE timeframe = 'D'") as number;
    expect(outside).toBeGreaterThan(0.4);
    expect(outside).toBeLessThan(0.6);
    expect(one("SELECT max(close / high) FROM ohlcv_data WHERE timeframe = 'D' AND typeof(close) = 'real' AND high > 0")).toBeLessThanOrEqual(1.0201);
    expect(one("SELECT count(*) FROM ohlcv_data WHERE rsi_14 = 100.00000000000001")).toBeGreaterThan(0);
    expect(one("SELECT count(*) FROM ohlcv_data WHERE volume = 0")).toBeGreaterThan(0);
    expect(one("SELECT avg(atr_14 IS NULL) FROM ohlcv_data WHERE atr IS NOT NULL")).toBeGreaterThan(0.95);
  });

  it("keeps Korean codes with leading zeros and letters, and mixes timeframe spellings", () => {
    for (const t of ["005930", "0000D0", "00088K", "33626L"]) expect(one(`SELECT count(*) FROM tickers WHERE ticker = '${t}'`), t).toBe(1);
    expect(db.prepare("SELECT DISTINCT timeframe FROM ohlcv_data ORDER BY 1").pluck().all()).toEqual(["1d", "1m", "D", "M", "W", "daily"]);
  });

  it("writes dates as YYYYMMDD or with a time, local T-stamps with microseconds and UTC defaults", () => {
    expect(one("SELECT count(*) FROM tickers WHERE listing_date GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'")).toBeGreaterThan(0);
    expect(one("SELECT count(*) FROM tickers WHERE listing_date LIKE '% 00:00:00'")).toBeGreaterThan(0);
    expect(one("SELECT count(*) FROM ohlcv_data WHERE created_at GLOB '*T*.[0-9][0-9][0-9][0-9][0-9][0-9]'")).toBeGreaterThan(0);
    expect(one("SELECT count(*) FROM ohlcv_data WHERE created_at GLOB '* [0-9][0-9]:[0-9][0-9]:[0-9][0-9]'")).toBeGreaterThan(0);
    expect(db.prepare("SELECT leverage_ratio FROM etf_details WHERE leverage_ratio <> '1배' ORDER BY 1").pluck().all()).toEqual(["-1배", "-2배", "2배"]);
  });

  it("holds rows that must be rejected and operational tables with no home", () => {
    expect(one("SELECT count(*) FROM ohlcv_data WHERE date IN ('2023-02-30', '2024-13-01') OR typeof(close) = 'text' OR volume = 'NaN' OR high = 9e999 OR close < 0 OR volume < 0 OR ticker = ''")).toBe(8);
    for (const t of ["kis_api_logs", "filter_cache_stage0", "kelly_sizing", "circuit_breaker_logs", "rebalancing_logs"]) expect(one(`SELECT count(*) FROM ${t}`), t).toBe(5);
  });

  it("refuses sizes too small to hold every problem", () => {
    expect(() => generateSpockSample(join(dir, "tiny.db"), { instruments: 5, days: 80, seed: 1 })).toThrow("instruments must be at least 40");
    expect(() => generateSpockSample(join(dir, "tiny.db"), { instruments: 60, days: 10, seed: 1 })).toThrow("days must be an integer of at least 30");
  });
});

describe("the Stockula sample", () => {
  const path = join(dir, "stockula.db");
  generateStockulaSample(path, { days: 150, seed: 9 });
  const db = new Sqlite(path, { readonly: true });
  const one = (sql: string) => db.prepare(sql).pluck().get();
  afterAll(() => db.close());

  it("is deterministic", () => {
    generateStockulaSample(join(dir, "stockula-again.db"), { days: 150, seed: 9 });
    expect(sha(join(dir, "stockula-again.db"))).toBe(sha(path));
  });

  it("has dashed share classes, a fund and indices with volume 0, and empty strings for missing metadata", () => {
    expect(one("SELECT count(*) FROM stocks WHERE symbol IN ('BRK-B', 'FXAIX', '^IRX')")).toBe(3);
    expect(one("SELECT max(volume) FROM price_history WHERE symbol IN ('FXAIX', '^IRX', '^GSPC')")).toBe(0);
    expect(one("SELECT count(*) FROM stocks WHERE sector = '' OR exchange = ''")).toBeGreaterThan(0);
  });

  it("has Yahoo symbols of other markets: a Korean listing, a crypto pair known by its quoteType, a suffix with no region", () => {
    const kinds = db.prepare("SELECT symbol, json_extract(info_json, '$.quoteType') AS kind FROM stock_info WHERE symbol IN ('005930.KS', 'BTC-USD', 'VOD.L') ORDER BY symbol").all();
    expect(kinds).toEqual([{ symbol: "005930.KS", kind: "EQUITY" }, { symbol: "BTC-USD", kind: "CRYPTOCURRENCY" }, { symbol: "VOD.L", kind: "EQUITY" }]);
    expect(one("SELECT count(*) FROM price_history WHERE symbol IN ('005930.KS', 'BTC-USD', 'VOD.L')")).toBe(450);
    expect(one("SELECT count(*) FROM stocks WHERE symbol = 'BTC-USD'")).toBe(0);
  });

  it("has two timestamp forms in one row, fetch holes of months, and a close above the high by epsilon", () => {
    expect(one("SELECT count(*) FROM price_history WHERE created_at GLOB '*.[0-9][0-9][0-9][0-9][0-9][0-9]' AND updated_at NOT LIKE '%.%'")).toBe(one("SELECT count(*) FROM price_history"));
    expect(one("SELECT max(julianday(next) - julianday(date)) FROM (SELECT date, lead(date) OVER (PARTITION BY symbol ORDER BY date) AS next FROM price_history WHERE symbol = 'AAPL')")).toBeGreaterThan(80);
    expect(one("SELECT count(*) FROM price_history WHERE close_price > high_price AND close_price - high_price < high_price * 1e-12")).toBe(13);
    expect(one("SELECT count(*) FROM options_calls WHERE contract_symbol IS NULL")).toBe(2);
  });
});
