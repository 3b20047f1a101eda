/**
 * Render a stored run as an HTML report: a backtest saved with scripts/backtest.ts --save, or a
 * walk-forward saved with scripts/walk-forward.ts --save (its stitched out-of-sample run). The work
 * is writeStoredRunReport (src/report/stored-run.ts). Exit codes (scripts/lib/cli.ts): 0 written,
 * 2 bad input or no such run.
 */
import { withExistingDatabase } from "../src/db/with-database.ts";
import { InputError } from "../src/errors.ts";
import { writeStoredRunReport } from "../src/report/stored-run.ts";
import { integerOption, parseCli, runCli } from "./lib/cli.ts";
import { reportOption } from "./lib/report-flag.ts";

const HELP = `Usage: tsx scripts/report.ts --run ID --out FILE.html [--log-scale]

Writes the tear sheet of a stored run (backtest_results id, printed by --save) as one HTML file
that opens from disk: equity, drawdowns, rolling statistics, monthly and annual returns, exposure,
turnover, costs, holdings and metrics.

  --run ID        the backtest_results id
  --out FILE.html the file to write (folders are created)
  --log-scale     draw the equity curve on a log scale
  --help          show this help

Database: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database in
PGLITE_DIR (default ./data/pglite). Exit codes: 0 written; 2 bad input or no such run.`;

runCli(async () => {
  const values = parseCli({ run: { type: "string" }, out: { type: "string" }, "log-scale": { type: "boolean" } }, HELP);
  if (!values) return;
  const runId = integerOption(values.run, "--run", 1);
  if (runId === undefined) throw new InputError("--run ID is required (the backtest_results id --save printed); see --help");
  const file = reportOption(values.out, "--out");
  if (file === undefined) throw new InputError("--out FILE.html is required; see --help");
  const path = await withExistingDatabase((database) => writeStoredRunReport(database, runId, file, { logScale: values["log-scale"] === true }));
  process.stderr.write(`report written to ${path}\n`);
});
