/**
 * One session file as a unit of the ingest core (core/batch.ts): its rows in line order, in batches,
 * each row a `tick_prices`, `tick_orderbook` or `indicator_values` row or a reject kept whole (header
 * name → cell text) with its reason. Position = the line number of the batch's last row, so a resume
 * reads on from the line after the last committed batch. Rows whose key is already present (an
 * indicator timestamp written twice) merge, the later row winning.
 *
 * The file must be as the run planned it (size and modification time): one that changed since is an
 * InputError and the run stops, to be started again.
 */
import { readFileSync, statSync } from "node:fs";
import { InputError } from "../../errors.ts";
import { indicatorValues, tickOrderbook, tickPrices } from "../../schema/index.ts";
import type { Reject, SourceBatch, SourceUnit } from "../core/batch.ts";
import { RowReject } from "../core/values.ts";
import { wholeRow } from "../core/whole-row.ts";
import type { SessionFile } from "./discover.ts";
import { indicatorRecords, indicatorRow } from "./indicators.ts";
import { readRecords, TRUNCATED, type CsvRecord } from "./lines.ts";
import { orderbookRow } from "./orderbook.ts";
import { priceRow } from "./prices.ts";

/** A file a run loads, as recorded in its options (its absolute path follows from the data folder). */
export interface PlannedFile extends Omit<SessionFile, "absolute"> {
  /** The unit's name: `{sessionId}/{path}`. */
  unit: string;
  sessionId: string;
  /** The session folder's name in the data folder. */
  folder: string;
  sha256: string;
}

const TARGETS = { prices: tickPrices, orderbook: tickOrderbook, indicator: indicatorValues };

function rowOf(file: PlannedFile): (cells: readonly string[], line: number) => Record<string, unknown> {
  const { sessionId, symbol, indicatorId, header } = file;
  if (file.kind === "prices") return (cells, line) => priceRow(sessionId, symbol, cells, line);
  if (file.kind === "orderbook") return (cells, line) => orderbookRow(sessionId, symbol, cells, line);
  return (cells) => indicatorRow(sessionId, symbol, indicatorId!, header, cells);
}

function checkUnchanged(absolute: string, file: PlannedFile): void {
  const now = statSync(absolute, { throwIfNoEntry: false });
  if (!now || now.size !== file.size || now.mtimeMs !== file.mtimeMs) {
    throw new InputError(`${absolute} changed since the import started; run the import again`);
  }
}

async function* recordsOf(absolute: string, file: PlannedFile, after: number): AsyncGenerator<CsvRecord[]> {
  if (file.kind !== "indicator") {
    yield* readRecords(absolute, after);
    return;
  }
  yield indicatorRecords(absolute, readFileSync(absolute, "utf8")).filter((r) => r.line > after);
}

async function* batches(absolute: string, file: PlannedFile, after: number, batchSize: number): AsyncGenerator<SourceBatch> {
  checkUnchanged(absolute, file);
  const toRow = rowOf(file);
  let rows: Record<string, unknown>[] = [];
  let rejects: Reject[] = [];
  let position = after;
  const take = (): SourceBatch => {
    const batch = { rows, rejects, read: rows.length + rejects.length, position, notes: {} };
    rows = [];
    rejects = [];
    return batch;
  };
  for await (const records of recordsOf(absolute, file, after)) {
    for (const { line, cells, terminated } of records) {
      if (!terminated) rejects.push({ sourceRowId: String(line), reason: TRUNCATED, row: wholeRow(file.header, cells) });
      else {
        try {
          rows.push(toRow(cells, line));
        } catch (err) {
          if (!(err instanceof RowReject)) throw err;
          rejects.push({ sourceRowId: String(line), reason: err.message, row: wholeRow(file.header, cells) });
        }
      }
      position = line;
      if (rows.length + rejects.length >= batchSize) yield take();
    }
  }
  checkUnchanged(absolute, file);
  if (rows.length + rejects.length > 0) yield take();
}

export function fileUnit(absolute: string, file: PlannedFile, batchSize: number): SourceUnit {
  return {
    name: file.unit,
    target: TARGETS[file.kind],
    createsInstruments: false,
    // Ticks and snapshots are keyed by their line number: no key repeats within a file.
    distinctKeys: file.kind !== "indicator",
    passes: [{ onConflict: "update", read: (after) => batches(absolute, file, after, batchSize) }],
  };
}
