/**
 * kite_app's own check of a dataset, done before a run loads it: its records' SHA-256 must equal the
 * `checksum` attribute (`checksum_algorithm` sha256), as kite_app's reader refused a dataset otherwise.
 * A dataset that fails, lacks the attribute or cannot be read is rejected with that reason, whole;
 * one that passes is planned with what its records and attributes tell (bars.ts `DatasetPlan`).
 */
import { attributesOf, datasetBytes, hdf5Reason, type Dataset, type File } from "../../hdf5/read.ts";
import { RECORD_TYPES, RecordView, recordChecksum } from "../../kite/records.ts";
import { istWallTime } from "../../kite/time.ts";
import type { DatasetPlan } from "./bars.ts";
import type { KiteDataset } from "./source.ts";

/** The dataset's plan and its records' bytes, or why it is rejected. */
export function checkDataset(file: File, d: KiteDataset): { plan: DatasetPlan; records: Uint8Array } | { reason: string } {
  const dataset = file.get(d.path) as Dataset;
  const attrs = attributesOf(dataset);
  const { checksum, checksum_algorithm: algorithm } = attrs;
  if (typeof checksum !== "string") return { reason: "no checksum attribute" };
  if (algorithm !== undefined && algorithm !== "sha256") return { reason: `checksum algorithm ${String(algorithm)} is not sha256` };
  let bytes: Uint8Array;
  try {
    bytes = datasetBytes(dataset);
  } catch (err) {
    return { reason: `cannot read: ${hdf5Reason(err)}` };
  }
  const actual = recordChecksum(bytes);
  if (actual !== checksum.toLowerCase()) return { reason: `checksum mismatch: the records hash to ${actual}, the checksum attribute says ${checksum}` };
  const view = new RecordView(bytes, RECORD_TYPES[d.segment].size);
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < view.count; i++) {
    first = Math.min(first, view.timestamp(i));
    last = Math.max(last, view.timestamp(i));
  }
  const ends = view.count > 0 ? { first, last } : {};
  const plan = { path: d.path, exchange: d.exchange, symbol: d.symbol, interval: d.interval, segment: d.segment, rows: d.rows, ...ends, updatedAt: istWallTime(attrs.updated_at) };
  return { plan, records: bytes };
}
