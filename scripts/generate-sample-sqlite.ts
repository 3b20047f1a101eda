/**
 * Write a deterministic sample SQLite file in Spock's or Stockula's layout, carrying every problem the
 * loader must handle (see src/synthetic). Same options → the same file, byte for byte.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { parseCli, runCli } from "./lib/cli.ts";
import { generateSpockSample } from "../src/synthetic/spock-sample.ts";
import { generateStockulaSample } from "../src/synthetic/stockula-sample.ts";
import { MIN_INSTRUMENTS } from "../src/synthetic/spock-universe.ts";
import { InputError } from "../src/errors.ts";

const HELP = `Usage: tsx scripts/generate-sample-sqlite.ts [--layout spock|stockula] [options]

  --layout L         spock (default) or stockula
  --out FILE         where to write (default data/spock_sample.db or data/stockula_sample.db)
  --instruments N    Spock: priced instruments (default 200, at least ${MIN_INSTRUMENTS}); 3700 with
                     --days 250 is the scale of a real file (~1,000,000 rows)
  --days N           weekdays of daily bars (default 250 for Spock, 300 for Stockula)
  --seed S           PRNG seed (default 42)
  --json             print {"path", "layout", "tables": {<table>: rows}, "rows", "seconds"}
  --help             show this help`;

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new InputError(`--${name} must be an integer, got ${JSON.stringify(text)}`);
  return n;
}

runCli(async () => {
  const values = parseCli(
    {
      layout: { type: "string" },
      out: { type: "string" },
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
  if (layout === "stockula" && values.instruments !== undefined) throw new InputError("--instruments applies to the spock layout only");
  const path = values.out ?? `data/${layout}_sample.db`;
  const seed = integer("seed", values.seed, 42);
  const started = performance.now();
  mkdirSync(dirname(path), { recursive: true });
  let tables: Record<string, number>;
  try {
    tables =
      layout === "spock"
        ? generateSpockSample(path, { instruments: integer("instruments", values.instruments, 200), days: integer("days", values.days, 250), seed })
        : generateStockulaSample(path, { days: integer("days", values.days, 300), seed });
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(`--${err.message}`);
    throw err;
  }
  const rows = Object.values(tables).reduce((a, b) => a + b, 0);
  const seconds = Math.round(performance.now() - started) / 1000;
  if (values.json) console.log(JSON.stringify({ path, layout, tables, rows, seconds }));
  else console.log(`${path}: ${layout} sample, ${rows} rows in ${Object.keys(tables).length} tables (${seconds} s)`);
});
