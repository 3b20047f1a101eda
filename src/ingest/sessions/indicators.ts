/**
 * An indicator file (`SYMBOL/indicators/{variant_type}_{variant_id}.csv`) as `indicator_values` rows:
 * header `timestamp,value`, optionally followed by `confidence` and a JSON `metadata` column (quoted
 * CSV, hence csv-parse here; indicator files are small and read whole).
 *
 * The indicator id is the file name without `.csv`; the series is the session id. An empty `value`
 * means none and is stored as NULL, as is an empty confidence or metadata; metadata must be JSON
 * (stored as written). A timestamp written twice (a streaming append after a batch write) is one
 * key: the later row wins and the earlier counts as merged. A last line without a line end is
 * rejected as truncated (lines.ts), like any line with a cell count other than the header's.
 */
import { parse } from "csv-parse/sync";
import { InputError } from "../../errors.ts";
import { optionalNumber, reject, requiredJson } from "../core/values.ts";
import type { NewIndicatorValueRow } from "../../schema/index.ts";
import type { CsvRecord } from "./lines.ts";
import { timestampValue } from "../../util/instants.ts";
import { epochMicros } from "./timestamps.ts";

const OPTIONAL = ["confidence", "metadata"];
export const INDICATOR_HEADER_HELP = "timestamp,value[,confidence][,metadata]";

/** Whether `header` is an indicator file's: `timestamp,value` then each optional column at most once. */
export function isIndicatorHeader(header: readonly string[]): boolean {
  const rest = header.slice(2);
  return header[0] === "timestamp" && header[1] === "value" && rest.every((c) => OPTIONAL.includes(c)) && new Set(rest).size === rest.length;
}

/** The data records of a whole indicator file (after the header), each with the line it ends on. */
export function indicatorRecords(path: string, text: string): CsvRecord[] {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = text.lastIndexOf("\n") + 1;
  const body = text.slice(bom, Math.max(end, bom));
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes as { record, info } (the typings describe plain records only).
    parsed = parse(body, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof parsed;
  } catch (err) {
    throw new InputError(`${path} is not valid CSV (${(err as Error).message})`);
  }
  const records = parsed.slice(1).map(({ record, info }) => ({ line: info.lines, cells: record, terminated: true }));
  const tail = text.slice(Math.max(end, bom)).replace(/\r$/, "");
  if (tail !== "" && parsed.length > 0) {
    let lines = 1;
    for (let at = body.indexOf("\n"); at >= 0; at = body.indexOf("\n", at + 1)) lines++;
    records.push({ line: lines, cells: tail.split(","), terminated: false });
  }
  return records;
}

/** A row for the bulk path: `ts` as timestamps.ts gives it (see prices.ts), metadata as its JSON text. */
export type IndicatorValueRow = Omit<NewIndicatorValueRow, "ts"> & { ts: Date | string };

export function indicatorRow(series: string, symbol: string, indicatorId: string, header: readonly string[], cells: readonly string[]): IndicatorValueRow {
  if (cells.length !== header.length) reject(`expected ${header.length} cells as in the header, found ${cells.length}`);
  const ts = timestampValue(epochMicros(cells[0], "timestamp"));
  const value = optionalNumber(cells[1], "value");
  const at = (column: string) => {
    const i = header.indexOf(column);
    return i < 0 || cells[i] === "" ? null : cells[i];
  };
  const confidence = optionalNumber(at("confidence"), "confidence");
  const metadata = at("metadata");
  if (metadata !== null) requiredJson(metadata, "metadata");
  return { series, symbol, indicatorId, ts, value, confidence, metadata };
}
