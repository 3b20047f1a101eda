/**
 * A kite_app file as h5wasm reads it, for comparing an export with its source: the root attributes and,
 * per dataset path, the records' bytes (decompressed, as stored) and the attributes.
 */
import { attributesOf, datasetBytes, type Dataset } from "../../../src/hdf5/read.ts";
import { openKiteFile } from "../../../src/ingest/hdf5/source.ts";
import { RECORD_TYPES } from "../../../src/kite/records.ts";

export interface KiteFileContents {
  attrs: Record<string, unknown>;
  datasets: Map<string, { bytes: Uint8Array; attrs: Record<string, unknown> }>;
}

export async function readKiteFile(path: string): Promise<KiteFileContents> {
  const kite = await openKiteFile(path);
  try {
    const datasets = new Map(
      kite.datasets.map((d) => {
        const dataset = kite.file.get(d.path) as Dataset;
        return [d.path, { bytes: datasetBytes(dataset), attrs: attributesOf(dataset) }] as const;
      }),
    );
    return { attrs: attributesOf(kite.file), datasets };
  } finally {
    kite.close();
  }
}

/** `bytes` of `segment` records without the records at `skip`. */
export function withoutRecords(bytes: Uint8Array, segment: keyof typeof RECORD_TYPES, skip: readonly number[]): Uint8Array {
  const size = RECORD_TYPES[segment].size;
  const kept: Uint8Array[] = [];
  for (let i = 0; i < bytes.length / size; i++) if (!skip.includes(i)) kept.push(bytes.subarray(i * size, (i + 1) * size));
  return Buffer.concat(kept);
}
