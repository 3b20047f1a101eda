/**
 * Acceptance group 3, TimescaleDB health. With TimescaleDB: `ohlcv_data` and `factor_scores` are
 * hypertables (with chunks once they hold rows), compressed with segment-by settings and compression
 * policies; the monthly/quarterly/yearly continuous aggregates exist with refresh policies. On plain
 * PostgreSQL: one WARN saying so, then the fallback — the three materialized views with their unique
 * indexes and `refresh_ohlcv_aggregates()`. Either way the monthly aggregate must cover every daily
 * bar (sum of bar_count = daily rows), or research reads stale months.
 */
import type { Database } from "../../../db/index.ts";
import { passOrFail, type Check } from "./check.ts";

const HYPERTABLES = ["ohlcv_data", "factor_scores"];
const AGGREGATES = ["ohlcv_monthly", "ohlcv_quarterly", "ohlcv_yearly"];

const check = (name: string, ok: boolean, figure: string): Check => ({ group: "timescaledb", name, status: passOrFail(ok), figure });

async function timescaleChecks(database: Database, version: string): Promise<Check[]> {
  const checks: Check[] = [{ group: "timescaledb", name: "TimescaleDB installed", status: "PASS", figure: `version ${version}` }];
  const hypertables = await database.query<{ hypertable_name: string; num_chunks: number; compression_enabled: boolean }>(
    "SELECT hypertable_name, num_chunks, compression_enabled FROM timescaledb_information.hypertables",
  );
  const settings = await database.query<{ hypertable: string; segmentby: string | null }>(
    "SELECT hypertable::text AS hypertable, segmentby FROM timescaledb_information.hypertable_compression_settings",
  );
  const jobs = await database.query<{ proc_name: string; hypertable_name: string; schedule_interval: string }>(
    "SELECT proc_name, hypertable_name, schedule_interval::text AS schedule_interval FROM timescaledb_information.jobs",
  );
  for (const name of HYPERTABLES) {
    const h = hypertables.find((x) => x.hypertable_name === name);
    const [{ rows }] = await database.query<{ rows: number }>(`SELECT count(*)::int AS rows FROM ${name}`);
    checks.push(check(`${name}: hypertable`, h !== undefined, h ? `${h.num_chunks} chunks, ${rows} rows` : "not a hypertable"));
    if (h && rows > 0 && h.num_chunks === 0) checks.push(check(`${name}: rows live in chunks`, false, `${rows} rows, 0 chunks`));
    const segmentby = settings.find((s) => s.hypertable === name)?.segmentby;
    checks.push(check(`${name}: compression enabled, segmented`, Boolean(h?.compression_enabled && segmentby), segmentby ? `segment by ${segmentby}` : "no compression settings"));
    const policy = jobs.find((j) => j.proc_name === "policy_compression" && j.hypertable_name === name);
    checks.push(check(`${name}: compression policy`, policy !== undefined, policy ? `every ${policy.schedule_interval}` : "none"));
  }
  const aggregates = await database.query<{ view_name: string }>("SELECT view_name FROM timescaledb_information.continuous_aggregates");
  for (const name of AGGREGATES) {
    const exists = aggregates.some((a) => a.view_name === name);
    const policy = jobs.find((j) => j.proc_name === "policy_refresh_continuous_aggregate" && j.hypertable_name === name);
    checks.push(check(`${name}: continuous aggregate`, exists, exists ? "present" : "missing"));
    checks.push(check(`${name}: refresh policy`, policy !== undefined, policy ? `every ${policy.schedule_interval}` : "none"));
  }
  return checks;
}

async function fallbackChecks(database: Database): Promise<Check[]> {
  const checks: Check[] = [
    { group: "timescaledb", name: "TimescaleDB installed", status: "WARN", figure: "no TimescaleDB: plain tables and materialized views (the fallback)" },
  ];
  const views = await database.query<{ matviewname: string; indexed: boolean }>(
    `SELECT m.matviewname, EXISTS (SELECT 1 FROM pg_indexes i WHERE i.tablename = m.matviewname AND i.indexdef LIKE 'CREATE UNIQUE%') AS indexed
     FROM pg_matviews m`,
  );
  for (const name of AGGREGATES) {
    const view = views.find((v) => v.matviewname === name);
    checks.push(check(`${name}: materialized view with unique key`, Boolean(view?.indexed), view ? (view.indexed ? "present, indexed" : "present, no unique index") : "missing"));
  }
  const [{ present }] = await database.query<{ present: boolean }>("SELECT to_regprocedure('refresh_ohlcv_aggregates()') IS NOT NULL AS present");
  checks.push(check("refresh_ohlcv_aggregates() exists", present, present ? "present" : "missing"));
  return checks;
}

export async function timescaleHealthChecks(database: Database): Promise<Check[]> {
  const version = database.capabilities.timescaledb;
  const checks = version ? await timescaleChecks(database, version) : await fallbackChecks(database);
  const [{ daily, covered }] = await database.query<{ daily: number; covered: number }>(
    `SELECT (SELECT count(*)::int FROM ohlcv_data WHERE timeframe = '1d') AS daily,
            (SELECT coalesce(sum(bar_count), 0)::int FROM ohlcv_monthly) AS covered`,
  );
  checks.push(check("ohlcv_monthly covers every daily bar", daily === covered, `${covered} of ${daily} daily bars`));
  return checks;
}
