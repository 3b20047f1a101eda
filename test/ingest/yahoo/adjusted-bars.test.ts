import { beforeEach, expect, it } from "vitest";
import type { Database } from "../../../src/db/index.ts";
import { adjustedBars, type AdjustmentMode } from "../../../src/repositories/adjusted-prices.ts";
import { createYahooClient } from "../../../src/ingest/yahoo/client.ts";
import { ingestYahoo } from "../../../src/ingest/yahoo/ingest.ts";
import { replayTransport } from "../../../src/ingest/yahoo/replay.ts";
import { DEFAULT_RETRY } from "../../../src/ingest/yahoo/retry.ts";
import type { Transport } from "../../../src/ingest/yahoo/transport.ts";
import { describeEachEngine } from "../../engines.ts";
import { chartOf, readRecording, recordingDir, YAHOO_RECORDINGS } from "./recordings.ts";

const MODES: AdjustmentMode[] = ["raw", "split", "total"];

function ingest(database: Database, transport: Transport, now: string, symbol: string, from: string, to: string) {
  const clock = () => new Date(now);
  const client = createYahooClient({ transport, retry: DEFAULT_RETRY, concurrency: 1, log: () => {}, now: clock });
  return ingestYahoo(database, { symbols: [{ symbol }], from, to, interval: "1d", refetchDays: 5, concurrency: 1, client, now: clock });
}

/** AAPL's first days of 2020 as Yahoo served them before the 2020-08-31 split: 4× the prices, ¼ the volume. */
function preSplitAaplJanuary(): string {
  const exchange = readRecording("chart-AAPL-2020-01-01-to-2020-01-03.json");
  const chart = chartOf(exchange);
  const quote = chart.indicators.quote[0];
  for (const field of ["open", "high", "low", "close"]) quote[field] = quote[field].map((v) => v! * 4);
  quote.volume = quote.volume.map((v) => v! / 4);
  chart.indicators.adjclose![0].adjclose = chart.indicators.adjclose![0].adjclose.map((v) => v! * 4);
  exchange.response.headers.date = "Sat, 01 Feb 2020 12:00:00 GMT";
  return recordingDir({ "aapl-2020-02-01.json": exchange });
}

