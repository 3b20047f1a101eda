/**
 * `fetchYahoo(options)`, the one call behind scripts/fetch-yahoo.ts, on every engine: symbols from a
 * list, a universe file and region overrides, answered from the real recordings; the report, the
 * progress and retry callbacks, an incremental second run, and bad input refused before any
 * database is opened.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.ts";
import { fetchYahoo, type FetchYahooOptions, type SymbolResult } from "../../../src/ingest/yahoo/index.ts";
import { configureDatabase } from "../../configured-database.ts";
import { describeEachEngine } from "../../engines.ts";
import { chartUrl, readRecording, recordingDir, YAHOO_RECORDINGS } from "./recordings.ts";

const NOW = new Date("2025-03-25T00:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "fetch-yahoo-lib-"));
const universe = join(dir, "universe.txt");
writeFileSync(universe, "# an equity and a pair\nMSFT, US\n\nBTC-USD\n");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const counts = (symbols: SymbolResult[]) => symbols.map((s) => [s.symbol, s.ticker, s.region, s.status, s.bars, s.dividends, s.splits, s.requests]);

describeEachEngine("fetchYahoo", (db) => {
  it("loads a list and a universe file from the recordings and reports each symbol, then fetches only the refetch window", async () => {
    const progress: [string, number, number][] = [];
    const options: FetchYahooOptions = {
      symbols: "AAPL",
      universe,
      from: "2020-01-01",
      to: "2022-12-31",
      replay: YAHOO_RECORDINGS,
      concurrency: 1,
      database: db(),
      now: () => NOW,
      log: () => {},
      onResult: (result, done, total) => progress.push([result.symbol, done, total]),
    };
    const report = await fetchYahoo(options);
    expect(Object.keys(report)).toEqual(["source", "interval", "from", "to", "database", "ok", "failed", "requests", "symbols"]);
    expect({ ...report, symbols: counts(report.symbols) }).toEqual({
      source: "replay",
      interval: "1d",
      from: "2020-01-01",
      to: "2022-12-31",
      database: db().target,
      ok: 3,
      failed: 0,
      requests: 3,
      symbols: [
        ["AAPL", "AAPL", "US", "ok", 51, 1, 1, 1],
        ["MSFT", "MSFT", "US", "ok", 252, 4, 0, 1],
        ["BTC-USD", "BTC-USD", "CRYPTO", "ok", 3, 0, 0, 1],
      ],
    });
    expect(progress).toEqual([
      ["AAPL", 1, 3],
      ["MSFT", 2, 3],
      ["BTC-USD", 3, 3],
    ]);
    const [{ n }] = await db().query<{ n: number }>("SELECT count(*)::int AS n FROM ohlcv_data WHERE source = 'yahoo'");
    expect(n).toBe(51 + 252 + 3);

    const again = await fetchYahoo({ ...options, onResult: undefined });
    expect([again.ok, again.requests, again.symbols.map((s) => [s.bars, s.fetched])]).toEqual([
      3,
      3,
      [
        [0, { from: "2022-12-27", to: "2022-12-31" }],
        [0, { from: "2022-12-27", to: "2022-12-31" }],
        [0, { from: "2022-12-27", to: "2022-12-31" }],
      ],
    ]);
  });

  // A symbol that never answered is placed by its suffix alone (ETH-USD is not yet known to be crypto).
  it("reports a failing symbol with its reason and the instrument its override names, and tells each retry", async () => {
    const failure = readRecording("chart-BTC-USD-2020-01-01-to-2020-01-03.json");
    failure.request.url = chartUrl("ETH-USD", "2020-01-01", "2020-01-03");
    failure.response = { ...failure.response, ok: false, status: 429, statusText: "Too Many Requests", bodyJson: undefined, bodyText: "Too Many Requests" };
    const replay = recordingDir({ "eth.json": failure });
    const retries: { symbol: string; attempt: number; reason: string }[] = [];
    const report = await fetchYahoo({
      symbols: ["ETH-USD", "VOD.L"],
      regions: ["VOD.L=GB"],
      from: "2021-01-01",
      to: "2021-01-03",
      attempts: 2,
      replay,
      database: db(),
      now: () => NOW,
      log: () => {},
      onRetry: ({ symbol, attempt, reason, delayMs }) => {
        expect(delayMs).toBeGreaterThanOrEqual(500);
        expect(delayMs).toBeLessThanOrEqual(1000);
        retries.push({ symbol, attempt, reason });
      },
    });
    expect(retries).toEqual([{ symbol: "ETH-USD", attempt: 1, reason: "HTTP 429" }]);
    expect([report.ok, report.failed, report.requests]).toEqual([0, 2, 3]);
    expect(report.symbols.map((s) => [s.symbol, s.ticker, s.region, s.status, s.reason])).toEqual([
      ["ETH-USD", "ETH.USD", "US", "failed", "HTTP 429: Too Many Requests"],
      ["VOD.L", "VOD", "GB", "failed", `replay: no recorded response for /v8/finance/chart VOD.L interval 1d in ${replay}`],
    ]);
  });
});

describe("fetchYahoo refuses bad input before opening a database", () => {
  const target = join(dir, "never-opened");
  it.each<[Partial<FetchYahooOptions>, string]>([
    [{ symbols: [] }, "no symbols: pass --symbols AAPL,MSFT or --universe FILE"],
    [{ universe: join(dir, "missing.txt") }, `--universe ${join(dir, "missing.txt")}: no such file`],
    [{ regions: ["MSFT=US"] }, "--region names MSFT, which is not among the symbols to fetch"],
    [{ from: "2020-02-30" }, '--from must be a date YYYY-MM-DD, got "2020-02-30"'],
    [{ to: "2019-12-31" }, "--from 2020-01-01 is after --to 2019-12-31"],
    [{ from: "2025-03-26", to: "2025-04-01" }, "--from 2025-03-26 is in the future (today is 2025-03-25)"],
    [{ interval: "1h" as never }, '--interval must be one of 1d, 1wk, 1mo, got "1h"'],
    [{ record: dir, replay: dir }, "--record and --replay exclude each other"],
    [{ replay: join(dir, "missing") }, `--replay ${join(dir, "missing")}: not a directory of recordings`],
  ])("%j: %s", async (options, message) => {
    configureDatabase(target);
    await expect(fetchYahoo({ symbols: ["AAPL"], from: "2020-01-01", now: () => NOW, ...options })).rejects.toThrow(new InputError(message));
    expect(existsSync(target)).toBe(false);
  });
});
