/**
 * `factorIc`: how a factor panel ranked the forward returns that followed it: analyzeFactor's
 * report (IC and rank IC per horizon, quantile returns and spread, turnover, rank autocorrelation;
 * src/factors/analysis/report.ts) on closes loaded far enough past the last date for the longest
 * horizon. The panel is what `factorPanel` returns (it names its region, instruments and factor, whose
 * direction orients the figures), or any panel of one region's tickers with `{ region }`.
 */
import type { Session } from "../db/index.ts";
import { InputError } from "../errors.ts";
import { analyzeFactor, DEFAULT_HORIZONS, type FactorReport } from "../factors/analysis/report.ts";
import { calendarDaysFor } from "../factors/jobs/history-window.ts";
import { factorByName } from "../factors/registry.ts";
import type { Panel, PanelInstrument } from "../panel/index.ts";
import { repositories } from "../repositories/index.ts";
import { addDays } from "../util/dates.ts";

export interface IcRequest {
  /** Forward horizons in trading days; default 1, 5 and 21. */
  readonly horizons?: readonly number[];
  readonly quantiles?: number;
  /** The region of a panel that does not name its own. */
  readonly region?: string;
}

type FactorValues = Panel & { readonly region?: string; readonly instruments?: readonly PanelInstrument[]; readonly factor?: string };

/**
 * The closes a factor panel is judged on: its instruments, from its first date to far enough past
 * its last for the longest of `horizons` (trading days, widened to calendar days).
 */
export function closesAfter(session: Session, factor: FactorValues, region: string, horizons: readonly number[]): Promise<Panel> {
  return repositories(session).prices.panel({
    field: "close",
    from: factor.dates[0],
    to: addDays(factor.dates.at(-1)!, calendarDaysFor(Math.max(...horizons))),
    instruments: factor.instruments ?? factor.tickers.map((ticker) => ({ ticker, region })),
  });
}

export async function factorIc(session: Session, factor: FactorValues, request: IcRequest = {}): Promise<FactorReport> {
  const region = factor.region ?? request.region;
  if (region === undefined) throw new InputError("ic: pass the panel factor(…) returns, or say the panel's region: ic(panel, { region: \"KR\" })");
  if (factor.dates.length === 0) throw new InputError("ic: the factor panel has no dates");
  const horizons = request.horizons ?? DEFAULT_HORIZONS;
  if (horizons.length === 0 || !horizons.every((h) => Number.isInteger(h) && h > 0)) {
    throw new InputError(`ic: horizons must be positive whole trading days, e.g. [1, 5, 21]; got ${JSON.stringify(horizons)}`);
  }
  const closes = await closesAfter(session, factor, region, horizons);
  const direction = factor.factor === undefined ? 1 : factorByName(factor.factor).direction;
  return analyzeFactor(factor, closes, { horizons, quantiles: request.quantiles, direction });
}
