/**
 * The code that produced a result, for research records: the package version and, when the code runs
 * from a git checkout, the commit (`0.1.0+2aed2e9c1f3b`). Read from files, never by running git.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function codeVersion(): string {
  if (cached !== undefined) return cached;
  const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const commit = gitCommit(join(root, ".git"));
  cached = commit ? `${version}+${commit.slice(0, 12)}` : version;
  return cached;
}

function gitCommit(gitDir: string): string | undefined {
  try {
    const head = readFileSync(join(gitDir, "HEAD"), "utf8").trim();
    if (!head.startsWith("ref: ")) return head;
    const ref = head.slice(5);
    if (existsSync(join(gitDir, ref))) return readFileSync(join(gitDir, ref), "utf8").trim();
    const packed = readFileSync(join(gitDir, "packed-refs"), "utf8");
    return packed.split("\n").find((line) => line.endsWith(` ${ref}`))?.split(" ")[0];
  } catch {
    return undefined;
  }
}
