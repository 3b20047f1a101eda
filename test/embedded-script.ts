/**
 * Running a script as a user would, on a throwaway embedded database: `npx tsx scripts/NAME.ts` with
 * PGLITE_DIR set and DATABASE_URL cleared, and opening that directory around a check.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { openDatabase, type Database } from "../src/db/index.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

export function runScript(script: string, args: readonly string[], dir: string) {
  const env: Record<string, string | undefined> = { ...process.env, PGLITE_DIR: dir, TZ: "UTC" };
  delete env.DATABASE_URL;
  const result = spawnSync("npx", ["tsx", script, ...args], { cwd: root, encoding: "utf8", env });
  // npm may print its own configuration warnings; they are not the script's output.
  const stderr = result.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("npm warn"));
  return { status: result.status, stdout: result.stdout, stderr };
}

/** `work` on the embedded database in `dir`, closed after (one process per directory). */
export async function withDatabaseIn<T>(dir: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dir });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
