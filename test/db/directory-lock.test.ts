/**
 * One process per embedded data directory, with real processes (test/db/fixtures/embedded-client.ts
 * run by `node --import tsx`): a second writer or a writer beside an open reader is refused with one
 * line naming the holder and the directory stays whole; a lock left by a process killed with kill -9
 * is cleared by the next opener, also when two openers find it at once; a lock whose holder lives is
 * never cleared; SIGINT and SIGTERM release the lock; `npm run` starts the worker as npm's own child.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/index.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = join(root, "test/db/fixtures/embedded-client.ts");
const base = mkdtempSync(join(tmpdir(), "directory-lock-"));
const dir = join(base, "db");
const lockFile = `${dir}.lock`;

interface Client {
  child: ChildProcessWithoutNullStreams;
  /** Resolves when the client prints `line` (true), or exits first (false). */
  printed(line: string): Promise<boolean>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string[] }>;
}

function client(...args: string[]): Client {
  const child = spawn(process.execPath, ["--import", "tsx", fixture, ...args], { cwd: root, env: { ...process.env, TZ: "UTC" } });
  let stdout = "";
  let stderr = "";
  const waiting: Array<() => void> = [];
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    for (const check of waiting) check();
  });
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exit = new Promise<Awaited<Client["exit"]>>((done) =>
    child.on("close", (code, signal) => {
      for (const check of waiting) check();
      done({ code, signal, stdout, stderr: stderr.split("\n").filter((line) => line !== "") });
    }),
  );
  const printed = (line: string) =>
    new Promise<boolean>((done) => {
      const check = () => {
        if (stdout.split("\n").includes(line)) done(true);
        else if (child.exitCode !== null || child.signalCode !== null) done(false);
      };
      waiting.push(check);
      check();
    });
  return { child, printed, exit };
}

const command = (...args: string[]) => `${process.execPath} ${fixture} ${args.join(" ")}`;

