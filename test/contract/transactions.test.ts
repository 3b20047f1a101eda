/**
 * Repositories inside transactions: `database.transaction((tx) => repositories(tx)…)` has the API of
 * `repositories(database)`, runs every statement (Drizzle's included) on the transaction's connection,
 * and commits or rolls back as one, on every engine.
 */
import { expect, test } from "vitest";
import type { Session } from "../../src/db/index.ts";
import { repositories, type Repositories } from "../../src/repositories/index.ts";
import { ohlcvData } from "../../src/schema/index.ts";
import { describeEachEngine } from "../engines.ts";
import { bar, days } from "../fixtures.ts";

/** One write through every repository, every name carrying `tag` (also the region) so tests stay apart. */
async function writeThroughEvery(r: Repositories, tag: string): Promise<void> {
  const region = tag;
  await r.instruments.upsert([{ ticker: "AAA", region, name: "Alpha", currency: "USD" }]);
  expect(await r.instruments.ensureInferred([{ ticker: "AAA", region }, { ticker: "BBB", region }], "test")).toBe(1);
  expect(await r.instruments.upsertFacts([{ ticker: "AAA", region, name: "Not kept", currency: "EUR", dataSource: "yahoo" }], ["currency"])).toEqual({
    loaded: 0,
    merged: 1,
  });
  expect(await r.prices.upsertBars(days("2021-01-04", 5).map((d, i) => bar("AAA", region, d, 10 + i)))).toEqual({ loaded: 5, merged: 0 });
  await r.corporateActions.upsertSplits([{ ticker: "AAA", region, date: "2021-01-06", numerator: 2, denominator: 1, ratio: 2, source: "test" }]);
  await r.corporateActions.upsertDividends([{ ticker: "AAA", region, exDate: "2021-01-07", amount: 1, source: "test" }]);
  await r.fundamentals.upsert([
    { ticker: "AAA", region, periodType: "ANNUAL", fiscalYear: 2020, periodEnd: "2020-12-31", knownDate: "2021-01-05", netIncome: 5 },
  ]);
  const score = { ticker: "AAA", region, date: "2021-01-08", factorName: `f_${tag}`, rawValue: 1.5, zScore: 0, percentile: 0.5, score: 0 };
  expect(await r.factorScores.replace(`f_${tag}`, ["2021-01-08"], [score], { region })).toBe(1);
  const strategy = await r.research.saveStrategy({ name: `s_${tag}`, factorWeights: { [`f_${tag}`]: 1 } });
  await r.research.saveBacktest(
    { strategyId: strategy.id, startDate: "2021-01-04", endDate: "2021-01-08", initialCapital: 1000 },
    { holdings: [{ portfolio: tag, ticker: "AAA", region, asOfDate: "2021-01-08", quantity: 2, avgPrice: 12 }] },
  );
  await r.research.saveOptimization({ method: `m_${tag}`, tickers: ["AAA"], weights: { AAA: 1 } });
  const run = await r.jobRuns.start({ job: `job_${tag}`, fromDate: "2021-01-04", toDate: "2021-01-08", details: { tag } });
  await r.jobRuns.finish(run.id, { status: "succeeded", rows: 3 });
  await r.fetchCoverage.upsert([
    {
      vendor: "test", symbol: `SYM_${tag}`, interval: "1d", ticker: "AAA", region,
      coveredFrom: "2021-01-04", coveredTo: "2021-01-08", lastSplitDate: "2021-01-06", lastFetchedAt: new Date("2021-01-09T00:00:00Z"),
    },
  ]);
}

