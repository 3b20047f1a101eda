/**
 * factorScores.replaceColumns: one factor of one region written from the scored panels' columns by
 * binary COPY stores exactly what the row-object path (replace) stores: a cell with a non-finite raw
 * value is no row, a non-finite z-score, percentile or score is NULL, and the dates replaced lose
 * every earlier row of that factor and region (other regions, factors and dates untouched).
 */
import { beforeEach, expect, test } from "vitest";
import { repositories } from "../../src/repositories/index.ts";
import { describeEachEngine } from "../engines.ts";

const DATES = ["2024-01-31", "2024-02-29"];
const TICKERS = ["AAA", "BBB", "CCC"];
const nan = Number.NaN;

describeEachEngine("factorScores.replaceColumns", (db) => {
  const scores = () => repositories(db()).factorScores;
  const stored = async (factor: string, region?: string) =>
    (await scores().scores(factor, "2024-01-01", "2024-12-31", region === undefined ? {} : { region })).map(
      (s) => [s.date, s.ticker, s.region, s.rawValue, s.zScore, s.percentile, s.score],
    );
  const row = (ticker: string, region: string, date: string, value: number) => ({
    ticker, region, date, factorName: "mom", rawValue: value, zScore: value, percentile: 0.5, score: value,
  });

  beforeEach(async () => {
    await db().query("DELETE FROM factor_scores");
    // Earlier rows: one the new run no longer produces (CCC on 01-31), one on a date it does not cover,
    // one in another region, one of another factor.
    await scores().replace("mom", [...DATES, "2024-03-29"], [
      row("CCC", "US", "2024-01-31", 9),
      row("AAA", "US", "2024-03-29", 7),
    ]);
    await scores().replace("mom", ["2024-01-31"], [row("AAA", "KR", "2024-01-31", 5)]);
    await scores().replace("rev", ["2024-01-31"], [{ ...row("AAA", "US", "2024-01-31", 3), factorName: "rev" }]);
  });

  test("finite raw cells become rows, non-finite values NULL; the dates of that factor and region replaced exactly", async () => {
    const written = await scores().replaceColumns({
      factorName: "mom",
      region: "US",
      dates: DATES,
      tickers: TICKERS,
      // date-major: 2024-01-31 AAA, BBB, CCC; 2024-02-29 AAA, BBB, CCC
      rawValue: Float64Array.of(1.5, -2.25, nan, 0, Infinity, -1e-300),
      zScore: Float64Array.of(0.75, nan, 1, -0, 2, -Infinity),
      percentile: Float64Array.of(1, 0, 1, 0.5, 1, nan),
      score: Float64Array.of(0.75, Infinity, 1, 0, 2, 3.125),
    });
    expect(written).toBe(4);
    expect(await stored("mom", "US")).toEqual([
      ["2024-01-31", "AAA", "US", 1.5, 0.75, 1, 0.75],
      ["2024-01-31", "BBB", "US", -2.25, null, 0, null],
      ["2024-02-29", "AAA", "US", 0, -0, 0.5, 0],
      ["2024-02-29", "CCC", "US", -1e-300, null, null, 3.125],
      ["2024-03-29", "AAA", "US", 7, 7, 0.5, 7],
    ]);
    expect(await stored("mom", "KR")).toEqual([["2024-01-31", "AAA", "KR", 5, 5, 0.5, 5]]);
    expect(await stored("rev")).toEqual([["2024-01-31", "AAA", "US", 3, 3, 0.5, 3]]);
  });

  test("rerunning the same columns is idempotent; no dates writes nothing and deletes nothing", async () => {
    const columns = {
      factorName: "mom", region: "US", dates: DATES.slice(0, 1), tickers: TICKERS,
      rawValue: Float64Array.of(1, 2, 3), zScore: Float64Array.of(-1, 0, 1), percentile: Float64Array.of(0, 0.5, 1), score: Float64Array.of(-1, 0, 1),
    };
    expect(await scores().replaceColumns(columns)).toBe(3);
    const once = await stored("mom", "US");
    expect(await scores().replaceColumns(columns)).toBe(3);
    expect(await stored("mom", "US")).toEqual(once);
    expect(once).toEqual([
      ["2024-01-31", "AAA", "US", 1, -1, 0, -1],
      ["2024-01-31", "BBB", "US", 2, 0, 0.5, 0],
      ["2024-01-31", "CCC", "US", 3, 1, 1, 1],
      ["2024-03-29", "AAA", "US", 7, 7, 0.5, 7],
    ]);
    const empty = { ...columns, dates: [], rawValue: new Float64Array(0), zScore: new Float64Array(0), percentile: new Float64Array(0), score: new Float64Array(0) };
    expect(await scores().replaceColumns(empty)).toBe(0);
    expect(await stored("mom", "US")).toEqual(once);
  });
});
