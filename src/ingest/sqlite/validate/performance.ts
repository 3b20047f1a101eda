/**
 * Acceptance group 4, read performance, through the repositories research code uses: the median
 * (p50) wall time of `runs` repetitions after one warm-up, against the design documents' targets:
 * - 10 years of daily bars for one instrument (the one with the most bars): 1 s;
 * - one year of one factor's scores (the factor with the most rows): 0.5 s;
 * - the monthly aggregate of that instrument: 0.2 s.
 * With no factor scores yet the factor query still runs, and WARNs that it measured an empty table.
 * Each read is the fastest path research code has: bars as columns (series()), the factor as a date ×
 * instrument panel of its scores (factorScores.panel(), a binary COPY of one row per score decoded as it arrives:
 * repositories/instrument-panel.ts); perf/validate.bench.ts measures them.
 */
import type { Database } from "../../../db/index.ts";
import { factorScoresRepository } from "../../../repositories/factor-scores.ts";
import { pricesRepository } from "../../../repositories/prices.ts";
import type { Check } from "./check.ts";
import { countValues } from "../../../factors/jobs/no-values-note.ts";

export const TARGET_MS = { tenYears: 1_000, factorYear: 500, monthly: 200 } as const;

async function p50(runs: number, query: () => Promise<readonly unknown[] | { readonly dates: readonly unknown[]; readonly values?: Float64Array }>): Promise<{ ms: number; rows: number }> {
  const first = await query();
  const rows = "dates" in first ? (first.values ? countValues(first.values) : first.dates.length) : first.length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await query();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(runs / 2);
  return { ms: runs % 2 === 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2, rows };
}

const yearsBefore = (date: string, years: number) => `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;

function timed(name: string, target: number, result: { ms: number; rows: number }, runs: number, unit: string, note = ""): Check {
  return {
    group: "performance",
    name: `${name} (target ${target} ms)`,
    status: note ? "WARN" : result.ms <= target ? "PASS" : "FAIL",
    figure: `p50 ${result.ms.toFixed(1)} ms over ${runs} runs, ${result.rows} ${unit}${note}`,
  };
}

export async function performanceChecks(database: Database, runs = 9): Promise<Check[]> {
  const prices = pricesRepository(database);
  const [busiest] = await database.query<{ ticker: string; region: string; last: string }>(
    "SELECT ticker, region, max(date) AS last FROM ohlcv_data WHERE timeframe = '1d' GROUP BY ticker, region ORDER BY count(*) DESC, ticker, region LIMIT 1",
  );
  if (!busiest) return [{ group: "performance", name: "read performance", status: "FAIL", figure: "no daily bars to read" }];
  const { ticker, region, last } = busiest;
  const checks: Check[] = [];

  const bars = await p50(runs, () => prices.series(ticker, region, yearsBefore(last, 10), last));
  checks.push(timed(`10 years of daily bars, ${ticker}.${region}`, TARGET_MS.tenYears, bars, runs, "bars"));

  const [factor] = await database.query<{ factor_name: string; last: string }>(
    "SELECT factor_name, max(date) AS last FROM factor_scores GROUP BY factor_name ORDER BY count(*) DESC, factor_name LIMIT 1",
  );
  const factorName = factor?.factor_name ?? "momentum_12_1";
  const factorEnd = factor?.last ?? last;
  const scores = await p50(runs, () => factorScoresRepository(database).panel(factorName, yearsBefore(factorEnd, 1), factorEnd));
  checks.push(timed(`one year of ${factorName} scores`, TARGET_MS.factorYear, scores, runs, "scores", factor ? "" : " (no factor scores yet: an empty table was measured)"));

  const monthly = await p50(runs, () => prices.aggregateBars("month", ticker, region));
  checks.push(timed(`monthly aggregate, ${ticker}.${region}`, TARGET_MS.monthly, monthly, runs, "months"));
  return checks;
}
