/**
 * Indicator values persistence benchmark (targets from the seed plan: save ≤ 10 ms per 1,000 values,
 * load ≤ 50 ms for 10,000 values on the server), per engine on a fresh migrated database:
 * - save: 1,000 values (one a second, value and confidence) of a session's indicator, in overwrite
 *   mode (delete the stored set and insert, one transaction) and in append mode onto a new time range;
 * - load: 10,000 stored values of one indicator in time order, from a table that also holds 20 other
 *   indicators of the same length (so the read is one key range among others).
 * - baseline: the same 1,000 rows as CSV text prepared beforehand, COPYed into the table in one
 *   transaction (new times each run): the engine's own floor for a durable save, nothing checked or
 *   encoded in the timing.
 * Each figure is the median of `--repeats` runs after one warm-up.
 */
import { integerOption, parseCli, runCli } from "../scripts/lib/cli.ts";
import { openDatabase } from "../src/db/index.ts";
import { indicatorValuesRepository, type IndicatorValue } from "../src/repositories/indicator-values.ts";
import { freshTargets } from "./lib/fresh-targets.ts";
import { median, progress as log } from "./lib/timing.ts";

const HELP = `Usage: npm run bench:indicator-values [-- --repeats N --engines pglite,postgres --json]

Times saving 1,000 indicator values (overwrite and append) and loading 10,000, per engine.
The server engine is used when DATABASE_URL is set.`;

const T0 = 1_759_841_342_000_000;
const values = (n: number, start: number): IndicatorValue[] =>
  Array.from({ length: n }, (_, i) => ({ ts: start + i * 1_000_000, value: 62_000 + Math.sin(i / 50) * 100, confidence: (i % 100) / 100 }));

async function timed(repeats: number, run: (i: number) => Promise<unknown>): Promise<number> {
  await run(-1);
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await run(i);
    ms.push(performance.now() - started);
  }
  return Number(median(ms).toFixed(2));
}

runCli(async () => {
  const flags = parseCli({ repeats: { type: "string", default: "20" }, engines: { type: "string", default: "pglite,postgres" }, json: { type: "boolean" } }, HELP);
  if (!flags) return;
  const repeats = integerOption(flags.repeats, "--repeats", 1)!;
  const results = [];
  for (const engine of freshTargets(flags.engines.split(","), "t_indicator_bench")) {
    const target = await engine.fresh();
    const database = await openDatabase(target.options);
    try {
      const repo = indicatorValuesRepository(database);
      const key = (indicator: string) => ({ session: "exec_20251007_124902_ab12cd34", symbol: "BTC_USDT", indicator });
      const thousand = values(1_000, T0);
      const saveOverwriteMs = await timed(repeats, () => repo.save(key("overwrite"), thousand, { mode: "overwrite" }));
      const saveAppendMs = await timed(repeats, (i) => repo.save(key("append"), values(1_000, T0 + (i + 1) * 1_000 * 1_000_000), { mode: "append" }));
      const csv = (i: number) =>
        values(1_000, T0 + (i + 2) * 1_000 * 1_000_000)
          .map((v) => `exec_20251007_124902_ab12cd34,BTC_USDT,raw,${new Date(v.ts / 1000).toISOString()},${v.value},${v.confidence},\n`)
          .join("");
      const prepared = Array.from({ length: repeats + 1 }, (_, i) => csv(i));
      const columns = ["series", "symbol", "indicator_id", "ts", "value", "confidence", "metadata"];
      const rawCopyMs = await timed(repeats, (i) => database.transaction((tx) => tx.copyFrom("indicator_values", columns, [prepared[i + 1]], "csv")));
      for (let k = 0; k < 20; k++) await repo.save(key(`other_${k}`), values(10_000, T0), { mode: "overwrite" });
      await repo.save(key("loaded"), values(10_000, T0), { mode: "overwrite" });
      await database.query("ANALYZE indicator_values");
      let rows = 0;
      const load10kMs = await timed(repeats, async () => (rows = (await repo.load(key("loaded"))).length));
      if (rows !== 10_000) throw new Error(`loaded ${rows} of 10,000 values`);
      const result = { engine: engine.name, saveOverwriteMs, saveAppendMs, rawCopyMs, load10kMs };
      results.push(result);
      log(`${engine.name}: save 1,000 (overwrite) ${saveOverwriteMs} ms, save 1,000 (append) ${saveAppendMs} ms, raw COPY 1,000 ${rawCopyMs} ms, load 10,000 ${load10kMs} ms`);
    } finally {
      await database.close();
      await target.drop();
    }
  }
  if (flags.json) console.log(JSON.stringify({ repeats, results }));
  else {
    for (const r of results) {
      // The targets are the server's (issue 15); the embedded figures are printed for comparison.
      const met = (ms: number, limit: number) => (r.engine !== "postgres" ? `${limit} on the server` : ms <= limit ? `${limit}: met` : `${limit}: missed`);
      console.log(
        `${r.engine.padEnd(9)} save 1,000 values: overwrite ${r.saveOverwriteMs} ms, append ${r.saveAppendMs} ms (target ≤ ${met(Math.max(r.saveOverwriteMs, r.saveAppendMs), 10)}), ` +
          `raw COPY of the same rows ${r.rawCopyMs} ms (append / raw ${(r.saveAppendMs / r.rawCopyMs).toFixed(2)}); ` +
          `load 10,000: ${r.load10kMs} ms (target ≤ ${met(r.load10kMs, 50)})`,
      );
    }
  }
});
