import { beforeEach, expect, it } from "vitest";
import type { Database } from "../../../src/db/index.ts";
import { createYahooClient } from "../../../src/ingest/yahoo/client.ts";
import { ingestYahoo, type IngestOptions } from "../../../src/ingest/yahoo/ingest.ts";
import { replayTransport } from "../../../src/ingest/yahoo/replay.ts";
import { DEFAULT_RETRY } from "../../../src/ingest/yahoo/retry.ts";
import type { Transport } from "../../../src/ingest/yahoo/transport.ts";
import { describeEachEngine } from "../../engines.ts";
import { chartOf, failingFirst, logged, readRecording, recordingDir, seconds, YAHOO_RECORDINGS } from "./recordings.ts";

const replay = replayTransport(YAHOO_RECORDINGS);
const NOW = new Date("2025-03-25T00:00:00Z");

function run(database: Database, transport: Transport, options: Partial<IngestOptions> & Pick<IngestOptions, "symbols" | "from">) {
  const slept: number[] = [];
  const client = createYahooClient({
    transport,
    retry: { ...DEFAULT_RETRY, random: () => 0.5, sleep: async (ms) => void slept.push(ms) },
    concurrency: 4,
    log: () => {},
    now: () => NOW,
  });
  return ingestYahoo(database, { interval: "1d", refetchDays: 5, concurrency: 4, client, now: () => NOW, ...options }).then((results) => ({ results, slept }));
}

async function count(database: Database, sql: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return n;
}

/** Recorded closes and adjcloses by exchange date (New York for AAPL/MSFT). */
function recordedBars(file: string) {
  const chart = chartOf(readRecording(file));
  const q = chart.indicators.quote[0];
  return chart.timestamp!.map((t, i) => ({
    date: new Date((t - 5 * 3600) * 1000).toISOString().slice(0, 10),
    close: q.close[i],
    adjClose: chart.indicators.adjclose![0].adjclose[i],
  }));
}

