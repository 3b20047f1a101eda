/**
 * Fresh, empty target databases for the benchmarks: a temporary PGlite directory always, a scratch
 * database on the server at DATABASE_URL (or the URL given) when it is set (created per use, dropped after).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createScratchDatabase } from "../../src/db/scratch-database.ts";

export interface FreshTarget {
  name: "pglite" | "postgres";
  /** A fresh empty database (no schema yet); `drop()` removes it. */
  fresh(): Promise<{ options: { url?: string; dir?: string }; drop(): Promise<void> }>;
}

/**
 * The engines named in `wanted` that this machine offers; `prefix` names the throwaway databases,
 * created on the server at `serverUrl` (default DATABASE_URL).
 */
export function freshTargets(wanted: readonly string[], prefix: string, serverUrl = process.env.DATABASE_URL): FreshTarget[] {
  const out: FreshTarget[] = [];
  if (wanted.includes("pglite")) {
    out.push({
      name: "pglite",
      async fresh() {
        const dir = mkdtempSync(join(tmpdir(), `${prefix}_`));
        return { options: { dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    });
  }
  if (wanted.includes("postgres") && serverUrl) {
    out.push({
      name: "postgres",
      async fresh() {
        const { url, drop } = await createScratchDatabase(serverUrl, prefix);
        return { options: { url }, drop };
      },
    });
  }
  return out;
}
