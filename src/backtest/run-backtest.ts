/**
 * A backtest in one call, the one `scripts/backtest.ts` makes and a REPL user types:
 * check the request → resolve the universe → load the market with the strategy's warm-up → the
 * strategy's target plan → simulate → metrics → report, and with `save` record it all.
 *
 * Defaults: cash 1,000,000; fill next-open; whole shares; raw prices with corporate actions; no costs;
 * the strategy kind's default schedule (month-end unless it says otherwise); no leverage.
 * Warm-up: the kind's lookback in trading days, plus 21 when market impact needs σ and ADV20.
 * Every check on the request happens before the database is touched, and the run is saved only
 * after it completed, in one transaction: bad input leaves nothing behind. Bad input is an
 * InputError whose message names the option (the script's flags carry the same names).
 */
import type { Database, Session } from "../db/index.ts";
import { withDatabase } from "../db/with-database.ts";
import { InputError } from "../errors.ts";
import { parseInstruments } from "../optimize/run-optimization.ts";
import { repositories } from "../repositories/index.ts";
import { adjustedBars } from "../repositories/adjusted-prices.ts";
import { isIsoDate } from "../util/dates.ts";
import { codeVersion } from "../util/code-version.ts";
import { buildReport } from "./build-report.ts";
import { checkCostModel, type CostModel } from "./costs/index.ts";
import { simulate } from "./kernel/simulate.ts";
import { IMPACT_WINDOW } from "./kernel/trailing-stats.ts";
import { loadMarket } from "./market/load-market.ts";
import { loadScores } from "./market/load-scores.ts";
import { resolveUniverse, type UniverseSpec } from "./market/universe.ts";
import type { BacktestConfig, BacktestReport } from "./report.ts";
import { dailyReturns, runMetrics } from "./run-metrics.ts";
import { decisionRows, parseSchedule } from "./schedule.ts";
import { resolveParameters, strategyKind, type ParameterValue, type StrategyKind, type StrategyParameters } from "./strategies/index.ts";
import type { FillTiming, Market, SimulationResult, TargetPlan } from "./types.ts";
import type { Panel } from "../panel/index.ts";

export interface BacktestRequest extends UniverseSpec {
  /** A built-in kind's name (buy-and-hold, equal-weight, factor-top, optimizer, sma-cross) or your own StrategyKind. */
  readonly strategy: string | StrategyKind;
  readonly params?: Readonly<Record<string, ParameterValue>>;
  readonly from: string;
  readonly to: string;
  /** daily, weekly, month-end, quarter-end or every-N. */
  readonly rebalance?: string;
  /** Trade a name only when |target − current weight| exceeds this; default 0. */
  readonly driftBand?: number;
  readonly cash?: number;
  readonly fill?: FillTiming;
  readonly shares?: "whole" | "fractional";
  readonly priceBasis?: "raw" | "total";
  readonly commissionBps?: number;
  readonly commissionPerShare?: number;
  readonly commissionMin?: number;
  readonly slippageBps?: number;
  readonly impactK?: number;
  readonly maxParticipation?: number;
  readonly borrowFeeBps?: number;
  readonly allowLeverage?: boolean;
  /** `TICKER.REGION` (or `TICKER`, US) whose total return the metrics compare against. */
  readonly benchmark?: string;
  /** Record the run; the strategy is stored under `name` (default: the kind and its parameters). */
  readonly save?: boolean;
  readonly name?: string;
  /** Default: the configured database (DATABASE_URL, else PGLITE_DIR), opened for the call. */
  readonly database?: Database;
  /** Told each step as it starts (resolving the universe, loading bars, …), for progress output. */
  readonly progress?: (step: string) => void;
}

export interface BacktestRun {
  readonly report: BacktestReport;
  /** The grid the kernel ran on and its raw output, for inspection. */
  readonly market: Market;
  readonly simulation: SimulationResult;
  /** The benchmark's daily total returns, one per equity point (NaN where it has no bar), when given one. */
  readonly benchmarkReturns?: Float64Array;
}

/** A request whose every option was checked and completed with defaults. */
export interface CheckedRequest {
  readonly kind: StrategyKind;
  readonly params: StrategyParameters;
  readonly config: BacktestConfig;
  readonly costs: CostModel;
}

export async function runBacktest(request: BacktestRequest): Promise<BacktestRun> {
  const checked = checkBacktestRequest(request);
  return withDatabase((database) => runChecked(database, checked, request), request.database);
}

