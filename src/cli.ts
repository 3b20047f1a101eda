/**
 * Shared command-line plumbing: every script reports expected failures as one line and an exit code.
 *
 * Exit codes: 0 success, 1 a run that finished with failures (e.g. some symbols failed), 2 bad input
 * (arguments, files, an unreachable database). Expected failures never print a stack trace.
 */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Run a script's main; map UsageError (and errors marked `expected`) to one stderr line and exit 2. */
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (err: unknown) => {
      if (err instanceof UsageError || (err instanceof Error && (err as { expected?: boolean }).expected)) {
        process.stderr.write(`error: ${err.message}\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exitCode = 1;
      }
    },
  );
}
