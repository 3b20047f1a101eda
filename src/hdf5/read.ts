/**
 * Reading HDF5 files with h5wasm 0.8.11 (the HDF5 1.14 C library compiled to WebAssembly; on Node it
 * reads host files directly), with h5wasm-plugins' filters installed (Blosc, filter 32001, among them)
 * and HDF5 errors thrown instead of printed.
 *
 * `openHdf5()` refuses what is not an HDF5 file before the library sees it (its signature, at offset
 * 0, 512, 1024, … as the format allows) and turns every library failure into one `InputError` line.
 * `datasetBytes()` reads a dataset's elements as the raw bytes of its file type (h5wasm's own `value`
 * would unpack a compound into arrays of arrays, and the checksums kite_app stores are over the raw
 * bytes). A fixed-length `S1` dataset reads as an array of one-character strings; `datasetText()`
 * joins them back.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { resolve } from "node:path";
import h5wasm, { Module, type Dataset, type File, type Filter, type Group } from "h5wasm/node";
import { install_local_plugins } from "h5wasm-plugins";
import { InputError } from "../errors.ts";

export type { Dataset, File, Filter, Group };

let ready: Promise<void> | undefined;

/** Load the library once per process: WebAssembly module, filter plugins, throwing error handler. */
export function loadHdf5(): Promise<void> {
  ready ??= h5wasm.ready.then((module) => {
    install_local_plugins(module);
    module.activate_throwing_error_handler();
  });
  return ready;
}

const SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

function hasSignature(path: string, size: number): boolean {
  const fd = openSync(path, "r");
  try {
    const probe = Buffer.alloc(SIGNATURE.length);
    for (let at = 0; at + SIGNATURE.length <= size; at = at === 0 ? 512 : at * 2) {
      if (readSync(fd, probe, 0, probe.length, at) === probe.length && probe.equals(SIGNATURE)) return true;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

/** The most specific line of an HDF5 error stack ("minor: …"), or the error's own message. */
export function hdf5Reason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const minors = [...text.matchAll(/minor: (.+)/g)].map((m) => m[1].trim());
  return minors.at(-1) ?? text.split("\n")[0];
}

export interface OpenedHdf5 {
  /** Absolute path. */
  path: string;
  size: number;
  mtimeMs: number;
  file: File;
  close(): void;
}

/** Open `given` read-only; `expected` completes "not an HDF5 file (expected …)". */
export async function openHdf5(given: string, expected: string): Promise<OpenedHdf5> {
  const path = resolve(given);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new InputError(`file not found: ${given} (expected ${expected})`);
  }
  if (!stat.isFile()) throw new InputError(`${given} is not a file (expected ${expected})`);
  if (!hasSignature(path, stat.size)) throw new InputError(`${given} is not an HDF5 file (expected ${expected})`);
  await loadHdf5();
  let file: File;
  try {
    file = new h5wasm.File(path, "r");
  } catch (err) {
    throw new InputError(`cannot read ${given} as HDF5: ${hdf5Reason(err)}`);
  }
  return { path, size: stat.size, mtimeMs: stat.mtimeMs, file, close: () => file.close() };
}

/** Attribute values by name (strings as text, 64-bit integers as bigint). */
export function attributesOf(node: Group | Dataset): Record<string, unknown> {
  return Object.fromEntries(Object.entries(node.attrs).map(([name, attr]) => [name, attr.value]));
}

/** Rows `[start, start + count)` of a one-dimensional dataset (default: all) as raw bytes. */
export function datasetBytes(dataset: Dataset, start = 0, count?: number): Uint8Array {
  const { size, shape } = dataset.metadata;
  const rows = count ?? (shape?.[0] ?? 0) - start;
  if (rows <= 0) return new Uint8Array(0);
  const ptr = Module._malloc(rows * size);
  try {
    Module.get_dataset_data(dataset.file_id, dataset.path, [BigInt(rows)], [BigInt(start)], [1n], BigInt(ptr));
    return Module.HEAPU8.slice(ptr, ptr + rows * size);
  } finally {
    Module._free(ptr);
  }
}

/** A dataset of one-byte strings (h5py `S1`) as text. */
export function datasetText(dataset: Dataset): string {
  const value = dataset.value;
  return Array.isArray(value) ? value.join("") : String(value ?? "");
}

/** What is at `path`: "group", "dataset", another kind of node ("datatype", "link", …), or undefined. */
export function nodeKind(file: File, path: string): string | undefined {
  const node = file.get(path);
  if (node === null || node === undefined) return undefined;
  if (node instanceof h5wasm.Group) return "group";
  if (node instanceof h5wasm.Dataset) return "dataset";
  return node instanceof h5wasm.Datatype ? "datatype" : "link";
}