/** What every repository's reads return for the rows `writeThroughEvery(tag)` writes. */
async function readThroughEvery(r: Repositories, tag: string) {
  const region = tag;
  const strategy = await r.research.strategy(`s_${tag}`);
  const panel = await r.prices.panel({ field: "close", from: "2021-01-01", to: "2021-01-31", region });
  const adjusted = (mode: "split" | "total") =>
    r.adjustedBars("AAA", region, "2021-01-04", "2021-01-08", { asOf: "2021-01-08", mode }).then((bars) => bars.map((b) => Number(b.close.toFixed(12))));
  const coverage = await r.fetchCoverage.get("test", `SYM_${tag}`, "1d");
  return {
    instruments: (await r.instruments.list({ region })).map((i) => [i.ticker, i.name, i.currency, i.isInferred]),
    instrument: (await r.instruments.get("AAA", region))?.dataSource,
    bars: (await r.prices.bars("AAA", region, "2021-01-05", "2021-01-06")).map((b) => [b.date, b.close]),
    series: Array.from((await r.prices.series("AAA", region, "2021-01-07", "2021-01-08")).close),
    indicators: (await r.prices.barsWithIndicators("AAA", region, "2021-01-08", "2021-01-08")).map((b) => b.source),
    crossSection: (await r.prices.crossSection("2021-01-05", { region })).map((b) => [b.ticker, b.close]),
    panel: [panel.tickers, Array.from(panel.values)],
    latestBarDate: await r.prices.latestBarDate(region),
    split: await adjusted("split"),
    total: await adjusted("total"),
    splits: (await r.corporateActions.splits("AAA", region)).map((s) => [s.date, s.ratio]),
    dividends: (await r.corporateActions.dividends("AAA", region)).map((d) => [d.exDate, d.amount]),
    fundamentals: (await r.fundamentals.asOf("2021-01-06", { region })).map((f) => [f.ticker, f.netIncome]),
    knownIn: (await r.fundamentals.knownIn("netIncome", { from: "2021-01-01", to: "2021-01-31", region })).map((f) => f.value),
    scores: (await r.factorScores.scores(`f_${tag}`, "2021-01-01", "2021-01-31")).map((s) => [s.ticker, s.rawValue]),
    scoreDates: await r.factorScores.dates(`f_${tag}`),
    strategy: strategy?.factorWeights,
    backtests: strategy === undefined ? [] : (await r.research.backtests(strategy.id)).map((b) => b.initialCapital),
    optimizations: (await r.research.optimizations(1000)).filter((o) => o.method === `m_${tag}`).map((o) => o.weights),
    jobRuns: (await r.jobRuns.list(`job_${tag}`)).map((j) => [j.status, j.rows]),
    succeededThrough: await r.jobRuns.succeededThrough(`job_${tag}`, { tag }),
    coverage: coverage && [coverage.coveredFrom, coverage.coveredTo, coverage.lastSplitDate],
  };
}

const WRITTEN = {
  instruments: [
    ["AAA", "Alpha", "EUR", false],
    ["BBB", null, null, true],
  ],
  instrument: null,
  bars: [["2021-01-05", 11], ["2021-01-06", 12]],
  series: [13, 14],
  indicators: ["test"],
  crossSection: [["AAA", 11]],
  panel: [["AAA"], [10, 11, 12, 13, 14]],
  latestBarDate: "2021-01-08",
  split: [5, 5.5, 12, 13, 14],
  // The 2021-01-07 dividend of 1 against the previous close 12: factor 11/12 before it.
  total: [4.583333333333, 5.041666666667, 11, 13, 14],
  splits: [["2021-01-06", 2]],
  dividends: [["2021-01-07", 1]],
  fundamentals: [["AAA", 5]],
  knownIn: [5],
  scores: [["AAA", 1.5]],
  scoreDates: ["2021-01-08"],
  backtests: [1000],
  optimizations: [{ AAA: 1 }],
  jobRuns: [["succeeded", 3]],
  succeededThrough: "2021-01-08",
  coverage: ["2021-01-04", "2021-01-08", "2021-01-06"],
};

const NOTHING = {
  instruments: [], instrument: undefined, bars: [], series: [], indicators: [], crossSection: [], panel: [[], []], latestBarDate: null,
  split: [], total: [], splits: [], dividends: [], fundamentals: [], knownIn: [], scores: [], scoreDates: [], strategy: undefined,
  backtests: [], optimizations: [], jobRuns: [], succeededThrough: null, coverage: undefined,
};

const barCount = async (session: Session, ticker: string) =>
  (await session.query<{ n: number }>("SELECT count(*)::int AS n FROM ohlcv_data WHERE ticker = $1", [ticker]))[0].n;

