/**
 * What every worker thread of the platform shares.
 *
 * TypeScript in workers: the project runs from .ts sources (tsx for scripts, vitest for tests), and a
 * worker thread starts a fresh module loader that knows neither (nor does tsx's `--import` register
 * itself in a worker on Node 20). Every worker therefore starts at worker-bootstrap.mjs, which
 * registers tsx through its API and then imports the worker's module, so it loads the same way under
 * tsx and vitest alike, whatever the current directory.
 *
 * Errors across threads: a structured clone keeps an Error's message but not its class, code
 * or context, so a worker sends a failure as data (`threadFailure`) and the thread that started it
 * rebuilds the error (`rebuildError`): a PlatformError keeps its class, code and context (an
 * InputError stays one, so bad input found on a worker is still exit 2), and the worker's stack,
 * which says where it failed.
 */
import { Worker } from "node:worker_threads";
import { InputError, PlatformError } from "./errors.ts";

/** The plain-JavaScript entry of every worker: it registers tsx, then imports `workerData.entry`. */
export const WORKER_BOOTSTRAP = new URL("./worker-bootstrap.mjs", import.meta.url);

/** A worker running the TypeScript module `entry`, which finds `data` at `workerData.data`. */
export function startWorker(entry: URL, data: unknown): Worker {
  return new Worker(WORKER_BOOTSTRAP, { workerData: { entry: entry.href, data } });
}

export interface ThreadFailure {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  /** Present for a PlatformError. */
  readonly platform?: { readonly code: string; readonly expected: boolean; readonly context: Readonly<Record<string, unknown>> };
}

export function threadFailure(err: unknown): ThreadFailure {
  const error = err instanceof Error ? err : new Error(String(err));
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(error instanceof PlatformError ? { platform: { code: error.code, expected: error.expected, context: error.context } } : {}),
  };
}

export function rebuildError(failure: ThreadFailure): Error {
  const { platform } = failure;
  let error: Error;
  if (platform?.code === "bad-input") error = new InputError(failure.message, { ...platform.context });
  else if (platform !== undefined) error = new PlatformError(platform.code, failure.message, { expected: platform.expected, context: { ...platform.context } });
  else {
    error = new Error(failure.message);
    error.name = failure.name;
  }
  if (failure.stack !== undefined) error.stack = failure.stack;
  return error;
}
