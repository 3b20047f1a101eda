/**
 * The platform's one error family.
 *
 * Every error the platform throws on purpose is a `PlatformError`: it carries a `code` a caller can
 * branch on (a word such as "bad-input" or "infeasible", or PostgreSQL's SQLSTATE for database
 * failures) and `expected`, which says whether the failure is the user's to fix (bad input, an
 * unreachable database, a held lock, an infeasible optimisation) rather than a bug. Scripts and the
 * REPL print an expected failure as one line (`error: message`) and never a stack; a command-line
 * run exits 2 for it. Anything else (a TypeError, a failed assertion) is a bug and keeps its stack.
 *
 * `context` holds what is needed to reproduce the failure (a path, a line, a flag), never a secret.
 */
export class PlatformError extends Error {
  override name = "PlatformError";
  readonly code: string;
  readonly expected: boolean;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, options: { expected?: boolean; context?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.expected = options.expected ?? true;
    this.context = options.context ?? {};
  }
}

/** Bad input from the user: arguments, files, options that contradict each other, an empty selection. */
export class InputError extends PlatformError {
  override name = "InputError";
  constructor(message: string, context: Record<string, unknown> = {}) {
    super("bad-input", message, { context });
  }
}

/** True for an error the user can act on: print it as one line, exit 2. */
export function isExpectedError(err: unknown): err is PlatformError {
  return err instanceof PlatformError && err.expected;
}
