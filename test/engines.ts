/**
 * The engines every storage test runs against: the embedded PGlite + TimescaleDB engine always, and a
 * real PostgreSQL server when TEST_DATABASE_URL is set (as .ci/run does). Each suite gets a database
 * of its own (a fresh in-memory PGlite, or a fresh database created on the server and dropped after),
 * so test files can run in parallel.
 */
import { afterAll, beforeAll, describe } from "vitest";
import postgres from "postgres";
import { openDatabase, type Database } from "../src/db/index.ts";

export interface TestEngine {
  name: "pglite" | "postgres";
  /** A fresh, migrated database; `close()` also drops it on the server. */
  open(): Promise<Database>;
}

let counter = 0;

/** Create a throwaway database on the TEST_DATABASE_URL server; returns its URL and a dropper. */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export const engines: TestEngine[] = [
  { name: "pglite", open: () => openDatabase({ dir: "memory://" }) },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: "postgres" as const,
          async open() {
            const server = await createServerDatabase();
            const database = await openDatabase({ url: server.url });
            const close = database.close;
            return Object.assign(database, {
              close: async () => {
                await close();
                await server.drop();
              },
            });
          },
        },
      ]
    : []),
];

/** Run the same suite once per engine, each with its own fresh database. */
export function describeEachEngine(title: string, suite: (db: () => Database, engine: TestEngine) => void): void {
  for (const engine of engines) {
    describe(`${title} [${engine.name}]`, () => {
      let database: Database;
      beforeAll(async () => {
        database = await engine.open();
      });
      afterAll(async () => {
        await database?.close();
      });
      suite(() => database, engine);
    });
  }
}
