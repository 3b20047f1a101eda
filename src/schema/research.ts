/**
 * Research results: strategies, backtests and their ledgers, walk-forward windows, optimizations.
 *
 * Returns and volatilities are decimals (0.12 = 12%) and annualised with 252 trading days unless a
 * column says otherwise; ledger money is `numeric` so sums reconcile to the cent.
 */
import { bigint, bigserial, boolean, index, integer, jsonb, numeric, pgTable, primaryKey, serial, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, day, float, instant } from "./columns.ts";

const money = (name: string) => numeric(name, { precision: 24, scale: 8, mode: "number" });

export const strategies = pgTable("strategies", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  /** The strategy kind that implements it, e.g. `factor-top` (src/backtest/strategies). */
  kind: text("kind"),
  description: text("description"),
  /** Composite weights by factor name, e.g. `{ "momentum_12_1": 0.5, "book_to_price": 0.5 }`. */
  factorWeights: jsonb("factor_weights").$type<Record<string, number>>().notNull().default({}),
  parameters: jsonb("parameters").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: instant("updated_at"),
});

export const backtestResults = pgTable(
  "backtest_results",
  {
    id: serial("id").primaryKey(),
    strategyId: integer("strategy_id").references(() => strategies.id, { onDelete: "cascade" }),
    startDate: day("start_date").notNull(),
    endDate: day("end_date").notNull(),
    initialCapital: money("initial_capital").notNull(),
    finalValue: money("final_value"),
    totalReturn: float("total_return"),
    annualReturn: float("annual_return"),
    annualVolatility: float("annual_volatility"),
    sharpe: float("sharpe"),
    sortino: float("sortino"),
    maxDrawdown: float("max_drawdown"),
    calmar: float("calmar"),
    winRate: float("win_rate"),
    turnover: float("turnover"),
    tradeCount: integer("trade_count"),
    /** Every metric the engine reports (the columns above repeat the common ones for SQL). */
    metrics: jsonb("metrics").$type<Record<string, unknown>>().notNull().default({}),
    /** Legacy: the curve as `[[date, value], …]`; backtests now write `backtest_equity`. */
    equityCurve: jsonb("equity_curve").$type<Array<[string, number]>>(),
    parameters: jsonb("parameters").$type<Record<string, unknown>>().notNull().default({}),
    /** The strategy kind that ran (the strategy's `kind` may change later; the run's does not). */
    strategyKind: text("strategy_kind"),
    /** Everything that determines the run, as given after defaults, so it can be repeated. */
    config: jsonb("config").$type<Record<string, unknown>>(),
    /** Instruments in the universe. */
    instruments: integer("instruments"),
    finalCash: money("final_cash"),
    /** True when fills were on the deciding close (optimistic). */
    optimistic: boolean("optimistic"),
    /** The bars read (warm-up included): first and last date, number of rows. */
    dataFrom: day("data_from"),
    dataTo: day("data_to"),
    rowsRead: integer("rows_read"),
    /** Package version and, when known, git commit of the code that ran. */
    codeVersion: text("code_version"),
    /** Things the user should know about the run (cancelled shares, delistings, …). */
    notes: jsonb("notes").$type<string[]>(),
    createdAt: createdAt(),
  },
  (t) => [index("backtest_results_strategy_idx").on(t.strategyId)],
);

/** A backtest's daily equity curve: one row per trading day of the run. */
export const backtestEquity = pgTable(
  "backtest_equity",
  {
    backtestId: integer("backtest_id")
      .notNull()
      .references(() => backtestResults.id, { onDelete: "cascade" }),
    date: day("date").notNull(),
    value: float("value").notNull(),
    cash: float("cash").notNull(),
    /** Σ |position value| ÷ value, and Σ position value ÷ value. */
    grossExposure: float("gross_exposure").notNull(),
    netExposure: float("net_exposure").notNull(),
  },
  (t) => [primaryKey({ columns: [t.backtestId, t.date] })],
);

/**
 * Positions: a backtest's holdings by date, or a live book (`portfolio` names it, e.g. `spock`).
 */
export const portfolioHoldings = pgTable(
  "portfolio_holdings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    portfolio: text("portfolio").notNull(),
    backtestId: integer("backtest_id").references(() => backtestResults.id, { onDelete: "cascade" }),
    ticker: text("ticker").notNull(),
    region: text("region").notNull(),
    asOfDate: day("as_of_date").notNull(),
    quantity: float("quantity").notNull(),
    avgPrice: money("avg_price"),
    currentPrice: float("current_price"),
    marketValue: money("market_value"),
    unrealizedPnl: money("unrealized_pnl"),
    unrealizedPnlPct: float("unrealized_pnl_pct"),
    weight: float("weight"),
    stopLossPrice: float("stop_loss_price"),
    profitTargetPrice: float("profit_target_price"),
    entryDate: day("entry_date"),
    entryScore: float("entry_score"),
    updatedAt: instant("updated_at"),
  },
  (t) => [
    uniqueIndex("portfolio_holdings_key").on(t.portfolio, t.ticker, t.region, t.asOfDate),
    // A run's ledger is read in order and deleted with the run (the cascade looks rows up by it).
    index("portfolio_holdings_backtest_idx").on(t.backtestId, t.id),
  ],
);

