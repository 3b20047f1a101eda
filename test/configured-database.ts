/**
 * Tests of one-call library entries that open "the configured database" themselves (DATABASE_URL,
 * else PGLITE_DIR): point it at an embedded directory for one test; the environment is restored
 * after each test of the file.
 */
import { afterEach } from "vitest";

const saved = { DATABASE_URL: process.env.DATABASE_URL, PGLITE_DIR: process.env.PGLITE_DIR };

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Make the embedded database in `dir` the configured one until the test ends. */
export function configureDatabase(dir: string): void {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = dir;
}
