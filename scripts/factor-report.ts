/**
 * Judge a stored factor: IC and rank IC against forward returns over 1, 5 and 21 trading days (mean,
 * sample std, IR per period, not annualised), mean forward return per quantile with the top-minus-
 * bottom spread, top-quantile turnover and rank autocorrelation between consecutive stored dates.
 * Loading: src/factors/jobs/stored-factor.ts; figures and their conventions: src/factors/analysis.
 *
 * Output: tables on stdout, or with --json exactly one JSON document. A figure that cannot be
 * computed prints as "–" (null in JSON), never 0. Exit codes (scripts/lib/cli.ts): 0 done, 2 bad input or
 * nothing stored for the factor and range.
 */
import { dateOption, integerOption, parseCli, runCli } from "./lib/cli.ts";
import { withExistingDatabase } from "../src/db/with-database.ts";
import type { SeriesSummary } from "../src/factors/analysis/summary.ts";
import { type StoredFactorReport, reportStoredFactor } from "../src/factors/jobs/stored-factor.ts";
import { FACTOR_NAMES, factorByName } from "../src/factors/registry.ts";
import { InputError } from "../src/errors.ts";

const HELP = `Usage: tsx scripts/factor-report.ts --factor NAME --from D --to D [--region R] [--quantiles N] [--json]

Reports how a stored factor (factor_scores, written by scripts/compute-factors.ts) ranked the
forward returns that followed it, on the dates it was stored in the range:
  IC and rank IC (Pearson, Spearman) over 1, 5 and 21 trading days: mean, sample std, IR = mean/std
  per period (not annualised; overlapping 5/21-day windows on daily dates overstate IR);
  mean forward return by quantile (lowest factor values first, after orienting by the factor's
  direction) and the top-minus-bottom spread; top-quantile turnover and rank autocorrelation
  between consecutive stored dates.

  --factor NAME     one of: ${FACTOR_NAMES.join(", ")}
  --from D --to D   stored dates to evaluate, YYYY-MM-DD, inclusive
  --region R        the region to evaluate (required when the stored scores span several)
  --quantiles N     buckets for quantile returns and turnover (default 5, at least 2)
  --json            print one JSON document instead of tables
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

function tables(result: StoredFactorReport): string {
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
  lines.push("", `mean forward return by quantile (Q1 = lowest, Q${q} = highest oriented factor values)`);
  const qWidths = [8, ...Array.from({ length: q }, () => 8), 13, 9, 8, 7];
  lines.push(cells(qWidths, ["horizon", ...Array.from({ length: q }, (_, b) => `Q${b + 1}`), "top − bottom", "std", "IR", "dates"]));
  for (const h of report.horizons) {
    const r = h.quantileReturns;
    lines.push(cells(qWidths, [`${h.horizon}d`, ...r.meanReturn.map(percent), percent(r.spread.mean), percent(r.spread.std), fixed(r.spread.ir, 2), String(r.dates)]));
  }
  lines.push(
    "",
    `top-quantile turnover: ${summaryLine(report.turnover, (x) => fixed(x, 3), "date pairs")}`,
    `rank autocorrelation: ${summaryLine(report.rankAutocorrelation, (x) => fixed(x, 3), "date pairs")}`,
  );
  return lines.join("\n");
}

runCli(async () => {
  const values = parseCli(
    {
      factor: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      region: { type: "string" },
      quantiles: { type: "string" },
      json: { type: "boolean" },
    },
    HELP,
  );
  if (!values) return;
  const factor = factorByName(required(values.factor, "--factor", "momentum_12_1")).name;
  const from = date(values.from, "--from");
  const to = date(values.to, "--to");
  if (from > to) throw new InputError(`--from ${from} is after --to ${to}`);
  const quantiles = integerOption(values.quantiles, "--quantiles", 2);
  if (values.region !== undefined && values.region.trim() === "") throw new InputError("--region needs a region, e.g. --region KR");
  const result = await withExistingDatabase((database) => reportStoredFactor(database, { factor, from, to, region: values.region?.trim(), quantiles }));
  console.log(values.json ? JSON.stringify(result) : tables(result));
});
