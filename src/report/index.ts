/**
 * Reports as self-contained HTML pages: `renderReport(result)` gives the page, `writeReport(result,
 * file)` writes it (creating the folder) and returns the path. The kind of report follows from the
 * result's shape:
 * - backtest: runBacktest's run (`report`, `simulation`) or its report (`equity`, `trades`, `metrics`);
 * - walk-forward: runWalkForward's run (`report`, `plan`, `results`) or its report (`folds`, `pbo`);
 * - optimization: runOptimization's run (`result`) or the result (`method`, `covariance`, `weights`);
 * - factor: a FactorTearSheet (factor-series.ts: `factor`, `report`, optional `series`), a stored
 *   factor's report (`factor`, `report.horizons`) or analyzeFactor's report (`horizons`).
 * Anything else is an InputError naming what is accepted.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InputError } from "../errors.ts";
import type { BacktestReport } from "../backtest/report.ts";
import type { FactorReport } from "../factors/analysis/report.ts";
import type { OptimizationResult } from "../optimize/index.ts";
import type { WalkForwardReport } from "../walk-forward/run-walk-forward.ts";
import { renderBacktest, type BacktestInput, type ReportOptions as BacktestOptions } from "./backtest.ts";
import { renderFactor } from "./factor.ts";
import type { FactorTearSheet } from "./factor-series.ts";
import { renderOptimization, type OptimizationOptions } from "./optimization.ts";
import { renderWalkForward } from "./walk-forward.ts";

export { chartSvg, svgToPng } from "./chart.ts";
export { factorSeries, factorTearSheet, type FactorSeries, type FactorTearSheet } from "./factor-series.ts";
export { storedFactorTearSheet } from "./stored-factor-tear-sheet.ts";

export type ReportKind = "backtest" | "walk-forward" | "optimization" | "factor";

export type ReportOptions = BacktestOptions & OptimizationOptions;

type AnyObject = Record<string, unknown>;
const isObject = (x: unknown): x is AnyObject => typeof x === "object" && x !== null;

/** Which report a result makes, or null when it is none of them. */
export function reportKind(result: unknown): ReportKind | null {
  if (!isObject(result)) return null;
  if (isObject(result.report) && "plan" in result && "results" in result) return "walk-forward";
  if ("folds" in result && "pbo" in result && "deflatedSharpe" in result) return "walk-forward";
  if (isObject(result.report) && "simulation" in result) return "backtest";
  if ("equity" in result && "trades" in result && "metrics" in result) return "backtest";
  if (isObject(result.result) && "covariance" in result.result) return "optimization";
  if ("method" in result && "covariance" in result && "weights" in result) return "optimization";
  if (isObject(result.report) && Array.isArray(result.report.horizons)) return "factor";
  if (Array.isArray(result.horizons) && "turnover" in result) return "factor";
  return null;
}

export function renderReport(result: unknown, options: ReportOptions = {}): string {
  switch (reportKind(result)) {
    case "backtest": {
      const input: BacktestInput = "simulation" in (result as AnyObject) ? (result as BacktestInput) : { report: result as BacktestReport };
      return renderBacktest(input, options);
    }
    case "walk-forward":
      return renderWalkForward(result as WalkForwardReport);
    case "optimization":
      return renderOptimization(result as OptimizationResult, options);
    case "factor": {
      const r = result as AnyObject;
      const sheet: FactorTearSheet = isObject(r.report) ? (r as unknown as FactorTearSheet) : { factor: "factor", report: r as unknown as FactorReport };
      return renderFactor({ ...sheet, factor: String(sheet.factor ?? "factor") });
    }
    default:
      throw new InputError(
        "report: not a result this can render; give a backtest (runBacktest's run or its report), a walk-forward (runWalkForward's run or report), an optimization (runOptimization's run or result) or a factor tear sheet (factorTearSheet, storedFactorTearSheet or analyzeFactor's report)",
      );
  }
}

/** Writes the report's HTML to `file` (folders created) and returns its absolute path. */
export async function writeReport(result: unknown, file: string, options: ReportOptions = {}): Promise<string> {
  if (typeof file !== "string" || file.trim() === "") throw new InputError('report: give the HTML file to write, e.g. report(result, "report.html")');
  const html = renderReport(result, options);
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, html);
  return path;
}
