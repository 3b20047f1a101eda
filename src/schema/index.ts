/** The platform's schema: every table and view, and the row types inferred from them. */
export * from "./reference.ts";
export * from "./market-data.ts";
export * from "./intraday.ts";
export * from "./kite.ts";
export * from "./tick-sessions.ts";
export * from "./research.ts";
export * from "./bookkeeping.ts";
export * from "./types.ts";