export const portfolioTransactions = pgTable(
  "portfolio_transactions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    portfolio: text("portfolio").notNull(),
    backtestId: integer("backtest_id").references(() => backtestResults.id, { onDelete: "cascade" }),
    /** Identity of the row in its source (`spock:trades:42`), so reloading a ledger is idempotent. */
    sourceKey: text("source_key").unique(),
    ticker: text("ticker").notNull(),
    region: text("region").notNull(),
    side: text("side").notNull().$type<"BUY" | "SELL">(),
    orderType: text("order_type"),
    quantity: float("quantity").notNull(),
    price: money("price").notNull(),
    amount: money("amount").notNull(),
    fee: money("fee"),
    tax: money("tax"),
    /** Slippage and market impact paid, in currency (backtests; the price already includes it). */
    slippage: money("slippage"),
    entryPrice: money("entry_price"),
    exitPrice: money("exit_price"),
    orderNo: text("order_no"),
    executionNo: text("execution_no"),
    status: text("status"),
    sector: text("sector"),
    positionSizePct: float("position_size_pct"),
    reason: text("reason"),
    orderedAt: instant("ordered_at").notNull(),
    executedAt: instant("executed_at"),
    entryAt: instant("entry_at"),
    exitAt: instant("exit_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("portfolio_transactions_ticker_idx").on(t.ticker, t.region, t.orderedAt),
    index("portfolio_transactions_backtest_idx").on(t.backtestId, t.id),
  ],
);

export const walkForwardResults = pgTable(
  "walk_forward_results",
  {
    id: serial("id").primaryKey(),
    strategyId: integer("strategy_id").references(() => strategies.id, { onDelete: "cascade" }),
    windowIndex: integer("window_index").notNull(),
    trainStart: day("train_start").notNull(),
    trainEnd: day("train_end").notNull(),
    testStart: day("test_start").notNull(),
    testEnd: day("test_end").notNull(),
    parameters: jsonb("parameters").$type<Record<string, unknown>>().notNull().default({}),
    inSampleSharpe: float("in_sample_sharpe"),
    outOfSampleSharpe: float("out_of_sample_sharpe"),
    inSampleReturn: float("in_sample_return"),
    outOfSampleReturn: float("out_of_sample_return"),
    metrics: jsonb("metrics").$type<Record<string, unknown>>().notNull().default({}),
    /** The walk-forward run this fold belongs to: its stitched out-of-sample backtest. */
    backtestId: integer("backtest_id").references(() => backtestResults.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("walk_forward_results_strategy_idx").on(t.strategyId, t.windowIndex), index("walk_forward_results_backtest_idx").on(t.backtestId, t.windowIndex)],
);

/**
 * Every trial of a walk-forward search, so its overfitting statistics (PSR, DSR, PBO) can be
 * recomputed later: the parameter set's scores on the fold's train window, and its daily returns on
 * the fold's test window (the columns of the PBO's trials × days matrix).
 */
export const walkForwardTrials = pgTable(
  "walk_forward_trials",
  {
    backtestId: integer("backtest_id")
      .notNull()
      .references(() => backtestResults.id, { onDelete: "cascade" }),
    windowIndex: integer("window_index").notNull(),
    /** The parameter set's index in grid order. */
    trial: integer("trial").notNull(),
    parameters: jsonb("parameters").$type<Record<string, unknown>>().notNull(),
    inSampleObjective: float("in_sample_objective"),
    inSampleSharpe: float("in_sample_sharpe"),
    inSampleReturn: float("in_sample_return"),
    outOfSampleSharpe: float("out_of_sample_sharpe"),
    outOfSampleReturn: float("out_of_sample_return"),
    /** Daily simple returns over the test window (NaN stored as NULL). */
    outOfSampleReturns: float("out_of_sample_returns").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.backtestId, t.windowIndex, t.trial] })],
);

/**
 * Sweeps handed to a job queue (`--queue`): the plan every worker reads once, and each task's result
 * as workers finish it, so the coordinator (or a later one) assembles the run from the table.
 */
export const walkForwardSweeps = pgTable("walk_forward_sweeps", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  plan: jsonb("plan").$type<Record<string, unknown>>().notNull(),
  tasks: integer("tasks").notNull(),
  createdAt: createdAt(),
});

export const walkForwardTaskResults = pgTable(
  "walk_forward_task_results",
  {
    sweepId: bigint("sweep_id", { mode: "number" })
      .notNull()
      .references(() => walkForwardSweeps.id, { onDelete: "cascade" }),
    windowIndex: integer("window_index").notNull(),
    trial: integer("trial").notNull(),
    result: jsonb("result").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.sweepId, t.windowIndex, t.trial] })],
);

export const optimizationHistory = pgTable("optimization_history", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  strategyId: integer("strategy_id").references(() => strategies.id, { onDelete: "set null" }),
  method: text("method").notNull(),
  returnsModel: text("returns_model"),
  riskModel: text("risk_model"),
  tickers: text("tickers").array().notNull(),
  fromDate: day("from_date"),
  toDate: day("to_date"),
  parameters: jsonb("parameters").$type<Record<string, unknown>>().notNull().default({}),
  weights: jsonb("weights").$type<Record<string, number>>().notNull(),
  expectedReturn: float("expected_return"),
  volatility: float("volatility"),
  sharpe: float("sharpe"),
  createdAt: createdAt(),
});

