/** Inclusive `YYYY-MM-DD` range conditions; an open end adds no condition. */
import { and, gte, lte, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

export function inDateRange(column: PgColumn, from?: string, to?: string): SQL | undefined {
  return and(from === undefined ? undefined : gte(column, from), to === undefined ? undefined : lte(column, to));
}
