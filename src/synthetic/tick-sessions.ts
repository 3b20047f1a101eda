/**
 * FX_code_AI session folders (source-systems.md §4), seeded, with the problems of real ones:
 * `data/session_exec_YYYYMMDD_HHMMSS_{8 hex}/SYMBOL/{prices,orderbook}.csv` and
 * `SYMBOL/indicators/{variant_type}_{variant_id}.csv`, written as the collector wrote them (epoch
 * seconds as Python prints floats, numbers with up to 8 decimals and trailing zeros stripped).
 *
 * With `problems` (the default) every session has trades sharing a timestamp with the one before,
 * volumes written `0` for missing, and these, each at a fixed place:
 * - session 0: a price of `0` (missing) and a volume `nan` (text in a number) in its first symbol's
 *   prices, missing order-book levels written `0,0`, an empty symbol folder `XRP_USDT`, a
 *   `session_metadata.json`, and two indicator files per symbol: `twpa_…` (`timestamp,value`, an empty
 *   value, a timestamp written twice: the later row wins) and `price_velocity_…` (with `confidence`
 *   and a JSON `metadata` column, quoted);
 * - session 1: prices only (no order book, no indicators), its last symbol's prices.csv ending in a
 *   truncated line (the session was killed mid-write);
 * - session 2: Windows line ends (`\r\n`, Python's csv default) and a truncated last order-book line;
 * - the data folder also holds things that are not sessions: a README, an `exports/` folder, an old
 *   `BTC_USDT/` layout folder and a file named `session_list.txt`.
 * Further sessions are clean apart from the shared timestamps and `0` volumes. Without `problems`
 * (for benchmarks) there is none of the above but trades sharing a timestamp, as in every real session.
 *
 * The result lists each file's data rows and the lines where a problem was placed, so tests can
 * state exact accounting: rejected = truncated + zero-price + text-in-number lines, merged =
 * repeated-timestamp lines (indicator files), loaded = the rest.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mulberry32 } from "./random.ts";

export interface TickSessionsOptions {
  seed: number;
  /** Sessions (default 3; at least 3 with problems, one per group of problems). */
  sessions?: number;
  /** Symbols per session (default 2, at most 6). */
  symbols?: number;
  /** Trades per symbol and session (default 400). */
  trades?: number;
  /** Order-book snapshots per symbol and session (default 150). */
  snapshots?: number;
  /** Indicator values per file (default 120, one a second). */
  indicatorValues?: number;
  problems?: boolean;
}

export type TickProblem =
  | "truncated"
  | "zero-price"
  | "text-in-number"
  | "zero-volume"
  | "duplicate-timestamp"
  | "missing-level"
  | "empty-value"
  | "repeated-timestamp";

export interface SampleFile {
  /** Relative to the data folder. */
  path: string;
  kind: "prices" | "orderbook" | "indicator";
  symbol: string;
  indicatorId?: string;
  /** Data rows (lines after the header), the truncated one included. */
  rows: number;
  problems: { line: number; problem: TickProblem }[];
}

export interface SampleSession {
  sessionId: string;
  /** Symbols with files, in name order. */
  symbols: string[];
  files: SampleFile[];
}

export interface TickSessionsSample {
  dir: string;
  sessions: SampleSession[];
  /** Entries of the data folder that are not sessions. */
  notSessions: string[];
}

const SYMBOLS: [string, number, number][] = [
  ["BTC_USDT", 62_000, 0.1],
  ["ETH_USDT", 2_400, 0.01],
  ["SOL_USDT", 150, 0.001],
  ["DOGE_USDT", 0.2, 0.00001],
  ["ADA_USDT", 0.6, 0.0001],
  ["LINK_USDT", 14, 0.001],
];
const START_MS = Date.UTC(2025, 9, 7, 12, 0, 0);
const DAY_MS = 86_400_000;

