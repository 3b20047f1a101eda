/**
 * The research workspace: one open database and short helpers over it, each a call to a library
 * entry point (so a notebook and `npm run repl` type the same thing a script runs). `HELPERS` is the
 * one-line description of each, which the REPL's `.help` prints.
 *
 * ```ts
 * import { openWorkspace } from "./src/workspace/index.ts";
 * const { backtest, database } = await openWorkspace();
 * const run = await backtest({ strategy: "equal-weight", region: "KR", from: "2025-01-01", to: "2025-10-10" });
 * await database.close();
 * ```
 */
import { type Database, type OpenOptions, openDatabase } from "../db/index.ts";
import type { BacktestRequest } from "../backtest/run-backtest.ts";
import { runBacktest } from "../backtest/run-backtest.ts";
import type { OptimizationRequest } from "../optimize/run-optimization.ts";
import { runOptimization } from "../optimize/run-optimization.ts";
import { type PanelField, repositories } from "../repositories/index.ts";
import type { WalkForwardRequest } from "../walk-forward/run-walk-forward.ts";
import { runWalkForward } from "../walk-forward/run-walk-forward.ts";
import { factorIc } from "./factor-ic.ts";
import { checkRange, factorPanel } from "./factor-panel.ts";
import { resolveInstrument } from "./instrument.ts";
import { report } from "./report.ts";
import { sqlTemplate } from "./sql.ts";

/** The helper's call, and what it gives, in one line each (the REPL's `.help`). */
export const HELPERS: readonly (readonly [usage: string, summary: string])[] = [
  ["database", "the open database (DATABASE_URL, else PGLITE_DIR): database.query(text, params)"],
  ["repos", "repositories(database): repos.prices, repos.instruments, repos.research, …"],
  ["sql`SELECT … = ${value}`", "a query whose ${…} values are bind parameters ($1, $2, …); rows"],
  ["bars(ticker, from, to)", "one instrument's daily bars; ticker \"005930\" or \"005930.KR\""],
  ["panel(field, { region, from, to })", "a date × ticker panel of open, high, low, close, adj_close or volume"],
  ["factor(name, { region, from, to, monthEnds })", "a factor's raw values, computed, not stored (FACTOR_NAMES lists them)"],
  ["ic(factorPanel, { horizons, quantiles })", "IC, rank IC and quantile returns of factor(…)'s panel per horizon"],
  ["backtest({ strategy, region, from, to, … })", "runBacktest on this database: report, market, simulation"],
  ["walkForward({ strategy, grid, region, from, to, … })", "runWalkForward on this database: folds, OOS figures, DSR, PBO"],
  ["optimize({ method, tickers, from, to, … })", "runOptimization on this database: weights and performance"],
  ["report(result, \"file.html\")", "write a result's HTML report; returns the file's path"],
];

/** The helpers over one open database (left open: the caller owns it). */
export function workspace(database: Database) {
  const repos = repositories(database);
  return {
    database,
    repos,
    sql: sqlTemplate(database),
    async bars(ticker: string, from: string, to: string) {
      checkRange(from, to);
      const instrument = await resolveInstrument(database, ticker);
      return repos.prices.bars(instrument.ticker, instrument.region, from, to);
    },
    panel(field: PanelField, options: { region?: string; from: string; to: string }) {
      checkRange(options.from, options.to);
      return repos.prices.panel({ field, ...options });
    },
    factor: (name: string, request: Parameters<typeof factorPanel>[2]) => factorPanel(database, name, request),
    ic: (factor: Parameters<typeof factorIc>[1], request?: Parameters<typeof factorIc>[2]) => factorIc(database, factor, request),
    backtest: (request: Omit<BacktestRequest, "database">) => runBacktest({ ...request, database }),
    walkForward: (request: Omit<WalkForwardRequest, "database">) => runWalkForward({ ...request, database }),
    optimize: (request: Omit<OptimizationRequest, "database">) => runOptimization({ ...request, database }),
    report,
  };
}

export type Workspace = ReturnType<typeof workspace>;

/** The workspace on the configured database (or `options`); close it with `database.close()`. */
export async function openWorkspace(options?: OpenOptions): Promise<Workspace> {
  return workspace(await openDatabase(options));
}
