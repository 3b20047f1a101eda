/**
 * Stored backtest runs: a BacktestReport written across the research tables and read back identical.
 *
 * Layout of run N: its `strategies` row (upserted by name: kind and latest parameters), one
 * `backtest_results` row (period, capital, metrics, configuration, data range, code version, notes;
 * the common metrics also as columns for SQL), its fills in `portfolio_transactions` and positions in
 * `portfolio_holdings` under the portfolio `backtest:N` (each tied by `backtest_id`, deleted with the
 * run), and its daily curve in `backtest_equity`.
 *
 * Conventions: a trade's date is stored as `ordered_at = executed_at = date 00:00Z`; `fee` is the
 * commission and `slippage` the slippage plus impact; `amount` = shares × price. The ledger keeps the
 * report's order (read back by id). Metrics keep ±Infinity in their jsonb as the strings "Infinity" /
 * "-Infinity" (JSON has no such numbers); the metric columns hold only finite values (else null) so
 * SQL aggregates over runs stay meaningful. Everything is written in one transaction, the ledger and
 * curve through the bulk path: a failure anywhere leaves nothing of the run.
 */
import { asc, eq } from "drizzle-orm";
import type { BacktestConfig, BacktestEquityPoint, BacktestHolding, BacktestReport, BacktestTrade } from "../backtest/report.ts";
import type { StrategyParameters } from "../backtest/strategies/types.ts";
import type { Session } from "../db/index.ts";
import { PlatformError } from "../errors.ts";
import { backtestEquity, backtestResults, portfolioHoldings, portfolioTransactions, strategies } from "../schema/index.ts";

/** The strategy a run is filed under: its name (unique), kind and parameters. */
export interface BacktestStrategy {
  readonly name: string;
  readonly kind: string;
  readonly params: StrategyParameters;
}

/** One line of the list of stored runs. */
export interface BacktestRunSummary {
  readonly id: number;
  readonly strategy: string;
  readonly from: string;
  readonly to: string;
  readonly finalValue: number | null;
  readonly sharpe: number | null;
  readonly createdAt: Date;
}

type Metrics = BacktestReport["metrics"];

const portfolioOf = (runId: number) => `backtest:${runId}`;
const midnightUtc = (date: string) => new Date(`${date}T00:00:00Z`);
const finiteOrNull = (value: number | null | undefined) => (value !== null && value !== undefined && Number.isFinite(value) ? value : null);

function encodeMetrics(metrics: Metrics): Record<string, number | string | null> {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, v === null || Number.isFinite(v) ? v : String(v)]));
}

function decodeMetrics(stored: Record<string, unknown>): Metrics {
  return Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, typeof v === "string" ? Number(v) : (v as number | null)]));
}

/** A column every run saved as a report has; null means the row was written some other way. */
function present<T>(value: T | null, runId: number, column: string): T {
  if (value === null) {
    throw new PlatformError("not-a-report", `backtest ${runId} was stored without a report (its ${column} is empty): read its row with research.backtests(strategyId)`, {
      context: { runId, column },
    });
  }
  return value;
}

