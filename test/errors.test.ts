import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DatabaseError } from "../src/db/errors.ts";
import { InputError, isExpectedError, PlatformError } from "../src/errors.ts";
import { JobLockedError } from "../src/factors/jobs/job-lock.ts";
import { UnmappedSymbolError } from "../src/ingest/symbols.ts";
import { ChartError } from "../src/ingest/yahoo/client.ts";
import { OptimizationError } from "../src/optimize/errors.ts";
import { PriceCsvError } from "../src/optimize/price-csv.ts";

describe("the error family", () => {
  it("every expected failure is a PlatformError with a code", () => {
    const errors = [
      new InputError("--from is required"),
      new DatabaseError("cannot connect", "ECONNREFUSED", "localhost:1/x"),
      new DatabaseError("no code from the driver", undefined, "./data/pglite"),
      new OptimizationError("infeasible", "no portfolio satisfies the bounds"),
      new PriceCsvError("line 3: not a number"),
      new JobLockedError("compute-factors is already running"),
      new ChartError("Not Found", 1),
      new UnmappedSymbolError("no region for Yahoo suffix .L", "give one explicitly"),
    ];
    expect(errors.map((e) => [e.name, e.code, e instanceof PlatformError, isExpectedError(e)])).toEqual([
      ["InputError", "bad-input", true, true],
      ["DatabaseError", "ECONNREFUSED", true, true],
      ["DatabaseError", "database", true, true],
      ["OptimizationError", "infeasible", true, true],
      ["PriceCsvError", "bad-csv", true, true],
      ["JobLockedError", "locked", true, true],
      ["ChartError", "yahoo", true, true],
      ["UnmappedSymbolError", "unmapped-symbol", true, true],
    ]);
  });

  it("carries the context to reproduce a failure, never a bug's flag", () => {
    const err = new DatabaseError("cannot connect", "28P01", "db.example:5432/quant");
    expect(err.context).toEqual({ target: "db.example:5432/quant" });
    expect(isExpectedError(new PlatformError("invariant", "accounting does not balance", { expected: false }))).toBe(false);
    expect(isExpectedError(new TypeError("x is undefined"))).toBe(false);
  });
});

/** Run `body` as a script's main through runCli and return what the process did. */
function runCliWith(body: string) {
  const code = `import { runCli } from "./scripts/lib/cli.ts"; import * as errors from "./src/errors.ts"; runCli(async () => { ${body} });`;
  const result = spawnSync("npx", ["tsx", "--eval", code], { encoding: "utf8", env: { ...process.env, TZ: "UTC" } });
  return { status: result.status, stderr: result.stderr };
}

describe("runCli", () => {
  it("prints an expected failure as one line and exits 2", () => {
    expect(runCliWith(`throw new errors.InputError("--from 2024-02-30 is not a date; write YYYY-MM-DD");`)).toEqual({
      status: 2,
      stderr: "error: --from 2024-02-30 is not a date; write YYYY-MM-DD\n",
    });
  });

  it("prints a bug with its stack and exits 1", () => {
    const { status, stderr } = runCliWith(`throw new errors.PlatformError("invariant", "accounting does not balance", { expected: false });`);
    expect(status).toBe(1);
    expect(stderr.split("\n")[0]).toBe("PlatformError: accounting does not balance");
    expect(stderr).toMatch(/\n {4}at /);
  });

  it("exits with the code main returns", () => {
    expect(runCliWith("return 1;")).toEqual({ status: 1, stderr: "" });
  });
});
