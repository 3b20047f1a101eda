import { expect, test } from "vitest";
import { closePanel } from "../../src/factors/jobs/close-panel.ts";
import { repositories } from "../../src/repositories/index.ts";
import { bar } from "../fixtures.ts";
import { describeEachEngine } from "../engines.ts";
import { DAYS, universeBars } from "./universe.ts";

describeEachEngine("close panel for factor jobs", (db) => {
  // prices.panel documents (region, ticker) order but returns first-seen order when not given a list;
  // it is asked for closePanel's instruments, so the comparison covers every cell and date.
  test("holds what prices.panel returns for closes, instruments by (region, ticker): one region or several, with holes", async () => {
    const repos = repositories(db());
    const korean = [bar("005930", "KR", DAYS[3], 70_000), bar("005930", "KR", DAYS[5], 71_000), bar("000660", "KR", DAYS[4], 120_000)];
    const weekly = { ...bar("UP", "US", DAYS[6], 1), timeframe: "1w" as const }; // not a daily bar: ignored by both
    await repos.prices.upsertBars([...universeBars(0, 10).filter((b) => b.ticker !== "DOWN" || b.date !== DAYS[2]), ...korean, weekly]);
    const plain = (p: { dates: readonly string[]; tickers: readonly string[]; values: Float64Array; instruments: { ticker: string; region: string }[] }) => ({
      dates: p.dates,
      tickers: p.tickers,
      values: Array.from(p.values),
      instruments: p.instruments,
    });
    for (const filter of [{ region: "US" }, { region: "KR" }, {}]) {
      const range = { from: DAYS[1], to: DAYS[8], ...filter };
      const fast = plain(await closePanel(db(), range));
      expect(fast.instruments.map((i) => `${i.region} ${i.ticker}`)).toEqual(
        fast.instruments.map((i) => `${i.region} ${i.ticker}`).sort(),
      );
      expect(fast).toEqual(plain(await repos.prices.panel({ field: "close", ...range, instruments: fast.instruments })));
      expect(fast.values.filter((v) => v === v).length).toBe(filter.region === "KR" ? 3 : filter.region === "US" ? 23 : 26);
    }
  });
});
