/**
 * Bar indicators over one instrument's stored bars, printed from --from to --to. The work is
 * computeIndicators (src/indicators/compute-indicators.ts: the warm-up rule, the definitions); this
 * file parses arguments and prints.
 *
 * Output: one line per indicator line (points, first and last date, last value), or with --json
 * exactly one JSON document `{ series: { "<spec>.<line>": [[date, value], …] } }`. Exit codes
 * (scripts/lib/cli.ts): 0 done (a line whose warm-up is not reached has no points and says so);
 * 2 bad input: a flag, a spec, no bars in the range, a missing or unreachable database.
 */
import { withExistingDatabase } from "../src/db/with-database.ts";
import { InputError } from "../src/errors.ts";
import { computeIndicators, type IndicatorResult } from "../src/indicators/compute-indicators.ts";
import { INDICATOR_NAMES } from "../src/indicators/catalog.ts";
import { lineKeys, parseIndicators, type IndicatorSpec } from "../src/indicators/spec.ts";
import { TIMEFRAMES } from "../src/schema/index.ts";
import { dateOption, oneOf, parseCli, runCli } from "./lib/cli.ts";

const HELP = `Usage: tsx scripts/compute-indicators.ts --ticker T --region R --from YYYY-MM-DD --to YYYY-MM-DD --indicators "SPECS" [--timeframe 1d] [--json]

Computes bar indicators with backtrader's definitions and warm-up rules over one instrument's
stored bars and prints their values from --from to --to.

  --ticker T --region R  the instrument, e.g. --ticker 005930 --region KR
  --timeframe TF         ${TIMEFRAMES.join(", ")} (default 1d)
  --from D --to D        first and last date printed, inclusive
  --indicators "SPECS"   comma-separated, e.g. "sma(30),rsi(14),macd(12,26,9),bbands(20,2)"; one of
                         ${INDICATOR_NAMES.join(", ")};
                         left-out arguments take backtrader's defaults (rsi = rsi(14))
  --json                 print { series: { "<spec>.<line>": [[date, value], ...] } }
  --help                 show this help

Lines: "value" for single-line indicators; bbands(20,2).top/.mid/.bot, macd(12,26,9).macd/.signal/
.histo, stochastic(14,3,3).k/.d. Every stored bar before --from is read as warm-up, so a value at
--from is the one computed over the instrument's whole stored history; a line has no points before
its indicator's warm-up (backtrader's minperiod: sma(30) 30 bars, macd(12,26,9) 34) and one on
every bar after it.

Database: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database in
PGLITE_DIR (default ./data/pglite).
Exit codes: 0 done; 2 bad input (a flag, a spec, no bars in the range, no database).`;

const OPTIONS = {
  ticker: { type: "string" },
  region: { type: "string" },
  timeframe: { type: "string", default: "1d" },
  from: { type: "string" },
  to: { type: "string" },
  indicators: { type: "string" },
  json: { type: "boolean" },
} as const;

/** A value to read at a glance: six decimals, as many as any price or oscillator here needs. */
const formatValue = (value: number): string => value.toFixed(6);

function table(result: IndicatorResult, specs: readonly IndicatorSpec[], heading: string): string {
  const keys = specs.flatMap(lineKeys);
  const width = Math.max(...keys.map((key) => key.length));
  const lines = [heading];
  for (const spec of specs) {
    for (const key of lineKeys(spec)) {
      const points = result.series[key];
      const name = key.padEnd(width);
      if (points.length === 0) {
        lines.push(`${name}  no points: warm-up needs ${spec.definition.minPeriod(spec.args)} bars up to the last date`);
        continue;
      }
      const [last, value] = points[points.length - 1];
      lines.push(`${name}  ${String(points.length).padStart(6)} points  ${points[0][0]} … ${last}  last ${formatValue(value)}`);
    }
  }
  return lines.join("\n");
}

runCli(async () => {
  const values = parseCli(OPTIONS, HELP);
  if (!values) return;
  const required = (flag: "ticker" | "region" | "from" | "to" | "indicators"): string => {
    const value = values[flag]?.trim();
    if (value === undefined || value === "") throw new InputError(`--${flag} is required; see --help`);
    return value;
  };
  const ticker = required("ticker");
  const region = required("region");
  const from = dateOption(required("from"), "--from");
  const to = dateOption(required("to"), "--to");
  if (from > to) throw new InputError(`--from ${from} is after --to ${to}`);
  const timeframe = oneOf(values.timeframe, TIMEFRAMES, "--timeframe");
  const specs = parseIndicators(required("indicators"));
  const result = await withExistingDatabase((database) => computeIndicators(database, { ticker, region, timeframe, from, to, indicators: specs }));
  console.log(values.json ? JSON.stringify({ series: result.series }) : table(result, specs, `${ticker} (${region}) ${timeframe} bars, ${from} … ${to}`));
});
