/**
 * The instruments a backtest trades: a list (`A,B.KR`), every instrument of a region with daily bars
 * in the range (optionally of some asset types only), or a file listing them (one or more per line,
 * comma-separated, `#` starts a comment). Bare tickers take the US region, as elsewhere.
 * Bad input (no universe, two of them, an unreadable file, a list naming an instrument with no bars
 * in the range, nothing at all to trade) is an InputError naming what to change.
 */
import { readFileSync } from "node:fs";
import type { Session } from "../../db/index.ts";
import { InputError } from "../../errors.ts";
import { parseInstruments } from "../../optimize/run-optimization.ts";
import type { InstrumentKey } from "../../repositories/index.ts";

export interface UniverseSpec {
  /** `A,B.KR`, or a list of such entries. */
  readonly tickers?: string | readonly string[];
  readonly region?: string;
  /** Path of a file listing instruments. */
  readonly universeFile?: string;
  /** With `region`: keep these asset types only (STOCK, ETF, …, as the instruments record them). */
  readonly assetTypes?: readonly string[];
}

const DEFAULT_REGION = "US";

export async function resolveUniverse(session: Session, spec: UniverseSpec, from: string, to: string): Promise<InstrumentKey[]> {
  const listedUniverse = spec.tickers !== undefined || spec.universeFile !== undefined;
  if (spec.tickers !== undefined && spec.universeFile !== undefined) {
    throw new InputError("give one universe: --tickers or --universe, not both");
  }
  if (!listedUniverse && spec.region === undefined) {
    throw new InputError("no universe: give --tickers A,B.KR, --region R or --universe FILE");
  }
  if (spec.assetTypes !== undefined && listedUniverse) {
    throw new InputError("--asset-types narrows a --region universe, not a list of instruments; drop one of them");
  }
  if (!listedUniverse) return regionUniverse(session, spec.region!, spec.assetTypes, from, to);
  const listed = spec.tickers !== undefined ? parseInstruments(spec.tickers, spec.region ?? DEFAULT_REGION) : readUniverseFile(spec.universeFile!, spec.region ?? DEFAULT_REGION);
  const instruments = unique(listed);
  if (instruments.length === 0) throw new InputError(spec.tickers !== undefined ? "--tickers is empty; list instruments as A,B.KR" : `${spec.universeFile} lists no instrument`);
  const withBars = await instrumentsWithBars(session, instruments, from, to);
  const missing = instruments.filter((k) => !withBars.has(`${k.ticker}.${k.region}`));
  if (missing.length > 0) {
    const names = missing.slice(0, 5).map((k) => `${k.ticker}.${k.region}`).join(", ");
    throw new InputError(`no daily bars in ${from}..${to} for ${names}${missing.length > 5 ? ` and ${missing.length - 5} more` : ""}: check the tickers and range, or import their bars`);
  }
  return instruments;
}

function readUniverseFile(path: string, region: string): InstrumentKey[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(`cannot read universe file ${path} (${(error as NodeJS.ErrnoException).code ?? "error"}); give a file listing TICKER or TICKER.REGION entries`);
  }
  return parseInstruments(text.split(/\r?\n/).map((line) => line.replace(/#.*/, "")), region);
}

function unique(instruments: readonly InstrumentKey[]): InstrumentKey[] {
  const seen = new Set<string>();
  return instruments.filter((k) => {
    const key = `${k.ticker}.${k.region}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function instrumentsWithBars(session: Session, instruments: readonly InstrumentKey[], from: string, to: string): Promise<Set<string>> {
  const rows = await session.query<{ ticker: string; region: string }>(
    `SELECT DISTINCT o.ticker, o.region
       FROM ohlcv_data o
       JOIN jsonb_to_recordset($1::jsonb) AS i(ticker text, region text) ON o.ticker = i.ticker AND o.region = i.region
      WHERE o.timeframe = '1d' AND o.date BETWEEN $2::date AND $3::date`,
    [JSON.stringify(instruments), from, to],
  );
  return new Set(rows.map((r) => `${r.ticker}.${r.region}`));
}

async function regionUniverse(session: Session, region: string, assetTypes: readonly string[] | undefined, from: string, to: string): Promise<InstrumentKey[]> {
  const rows = await session.query<{ ticker: string; region: string }>(
    `SELECT o.ticker, o.region
       FROM ohlcv_data o
      WHERE o.timeframe = '1d' AND o.region = $1 AND o.date BETWEEN $2::date AND $3::date
        AND ($4::text[] IS NULL OR EXISTS (
              SELECT 1 FROM tickers t WHERE t.ticker = o.ticker AND t.region = o.region AND upper(t.asset_type) = ANY ($4::text[])))
      GROUP BY o.region, o.ticker
      ORDER BY o.region, o.ticker`,
    [region, from, to, assetTypes ? assetTypes.map((t) => t.toUpperCase()) : null],
  );
  if (rows.length === 0) {
    const narrowed = assetTypes ? ` of asset types ${assetTypes.join(",")}` : "";
    throw new InputError(`empty universe: no instrument of region ${region}${narrowed} has daily bars in ${from}..${to}`);
  }
  return rows;
}
