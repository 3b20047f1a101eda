/**
 * Fetch coverage repository: per (vendor, symbol, interval), the dates a vendor ingest has stored and
 * the latest split that stored history includes (`fetch_coverage`), so the next run fetches only
 * what is missing, or everything again after a new split.
 */
import { and, eq } from "drizzle-orm";
import type { Session } from "../db/index.ts";
import { fetchCoverage } from "../schema/index.ts";
import type { FetchCoverage, NewFetchCoverage } from "../schema/index.ts";

export function fetchCoverageRepository(session: Session) {
  const { db } = session;
  return {
    async get(vendor: string, symbol: string, interval: string): Promise<FetchCoverage | undefined> {
      const [row] = await db
        .select()
        .from(fetchCoverage)
        .where(and(eq(fetchCoverage.vendor, vendor), eq(fetchCoverage.symbol, symbol), eq(fetchCoverage.interval, interval)));
      return row;
    },

    /** Insert or replace coverage records (keyed by vendor, symbol, interval). */
    upsert: (rows: Iterable<NewFetchCoverage>) => session.copyRows(fetchCoverage, rows),
  };
}
