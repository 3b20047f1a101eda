/**
 * Running the migration CLI as a child process, for tests that need its exit code, its stderr, or a
 * process to kill. `node --import tsx` runs the script in the child itself, so a signal reaches it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { childEnv } from "./targets.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startCli(script: string, args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<CliResult>; stderrSeen(text: string): Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", `scripts/${script}`, ...args], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => {
    stderr += d;
    for (const w of waiters.filter((w) => stderr.includes(w.text))) w.resolve();
  });
  const done = new Promise<CliResult>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return {
    child,
    done,
    stderrSeen: (text) =>
      new Promise<void>((resolve, reject) => {
        if (stderr.includes(text)) return resolve();
        waiters.push({ text, resolve });
        void done.then(() => reject(new Error(`process ended before printing ${JSON.stringify(text)}; stderr: ${stderr}`)));
      }),
  };
}

export function runCli(script: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return startCli(script, args, env).done;
}
