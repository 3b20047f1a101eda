/**
 * The end-to-end backtest benchmark's database contents: a seeded universe of daily bars and one
 * factor's scores at every month-end, written the way real data arrives (COPY through copyRows and
 * factorScores.replace), before anything is timed.
 *
 * Bars: instrument i follows src/synthetic/bars.ts from mulberry32(seed + i), start price in [10, 100)
 * from that stream, on every one of `days` weekdays from 2015-01-01, raw basis, source `bench`.
 * Scores: at each month-end row, one standard normal draw per instrument (one mulberry32 stream from
 * `seed`), stored as raw value, z-score and score alike, with its percentile rank in [0, 1].
 */
import type { Database } from "../../src/db/index.ts";
import { monthEndRows } from "../../src/panel/index.ts";
import { repositories } from "../../src/repositories/index.ts";
import { ohlcvData, type NewFactorScore, type NewOhlcvBar } from "../../src/schema/index.ts";
import { mulberry32, normalSampler, numberedTickers, randomBars, weekdaysFrom } from "../../src/synthetic/index.ts";
import { seconds } from "./timing.ts";


export interface UniverseSpec {
  readonly tickers: number;
  readonly days: number;
  readonly seed: number;
  readonly region: string;
  readonly factor: string;
}

export interface SeededUniverse {
  readonly dates: readonly string[];
  readonly bars: number;
  readonly scores: number;
  readonly barSeconds: number;
  readonly scoreSeconds: number;
}

function* universeBars(tickers: readonly string[], dates: readonly string[], spec: UniverseSpec): Generator<NewOhlcvBar> {
  for (const [i, ticker] of tickers.entries()) {
    const uniform = mulberry32(spec.seed + i);
    const bars = randomBars(uniform, dates.length, 10 + 90 * uniform(), 2, 1_000_000);
    for (let d = 0; d < dates.length; d++) {
      yield {
        ticker, region: spec.region, timeframe: "1d", date: dates[d],
        open: bars.open[d], high: bars.high[d], low: bars.low[d], close: bars.close[d], volume: bars.volume[d],
        source: "bench", priceBasis: "raw",
      };
    }
  }
}

function monthEndScores(tickers: readonly string[], monthEnds: readonly string[], spec: UniverseSpec): NewFactorScore[] {
  const gaussian = normalSampler(mulberry32(spec.seed));
  const rows: NewFactorScore[] = [];
  const z = new Float64Array(tickers.length);
  for (const date of monthEnds) {
    for (let i = 0; i < tickers.length; i++) z[i] = gaussian();
    const order = Array.from(tickers.keys()).sort((a, b) => z[a] - z[b]);
    const percentile = new Float64Array(tickers.length);
    order.forEach((i, rank) => (percentile[i] = tickers.length > 1 ? rank / (tickers.length - 1) : 0.5));
    for (let i = 0; i < tickers.length; i++) {
      rows.push({ factorName: spec.factor, date, ticker: tickers[i], region: spec.region, rawValue: z[i], zScore: z[i], percentile: percentile[i], score: z[i] });
    }
  }
  return rows;
}

/** Writes the bars and scores into `database` (empty of this region); `progress` gets stderr lines. */
export async function seedUniverse(database: Database, spec: UniverseSpec, progress: (line: string) => void): Promise<SeededUniverse> {
  const tickers = numberedTickers(spec.tickers, "B", 5);
  const dates = weekdaysFrom("2015-01-01", spec.days);
  const total = spec.tickers * spec.days;
  let started = performance.now();
  let loaded = 0;
  let reported = 0;
  await database.copyRows(ohlcvData, universeBars(tickers, dates, spec), {
    onBatch: (batch) => {
      loaded += batch.batchRows;
      if (loaded - reported < total / 10 && loaded < total) return; // a line every tenth
      reported = loaded;
      progress(`seeding bars: ${loaded.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} (${seconds(started).toFixed(0)} s)`);
    },
  });
  await database.query("ANALYZE ohlcv_data");
  const barSeconds = seconds(started);

  started = performance.now();
  const monthEnds = monthEndRows(dates).map((d) => dates[d]);
  const rows = monthEndScores(tickers, monthEnds, spec);
  const scores = await repositories(database).factorScores.replace(spec.factor, monthEnds, rows, { region: spec.region });
  await database.query("ANALYZE factor_scores");
  progress(`seeding scores: ${scores.toLocaleString("en-US")} rows at ${monthEnds.length} month-ends`);
  return { dates, bars: loaded, scores, barSeconds, scoreSeconds: seconds(started) };
}
