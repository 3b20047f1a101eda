/**
 * Load targets for the migration tests: the embedded engine in a fresh temporary directory (on disk,
 * so a child process and a later `openDatabase` see the same data), and, when TEST_DATABASE_URL is
 * set, a fresh database `t_migrate_…` on that server. `drop()` removes either.
 */
import { createScratchDatabase } from "../../../src/db/scratch-database.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { openDatabase, type Database } from "../../../src/db/index.ts";

export interface Target {
  /** For `migrateFromSqlite({ target })` and `openDatabase()`. */
  options: { url?: string; dir?: string };
  /** Environment for a child process writing to this target. */
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

export interface TargetKind {
  name: "pglite" | "postgres";
  create(): Promise<Target>;
}

async function serverTarget(): Promise<Target> {
  const { url, drop } = await createScratchDatabase(process.env.TEST_DATABASE_URL!, "t_migrate");
  return { options: { url }, env: { DATABASE_URL: url }, open: () => openDatabase({ url }), drop };
}

function embeddedTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), "t_migrate_"));
  return {
    options: { dir },
    env: { PGLITE_DIR: dir },
    open: () => openDatabase({ dir }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const targetKinds: TargetKind[] = [
  { name: "pglite", create: async () => embeddedTarget() },
  ...(process.env.TEST_DATABASE_URL ? [{ name: "postgres" as const, create: serverTarget }] : []),
];

/** A temporary directory, removed when the test file finishes (call at the top level of a file). */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The environment of a child process, without any target of the parent's own. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.PGLITE_DIR;
  return { ...env, ...extra };
}
