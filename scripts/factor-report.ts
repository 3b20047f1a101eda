/**
 * Judge a stored factor: IC and rank IC against forward returns over 1, 5 and 21 trading days (mean,
 * sample std, IR per period, not annualised), mean forward return per quantile with the top-minus-
 * bottom spread, top-quantile turnover and rank autocorrelation between consecutive stored dates; and
 * the alphalens tear-sheet figures: turnover of every quantile, factor-weighted long-short returns
 * with annualised alpha and beta, the cleaning report, optionally demeaned / group-adjusted quantile
 * returns and IC by sector or industry. Loading: src/factors/jobs/stored-factor.ts; figures and their
 * conventions: src/factors/analysis.
 *
 * Output: tables on stdout, or with --json exactly one JSON document. A figure that cannot be
 * computed prints as "–" (null in JSON), never 0. Exit codes (scripts/lib/cli.ts): 0 done, 2 bad input or
 * nothing stored for the factor and range.
 */
import { dateOption, integerOption, numberOption, oneOf, parseCli, runCli } from "./lib/cli.ts";
import { withExistingDatabase } from "../src/db/with-database.ts";
import { QUANTILE_METHODS } from "../src/factors/analysis/buckets.ts";
import type { QuantileReturns } from "../src/factors/analysis/quantile-returns.ts";
import type { HorizonReport } from "../src/factors/analysis/report.ts";
import type { SeriesSummary } from "../src/factors/analysis/summary.ts";
import type { GroupBy } from "../src/factors/jobs/instrument-groups.ts";
import { type StoredFactorReport, reportStoredFactor } from "../src/factors/jobs/stored-factor.ts";
import { FACTOR_NAMES, factorByName } from "../src/factors/registry.ts";
import { InputError } from "../src/errors.ts";
import { type FactorSeries, storedFactorTearSheet, writeReport } from "../src/report/index.ts";
import { reportOption } from "./lib/report-flag.ts";

const HELP = `Usage: tsx scripts/factor-report.ts --factor NAME --from D --to D [--region R] [--quantiles N]
         [--quantile-method rank|qcut] [--group-by sector|industry] [--demeaned] [--max-loss F] [--json]

Reports how a stored factor (factor_scores, written by scripts/compute-factors.ts) ranked the
forward returns that followed it, on the dates it was stored in the range:
  IC and rank IC (Pearson, Spearman) over 1, 5 and 21 trading days: mean, sample std, IR = mean/std
  per period (not annualised; overlapping 5/21-day windows on daily dates overstate IR);
  mean forward return by quantile (lowest factor values first, after orienting by the factor's
  direction) and the top-minus-bottom spread; top-quantile turnover and rank autocorrelation
  between consecutive stored dates; as alphalens: turnover of every quantile (names new to it ÷ its
  size), factor-weighted long-short returns (weights = demeaned factor ÷ Σ|demeaned|) with alpha
  (annualised (1 + α)^(252/h) − 1) and beta on the equal-weighted universe return, and the cleaning
  report (entries dropped per horizon and why; more than --max-loss is an error).

  --factor NAME     one of: ${FACTOR_NAMES.join(", ")}
  --from D --to D   stored dates to evaluate, YYYY-MM-DD, inclusive
  --region R        the region to evaluate (required when the stored scores span several)
  --quantiles N     buckets for quantile returns and turnover (default 5, at least 2)
  --quantile-method rank (default: by rank, sizes within one name) or qcut (pandas qcut's
                    equal-count value edges, as alphalens; a date whose edges repeat is dropped)
  --group-by G      sector or industry: rank IC and quantile returns within each group, group-
                    adjusted quantile returns and group-neutral factor returns
  --demeaned        show quantile returns minus the date's mean (with --group-by: minus the
                    date's group mean) in the table; --json always holds raw, demeaned and
                    (with --group-by) group-adjusted figures
  --max-loss F      largest share of factor entries the cleaning may drop, 0..1 (default 0.35)
  --json            print one JSON document instead of tables
  --report FILE.html  also write the factor tear sheet (charts and tables; opens from disk)
  --help            show this help

Database: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database in
PGLITE_DIR (default ./data/pglite). Exit codes: 0 done; 2 bad input or nothing stored.`;

