/**
 * Walk-forward optimisation: `tsx scripts/walk-forward.ts --strategy sma-cross --grid "fast=5,10"
 * --grid "slow=50,100" --train 504 --test 126 --region US --from D --to D`.
 *
 * The work is `runWalkForward` (src/walk-forward/run-walk-forward.ts states every rule); this file
 * parses flags and prints. `--json` prints exactly one document: `{ runId?, strategy, objective,
 * trials, folds: [...], oos: {...}, walkForwardEfficiency, parameterStability, deflatedSharpe, pbo,
 * instruments, notes }`, NaN as null. Human output: the fold table and the summary. Progress (on a
 * terminal) and notes go to stderr. Exit codes: 0 success, 2 bad input (one line, nothing saved), 1 a bug.
 */
import { runWalkForward, type WalkForwardReport, type WalkForwardRequest } from "../src/walk-forward/run-walk-forward.ts";
import { withExistingDatabase } from "../src/db/with-database.ts";
import { OBJECTIVES } from "../src/walk-forward/sweep.ts";
import { strategyKinds } from "../src/backtest/strategies/index.ts";
import { InputError } from "../src/errors.ts";
import { writeReport } from "../src/report/index.ts";
import { reportOption } from "./lib/report-flag.ts";
import { BACKTEST_HELP, BACKTEST_OPTIONS, backtestOptions, parameters } from "./lib/backtest-flags.ts";
import { type CliValues, integerOption, parseCli, runCli } from "./lib/cli.ts";

const KINDS = Object.values(strategyKinds);

const HELP = `Usage: tsx scripts/walk-forward.ts --strategy KIND --grid "key=v1,v2,…" [--grid …] --train DAYS --test DAYS (--tickers A,B.KR | --region R | --universe FILE) --from YYYY-MM-DD --to YYYY-MM-DD [options]

Trains on each window, tests the best parameter set on the next, and reports how much survives.

Search
  --strategy KIND            ${KINDS.map((k) => k.kind).join(" | ")}
  --grid "key=v1,v2,…"       values of one parameter to search (repeatable; grids multiply):
${KINDS.map((k) => `                               ${k.kind}: ${k.parameters.map((p) => p.name).join(", ") || "none"}`).join("\n")}
  --param key=value          a fixed parameter, not searched (repeatable)
  --random N --seed S        evaluate N sets drawn from the grid with seed S (default: all of it)
  --objective O              ${OBJECTIVES.join(" | ")} on the train window (default sharpe)
  --rebalance S              daily | weekly | month-end | quarter-end | every-N (default: the strategy's)
  --drift-band B             trade a name only when |target − current weight| > B

Folds (trading days of the universe)
  --train DAYS               train window length (the first one's, with --anchored)
  --test DAYS                test window length; the last may be shorter
  --step DAYS                from one test start to the next (default --test; never less)
  --gap DAYS                 days purged between train end and test start (default 0)
  --anchored                 train from the first day on, growing (default rolling)
  --partitions S             blocks of the PBO's cross-validation, even (default 16)

${BACKTEST_HELP}

Running
  --workers N                worker threads (default 1)
  --queue                    put the tasks on the server's job queue for scripts/worker.ts processes
                             (needs DATABASE_URL; start workers on any machine that reaches it)

Output
  --save                     record the run: strategies, backtest_results (the stitched out-of-sample
                             run), walk_forward_results (one row per fold), walk_forward_trials
  --name NAME                the strategy's name when saving (default: walk-forward KIND)
  --json                     print one JSON document
  --report FILE.html         also write the HTML report (charts and tables; opens from disk)
  --help                     show this help`;

