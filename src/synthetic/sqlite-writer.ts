/**
 * Writing a sample SQLite file: a fresh file built under a temporary name and renamed into place, so
 * a half-written sample never sits at the requested path. Rows are positional arrays; NaN is written
 * as NULL (SQLite would do the same, this just makes it explicit).
 */
import { renameSync, rmSync } from "node:fs";
import Sqlite from "better-sqlite3";

export type Insert = (values: readonly unknown[]) => void;

export interface SampleWriter {
  table(name: string, columns: readonly string[]): Insert;
  /** Rows written per table. */
  readonly counts: Record<string, number>;
}

export function writeSqliteFile(path: string, ddl: string, fill: (writer: SampleWriter) => void): Record<string, number> {
  const building = `${path}.building`;
  rmSync(building, { force: true });
  const db = new Sqlite(building);
  const counts: Record<string, number> = {};
  try {
    // Built in one go by one process: no journal needed until the file is complete.
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    db.exec(ddl);
    const writer: SampleWriter = {
      counts,
      table(name, columns) {
        const statement = db.prepare(`INSERT INTO ${name} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
        counts[name] ??= 0;
        return (values) => {
          statement.run(values.map((v) => (typeof v === "number" && Number.isNaN(v) ? null : v)));
          counts[name]++;
        };
      },
    };
    db.transaction(() => fill(writer))();
    db.pragma("journal_mode = DELETE");
    db.close();
  } catch (err) {
    db.close();
    rmSync(building, { force: true });
    throw err;
  }
  rmSync(path, { force: true });
  renameSync(building, path);
  return counts;
}
