/**
 * The daily-bar CSV layouts import-csv reads, and how a file's layout is told from its header.
 *
 * - `yahoo`: a Yahoo Finance download, `Date,Open,High,Low,Close,Adj Close,Volume`. `Close` is
 *   split-adjusted and `Adj Close` split- and dividend-adjusted as of the download, so the default
 *   basis is `split` and `Adj Close` is stored as `adj_close`, as the Yahoo ingest does.
 * - `backtrader`: backtrader's data files, `Date,Open,High,Low,Close,Volume,OpenInterest`
 *   (OpenInterest is checked as a number and not stored: bars have no such column). Default basis `raw`.
 * - `zipline`: a zipline `csvdir` file, `date,open,high,low,close,volume,dividend,split`; the event
 *   columns are optional, as in zipline. Default basis `raw`.
 *
 * Matching is by column name, case-insensitive, surrounding spaces ignored, in any order; a header
 * must hold every required column of exactly one layout and nothing else.
 */
import type { PriceBasis } from "../../schema/index.ts";
import { InputError } from "../../errors.ts";

export const CSV_FORMATS = ["yahoo", "backtrader", "zipline"] as const;
export type CsvFormat = (typeof CSV_FORMATS)[number];

/** Field names every format maps its columns to. */
export type BarField = "date" | "open" | "high" | "low" | "close" | "adjClose" | "volume" | "openInterest" | "dividend" | "split";

interface FormatSpec {
  /** What the header reads in the tool's own files, for messages. */
  title: string;
  /** Column name (lower case) → field. */
  columns: Readonly<Record<string, BarField>>;
  optional: readonly string[];
  defaultBasis: PriceBasis;
}

const OHLC = { date: "date", open: "open", high: "high", low: "low", close: "close" } as const;

export const FORMATS: Readonly<Record<CsvFormat, FormatSpec>> = {
  yahoo: {
    title: "Yahoo Finance: Date,Open,High,Low,Close,Adj Close,Volume",
    columns: { ...OHLC, "adj close": "adjClose", volume: "volume" },
    optional: [],
    defaultBasis: "split",
  },
  backtrader: {
    title: "backtrader: Date,Open,High,Low,Close,Volume,OpenInterest",
    columns: { ...OHLC, volume: "volume", openinterest: "openInterest" },
    optional: [],
    defaultBasis: "raw",
  },
  zipline: {
    title: "zipline csvdir: date,open,high,low,close,volume[,dividend,split]",
    columns: { ...OHLC, volume: "volume", dividend: "dividend", split: "split" },
    optional: ["dividend", "split"],
    defaultBasis: "raw",
  },
};

/** Where each field sits in a file's rows, and the header's own spelling of it (for reject reasons). */
export interface HeaderLayout {
  format: CsvFormat;
  fields: Partial<Record<BarField, { index: number; name: string }>>;
}

function layoutFor(format: CsvFormat, header: readonly string[]): HeaderLayout | undefined {
  const spec = FORMATS[format];
  const fields: HeaderLayout["fields"] = {};
  for (const [index, raw] of header.entries()) {
    const field = spec.columns[raw.trim().toLowerCase()];
    if (field === undefined || fields[field] !== undefined) return undefined;
    fields[field] = { index, name: raw.trim() };
  }
  const complete = Object.entries(spec.columns).every(([column, field]) => fields[field] !== undefined || spec.optional.includes(column));
  return complete ? { format, fields } : undefined;
}

/** The header's layout: the given format (which the header must match), or the one it matches. */
export function recogniseHeader(file: string, header: readonly string[], format: CsvFormat | "auto"): HeaderLayout {
  const shown = JSON.stringify(header.join(","));
  if (format !== "auto") {
    const layout = layoutFor(format, header);
    if (!layout) throw new InputError(`${file}: header ${shown} is not a ${format} header (expected ${FORMATS[format].title})`);
    return layout;
  }
  for (const candidate of CSV_FORMATS) {
    const layout = layoutFor(candidate, header);
    if (layout) return layout;
  }
  const expected = CSV_FORMATS.map((f) => FORMATS[f].title).join("; ");
  throw new InputError(`${file}: unknown header ${shown} (expected ${expected})`);
}
