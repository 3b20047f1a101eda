/**
 * scripts/test-postgres.sh gives the suite a PostgreSQL cluster of its own: a data directory inside
 * the directory it is given, listening on 127.0.0.1 only, with max_wal_size set there, and `stop`
 * leaves neither the server process nor the directory behind.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { afterAll, expect, test } from "vitest";
import { openDatabase } from "../../src/db/index.ts";

const script = new URL("../../scripts/test-postgres.sh", import.meta.url).pathname;
const dir = mkdtempSync("/tmp/quant-test-postgres.");
afterAll(() => execFileSync("bash", [script, "stop", dir]));

test("start makes, configures and serves a cluster inside its directory; stop removes it", async () => {
  const url = execFileSync("bash", [script, "start", dir], { encoding: "utf8" }).trim();
  const { hostname, port, pathname } = new URL(url);
  expect([hostname, pathname]).toEqual(["127.0.0.1", "/quant_test"]);
  const pid = Number(readFileSync(`${dir}/data/postmaster.pid`, "utf8").split("\n")[0]);
  expect(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")).toContain(`${dir}/data`);

  const database = await openDatabase({ url, migrate: false });
  try {
    const [settings] = await database.query<Record<string, string>>(
      `SELECT current_setting('data_directory') AS data_directory, current_setting('port') AS port,
              current_setting('listen_addresses') AS listen_addresses,
              current_setting('max_wal_size') AS max_wal_size, current_setting('unix_socket_directories') AS sockets`,
    );
    expect(settings).toEqual({
      data_directory: `${dir}/data`,
      port,
      listen_addresses: "127.0.0.1",
      max_wal_size: "8GB",
      sockets: dir,
    });
  } finally {
    await database.close();
  }

  execFileSync("bash", [script, "stop", dir]);
  expect(existsSync(dir)).toBe(false);
  // pg_ctl returns once the pid file is gone; the process may still be exiting for a moment.
  for (let tries = 0; tries < 100 && running(pid); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(running(pid)).toBe(false);
});

/** A process that exists and is not a zombie (an exited server whose parent, maybe a pid 1 that reaps nothing, has not collected it yet). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
