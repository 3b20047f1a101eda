/**
 * The instrument a REPL user means by a ticker: `TICKER.REGION`, or a bare `TICKER` when exactly one
 * region lists it in `tickers`. An unknown ticker or one listed in several regions is an InputError
 * naming what to type instead.
 */
import type { Queryable } from "../db/index.ts";
import { InputError } from "../errors.ts";
import type { InstrumentKey } from "../repositories/index.ts";

export async function resolveInstrument(session: Queryable, text: string): Promise<InstrumentKey> {
  const dot = text.lastIndexOf(".");
  // A ticker may hold a dot itself (BRK.B): the whole text as a ticker is tried first.
  const candidates = [{ ticker: text, region: null as string | null }, ...(dot > 0 ? [{ ticker: text.slice(0, dot), region: text.slice(dot + 1) }] : [])];
  for (const { ticker, region } of candidates) {
    const rows = await session.query<{ region: string }>(
      "SELECT region FROM tickers WHERE ticker = $1 AND ($2::text IS NULL OR region = $2::text) ORDER BY region",
      [ticker, region],
    );
    if (rows.length === 1) return { ticker, region: rows[0].region };
    if (rows.length > 1) {
      throw new InputError(`ticker "${ticker}" is listed in regions ${rows.map((r) => r.region).join(", ")}; name one, e.g. "${ticker}.${rows[0].region}"`);
    }
  }
  throw new InputError(`unknown ticker "${text}": no instrument in tickers has it (list them: await sql\`SELECT ticker, region FROM tickers\`)`);
}
