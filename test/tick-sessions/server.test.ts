/**
 * The sessions API over HTTP: 200 concurrent requests on the ticks endpoint (each a different page
 * of ETH_USDT, reached by its cursor) all complete with exactly their page, on both engines; and
 * `scripts/serve.ts` as a user runs it (listening on 127.0.0.1, stopping on SIGTERM with exit 0; bad
 * flags, a port in use and a missing database are one line, exit 2).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { serveSessions } from "../../src/server/serve.ts";
import { formatInstant } from "../../src/util/instants.ts";
import { withDatabaseIn } from "../embedded-script.ts";
import { describeEachEngine } from "../engines.ts";
import { tickJson } from "./expected.ts";
import { ETH_TICKS, SESSION_A, seedTickSessions } from "./fixture.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describeEachEngine("ticks endpoint under load", (db) => {
  it("200 concurrent page requests each return exactly their page", async () => {
    await seedTickSessions(db());
    const server = await serveSessions({ database: db(), port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const limit = 12;
      const pages = Array.from({ length: 200 }, (_, page) => {
        const before = page === 0 ? undefined : ETH_TICKS[page * limit - 1];
        const cursor = before === undefined ? "" : `&cursor=${before.ts}_${before.seq}`;
        return fetch(`${server.url}/api/data-collection/${SESSION_A}/ticks?symbol=ETH_USDT&limit=${limit}${cursor}`).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
      });
      const answers = await Promise.all(pages);
      answers.forEach(({ status, body }, page) => {
        expect(status).toBe(200);
        const expected = ETH_TICKS.slice(page * limit, (page + 1) * limit);
        expect(body.ticks).toEqual(expected.map(tickJson));
        const last = expected[limit - 1];
        expect(body.next_cursor).toBe(`${last.ts}_${last.seq}`);
      });
      expect(answers.flatMap((a) => a.body.ticks).map((t: any) => t.timestamp)).toEqual(ETH_TICKS.slice(0, 2400).map((t) => formatInstant(t.ts)));
    } finally {
      await server.close();
    }
  });
});

/** `npx tsx scripts/serve.ts …` on the embedded database in `dir` (DATABASE_URL cleared). */
function serveScript(args: readonly string[], dir: string) {
  const env: Record<string, string | undefined> = { ...process.env, PGLITE_DIR: dir, TZ: "UTC" };
  delete env.DATABASE_URL;
  return { env, command: ["tsx", "scripts/serve.ts", ...args] };
}

function runToEnd(args: readonly string[], dir: string) {
  const { env, command } = serveScript(args, dir);
  const result = spawnSync("npx", command, { cwd: ROOT, encoding: "utf8", env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("npm warn")) };
}

describe("scripts/serve.ts", () => {
  const dir = mkdtempSync(join(tmpdir(), "serve-"));

  it("serves the stored sessions on 127.0.0.1 until SIGTERM, then exits 0", async () => {
    await withDatabaseIn(dir, seedTickSessions);
    const { env, command } = serveScript(["--port", "0"], dir);
    const child = spawn("node", ["--import", "tsx", ...command.slice(1)], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        const match = /serving tick sessions at (http:\/\/127\.0\.0\.1:\d+)\/ \(Ctrl-C stops\)\n/.exec(stdout);
        if (match) resolve(match[1]);
      });
      child.on("exit", (code) => reject(new Error(`serve.ts exited ${code} before listening: ${stderr}`)));
    });
    const list = (await (await fetch(`${url}/api/data-collection/sessions?limit=2`)).json()) as any;
    expect(list.sessions.map((s: any) => s.session_id)).toEqual(["exec_20251008_090000_0badf00d", SESSION_A]);
    const page = await fetch(`${url}/`);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(stderr).toBe("");
  });

  it("a port in use is one line, exit 2", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = runToEnd(["--port", String(port)], dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toEqual([`error: port ${port} on 127.0.0.1 is in use: pick another with --port`]);
    } finally {
      blocker.close();
    }
  });

  it("bad flags and a missing database are one line, exit 2", () => {
    expect(runToEnd(["--port", "http"], dir)).toMatchObject({ status: 2, stderr: ['error: --port must be an integer ≥ 0, got "http"'] });
    expect(runToEnd(["--port", "70000"], dir)).toMatchObject({ status: 2, stderr: ["error: port must be a whole number from 0 to 65535, got 70000"] });
    expect(runToEnd(["--verbose"], dir)).toMatchObject({ status: 2, stderr: ["error: Unknown option '--verbose'; see --help"] });
    const missing = join(dir, "nothing-here");
    expect(runToEnd(["--port", "0"], missing)).toMatchObject({
      status: 2,
      stderr: [`error: no embedded database in ${missing}: the directory does not exist; check PGLITE_DIR (relative paths start from the current directory) or load data first (npm run db:migrate, a loader)`],
    });
  });
});
