import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateTickSessions } from "../../../src/synthetic/tick-sessions.ts";
import { runCli, type CliResult } from "../sqlite/cli.ts";
import { scratchDir } from "../sqlite/targets.ts";

const dir = scratchDir("sessions-bad-input-");
/** An embedded target that must still not exist after each refused run: nothing written. */
const untouched = join(dir, "never-created");
const env = { PGLITE_DIR: untouched };
const good = generateTickSessions(join(dir, "good"), { seed: 3, trades: 20, snapshots: 10, indicatorValues: 15 });
const firstId = good.sessions[0].sessionId;

const oneLine = (r: CliResult) => ({ code: r.code, stdout: r.stdout, lines: r.stderr.split("\n").filter((l) => l !== "").length });

/** A data folder holding one session whose `file` (relative to the session folder) has `content`. */
function sessionWith(name: string, file: string, content: string): string {
  const root = join(dir, name);
  const session = join(root, "session_exec_20251007_120000_00000001");
  mkdirSync(join(session, file, ".."), { recursive: true });
  writeFileSync(join(session, file), content);
  return root;
}

describe("migrate-csv-sessions bad input: one line on stderr, exit code 2, nothing written", () => {
  const results: Record<string, CliResult> = {};
  const path: Record<string, string> = {};

  beforeAll(async () => {
    path.file = join(dir, "a-file.txt");
    writeFileSync(path.file, "not a folder\n");
    path.empty = join(dir, "no-sessions");
    mkdirSync(join(path.empty, "exports"), { recursive: true });
    writeFileSync(join(path.empty, "session_list.txt"), "exec_20251007_120000_00000001\n");
    path.header = sessionWith("bad-header", "BTC_USDT/prices.csv", "time,price,volume\n1759838400.5,1,1\n");
    path.indicator = sessionWith("bad-indicator", "BTC_USDT/indicators/twpa_1.csv", "timestamp,score\n1759838400,1\n");
    path.metadata = sessionWith("bad-metadata", "session_metadata.json", "{ exchange: mexc }");

    const cases: Record<string, [string[], Record<string, string>]> = {
      missing: [["--data-dir", join(dir, "nowhere")], env],
      notDir: [["--data-dir", path.file], env],
      noSessions: [["--data-dir", path.empty], env],
      unknownSession: [["--data-dir", good.dir, "--session", firstId, "--session", "exec_20990101_000000_deadbeef"], env],
      badHeader: [["--data-dir", path.header], env],
      badIndicatorHeader: [["--data-dir", path.indicator], env],
      badMetadata: [["--data-dir", path.metadata], env],
      unreachable: [["--data-dir", good.dir, "--json"], { DATABASE_URL: "postgres://postgres:secret@127.0.0.1:1/quant" }],
      noDataDir: [["--json"], env],
      resumeWithSession: [["--data-dir", good.dir, "--resume", "--session", firstId], env],
      resumeNothing: [["--data-dir", good.dir, "--resume"], env],
      badBatch: [["--data-dir", good.dir, "--batch-size", "0"], env],
      unknownFlag: [["--data-dir", good.dir, "--source", good.dir], env],
    };
    const runs = await Promise.all(Object.entries(cases).map(async ([name, [args, e]]) => [name, await runCli("migrate-csv-sessions.ts", args, e)] as const));
    for (const [name, result] of runs) results[name] = result;
  });

  it("each case is one line and exit code 2, and nothing was written", () => {
    for (const [name, result] of Object.entries(results)) expect(oneLine(result), name).toEqual({ code: 2, stdout: "", lines: 1 });
    expect(existsSync(untouched)).toBe(false);
  });

  it("a data folder that is missing, not a folder, or holds no session", () => {
    expect(results.missing.stderr).toBe(`error: data directory not found: ${join(dir, "nowhere")} (pass the folder that holds the session_* folders)\n`);
    expect(results.notDir.stderr).toBe(`error: ${path.file} is not a directory (pass the folder that holds the session_* folders)\n`);
    expect(results.noSessions.stderr).toBe(`error: no sessions in ${path.empty}: no session_* folders there\n`);
  });

  it("an unknown --session names the folder it looked for and the sessions there", () => {
    const ids = good.sessions.map((s) => s.sessionId).join(", ");
    expect(results.unknownSession.stderr).toBe(`error: --session exec_20990101_000000_deadbeef: no folder session_exec_20990101_000000_deadbeef in ${good.dir} (its sessions: ${ids})\n`);
  });

  it("a file whose header is not its kind's, or metadata that is not JSON", () => {
    const session = "session_exec_20251007_120000_00000001";
    expect(results.badHeader.stderr).toBe(
      `error: ${join(path.header, session, "BTC_USDT/prices.csv")}: unknown header "time,price,volume" (expected timestamp,price,volume,quote_volume)\n`,
    );
    expect(results.badIndicatorHeader.stderr).toBe(
      `error: ${join(path.indicator, session, "BTC_USDT/indicators/twpa_1.csv")}: unknown header "timestamp,score" (expected timestamp,value[,confidence][,metadata])\n`,
    );
    expect(results.badMetadata.stderr).toMatch(new RegExp(`^error: ${join(path.metadata, session, "session_metadata.json")} is not valid JSON \\(.+\\)\\n$`));
  });

  it("an unreachable database, and flags that are missing or contradict each other", () => {
    expect(results.unreachable.stderr).toMatch(/^error: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/quant: .+\n$/);
    expect(results.unreachable.stderr).not.toContain("secret");
    expect(results.noDataDir.stderr).toBe("error: --data-dir DIR is required; see --help\n");
    expect(results.resumeWithSession.stderr).toBe("error: --resume continues the interrupted run with its own sessions and batch size; drop --session\n");
    expect(results.resumeNothing.stderr).toBe(
      `error: no embedded database in ${untouched}: the directory does not exist; check PGLITE_DIR (relative paths start from the current directory) or load data first (npm run db:migrate, a loader)\n`,
    );
    expect(results.badBatch.stderr).toBe("error: --batch-size must be a positive integer, got 0\n");
    expect(results.unknownFlag.stderr).toMatch(/^error: Unknown option '--source'.*; see --help\n$/);
  });
});