const OPTIONS = {
  strategy: { type: "string" },
  grid: { type: "string", multiple: true },
  param: { type: "string", multiple: true },
  random: { type: "string" },
  seed: { type: "string" },
  objective: { type: "string" },
  train: { type: "string" },
  test: { type: "string" },
  step: { type: "string" },
  gap: { type: "string" },
  anchored: { type: "boolean" },
  partitions: { type: "string" },
  ...BACKTEST_OPTIONS,
  workers: { type: "string" },
  queue: { type: "boolean" },
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
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  let lastStep = "";
  // On a terminal only: each step once, and the task count redrawn in place.
  const progress = process.stderr.isTTY
    ? (step: string, done?: number, total?: number) => {
        if (done === undefined || total === undefined) return void process.stderr.write(`${seconds()} s  ${step}\n`);
        if (step !== lastStep) process.stderr.write(`${seconds()} s  ${step}\n`);
        lastStep = step;
        process.stderr.write(`\r${seconds()} s  ${done} / ${total} tasks${done === total ? "\n" : ""}`);
      }
    : undefined;
  const walkForward = request(flags);
  const reportFile = reportOption(flags.report);
  const run = await withExistingDatabase((database) => runWalkForward({ ...walkForward, progress, database }));
  const { report } = run;
  for (const note of report.notes) process.stderr.write(`note: ${note}\n`);
  if (report.runId !== undefined) process.stderr.write(`saved as backtest_results id ${report.runId}\n`);
  if (flags.json) console.log(JSON.stringify(report));
  else printReport(report);
  if (reportFile !== undefined) process.stderr.write(`report written to ${await writeReport(run, reportFile)}\n`);
});

function request(flags: Flags): WalkForwardRequest {
  if (flags.strategy === undefined) throw new InputError(`missing --strategy; use one of ${KINDS.map((k) => k.kind).join(", ")}`);
  if (flags.train === undefined || flags.test === undefined) throw new InputError("--train DAYS and --test DAYS are required (trading days)");
  return {
    strategy: flags.strategy,
    grid: flags.grid ?? [],
    params: parameters(flags.param ?? []),
    random: integerOption(flags.random, "--random", 1),
    seed: integerOption(flags.seed, "--seed", 0),
    objective: flags.objective,
    train: integerOption(flags.train, "--train", 1)!,
    test: integerOption(flags.test, "--test", 1)!,
    step: integerOption(flags.step, "--step", 1),
    gap: integerOption(flags.gap, "--gap", 0),
    anchored: flags.anchored,
    partitions: integerOption(flags.partitions, "--partitions", 2),
    ...backtestOptions(flags),
    workers: integerOption(flags.workers, "--workers", 1),
    queue: flags.queue,
    save: flags.save,
    name: flags.name,
  };
}

const percent = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : "n/a");
const ratio = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "n/a");

function printReport(report: WalkForwardReport): void {
  console.log(`${report.strategy}: ${report.trials} parameter sets × ${report.folds.length} folds over ${report.instruments} instruments, best ${report.objective} on each train window`);
  console.log("");
  const rows = report.folds.map((f) => [
    String(f.fold),
    `${f.trainStart}..${f.trainEnd}`,
    `${f.testStart}..${f.testEnd}`,
    Object.entries(f.params).map(([k, v]) => `${k}=${v}`).join(" "),
    ratio(f.isObjective),
    ratio(f.isMedianObjective),
    ratio(f.isSharpe),
    ratio(f.oosSharpe),
    percent(f.oosReturn),
    percent(f.oosBuyAndHoldReturn),
    ratio(f.overfittingRatio),
  ]);
  const header = ["fold", "train", "test", "params", `IS ${report.objective}`, "IS median", "IS Sharpe", "OOS Sharpe", "OOS return", "buy&hold", "OOS/IS"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, c) => (c <= 3 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "));
  const { oos, deflatedSharpe: dsr, pbo, parameterStability: stability } = report;
  console.log("");
  console.log(`out of sample ${oos.from}..${oos.to}: return ${percent(oos.totalReturn)} (annual ${percent(oos.annualReturn)}), Sharpe ${ratio(oos.sharpeRatio)} (t ${ratio(oos.tStat)}), max drawdown ${percent(oos.maxDrawdown)}`);
  console.log(`walk-forward efficiency ${ratio(report.walkForwardEfficiency)}; the choice changed ${stability.changes} times (rate ${ratio(stability.changeRate)})`);
  console.log(`deflated Sharpe ${ratio(dsr.dsr)} (per-day Sharpe ${ratio(dsr.sharpe)} against ${ratio(dsr.expectedMaxSharpe)} expected from ${dsr.trials} trials)`);
  console.log(`probability of backtest overfitting ${ratio(pbo.pbo)} over ${Number.isFinite(pbo.combinations) ? pbo.combinations : "no"} splits; P(OOS loss) ${ratio(pbo.probOosLoss)}`);
}
