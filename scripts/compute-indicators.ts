/**
 * Indicators over one instrument's stored bars, or over one symbol of a stored tick session, printed
 * and optionally saved. The work is computeIndicators (src/indicators/compute-indicators.ts) or
 * computeSessionIndicators (src/indicators/session-indicators.ts): the definitions, warm-up rules,
 * time grid and saving; this file parses arguments and prints.
 *
 * Output: one line per indicator line (points, first and last time, last value), then one line per
 * saved line with --save; or with --json exactly one JSON document `{ series: { "<spec>.<line>":
 * [[time, value], …] } }` (and `saved` with --save). Exit codes (scripts/lib/cli.ts): 0 done (a line
 * without points says so); 2 bad input: a flag, a spec, no bars in the range, an unknown session or
 * symbol, a missing or unreachable database; nothing is written then.
 */
import { withExistingDatabase } from "../src/db/with-database.ts";
import { InputError } from "../src/errors.ts";
import { INDICATOR_NAMES } from "../src/indicators/catalog.ts";
import { computeIndicators } from "../src/indicators/compute-indicators.ts";
import type { IndicatorSeries } from "../src/indicators/evaluate.ts";
import { SAVE_MODES, type SavedLine } from "../src/indicators/save-series.ts";
import { computeSessionIndicators } from "../src/indicators/session-indicators.ts";
import { isTickSpec, lineKeys, parseIndicators, parseSessionIndicators, type IndicatorSpec, type SessionIndicatorSpec } from "../src/indicators/spec.ts";
import { TICK_INDICATOR_NAMES } from "../src/indicators/tick-catalog.ts";
import { CANDLE_INTERVALS } from "../src/repositories/tick-sessions.ts";
import { TIMEFRAMES } from "../src/schema/index.ts";
import { dateOption, numberValue, oneOf, parseCli, runCli } from "./lib/cli.ts";

const HELP = `Usage: tsx scripts/compute-indicators.ts --ticker T --region R --from YYYY-MM-DD --to YYYY-MM-DD --indicators "SPECS" [--timeframe 1d] [--save [--mode append|overwrite]] [--json]
       tsx scripts/compute-indicators.ts --session ID --symbol S --indicators "SPECS" [--interval 1m] [--every 1] [--save [--mode append|overwrite]] [--json]

Computes indicators over one instrument's stored bars (printed from --from to --to), or over one
symbol of a stored tick session (the whole session).

  --ticker T --region R  the instrument, e.g. --ticker 005930 --region KR
  --timeframe TF         ${TIMEFRAMES.join(", ")} (default 1d)
  --from D --to D        first and last date printed, inclusive
  --session ID           a tick session, e.g. exec_20251027_123456_ab12cd34
  --symbol S             one of its symbols, e.g. BTC_USDT
  --interval I           candles the bar indicators run on: ${CANDLE_INTERVALS.join(", ")} (default 1m)
  --every SECONDS        the tick-window indicators' grid step (default 1: every whole second)
  --indicators "SPECS"   comma-separated, e.g. "sma(30),rsi(14),macd(12,26,9),bbands(20,2)";
                         bar indicators: ${INDICATOR_NAMES.join(", ")} (backtrader's defaults);
                         over a session also ${TICK_INDICATOR_NAMES.join(", ")}
                         (windows in seconds, the original system's defaults)
  --save                 store every line in indicator_values: a bar series under sma(30).value, a
                         session under sma(30)@1m.value (bar indicators) or twpa(300,0).value
  --mode M               append (default: a stored time takes the new value) or overwrite (each
                         line's stored values replaced by these, atomically)
  --json                 print { series: { "<spec>.<line>": [[time, value], ...] } } (and saved)
  --help                 show this help

Lines: "value" for single-line indicators; bbands(20,2).top/.mid/.bot, macd(12,26,9).macd/.signal/
.histo, stochastic(14,3,3).k/.d. Bars: every stored bar before --from is read as warm-up; a line has
no points before its indicator's warm-up (backtrader's minperiod: sma(30) 30 bars, macd(12,26,9) 34)
and one on every bar after it. Sessions: candles are dated by their start, grid times are instants
(ISO 8601 UTC); a tick-window value uses the trades and books at or before its time, and a grid time
whose window lacks data has no point.

Database: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database in
PGLITE_DIR (default ./data/pglite).
Exit codes: 0 done; 2 bad input (a flag, a spec, no bars in the range, an unknown session or symbol,
no database); nothing is saved then.`;

