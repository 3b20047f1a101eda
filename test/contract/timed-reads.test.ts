/**
 * The reads validate-phase1 times, on every engine: each returns exactly what the implementation
 * it replaced returned. Factor scores: the Drizzle row query scores() used to be (kept below as the
 * reference). Ten years of bars: series() holds the values bars() returns, in the same order.
 */
import { and, asc, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Database } from "../../src/db/index.ts";
import { repositories } from "../../src/repositories/index.ts";
import { inDateRange } from "../../src/repositories/date-range.ts";
import { factorScores, type NewFactorScore } from "../../src/schema/index.ts";
import { describeEachEngine } from "../engines.ts";
import { bar, days } from "../fixtures.ts";

/** The previous scores(): one Drizzle row object per score, ordered by date, region, ticker. */
function previousScores(database: Database, factorName: string, from: string, to: string, region?: string) {
  return database.db
    .select()
    .from(factorScores)
    .where(
      and(
        eq(factorScores.factorName, factorName),
        inDateRange(factorScores.date, from, to),
        region === undefined ? undefined : eq(factorScores.region, region),
      ),
    )
    .orderBy(asc(factorScores.date), asc(factorScores.region), asc(factorScores.ticker));
}

// Tickers whose (ticker, region) and (region, ticker) orders differ, in mixed case, with punctuation.
const INSTRUMENTS = [
  ["AAPL", "US"], ["aapl", "US"], ["BRK.B", "US"], ["005930", "KR"], ["000660", "KR"], ["Zeta", "KR"],
  ["VNM", "VN"], ["0700", "HK"], ["_X", "US"], ["b-1", "KR"],
] as const;
const VALUES = [0.5, -1.25, null, 0.1 + 0.2, 5e-324, -7, -0, 1e-300, 123456.789012345, Number.MAX_VALUE];

function scoreRows(factorName: string, dates: readonly string[], instruments: readonly (readonly [string, string])[]): NewFactorScore[] {
  return dates.flatMap((date, d) =>
    instruments.flatMap(([ticker, region], i) =>
      // Leave some instruments out on some dates, so dates hold different sets.
      (d + i) % 4 === 3
        ? []
        : [{
            factorName, date, ticker, region,
            rawValue: VALUES[(d + i) % VALUES.length],
            zScore: VALUES[(d * 3 + i) % VALUES.length],
            percentile: (i + 1) / 16,
            score: i % 5 === 0 ? null : d - i / 7,
          }],
    ),
  );
}

describeEachEngine("timed reads", (db) => {
  const dates = days("2023-12-28", 12);

  test("scores(): the same rows and values as the Drizzle row query, with several regions, NULLs and NaN", async () => {
    const rows = scoreRows("mixed", dates, INSTRUMENTS);
    await repositories(db()).factorScores.replace("mixed", dates, rows);
    // Non-finite values (the bulk writer refuses them, SQL stores them).
    await db().query(
      `UPDATE factor_scores SET raw_value = CASE region WHEN 'KR' THEN 'NaN'::float8 WHEN 'US' THEN 'Infinity' ELSE '-Infinity' END
        WHERE factor_name = 'mixed' AND ticker IN ('Zeta', 'BRK.B', 'VNM')`,
    );
    // Distinct computed_at values with microseconds, one before 1970: Dates are truncated alike.
    await db().query(
      `UPDATE factor_scores SET computed_at = CASE WHEN ticker = 'AAPL' THEN TIMESTAMPTZ '1969-12-31 23:59:59.999999+00'
                                                   ELSE TIMESTAMPTZ '2026-11-30 17:00:00.123999+00' + (length(ticker) || ' hours')::interval END
        WHERE factor_name = 'mixed'`,
    );
    const scores = repositories(db()).factorScores;
    const expected = await previousScores(db(), "mixed", dates[2], dates[9]);
    expect(expected.length).toBe(60);
    expect(await scores.scores("mixed", dates[2], dates[9])).toEqual(expected);
    expect(await scores.scores("mixed", dates[0], dates[11])).toEqual(await previousScores(db(), "mixed", dates[0], dates[11]));
    // Within a date, regions come first: not the primary key's (ticker, region) order.
    expect([...new Set(expected.filter((s) => s.date === dates[2]).map((s) => s.region))]).toEqual(["HK", "KR", "US", "VN"]);
    const us = await previousScores(db(), "mixed", dates[0], dates[11], "US");
    expect(await scores.scores("mixed", dates[0], dates[11], { region: "US" })).toEqual(us);
    expect(await scores.scores("mixed", "1990-01-01", "1990-12-31")).toEqual([]);
    expect(await scores.scores("absent", dates[0], dates[11])).toEqual([]);
  });

  test("scores(): one region in primary-key order, and a ticker holding the packing's separator (row fallback)", async () => {
    const one = INSTRUMENTS.filter(([, region]) => region === "KR");
    await repositories(db()).factorScores.replace("kr", dates, scoreRows("kr", dates, one));
    expect(await repositories(db()).factorScores.scores("kr", dates[0], dates[11])).toEqual(await previousScores(db(), "kr", dates[0], dates[11]));
    const odd = [["A\u001fB", "US"], ["C", "US"]] as const;
    await repositories(db()).factorScores.replace("odd", dates, scoreRows("odd", dates, odd));
    const expected = await previousScores(db(), "odd", dates[0], dates[11]);
    expect(expected.some((s) => s.ticker === "A\u001fB")).toBe(true);
    expect(await repositories(db()).factorScores.scores("odd", dates[0], dates[11])).toEqual(expected);
  });

  test("series(): the dates and values bars() returns, NULL as NaN", async () => {
    const barDates = days("2015-01-01", 40);
    await repositories(db()).prices.upsertBars(
      barDates.map((d, i) => bar("TEN", "US", d, 10 + i / 8, { adjClose: i % 7 === 0 ? null : 9 + i / 3 })),
    );
    const prices = repositories(db()).prices;
    const bars = await prices.bars("TEN", "US", barDates[3], barDates[35]);
    const series = await prices.series("TEN", "US", barDates[3], barDates[35]);
    expect(bars.length).toBe(33);
    expect(series.dates).toEqual(bars.map((b) => b.date));
    for (const field of ["open", "high", "low", "close", "adjClose", "volume"] as const) {
      expect(Array.from(series[field])).toEqual(bars.map((b) => b[field] ?? NaN));
    }
  });
});