describeEachEngine("adjusted bars over Yahoo-loaded history", (db) => {
  beforeEach(async () => {
    for (const table of ["ohlcv_data", "dividends", "splits", "tickers", "fetch_coverage"]) await db().query(`DELETE FROM ${table}`);
  });

  it("undoes Yahoo's split basis as of any date", async () => {
    await ingest(db(), replayTransport(YAHOO_RECORDINGS), "2025-03-25T00:00:00Z", "AAPL", "2020-01-01", "2020-11-07");
    const close = async (date: string, asOf: string, mode: AdjustmentMode) =>
      (await adjustedBars(db(), "AAPL", "US", date, date, { asOf, mode }))[0]?.close;
    // Yahoo's 2020-01-02 close 75.0875015258789 is after the 4:1 split; it traded at 4× that.
    expect(await close("2020-01-02", "2025-03-25", "raw")).toBe(300.3500061035156);
    expect(await close("2020-01-02", "2020-06-30", "split")).toBe(300.3500061035156);
    expect(await close("2020-01-02", "2020-08-31", "split")).toBe(75.0875015258789);
    expect(await close("2020-09-01", "2025-03-25", "raw")).toBe(134.17999267578125);
    // The 2020-11-06 dividend of 0.205: 11-05 closes at 119.02999877929688 raw.
    expect(await close("2020-11-05", "2020-11-05", "total")).toBe(119.02999877929688);
    expect(await close("2020-11-05", "2020-11-06", "total")).toBe(119.02999877929688 * (1 - 0.205 / 119.02999877929688));
    expect(await adjustedBars(db(), "AAPL", "US", "2020-01-01", "2020-12-31", { asOf: "2020-09-01", mode: "raw" })).toHaveLength(3);
  });

  it("reproduces Yahoo's adjclose up to the dividends after the recording (a constant factor)", async () => {
    for (const [symbol, file] of [
      ["MSFT", "historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.json"],
      ["AAPL", "chart-AAPL-2020-08-31-to-2020-11-07.json"],
    ]) {
      const chart = chartOf(readRecording(file));
      await ingest(db(), replayTransport(recordingDir({ [file]: readRecording(file) })), "2025-03-25T00:00:00Z", symbol, "2020-08-31", "2022-01-31");
      const total = await adjustedBars(db(), symbol, "US", "2020-01-01", "2022-12-31", { asOf: "2025-03-25", mode: "total" });
      const adjclose = chart.indicators.adjclose![0].adjclose;
      expect(total).toHaveLength(adjclose.length);
      const ratios = total.map((b, i) => adjclose[i]! / b.close);
      // Yahoo's figures are float32-rounded; without the dividend factors the spread is 2e-3 (AAPL) to 8e-3 (MSFT).
      expect((Math.max(...ratios) - Math.min(...ratios)) / Math.min(...ratios)).toBeLessThan(1e-6);
    }
  });

  it("never lets an event dated after asOf change the past", async () => {
    await ingest(db(), replayTransport(YAHOO_RECORDINGS), "2025-03-25T00:00:00Z", "AAPL", "2020-01-01", "2020-11-07");
    const asOf = { asOf: "2020-10-15" };
    const before = await Promise.all(MODES.map((mode) => adjustedBars(db(), "AAPL", "US", "2020-01-01", "2020-12-31", { ...asOf, mode })));
    // 2020-01-02, 2020-08-31, 21 September sessions, 11 in October to the 15th.
    expect(before.map((bars) => bars.length)).toEqual([34, 34, 34]);
    await db().query("INSERT INTO dividends (ticker, region, ex_date, amount, source) VALUES ('AAPL', 'US', '2020-10-16', 5, 'test')");
    await db().query("INSERT INTO splits (ticker, region, date, numerator, denominator, ratio, source) VALUES ('AAPL', 'US', '2026-01-02', 10, 1, 10, 'test')");
    const after = await Promise.all(MODES.map((mode) => adjustedBars(db(), "AAPL", "US", "2020-01-01", "2020-12-31", { ...asOf, mode })));
    expect(after).toEqual(before);
  });

  it("keeps the past identical when a new split forces the history to be fetched again", async () => {
    const first = await ingest(db(), replayTransport(preSplitAaplJanuary()), "2020-02-01T12:00:00Z", "AAPL", "2020-01-01", "2020-01-31");
    expect(first[0]).toMatchObject({ status: "ok", requests: 1, bars: 1, splits: 0 });
    const asOf = { asOf: "2020-02-01" };
    const before = await Promise.all(MODES.map((mode) => adjustedBars(db(), "AAPL", "US", "2020-01-01", "2020-01-31", { ...asOf, mode })));
    expect(before[0][0].close).toBe(300.3500061035156);

    const second = await ingest(db(), replayTransport(YAHOO_RECORDINGS), "2025-03-25T00:00:00Z", "AAPL", "2020-01-01", "2020-11-07");
    expect(second[0]).toMatchObject({ status: "ok", requests: 2, historyRefetched: true, fetched: { from: "2020-01-01", to: "2020-11-07" }, splits: 1 });
    // The stored 2020-01-02 bar is now on the post-split basis like every other bar …
    expect(await db().query("SELECT close, fetched_at FROM ohlcv_data WHERE date = '2020-01-02'")).toEqual([
      { close: 75.0875015258789, fetched_at: "2025-03-24 13:51:33+00" },
    ]);
    // … and the view as of 2020-02-01 has not moved.
    const after = await Promise.all(MODES.map((mode) => adjustedBars(db(), "AAPL", "US", "2020-01-01", "2020-01-31", { ...asOf, mode })));
    expect(after).toEqual(before);
  });
});
