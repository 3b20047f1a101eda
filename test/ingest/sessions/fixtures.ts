/** Expectations derived from a synthetic sample (src/synthetic/tick-sessions.ts): what an import of it must report. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SessionFileReport } from "../../../src/ingest/sessions/index.ts";
import type { SampleFile, TickSessionsSample } from "../../../src/synthetic/tick-sessions.ts";

const REJECTED = new Set(["truncated", "zero-price", "text-in-number"]);
const KIND_ORDER = { prices: 0, orderbook: 1, indicator: 2 };

/** A file's report line: path relative to its session folder, and its exact accounting. */
export function expectedFile(f: SampleFile): SessionFileReport {
  const rejected = new Set(f.problems.filter((p) => REJECTED.has(p.problem)).map((p) => p.line)).size;
  const merged = f.problems.filter((p) => p.problem === "repeated-timestamp").length;
  return { path: f.path.slice(f.path.indexOf("/") + 1), kind: f.kind, source: f.rows, loaded: f.rows - rejected - merged, merged, rejected };
}

/** The sessions of a sample as the importer reports them: files in discovery order (symbol, prices, order book, indicators by name). */
export function expectedSessions(sample: TickSessionsSample) {
  return sample.sessions.map((s) => ({
    sessionId: s.sessionId,
    symbols: s.symbols,
    files: s.files
      .map(expectedFile)
      .sort((a, b) => a.path.split("/")[0].localeCompare(b.path.split("/")[0]) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.path.localeCompare(b.path)),
    status: "completed",
  }));
}

/** The data lines of a sample file: line number → cells. */
export function fileLines(sample: TickSessionsSample, path: string): Map<number, string[]> {
  const lines = readFileSync(join(sample.dir, path), "utf8").split("\n");
  const out = new Map<number, string[]>();
  lines.forEach((text, i) => {
    const t = text.replace(/\r$/, "");
    if (i > 0 && t !== "") out.set(i + 1, t.split(","));
  });
  return out;
}

/** Epoch seconds text as PostgreSQL's `extract(epoch FROM ts)::text` prints it (six decimals). */
export function epochText(seconds: string): string {
  const [whole, fraction = ""] = seconds.split(".");
  return `${whole}.${fraction.padEnd(6, "0")}`;
}
