/**
 * Tick-session replay (issue 15): replaySession merges a stored session's trades and order-book
 * snapshots by time, paced or unpaced; runTickBacktest feeds a strategy from it and books fills with
 * the backtest module's costs and accounting.
 */
export { replaySession, Replay, type ReplayOptions } from "./replay-session.ts";
export { runTickBacktest, type TickAccount, type TickBacktestOptions, type TickBacktestResult, type TickFill, type TickOrder, type TickStrategy } from "./tick-backtest.ts";
export { systemClock, type ReplayClock } from "./pacing.ts";
export { REPLAY_KINDS, type BookEvent, type PriceEvent, type ReplayEvent, type ReplayKind, type ReplayProgress } from "./types.ts";
