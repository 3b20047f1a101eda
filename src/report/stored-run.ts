/**
 * The report of a stored run, by its backtest_results id: a saved backtest's tear sheet, or for a
 * saved walk-forward its stitched out-of-sample run's (the run stored under that id, whose notes say
 * so). An id with no run is an InputError.
 */
import type { Database } from "../db/index.ts";
import { InputError } from "../errors.ts";
import { repositories } from "../repositories/index.ts";
import { writeReport, type ReportOptions } from "./index.ts";

/** Writes the stored run's report to `file` and returns its absolute path. */
export async function writeStoredRunReport(database: Database, runId: number, file: string, options: ReportOptions = {}): Promise<string> {
  if (!(Number.isSafeInteger(runId) && runId > 0)) throw new InputError(`--run takes a backtest_results id, a whole number ≥ 1 (got ${runId})`);
  const report = await repositories(database).research.backtestReport(runId);
  if (report === undefined) throw new InputError(`no stored run with backtest_results id ${runId}; save one with scripts/backtest.ts --save or scripts/walk-forward.ts --save`);
  return writeReport(report, file, options);
}
