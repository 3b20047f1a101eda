/**
 * The engines every storage test runs against: the embedded PGlite + TimescaleDB engine always, and a
 * real PostgreSQL server when TEST_DATABASE_URL is set (as .ci/run does). Each suite gets a database
 * of its own (a fresh in-memory PGlite, or a fresh database created on the server and dropped after),
 * so test files can run in parallel.
 */
import { afterAll, beforeAll, describe } from "vitest";
import { openDatabase, type Database } from "../src/db/index.ts";
import { createScratchDatabase } from "../src/db/scratch-database.ts";

export interface TestEngine {
  name: "pglite" | "postgres";
  /** A fresh, migrated database; `close()` also drops it on the server. */
  open(): Promise<Database>;
}

export const engines: TestEngine[] = [
  { name: "pglite", open: () => openDatabase({ dir: "memory://" }) },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: "postgres" as const,
          async open() {
            const server = await createScratchDatabase(process.env.TEST_DATABASE_URL!, "t");
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
