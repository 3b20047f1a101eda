/**
 * Column helpers shared by every table, so conventions live in one place:
 * - calendar dates are `date` columns read and written as `YYYY-MM-DD` strings (no time zone games);
 * - instants are `timestamptz` read as JS Dates (UTC);
 * - prices, ratios and factor values are `double precision` (numeric comes back as strings and is slow
 *   for analytics); only ledger money uses `numeric`.
 */
import { date, doublePrecision, text, timestamp } from "drizzle-orm/pg-core";

export const day = (name: string) => date(name, { mode: "string" });
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const float = (name: string) => doublePrecision(name);

/** The instrument key used across the platform: ticker text as the exchange writes it, plus region. */
export const instrumentKey = () => ({
  ticker: text("ticker").notNull(),
  region: text("region").notNull(),
});

export const createdAt = () => instant("created_at").notNull().defaultNow();
