/**
 * What every notebook in notebooks/ shares, so each file reads as its research steps only:
 * - flags: `--out DIR` (else NOTEBOOK_OUT, else ./reports) for the HTML reports, and `--help`;
 * - the workspace (src/workspace) on the configured database, DATABASE_URL else the embedded one in
 *   PGLITE_DIR (default ./data/pglite), which must already exist (`npm run demo` builds it), closed
 *   when the notebook ends;
 * - output: `step` prints a numbered heading, `show` a finding through the workspace formatter (the
 *   text the REPL prints; `label: value` on one line when it fits one), `report` writes a result's HTML report into the output folder and prints
 *   `report: <absolute path>`, the line a reader (or a test) looks for.
 * Expected errors (bad flags, no database, bad input) are one line and exit 2 (scripts/lib/cli.ts).
 */
import { join } from "node:path";
import { openDatabase } from "../../src/db/index.ts";
import { formatResult, workspace, type Workspace } from "../../src/workspace/index.ts";
import { parseCli, runCli } from "../../scripts/lib/cli.ts";

/** The demo database's market and the range its notebooks study (`npm run demo`: KR, 2024-10-28 … 2025-10-10). */
export const DEMO = { region: "KR", from: "2025-01-01", to: "2025-10-10" } as const;

export interface Notebook extends Workspace {
  /** The folder reports are written to. */
  readonly out: string;
  step(title: string): void;
  show(label: string, value: unknown): void;
  /** Writes `result`'s HTML report as `file` in the output folder; prints and returns its path. */
  report(result: unknown, file: string): Promise<string>;
}

export function runNotebook(name: string, question: string, main: (notebook: Notebook) => Promise<void>): void {
  const help = `Usage: npx tsx notebooks/${name}.ts [--out DIR]

${question}

  --out DIR   where the HTML reports go (default: NOTEBOOK_OUT, else ./reports)
  --help      show this help

Database: DATABASE_URL=postgres://…, else the embedded database in PGLITE_DIR (default ./data/pglite;
build it with npm run demo).`;
  runCli(async () => {
    const flags = parseCli({ out: { type: "string" } }, help);
    if (!flags) return;
    const out = flags.out ?? (process.env.NOTEBOOK_OUT || "./reports");
    const database = await openDatabase({ mustExist: true });
    let steps = 0;
    try {
      const ws = workspace(database);
      await main({
        ...ws,
        out,
        step: (title) => console.log(`\n## ${++steps}. ${title}`),
        show(label, value) {
          const text = formatResult(value);
          console.log(text.includes("\n") ? `${label}:\n${text}` : `${label}: ${text}`);
        },
        async report(result, file) {
          const path = await ws.report(result, join(out, file));
          console.log(`report: ${path}`);
          return path;
        },
      });
    } finally {
      await database.close();
    }
  });
}
