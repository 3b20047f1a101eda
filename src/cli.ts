/**
 * Shared command-line plumbing for `scripts/*.ts`.
 *
 * Conventions: an expected failure (bad flag, unreadable input, infeasible request) is a
 * `UsageError`: one line `error: <message>` on stderr and exit code 2, never a stack trace.
 * Anything else is a bug: its message goes to stderr and the exit code is 1.
 */

/** A failure caused by the caller's input; the message says what is wrong and what to do. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Runs a script's `main`, mapping failures to exit codes (2 = usage, 1 = unexpected). */
export function runCli(main: () => Promise<void> | void): void {
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`error: ${error.message}\n`);
        process.exitCode = 2;
        return;
      }
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}