describeEachEngine("Yahoo ingest from the real recordings", (db) => {
  beforeEach(async () => {
    for (const table of ["ohlcv_data", "dividends", "splits", "tickers", "fetch_coverage"]) await db().query(`DELETE FROM ${table}`);
  });

  it("stores AAPL across its 4:1 split and a dividend, adj_close exactly as recorded", async () => {
    const { results } = await run(db(), replay, { symbols: [{ symbol: "AAPL" }], from: "2020-08-31", to: "2020-11-07" });
    expect(results).toEqual([
      {
        symbol: "AAPL",
        ticker: "AAPL",
        region: "US",
        status: "ok",
        requests: 1,
        bars: 49,
        skippedNullBars: 0,
        dividends: 1,
        splits: 1,
        historyRefetched: false,
        fetched: { from: "2020-08-31", to: "2020-11-07" },
        coverage: { from: "2020-08-31", to: "2020-11-07" },
      },
    ]);
    const stored = await db().query<{ date: string; close: number; adj_close: number; price_basis: string; source: string; fetched_at: string }>(
      "SELECT date, close, adj_close, price_basis, source, fetched_at FROM ohlcv_data WHERE ticker = 'AAPL' AND region = 'US' AND timeframe = '1d' ORDER BY date",
    );
    const recorded = recordedBars("chart-AAPL-2020-08-31-to-2020-11-07.json");
    expect(stored.map((r) => ({ date: r.date, close: r.close, adjClose: r.adj_close }))).toEqual(recorded);
    expect(stored[0].date).toBe("2020-08-31");
    expect(stored[48].date).toBe("2020-11-06");
    expect(new Set(stored.map((r) => `${r.price_basis} ${r.source}`))).toEqual(new Set(["split yahoo"]));
    // The answer merges the 2022 recording too (outside --to, not stored); its date is the newest.
    expect(new Set(stored.map((r) => r.fetched_at))).toEqual(new Set(["2025-03-24 13:51:33+00"]));

    expect(await db().query("SELECT date, numerator, denominator, ratio, source FROM splits")).toEqual([
      { date: "2020-08-31", numerator: 4, denominator: 1, ratio: 4, source: "yahoo" },
    ]);
    expect(await db().query("SELECT ticker, region, ex_date, amount FROM dividends")).toEqual([
      { ticker: "AAPL", region: "US", ex_date: "2020-11-06", amount: 0.205 },
    ]);
    expect(await db().query("SELECT ticker, region, name, exchange, currency, asset_type, yahoo_symbol, data_source FROM tickers")).toEqual([
      { ticker: "AAPL", region: "US", name: "Apple Inc.", exchange: "NMS", currency: "USD", asset_type: "STOCK", yahoo_symbol: "AAPL", data_source: "yahoo" },
    ]);
    expect(await db().query("SELECT vendor, symbol, interval, ticker, region, covered_from, covered_to, last_split_date FROM fetch_coverage")).toEqual([
      { vendor: "yahoo", symbol: "AAPL", interval: "1d", ticker: "AAPL", region: "US", covered_from: "2020-08-31", covered_to: "2020-11-07", last_split_date: "2020-08-31" },
    ]);
  });

  it("stores a year of MSFT with its four quarterly dividends", async () => {
    const { results } = await run(db(), replay, { symbols: [{ symbol: "MSFT" }], from: "2021-02-01", to: "2022-01-31" });
    expect(results[0]).toMatchObject({ status: "ok", requests: 1, bars: 252, dividends: 4, splits: 0 });
    expect(await db().query("SELECT ex_date, amount FROM dividends WHERE ticker = 'MSFT' ORDER BY ex_date")).toEqual([
      { ex_date: "2021-02-17", amount: 0.56 },
      { ex_date: "2021-05-19", amount: 0.56 },
      { ex_date: "2021-08-18", amount: 0.56 },
      { ex_date: "2021-11-17", amount: 0.62 },
    ]);
    const stored = await db().query<{ date: string; close: number; adj_close: number }>(
      "SELECT date, close, adj_close AS \"adjClose\" FROM ohlcv_data WHERE ticker = 'MSFT' ORDER BY date",
    );
    expect(stored).toEqual(recordedBars("historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.json"));
  });

  it("stores the cash paid for a dividend before a split, not Yahoo's split-adjusted amount", async () => {
    // AAPL paid $0.82 with ex-date 2020-08-07; Yahoo, adjusting for the 4:1 split, shows 0.205.
    const aapl = readRecording("chart-AAPL-2020-08-31-to-2020-11-07.json");
    const augustSeventh = 1596807000; // 2020-08-07 09:30 New York
    chartOf(aapl).events!.dividends[String(augustSeventh)] = { amount: 0.205, date: augustSeventh };
    await run(db(), replayTransport(recordingDir({ "aapl.json": aapl })), { symbols: [{ symbol: "AAPL" }], from: "2020-08-01", to: "2020-11-07" });
    expect(await db().query("SELECT ex_date, amount FROM dividends ORDER BY ex_date")).toEqual([
      { ex_date: "2020-08-07", amount: 0.82 },
      { ex_date: "2020-11-06", amount: 0.205 },
    ]);
  });

  it("stores BTC-USD as a CRYPTO instrument with a bar on every calendar day, holidays included", async () => {
    const { results } = await run(db(), replay, { symbols: [{ symbol: "BTC-USD" }], from: "2020-01-01", to: "2020-01-03" });
    expect(results[0]).toMatchObject({ ticker: "BTC-USD", region: "CRYPTO", status: "ok", bars: 3 });
    expect(await db().query("SELECT date, close, volume FROM ohlcv_data WHERE ticker = 'BTC-USD' AND region = 'CRYPTO' ORDER BY date")).toEqual([
      { date: "2020-01-01", close: 7200.17431640625, volume: 18565664997 },
      { date: "2020-01-02", close: 6985.47021484375, volume: 20802083465 },
      { date: "2020-01-03", close: 7344.88427734375, volume: 28111481032 },
    ]);
    expect(await db().query("SELECT asset_type, exchange, currency FROM tickers")).toEqual([{ asset_type: "CRYPTO", exchange: "CCC", currency: "USD" }]);
  });

  it("fetches only what is missing, plus the last 5 days again", async () => {
    const transport = logged(replay);
    const periodStart = () => Number(new URL(transport.urls.at(-1)!).searchParams.get("period1"));
    const aapl = { symbols: [{ symbol: "AAPL" }] };

    let { results } = await run(db(), transport, { ...aapl, from: "2020-08-31", to: "2020-09-30" });
    expect(results[0]).toMatchObject({ requests: 1, bars: 22, fetched: { from: "2020-08-31", to: "2020-09-30" } });
    expect(periodStart()).toBe(seconds("2020-08-30"));

    ({ results } = await run(db(), transport, { ...aapl, from: "2020-08-31", to: "2020-09-30" }));
    expect(results[0]).toMatchObject({ requests: 1, bars: 3, fetched: { from: "2020-09-26", to: "2020-09-30" } });
    expect(periodStart()).toBe(seconds("2020-09-25"));

    ({ results } = await run(db(), transport, { ...aapl, from: "2020-09-01", to: "2020-09-20" }));
    expect(results[0]).toMatchObject({ status: "ok", requests: 0, bars: 0, fetched: null, coverage: { from: "2020-08-31", to: "2020-09-30" } });

    ({ results } = await run(db(), transport, { ...aapl, from: "2020-08-31", to: "2020-11-07" }));
    expect(results[0]).toMatchObject({ requests: 1, bars: 30, fetched: { from: "2020-09-26", to: "2020-11-07" } });

    ({ results } = await run(db(), transport, { ...aapl, from: "2020-01-01", to: "2020-11-07" }));
    expect(results[0]).toMatchObject({ requests: 1, bars: 50, fetched: { from: "2020-01-01", to: "2020-11-07" }, coverage: { from: "2020-01-01", to: "2020-11-07" } });
    expect(transport.urls).toHaveLength(4);
    expect(await count(db(), "ohlcv_data")).toBe(50);
    // Every request runs through the fetch instant, so the answer carries every later split and dividend.
    expect(new Set(transport.urls.map((u) => new URL(u).searchParams.get("period2")))).toEqual(new Set([String(NOW.getTime() / 1000)]));
  });

  it("reloads idempotently", async () => {
    const options = { symbols: [{ symbol: "AAPL" }, { symbol: "MSFT" }], from: "2020-01-01", to: "2022-12-31", refetchDays: 100_000 };
    await run(db(), replay, options);
    const before = await db().query("SELECT * FROM ohlcv_data ORDER BY ticker, date");
    const { results } = await run(db(), replay, options);
    expect(results.map((r) => [r.symbol, r.requests, r.bars, r.dividends, r.splits])).toEqual([
      ["AAPL", 1, 51, 1, 1],
      ["MSFT", 1, 252, 4, 0],
    ]);
    expect(await db().query("SELECT * FROM ohlcv_data ORDER BY ticker, date")).toEqual(before);
    expect([await count(db(), "ohlcv_data"), await count(db(), "dividends"), await count(db(), "splits"), await count(db(), "tickers")]).toEqual([303, 5, 1, 2]);
  });

  it("retries a simulated 429 and loads the symbol", async () => {
    const { results, slept } = await run(db(), failingFirst(replay), { symbols: [{ symbol: "AAPL" }], from: "2020-08-31", to: "2020-11-07" });
    expect(results[0]).toMatchObject({ status: "ok", requests: 2, bars: 49 });
    expect(slept).toEqual([750]);
    expect(await count(db(), "ohlcv_data")).toBe(49);
  });

  it("reports each failing symbol with its reason while the others load", async () => {
    const throttledBtc: Transport = async (url, init) =>
      url.includes("/chart/BTC-USD") ? new Response("Too Many Requests", { status: 429 }) : replay(url, init);
    const { results } = await run(db(), throttledBtc, {
      symbols: [{ symbol: "AAPL" }, { symbol: "NOPE" }, { symbol: "VOD.L" }, { symbol: "BTC-USD" }, { symbol: "MSFT" }],
      from: "2020-01-01",
      to: "2022-12-31",
    });
    expect(results.map((r) => [r.symbol, r.status, r.reason, r.requests])).toEqual([
      ["AAPL", "ok", undefined, 1],
      ["NOPE", "failed", `replay: no recorded response for /v8/finance/chart NOPE interval 1d in ${YAHOO_RECORDINGS}`, 1],
      ["VOD.L", "failed", "no region for Yahoo suffix .L (symbol VOD.L); give one explicitly, e.g. --region VOD.L=GB", 0],
      ["BTC-USD", "failed", "HTTP 429: Too Many Requests", 5],
      ["MSFT", "ok", undefined, 1],
    ]);
    expect(await db().query("SELECT ticker, count(*)::int AS n FROM ohlcv_data GROUP BY ticker ORDER BY ticker")).toEqual([
      { ticker: "AAPL", n: 51 },
      { ticker: "MSFT", n: 252 },
    ]);
    expect(await db().query("SELECT symbol FROM fetch_coverage ORDER BY symbol")).toEqual([{ symbol: "AAPL" }, { symbol: "MSFT" }]);
  });

  it("skips and counts bars with null prices, never storing zeros", async () => {
    const msft = readRecording("historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.json");
    const quote = chartOf(msft).indicators.quote[0];
    for (const field of ["open", "high", "low", "close", "volume"]) quote[field][10] = null; // a wholly empty bar
    quote.close[20] = null; // a bar without a close
    quote.open[30] = null; // a bar without an open: kept, open missing
    const { results } = await run(db(), replayTransport(recordingDir({ "msft.json": msft })), { symbols: [{ symbol: "MSFT" }], from: "2021-02-01", to: "2022-01-31" });
    expect(results[0]).toMatchObject({ status: "ok", bars: 250, skippedNullBars: 2 });
    expect(await count(db(), "ohlcv_data WHERE close = 0 OR volume = 0 OR open = 0")).toBe(0);
    expect(await count(db(), "ohlcv_data WHERE open IS NULL")).toBe(1);
  });

  it("keeps `concurrency` requests in flight at once", async () => {
    // Each request waits for a partner (or for the last symbol), so requests overlap whenever the
    // pool allows it; the most seen in flight is then exactly the limit. The limit itself is pinned
    // down deterministically in pool.test.ts.
    const symbols = ["AAPL", "MSFT", "BTC-USD", "NOPE1", "NOPE2", "NOPE3"].map((symbol) => ({ symbol }));
    let arrived = 0;
    let inFlight = 0;
    let most = 0;
    const waiting: (() => void)[] = [];
    const paired: Transport = async (url, init) => {
      arrived++;
      most = Math.max(most, ++inFlight);
      if (inFlight < 2 && arrived < symbols.length) await new Promise<void>((resolve) => waiting.push(resolve));
      else waiting.splice(0).forEach((resolve) => resolve());
      inFlight--;
      return replay(url, init);
    };
    const { results } = await run(db(), paired, { symbols, from: "2020-01-01", to: "2022-12-31", concurrency: 2 });
    expect(most).toBe(2);
    expect(results.map((r) => r.status)).toEqual(["ok", "ok", "ok", "failed", "failed", "failed"]);
  });
});