describeEachEngine("repositories inside a transaction", (db, engine) => {
  test("every repository works through repositories(tx), reads its own writes, and the commit keeps them", async () => {
    const inside = await db().transaction(async (tx) => {
      await writeThroughEvery(repositories(tx), "CM");
      return readThroughEvery(repositories(tx), "CM");
    });
    expect(inside).toEqual({ ...WRITTEN, strategy: { f_CM: 1 } });
    expect(await readThroughEvery(repositories(db()), "CM")).toEqual(inside);
  });

  test("a rollback discards the writes of every repository", async () => {
    expect(await readThroughEvery(repositories(db()), "RB")).toEqual(NOTHING);
    const abandoned = db().transaction(async (tx) => {
      await writeThroughEvery(repositories(tx), "RB");
      expect(await readThroughEvery(repositories(tx), "RB")).toEqual({ ...WRITTEN, strategy: { f_RB: 1 } });
      throw new Error("abandon");
    });
    await expect(abandoned).rejects.toThrow("abandon");
    expect(await readThroughEvery(repositories(db()), "RB")).toEqual(NOTHING);
  });

  test("copyRows inside a transaction writes every batch in it, merging across batches; rollback drops them all, commit keeps them", async () => {
    const rows = days("2019-03-01", 5).map((d, i) => bar("COPYTX", "TX", d, i + 1));
    const batches: number[] = [];
    const load = async (tx: Session) => {
      expect(await tx.copyRows(ohlcvData, rows, { batchSize: 2, onBatch: (p) => batches.push(p.batchRows) })).toEqual({ loaded: 5, merged: 0 });
      // Rows already held (2 of them) go through the staging table and merge, still in the transaction.
      expect(await tx.copyRows(ohlcvData, [...rows.slice(3), bar("COPYTX", "TX", "2019-03-06", 9)], { batchSize: 2 })).toEqual({ loaded: 1, merged: 2 });
      expect(await barCount(tx, "COPYTX")).toBe(6);
      // Another connection of the server sees nothing until the commit (PGlite has only the one).
      if (engine.name === "postgres") expect(await barCount(db(), "COPYTX")).toBe(0);
    };
    await expect(
      db().transaction(async (tx) => {
        await load(tx);
        throw new Error("abandon");
      }),
    ).rejects.toThrow("abandon");
    expect(batches).toEqual([2, 2, 1]);
    expect(await barCount(db(), "COPYTX")).toBe(0);
    await db().transaction(load);
    expect(await barCount(db(), "COPYTX")).toBe(6);
  });

  test("Drizzle queries in a transaction run on its connection, and tx.db.transaction() nests a savepoint", async () => {
    await db().transaction(async (tx) => {
      const r = repositories(tx);
      const strategy = await r.research.saveStrategy({ name: "drizzle-in-tx", factorWeights: { a: 1 } });
      expect((await r.research.strategy("drizzle-in-tx"))?.id).toBe(strategy.id);
      if (engine.name === "postgres") expect(await repositories(db()).research.strategy("drizzle-in-tx")).toBeUndefined();
      // A ledger repeating a source key fails in its own savepoint; the transaction goes on.
      const trade = {
        portfolio: "tx", sourceKey: "dup", ticker: "AAA", region: "US", side: "BUY" as const, quantity: 1, price: 1, amount: 1,
        orderedAt: new Date("2021-06-01T14:30:00Z"),
      };
      const failed = await r.research
        .saveBacktest({ strategyId: strategy.id, startDate: "2021-01-01", endDate: "2021-12-31", initialCapital: 1 }, { transactions: [trade, trade] })
        .catch((e: { cause?: { code?: string } }) => e.cause?.code);
      expect(failed).toBe("23505"); // unique_violation
      expect(await r.research.backtests(strategy.id)).toEqual([]);
      await r.research.saveBacktest({ strategyId: strategy.id, startDate: "2021-01-01", endDate: "2021-12-31", initialCapital: 2 });
    });
    const strategy = await repositories(db()).research.strategy("drizzle-in-tx");
    expect((await repositories(db()).research.backtests(strategy!.id)).map((b) => b.initialCapital)).toEqual([2]);
  });

  test("a failed savepoint undoes its own writes and drops the work it queued for after the commit; the rest runs once committed", async () => {
    const ran: string[] = [];
    const instruments = async () => (await repositories(db()).instruments.list({ region: "SP" })).map((i) => i.ticker);
    await db().transaction(async (tx) => {
      await tx.afterCommit(async () => void ran.push("outer"));
      const undone = tx.transaction(async (sp) => {
        await repositories(sp).instruments.upsert([{ ticker: "SP1", region: "SP" }]);
        await sp.afterCommit(async () => void ran.push("undone"));
        throw new Error("undo");
      });
      await expect(undone).rejects.toThrow("undo");
      await tx.savepoint(async (sp) => {
        await repositories(sp).instruments.upsert([{ ticker: "SP2", region: "SP" }]);
        await sp.afterCommit(async (database) => {
          ran.push(`kept:${(await database.query<{ n: number }>("SELECT count(*)::int AS n FROM tickers WHERE region = 'SP'"))[0].n}`);
        });
      });
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(["outer", "kept:1"]);
    expect(await instruments()).toEqual(["SP2"]);

    await expect(
      db().transaction(async (tx) => {
        await tx.afterCommit(async () => void ran.push("rolled back"));
        throw new Error("abandon");
      }),
    ).rejects.toThrow("abandon");
    await db().afterCommit(async () => void ran.push("at once"));
    expect(ran).toEqual(["outer", "kept:1", "at once"]);
  });

  test("bars upserted in a transaction refresh the monthly aggregate once it commits", async () => {
    await repositories(db()).prices.upsertBars(days("2018-01-01", 40).map((d) => bar("AGGTX", "TX", d, 5)));
    await db().transaction((tx) => repositories(tx).prices.upsertBars([bar("AGGTX", "TX", "2018-01-15", 50)]));
    const [january] = await repositories(db()).prices.aggregateBars("month", "AGGTX", "TX", "2018-01-01", "2018-01-01");
    expect([january.high, january.close, january.barCount]).toEqual([52, 5, 31]);
  });

  test("the reads that moved into repositories return what their hand-written SQL returned", async () => {
    const r = repositories(db());
    await writeThroughEvery(r, "MV");
    await r.prices.upsertBars([bar("AAA", "MV2", "2021-02-01", 1, { timeframe: "1w" }), bar("OTHER", "MV3", "2030-01-02", 1)]);
    const coverage = await r.fetchCoverage.get("test", "SYM_MV", "1d");
    const [stored] = await db().query<{ covered_from: string; covered_to: string; last_split_date: string | null }>(
      `SELECT covered_from::text, covered_to::text, last_split_date::text
         FROM fetch_coverage WHERE vendor = $1 AND symbol = $2 AND interval = $3`,
      ["test", "SYM_MV", "1d"],
    );
    expect(stored).toEqual({ covered_from: "2021-01-04", covered_to: "2021-01-08", last_split_date: "2021-01-06" });
    expect({ covered_from: coverage?.coveredFrom, covered_to: coverage?.coveredTo, last_split_date: coverage?.lastSplitDate }).toEqual(stored);
    expect(await r.fetchCoverage.get("test", "SYM_MV", "1wk")).toBeUndefined();

    const splits = await db().query<{ date: string; ratio: number }>(
      "SELECT date::text AS date, ratio FROM splits WHERE ticker = $1 AND region = $2 ORDER BY date",
      ["AAA", "MV"],
    );
    expect(splits).toEqual([{ date: "2021-01-06", ratio: 2 }]);
    expect((await r.corporateActions.splits("AAA", "MV")).map(({ date, ratio }) => ({ date, ratio }))).toEqual(splits);

    const latest = async (region?: string) =>
      (
        await db().query<{ latest: string | null }>(
          `SELECT max(date)::text AS latest FROM ohlcv_data WHERE timeframe = '1d'${region === undefined ? "" : " AND region = $1"}`,
          region === undefined ? [] : [region],
        )
      )[0].latest;
    for (const region of ["MV", "MV2", "NOWHERE", undefined]) expect(await r.prices.latestBarDate(region)).toBe(await latest(region));
    expect([await r.prices.latestBarDate("MV"), await r.prices.latestBarDate("MV2"), await r.prices.latestBarDate()]).toEqual([
      "2021-01-08",
      null,
      "2030-01-02",
    ]);
  });
});