/** A number as the collector wrote it: at most 8 decimals, trailing zeros stripped. */
export function collectorNumber(x: number, places = 8): string {
  const text = x.toFixed(places);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** Epoch seconds as Python's str(float) prints them: `1759838400.46`, `1759838400.0`. */
function epochSeconds(micros: number): string {
  const seconds = Math.floor(micros / 1e6);
  const fraction = String(micros - seconds * 1e6).padStart(6, "0").replace(/0+$/, "");
  return `${seconds}.${fraction === "" ? "0" : fraction}`;
}

const hex8 = (random: () => number) => Math.floor(random() * 2 ** 32).toString(16).padStart(8, "0");

function sessionId(index: number, random: () => number): string {
  const start = new Date(START_MS + index * DAY_MS);
  const date = start.toISOString().slice(0, 10).replaceAll("-", "");
  return `exec_${date}_120000_${hex8(random)}`;
}

interface Writer {
  lines: string[];
  problems: SampleFile["problems"];
  /** 1-based line number the next pushed line gets (the header is line 1). */
  next(): number;
}

function writer(header: string): Writer {
  const lines = [header];
  return { lines, problems: [], next: () => lines.length + 1 };
}

function save(dir: string, path: string, w: Writer, eol: string, truncate: boolean): number {
  let text = w.lines.join(eol) + eol;
  if (truncate) {
    // Killed mid-write: the last line loses its end (and the line end).
    text = text.slice(0, text.length - eol.length - Math.ceil(w.lines[w.lines.length - 1].length / 3));
    w.problems.push({ line: w.lines.length, problem: "truncated" });
  }
  writeFileSync(join(dir, path), text);
  return w.lines.length - 1;
}

interface SymbolPlan {
  symbol: string;
  start: number;
  tick: number;
  startMs: number;
  zeroPriceAt?: number;
  nanVolumeAt?: number;
  truncatePrices: boolean;
  truncateOrderbook: boolean;
  missingLevels: boolean;
}

function writePrices(dir: string, path: string, plan: SymbolPlan, trades: number, random: () => number, eol: string, problems: boolean): SampleFile {
  const w = writer("timestamp,price,volume,quote_volume");
  let ms = plan.startMs;
  let ticks = Math.round(plan.start / plan.tick);
  for (let i = 0; i < trades; i++) {
    const line = w.next();
    const repeat = i > 0 && random() < 0.04;
    ms += repeat ? 0 : 1 + Math.floor(-Math.log(1 - random()) * 80);
    ticks += Math.floor(random() * 5) - 2;
    const price = ticks * plan.tick;
    const volume = 1 + Math.floor(random() * 300);
    const missingVolume = problems && random() < 0.03;
    if (repeat) w.problems.push({ line, problem: "duplicate-timestamp" });
    let cells = [epochSeconds(ms * 1000), collectorNumber(price), missingVolume ? "0" : String(volume), missingVolume ? "0" : collectorNumber(price * volume)];
    if (line === plan.zeroPriceAt) {
      cells = [cells[0], "0", cells[2], "0"];
      w.problems.push({ line, problem: "zero-price" });
    } else if (line === plan.nanVolumeAt) {
      cells[2] = "nan";
      w.problems.push({ line, problem: "text-in-number" });
    } else if (missingVolume) w.problems.push({ line, problem: "zero-volume" });
    w.lines.push(cells.join(","));
  }
  const rows = save(dir, path, w, eol, plan.truncatePrices);
  return { path, kind: "prices", symbol: plan.symbol, rows, problems: w.problems };
}

function writeOrderbook(dir: string, path: string, plan: SymbolPlan, snapshots: number, random: () => number, eol: string): SampleFile {
  const levels = ["bid", "ask"].flatMap((side) => [1, 2, 3].flatMap((n) => [`${side}_price_${n}`, `${side}_qty_${n}`]));
  const w = writer(["timestamp", ...levels, "best_bid", "best_ask", "spread"].join(","));
  let us = plan.startMs * 1000 + 1_234;
  let mid = Math.round(plan.start / plan.tick);
  for (let i = 0; i < snapshots; i++) {
    const line = w.next();
    us += 50_000 + Math.floor(random() * 300_000);
    mid += Math.floor(random() * 5) - 2;
    const half = 1 + Math.floor(random() * 2);
    const qty = () => collectorNumber(1 + Math.floor(random() * 5_000));
    const bids = [0, 1, 2].map((k) => [collectorNumber((mid - half - k) * plan.tick), qty()]);
    const asks = [0, 1, 2].map((k) => [collectorNumber((mid + half + k) * plan.tick), qty()]);
    if (plan.missingLevels && i % 10 === 3) {
      bids[2] = ["0", "0"];
      w.problems.push({ line, problem: "missing-level" });
    }
    const spread = collectorNumber(Number(asks[0][0]) - Number(bids[0][0]));
    w.lines.push([epochSeconds(us), ...bids.flat(), ...asks.flat(), bids[0][0], asks[0][0], spread].join(","));
  }
  const rows = save(dir, path, w, eol, plan.truncateOrderbook);
  return { path, kind: "orderbook", symbol: plan.symbol, rows, problems: w.problems };
}

function writeIndicator(dir: string, path: string, plan: SymbolPlan, indicatorId: string, count: number, random: () => number, detailed: boolean): SampleFile {
  const w = writer(detailed ? "timestamp,value,confidence,metadata" : "timestamp,value");
  let value = plan.start;
  for (let i = 0; i < count; i++) {
    const line = w.next();
    value *= 1 + (random() - 0.5) / 500;
    const time = epochSeconds((plan.startMs + 1_000 * (i + 1)) * 1000);
    const empty = !detailed && i === 7;
    if (empty) w.problems.push({ line, problem: "empty-value" });
    const cells = [time, empty ? "" : value.toFixed(6)];
    if (detailed) cells.push(random().toFixed(6), `"{""window"": [${30 + (i % 3)}, 0], ""source"": ""stream""}"`);
    w.lines.push(cells.join(","));
    if (i === 11) {
      // A streaming append wrote the same second again, with a newer value.
      const again = w.next();
      w.problems.push({ line: again, problem: "repeated-timestamp" });
      const newer = [time, (value * 1.0001).toFixed(6), ...cells.slice(2)];
      w.lines.push(newer.join(","));
    }
  }
  const rows = save(dir, path, w, "\n", false);
  return { path, kind: "indicator", symbol: plan.symbol, indicatorId, rows, problems: w.problems };
}

/** Writes the session folders under `dir` (created if missing) and says what is in them. */
export function generateTickSessions(dir: string, options: TickSessionsOptions): TickSessionsSample {
  const problems = options.problems ?? true;
  const count = options.sessions ?? 3;
  const symbolCount = options.symbols ?? 2;
  if (problems && count < 3) throw new RangeError("sessions: at least 3 with problems (each group of problems has its own session)");
  if (symbolCount < 1 || symbolCount > SYMBOLS.length) throw new RangeError(`symbols: 1 to ${SYMBOLS.length}`);
  const random = mulberry32(options.seed);
  const trades = options.trades ?? 400;
  const snapshots = options.snapshots ?? 150;
  const indicatorValues = options.indicatorValues ?? 120;
  mkdirSync(dir, { recursive: true });
  const sessions: SampleSession[] = [];
  for (let s = 0; s < count; s++) {
    const id = sessionId(s, random);
    const folder = `session_${id}`;
    mkdirSync(join(dir, folder));
    const pricesOnly = problems && s === 1;
    const eol = problems && s === 2 ? "\r\n" : "\n";
    const files: SampleFile[] = [];
    const symbols = SYMBOLS.slice(0, symbolCount).map(([symbol]) => symbol).sort();
    for (const [k, [symbol, start, tick]] of SYMBOLS.slice(0, symbolCount).entries()) {
      mkdirSync(join(dir, folder, symbol));
      const last = k === symbolCount - 1;
      const plan: SymbolPlan = {
        symbol,
        start,
        tick,
        startMs: START_MS + s * DAY_MS + 250 * k,
        zeroPriceAt: problems && s === 0 && k === 0 ? 6 : undefined,
        nanVolumeAt: problems && s === 0 && k === 0 ? 9 : undefined,
        truncatePrices: problems && s === 1 && last,
        truncateOrderbook: problems && s === 2 && last,
        missingLevels: problems && s === 0,
      };
      files.push(writePrices(dir, `${folder}/${symbol}/prices.csv`, plan, trades, random, eol, problems));
      if (!pricesOnly) files.push(writeOrderbook(dir, `${folder}/${symbol}/orderbook.csv`, plan, snapshots, random, eol));
      if (problems && s === 0) {
        mkdirSync(join(dir, folder, symbol, "indicators"));
        const twpa = `twpa_${hex8(random)}`;
        const velocity = `price_velocity_${hex8(random)}`;
        files.push(writeIndicator(dir, `${folder}/${symbol}/indicators/${twpa}.csv`, plan, twpa, indicatorValues, random, false));
        files.push(writeIndicator(dir, `${folder}/${symbol}/indicators/${velocity}.csv`, plan, velocity, indicatorValues, random, true));
      }
    }
    if (problems && s === 0) {
      mkdirSync(join(dir, folder, "XRP_USDT"));
      writeFileSync(join(dir, folder, "session_metadata.json"), JSON.stringify({ exchange: "mexc", notes: "synthetic session", errors_count: 2 }, null, 2));
    }
    sessions.push({ sessionId: id, symbols, files });
  }
  const notSessions = problems ? ["BTC_USDT", "README.txt", "exports", "session_list.txt"] : [];
  if (problems) {
    writeFileSync(join(dir, "README.txt"), "collected with FX_code_AI\n");
    mkdirSync(join(dir, "exports"));
    writeFileSync(join(dir, "exports", "BTC_USDT_ohlcv.csv"), "timestamp,open,high,low,close,volume\n");
    mkdirSync(join(dir, "BTC_USDT"));
    writeFileSync(join(dir, "BTC_USDT", "2025-10-07_prices.csv"), "timestamp,price,volume\n1759838400.0,62000,1\n");
    writeFileSync(join(dir, "session_list.txt"), sessions.map((s) => s.sessionId).join("\n") + "\n");
  }
  return { dir, sessions, notSessions };
}
