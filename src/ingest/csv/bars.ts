/**
 * One CSV file as a unit of the ingest core: each row becomes an `ohlcv_data` bar and, in zipline
 * files, a `dividends` and a `splits` row where its event cells say so — or a reject.
 *
 * Cells: an empty cell or `null` (Yahoo's word for a missing value) is missing. Numbers are strictly
 * decimal (`0x10`, `1e`, `12abc` are rejected), prices and volumes non-negative, dates real calendar
 * dates (`2024-02-30` is rejected; see core/values.ts for the forms accepted). Date, close and volume
 * are required; open, high, low and Adj Close may be missing (stored as NULL). A row whose cell count
 * differs from the header's is rejected. Rejected rows are kept whole: header name → cell text.
 *
 * Events (zipline): a `dividend` other than 0 is a cash dividend with that ex-date; a `split` other
 * than 1 (zipline's "no split") or 0 is a split of that ratio (2.0 = 2-for-1, 0.5 = 1-for-2). The
 * dividend is stored as the cash paid per share on the ex-date, as the Yahoo ingest stores it: with
 * basis `raw` the amount is taken as paid; with `split` or `total` it is taken as adjusted for the
 * splits after it, and is multiplied back by the ratio of every split in the same file dated after
 * the ex-date (core/splits.ts). A 0.82 dividend before a 4:1 split in a split-adjusted file is 3.28.
 * The events go into the transaction of their row's batch.
 *
 * Bars: `source` = 'csv', `price_basis` = the basis, `fetched_at` = the file's modification time (the
 * nearest thing to when the prices were produced, the instant an adjusted basis is "as of"); the same
 * `fetched_at` and `source` on its dividends and splits. A date repeated in a file merges: the later
 * row wins.
 */
import type { SourceBatch, SourceUnit, Reject } from "../core/batch.ts";
import { paidPerShare, splitTerms } from "../core/splits.ts";
import { nonNegative, optionalNumber, reject, requiredDate, requiredNumber, RowReject } from "../core/values.ts";
import { wholeRow } from "../core/whole-row.ts";
import { dividends, ohlcvData, splits, type NewDividend, type NewOhlcvBar, type NewSplit, type PriceBasis, type Timeframe } from "../../schema/index.ts";
import type { CsvFile } from "./files.ts";
import type { BarField } from "./formats.ts";

export const SOURCE = "csv";

export interface FileSettings {
  ticker: string;
  region: string;
  timeframe: Timeframe;
  basis: PriceBasis;
}

interface LoadedRow {
  line: number;
  bar: NewOhlcvBar;
  dividend?: NewDividend;
  split?: NewSplit;
}

type RowOutcome = LoadedRow | { line: number; reject: Reject };

/** A row as read: the dividend is still the amount the file states. */
interface ReadRow {
  bar: NewOhlcvBar;
  statedDividend: number;
  split?: NewSplit;
}

const MISSING = new Set(["", "null"]);

/** Reads one record's cells by field, with the header's own column names in reasons. */
function cellReader(file: CsvFile, cells: readonly string[]) {
  const { fields } = file.layout;
  return {
    has: (field: BarField) => fields[field] !== undefined,
    name: (field: BarField) => fields[field]?.name ?? field,
    value(field: BarField): string | null {
      const at = fields[field];
      const cell = at === undefined ? undefined : cells[at.index];
      return cell === undefined || MISSING.has(cell.trim()) ? null : cell;
    },
  };
}

function readRecord(file: CsvFile, cells: readonly string[], settings: FileSettings, fetchedAt: Date): ReadRow {
  if (cells.length !== file.header.length) reject(`expected ${file.header.length} cells as in the header, found ${cells.length}`);
  const r = cellReader(file, cells);
  const price = (field: BarField) => {
    const n = optionalNumber(r.value(field), r.name(field));
    return n === null ? null : nonNegative(n, r.name(field));
  };
  const required = (field: BarField) => nonNegative(requiredNumber(r.value(field), r.name(field)), r.name(field));
  const { ticker, region } = settings;
  const date = requiredDate(r.value("date"), r.name("date"));
  const bar: NewOhlcvBar = {
    ticker,
    region,
    timeframe: settings.timeframe,
    date,
    open: price("open"),
    high: price("high"),
    low: price("low"),
    close: required("close"),
    adjClose: price("adjClose"),
    volume: required("volume"),
    source: SOURCE,
    priceBasis: settings.basis,
    fetchedAt,
  };
  price("openInterest");
  const ratio = price("split") ?? 1;
  const split = ratio === 1 || ratio === 0 ? undefined : { ticker, region, date, ...splitTerms(ratio), ratio, source: SOURCE, fetchedAt };
  return { bar, statedDividend: price("dividend") ?? 0, split };
}

/** Every record of the file, transformed; dividends valued once the file's splits are known. */
function transformFile(file: CsvFile, settings: FileSettings): RowOutcome[] {
  const fetchedAt = new Date(file.mtimeMs);
  const read = file.records().map(({ line, cells }) => {
    try {
      return { line, ...readRecord(file, cells, settings, fetchedAt) };
    } catch (err) {
      if (!(err instanceof RowReject)) throw err;
      return { line, reject: { sourceRowId: String(line), reason: err.message, row: wholeRow(file.header, cells) } };
    }
  });
  const fileSplits = read.flatMap((o) => ("split" in o && o.split ? [o.split] : []));
  const adjusted = settings.basis !== "raw";
  return read.map((o): RowOutcome => {
    if ("reject" in o) return o;
    const { line, bar, statedDividend, split } = o;
    if (statedDividend === 0) return { line, bar, split };
    const amount = adjusted ? paidPerShare(statedDividend, bar.date, fileSplits) : statedDividend;
    return { line, bar, split, dividend: { ticker: bar.ticker, region: bar.region, exDate: bar.date, amount, source: SOURCE, fetchedAt } };
  });
}

async function* batchesAfter(file: CsvFile, settings: FileSettings, after: number, batchSize: number): AsyncGenerator<SourceBatch> {
  const pending = transformFile(file, settings).filter((o) => o.line > after);
  for (let start = 0; start < pending.length; start += batchSize) {
    const slice = pending.slice(start, start + batchSize);
    const loaded = slice.filter((o): o is LoadedRow => "bar" in o);
    const related = [
      { table: dividends, rows: loaded.flatMap((o) => (o.dividend ? [o.dividend] : [])) },
      { table: splits, rows: loaded.flatMap((o) => (o.split ? [o.split] : [])) },
    ].filter((r) => r.rows.length > 0);
    yield {
      rows: loaded.map((o) => o.bar),
      rejects: slice.flatMap((o) => ("reject" in o ? [o.reject] : [])),
      read: slice.length,
      position: slice[slice.length - 1].line,
      notes: {},
      related,
    };
  }
}

/** The file as the core loads it: one pass, in line order, later rows winning on a repeated date. */
export function fileUnit(file: CsvFile, settings: FileSettings, batchSize: number): SourceUnit {
  return {
    name: file.name,
    target: ohlcvData,
    createsInstruments: true,
    passes: [{ onConflict: "update", read: (after) => batchesAfter(file, settings, after, batchSize) }],
  };
}
