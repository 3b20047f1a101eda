/** Repository contract: the reads research code relies on, with exact values, on every engine. */
import { expect, test } from "vitest";
import { repositories, type Repositories } from "../../src/repositories/index.ts";
import { describeEachEngine } from "../engines.ts";
import { bar, days } from "../fixtures.ts";

describeEachEngine("repositories", (db) => {
  let repos: Repositories;
  const r = () => (repos ??= repositories(db()));

  test("instruments: upsert, get, list by region; inferred instruments never overwrite master rows", async () => {
    await r().instruments.upsert([
      { ticker: "005930", region: "KR", name: "Samsung Electronics", currency: "KRW", exchange: "KOSPI" },
      { ticker: "AAPL", region: "US", name: "Apple", currency: "USD" },
    ]);
    const created = await r().instruments.ensureInferred(
      [{ ticker: "005930", region: "KR" }, { ticker: "000660", region: "KR" }],
      "spock",
    );
    expect(created).toBe(1);
    expect((await r().instruments.get("005930", "KR"))!.name).toBe("Samsung Electronics");
    expect((await r().instruments.get("005930", "KR"))!.isInferred).toBe(false);
    expect((await r().instruments.get("000660", "KR"))!.isInferred).toBe(true);
    expect((await r().instruments.list({ region: "KR" })).map((t) => t.ticker)).toEqual(["000660", "005930"]);
    expect(await r().instruments.get("005930", "CN")).toBeUndefined();
  });

  test("prices: one ticker's bars over a range, in date order, with every stored field", async () => {
    const dates = days("2020-01-01", 10);
    await r().prices.upsertBars(dates.map((d, i) => bar("RANGE", "US", d, 10 + i, { rsi14: 50 + i, adjClose: 9 + i })));
    const bars = await r().prices.bars("RANGE", "US", "2020-01-03", "2020-01-05");
    expect(bars).toEqual([
      { date: "2020-01-03", open: 11, high: 14, low: 10, close: 12, adjClose: 11, volume: 1000, priceBasis: "raw", fetchedAt: null },
      { date: "2020-01-04", open: 12, high: 15, low: 11, close: 13, adjClose: 12, volume: 1000, priceBasis: "raw", fetchedAt: null },
      { date: "2020-01-05", open: 13, high: 16, low: 12, close: 14, adjClose: 13, volume: 1000, priceBasis: "raw", fetchedAt: null },
    ]);
    const series = await r().prices.series("RANGE", "US", "2020-01-03", "2020-01-05");
    expect(series.dates).toEqual(["2020-01-03", "2020-01-04", "2020-01-05"]);
    expect(series.close).toEqual(Float64Array.from([12, 13, 14]));
    expect(series.adjClose).toEqual(Float64Array.from([11, 12, 13]));
    expect(series.low).toEqual(Float64Array.from([10, 11, 12]));
    await r().prices.upsertBars([bar("RANGE", "US", "2020-01-04", 13, { adjClose: null })]);
    expect(Array.from((await r().prices.series("RANGE", "US", "2020-01-03", "2020-01-05")).adjClose)).toEqual([11, NaN, 13]);
    expect(await r().prices.series("RANGE", "US", "1990-01-01", "1990-12-31")).toEqual({
      dates: [], open: new Float64Array(), high: new Float64Array(), low: new Float64Array(),
      close: new Float64Array(), adjClose: new Float64Array(), volume: new Float64Array(),
    });
    // The reload above did not carry rsi14, so the stored value stays: a merge updates only what it writes.
    const full = await r().prices.barsWithIndicators("RANGE", "US", "2020-01-03", "2020-01-05");
    expect(full.map((b) => [b.date, b.rsi14, b.ma5, b.source])).toEqual([
      ["2020-01-03", 52, null, "test"],
      ["2020-01-04", 53, null, "test"],
      ["2020-01-05", 54, null, "test"],
    ]);
  });

  test("prices: a cross-section of many tickers on one date", async () => {
    const tickers = Array.from({ length: 50 }, (_, i) => `X${String(i).padStart(3, "0")}`);
    await r().prices.upsertBars(tickers.flatMap((t, i) => days("2021-06-01", 3).map((d) => bar(t, "KR", d, 100 + i))));
    const section = await r().prices.crossSection("2021-06-02", { region: "KR" });
    expect(section).toHaveLength(50);
    expect(section[0]).toMatchObject({ ticker: "X000", date: "2021-06-02", close: 100 });
    expect(section[49]).toMatchObject({ ticker: "X049", close: 149 });
    expect(await r().prices.crossSection("2021-06-02", { region: "KR", tickers: ["X007", "X042"] })).toMatchObject([
      { ticker: "X007", close: 107 },
      { ticker: "X042", close: 142 },
    ]);
  });

  test("prices: a date x ticker panel in typed arrays, NaN where a ticker has no bar", async () => {
    await r().prices.upsertBars([
      bar("PA", "JP", "2022-01-03", 1),
      bar("PA", "JP", "2022-01-04", 2),
      bar("PB", "JP", "2022-01-04", 20),
      bar("PB", "JP", "2022-01-05", 30),
    ]);
    const panel = await r().prices.panel({ field: "close", from: "2022-01-01", to: "2022-01-31", region: "JP" });
    expect(panel.dates).toEqual(["2022-01-03", "2022-01-04", "2022-01-05"]);
    expect(panel.tickers).toEqual(["PA", "PB"]);
    expect(panel.values).toBeInstanceOf(Float64Array);
    expect(Array.from(panel.values)).toEqual([1, NaN, 2, 20, NaN, 30]);
    const ordered = await r().prices.panel({
      field: "open",
      from: "2022-01-04",
      to: "2022-01-04",
      instruments: [{ ticker: "PB", region: "JP" }, { ticker: "PA", region: "JP" }],
    });
    expect(ordered.tickers).toEqual(["PB", "PA"]);
    expect(Array.from(ordered.values)).toEqual([19, 1]);
  });

  test("prices: a panel of every instrument in range is ordered by (region, ticker); mixed regions are named ticker.region; weekly bars stay out", async () => {
    await r().prices.upsertBars([
      bar("ZB", "VN", "2022-05-02", 3),
      bar("ZA", "VN", "2022-05-03", 4),
      bar("AA", "VN", "2022-05-03", 5),
      bar("ZA", "HN", "2022-05-02", 6),
      { ...bar("AA", "VN", "2022-05-04", 99), timeframe: "1w" },
    ]);
    const vn = await r().prices.panel({ field: "close", from: "2022-05-01", to: "2022-05-31", region: "VN" });
    expect(vn.tickers).toEqual(["AA", "ZA", "ZB"]);
    expect(vn.dates).toEqual(["2022-05-02", "2022-05-03"]);
    expect(Array.from(vn.values)).toEqual([NaN, NaN, 3, 5, 4, NaN]);
    const all = await r().prices.panel({ field: "close", from: "2022-05-02", to: "2022-05-03" });
    expect(all.tickers.filter((t) => /\.(HN|VN)$/.test(t))).toEqual(["ZA.HN", "AA.VN", "ZA.VN", "ZB.VN"]);
  });

  test("prices: a panel streamed as one row per value equals the same cells read by an ordinary query, NULL as NaN, in the database's order", async () => {
    // Tickers outside ASCII too: the columns follow the database's collation, not JavaScript's.
    const tickers = Array.from({ length: 40 }, (_, i) => (i % 10 === 9 ? `Ä${i}` : `H${String(i).padStart(2, "0")}`));
    const dates = days("2021-01-04", 300);
    await r().prices.upsertBars(dates.flatMap((d, di) => tickers.map((t, ti) => bar(t, "HV", d, 100 + ti + di / 1000, { adjClose: (di + ti) % 7 === 0 ? null : ti }))));
    const order = await db().query<{ ticker: string }>("SELECT DISTINCT ticker FROM ohlcv_data WHERE region = 'HV' ORDER BY ticker");
    for (const [field, column] of [["close", "close"], ["adj_close", "adj_close"]] as const) {
      const panel = await r().prices.panel({ field, from: dates[0], to: dates.at(-1)!, region: "HV" });
      expect(panel.tickers).toEqual(order.map((o) => o.ticker));
      expect(panel.dates).toEqual(dates);
      const cells = await db().query<{ ticker: string; date: string; value: number | null }>(
        `SELECT ticker, date::text AS date, ${column} AS value FROM ohlcv_data WHERE region = 'HV' ORDER BY date, ticker`,
      );
      expect(cells).toHaveLength(300 * 40);
      expect(Array.from(panel.values)).toEqual(cells.map((c) => c.value ?? NaN));
      expect(Array.from(panel.values).filter((v) => Number.isNaN(v))).toHaveLength(cells.filter((c) => c.value === null).length);
    }
  });

  test("prices: monthly, quarterly and yearly bars from daily bars (first open, max high, min low, last close, sum volume)", async () => {
    // 2023-01-30 .. 2023-04-03: closes 1..64, so each bucket's figures follow from its first and last day.
    const dates = days("2023-01-30", 64);
    await r().prices.upsertBars(dates.map((d, i) => bar("AGG", "US", d, i + 1, { volume: 10 })));
    const monthly = await r().prices.aggregateBars("month", "AGG", "US");
    expect(monthly.map((m) => [m.date, m.open, m.high, m.low, m.close, m.volume, m.barCount])).toEqual([
      ["2023-01-01", 0, 4, -1, 2, 20, 2],
      ["2023-02-01", 2, 32, 1, 30, 280, 28],
      ["2023-03-01", 30, 63, 29, 61, 310, 31],
      ["2023-04-01", 61, 66, 60, 64, 30, 3],
    ]);
    expect((await r().prices.aggregateBars("month", "AGG", "US", "2023-02-01", "2023-03-01")).map((m) => m.date)).toEqual([
      "2023-02-01",
      "2023-03-01",
    ]);
    const quarterly = await r().prices.aggregateBars("quarter", "AGG", "US");
    expect(quarterly.map((q) => [q.date, q.open, q.close, q.barCount])).toEqual([
      ["2023-01-01", 0, 61, 61],
      ["2023-04-01", 61, 64, 3],
    ]);
    const yearly = await r().prices.aggregateBars("year", "AGG", "US");
    expect(yearly.map((y) => [y.date, y.high, y.low, y.volume, y.barCount])).toEqual([["2023-01-01", 66, -1, 640, 64]]);

    // Reloaded bars replace the old ones in the aggregates too.
    await r().prices.upsertBars([bar("AGG", "US", "2023-04-03", 100, { volume: 10 })]);
    const april = (await r().prices.aggregateBars("month", "AGG", "US", "2023-04-01", "2023-04-01"))[0];
    expect([april.high, april.close, april.barCount]).toEqual([102, 100, 3]);
    // Quarters and years are aggregated from the months (migrations/0008): the change reaches them too.
    expect((await r().prices.aggregateBars("quarter", "AGG", "US")).map((q) => [q.date, q.open, q.high, q.close, q.barCount])).toEqual([
      ["2023-01-01", 0, 63, 61, 61],
      ["2023-04-01", 61, 102, 100, 3],
    ]);
    expect((await r().prices.aggregateBars("year", "AGG", "US")).map((y) => [y.high, y.close, y.volume, y.barCount])).toEqual([[102, 100, 640, 64]]);
  });

  test("corporate actions: as-of reads never see events dated later", async () => {
    await r().corporateActions.upsertSplits([
      { ticker: "AAPL", region: "US", date: "2014-06-09", numerator: 7, denominator: 1, ratio: 7, source: "test" },
      { ticker: "AAPL", region: "US", date: "2020-08-31", numerator: 4, denominator: 1, ratio: 4, source: "test" },
    ]);
    await r().corporateActions.upsertDividends([
      { ticker: "AAPL", region: "US", exDate: "2020-08-07", amount: 0.82, source: "test" },
      { ticker: "AAPL", region: "US", exDate: "2020-11-06", amount: 0.205, source: "test" },
    ]);
    expect((await r().corporateActions.splits("AAPL", "US", { asOf: "2020-08-30" })).map((s) => s.ratio)).toEqual([7]);
    expect((await r().corporateActions.splits("AAPL", "US", { asOf: "2020-08-31" })).map((s) => s.ratio)).toEqual([7, 4]);
    expect((await r().corporateActions.dividends("AAPL", "US", { from: "2020-01-01", asOf: "2020-10-01" })).map((d) => d.amount)).toEqual([0.82]);
  });

  test("fundamentals as of a date: only what was known then, restatements included from their known date", async () => {
    const base = { ticker: "005930", region: "KR", periodType: "ANNUAL" as const, fiscalYear: 2022 };
    await r().fundamentals.upsert([
      { ...base, periodEnd: "2022-12-31", knownDate: "2023-03-15", netIncome: 100 },
      { ...base, periodEnd: "2022-12-31", knownDate: "2023-05-15", netIncome: 90 },
      { ...base, fiscalYear: 2023, periodEnd: "2023-12-31", knownDate: "2024-03-14", netIncome: 120 },
      { ticker: "000660", region: "KR", periodType: "ANNUAL", fiscalYear: 2022, periodEnd: "2022-12-31", knownDate: "2023-03-20", netIncome: 7 },
    ]);
    const at = async (d: string) => (await r().fundamentals.asOf(d, { region: "KR" })).map((f) => [f.ticker, f.netIncome]);
    expect(await at("2023-03-14")).toEqual([]);
    expect(await at("2023-03-15")).toEqual([["005930", 100]]);
    expect(await at("2023-06-01")).toEqual([["000660", 7], ["005930", 90]]);
    expect(await at("2024-03-14")).toEqual([["000660", 7], ["005930", 120]]);
    // A restatement of FY2022 that arrives after FY2023 was published does not hide FY2023.
    await r().fundamentals.upsert([{ ...base, periodEnd: "2022-12-31", knownDate: "2024-05-01", netIncome: 85 }]);
    expect(await at("2024-06-01")).toEqual([["000660", 7], ["005930", 120]]);
    const one = await r().fundamentals.asOf("2023-04-01", { instruments: [{ ticker: "005930", region: "KR" }] });
    expect(one.map((f) => f.netIncome)).toEqual([100]);
    expect((await r().fundamentals.history("005930", "KR", "2023-12-31")).map((f) => f.knownDate)).toEqual(["2023-03-15", "2023-05-15"]);
  });

  test("fundamentals known in a range: the row held on `from` per instrument, then each row known up to `to`", async () => {
    // Regions JP and US: the test above stored KR rows in this database.
    const row = (ticker: string, region: string, periodType: "ANNUAL" | "QUARTERLY", periodEnd: string, knownDate: string, figures: object) => ({
      ticker, region, periodType, periodEnd, knownDate, netIncome: null, sharesOutstanding: null, ...figures,
    });
    await r().fundamentals.upsert([
      row("A", "JP", "ANNUAL", "2021-12-31", "2022-03-01", { netIncome: 10 }), // superseded before `from`
      row("A", "JP", "ANNUAL", "2022-12-31", "2023-03-01", { netIncome: 20 }),
      row("A", "JP", "QUARTERLY", "2023-03-31", "2023-05-15", { netIncome: 99 }), // the latest period held on `from`
      row("A", "JP", "ANNUAL", "2021-12-31", "2023-04-01", { netIncome: 11 }), // restates an older period: never held
      row("A", "JP", "ANNUAL", "2022-12-31", "2023-08-01", { netIncome: 21 }), // a restatement known in the range
      row("A", "JP", "ANNUAL", "2023-12-31", "2024-03-01", { netIncome: 30 }), // known after `to`
      row("A", "JP", "QUARTERLY", "2023-06-30", "2023-09-15", { sharesOutstanding: 1000 }), // no net income
      row("B", "JP", "ANNUAL", "2022-12-31", "2023-07-01", { netIncome: 7 }),
      row("D", "JP", "ANNUAL", "2022-12-31", "2023-03-10", { netIncome: 40 }), // a full tie on `from`: ANNUAL is held
      row("D", "JP", "QUARTERLY", "2022-12-31", "2023-03-10", { netIncome: 4 }),
      row("E", "JP", "ANNUAL", "2022-12-31", "2023-09-01", { netIncome: 50 }), // a full tie in the range: ANNUAL last
      row("E", "JP", "QUARTERLY", "2022-12-31", "2023-09-01", { netIncome: 5 }),
      row("C", "US", "ANNUAL", "2022-12-31", "2023-02-01", { netIncome: 3 }),
    ]);
    const known = async (...args: Parameters<Repositories["fundamentals"]["knownIn"]>) =>
      (await r().fundamentals.knownIn(...args)).map((f) => [f.ticker, f.region, f.periodType, f.periodEnd, f.knownDate, f.value]);
    const range = { from: "2023-06-30", to: "2023-12-31" };
    expect(await known("netIncome", { ...range, region: "JP" })).toEqual([
      ["D", "JP", "ANNUAL", "2022-12-31", "2023-03-10", 40],
      ["A", "JP", "QUARTERLY", "2023-03-31", "2023-05-15", 99],
      ["B", "JP", "ANNUAL", "2022-12-31", "2023-07-01", 7],
      ["A", "JP", "ANNUAL", "2022-12-31", "2023-08-01", 21],
      ["E", "JP", "QUARTERLY", "2022-12-31", "2023-09-01", 5],
      ["E", "JP", "ANNUAL", "2022-12-31", "2023-09-01", 50],
    ]);
    expect(await known("netIncome", { ...range, region: "JP", periodType: "ANNUAL" })).toEqual([
      ["A", "JP", "ANNUAL", "2022-12-31", "2023-03-01", 20],
      ["D", "JP", "ANNUAL", "2022-12-31", "2023-03-10", 40],
      ["B", "JP", "ANNUAL", "2022-12-31", "2023-07-01", 7],
      ["A", "JP", "ANNUAL", "2022-12-31", "2023-08-01", 21],
      ["E", "JP", "ANNUAL", "2022-12-31", "2023-09-01", 50],
    ]);
    const listed = [{ ticker: "A", region: "JP" }, { ticker: "C", region: "US" }];
    expect(await known("netIncome", { ...range, instruments: listed, periodType: "ANNUAL" })).toEqual([
      ["C", "US", "ANNUAL", "2022-12-31", "2023-02-01", 3],
      ["A", "JP", "ANNUAL", "2022-12-31", "2023-03-01", 20],
      ["A", "JP", "ANNUAL", "2022-12-31", "2023-08-01", 21],
    ]);
    expect(await known("sharesOutstanding", { ...range, region: "JP" })).toEqual([["A", "JP", "QUARTERLY", "2023-06-30", "2023-09-15", 1000]]);
    expect(await known("netIncome", { from: "2021-01-01", to: "2021-12-31", region: "JP" })).toEqual([]);
  });

  test("factor scores: replacing dates is exact (rows a rerun no longer produces are removed)", async () => {
    const row = (ticker: string, date: string, raw: number) => ({
      ticker, region: "US", date, factorName: "momentum_12_1", rawValue: raw, zScore: raw, percentile: 0.5, score: raw,
    });
    expect(await r().factorScores.replace("momentum_12_1", ["2024-01-31", "2024-02-29"], [
      row("A", "2024-01-31", 1), row("B", "2024-01-31", 2), row("A", "2024-02-29", 3),
    ])).toBe(3);
    expect(await r().factorScores.replace("momentum_12_1", ["2024-01-31"], [row("A", "2024-01-31", 5)])).toBe(1);
    const scores = await r().factorScores.scores("momentum_12_1", "2024-01-01", "2024-12-31");
    expect(scores.map((s) => [s.date, s.ticker, s.rawValue])).toEqual([["2024-01-31", "A", 5], ["2024-02-29", "A", 3]]);
    expect(await r().factorScores.dates("momentum_12_1")).toEqual(["2024-01-31", "2024-02-29"]);
    await expect(r().factorScores.replace("momentum_12_1", ["2024-01-31"], [row("A", "2024-03-29", 1)])).rejects.toThrow(
      "replace(momentum_12_1): row for momentum_12_1 on 2024-03-29 in US is outside the replaced set",
    );
    // A region-scoped replace leaves the other regions' scores on the same dates alone.
    await r().factorScores.replace("momentum_12_1", ["2024-02-29"], [{ ...row("K", "2024-02-29", 7), region: "KR" }], { region: "KR" });
    await r().factorScores.replace("momentum_12_1", ["2024-02-29"], [{ ...row("K", "2024-02-29", 8), region: "KR" }], { region: "KR" });
    expect((await r().factorScores.scores("momentum_12_1", "2024-02-29", "2024-02-29")).map((s) => [s.region, s.ticker, s.rawValue])).toEqual([
      ["KR", "K", 8],
      ["US", "A", 3],
    ]);
  });

  test("factor scores as a panel: dates × instruments in (region, ticker) order, a NULL or missing score NaN", async () => {
    const row = (ticker: string, region: string, date: string, score: number | null) => ({
      ticker, region, date, factorName: "panel_factor", rawValue: 1, zScore: score, percentile: 0.5, score,
    });
    await r().factorScores.replace("panel_factor", ["2024-03-28", "2024-03-29", "2024-04-01"], [
      row("B", "US", "2024-03-28", 0.5), row("A", "US", "2024-03-28", -1.25), row("K", "KR", "2024-03-28", 2),
      row("A", "US", "2024-03-29", null), row("K", "KR", "2024-03-29", 3), row("B", "US", "2024-04-01", 7),
    ]);
    const panel = await r().factorScores.panel("panel_factor", "2024-03-28", "2024-03-31");
    expect(panel.dates).toEqual(["2024-03-28", "2024-03-29"]);
    expect(panel.tickers).toEqual(["K.KR", "A.US", "B.US"]);
    expect(panel.instruments).toEqual([{ ticker: "K", region: "KR" }, { ticker: "A", region: "US" }, { ticker: "B", region: "US" }]);
    expect(Array.from(panel.values)).toEqual([2, -1.25, 0.5, 3, NaN, NaN]);
    const us = await r().factorScores.panel("panel_factor", "2024-03-28", "2024-04-30", { region: "US", field: "raw" });
    expect([us.dates, us.tickers, Array.from(us.values)]).toEqual([["2024-03-28", "2024-03-29", "2024-04-01"], ["A", "B"], [1, 1, 1, NaN, NaN, 1]]);
    expect(await r().factorScores.panel("panel_factor", "2025-01-01", "2025-12-31")).toEqual({ dates: [], tickers: [], values: new Float64Array(0), instruments: [] });
    await expect(r().factorScores.panel("panel_factor", "2024-01-01", "2024-12-31", { field: "nope" as never })).rejects.toThrow(
      'unknown score field "nope" (one of raw, zScore, percentile, score)',
    );
  });

  test("research: strategies upsert by name; a backtest is stored with its ledger; optimizations are kept", async () => {
    const s1 = await r().research.saveStrategy({ name: "value-momentum", factorWeights: { momentum_12_1: 0.5, book_to_price: 0.5 } });
    const s2 = await r().research.saveStrategy({ name: "value-momentum", factorWeights: { momentum_12_1: 1 } });
    expect(s2.id).toBe(s1.id);
    expect((await r().research.strategy("value-momentum"))!.factorWeights).toEqual({ momentum_12_1: 1 });

    const bt = await r().research.saveBacktest(
      { strategyId: s1.id, startDate: "2020-01-01", endDate: "2020-12-31", initialCapital: 1_000_000, sharpe: 1.25 },
      {
        holdings: [{ portfolio: "bt", ticker: "AAPL", region: "US", asOfDate: "2020-12-31", quantity: 10, avgPrice: 120.5 }],
        transactions: [
          { portfolio: "bt", ticker: "AAPL", region: "US", side: "BUY", quantity: 10, price: 120.5, amount: 1205, orderedAt: new Date("2020-01-02T14:30:00Z") },
        ],
      },
    );
    expect((await r().research.backtests(s1.id)).map((b) => [b.id, b.initialCapital, b.sharpe])).toEqual([[bt.id, 1_000_000, 1.25]]);
    const [tx] = await db().query<{ amount: number; backtest_id: number }>("SELECT amount, backtest_id FROM portfolio_transactions");
    expect(tx).toEqual({ amount: 1205, backtest_id: bt.id });

    const saved = await r().research.saveOptimization({
      method: "min-volatility", tickers: ["AAPL", "MSFT"], weights: { AAPL: 0.4, MSFT: 0.6 }, volatility: 0.2,
    });
    expect((await r().research.optimizations(1)).map((o) => [o.id, o.tickers, o.weights])).toEqual([
      [saved.id, ["AAPL", "MSFT"], { AAPL: 0.4, MSFT: 0.6 }],
    ]);
  });
});
