/**
 * Factor study: which of the price factors ranked the demo market's next-day, next-week and
 * next-month returns, and by how much?
 *
 * The price factors (momentum_12_1, reversal_1m, volatility_252, rsi_14) are computed on every
 * trading day of the range, not stored (the workspace's `factor`). A factor with no value at all is
 * skipped with its reason: it needs more history than the database holds. For the others: IC and
 * rank IC per horizon (`ic`, analyzeFactor oriented by the factor's direction, so a positive IC
 * means it worked as intended), mean forward return by quintile, and a factor tear sheet each.
 *
 * Run: npx tsx notebooks/factor-study.ts [--out DIR]   (on the demo database: npm run demo)
 */
import { factorByName, PRICE_FACTORS } from "../src/factors/registry.ts";
import { factorTearSheet } from "../src/report/index.ts";
import { closesAfter } from "../src/workspace/index.ts";
import { DEMO, runNotebook } from "./lib/notebook.ts";

const HORIZONS = [1, 5, 21];

runNotebook("factor-study", "IC and quantile returns of the price factors on the demo market, with a factor tear sheet each.", async (nb) => {
  const { region, from, to } = DEMO;

  nb.step(`The market: ${region} daily bars`);
  const [market] = await nb.sql<{ instruments: number; first: string; last: string; most_bars: number }>`
    SELECT count(*) AS instruments, min(first) AS first, max(last) AS last, max(bars) AS most_bars
    FROM (SELECT ticker, min(date) AS first, max(date) AS last, count(*) AS bars FROM ohlcv_data
          WHERE region = ${region} AND timeframe = ${"1d"} GROUP BY ticker) AS per_instrument`;
  nb.show("bars", market);

  nb.step(`Each price factor on the trading days ${from} … ${to}`);
  const panels = [];
  for (const definition of PRICE_FACTORS) {
    const panel = await nb.factor(definition.name, { region, from, to });
    const values = panel.values.reduce((n, v) => n + (Number.isFinite(v) ? 1 : 0), 0);
    if (values === 0) {
      // Not a failure: the factor needs `lookback` bars before each date, more than the demo has.
      console.log(`skip ${definition.name}: no value on any date; it needs ${definition.lookback} bars before a date, and no instrument has more than ${market.most_bars} bars in all (${market.first} … ${market.last})`);
      continue;
    }
    console.log(`${definition.name}: ${values} values on ${panel.dates.length} dates × ${panel.tickers.length} instruments (${definition.description})`);
    panels.push(panel);
  }

  nb.step("IC and rank IC by forward horizon (oriented: positive = worked as intended)");
  const reports = [];
  for (const panel of panels) reports.push({ factor: panel.factor, report: await nb.ic(panel, { horizons: HORIZONS }) });
  nb.show(
    "IC",
    reports.flatMap(({ factor, report }) =>
      report.horizons.map((h) => ({ factor, horizon: h.horizon, dates: h.rankIc.count, ic: h.ic.mean, rankIc: h.rankIc.mean, rankIcIr: h.rankIc.ir, topMinusBottom: h.quantileReturns.spread.mean })),
    ),
  );
  for (const { factor, report } of reports) nb.show(`${factor} 5-day mean rank IC`, report.horizons[1].rankIc.mean);

  nb.step("Mean 5-day forward return by quintile (Q1 = least preferred, Q5 = most)");
  nb.show(
    "quintiles",
    reports.map(({ factor, report }) => ({ factor, ...Object.fromEntries(report.horizons[1].quantileReturns.meanReturn.map((r, q) => [`Q${q + 1}`, r])) })),
  );

  nb.step("A factor tear sheet per studied factor");
  for (const panel of panels) {
    // The closes the IC above was measured on: the factor's instruments, far enough past `to` for 21 days.
    const closes = await closesAfter(nb.database, panel, region, HORIZONS);
    const definition = factorByName(panel.factor);
    const sheet = factorTearSheet(panel.factor, panel, closes, { horizons: HORIZONS, direction: definition.direction });
    await nb.report({ ...sheet, description: definition.description, region }, `factor-study-${panel.factor}.html`);
  }
});