function refusal(pid: number, ...args: string[]): RegExp {
  const escaped = `error: the embedded database in ${dir} is in use by process ${pid} (\`${command(...args)}\`, on ${hostname()} since `.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\); one process at a time: wait for it or stop it$`);
}

async function countRows(): Promise<number> {
  const database = await openDatabase({ dir, migrate: false });
  try {
    const [{ n }] = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM lock_probe");
    return n;
  } finally {
    await database.close();
  }
}

describe("one process per embedded data directory", () => {
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it("a second writer is refused with one line naming the first, which finishes; the data is whole", async () => {
    const first = client("write", dir, "2000");
    expect(await first.printed("half")).toBe(true);
    const second = client("write", dir, "2000");
    const refused = await second.exit;
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toHaveLength(1);
    expect(refused.stderr[0]).toMatch(refusal(first.child.pid!, "write", dir, "2000"));
    first.child.stdin.end();
    const finished = await first.exit;
    expect([finished.code, finished.stdout, finished.stderr]).toEqual([0, `open ${first.child.pid}\nhalf\nwrote 2000\n`, []]);
    expect(existsSync(lockFile)).toBe(false);
    expect(await countRows()).toBe(2000);
  });

  it("a writer is refused while a reader holds the directory open, and runs once the reader has closed it", async () => {
    const reader = client("hold", dir);
    expect(await reader.printed(`open ${reader.child.pid}`)).toBe(true);
    const refused = await client("write", dir, "3000").exit;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toHaveLength(1);
    expect(refused.stderr[0]).toMatch(refusal(reader.child.pid!, "hold", dir));
    reader.child.stdin.end();
    expect((await reader.exit).code).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
    // The reader's open did not disturb the data; the refused writer wrote nothing.
    expect(await countRows()).toBe(2000);
  });

  it("the lock of a process killed with kill -9 is cleared by the next opener", async () => {
    const holder = client("hold", dir);
    expect(await holder.printed(`open ${holder.child.pid}`)).toBe(true);
    holder.child.kill("SIGKILL");
    expect((await holder.exit).signal).toBe("SIGKILL");
    expect(JSON.parse(readFileSync(lockFile, "utf8")).pid).toBe(holder.child.pid);
    const database = await openDatabase({ dir, migrate: false });
    try {
      expect(JSON.parse(readFileSync(lockFile, "utf8")).pid).toBe(process.pid);
      expect(await database.query("SELECT count(*)::int AS n FROM lock_probe")).toEqual([{ n: 2000 }]);
    } finally {
      await database.close();
    }
    expect(existsSync(lockFile)).toBe(false);
  });

  it("two openers that find one stale lock at once: exactly one takes it, the other is refused naming it", async () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(lockFile, JSON.stringify({ pid: dead, hostname: hostname(), started: "2026-01-01T00:00:00.000Z", startTicks: null, command: "killed" }));
    const [a, b] = [client("hold", dir), client("hold", dir)];
    const opened = await Promise.all([a.printed(`open ${a.child.pid}`), b.printed(`open ${b.child.pid}`)]);
    expect(opened.filter(Boolean)).toHaveLength(1);
    const [winner, loser] = opened[0] ? [a, b] : [b, a];
    const refused = await loser.exit;
    expect(refused.code).toBe(2);
    expect(refused.stderr[0]).toMatch(refusal(winner.child.pid!, "hold", dir));
    winner.child.stdin.end();
    expect((await winner.exit).code).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  });

  it("a lock whose holder lives, or that was taken on another host, is never cleared", async () => {
    const alive = spawn("sleep", ["60"]);
    try {
      const lock = JSON.stringify({ pid: alive.pid, hostname: hostname(), started: "2026-01-01T00:00:00.000Z", startTicks: null, command: "sleep 60" });
      writeFileSync(lockFile, lock);
      await expect(openDatabase({ dir, migrate: false })).rejects.toThrow(
        `the embedded database in ${dir} is in use by process ${alive.pid} (\`sleep 60\`, on ${hostname()} since 2026-01-01T00:00:00.000Z); one process at a time: wait for it or stop it`,
      );
      expect(readFileSync(lockFile, "utf8")).toBe(lock);
      const elsewhere = JSON.stringify({ pid: 999_999_999, hostname: "other-host", started: "2026-01-01T00:00:00.000Z", startTicks: null, command: "npm run demo" });
      writeFileSync(lockFile, elsewhere);
      await expect(openDatabase({ dir, migrate: false })).rejects.toThrow(`is in use by process 999999999 (\`npm run demo\`, on other-host since 2026-01-01T00:00:00.000Z)`);
      expect(readFileSync(lockFile, "utf8")).toBe(elsewhere);
    } finally {
      alive.kill();
      rmSync(lockFile);
    }
  });

  it("a live pid that started at another time is a reused pid, not the holder: its lock is stale", async () => {
    writeFileSync(lockFile, JSON.stringify({ pid: process.ppid, hostname: hostname(), started: "2026-01-01T00:00:00.000Z", startTicks: 1, command: "gone" }));
    const database = await openDatabase({ dir, migrate: false });
    await database.close();
    expect(existsSync(lockFile)).toBe(false);
  });

  it("the same process cannot open the directory twice", async () => {
    const database = await openDatabase({ dir, migrate: false });
    try {
      await expect(openDatabase({ dir, migrate: false })).rejects.toThrow(`the embedded database in ${dir} is in use by this process (\``);
    } finally {
      await database.close();
    }
  });

  it.each(["SIGINT", "SIGTERM"] as const)("%s ends the holder and releases its lock", async (signal) => {
    const holder = client("hold", dir);
    expect(await holder.printed(`open ${holder.child.pid}`)).toBe(true);
    holder.child.kill(signal);
    expect((await holder.exit).signal).toBe(signal);
    expect(existsSync(lockFile)).toBe(false);
  });

  it("npm run starts the worker as npm's own child, and SIGTERM to npm ends it and releases the lock", async () => {
    const fresh = join(base, "npm-run");
    const npm = spawn("npm", ["run", "--silent", "db:migrate"], { cwd: root, env: { ...process.env, PGLITE_DIR: fresh, DATABASE_URL: "", TZ: "UTC" } });
    const ended = new Promise<NodeJS.Signals | number | null>((done) => npm.on("close", (code, signal) => done(signal ?? code)));
    while (!existsSync(`${fresh}.lock`)) await new Promise((done) => setTimeout(done, 100));
    const holder = JSON.parse(readFileSync(`${fresh}.lock`, "utf8"));
    const stat = readFileSync(`/proc/${holder.pid}/stat`, "utf8");
    expect(Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])).toBe(npm.pid);
    expect(holder.command).toBe(`${process.execPath} ${join(root, "scripts/migrate.ts")}`);
    npm.kill("SIGTERM");
    expect(await ended).toBe("SIGTERM");
    expect(existsSync(`${fresh}.lock`)).toBe(false);
    expect(() => process.kill(holder.pid, 0)).toThrow();
  });
});
