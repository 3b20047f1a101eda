/**
 * A kite_app segment file (EQUITY.h5, DERIVATIVES.h5) opened and checked before anything is written.
 *
 * Refused whole, as one `InputError` line: a missing file, one that is not HDF5 or that HDF5 cannot
 * open, one without a `/data` group, a selection (`exchanges`, `intervals`, `symbols`) naming what
 * the file lacks or matching nothing, and a selected dataset compressed with a filter kite_app never
 * used (only gzip with shuffle and Blosc are read: another filter means another writer, or a plugin
 * this reader does not carry).
 *
 * Every node under `/data/{EXCHANGE}/{SYMBOL}/{interval}` is listed; one that is not a kite_app bar
 * dataset (an exchange or interval name Kite does not have, a node at the wrong depth, a record that
 * is not kite_app's compound) is a rejected dataset with its reason, and the rest load.
 */
import { InputError } from "../../errors.ts";
import { hdf5Reason, nodeKind, openHdf5, type Dataset, type File, type Filter, type Group } from "../../hdf5/read.ts";
import { isKiteExchange, KITE_EXCHANGES, pathSymbol, type KiteExchange, type KiteSegment } from "../../kite/instruments.ts";
import { isKiteInterval, KITE_INTERVALS, type KiteInterval } from "../../kite/intervals.ts";
import { DATA_ROOT } from "../../kite/layout.ts";
import { recordSegmentOf, type MemberMetadata } from "../../kite/records.ts";
import { kiteIntervals } from "../../repositories/kite-names.ts";

export const EXPECTED_FILE = "kite_app's EQUITY.h5 or DERIVATIVES.h5";

/** HDF5 filters kite_app writes: gzip (deflate 1) with shuffle (2), and Blosc (32001). */
export const KNOWN_FILTERS: Readonly<Record<number, string>> = { 1: "gzip", 2: "shuffle", 32001: "Blosc" };

export interface KiteDataset {
  path: string;
  exchange: KiteExchange;
  symbol: string;
  interval: KiteInterval;
  /** The record layout of its elements. */
  segment: KiteSegment;
  rows: number;
  filters: Filter[];
}

export interface RejectedDataset {
  path: string;
  reason: string;
}

export interface KiteFile {
  path: string;
  size: number;
  mtimeMs: number;
  /** The root attribute `segment` (EQUITY, DERIVATIVES), or "" when the file has none. */
  segment: string;
  file: File;
  datasets: KiteDataset[];
  /** Nodes under /data that are not kite_app bar datasets. */
  rejected: RejectedDataset[];
  close(): void;
}

export interface Selection {
  exchanges?: readonly string[];
  intervals?: readonly string[];
  symbols?: readonly string[];
}

const childrenOf = (file: File, path: string) => ((file.get(path) as Group).keys() as string[]).sort();

function describeNode(file: File, path: string, exchange: string, symbol: string, interval: string): KiteDataset | RejectedDataset {
  if (!isKiteExchange(exchange)) return { path, reason: `exchange ${exchange} is not one kite_app stores (${KITE_EXCHANGES.join(", ")})` };
  if (!isKiteInterval(interval)) return { path, reason: `interval ${interval} is not a Kite interval (${KITE_INTERVALS.join(", ")})` };
  const kind = nodeKind(file, path);
  if (kind !== "dataset") return { path, reason: `expected a dataset of bars, found a ${kind ?? "missing node"}` };
  const dataset = file.get(path) as Dataset;
  const { shape, size, compound_type: compound } = dataset.metadata;
  const members = (compound?.members ?? []) as unknown as MemberMetadata[];
  const segment = shape?.length === 1 && compound ? recordSegmentOf(size, members) : undefined;
  if (!segment) {
    const what = compound ? `a compound of ${size} bytes (${members.map((m) => m.name).join(", ")})` : `a ${shape?.length ?? 0}-dimensional non-compound dataset`;
    return { path, reason: `not kite_app's bar record (timestamp, open, high, low, close, volume[, oi]): ${what}` };
  }
  return { path, exchange, symbol, interval, segment, rows: shape![0], filters: dataset.filters };
}

