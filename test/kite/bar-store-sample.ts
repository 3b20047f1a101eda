/**
 * The store the bar-store tests read: two generated kite_app files (seeded, two sessions, 2025-10-15
 * and 2025-10-16) loaded by the importer, and an instruments.h5 listing NSE's two symbols only.
 *
 * - EQUITY: NSE `M&M` and `BAJAJ-AUTO`, BSE `M&M` (paths M_M, BAJAJ_AUTO), each `day` (2 bars),
 *   `60minute` (14) and `5minute` (150), no `oi`. NSE M_M's last 5-minute bar of the 15th (row 74,
 *   15:25 IST) is moved to 18:30Z, IST midnight starting the 16th.
 * - DERIVATIVES: NFO `NIFTY25OCTFUT`, BFO `SENSEX25OCT82000CE`, each `day` (2) and `minute` (750)
 *   with `oi`; NIFTY25OCTFUT's first day bar has oi 0.
 */
import { join } from "node:path";
import type { Database } from "../../src/db/index.ts";
import { migrateFromHdf5 } from "../../src/ingest/hdf5/index.ts";
import { generateInstrumentFile, generateKiteFile } from "../../src/synthetic/kite-sample.ts";

const at = (iso: string) => Date.parse(iso) / 1000;

export function writeBarStoreFiles(dir: string): { equity: string; derivatives: string; instruments: string } {
  const files = { equity: join(dir, "EQUITY.h5"), derivatives: join(dir, "DERIVATIVES.h5"), instruments: join(dir, "instruments.h5") };
  generateKiteFile(files.equity, {
    segment: "EQUITY",
    sessions: 2,
    seed: 7,
    instruments: [{ exchange: "NSE", tradingSymbol: "M&M" }, { exchange: "NSE", tradingSymbol: "BAJAJ-AUTO" }, { exchange: "BSE", tradingSymbol: "M&M" }],
    intervals: ["day", "60minute", "5minute"],
    edits: [{ path: "/data/NSE/M_M/5minute", row: 74, field: "timestamp", value: at("2025-10-15T18:30:00Z") }],
  });
  generateKiteFile(files.derivatives, {
    segment: "DERIVATIVES",
    sessions: 2,
    seed: 8,
    instruments: [{ exchange: "NFO", tradingSymbol: "NIFTY25OCTFUT" }, { exchange: "BFO", tradingSymbol: "SENSEX25OCT82000CE" }],
    intervals: ["day", "minute"],
    edits: [{ path: "/data/NFO/NIFTY25OCTFUT/day", row: 0, field: "oi", value: 0 }],
  });
  const listing = (token: number, tradingsymbol: string, name: string) => ({
    instrument_token: token, exchange_token: token >> 8, tradingsymbol, name, last_price: 0, expiry: "", strike: 0, tick_size: 0.05, lot_size: 1, instrument_type: "EQ", segment: "NSE", exchange: "NSE",
  });
  generateInstrumentFile(files.instruments, { NSE: [listing(519937, "M&M", "MAHINDRA & MAHINDRA"), listing(4267265, "BAJAJ-AUTO", "BAJAJ AUTO")] });
  return files;
}

/** The files above loaded into `database`. */
export async function loadBarStore(database: Database, files: ReturnType<typeof writeBarStoreFiles>): Promise<void> {
  await migrateFromHdf5({ source: files.equity, instruments: files.instruments, database });
  await migrateFromHdf5({ source: files.derivatives, database });
}
