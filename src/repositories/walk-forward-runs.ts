/**
 * Stored walk-forward runs. Layout of run N (N = the stitched run's backtest_results id):
 * - the stitched out-of-sample run as a backtest run (backtest-runs.ts): `strategies` row by name,
 *   `backtest_results` row N and its `backtest_equity` curve;
 * - one `walk_forward_results` row per fold (the seed's columns; `parameters` the chosen set,
 *   `metrics` the rest of the fold's figures), tied to the run by `backtest_id`;
 * - one `walk_forward_trials` row per (fold, parameter set): its train-window scores and its daily
 *   returns on the test window, from which the DSR and PBO can be recomputed.
 * Non-finite figures are stored as NULL (JSON and aggregates have no NaN) and read back as NaN.
 * Everything is written in one transaction: a failure leaves nothing of the run.
 */
import { asc, eq } from "drizzle-orm";
import type { BacktestReport } from "../backtest/report.ts";
import type { Session } from "../db/index.ts";
import { walkForwardResults, walkForwardTrials } from "../schema/index.ts";
import { backtestRunsRepository } from "./backtest-runs.ts";
import type { WalkForwardReport } from "../walk-forward/run-walk-forward.ts";

export interface WalkForwardRunToSave {
  readonly report: WalkForwardReport;
  readonly trials: readonly StoredTrial[];
  /** The strategy name the run is filed under. */
  readonly name: string;
  readonly stitched: BacktestReport;
}

/** One parameter set on one fold. */
export interface StoredTrial {
  readonly fold: number;
  readonly trial: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly isObjective: number;
  readonly isSharpe: number;
  readonly isReturn: number;
  readonly oosSharpe: number;
  readonly oosReturn: number;
  readonly oosReturns: Float64Array;
}

const finiteOrNull = (value: number) => (Number.isFinite(value) ? value : null);
const numberOrNaN = (value: number | null) => (value === null ? NaN : value);
const TRIALS_PER_STATEMENT = 500;

export function walkForwardRunsRepository(session: Session) {
  return {
    /** Store the run (see the header) in one transaction; returns the stitched run's id. */
    saveWalkForwardRun(run: WalkForwardRunToSave): Promise<number> {
      return session.transaction(async (tx) => {
        const { report } = run;
        const runId = await backtestRunsRepository(tx).saveBacktestReport(run.stitched, { name: run.name, kind: report.strategy, params: run.stitched.params });
        const [{ strategy_id: strategyId }] = await tx.query<{ strategy_id: number }>("SELECT strategy_id FROM backtest_results WHERE id = $1", [runId]);
        await tx.db.insert(walkForwardResults).values(
          report.folds.map((fold) => ({
            strategyId,
            backtestId: runId,
            windowIndex: fold.fold,
            trainStart: fold.trainStart,
            trainEnd: fold.trainEnd,
            testStart: fold.testStart,
            testEnd: fold.testEnd,
            parameters: { ...fold.params },
            inSampleSharpe: finiteOrNull(fold.isSharpe),
            outOfSampleSharpe: finiteOrNull(fold.oosSharpe),
            inSampleReturn: finiteOrNull(fold.isReturn),
            outOfSampleReturn: finiteOrNull(fold.oosReturn),
            metrics: {
              trial: fold.trial,
              objective: report.objective,
              isObjective: finiteOrNull(fold.isObjective),
              isMedianObjective: finiteOrNull(fold.isMedianObjective),
              isAnnualReturn: finiteOrNull(fold.isAnnualReturn),
              oosAnnualReturn: finiteOrNull(fold.oosAnnualReturn),
              overfittingRatio: finiteOrNull(fold.overfittingRatio),
              oosBuyAndHoldReturn: finiteOrNull(fold.oosBuyAndHoldReturn),
            },
          })),
        );
        for (let start = 0; start < run.trials.length; start += TRIALS_PER_STATEMENT) {
          const rows = run.trials.slice(start, start + TRIALS_PER_STATEMENT).map((t) => ({
            fold: t.fold,
            trial: t.trial,
            params: t.params,
            is_objective: finiteOrNull(t.isObjective),
            is_sharpe: finiteOrNull(t.isSharpe),
            is_return: finiteOrNull(t.isReturn),
            oos_sharpe: finiteOrNull(t.oosSharpe),
            oos_return: finiteOrNull(t.oosReturn),
            oos_returns: Array.from(t.oosReturns, finiteOrNull),
          }));
          await tx.query(
            `INSERT INTO walk_forward_trials (backtest_id, window_index, trial, parameters, in_sample_objective, in_sample_sharpe, in_sample_return,
                                              out_of_sample_sharpe, out_of_sample_return, out_of_sample_returns)
             SELECT $1, t.fold, t.trial, t.params, t.is_objective, t.is_sharpe, t.is_return, t.oos_sharpe, t.oos_return,
                    ARRAY(SELECT e.x::float8 FROM jsonb_array_elements_text(t.oos_returns) WITH ORDINALITY AS e(x, n) ORDER BY e.n)
               FROM jsonb_to_recordset($2::jsonb) AS t(fold int, trial int, params jsonb, is_objective float8, is_sharpe float8, is_return float8,
                                                        oos_sharpe float8, oos_return float8, oos_returns jsonb)`,
            [runId, JSON.stringify(rows)],
          );
        }
        return runId;
      });
    },

    /** Every trial of run `runId`, by fold then trial (empty for a run that is not a walk-forward). */
    async walkForwardTrials(runId: number): Promise<StoredTrial[]> {
      const rows = await session.db
        .select()
        .from(walkForwardTrials)
        .where(eq(walkForwardTrials.backtestId, runId))
        .orderBy(asc(walkForwardTrials.windowIndex), asc(walkForwardTrials.trial));
      return rows.map((r) => ({
        fold: r.windowIndex,
        trial: r.trial,
        params: r.parameters,
        isObjective: numberOrNaN(r.inSampleObjective),
        isSharpe: numberOrNaN(r.inSampleSharpe),
        isReturn: numberOrNaN(r.inSampleReturn),
        oosSharpe: numberOrNaN(r.outOfSampleSharpe),
        oosReturn: numberOrNaN(r.outOfSampleReturn),
        oosReturns: Float64Array.from(r.outOfSampleReturns as (number | null)[], numberOrNaN),
      }));
    },

    /** The folds of run `runId` as stored (walk_forward_results rows), by fold. */
    walkForwardFolds(runId: number) {
      return session.db.select().from(walkForwardResults).where(eq(walkForwardResults.backtestId, runId)).orderBy(asc(walkForwardResults.windowIndex));
    },
  };
}
