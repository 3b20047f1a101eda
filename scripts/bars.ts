/**
 * kite_app's bar-store API on the command line: get, symbols, intervals, stats, delete. The work is
 * `repositories(db).barStore` (src/repositories/bar-store.ts: names, time rules, what each returns);
 * this file parses the command and its flags, checks the names before the database is opened, and
 * prints a table or, with --json, one JSON document.
 */
import { withExistingDatabase } from "../src/db/with-database.ts";
import { InputError } from "../src/errors.ts";
import { KITE_INTERVALS } from "../src/kite/intervals.ts";
import { barBounds } from "../src/repositories/bar-range.ts";
import type { BarDeletion, BarSeries, BarStoreStats, StoredSymbol, SymbolIntervals } from "../src/repositories/bar-store.ts";
import { kiteExchange, kiteInterval } from "../src/repositories/kite-names.ts";
import { repositories } from "../src/repositories/index.ts";
import { parseCli, runCli } from "./lib/cli.ts";

const HELP = `Usage: tsx scripts/bars.ts COMMAND [flags]

kite_app's bar-store API over the platform's bars (day bars in ohlcv_data, minute … 60minute
bars in ohlcv_intraday), as kite_app's HDF5Manager offered it:

  get --exchange EX --symbol S --interval I [--from T] [--to T]
              every bar of one dataset whose start is in the range, in time order (no limit)
  symbols [--exchange EX]
              the symbols with bars, and their Kite trading symbols where instruments.h5 was imported
  intervals --exchange EX --symbol S
              one symbol's intervals with bars: rows, first and last bar
  stats       symbols, datasets (symbol × interval), rows and bytes per exchange and in total
  delete --exchange EX --symbol S [--interval I]
              remove one symbol's bars, of one interval or all, in one transaction

  --exchange EX    NSE, BSE, NFO or BFO
  --symbol S       as kite_app's paths name it (M_M), or as Kite trades it (M&M) where
                   instruments.h5 was imported
  --interval I     ${KITE_INTERVALS.join(", ")}
  --from T --to T  inclusive bounds on the bar start, each an exchange date YYYY-MM-DD (that whole
                   IST day) or an instant with its zone (2025-01-02T09:15:00+05:30,
                   2025-01-02T03:45:00Z); default open
  --json           print one JSON document instead of a table
  --help           show this help

JSON documents:
  get        {exchange, symbol, interval, bars: [{ts, local, date, open, high, low, close, volume, oi}]}
             ts the bar start in UTC (2025-01-02T03:45:00Z), local the same instant in IST
             (2025-01-02T09:15:00+05:30), date its IST date; a day bar's ts is its date's IST
             midnight (18:30Z the day before), as kite_app stamps it; oi null where none
  symbols    {symbols: [{exchange, symbol, tradingSymbol}]}
  intervals  {exchange, symbol, intervals: [{interval, rows, first, last}]}
  stats      {exchanges: {EX: {symbols, datasets, rows, bytes, intervals: {INTERVAL: datasets}}},
             totals: {symbols, datasets, rows, bytes}, first, last}: bytes = rows × kite_app's
             record size (32 bytes, 40 with oi on NFO and BFO), uncompressed as its size_mb was
  delete     {exchange, symbol, removed: {INTERVAL: rows}, rows}
Prices in --json are the stored values exactly (kite_app's float32 as doubles); tables print them
as float32 does (1399.2).

Database: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database in
PGLITE_DIR (default ./data/pglite), which must exist.
Exit codes: 0 done; 2 bad input (a flag, an unknown exchange, symbol or interval, a missing or
unreachable database: nothing is written).`;

const COMMANDS = ["get", "symbols", "intervals", "stats", "delete"] as const;
type Command = (typeof COMMANDS)[number];

const exchange = { type: "string" } as const;
const symbol = { type: "string" } as const;
const interval = { type: "string" } as const;
const json = { type: "boolean" } as const;
const FLAGS = {
  get: { exchange, symbol, interval, from: { type: "string" }, to: { type: "string" }, json },
  symbols: { exchange, json },
  intervals: { exchange, symbol, json },
  stats: { json },
  delete: { exchange, symbol, interval, json },
} as const;

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === "") throw new InputError(`--${flag} is required; see --help`);
  return value.trim();
}

/** A stored price as float32 prints it (the shortest text that reads back to it), else as is. */
function price(v: number | null): string {
  if (v === null) return "-";
  if (Math.fround(v) === v) {
    for (let digits = 1; digits <= 9; digits++) {
      const shortest = Number(v.toPrecision(digits));
      if (Math.fround(shortest) === v) return String(shortest);
    }
  }
  return String(v);
}

const count = (n: number) => n.toLocaleString("en-US");

