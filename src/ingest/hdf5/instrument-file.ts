/**
 * kite_app's instruments.h5: per exchange a group `/{EXCHANGE}` (attributes `exchange`, `last_updated`,
 * `record_count`) holding `data`, the gzip-compressed bytes of Kite's instrument list CSV as an `S1`
 * array (src/kite/instrument-list.ts reads the CSV). Groups of exchanges kite_app does not store are
 * ignored; a file with none of NSE, BSE, NFO, BFO, or whose list is not Kite's CSV, is bad input.
 */
import { InputError } from "../../errors.ts";
import { attributesOf, datasetText, hdf5Reason, nodeKind, openHdf5, type Dataset, type Group } from "../../hdf5/read.ts";
import { isKiteExchange, KITE_EXCHANGES, type KiteExchange } from "../../kite/instruments.ts";
import { parseInstrumentList, type KiteListing } from "../../kite/instrument-list.ts";
import { istWallTime } from "../../kite/time.ts";

export interface ExchangeList {
  /** Listings by path symbol; the first listed wins where two trading symbols share one. */
  bySymbol: Map<string, KiteListing>;
  /** The list's `last_updated` as timestamptz text (IST), or null. */
  updatedAt: string | null;
}

export interface InstrumentFile {
  path: string;
  size: number;
  mtimeMs: number;
  lists: Map<KiteExchange, ExchangeList>;
  /** Rows of the lists that did not read (kept out; their instruments load with what the path tells). */
  skipped: number;
}

const EXPECTED = "kite_app's instruments.h5";

export async function readInstrumentFile(given: string): Promise<InstrumentFile> {
  const opened = await openHdf5(given, EXPECTED);
  try {
    const lists = new Map<KiteExchange, ExchangeList>();
    let skipped = 0;
    for (const name of (opened.file.keys() as string[]).sort()) {
      if (!isKiteExchange(name) || nodeKind(opened.file, `/${name}/data`) !== "dataset") continue;
      let csv: string;
      try {
        csv = datasetText(opened.file.get(`/${name}/data`) as Dataset);
      } catch (err) {
        throw new InputError(`cannot read ${given} /${name}/data: ${hdf5Reason(err)}`);
      }
      const parsed = parseInstrumentList(csv, `${given} /${name}/data`);
      skipped += parsed.skipped;
      const bySymbol = new Map<string, KiteListing>();
      for (const l of parsed.listings) if (!bySymbol.has(l.symbol)) bySymbol.set(l.symbol, l);
      lists.set(name, { bySymbol, updatedAt: istWallTime(attributesOf(opened.file.get(`/${name}`) as Group).last_updated) });
    }
    if (lists.size === 0) throw new InputError(`${given} has no instrument list (/${KITE_EXCHANGES.join("/data, /")}/data; expected ${EXPECTED})`);
    return { path: opened.path, size: opened.size, mtimeMs: opened.mtimeMs, lists, skipped };
  } finally {
    opened.close();
  }
}
