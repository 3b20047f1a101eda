/**
 * Opening a source SQLite file, read-only, and refusing it before anything is written when it cannot
 * be read whole: missing, not SQLite, corrupt (PRAGMA quick_check: the whole file is checked up
 * front, so a bad page cannot stop a load half-way), locked by a writer, without any known table,
 * or with a known table that lacks a column the loader needs. Each refusal is one `InputError` line.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { resolve } from "node:path";
import Sqlite from "better-sqlite3";
import { LAYOUTS, recognise, type Recognised } from "./layouts/index.ts";
import { InputError } from "../../errors.ts";

export interface SourceFile extends Recognised {
  /** Absolute path: how runs of the same file are found again (`--resume`, validation). */
  path: string;
  size: number;
  mtimeMs: number;
  db: Sqlite.Database;
  close(): void;
}

const HEADER = "SQLite format 3\u0000";
/** How long to wait for a writer's lock before calling the file locked. */
const BUSY_TIMEOUT_MS = 2_000;

function readHeader(path: string): string {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(HEADER.length);
    const n = readSync(fd, buffer, 0, HEADER.length, 0);
    return buffer.subarray(0, n).toString("latin1");
  } finally {
    closeSync(fd);
  }
}

function explain(err: unknown, path: string): InputError {
  const code = (err as { code?: string }).code ?? "";
  const message = (err as Error).message;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return new InputError(`source ${path} is locked by another process (close the program writing to it, then retry)`);
  }
  if (code.startsWith("SQLITE_CORRUPT") || code.startsWith("SQLITE_NOTADB")) {
    return new InputError(`source ${path} is corrupt (${message}); restore it from a backup or repair it with sqlite3 .recover`);
  }
  return new InputError(`cannot read source ${path}: ${message}`);
}

export function openSource(given: string): SourceFile {
  const path = resolve(given);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new InputError(`source file not found: ${given} (pass the path of a Spock or Stockula SQLite file)`);
  }
  if (!stat.isFile()) throw new InputError(`source ${given} is not a file`);
  if (stat.size > 0 && readHeader(path) !== HEADER) {
    throw new InputError(`source ${given} is not a SQLite database (expected Spock's spock_local.db or Stockula's stockula.db)`);
  }

  const db = new Sqlite(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const check = (db.pragma("quick_check") as { quick_check: string }[]).flatMap((r) => r.quick_check.split("\n"));
    if (check[0] !== "ok") {
      const problems = check.filter((line) => !line.startsWith("***"));
      const more = problems.length > 1 ? `, and ${problems.length - 1} more problems` : "";
      throw new InputError(`source ${given} is corrupt (${problems[0]}${more}); restore it from a backup or repair it with sqlite3 .recover`);
    }
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[]);
    const recognised = recognise(tables);
    if (!recognised) {
      const known = LAYOUTS.map((l) => `${l.name}: ${l.tables.map((t) => t.source).join(", ")}`).join("; ");
      throw new InputError(`source ${given} has none of the tables the loader knows (${known})`);
    }
    for (const spec of recognised.present) {
      const columns = new Set((db.pragma(`table_info("${spec.source}")`) as { name: string }[]).map((c) => c.name));
      const missing = spec.required.filter((c) => !columns.has(c));
      if (missing.length > 0) throw new InputError(`source table ${spec.source} lacks column(s) ${missing.join(", ")}; is ${given} a ${recognised.layout.name} file?`);
    }
    return { ...recognised, path, size: stat.size, mtimeMs: stat.mtimeMs, db, close: () => db.close() };
  } catch (err) {
    db.close();
    throw err instanceof InputError ? err : explain(err, given);
  }
}
