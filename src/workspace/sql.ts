/**
 * `sql` tagged template: every interpolated value becomes a bind parameter (`$1`, `$2`, …), never
 * text, so
 *   await sql`SELECT * FROM tickers WHERE region = ${region}`
 * runs `database.query("SELECT * FROM tickers WHERE region = $1", [region])`. Add a cast where
 * PostgreSQL cannot infer a parameter's type (`${from}::date`).
 */
import type { Queryable } from "../db/index.ts";

export type SqlTemplate = <T = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]) => Promise<T[]>;

export function sqlTemplate(session: Queryable): SqlTemplate {
  return <T,>(strings: TemplateStringsArray, ...values: unknown[]) =>
    session.query<T>(strings.reduce((text, part, k) => `${text}$${k}${part}`), values);
}
