/**
 * Research results repository: strategies, backtests with their ledgers, walk-forward windows and
 * optimization history. These are small writes (one result at a time), so they use Drizzle inserts;
 * a whole backtest run, with its ledger and equity curve, is stored by backtest-runs.ts (bulk path).
 */
import { asc, desc, eq } from "drizzle-orm";
import type { Session } from "../db/index.ts";
import {
  backtestResults,
  optimizationHistory,
  portfolioHoldings,
  portfolioTransactions,
  strategies,
  walkForwardResults,
} from "../schema/index.ts";
import type {
  BacktestResult,
  NewBacktestResult,
  NewOptimizationRecord,
  NewStrategy,
  OptimizationRecord,
  Strategy,
} from "../schema/index.ts";

type NewHolding = typeof portfolioHoldings.$inferInsert;
type NewTransaction = typeof portfolioTransactions.$inferInsert;
type NewWalkForward = typeof walkForwardResults.$inferInsert;

export function researchRepository(session: Session) {
  const { db } = session;
  return {
    /** Create a strategy or update the one with the same name. */
    async saveStrategy(strategy: NewStrategy): Promise<Strategy> {
      const [row] = await db
        .insert(strategies)
        .values(strategy)
        .onConflictDoUpdate({
          target: strategies.name,
          set: {
            kind: strategy.kind,
            description: strategy.description,
            factorWeights: strategy.factorWeights,
            parameters: strategy.parameters,
            updatedAt: new Date(),
          },
        })
        .returning();
      return row;
    },

    async strategy(name: string): Promise<Strategy | undefined> {
      const [row] = await db.select().from(strategies).where(eq(strategies.name, name));
      return row;
    },

    /** Store a backtest with its holdings and transactions in one transaction. */
    async saveBacktest(
      result: NewBacktestResult,
      ledger: { holdings?: Omit<NewHolding, "backtestId">[]; transactions?: Omit<NewTransaction, "backtestId">[] } = {},
    ): Promise<BacktestResult> {
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(backtestResults).values(result).returning();
        if (ledger.holdings?.length) {
          await tx.insert(portfolioHoldings).values(ledger.holdings.map((h) => ({ ...h, backtestId: row.id })));
        }
        if (ledger.transactions?.length) {
          await tx.insert(portfolioTransactions).values(ledger.transactions.map((t) => ({ ...t, backtestId: row.id })));
        }
        return row;
      });
    },

    backtests(strategyId: number): Promise<BacktestResult[]> {
      return db.select().from(backtestResults).where(eq(backtestResults.strategyId, strategyId)).orderBy(desc(backtestResults.createdAt));
    },

    async saveWalkForward(windows: NewWalkForward[]): Promise<void> {
      if (windows.length > 0) await db.insert(walkForwardResults).values(windows);
    },

    walkForward(strategyId: number) {
      return db.select().from(walkForwardResults).where(eq(walkForwardResults.strategyId, strategyId)).orderBy(asc(walkForwardResults.windowIndex));
    },

    async saveOptimization(record: NewOptimizationRecord): Promise<OptimizationRecord> {
      const [row] = await db.insert(optimizationHistory).values(record).returning();
      return row;
    },

    optimizations(limit = 20): Promise<OptimizationRecord[]> {
      return db.select().from(optimizationHistory).orderBy(desc(optimizationHistory.id)).limit(limit);
    },
  };
}
