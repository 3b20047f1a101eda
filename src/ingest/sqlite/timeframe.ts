/**
 * Bar timeframe codes from source files → the platform's `1d` / `1w` / `1mo`.
 *
 * Spock writes `D`, `W`, `M`; other tools write `1d`, `daily`, `1wk`, `1mo`, `monthly`, … Matching is
 * case-insensitive except for the single letter M: `M` is Spock's month, while `m`/`1m` are minutes
 * in yfinance's vocabulary. Intraday and unknown codes are rejected, never mapped by guess.
 */
import type { Timeframe } from "../../schema/index.ts";
import { reject, type SqlValue } from "../core/values.ts";

const CODES: Record<string, Timeframe> = {
  d: "1d", "1d": "1d", day: "1d", daily: "1d",
  w: "1w", "1w": "1w", "1wk": "1w", wk: "1w", week: "1w", weekly: "1w",
  "1mo": "1mo", mo: "1mo", mon: "1mo", month: "1mo", monthly: "1mo",
};

export function normalizeTimeframe(value: SqlValue, column: string): Timeframe {
  if (value === "M") return "1mo";
  const code = typeof value === "string" ? CODES[value.trim().toLowerCase()] : undefined;
  return code ?? reject(`${column}: unsupported timeframe ${JSON.stringify(value ?? null)} (loads daily, weekly and monthly bars)`);
}
