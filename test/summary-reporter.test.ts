import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

it("counts the tests of a suite whose hook failed as failed, not skipped", () => {
  const run = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--config", "test/fixtures/summary-reporter/vitest.config.ts"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(run.status).toBe(1);
  expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("1 passed, 3 failed");
});
