/**
 * validate-phase1 read benchmark (issue 12): the three timed reads of the acceptance check, each
 * beside a baseline in the same run, at a given number of stored factor scores.
 *
 * Data (seeded, written through the repositories as real data arrives, not timed): `--instruments`
 * instruments in one region with 2,520 weekdays of bars to 2025-12-31 (src/synthetic/bars.ts), and
 * one factor's daily scores for those instruments over as many of the last weekdays as make
 * `--scores` rows (325,000 = 1,300 × 250: the year read holds all of them; 3,000,000 = 1,300 × 2,308).
 * The year read is the last 250 weekdays. Reads: series() of the busiest instrument over 10 years
 * (target 1 s), factorScores.panel() over the last year (0.5 s; scores() as rows beside it), aggregateBars("month") (0.2 s);
 * p50 of `--runs` after a warm-up. Baselines: `SELECT count(*)` over the same rows.
 */
import { integerOption, parseCli, runCli } from "../scripts/lib/cli.ts";
import { openDatabase } from "../src/db/index.ts";
import { InputError } from "../src/errors.ts";
import { repositories } from "../src/repositories/index.ts";
import { TARGET_MS } from "../src/ingest/sqlite/validate/performance.ts";
import { ohlcvData, type NewFactorScore, type NewOhlcvBar } from "../src/schema/index.ts";
import { mulberry32, numberedTickers, randomBars, weekdaysEnding } from "../src/synthetic/index.ts";
import { freshTargets } from "./lib/fresh-targets.ts";

const HELP = `Usage: npm run bench:validate [-- --engines pglite,postgres --scores N --instruments N --runs N --json]

Seeds bars and one factor's scores into a fresh database per engine (not timed), then times the
reads validate-phase1 checks beside SELECT count(*) of the same rows. The server is DATABASE_URL,
else TEST_DATABASE_URL (a scratch database is created there and dropped after).
  --scores N       stored factor scores (default 325000)
  --instruments N  instruments (default 1300)
  --runs N         timed runs per read; p50 reported (default 9)`;

const REGION = "KR";
const FACTOR = "bench_factor";
const log = (line: string) => process.stderr.write(`${line}\n`);

function* bars(tickers: readonly string[], dates: readonly string[]): Generator<NewOhlcvBar> {
  for (const [i, ticker] of tickers.entries()) {
    const uniform = mulberry32(1000 + i);
    const b = randomBars(uniform, dates.length, 10 + 90 * uniform(), 2, 1_000_000);
    for (let d = 0; d < dates.length; d++) {
      yield { ticker, region: REGION, timeframe: "1d", date: dates[d], open: b.open[d], high: b.high[d], low: b.low[d], close: b.close[d], volume: b.volume[d], source: "bench", priceBasis: "raw" };
    }
  }
}

function scores(tickers: readonly string[], dates: readonly string[]): NewFactorScore[] {
  const uniform = mulberry32(42);
  return dates.flatMap((date) => tickers.map((ticker) => {
    const z = uniform() * 4 - 2;
    return { factorName: FACTOR, date, ticker, region: REGION, rawValue: z, zScore: z, percentile: uniform(), score: z };
  }));
}

