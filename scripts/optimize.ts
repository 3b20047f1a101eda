/**
 * Portfolio weights from a price history: `tsx scripts/optimize.ts --prices FILE.csv --method max-sharpe`.
 *
 * Conventions are PyPortfolioOpt's (daily simple returns, 252 periods a year, annualised μ and Σ,
 * Sharpe = (return − rf) / volatility); see src/optimize. The work is `runOptimization`
 * (src/optimize/run-optimization.ts); this file parses flags and prints. `--json` prints exactly one document
 * `{ "weights": {...}, "performance": { "expectedReturn", "volatility", "sharpe" } }` (plus
 * "allocation" with `--allocate`); warnings and notes go to stderr. Exit codes: 0 success,
 * 2 bad input or an infeasible request (one line on stderr), 1 a bug.
 */
import { type CliValues, numberOption as optionalNumber, numberValue as number, oneOf, parseCli, runCli } from "./lib/cli.ts";
import {
  METHODS,
  RETURN_MODELS,
  RISK_MODELS,
  type Method,
  type OptimizeOptions,
  type ReturnModel,
  type RiskModel,
} from "../src/optimize/index.ts";
import { type OptimizationRun, runOptimization } from "../src/optimize/run-optimization.ts";
import { weightsByTicker } from "../src/optimize/weights-by-ticker.ts";
import { InputError } from "../src/errors.ts";
import { writeReport } from "../src/report/index.ts";
import { reportOption } from "./lib/report-flag.ts";
import { withExistingDatabase } from "../src/db/with-database.ts";

const HELP = `Usage: tsx scripts/optimize.ts (--prices FILE.csv | --tickers A,B,... --from YYYY-MM-DD --to YYYY-MM-DD) --method METHOD [options]

Prices
  --prices FILE.csv          first column dates (YYYY-MM-DD), one column of prices per ticker, empty = missing
  --tickers A,B,...          instruments from the database (TICKER or TICKER.REGION), with --from and --to
  --region R                 region of tickers given without one (default US)
  --price-field F            adj_close (default) or close, for --tickers

Method
  --method M                 ${METHODS.join(" | ")}
  --returns R                expected returns: ${RETURN_MODELS.join(" | ")} (default cagr)
  --cov C                    risk model: ${RISK_MODELS.join(" | ")} (default sample)
  --risk-free R              annual risk-free rate (default 0)
  --target-volatility V      for efficient-risk (annual, e.g. 0.15)
  --target-return R          for efficient-return (annual, e.g. 0.2)
  --risk-aversion D          for max-quadratic-utility (default 1)
  --linkage L                for hrp: single (default) | ward
  --benchmark TICKER         CAPM market: a column of the prices, left out of the universe

Constraints (mean-variance methods)
  --bounds LO,HI             per-asset weight bounds (default 0,1; shorts e.g. --bounds -1,1)
  --market-neutral           weights sum to 0 instead of 1 (needs a negative lower bound)
  --l2 GAMMA                 L2 regularisation gamma·||w||²

Output
  --allocate VALUE           also allocate VALUE into whole shares at the latest prices
  --json                     print one JSON document
  --report FILE.html         also write the HTML report (charts and tables; opens from disk)
  --save                     record the result in optimization_history (DATABASE_URL or PGLITE_DIR)
  --help                     show this help`;

const OPTIONS = {
  prices: { type: "string" },
  tickers: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  region: { type: "string" },
  "price-field": { type: "string" },
  method: { type: "string" },
  returns: { type: "string" },
  cov: { type: "string" },
  "risk-free": { type: "string" },
  "target-volatility": { type: "string" },
  "target-return": { type: "string" },
  "risk-aversion": { type: "string" },
  linkage: { type: "string" },
  benchmark: { type: "string" },
  bounds: { type: "string" },
  l2: { type: "string" },
  "market-neutral": { type: "boolean" },
  allocate: { type: "string" },
  json: { type: "boolean" },
  save: { type: "boolean" },
  report: { type: "string" },
} as const;

type Flags = CliValues<typeof OPTIONS>;

