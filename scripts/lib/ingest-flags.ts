/**
 * The flags every checkpointed importer takes (src/ingest/core): batch size, dry run, resume,
 * progress and JSON output, parsed the same way in each script.
 */
import { stderrProgress, type Progress } from "../../src/ingest/core/progress.ts";
import { InputError } from "../../src/errors.ts";

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
