/**
 * A sample SQLite file at a path, as `scripts/generate-sample-sqlite.ts` writes it: the options
 * checked against their bounds, and the path checked before any work, so a mistyped option or path
 * gets one line (InputError) instead of a stack trace, an hour of generating, or a lost file:
 * - an existing file is replaced only with `force` (the generators themselves always replace);
 * - a directory, or a path whose parent cannot be created or written, is refused by name.
 */
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { generateSpockSample } from "./spock-sample.ts";
import { MIN_INSTRUMENTS } from "./spock-universe.ts";
import { generateStockulaSample } from "./stockula-sample.ts";
import { InputError } from "../errors.ts";

export type SampleLayout = "spock" | "stockula";

export interface SampleFileRequest {
  readonly layout: SampleLayout;
  readonly path: string;
  /** Spock only: priced instruments. Numbers, or a flag's text (strict decimal digits). */
  readonly instruments?: number | string;
  readonly days?: number | string;
  readonly seed?: number | string;
  /** Replace an existing file at `path`. */
  readonly force?: boolean;
}

/** Inclusive bounds of each option; the maximums keep a run to minutes and a file to a few GB. */
export const SAMPLE_BOUNDS = {
  instruments: { min: MIN_INSTRUMENTS, max: 10_000, default: 200 },
  days: { spock: { min: 30, max: 5_000, default: 250 }, stockula: { min: 120, max: 5_000, default: 300 } },
  seed: { min: 0, max: 2 ** 32 - 1, default: 42 },
} as const;

/** Writes the sample file; returns rows written per table. */
export function writeSampleFile(request: SampleFileRequest): Record<string, number> {
  const days = bounded("days", request.days, SAMPLE_BOUNDS.days[request.layout]);
  const seed = bounded("seed", request.seed, SAMPLE_BOUNDS.seed);
  if (request.layout === "stockula" && request.instruments !== undefined) throw new InputError("--instruments applies to the spock layout only");
  const instruments = bounded("instruments", request.instruments, SAMPLE_BOUNDS.instruments);
  try {
    checkTarget(request.path, request.force ?? false);
    mkdirSync(dirname(request.path), { recursive: true });
    return request.layout === "spock"
      ? generateSpockSample(request.path, { instruments, days, seed })
      : generateStockulaSample(request.path, { days, seed });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string" && (FILE_ERRORS.has(code) || code.startsWith("SQLITE_CANTOPEN") || code === "SQLITE_FULL")) {
      throw new InputError(`cannot write ${request.path}: ${(err as Error).message} (${code})`);
    }
    throw err;
  }
}

/** File-system failures that are about the path or the disk, not a bug. */
const FILE_ERRORS = new Set(["EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "ENOTDIR", "ENOENT", "EISDIR", "EEXIST", "ENAMETOOLONG"]);

/** Text (a flag's value) must be plain decimal digits: `1e9`, `0x10`, `12.0` and ` 12` are refused. */
function bounded(name: string, value: number | string | undefined, bounds: { min: number; max: number; default: number }): number {
  if (value === undefined) return bounds.default;
  const n = typeof value === "number" ? value : /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < bounds.min || n > bounds.max) {
    throw new InputError(`--${name} must be an integer from ${bounds.min} to ${bounds.max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

function checkTarget(path: string, force: boolean): void {
  if (path.trim() === "") throw new InputError("--out needs a file path, e.g. --out data/spock_sample.db");
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing === undefined) return;
  if (existing.isDirectory()) throw new InputError(`--out ${path} is a directory; give a file path, e.g. --out ${path.replace(/\/+$/, "")}/sample.db`);
  if (!force) throw new InputError(`--out ${path} already exists; pass --force to replace it`);
}
