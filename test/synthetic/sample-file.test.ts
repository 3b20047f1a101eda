/**
 * The sample generator's refusals: an existing file without --force, a directory, an unwritable path,
 * options that are not plain integers within their bounds. Each is one line (InputError, exit 2 in the
 * script) with nothing written.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { writeSampleFile } from "../../src/synthetic/sample-file.ts";

const root = mkdtempSync(join(tmpdir(), "sample-file-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The message of the InputError `run` throws, or what happened instead. */
function refusal(run: () => unknown): string {
  try {
    return `no error: ${String(run())}`;
  } catch (err) {
    return err instanceof InputError ? err.message : `not an InputError: ${String(err)}`;
  }
}

describe("writeSampleFile", () => {
  const small = { layout: "spock", instruments: 40, days: 30 } as const;

  it("refuses to replace an existing file without force, and replaces it with force", () => {
    const path = join(root, "existing.db");
    writeFileSync(path, "keep me");
    expect(refusal(() => writeSampleFile({ ...small, path }))).toBe(`--out ${path} already exists; pass --force to replace it`);
    expect(readFileSync(path, "utf8")).toBe("keep me");
    const tables = writeSampleFile({ ...small, path, force: true });
    expect(tables.tickers).toBe(29); // seed 42's tickers table for 40 priced instruments
    expect(readFileSync(path).subarray(0, 15).toString()).toBe("SQLite format 3");
  });

  it("refuses a directory, and a path under a file, writing nothing", () => {
    expect(refusal(() => writeSampleFile({ ...small, path: root }))).toBe(
      `--out ${root} is a directory; give a file path, e.g. --out ${root}/sample.db`,
    );
    const file = join(root, "plain-file");
    writeFileSync(file, "");
    expect(refusal(() => writeSampleFile({ ...small, path: join(file, "sample.db") }))).toMatch(
      new RegExp(`^cannot write ${join(file, "sample.db")}: .* \\((ENOTDIR|EEXIST)\\)$`),
    );
    expect(statSync(file).size).toBe(0);
    expect(readdirSync(root).sort()).toEqual(["existing.db", "plain-file"]);
  });

  it("bounds every option and takes only plain decimal integers", () => {
    const path = join(root, "never.db");
    const cases: [Parameters<typeof writeSampleFile>[0], string][] = [
      [{ layout: "spock", path, days: "1e9" }, '--days must be an integer from 30 to 5000, got "1e9"'],
      [{ layout: "spock", path, days: 1e9 }, "--days must be an integer from 30 to 5000, got 1000000000"],
      [{ layout: "spock", path, days: "0x10" }, '--days must be an integer from 30 to 5000, got "0x10"'],
      [{ layout: "spock", path, days: "29" }, '--days must be an integer from 30 to 5000, got "29"'],
      [{ layout: "stockula", path, days: "100" }, '--days must be an integer from 120 to 5000, got "100"'],
      [{ layout: "spock", path, instruments: "39" }, '--instruments must be an integer from 40 to 10000, got "39"'],
      [{ layout: "spock", path, instruments: "10001" }, '--instruments must be an integer from 40 to 10000, got "10001"'],
      [{ layout: "spock", path, seed: "-1" }, '--seed must be an integer from 0 to 4294967295, got "-1"'],
      [{ layout: "spock", path, seed: "4.5" }, '--seed must be an integer from 0 to 4294967295, got "4.5"'],
      [{ layout: "stockula", path, instruments: "50" }, "--instruments applies to the spock layout only"],
      [{ layout: "spock", path: "" }, "--out needs a file path, e.g. --out data/spock_sample.db"],
    ];
    expect(cases.map(([request]) => refusal(() => writeSampleFile(request)))).toEqual(cases.map(([, message]) => message));
    expect(readdirSync(root)).not.toContain("never.db");
  });
});

describe("scripts/generate-sample-sqlite.ts", () => {
  const generate = (args: string[]) => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/generate-sample-sqlite.ts", ...args], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      encoding: "utf8",
    });
    return [run.status, run.stdout, run.stderr];
  };

  it("an existing file, a directory, --days 1e9: one line each, exit 2", () => {
    const path = join(root, "cli.db");
    writeFileSync(path, "keep me");
    expect(generate(["--out", path])).toEqual([2, "", `error: --out ${path} already exists; pass --force to replace it\n`]);
    expect(generate(["--out", root])).toEqual([2, "", `error: --out ${root} is a directory; give a file path, e.g. --out ${root}/sample.db\n`]);
    expect(generate(["--out", join(root, "x.db"), "--days", "1e9"])).toEqual([2, "", 'error: --days must be an integer from 30 to 5000, got "1e9"\n']);
    expect(readFileSync(path, "utf8")).toBe("keep me");
  });
});
