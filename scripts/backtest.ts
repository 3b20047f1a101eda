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
import { runBacktest, type BacktestRequest } from "../src/backtest/run-backtest.ts";
import type { BacktestReport } from "../src/backtest/report.ts";
import { strategyKinds } from "../src/backtest/strategies/index.ts";
import { type CliValues, numberOption, oneOf, parseCli, runCli } from "./lib/cli.ts";

const KINDS = Object.values(strategyKinds);

const HELP = `Usage: tsx scripts/backtest.ts --strategy KIND [--param key=value ...] (--tickers A,B.KR | --region R | --universe FILE) --from YYYY-MM-DD --to YYYY-MM-DD [options]

Strategy
  --strategy KIND            ${KINDS.map((k) => k.kind).join(" | ")}
  --param key=value          a strategy parameter (repeatable):
${KINDS.map((k) => `                               ${k.kind}: ${k.parameters.map((p) => p.name).join(", ") || "none"}`).join("\n")}
  --rebalance S              daily | weekly | month-end | quarter-end | every-N (default: the strategy's, month-end)
  --drift-band B             trade a name only when |target − current weight| > B (e.g. 0.02)

Universe and period
  --tickers A,B.KR           instruments (TICKER or TICKER.REGION; bare tickers take --region, default US)
  --region R                 every instrument of region R with bars in the range
  --asset-types STOCK,ETF    with --region: only these asset types
  --universe FILE            a file listing instruments (one or more per line, # comments)
  --from D --to D            first and last simulated day, YYYY-MM-DD

Execution
  --cash N                   starting cash (default 1000000)
  --fill next-open|close     fill at the next bar's open (default) or, optimistically, the deciding close
  --shares whole|fractional  default whole
  --price-basis raw|total    raw prices with splits and dividends applied (default), or total-return prices
  --allow-leverage           let cash go below zero
  --borrow-fee-bps N         annual fee on short positions (long-short strategies)

Costs
  --commission-bps N         commission in bps of traded value
  --commission-per-share N   commission per share
  --commission-min N         minimum commission per order
  --slippage-bps N           slippage in bps, against the trade
  --impact K                 square-root market impact k·σ·√(shares / ADV20)
  --max-participation P      at most P of a bar's volume per order (0 < P ≤ 1); the rest is cancelled

Output
  --benchmark TICKER.REGION  compare against this instrument's total return (alpha, beta, capture)
  --save                     record the run (strategies, backtest_results, transactions, holdings, equity)
  --name NAME                the strategy's name when saving (default: kind and parameters)
  --json                     print one JSON document
  --help                     show this help`;

const OPTIONS = {
  strategy: { type: "string" },
  param: { type: "string", multiple: true },
  rebalance: { type: "string" },
  "drift-band": { type: "string" },
  tickers: { type: "string" },
  region: { type: "string" },
  "asset-types": { type: "string" },
  universe: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  cash: { type: "string" },
  fill: { type: "string" },
  shares: { type: "string" },
  "price-basis": { type: "string" },
  "allow-leverage": { type: "boolean" },
  "borrow-fee-bps": { type: "string" },
  "commission-bps": { type: "string" },
  "commission-per-share": { type: "string" },
  "commission-min": { type: "string" },
  "slippage-bps": { type: "string" },
  impact: { type: "string" },
  "max-participation": { type: "string" },
  benchmark: { type: "string" },
  save: { type: "boolean" },
  name: { type: "string" },
  json: { type: "boolean" },
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
  const { report } = await runBacktest({ ...request(flags), progress });
  for (const note of report.notes) process.stderr.write(`note: ${note}\n`);
  if (report.runId !== undefined) process.stderr.write(`saved as backtest_results id ${report.runId}\n`);
  if (flags.json) console.log(JSON.stringify(report));
  else printSummary(report);
});

function request(flags: Flags): BacktestRequest {
  if (flags.strategy === undefined) throw new InputError(`missing --strategy; use one of ${KINDS.map((k) => k.kind).join(", ")}`);
  if (flags.from === undefined || flags.to === undefined) throw new InputError("--from YYYY-MM-DD and --to YYYY-MM-DD are required");
  return {
    strategy: flags.strategy,
    params: parameters(flags.param ?? []),
    tickers: flags.tickers,
    region: flags.region,
    assetTypes: flags["asset-types"]?.split(",").map((t) => t.trim()).filter((t) => t !== ""),
    universeFile: flags.universe,
    from: flags.from,
    to: flags.to,
    rebalance: flags.rebalance,
    driftBand: numberOption(flags["drift-band"], "--drift-band"),
    cash: numberOption(flags.cash, "--cash"),
    fill: flags.fill === undefined ? undefined : oneOf(flags.fill, ["next-open", "close"], "--fill"),
    shares: flags.shares === undefined ? undefined : oneOf(flags.shares, ["whole", "fractional"], "--shares"),
    priceBasis: flags["price-basis"] === undefined ? undefined : oneOf(flags["price-basis"], ["raw", "total"], "--price-basis"),
    allowLeverage: flags["allow-leverage"],
    borrowFeeBps: numberOption(flags["borrow-fee-bps"], "--borrow-fee-bps"),
    commissionBps: numberOption(flags["commission-bps"], "--commission-bps"),
    commissionPerShare: numberOption(flags["commission-per-share"], "--commission-per-share"),
    commissionMin: numberOption(flags["commission-min"], "--commission-min"),
    slippageBps: numberOption(flags["slippage-bps"], "--slippage-bps"),
    impactK: numberOption(flags.impact, "--impact"),
    maxParticipation: numberOption(flags["max-participation"], "--max-participation"),
    benchmark: flags.benchmark,
    save: flags.save,
    name: flags.name,
  };
}

/** `key=value` pairs; values stay text, the strategy's parameter specs type them. */
function parameters(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new InputError(`--param expects key=value, got "${pair}"`);
    const key = pair.slice(0, eq).trim();
    if (Object.hasOwn(out, key)) throw new InputError(`--param ${key} is given twice`);
    out[key] = pair.slice(eq + 1).trim();
  }
  return out;
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
