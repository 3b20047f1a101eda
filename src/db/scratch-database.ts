/**
 * Throwaway databases on a PostgreSQL server, for tests and benchmarks: created empty under a
 * unique name next to the database `baseUrl` names, and dropped (connections forced off) after.
 */
import postgres from "postgres";
import { connectionFailure } from "./errors.ts";

export interface ScratchDatabase {
  /** URL of the new database (same server and credentials as the base URL). */
  url: string;
  drop(): Promise<void>;
}

let counter = 0;

async function asAdmin(baseUrl: string, statement: string): Promise<void> {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    // A server that cannot be reached is one line (exit 2 in scripts), not the driver's stack.
    await admin`SELECT 1`.catch((err: unknown) => {
      throw connectionFailure(baseUrl, err);
    });
    await admin.unsafe(statement);
  } finally {
    await admin.end();
  }
}

/** `prefix` must be a plain identifier; the process id and a counter make the name unique. */
export async function createScratchDatabase(baseUrl: string, prefix: string): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error(`scratch database prefix must be a lowercase identifier, got "${prefix}"`);
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await asAdmin(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asAdmin(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
