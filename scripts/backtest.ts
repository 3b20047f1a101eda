/**
 * A strategy's backtest: `tsx scripts/backtest.ts --strategy equal-weight --region US --from D --to D`.
 *
 * The work is `runBacktest` (src/backtest/run-backtest.ts; its header and src/backtest/kernel/simulate.ts
 * state every execution rule); this file parses flags and prints. `--json` prints exactly one
 * document (src/backtest/report.ts): `{ runId?, strategy, params, from, to, instruments, initialCash,
 * finalValue, finalCash, metrics, trades, equity, … }`. Human output: the metrics table and a line on
 * trades and costs; notes, and on a terminal each step as it starts with the seconds elapsed, go
 * to stderr. Exit codes: 0 success, 2 bad input (one line on stderr,
 * nothing saved), 1 a bug.
 */
import { InputError } from "../src/errors.ts";
import { writeReport } from "../src/report/index.ts";
import { reportOption } from "./lib/report-flag.ts";
import { runBacktest, type BacktestRequest } from "../src/backtest/run-backtest.ts";
import { withExistingDatabase } from "../src/db/with-database.ts";
import type { BacktestReport } from "../src/backtest/report.ts";
import { strategyKinds } from "../src/backtest/strategies/index.ts";
import { BACKTEST_HELP, BACKTEST_OPTIONS, backtestOptions, parameters } from "./lib/backtest-flags.ts";
import { type CliValues, parseCli, runCli } from "./lib/cli.ts";

const KINDS = Object.values(strategyKinds);

const HELP = `Usage: tsx scripts/backtest.ts --strategy KIND [--param key=value ...] (--tickers A,B.KR | --region R | --universe FILE) --from YYYY-MM-DD --to YYYY-MM-DD [options]

Strategy
  --strategy KIND            ${KINDS.map((k) => k.kind).join(" | ")}
  --param key=value          a strategy parameter (repeatable):
${KINDS.map((k) => `                               ${k.kind}: ${k.parameters.map((p) => p.name).join(", ") || "none"}`).join("\n")}
  --rebalance S              daily | weekly | month-end | quarter-end | every-N (default: the strategy's, month-end)
  --drift-band B             trade a name only when |target − current weight| > B (e.g. 0.02)

${BACKTEST_HELP}

Output
  --benchmark TICKER.REGION  compare against this instrument's total return (alpha, beta, capture)
  --save                     record the run (strategies, backtest_results, transactions, holdings, equity)
  --name NAME                the strategy's name when saving (default: kind and parameters)
  --json                     print one JSON document
  --report FILE.html         also write the HTML report (charts and tables; opens from disk)
  --help                     show this help`;

const OPTIONS = {
  strategy: { type: "string" },
  param: { type: "string", multiple: true },
  ...BACKTEST_OPTIONS,
  benchmark: { type: "string" },
  save: { type: "boolean" },
  name: { type: "string" },
  json: { type: "boolean" },
  report: { type: "string" },
} as const;

type Flags = CliValues<typeof OPTIONS>;

runCli(async () => {
  const flags = parseCli(OPTIONS, HELP);
  if (!flags) return;
  const started = performance.now();
  // Steps on a terminal only, so piped stderr carries nothing but notes and errors.
  const progress = process.stderr.isTTY
    ? (step: string) => process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${step}\n`)
    : undefined;
  const backtest = request(flags);
  const reportFile = reportOption(flags.report);
  const run = await withExistingDatabase((database) => runBacktest({ ...backtest, progress, database }));
  const { report } = run;
  for (const note of report.notes) process.stderr.write(`note: ${note}\n`);
  if (report.runId !== undefined) process.stderr.write(`saved as backtest_results id ${report.runId}\n`);
  if (flags.json) console.log(JSON.stringify(report));
  else printSummary(report);
  if (reportFile !== undefined) process.stderr.write(`report written to ${await writeReport(run, reportFile)}\n`);
});

function request(flags: Flags): BacktestRequest {
  if (flags.strategy === undefined) throw new InputError(`missing --strategy; use one of ${KINDS.map((k) => k.kind).join(", ")}`);
  return {
    strategy: flags.strategy,
    params: parameters(flags.param ?? []),
    ...backtestOptions(flags),
    benchmark: flags.benchmark,
    save: flags.save,
    name: flags.name,
  };
}

const PERCENT = new Set(["totalReturn", "annualReturn", "annualVolatility", "maxDrawdown", "hitRate", "benchmarkReturn", "alpha", "costDrag", "valueAtRisk", "conditionalValueAtRisk"]);

function printSummary(report: BacktestReport): void {
  const params = Object.entries(report.params).map(([k, v]) => `${k}=${v}`).join(" ");
  console.log(`${report.strategy}${params ? ` ${params}` : ""}: ${report.instruments} instruments, ${report.from} .. ${report.to}${report.optimistic ? " (optimistic close fills)" : ""}`);
  console.log("");
  const names = Object.keys(report.metrics);
  const width = Math.max(...names.map((n) => n.length));
  for (const name of names) {
    const value = report.metrics[name];
    const text = value === null ? "n/a" : PERCENT.has(name) ? `${(value * 100).toFixed(2)}%` : Number.isInteger(value) ? String(value) : value.toFixed(4);
    console.log(`${name.padEnd(width)}  ${text.padStart(14)}`);
  }
  const buys = report.trades.filter((t) => t.side === "buy").length;
  const commission = report.metrics.commission ?? 0;
  const slippage = report.metrics.slippage ?? 0;
  console.log("");
  console.log(
    `${report.trades.length} trades (${buys} buys, ${report.trades.length - buys} sells); commission ${commission.toFixed(2)}, slippage ${slippage.toFixed(2)}; ` +
      `final value ${report.finalValue.toFixed(2)} from ${report.initialCash.toFixed(2)} (cash ${report.finalCash.toFixed(2)})`,
  );
}