export function backtestRunsRepository(session: Session) {
  const { db } = session;
  return {
    /** Store a run and everything in its report in one transaction; returns the run id. */
    saveBacktestReport(report: BacktestReport, strategy: BacktestStrategy): Promise<number> {
      return session.transaction(async (tx) => {
        const [{ id: strategyId }] = await tx.db
          .insert(strategies)
          .values({ name: strategy.name, kind: strategy.kind, parameters: strategy.params })
          .onConflictDoUpdate({
            target: strategies.name,
            set: { kind: strategy.kind, parameters: strategy.params, updatedAt: new Date() },
          })
          .returning({ id: strategies.id });
        const m = report.metrics;
        const [{ id: runId }] = await tx.db
          .insert(backtestResults)
          .values({
            strategyId,
            strategyKind: report.strategy,
            startDate: report.from,
            endDate: report.to,
            instruments: report.instruments,
            initialCapital: report.initialCash,
            finalValue: report.finalValue,
            finalCash: report.finalCash,
            optimistic: report.optimistic,
            totalReturn: finiteOrNull(m.totalReturn),
            annualReturn: finiteOrNull(m.annualReturn),
            annualVolatility: finiteOrNull(m.annualVolatility),
            sharpe: finiteOrNull(m.sharpeRatio),
            sortino: finiteOrNull(m.sortinoRatio),
            maxDrawdown: finiteOrNull(m.maxDrawdown),
            calmar: finiteOrNull(m.calmarRatio),
            winRate: finiteOrNull(m.hitRate),
            turnover: finiteOrNull(m.turnover),
            tradeCount: report.trades.length,
            metrics: encodeMetrics(m),
            parameters: report.params,
            config: report.config as unknown as Record<string, unknown>,
            dataFrom: report.data.from,
            dataTo: report.data.to,
            rowsRead: report.data.rows,
            codeVersion: report.codeVersion,
            notes: [...report.notes],
          })
          .returning({ id: backtestResults.id });

        const portfolio = portfolioOf(runId);
        await tx.copyRows(
          portfolioTransactions,
          report.trades.map((t: BacktestTrade, i) => {
            const at = midnightUtc(t.date);
            return {
              portfolio,
              backtestId: runId,
              sourceKey: `${portfolio}:${i}`,
              ticker: t.ticker,
              region: t.region,
              side: t.side === "buy" ? ("BUY" as const) : ("SELL" as const),
              quantity: t.shares,
              price: t.price,
              amount: t.shares * t.price,
              fee: t.commission,
              slippage: t.slippage,
              reason: t.reason,
              orderedAt: at,
              executedAt: at,
            };
          }),
          { key: ["sourceKey"] },
        );
        await tx.copyRows(
          portfolioHoldings,
          report.holdings.map((h) => ({
            portfolio,
            backtestId: runId,
            ticker: h.ticker,
            region: h.region,
            asOfDate: h.date,
            quantity: h.shares,
            currentPrice: h.price,
            marketValue: h.value,
            weight: h.weight,
          })),
          { key: ["portfolio", "ticker", "region", "asOfDate"] },
        );
        await tx.copyRows(
          backtestEquity,
          report.equity.map((e) => ({
            backtestId: runId,
            date: e.date,
            value: e.value,
            cash: e.cash,
            grossExposure: e.grossExposure,
            netExposure: e.netExposure,
          })),
        );
        return runId;
      });
    },

    /** A stored run as the report that was saved (with its `runId`); undefined when there is none. */
    async backtestReport(runId: number): Promise<BacktestReport | undefined> {
      const [run] = await db.select().from(backtestResults).where(eq(backtestResults.id, runId));
      if (run === undefined) return undefined;
      // The ledger is read with plain SQL whose rows already have the report's shape: a long run has
      // 100k+ trades, and mapping them through Drizzle's row objects costs several times the query.
      const [trades, holdings, equity] = await Promise.all([
        session.query<BacktestTrade>(
          `SELECT (ordered_at AT TIME ZONE 'UTC')::date AS date, ticker, region, lower(side) AS side, quantity AS shares,
                  price, fee AS commission, slippage, reason
             FROM portfolio_transactions WHERE backtest_id = $1 ORDER BY id`,
          [runId],
        ),
        session.query<BacktestHolding>(
          `SELECT as_of_date AS date, ticker, region, quantity AS shares, current_price AS price, market_value AS value, weight
             FROM portfolio_holdings WHERE backtest_id = $1 ORDER BY id`,
          [runId],
        ),
        session.query<BacktestEquityPoint>(
          `SELECT date, value, cash, gross_exposure AS "grossExposure", net_exposure AS "netExposure"
             FROM backtest_equity WHERE backtest_id = $1 ORDER BY date`,
          [runId],
        ),
      ]);
      return {
        runId,
        strategy: present(run.strategyKind, runId, "strategy_kind"),
        params: run.parameters as StrategyParameters,
        from: run.startDate,
        to: run.endDate,
        instruments: present(run.instruments, runId, "instruments"),
        initialCash: run.initialCapital,
        finalValue: present(run.finalValue, runId, "final_value"),
        finalCash: present(run.finalCash, runId, "final_cash"),
        optimistic: present(run.optimistic, runId, "optimistic"),
        metrics: decodeMetrics(run.metrics),
        trades,
        equity,
        holdings,
        config: present(run.config, runId, "config") as unknown as BacktestConfig,
        data: {
          from: present(run.dataFrom, runId, "data_from"),
          to: present(run.dataTo, runId, "data_to"),
          rows: present(run.rowsRead, runId, "rows_read"),
        },
        codeVersion: present(run.codeVersion, runId, "code_version"),
        notes: present(run.notes, runId, "notes"),
      };
    },

    /** Stored runs, oldest first, of one strategy (by name) or of all. */
    backtestRuns(strategyName?: string): Promise<BacktestRunSummary[]> {
      return db
        .select({
          id: backtestResults.id,
          strategy: strategies.name,
          from: backtestResults.startDate,
          to: backtestResults.endDate,
          finalValue: backtestResults.finalValue,
          sharpe: backtestResults.sharpe,
          createdAt: backtestResults.createdAt,
        })
        .from(backtestResults)
        .innerJoin(strategies, eq(strategies.id, backtestResults.strategyId))
        .where(strategyName === undefined ? undefined : eq(strategies.name, strategyName))
        .orderBy(asc(backtestResults.id));
    },
  };
}
