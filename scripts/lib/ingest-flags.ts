/**
 * The flags every checkpointed importer takes (src/ingest/core): batch size, dry run, resume,
 * progress and JSON output, parsed the same way in each script.
 */
import { stderrProgress, type Progress } from "../../src/ingest/core/progress.ts";
import { IngestInterrupted } from "../../src/ingest/core/interrupted.ts";
import { InputError } from "../../src/errors.ts";

/** Exit code after Ctrl-C or SIGTERM: 128 + SIGINT, as shells report a process stopped by it. */
export const INTERRUPTED_EXIT = 130;

export const INGEST_FLAGS = {
  "batch-size": { type: "string" },
  "dry-run": { type: "boolean" },
  resume: { type: "boolean" },
  "progress-every": { type: "string" },
  json: { type: "boolean" },
} as const;

/** Progress on stderr, a line per unit every `--progress-every` seconds when stderr is not a terminal (default 2). */
export function progressFlag(text: string | undefined): Progress {
  const every = Number(text ?? 2);
  if (!(every >= 0)) throw new InputError(`--progress-every must be a number of seconds, got ${text}`);
  return stderrProgress(every * 1000);
}

/**
 * Run a load that stops on Ctrl-C or SIGTERM: the progress bar stops (the cursor shown again), no
 * further batch is written, the ones in flight commit and the run is recorded interrupted; the
 * message and `resumeCommand` are printed and the exit code is 130. A second Ctrl-C quits at once.
 */
export async function interruptible(progress: Progress, resumeCommand: string, load: (signal: AbortSignal) => Promise<void>): Promise<number | void> {
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(INTERRUPTED_EXIT); // a second Ctrl-C: quit at once
    progress.stop(); // shows the cursor the progress bar hid
    process.stderr.write("stopping after the batches being written (Ctrl-C again to quit at once)…\n");
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    await load(stop.signal);
  } catch (err) {
    if (!(err instanceof IngestInterrupted)) throw err;
    const resume = err.runId === undefined ? "" : `; continue it with: ${resumeCommand}`;
    process.stderr.write(`${err.message}${resume}\n`);
    return INTERRUPTED_EXIT;
  }
}