const OPTIONS = {
  ticker: { type: "string" },
  region: { type: "string" },
  timeframe: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  session: { type: "string" },
  symbol: { type: "string" },
  interval: { type: "string" },
  every: { type: "string" },
  indicators: { type: "string" },
  save: { type: "boolean" },
  mode: { type: "string" },
  json: { type: "boolean" },
} as const;

const BAR_FLAGS = ["ticker", "region", "timeframe", "from", "to"] as const;
const SESSION_FLAGS = ["symbol", "interval", "every"] as const;

/** A value to read at a glance: six decimals, as many as any price or oscillator here needs. */
const formatValue = (value: number): string => value.toFixed(6);

function table<S extends SessionIndicatorSpec>(series: IndicatorSeries, specs: readonly S[], heading: string, noPoints: (spec: S) => string): string[] {
  const keys = specs.flatMap(lineKeys);
  const width = Math.max(...keys.map((key) => key.length));
  const lines = [heading];
  for (const spec of specs) {
    for (const key of lineKeys(spec)) {
      const points = series[key];
      const name = key.padEnd(width);
      if (points.length === 0) {
        lines.push(`${name}  no points: ${noPoints(spec)}`);
        continue;
      }
      const [last, value] = points[points.length - 1];
      lines.push(`${name}  ${String(points.length).padStart(6)} points  ${points[0][0]} … ${last}  last ${formatValue(value)}`);
    }
  }
  return lines;
}

const savedLines = (saved: readonly SavedLine[] | undefined): string[] =>
  (saved ?? []).map((s) => `saved ${s.indicator}: ${s.values} values (${s.loaded} new, ${s.merged} replacing stored times, ${s.replaced} removed first)`);

runCli(async () => {
  const values = parseCli(OPTIONS, HELP);
  if (!values) return;
  const given = (flag: keyof typeof OPTIONS) => values[flag] !== undefined;
  const required = (flag: "ticker" | "region" | "from" | "to" | "indicators" | "symbol"): string => {
    const value = values[flag]?.trim();
    if (value === undefined || value === "") throw new InputError(`--${flag} is required; see --help`);
    return value;
  };
  if (given("mode") && !values.save) throw new InputError("--mode goes with --save");
  const save = values.save ? { mode: oneOf(values.mode ?? "append", SAVE_MODES, "--mode") } : undefined;
  const json = (series: IndicatorSeries, saved: SavedLine[] | undefined) => JSON.stringify(save ? { series, saved } : { series });

  if (given("session")) {
    const misplaced = BAR_FLAGS.filter(given);
    if (misplaced.length > 0) throw new InputError(`--${misplaced[0]} is for stored bars; over a session give --symbol (and --interval, --every): see --help`);
    const session = values.session!.trim();
    if (session === "") throw new InputError("--session needs a session id; see --help");
    const symbol = required("symbol");
    const interval = oneOf(values.interval ?? "1m", CANDLE_INTERVALS, "--interval");
    const every = values.every === undefined ? 1 : numberValue(values.every, "--every");
    const specs = parseSessionIndicators(required("indicators"));
    const result = await withExistingDatabase((database) => computeSessionIndicators(database, { session, symbol, interval, every, indicators: specs, save }));
    const heading = `${session} ${symbol}: bar indicators on ${interval} candles, tick-window indicators every ${every} s`;
    const noPoints = (spec: SessionIndicatorSpec) =>
      isTickSpec(spec) ? "no grid time had the data its window needs" : `warm-up needs ${spec.definition.minPeriod(spec.args)} candles`;
    console.log(values.json ? json(result.series, result.saved) : [...table(result.series, specs, heading, noPoints), ...savedLines(result.saved)].join("\n"));
    return;
  }

  const misplaced = SESSION_FLAGS.filter(given);
  if (misplaced.length > 0) throw new InputError(`--${misplaced[0]} goes with --session; see --help`);
  const ticker = required("ticker");
  const region = required("region");
  const from = dateOption(required("from"), "--from");
  const to = dateOption(required("to"), "--to");
  if (from > to) throw new InputError(`--from ${from} is after --to ${to}`);
  const timeframe = oneOf(values.timeframe ?? "1d", TIMEFRAMES, "--timeframe");
  const specs = parseIndicators(required("indicators"));
  const result = await withExistingDatabase((database) => computeIndicators(database, { ticker, region, timeframe, from, to, indicators: specs, save }));
  const heading = `${ticker} (${region}) ${timeframe} bars, ${from} … ${to}`;
  const noPoints = (spec: IndicatorSpec) => `warm-up needs ${spec.definition.minPeriod(spec.args)} bars up to the last date`;
  console.log(values.json ? json(result.series, result.saved) : [...table(result.series, specs, heading, noPoints), ...savedLines(result.saved)].join("\n"));
});
