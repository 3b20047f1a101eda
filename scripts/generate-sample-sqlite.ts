/**
 * Write a deterministic sample SQLite file in Spock's or Stockula's layout, carrying every problem the
 * loader must handle (see src/synthetic). Same options → the same file, byte for byte.
 * The options' bounds and the refusals (an existing file without --force, a directory) are
 * src/synthetic/sample-file.ts's.
 */
import { parseCli, runCli } from "./lib/cli.ts";
import { SAMPLE_BOUNDS, writeSampleFile } from "../src/synthetic/sample-file.ts";
import { InputError } from "../src/errors.ts";

const { instruments, days, seed } = SAMPLE_BOUNDS;
const HELP = `Usage: tsx scripts/generate-sample-sqlite.ts [--layout spock|stockula] [options]

  --layout L         spock (default) or stockula
  --out FILE         where to write (default data/spock_sample.db or data/stockula_sample.db);
                     an existing file is refused unless --force is given
  --force            replace FILE if it exists
  --instruments N    Spock: priced instruments, ${instruments.min} to ${instruments.max} (default ${instruments.default});
                     3700 with --days 250 is the scale of a real file (~1,000,000 rows)
  --days N           weekdays of daily bars: Spock ${days.spock.min} to ${days.spock.max} (default ${days.spock.default}),
                     Stockula ${days.stockula.min} to ${days.stockula.max} (default ${days.stockula.default})
  --seed S           PRNG seed, ${seed.min} to ${seed.max} (default ${seed.default})
  --json             print {"path", "layout", "tables": {<table>: rows}, "rows", "seconds"}
  --help             show this help

Exit codes: 0 written; 2 bad input (an option out of bounds, FILE exists without --force,
FILE is a directory or cannot be written), nothing written.`;

runCli(async () => {
  const values = parseCli(
    {
      layout: { type: "string" },
      out: { type: "string" },
      force: { type: "boolean" },
      instruments: { type: "string" },
      days: { type: "string" },
      seed: { type: "string" },
      json: { type: "boolean" },
    },
    HELP,
  );
  if (!values) return;
  const layout = values.layout ?? "spock";
  if (layout !== "spock" && layout !== "stockula") throw new InputError(`--layout must be spock or stockula, got ${JSON.stringify(layout)}`);
  const path = values.out ?? `data/${layout}_sample.db`;
  const started = performance.now();
  const tables = writeSampleFile({ layout, path, instruments: values.instruments, days: values.days, seed: values.seed, force: values.force });
  const rows = Object.values(tables).reduce((a, b) => a + b, 0);
  const seconds = Math.round(performance.now() - started) / 1000;
  if (values.json) console.log(JSON.stringify({ path, layout, tables, rows, seconds }));
  else console.log(`${path}: ${layout} sample, ${rows} rows in ${Object.keys(tables).length} tables (${seconds} s)`);
});