function required(value: string | undefined, flag: string, example: string): string {
  if (value === undefined) throw new InputError(`${flag} is required, e.g. ${flag} ${example}; see --help`);
  return value;
}

const date = (value: string | undefined, flag: string): string => dateOption(required(value, flag, "2024-01-31"), flag);

const missing = "–";
const fixed = (x: number | null, digits: number) => (x === null ? missing : x.toFixed(digits));
const percent = (x: number | null) => (x === null ? missing : `${(100 * x).toFixed(2)}%`);
const cells = (widths: number[], values: string[]) => values.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ");
const summaryLine = (s: SeriesSummary, format: (x: number | null) => string, unit: string) =>
  `mean ${format(s.mean)}, std ${format(s.std)}, IR ${fixed(s.ir, 2)} over ${s.count} ${unit}`;

interface TableChoices {
  readonly demeaned: boolean;
  readonly groupBy: GroupBy | undefined;
}

function tables(result: StoredFactorReport, choices: TableChoices): string {
  const { report } = result;
  const lines = [
    `${result.factor} (${result.description}; direction ${report.direction > 0 ? "+1" : "−1"})`,
    `region ${result.region}: ${result.instruments} instruments, ${report.dates} stored dates ${report.from} … ${report.to}`,
    "",
    "information coefficient",
  ];
  const icWidths = [8, 9, 9, 7, 7, 12, 12, 10, 7];
  lines.push(cells(icWidths, ["horizon", "IC mean", "IC std", "IC IR", "dates", "rank IC mean", "rank IC std", "rank IC IR", "dates"]));
  for (const h of report.horizons) {
    lines.push(
      cells(icWidths, [
        `${h.horizon}d`,
        fixed(h.ic.mean, 4),
        fixed(h.ic.std, 4),
        fixed(h.ic.ir, 2),
        String(h.ic.count),
        fixed(h.rankIc.mean, 4),
        fixed(h.rankIc.std, 4),
        fixed(h.rankIc.ir, 2),
        String(h.rankIc.count),
      ]),
    );
  }
  const q = report.horizons[0]?.quantileReturns.quantiles ?? 0;
  const by = report.quantileMethod === "qcut" ? ", qcut edges" : "";
  lines.push("", `mean forward return by quantile (Q1 = lowest, Q${q} = highest oriented factor values${by})`);
  lines.push(...quantileTable(report.horizons, q, (h) => h.quantileReturns));
  if (choices.demeaned) {
    const adjusted = choices.groupBy !== undefined;
    lines.push("", adjusted ? `the same, group-adjusted (minus the date's ${choices.groupBy} mean)` : "the same, demeaned (minus the date's mean)");
    lines.push(...quantileTable(report.horizons, q, (h) => (adjusted ? h.groupAdjustedQuantileReturns! : h.demeanedQuantileReturns)));
  }
  lines.push(
    "",
    `top-quantile turnover: ${summaryLine(report.turnover, (x) => fixed(x, 3), "date pairs")}`,
    `rank autocorrelation: ${summaryLine(report.rankAutocorrelation, (x) => fixed(x, 3), "date pairs")}`,
    `turnover by quantile (names new to it ÷ its size): ${report.turnoverByQuantile.map((t, b) => `Q${b + 1} ${fixed(t.mean, 3)}`).join(", ")}`,
    "",
    "factor-weighted long-short return (per horizon; alpha annualised, beta on the equal-weighted universe)",
  );
  const fWidths = [8, 9, 9, 7, 11, 7, 7];
  lines.push(cells(fWidths, ["horizon", "mean", "std", "IR", "ann. alpha", "beta", "dates"]));
  for (const h of report.horizons) {
    const f = h.factorReturns;
    lines.push(cells(fWidths, [`${h.horizon}d`, percent(f.returns.mean), percent(f.returns.std), fixed(f.returns.ir, 2), percent(f.annualizedAlpha), fixed(f.beta, 2), String(f.returns.count)]));
  }
  const groups = report.horizons[0]?.groups;
  if (groups) {
    lines.push("", `rank IC mean by ${choices.groupBy}`);
    const gWidths = [Math.max(8, ...groups.map((g) => g.group.length)), 6, ...report.horizons.map(() => 8)];
    lines.push(cells(gWidths, [choices.groupBy!, "names", ...report.horizons.map((h) => `${h.horizon}d`)]));
    groups.forEach((g, k) => lines.push(cells(gWidths, [g.group, String(g.names), ...report.horizons.map((h) => fixed(h.groups![k].rankIc.mean, 4))])));
  }
  const c = report.cleaning;
  lines.push(
    "",
    `cleaning: ${c.entries} factor entries of ${c.cells} cells (${c.noFactorValue} without a factor value` +
      (c.noGroup === null ? ")" : `, ${c.noGroup} without a ${choices.groupBy}, left out of group figures)`),
    ...c.horizons.map(
      (h) =>
        `  ${h.horizon}d: dropped ${percent(h.droppedShare)} (no price on the date ${h.noPrice}, no forward return ${h.noForwardReturn}, ` +
        `not bucketed ${h.unbucketed}), kept ${h.kept}`,
    ),
    `  max loss ${percent(c.maxLoss)}, not exceeded`,
  );
  return lines.join("\n");
}

