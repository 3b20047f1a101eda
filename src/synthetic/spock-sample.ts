/**
 * A deterministic Spock-layout SQLite file (`spock_local.db`) holding every problem of real files
 * listed in source-systems.md §1. Same options → same file, byte for byte.
 *
 * Scale: `instruments` priced instruments × `days` weekdays of daily bars (plus weekly and monthly bars
 * for one instrument in twenty), ending on 2025-10-10; the other tables are small beside it. About
 * 3,700 instruments × 250 days is the scale of a real file (~926,000 price rows).
 * Conventions: one mulberry32 stream from `seed` draws the universe and the small tables; each
 * instrument's prices come from their own stream (./spock-prices.ts); the calendar is weekdays with
 * no holidays (./calendar.ts); prices are in each region's currency (./spock-universe.ts).
 */
import { mulberry32 } from "./random.ts";
import { weekdaysEnding } from "./calendar.ts";
import { SPOCK_DDL } from "./spock-ddl.ts";
import { writeAccountTables, writeMarketTables, writeOperationalTables } from "./spock-market.ts";
import { writeSpockPrices } from "./spock-prices.ts";
import { writeEtfTables, writeFundamentals, writeStockDetails, writeTechnicalAnalysis, writeTickers } from "./spock-reference.ts";
import { writeSqliteFile } from "./sqlite-writer.ts";
import { buildUniverse } from "./spock-universe.ts";

export const SAMPLE_END_DATE = "2025-10-10";

export interface SpockSampleOptions {
  instruments: number;
  days: number;
  seed: number;
}

/** Writes the file; returns rows written per table. */
export function generateSpockSample(path: string, options: SpockSampleOptions): Record<string, number> {
  if (!Number.isInteger(options.days) || options.days < 30) throw new RangeError("days must be an integer of at least 30");
  const uniform = mulberry32(options.seed);
  const universe = buildUniverse(uniform, options.instruments);
  const dates = weekdaysEnding(SAMPLE_END_DATE, options.days);
  const recent = dates.slice(-3);
  const fridays = dates.filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 5).slice(-4);
  const monthEnds = dates.filter((d, i) => dates[i + 1]?.slice(0, 7) !== d.slice(0, 7)).slice(-3, -1);
  return writeSqliteFile(path, SPOCK_DDL, (writer) => {
    writeTickers(writer, universe, uniform);
    writeStockDetails(writer, universe, uniform);
    writeEtfTables(writer, universe, monthEnds, uniform);
    writeFundamentals(writer, universe, recent, uniform);
    writeSpockPrices(writer, universe, options.days, SAMPLE_END_DATE, options.seed);
    writeTechnicalAnalysis(writer, universe, fridays, uniform);
    writeAccountTables(writer, universe, dates, uniform);
    writeMarketTables(writer, dates.slice(-250), uniform);
    writeOperationalTables(writer, universe, dates);
  });
}
