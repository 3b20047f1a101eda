/**
 * `runOptimization(request)`, the one call behind scripts/optimize.ts: prices from a CSV, a panel in
 * hand or the database (instruments written TICKER or TICKER.REGION), the allocation at each
 * ticker's latest available price, the optimization_history record, and bad input refused with the
 * messages the script prints.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { greedyAllocation, OptimizationError, optimizePortfolio, readPriceCsv } from "../../src/optimize/index.ts";
import { type OptimizationRequest, parseInstruments, runOptimization } from "../../src/optimize/run-optimization.ts";
import type { Panel } from "../../src/panel/index.ts";
import { pricesRepository, researchRepository } from "../../src/repositories/index.ts";
import { configureDatabase } from "../configured-database.ts";
import { describeEachEngine } from "../engines.ts";
import { bar, days } from "../fixtures.ts";

const fixture = fileURLToPath(new URL("../fixtures/prices-small.csv", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "run-optimization-"));
const unopened = join(scratch, "never-opened");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("runOptimization without a database", () => {
  it("optimises a price CSV exactly as optimizePortfolio does, opening no database", async () => {
    configureDatabase(unopened);
    const run = await runOptimization({ prices: fixture, method: "min-volatility", risk: "ledoit-wolf" });
    const expected = optimizePortfolio(readPriceCsv(fixture), { method: "min-volatility", risk: "ledoit-wolf" });
    expect(Array.from(run.result.weights)).toEqual(Array.from(expected.weights));
    expect(run.result.performance).toEqual(expected.performance);
    expect([run.allocation, run.saved]).toEqual([undefined, undefined]);
    expect(existsSync(unopened)).toBe(false);
  });

  it("allocates at each ticker's last available price: a ticker without the last date keeps its previous one", async () => {
    const prices: Panel = {
      dates: ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"],
      tickers: ["AAA", "BBB"],
      values: Float64Array.from([10, 20, 11, 19, 10.5, 21, 12, NaN]),
    };
    const run = await runOptimization({ prices, method: "inverse-volatility", allocate: 1000 });
    const weights = { AAA: run.result.weights[0], BBB: run.result.weights[1] };
    expect(run.allocation).toEqual(greedyAllocation(weights, { AAA: 12, BBB: 21 }, { totalValue: 1000 }));
    const { shares, leftover } = run.allocation!;
    expect((shares.AAA ?? 0) * 12 + (shares.BBB ?? 0) * 21 + leftover).toBeCloseTo(1000, 9);
  });

  it("lets an infeasible request fail as the OptimizationError it is", async () => {
    const request: OptimizationRequest = { prices: fixture, method: "efficient-risk", targetVolatility: 0.01 };
    await expect(runOptimization(request)).rejects.toThrow(
      new OptimizationError("infeasible", "target volatility 0.01 is below the minimum volatility 0.128928 achievable under the constraints; raise the target volatility"),
    );
  });

  it.each<[Partial<OptimizationRequest>, string]>([
    [{ prices: fixture, tickers: "AAA" }, "give either --prices FILE.csv or --tickers, not both"],
    [{}, "no prices: give --prices FILE.csv, or --tickers A,B --from YYYY-MM-DD --to YYYY-MM-DD"],
    [{ tickers: "AAA", to: "2024-02-01" }, "--tickers needs --from YYYY-MM-DD"],
    [{ tickers: "AAA", from: "2024-01-01", to: "2024-02-30" }, '--to expects a date YYYY-MM-DD, got "2024-02-30"'],
    [{ tickers: "AAA", from: "2024-03-01", to: "2024-02-01" }, "--from 2024-03-01 is after --to 2024-02-01"],
    [{ tickers: "AAA", from: "2024-01-01", to: "2024-02-01", priceField: "open" as never }, '--price-field must be adj_close or close, got "open"'],
    [{ tickers: " , ", from: "2024-01-01", to: "2024-02-01" }, "--tickers is empty; list instruments as A,B,C"],
  ])("%j is bad input, refused before a database is opened: %s", async (request, message) => {
    configureDatabase(unopened);
    await expect(runOptimization({ method: "hrp", save: true, ...request })).rejects.toThrow(new InputError(message));
    expect(existsSync(unopened)).toBe(false);
  });

  it("reads TICKER.REGION at the last dot; bare tickers take the region given", () => {
    expect(parseInstruments(" AAA, 005930.KR,,BRK.B.US", "JP")).toEqual([
      { ticker: "AAA", region: "JP" },
      { ticker: "005930", region: "KR" },
      { ticker: "BRK.B", region: "US" },
    ]);
    expect(parseInstruments(["AAA", "BBB.KR"], "US")).toEqual([
      { ticker: "AAA", region: "US" },
      { ticker: "BBB", region: "KR" },
    ]);
  });
});

describeEachEngine("runOptimization with the database", (db) => {
  const dates = days("2024-05-01", 30);

  it("loads the instruments' closes, optimises and records the run with the options given", async () => {
    await pricesRepository(db()).upsertBars(
      dates.flatMap((d, i) => [
        bar("AAA", "US", d, 100 * (1 + 0.01 * Math.sin(i)) * (1 + 0.002 * i)),
        bar("BBB", "KR", d, 50 * (1 + 0.02 * Math.cos(1.3 * i))),
      ]),
    );
    const run = await runOptimization({
      tickers: "AAA,BBB.KR",
      from: dates[0],
      to: dates[29],
      priceField: "close",
      method: "max-sharpe",
      riskFreeRate: 0.01,
      constraints: { bounds: [0, 0.8] },
      save: true,
      database: db(),
    });
    const closes = await pricesRepository(db()).panel({
      field: "close",
      from: dates[0],
      to: dates[29],
      instruments: [
        { ticker: "AAA", region: "US" },
        { ticker: "BBB", region: "KR" },
      ],
    });
    const expected = optimizePortfolio(closes, { method: "max-sharpe", riskFreeRate: 0.01, constraints: { bounds: [0, 0.8] } });
    expect(Array.from(run.result.weights)).toEqual(Array.from(expected.weights));
    const [row] = await researchRepository(db()).optimizations(1);
    expect(row).toEqual(run.saved);
    // Instruments of several regions are labelled TICKER.REGION.
    expect([row.method, row.tickers, row.fromDate, row.toDate, row.parameters, row.weights]).toEqual([
      "max-sharpe",
      ["AAA.US", "BBB.KR"],
      dates[0],
      dates[29],
      { riskFreeRate: 0.01, constraints: { bounds: [0, 0.8] }, priceField: "close" },
      { "AAA.US": expected.weights[0], "BBB.KR": expected.weights[1] },
    ]);
  });

  it("records a CSV run over the file's first and last dates", async () => {
    const run = await runOptimization({ prices: fixture, method: "hrp", save: true, database: db() });
    const [row] = await researchRepository(db()).optimizations(1);
    expect([row.id, row.method, row.fromDate, row.toDate, row.parameters]).toEqual([run.saved!.id, "hrp", "2024-01-01", "2024-04-19", {}]);
  });
});
