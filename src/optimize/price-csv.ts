/**
 * Reads a wide price CSV into a `Panel`: header `date,<ticker>,<ticker>,...`, then one row per
 * date `YYYY-MM-DD,<price>,...`; an empty cell is a missing price (NaN). Parsing is strict:
 * a price is a plain decimal number (`0x10`, `1e`, `Infinity` are refused, as by every loader,
 * ingest/core/values.ts) and a date a real calendar date (`2024-02-30` is refused). Dates must be
 * strictly ascending; cells may be double-quoted. Errors name the file, line and column.
 */
import { readFileSync } from "node:fs";
import type { Panel } from "../panel/index.ts";
import { PlatformError } from "../errors.ts";
import { optionalNumber, RowReject } from "../ingest/core/values.ts";
import { isIsoDate } from "../util/dates.ts";

export class PriceCsvError extends PlatformError {
  override readonly name = "PriceCsvError";
  constructor(message: string) {
    super("bad-csv", message);
  }
}

export function readPriceCsv(path: string): Panel {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PriceCsvError(`cannot read ${path}: ${code === "ENOENT" ? "no such file" : (code ?? String(error))}; check the path`);
  }
  return parsePriceCsv(text, path);
}

export function parsePriceCsv(text: string, source = "CSV"): Panel {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length < 2) throw new PriceCsvError(`${source} needs a header and at least one row of prices`);
  const header = splitRow(lines[0]);
  const tickers = header.slice(1);
  if (tickers.length === 0) throw new PriceCsvError(`${source} header has no ticker columns after the date column`);
  const seen = new Set<string>();
  for (const ticker of tickers) {
    if (ticker === "") throw new PriceCsvError(`${source} header has an empty ticker name`);
    if (seen.has(ticker)) throw new PriceCsvError(`${source} header repeats ticker ${ticker}`);
    seen.add(ticker);
  }
  const n = tickers.length;
  const dates: string[] = [];
  const values = new Float64Array((lines.length - 1) * n);
  for (let row = 1; row < lines.length; row++) {
    const cells = splitRow(lines[row]);
    const line = row + 1;
    if (cells.length !== n + 1) throw new PriceCsvError(`${source} line ${line} has ${cells.length} cells, the header ${n + 1}`);
    const date = cells[0];
    // Year 0000 parses in JS but is no date in PostgreSQL (1 BC follows AD 1), where --save would store it.
    if (!isIsoDate(date) || date < "0001-01-01") throw new PriceCsvError(`${source} line ${line}: date "${date}" is not a calendar date YYYY-MM-DD`);
    if (dates.length > 0 && date <= dates[dates.length - 1]) {
      throw new PriceCsvError(`${source} line ${line}: date ${date} is not after ${dates[dates.length - 1]}; sort the rows by date and drop duplicates`);
    }
    dates.push(date);
    for (let i = 0; i < n; i++) {
      const cell = cells[i + 1].trim();
      const offset = (row - 1) * n + i;
      if (cell === "") {
        values[offset] = NaN;
        continue;
      }
      values[offset] = price(cell, `${source} line ${line}, column ${tickers[i]}`);
    }
  }
  return { dates, tickers, values };
}

function price(cell: string, where: string): number {
  try {
    return optionalNumber(cell, where)!;
  } catch (error) {
    if (error instanceof RowReject) throw new PriceCsvError(`${where}: "${cell}" is not a decimal number`);
    throw error;
  }
}

function splitRow(line: string): string[] {
  return line.split(",").map((cell) => {
    const trimmed = cell.trim();
    return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  });
}
