/**
 * Finding and reading the files of a CSV import, each whole, before anything is written: a missing
 * path, a file that is not CSV text (binary, not UTF-8, unbalanced quotes) or a header of no known
 * layout refuses the whole import with one `InputError` line.
 *
 * Input: one file (`--file`), or every `*.csv` file of a directory (`--dir`, not recursive, in name
 * order). A zipline csvdir bundle keeps its daily files in `daily/`: a directory with a `daily`
 * subdirectory is read there, so either the bundle root or its daily folder can be given.
 * One instrument per file: the ticker is the file name without `.csv`, as written (or `--ticker`
 * for a single file).
 *
 * Rows are csv-parse records (RFC 4180 quoting; a UTF-8 byte order mark is dropped; empty lines are
 * skipped), each with the line it ends on: its identity in rejects and the resume position. Every file
 * is parsed whole to be checked, then again when it loads (one file in memory at a time); a file that
 * changed in between fails the run.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { InputError } from "../../errors.ts";
import { recogniseHeader, type CsvFormat, type HeaderLayout } from "./formats.ts";

export interface CsvRecord {
  line: number;
  cells: string[];
}

export interface CsvFile {
  path: string;
  /** The file name: its key in the run's accounting and `migration_rejects.source_table`. */
  name: string;
  /** `--ticker`, else the file name without `.csv`. */
  ticker: string;
  /** True when the ticker was given rather than taken from the file name. */
  tickerGiven: boolean;
  size: number;
  mtimeMs: number;
  header: string[];
  layout: HeaderLayout;
  /** Data rows (records after the header). */
  rows: number;
  /** The data records, read again when the file is loaded (so a directory is never held whole). */
  records(): CsvRecord[];
}

export interface CsvInput {
  /** The file, or the directory read (absolute): the run's `source_path`. */
  path: string;
  files: CsvFile[];
}

export interface InputOptions {
  file?: string;
  dir?: string;
  ticker?: string;
  format: CsvFormat | "auto";
}

const isCsvName = (name: string) => name.toLowerCase().endsWith(".csv");
const tickerOf = (name: string) => name.slice(0, -".csv".length);

function statOf(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function decode(path: string, bytes: Buffer): string {
  if (bytes.includes(0)) throw new InputError(`${path} is not a CSV text file (it holds binary data)`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path} is not a CSV text file (it is not UTF-8 text)`);
  }
}

function parseRecords(path: string, text: string): CsvRecord[] {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes as { record, info } (the typings describe plain records only).
    parsed = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof parsed;
  } catch (err) {
    throw new InputError(`${path} is not valid CSV (${(err as Error).message})`);
  }
  return parsed.map(({ record, info }) => ({ line: info.lines, cells: record }));
}

function parseFile(path: string): CsvRecord[] {
  return parseRecords(path, decode(path, readFileSync(path)));
}

function readCsvFile(path: string, ticker: string, tickerGiven: boolean, format: CsvFormat | "auto"): CsvFile {
  const { size, mtimeMs } = statSync(path);
  const [first, ...data] = parseFile(path);
  if (!first) throw new InputError(`${path} is empty (expected a header line such as Date,Open,High,Low,Close,Adj Close,Volume)`);
  const layout = recogniseHeader(path, first.cells, format);
  const records = () => {
    const now = statSync(path);
    if (now.size !== size || now.mtimeMs !== mtimeMs) throw new InputError(`${path} changed during the import; run it again`);
    return parseFile(path).slice(1);
  };
  return { path, name: basename(path), ticker, tickerGiven, size, mtimeMs, header: first.cells, layout, rows: data.length, records };
}

function singleFile(given: string, options: InputOptions): CsvInput {
  const path = resolve(given);
  const stat = statOf(path);
  if (!stat) throw new InputError(`file not found: ${given} (pass a CSV file of daily bars)`);
  if (stat.isDirectory()) throw new InputError(`${given} is a directory; pass it with --dir`);
  const ticker = options.ticker ?? (isCsvName(path) ? tickerOf(basename(path)) : basename(path));
  if (ticker.trim() === "") throw new InputError(`no ticker in the file name ${basename(path)}; pass --ticker`);
  return { path, files: [readCsvFile(path, ticker.trim(), options.ticker !== undefined, options.format)] };
}

function directory(given: string, format: CsvFormat | "auto"): CsvInput {
  const root = resolve(given);
  const stat = statOf(root);
  if (!stat) throw new InputError(`directory not found: ${given}`);
  if (!stat.isDirectory()) throw new InputError(`${given} is not a directory; pass a single file with --file`);
  const path = statOf(join(root, "daily"))?.isDirectory() ? join(root, "daily") : root;
  const names = readdirSync(path)
    .filter((name) => isCsvName(name) && statOf(join(path, name))?.isFile())
    .sort();
  if (names.length === 0) throw new InputError(`no .csv files in ${path}`);
  const empty = names.find((name) => tickerOf(name).trim() === "");
  if (empty) throw new InputError(`no ticker in the file name ${join(path, empty)}; rename it <TICKER>.csv`);
  return { path, files: names.map((name) => readCsvFile(join(path, name), tickerOf(name).trim(), false, format)) };
}

/** The import's files, read and checked whole; an InputError for anything that is not a CSV import. */
export function readInput(options: InputOptions): CsvInput {
  if (options.file !== undefined && options.dir !== undefined) throw new InputError("--file and --dir exclude each other; pass one of them");
  if (options.dir !== undefined) {
    if (options.ticker !== undefined) throw new InputError("--ticker names the instrument of a single --file; with --dir each file's name is its ticker");
    return directory(options.dir, options.format);
  }
  if (options.file !== undefined) return singleFile(options.file, options);
  throw new InputError("pass --file FILE or --dir DIR; see --help");
}
