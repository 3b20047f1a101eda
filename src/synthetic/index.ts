/**
 * Synthetic data for the demo, the tests and the benchmarks: seeded, so the same options give the
 * same values (and the same SQLite file, byte for byte) on every machine.
 *
 * Conventions shared by every generator here:
 * - randomness: one mulberry32 stream from an integer seed (./random.ts), never Math.random;
 * - calendar: daily data falls on weekdays, with no market holidays (./calendar.ts), dates are
 *   `YYYY-MM-DD` in UTC;
 * - prices: geometric random walks in the instrument's own currency; a missing value is NaN.
 *
 * Generic generators: tickers (./tickers.ts), OHLCV bars of one instrument (./bars.ts), a close
 * panel of a large universe (./close-panel.ts), one-factor correlated prices (./factor-model.ts),
 * and their `ohlcv_data` rows (./bar-rows.ts). The SQLite sample files with the problems of real
 * source databases are built on them: Spock (./spock-sample.ts) and Stockula (./stockula-sample.ts).
 * kite_app's HDF5 files (./kite-sample.ts) are written from a seeded 1-minute walk (./kite-bars.ts).
 */
export { mulberry32, normalSampler } from "./random.ts";
export { calendarDays, weekdaysEnding, weekdaysFrom } from "./calendar.ts";
export { numberedTickers } from "./tickers.ts";
export { type Bars, randomBars } from "./bars.ts";
export { randomClosePanel } from "./close-panel.ts";
export { oneFactorPrices } from "./factor-model.ts";
export { barRows, closeBars } from "./bar-rows.ts";
export { generateSpockSample, SAMPLE_END_DATE, type SpockSampleOptions } from "./spock-sample.ts";
export { MIN_INSTRUMENTS } from "./spock-universe.ts";
export { generateStockulaSample, type StockulaSampleOptions } from "./stockula-sample.ts";
export { generateInstrumentFile, generateKiteFile, type KiteSampleOptions } from "./kite-sample.ts";