async function runChecked(database: Database, checked: CheckedRequest, request: BacktestRequest): Promise<BacktestRun> {
  const { kind, params } = checked;
  const step = request.progress ?? (() => undefined);
  step("resolving the universe");
  const instruments = await resolveUniverse(database, request, checked.config.from, checked.config.to);
  // A universe file is recorded by what it listed, so the stored configuration repeats the run.
  const config = request.universeFile === undefined ? checked.config : { ...checked.config, universe: { tickers: instruments.map((k) => `${k.ticker}.${k.region}`) } };
  const warmUp = warmUpDays(checked);
  step(`loading the bars of ${instruments.length} instruments`);
  const { market, nextDate, rowsRead } = await loadMarket(database, instruments, { from: config.from, to: config.to, warmUp, priceBasis: config.priceBasis });
  const weights = kind.factorWeights?.(params);
  if (weights !== undefined) step(`loading the scores of ${Object.keys(weights).join(", ")}`);
  const scores = weights === undefined ? undefined : await loadScores(database, market, weights);
  step(`deciding and simulating ${market.dates.length - market.startRow} days`);
  const { plan, simulation } = simulateStrategy({ market, nextDate, scores }, checked);
  const benchmark = config.benchmark === null ? undefined : await benchmarkReturns(database, config.benchmark, market);
  const metrics = runMetrics(market, simulation, config.initialCash, config.shares === "fractional", benchmark);
  let report = buildReport({ market, result: simulation, metrics, config, params, rowsRead, codeVersion: codeVersion(), notes: plan.notes ?? [] });
  if (request.save) {
    step(`saving ${report.trades.length} trades and ${report.equity.length} equity points`);
    const runId = await repositories(database).research.saveBacktestReport(report, { name: request.name ?? strategyName(kind, params), kind: kind.kind, params });
    report = { runId, ...report };
  }
  return { report, market, simulation, ...(benchmark === undefined ? {} : { benchmarkReturns: benchmark }) };
}

/** What a loaded range gives the strategy: the grid, the date after it (for schedules), the scores. */
export interface StrategyData {
  readonly market: Market;
  readonly nextDate: string | null;
  readonly scores?: Panel;
}

/**
 * Decide on the schedule's rows and simulate: the whole run after loading, pure (the walk-forward runs
 * it on windows cut from one loaded grid, so each fold is this same computation).
 */
export function simulateStrategy(data: StrategyData, checked: CheckedRequest): { plan: TargetPlan; simulation: SimulationResult } {
  const { kind, params, config, costs } = checked;
  const { market, nextDate, scores } = data;
  const rows = decisionRows(market.dates, market.startRow, parseSchedule(config.rebalance), nextDate);
  const plan = kind.targets({ market, decisionRows: rows, scores }, params);
  if (plan.kind === "shares" && config.driftBand > 0) {
    throw new InputError(`--drift-band compares weights, but ${kind.kind} with these parameters targets share counts; drop --drift-band`);
  }
  const simulation = simulate(market, plan, {
    initialCash: config.initialCash,
    fill: config.fill,
    fractional: config.shares === "fractional",
    allowShort: kind.allowShort(params),
    allowLeverage: config.allowLeverage,
    borrowFeeBps: config.borrowFeeBps,
    driftBand: config.driftBand,
    costs,
  });
  return { plan, simulation };
}

/** The warm-up a run of these parameters loads: the kind's lookback, plus σ/ADV20's window with impact. */
export function warmUpDays(checked: CheckedRequest): number {
  return checked.kind.lookback(checked.params) + (checked.costs.impactK === undefined ? 0 : IMPACT_WINDOW + 1);
}

/** `factor-top n=50 factor=momentum_12_1`: the kind and its parameters, sorted by name. */
export function strategyName(kind: StrategyKind, params: StrategyParameters): string {
  const parts = Object.keys(params).sort().map((name) => `${name}=${params[name]}`);
  return [kind.kind, ...parts].join(" ");
}