function quantileTable(horizons: readonly HorizonReport[], q: number, returns: (h: HorizonReport) => QuantileReturns): string[] {
  const qWidths = [8, ...Array.from({ length: q }, () => 8), 13, 9, 8, 7];
  const lines = [cells(qWidths, ["horizon", ...Array.from({ length: q }, (_, b) => `Q${b + 1}`), "top − bottom", "std", "IR", "dates"])];
  for (const h of horizons) {
    const r = returns(h);
    lines.push(cells(qWidths, [`${h.horizon}d`, ...r.meanReturn.map(percent), percent(r.spread.mean), percent(r.spread.std), fixed(r.spread.ir, 2), String(r.dates)]));
  }
  return lines;
}

function maxLossOption(text: string | undefined): number | undefined {
  const value = numberOption(text, "--max-loss");
  if (value !== undefined && !(value >= 0 && value <= 1)) throw new InputError(`--max-loss must be a share between 0 and 1, e.g. 0.35; got "${text}"`);
  return value;
}

runCli(async () => {
  const values = parseCli(
    {
      factor: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      region: { type: "string" },
      quantiles: { type: "string" },
      "quantile-method": { type: "string" },
      "group-by": { type: "string" },
      demeaned: { type: "boolean" },
      "max-loss": { type: "string" },
      json: { type: "boolean" },
      report: { type: "string" },
    },
    HELP,
  );
  if (!values) return;
  const factor = factorByName(required(values.factor, "--factor", "momentum_12_1")).name;
  const from = date(values.from, "--from");
  const to = date(values.to, "--to");
  if (from > to) throw new InputError(`--from ${from} is after --to ${to}`);
  const quantiles = integerOption(values.quantiles, "--quantiles", 2);
  const quantileMethod = values["quantile-method"] === undefined ? undefined : oneOf(values["quantile-method"], QUANTILE_METHODS, "--quantile-method");
  const groupBy = values["group-by"] === undefined ? undefined : oneOf<GroupBy>(values["group-by"], ["sector", "industry"], "--group-by");
  const maxLoss = maxLossOption(values["max-loss"]);
  if (values.region !== undefined && values.region.trim() === "") throw new InputError("--region needs a region, e.g. --region KR");
  const reportFile = reportOption(values.report);
  const request = { factor, from, to, region: values.region?.trim(), quantiles, quantileMethod, groupBy, maxLoss };
  // With --report the tear sheet's call: the same document plus the per-date series its charts draw.
  const { series, ...result } = await withExistingDatabase(
    (database): Promise<StoredFactorReport & { series?: FactorSeries }> => (reportFile === undefined ? reportStoredFactor(database, request) : storedFactorTearSheet(database, request)),
  );
  console.log(values.json ? JSON.stringify(result) : tables(result, { demeaned: values.demeaned === true, groupBy }));
  if (reportFile !== undefined) process.stderr.write(`report written to ${await writeReport({ ...result, series }, reportFile)}\n`);
});
