/**
 * Finding the sessions of an FX_code_AI data folder, checked before anything is written.
 *
 * Rules (source-systems.md §4):
 * - a session is a folder `session_{id}` directly in the data folder; its id is the name without
 *   `session_` (`exec_20251027_123456_ab12cd34`). Anything else there (files, other folders, an old
 *   `data/{SYMBOL}/` layout) is not a session and is ignored;
 * - a symbol folder is a folder of the session named as an upper-case contract (`BTC_USDT`); its files
 *   are `prices.csv`, `orderbook.csv` and `indicators/*.csv` (indicator id = file name without `.csv`).
 *   Other files are ignored. A symbol folder with none of these files is not a symbol of the session;
 * - `session_metadata.json` in the session folder is optional; when present it must hold a JSON object.
 *
 * Each file's header is read here and must be its kind's (prices.ts, orderbook.ts, indicators.ts); an
 * empty file (the collector created it and wrote nothing) has no rows. A missing or unreadable data
 * folder, one without sessions, a `--session` that is not there, a wrong header or bad metadata is an
 * InputError: one line, nothing written.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError } from "../../errors.ts";
import type { TickDataType, TickFileKind } from "../../schema/index.ts";
import { INDICATOR_HEADER_HELP, isIndicatorHeader } from "./indicators.ts";
import { ORDERBOOK_HEADER } from "./orderbook.ts";
import { PRICES_HEADER } from "./prices.ts";

export interface SessionFile {
  /** Absolute path. */
  absolute: string;
  /** Relative to the session folder: `BTC_USDT/prices.csv`. */
  path: string;
  symbol: string;
  kind: TickFileKind;
  indicatorId: string | null;
  /** The header's cells; empty for an empty file. */
  header: string[];
  size: number;
  mtimeMs: number;
}

export interface DiscoveredSession {
  sessionId: string;
  /** The session folder (absolute). */
  folder: string;
  symbols: string[];
  dataTypes: TickDataType[];
  metadata: Record<string, unknown> | null;
  files: SessionFile[];
}

export interface SessionsInput {
  /** The data folder (absolute). */
  dir: string;
  sessions: DiscoveredSession[];
}

const SESSION_FOLDER = /^session_([A-Za-z0-9][A-Za-z0-9_.-]*)$/;
const SYMBOL_FOLDER = /^[A-Z0-9][A-Z0-9_]*$/;

function entries(dir: string): { name: string; isDirectory: boolean; isFile: boolean }[] {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The first line of a file as cells (BOM and `\r` dropped), or [] for an empty file. */
function headerOf(path: string): string[] {
  const buf = Buffer.alloc(64 * 1024);
  const fd = openSync(path, "r");
  let n: number;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  if (n === 0) return [];
  let line = buf.subarray(0, n).toString("utf8");
  const nl = line.indexOf("\n");
  if (nl >= 0) line = line.slice(0, nl);
  return line.replace(/^\uFEFF/, "").replace(/\r$/, "").split(",").map((c) => c.trim());
}

const EXPECTED: Record<Exclude<TickFileKind, "indicator">, readonly string[]> = { prices: PRICES_HEADER, orderbook: ORDERBOOK_HEADER };

function sessionFile(absolute: string, path: string, symbol: string, kind: TickFileKind, indicatorId: string | null): SessionFile {
  const { size, mtimeMs } = statSync(absolute);
  const header = size === 0 ? [] : headerOf(absolute);
  const known = kind === "indicator" ? isIndicatorHeader(header) : header.join(",") === EXPECTED[kind].join(",");
  if (size > 0 && !known) {
    const expected = kind === "indicator" ? INDICATOR_HEADER_HELP : EXPECTED[kind].join(",");
    throw new InputError(`${absolute}: unknown header "${header.join(",")}" (expected ${expected})`);
  }
  return { absolute, path, symbol, kind, indicatorId, header, size, mtimeMs };
}

function symbolFiles(folder: string, symbol: string): SessionFile[] {
  const dir = join(folder, symbol);
  const files: SessionFile[] = [];
  const here = entries(dir);
  for (const kind of ["prices", "orderbook"] as const) {
    if (here.some((e) => e.isFile && e.name === `${kind}.csv`)) files.push(sessionFile(join(dir, `${kind}.csv`), `${symbol}/${kind}.csv`, symbol, kind, null));
  }
  if (here.some((e) => e.isDirectory && e.name === "indicators")) {
    for (const e of entries(join(dir, "indicators"))) {
      if (!e.isFile || !e.name.endsWith(".csv") || e.name === ".csv") continue;
      const id = e.name.slice(0, -".csv".length);
      files.push(sessionFile(join(dir, "indicators", e.name), `${symbol}/indicators/${e.name}`, symbol, "indicator", id));
    }
  }
  return files;
}

function metadataOf(folder: string): Record<string, unknown> | null {
  const path = join(folder, "session_metadata.json");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${path} is not valid JSON (${(err as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InputError(`${path} must hold a JSON object`);
  return value as Record<string, unknown>;
}

function session(dir: string, name: string, sessionId: string): DiscoveredSession {
  const folder = join(dir, name);
  const files = entries(folder)
    .filter((e) => e.isDirectory && SYMBOL_FOLDER.test(e.name))
    .flatMap((e) => symbolFiles(folder, e.name));
  const symbols = [...new Set(files.map((f) => f.symbol))];
  const kinds = new Set(files.map((f) => f.kind));
  const dataTypes: TickDataType[] = [];
  if (kinds.has("prices")) dataTypes.push("prices");
  if (kinds.has("orderbook")) dataTypes.push("orderbook");
  if (kinds.has("indicator")) dataTypes.push("indicators");
  return { sessionId, folder, symbols, dataTypes, metadata: metadataOf(folder), files };
}

/** The sessions of `dataDir` (all, or those `wanted`, given as ids or folder names), checked. */
export function discoverSessions(dataDir: string, wanted: readonly string[] = []): SessionsInput {
  const dir = resolve(dataDir);
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new InputError(`data directory not found: ${dataDir} (pass the folder that holds the session_* folders)`);
  }
  if (!stat.isDirectory()) throw new InputError(`${dataDir} is not a directory (pass the folder that holds the session_* folders)`);
  const found = new Map<string, string>();
  for (const e of entries(dir)) {
    const m = e.isDirectory ? SESSION_FOLDER.exec(e.name) : null;
    if (m) found.set(m[1], e.name);
  }
  if (found.size === 0) throw new InputError(`no sessions in ${dir}: no session_* folders there`);
  const ids = [...new Set(wanted.map((w) => w.replace(/^session_/, "")))];
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length > 0) {
    const known = [...found.keys()];
    const shown = known.length > 5 ? `${known.slice(0, 5).join(", ")}, … (${known.length} in all)` : known.join(", ");
    throw new InputError(`--session ${unknown[0]}: no folder session_${unknown[0]} in ${dir} (its sessions: ${shown})`);
  }
  const chosen = ids.length > 0 ? [...found.keys()].filter((id) => ids.includes(id)) : [...found.keys()];
  return { dir, sessions: chosen.map((id) => session(dir, found.get(id)!, id)) };
}