export function checkBacktestRequest(request: BacktestRequest): CheckedRequest {
  const kind = typeof request.strategy === "string" ? strategyKind(request.strategy) : request.strategy;
  const params = resolveParameters(kind, request.params ?? {});
  for (const [flag, value] of [["--from", request.from], ["--to", request.to]] as const) {
    if (value === undefined) throw new InputError(`${flag} YYYY-MM-DD is required`);
    if (!isIsoDate(value)) throw new InputError(`${flag} expects a date YYYY-MM-DD, got "${value}"`);
  }
  if (request.from > request.to) throw new InputError(`--from ${request.from} is after --to ${request.to}; swap them`);
  const rebalance = request.rebalance ?? kind.defaultRebalance ?? "month-end";
  parseSchedule(rebalance);
  const cash = request.cash ?? 1_000_000;
  if (!(Number.isFinite(cash) && cash > 0)) throw new InputError(`--cash must be a positive amount (got ${cash})`);
  const driftBand = request.driftBand ?? 0;
  if (!(driftBand >= 0 && driftBand < 1)) throw new InputError(`--drift-band must be a weight difference in [0, 1) (got ${driftBand})`);
  const fill = request.fill ?? "next-open";
  if (fill !== "next-open" && fill !== "close") throw new InputError(`--fill must be next-open or close (got "${fill}")`);
  const shares = request.shares ?? "whole";
  if (shares !== "whole" && shares !== "fractional") throw new InputError(`--shares must be whole or fractional (got "${shares}")`);
  const priceBasis = request.priceBasis ?? "raw";
  if (priceBasis !== "raw" && priceBasis !== "total") throw new InputError(`--price-basis must be raw or total (got "${priceBasis}")`);
  const borrowFeeBps = request.borrowFeeBps ?? 0;
  if (!(Number.isFinite(borrowFeeBps) && borrowFeeBps >= 0)) throw new InputError(`--borrow-fee-bps must be a number ≥ 0 (got ${borrowFeeBps})`);
  if (borrowFeeBps > 0 && !kind.allowShort(params)) {
    throw new InputError(`--borrow-fee-bps applies to short positions, which ${kind.kind} with these parameters never holds; drop it or use long-short=true`);
  }
  const costs = checkCostModel({
    slippageBps: request.slippageBps ?? 0,
    commissionBps: request.commissionBps ?? 0,
    commissionPerShare: request.commissionPerShare ?? 0,
    commissionMin: request.commissionMin ?? 0,
    impactK: request.impactK,
    maxParticipation: request.maxParticipation,
  });
  if (request.benchmark !== undefined && parseInstruments(request.benchmark, "US").length !== 1) {
    throw new InputError(`--benchmark takes one instrument, TICKER.REGION (got "${request.benchmark}")`);
  }
  const config: BacktestConfig = {
    strategy: kind.kind,
    params,
    universe: {
      ...(request.tickers !== undefined ? { tickers: parseInstruments(request.tickers, request.region ?? "US").map((k) => `${k.ticker}.${k.region}`) } : {}),
      ...(request.region !== undefined ? { region: request.region } : {}),
      ...(request.assetTypes !== undefined ? { assetTypes: [...request.assetTypes] } : {}),
    },
    from: request.from,
    to: request.to,
    rebalance,
    driftBand,
    initialCash: cash,
    fill,
    shares,
    priceBasis,
    commissionBps: costs.commissionBps,
    commissionPerShare: costs.commissionPerShare,
    commissionMin: costs.commissionMin,
    slippageBps: costs.slippageBps,
    impactK: costs.impactK ?? null,
    maxParticipation: costs.maxParticipation ?? null,
    borrowFeeBps,
    allowLeverage: request.allowLeverage ?? false,
    benchmark: request.benchmark ?? null,
  };
  return { kind, params, config, costs };
}

/** The benchmark's daily total returns on the simulated rows (NaN where it has no bar). */
async function benchmarkReturns(session: Session, benchmark: string, market: Market): Promise<Float64Array> {
  const [{ ticker, region }] = parseInstruments(benchmark, "US");
  const first = market.dates[Math.max(0, market.startRow - 1)];
  const last = market.dates[market.dates.length - 1];
  const bars = await adjustedBars(session, ticker, region, first, last, { asOf: last, mode: "total" });
  if (bars.length === 0) throw new InputError(`benchmark ${ticker}.${region} has no daily bars in ${first}..${last}; import them or choose another`);
  const closeOn = new Map(bars.map((b) => [b.date, b.close]));
  const closes = new Float64Array(market.dates.length - market.startRow);
  for (let k = 0; k < closes.length; k++) closes[k] = closeOn.get(market.dates[market.startRow + k]) ?? NaN;
  const before = market.startRow > 0 ? closeOn.get(market.dates[market.startRow - 1]) ?? NaN : NaN;
  return dailyReturns(closes, before);
}