/** Every node of `/data/{EXCHANGE}/{SYMBOL}/{interval}`, as a dataset to load or a rejected one. */
function listData(file: File): { datasets: KiteDataset[]; rejected: RejectedDataset[] } {
  const datasets: KiteDataset[] = [];
  const rejected: RejectedDataset[] = [];
  for (const exchange of childrenOf(file, DATA_ROOT)) {
    const exchangePath = `${DATA_ROOT}/${exchange}`;
    if (nodeKind(file, exchangePath) !== "group") {
      rejected.push({ path: exchangePath, reason: `expected an exchange group, found a ${nodeKind(file, exchangePath)}` });
      continue;
    }
    for (const symbol of childrenOf(file, exchangePath)) {
      const symbolPath = `${exchangePath}/${symbol}`;
      if (nodeKind(file, symbolPath) !== "group") {
        rejected.push({ path: symbolPath, reason: `expected a symbol group, found a ${nodeKind(file, symbolPath)}` });
        continue;
      }
      for (const interval of childrenOf(file, symbolPath)) {
        const found = describeNode(file, `${symbolPath}/${interval}`, exchange, symbol, interval);
        if ("reason" in found) rejected.push(found);
        else datasets.push(found);
      }
    }
  }
  return { datasets, rejected };
}

export async function openKiteFile(given: string): Promise<KiteFile> {
  const opened = await openHdf5(given, EXPECTED_FILE);
  try {
    const { file } = opened;
    if (nodeKind(file, DATA_ROOT) !== "group") throw new InputError(`${given} has no /data tree (expected ${EXPECTED_FILE})`);
    let listed;
    try {
      listed = listData(file);
    } catch (err) {
      throw new InputError(`cannot read ${given} as HDF5: ${hdf5Reason(err)}`);
    }
    const segment = file.attrs.segment?.value;
    return { ...opened, segment: typeof segment === "string" ? segment : "", ...listed };
  } catch (err) {
    opened.close();
    throw err;
  }
}

/** Whether a node under /data (a dataset or a rejected node) is one the selection names. */
export function selected(path: string, selection: Selection): boolean {
  const [exchange, symbol, interval] = path.slice(DATA_ROOT.length + 1).split("/");
  const symbols = selection.symbols?.map(pathSymbol);
  return (
    (!selection.exchanges || selection.exchanges.includes(exchange)) &&
    (!symbols || symbol === undefined || symbols.includes(symbol)) &&
    (!selection.intervals || interval === undefined || selection.intervals.includes(interval))
  );
}

function checkNames(given: readonly string[] | undefined, available: readonly string[], flag: string, what: string, file: string): void {
  const unknown = (given ?? []).filter((n) => !available.includes(n));
  if (unknown.length > 0) throw new InputError(`${flag}: ${unknown.join(", ")} not in ${file} (${what}: ${available.join(", ")})`);
}

/**
 * The datasets of `file` the selection names (all by default), in path order. Symbols may be given
 * as the path names them (`M_M`) or as Kite's trading symbol (`M&M`). Each named exchange and symbol
 * must be in the file, each interval a Kite interval; the datasets chosen must all use known filters.
 */
export function selectDatasets(kite: KiteFile, selection: Selection, given: string): KiteDataset[] {
  const exchanges = [...new Set(kite.datasets.map((d) => d.exchange))];
  checkNames(selection.exchanges, exchanges, "--exchanges", "exchanges with datasets", given);
  kiteIntervals(selection.intervals ?? []); // the same line as bars and export-hdf5 give
  const inExchanges = kite.datasets.filter((d) => !selection.exchanges || selection.exchanges.includes(d.exchange));
  const unknownSymbols = (selection.symbols ?? []).filter((s) => !inExchanges.some((d) => d.symbol === pathSymbol(s)));
  if (unknownSymbols.length > 0) {
    throw new InputError(`--symbols: ${unknownSymbols.join(", ")} not in ${given}${selection.exchanges ? ` under ${selection.exchanges.join(", ")}` : ""}`);
  }
  const chosen = inExchanges.filter((d) => selected(d.path, selection));
  if (chosen.length === 0) throw new InputError(`no dataset of ${given} matches the selection (--exchanges, --intervals, --symbols)`);
  for (const d of chosen) {
    const unknown = d.filters.find((f) => KNOWN_FILTERS[f.id] === undefined);
    if (unknown) {
      throw new InputError(
        `${given}: ${d.path} is compressed with HDF5 filter ${unknown.id} (${unknown.name || "unnamed"}), which kite_app never used; ` +
          `only gzip, shuffle and Blosc are read (rewrite it with h5repack -f SHUF -f GZIP=4, or leave it out with --exchanges/--symbols/--intervals)`,
      );
    }
  }
  return chosen;
}