runCli(async () => {
  const flags = parseCli(OPTIONS, HELP);
  if (!flags) return;
  const request = {
    ...optimizeOptions(flags),
    prices: flags.prices,
    tickers: flags.tickers,
    from: flags.from,
    to: flags.to,
    region: flags.region,
    priceField: flags["price-field"] as "adj_close" | "close" | undefined, // checked by runOptimization
    allocate: optionalNumber(flags.allocate, "--allocate"),
    save: flags.save,
  };
  const reportFile = reportOption(flags.report);
  // Prices from stored bars need a database that exists; a CSV (even with --save) does not.
  const run = flags.tickers === undefined ? await runOptimization(request) : await withExistingDatabase((database) => runOptimization({ ...request, database }));
  for (const warning of run.result.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (run.saved) process.stderr.write(`saved as optimization_history id ${run.saved.id}\n`);
  if (flags.json) printJson(run);
  else printTable(run);
  if (reportFile !== undefined) process.stderr.write(`report written to ${await writeReport(run, reportFile, { riskFreeRate: request.riskFreeRate, linkage: request.linkage })}\n`);
});

function optimizeOptions(flags: Flags): OptimizeOptions {
  if (flags.method === undefined) throw new InputError(`missing --method; use one of ${METHODS.join(", ")}`);
  const method = oneOf(flags.method, METHODS, "--method") as Method;
  const returns = flags.returns === undefined ? undefined : (oneOf(flags.returns, RETURN_MODELS, "--returns") as ReturnModel);
  const risk = flags.cov === undefined ? undefined : (oneOf(flags.cov, RISK_MODELS, "--cov") as RiskModel);
  const linkage = flags.linkage === undefined ? undefined : (oneOf(flags.linkage, ["single", "ward"], "--linkage") as "single" | "ward");
  if (method === "efficient-risk" && flags["target-volatility"] === undefined) throw new InputError("efficient-risk needs --target-volatility, e.g. 0.15");
  if (method === "efficient-return" && flags["target-return"] === undefined) throw new InputError("efficient-return needs --target-return, e.g. 0.2");
  let bounds: [number, number] | undefined;
  if (flags.bounds !== undefined) {
    const parts = flags.bounds.split(",");
    if (parts.length !== 2) throw new InputError(`--bounds expects LO,HI (e.g. 0,0.2), got "${flags.bounds}"`);
    bounds = [number(parts[0], "--bounds lower"), number(parts[1], "--bounds upper")];
  }
  const l2Gamma = optionalNumber(flags.l2, "--l2");
  const marketNeutral = flags["market-neutral"];
  const constraints = bounds !== undefined || l2Gamma !== undefined || marketNeutral ? { bounds, l2Gamma, marketNeutral } : undefined;
  return {
    method,
    returns,
    risk,
    riskFreeRate: optionalNumber(flags["risk-free"], "--risk-free"),
    targetVolatility: optionalNumber(flags["target-volatility"], "--target-volatility"),
    targetReturn: optionalNumber(flags["target-return"], "--target-return"),
    riskAversion: optionalNumber(flags["risk-aversion"], "--risk-aversion"),
    linkage,
    benchmark: flags.benchmark,
    constraints,
  };
}

function printJson({ result, allocation }: OptimizationRun): void {
  const { expectedReturn, volatility, sharpe } = result.performance;
  const document: Record<string, unknown> = { weights: weightsByTicker(result), performance: { expectedReturn, volatility, sharpe: sharpe ?? null } };
  if (allocation) document.allocation = allocation;
  console.log(JSON.stringify(document));
}

function printTable({ result, allocation }: OptimizationRun): void {
  const rows = result.tickers.map((ticker, i) => [ticker, result.weights[i]] as const).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const width = Math.max(6, ...rows.map(([t]) => t.length));
  console.log(`${"ticker".padEnd(width)}  weight`);
  for (const [ticker, weight] of rows) console.log(`${ticker.padEnd(width)}  ${(weight * 100).toFixed(2).padStart(7)}%`);
  const { expectedReturn, volatility, sharpe } = result.performance;
  console.log("");
  console.log(`Expected annual return: ${(expectedReturn * 100).toFixed(2)}%`);
  console.log(`Annual volatility:      ${(volatility * 100).toFixed(2)}%`);
  console.log(`Sharpe ratio:           ${sharpe === undefined ? "n/a (zero volatility)" : sharpe.toFixed(3)}`);
  if (allocation) {
    console.log("");
    console.log(`Shares: ${Object.entries(allocation.shares).map(([t, s]) => `${t} ${s}`).join(", ")}; cash left ${allocation.leftover.toFixed(2)}`);
  }
}
