/**
 * What h5py, the library kite_app itself runs on, reads in an HDF5 file: h5py-describe.py run by
 * Debian's /usr/bin/python3 with Debian's h5py and NumPy (package `python3-h5py`), not a `python3`
 * found first on PATH, which may have neither. A missing interpreter or library fails the test.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const H5PY_PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("./h5py-describe.py", import.meta.url));

export type H5pyValue = string | number | null | H5pyValue[];

export interface H5pyGroup {
  kind: "group";
  attrs: Record<string, H5pyValue>;
}

export interface H5pyDataset {
  kind: "dataset";
  attrs: Record<string, H5pyValue>;
  /** `[[member, numpy type]]` of a compound, else the numpy type (`|S1`). */
  dtype: [string, string][] | string;
  shape: number[];
  /** null per unlimited dimension. */
  maxshape: (number | null)[];
  chunks: number[] | null;
  /** h5py's names: `{ shuffle: [32], gzip: 4 }`. */
  filters: Record<string, H5pyValue>;
  rows: number;
  /** SHA-256 of the elements' bytes as NumPy holds them (packed records, as kite_app's checksum). */
  sha256: string;
  first: H5pyValue;
  last: H5pyValue;
}

export interface H5pyFile {
  h5py: string;
  hdf5: string;
  attrs: Record<string, H5pyValue>;
  nodes: Record<string, H5pyGroup | H5pyDataset>;
}

/** The file as h5py reads it; with `modify`, after h5py has changed it read-write as kite_app would (see the script). */
export function h5pyDescribe(path: string, options: { modify?: boolean } = {}): H5pyFile {
  const args = [SCRIPT, path, ...(options.modify ? ["--modify"] : [])];
  return JSON.parse(execFileSync(H5PY_PYTHON, args, { encoding: "utf8", maxBuffer: 256 * 2 ** 20 })) as H5pyFile;
}

export function h5pyDataset(file: H5pyFile, path: string): H5pyDataset {
  const node = file.nodes[path];
  if (node?.kind !== "dataset") throw new Error(`h5py finds no dataset at ${path}`);
  return node;
}