async function p50(runs: number, read: () => Promise<unknown>): Promise<number> {
  await read();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await read();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

runCli(async () => {
  const values = parseCli({ engines: { type: "string", default: "pglite,postgres" }, scores: { type: "string" }, instruments: { type: "string" }, runs: { type: "string" }, json: { type: "boolean" } }, HELP);
  if (!values) return;
  const total = integerOption(values.scores, "--scores", 1) ?? 325_000;
  const width = integerOption(values.instruments, "--instruments", 1) ?? 1300;
  const runs = integerOption(values.runs, "--runs", 1) ?? 9;
  const scoreDays = Math.ceil(total / width);
  if (scoreDays > 2520) throw new InputError(`--scores ${total} needs more than 2,520 days for ${width} instruments; raise --instruments`);
  const targets = freshTargets(values.engines.split(","), "bench_validate", process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL);
  const barDates = weekdaysEnding("2025-12-31", 2520);
  const tickers = numberedTickers(width, "", 6);
  const results = [];
  for (const target of targets) {
    const fresh = await target.fresh();
    const database = await openDatabase(fresh.options);
    try {
      log(`[${target.name}] seeding ${(width * 2520).toLocaleString("en-US")} bars, ${(width * scoreDays).toLocaleString("en-US")} scores`);
      await database.copyRows(ohlcvData, bars(tickers, barDates));
      await repositories(database).prices.refreshAggregates();
      const scoreDates = barDates.slice(-scoreDays);
      for (let d = 0; d < scoreDates.length; d += 250) {
        const chunk = scoreDates.slice(d, d + 250);
        await repositories(database).factorScores.replace(FACTOR, chunk, scores(tickers, chunk));
      }
      await database.query("ANALYZE factor_scores"); // as the factor job leaves it
      const prices = repositories(database).prices;
      const ticker = tickers[0];
      const yearFrom = barDates[barDates.length - 250];
      const last = barDates[barDates.length - 1];
      const tenFrom = `${Number(last.slice(0, 4)) - 10}${last.slice(4)}`;
      const count = (sql: string, params: unknown[]) => p50(runs, () => database.query(sql, params));
      const figures = {
        engine: target.name,
        storedScores: width * scoreDays,
        yearScores: (await repositories(database).factorScores.scores(FACTOR, yearFrom, last)).length,
        /** The check's read, a date × instrument panel; `rowsMs`: the same year as row objects (scores()). */
        tenYears: { ms: await p50(runs, () => prices.series(ticker, REGION, tenFrom, last)), countMs: await count("SELECT count(*) FROM ohlcv_data WHERE ticker = $1 AND region = $2 AND timeframe = '1d' AND date BETWEEN $3::date AND $4::date", [ticker, REGION, tenFrom, last]) },
        factorYear: { ms: await p50(runs, () => repositories(database).factorScores.panel(FACTOR, yearFrom, last)), rowsMs: await p50(runs, () => repositories(database).factorScores.scores(FACTOR, yearFrom, last)), countMs: await count("SELECT count(*) FROM factor_scores WHERE factor_name = $1 AND date BETWEEN $2::date AND $3::date", [FACTOR, yearFrom, last]) },
        monthly: { ms: await p50(runs, () => prices.aggregateBars("month", ticker, REGION)), countMs: await count("SELECT count(*) FROM ohlcv_monthly WHERE ticker = $1 AND region = $2", [ticker, REGION]) },
      };
      results.push(figures);
      log(`[${target.name}] done`);
    } finally {
      await database.close();
      await fresh.drop();
    }
  }
  if (values.json) return void console.log(JSON.stringify(results, null, 2));
  const cell = (f: { ms: number; countMs: number }, target: number) => `${f.ms.toFixed(1)} ms (count ${f.countMs.toFixed(1)} ms) ${f.ms <= target ? "met" : "MISSED"}`;
  console.log(`p50 of ${runs} runs; target: 10 years ${TARGET_MS.tenYears} ms, factor year ${TARGET_MS.factorYear} ms, monthly ${TARGET_MS.monthly} ms`);
  for (const r of results) {
    console.log(`${r.engine.padEnd(9)} ${r.storedScores.toLocaleString("en-US")} stored, ${r.yearScores.toLocaleString("en-US")} in the year | 10y bars ${cell(r.tenYears, TARGET_MS.tenYears)} | factor year ${cell(r.factorYear, TARGET_MS.factorYear)} (as rows ${r.factorYear.rowsMs.toFixed(1)} ms) | monthly ${cell(r.monthly, TARGET_MS.monthly)}`);
  }
});