/** Rows as aligned columns, those numbered in `right` (numbers) right-aligned. */
function columns(rows: readonly (readonly string[])[], right: readonly number[]): string[] {
  // A loop, not Math.max(...): a get's table has more rows than a call takes arguments.
  const widths = rows[0].map((_, c) => rows.reduce((w, r) => Math.max(w, r[c].length), 0));
  return rows.map((r) => r.map((cell, c) => (right.includes(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd());
}

/**
 * Text in pieces as stdout takes them: a get may print millions of bars. A reader that stops early
 * (`| head`) ends the run; any other failure to write (a full disk) is one line on stderr, exit 1.
 */
async function write(pieces: Iterable<string>): Promise<void> {
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    process.stderr.write(`error: cannot write the output: ${err.message}\n`);
    process.exit(1);
  });
  for (const piece of pieces) {
    if (!process.stdout.write(piece)) await new Promise((resolve) => process.stdout.once("drain", resolve));
  }
}

const CHUNK = 10_000;

function* seriesJson(s: BarSeries): Iterable<string> {
  yield `${JSON.stringify({ exchange: s.exchange, symbol: s.symbol, interval: s.interval }).slice(0, -1)},"bars":[`;
  for (let at = 0; at < s.bars.length; at += CHUNK) yield (at > 0 ? "," : "") + s.bars.slice(at, at + CHUNK).map((b) => JSON.stringify(b)).join(",");
  yield "]}\n";
}

function* seriesTable(s: BarSeries): Iterable<string> {
  const day = s.interval === "day";
  yield `${s.exchange} ${s.symbol} ${s.interval}: ${count(s.bars.length)} bars${s.bars.length > 0 ? `, ${s.bars[0][day ? "date" : "local"]} … ${s.bars.at(-1)![day ? "date" : "local"]}` : ""}\n`;
  if (s.bars.length === 0) return;
  const header = [day ? "date" : "local (IST)", "open", "high", "low", "close", "volume", "oi"];
  const rows = s.bars.map((b) => [day ? b.date : b.local, price(b.open), price(b.high), price(b.low), price(b.close), String(b.volume), b.oi === null ? "-" : String(b.oi)]);
  const lines = columns([header, ...rows], [1, 2, 3, 4, 5, 6]);
  for (let at = 0; at < lines.length; at += CHUNK) yield `${lines.slice(at, at + CHUNK).join("\n")}\n`;
}

function symbolsTable(symbols: readonly StoredSymbol[]): string {
  if (symbols.length === 0) return "no symbols with bars";
  return columns([["exchange", "symbol", "trading symbol"], ...symbols.map((s) => [s.exchange, s.symbol, s.tradingSymbol ?? "-"])], []).join("\n");
}

function intervalsTable(r: SymbolIntervals): string {
  const rows = r.intervals.map((i) => [i.interval, count(i.rows), i.first, i.last]);
  return [`${r.exchange} ${r.symbol}`, ...columns([["interval", "rows", "first bar (UTC)", "last bar (UTC)"], ...rows], [1])].join("\n");
}

function statsTable(s: BarStoreStats): string {
  const rows = [
    ["exchange", "symbols", "datasets", "rows", "bytes", "datasets per interval"],
    ...Object.entries(s.exchanges).map(([ex, e]) => [
      ex, count(e.symbols), count(e.datasets), count(e.rows), count(e.bytes), Object.entries(e.intervals).map(([i, n]) => `${i} ${n}`).join(", "),
    ]),
    ["total", count(s.totals.symbols), count(s.totals.datasets), count(s.totals.rows), count(s.totals.bytes), ""],
  ];
  // The numbers right-aligned, the interval list after them as it reads.
  const lines = columns(rows.map((r) => r.slice(0, 5)), [1, 2, 3, 4]).map((l, k) => `${l}  ${rows[k][5]}`.trimEnd());
  return [...lines, s.first === null ? "no bars" : `bars from ${s.first} to ${s.last} (UTC)`].join("\n");
}

function deletionText(d: BarDeletion): string {
  return `removed ${d.exchange} ${d.symbol}: ${Object.entries(d.removed).map(([i, n]) => `${i} ${count(n)}`).join(", ")} (${count(d.rows)} rows)`;
}

async function main(command: Command, argv: readonly string[]): Promise<void> {
  // Each command's own flags (another command's flag is refused); their values are strings and --json.
  const values = parseCli(FLAGS[command], HELP, argv) as { exchange?: string; symbol?: string; interval?: string; from?: string; to?: string; json?: boolean } | undefined;
  if (!values) return;
  const print = (document: unknown, text: string) => console.log(values.json ? JSON.stringify(document) : text);
  switch (command) {
    case "get": {
      const [ex, sym, iv] = [kiteExchange(required(values.exchange, "exchange")), required(values.symbol, "symbol"), kiteInterval(required(values.interval, "interval"))];
      const range = { from: values.from, to: values.to };
      barBounds(range);
      const series = await withExistingDatabase((db) => repositories(db).barStore.get(ex, sym, iv, range));
      return write(values.json ? seriesJson(series) : seriesTable(series));
    }
    case "symbols": {
      const ex = values.exchange === undefined ? undefined : kiteExchange(values.exchange);
      const symbols = await withExistingDatabase((db) => repositories(db).barStore.symbols(ex));
      return print({ symbols }, symbolsTable(symbols));
    }
    case "intervals": {
      const [ex, sym] = [kiteExchange(required(values.exchange, "exchange")), required(values.symbol, "symbol")];
      const intervals = await withExistingDatabase((db) => repositories(db).barStore.intervals(ex, sym));
      return print(intervals, intervalsTable(intervals));
    }
    case "stats": {
      const stats = await withExistingDatabase((db) => repositories(db).barStore.stats());
      return print(stats, statsTable(stats));
    }
    case "delete": {
      const [ex, sym] = [kiteExchange(required(values.exchange, "exchange")), required(values.symbol, "symbol")];
      const iv = values.interval === undefined ? undefined : kiteInterval(values.interval);
      const deletion = await withExistingDatabase((db) => repositories(db).barStore.delete(ex, sym, iv));
      return print(deletion, deletionText(deletion));
    }
  }
}

runCli(async () => {
  const [command, ...argv] = process.argv.slice(2);
  if (command === undefined || command.startsWith("-")) {
    if (command === "--help") return console.log(HELP);
    throw new InputError(`a command is required: ${COMMANDS.join(", ")}; see --help`);
  }
  if (!(COMMANDS as readonly string[]).includes(command)) throw new InputError(`unknown command "${command}" (${COMMANDS.join(", ")}); see --help`);
  await main(command as Command, argv);
});
