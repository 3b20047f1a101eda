/**
 * Factor computation benchmark: all price factors over a synthetic universe (default 3,000 tickers ×
 * 2,520 weekdays ≈ 10 years), at every month-end and at every day of the last year (252 days).
 *
 * Measures computation only, in seconds of wall time: building the own-bar histories, raw factor
 * values, and cross-sectional scoring into factor_scores rows. Writing the rows to the database is
 * the storage side's part and is not included here. Each scenario starts from a fresh close panel (no
 * cached history), like a real run that has just loaded its panel; it is run `--repeat` times and the
 * first (cold JIT) and best times are printed.
 *
 * Data: geometric Brownian motion per ticker, seeded (mulberry32), annual volatility 15–60%, 10% of
 * tickers listed late (NaN before listing) and 0.2% of bars missing at random.
 */
import { parseArgs } from "node:util";
import { runCli, UsageError } from "../src/cli.ts";
import { monthEndRows } from "../src/factors/calendar.ts";
import { scoreFactor, scoreRows } from "../src/factors/cross-section/score-factor.ts";
import { PRICE_FACTORS } from "../src/factors/registry.ts";
import type { Panel } from "../src/panel.ts";
import { mulberry32, normalSampler } from "../src/util/random.ts";

const HELP = `Usage: tsx perf/factors.bench.ts [--tickers N] [--days N] [--seed N] [--repeat N] [--json]

Computes every price factor (${PRICE_FACTORS.map((f) => f.name).join(", ")})
on seeded synthetic closes at every month-end and at every day of the last 252 days, and
prints the seconds spent (computation only, no database).

  --tickers N  instruments (default 3000)
  --days N     weekdays of history (default 2520, about 10 years; at least 253)
  --seed N     PRNG seed (default 42)
  --repeat N   runs per scenario; first and best are reported (default 3)
  --json       print one JSON document with the figures
  --help       show this help`;

interface Scenario {
  readonly name: string;
  readonly dates: number;
  readonly rows: number;
  readonly firstSeconds: { readonly factors: number; readonly scoring: number };
  readonly bestSeconds: { readonly factors: number; readonly scoring: number };
}

function positiveInteger(value: string | undefined, fallback: number, flag: string, least = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < least) throw new UsageError(`--${flag} must be an integer ≥ ${least}, got "${value}"`);
  return n;
}

function weekdays(count: number, first: string): string[] {
  const dates: string[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); dates.length < count; ms += 86_400_000) {
    const day = new Date(ms).getUTCDay();
    if (day !== 0 && day !== 6) dates.push(new Date(ms).toISOString().slice(0, 10));
  }
  return dates;
}

function syntheticCloses(nTickers: number, nDates: number, seed: number): Panel {
  const uniform = mulberry32(seed);
  const gaussian = normalSampler(uniform);
  const dates = weekdays(nDates, "2015-01-01");
  const tickers = Array.from({ length: nTickers }, (_, t) => `S${String(t).padStart(5, "0")}`);
  const values = new Float64Array(nDates * nTickers).fill(NaN);
  for (let t = 0; t < nTickers; t++) {
    const dailyVol = (0.15 + 0.45 * uniform()) / Math.sqrt(252);
    const listed = uniform() < 0.1 ? Math.floor(uniform() * nDates * 0.6) : 0;
    let close = 10 + 90 * uniform();
    for (let d = listed; d < nDates; d++) {
      close *= Math.exp(0.0003 - 0.5 * dailyVol * dailyVol + dailyVol * gaussian());
      if (uniform() >= 0.002) values[d * nTickers + t] = close;
    }
  }
  return { dates, tickers, values };
}

/** All price factors at `at`, then their factor_scores rows; seconds for each half. */
function runScenario(base: Panel, at: readonly number[]): { factors: number; scoring: number; rows: number } {
  const closes: Panel = { ...base }; // a new panel object: no cached own-bar history
  const started = performance.now();
  const raw = PRICE_FACTORS.map((factor) => factor.compute({ closes }, at));
  const computed = performance.now();
  const instruments = closes.tickers.map((ticker) => ({ ticker, region: "US" }));
  let rows = 0;
  PRICE_FACTORS.forEach((factor, i) => {
    rows += scoreRows(factor.name, scoreFactor(raw[i], factor.direction), instruments).length;
  });
  const scored = performance.now();
  return { factors: (computed - started) / 1000, scoring: (scored - computed) / 1000, rows };
}

function measure(name: string, closes: Panel, at: readonly number[], repeat: number): Scenario {
  const runs = Array.from({ length: repeat }, () => runScenario(closes, at));
  return {
    name,
    dates: at.length,
    rows: runs[0].rows,
    firstSeconds: { factors: runs[0].factors, scoring: runs[0].scoring },
    bestSeconds: {
      factors: Math.min(...runs.map((r) => r.factors)),
      scoring: Math.min(...runs.map((r) => r.scoring)),
    },
  };
}

runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        tickers: { type: "string" },
        days: { type: "string" },
        seed: { type: "string" },
        repeat: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean" },
      },
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}; see --help`);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  const nTickers = positiveInteger(values.tickers, 3000, "tickers");
  const nDates = positiveInteger(values.days, 2520, "days", 253);
  const seed = positiveInteger(values.seed, 42, "seed", 0);
  const repeat = positiveInteger(values.repeat, 3, "repeat");

  const generating = performance.now();
  const closes = syntheticCloses(nTickers, nDates, seed);
  const generateSeconds = (performance.now() - generating) / 1000;
  process.stderr.write(`generated ${nTickers} × ${nDates} closes in ${generateSeconds.toFixed(2)} s\n`);

  const lastYear = Array.from({ length: 252 }, (_, i) => nDates - 252 + i);
  const scenarios = [
    measure("month-ends", closes, monthEndRows(closes.dates), repeat),
    measure("daily, last 252 days", closes, lastYear, repeat),
  ];

  if (values.json) {
    console.log(JSON.stringify({ tickers: nTickers, days: nDates, seed, repeat, factors: PRICE_FACTORS.map((f) => f.name), scenarios }));
    return;
  }
  console.log(`${nTickers} tickers × ${nDates} days, ${PRICE_FACTORS.length} price factors, seed ${seed}, ${repeat} runs`);
  console.log("scenario              dates  rows        factors s (first/best)  scoring s (first/best)");
  for (const s of scenarios) {
    console.log(
      `${s.name.padEnd(21)} ${String(s.dates).padStart(5)}  ${String(s.rows).padEnd(10)}  ` +
        `${s.firstSeconds.factors.toFixed(3)} / ${s.bestSeconds.factors.toFixed(3)}`.padEnd(24) +
        `${s.firstSeconds.scoring.toFixed(3)} / ${s.bestSeconds.scoring.toFixed(3)}`,
    );
  }
});
