/**
 * `factorPanel`: one factor's raw values in one region over [from, to], computed and not stored (the
 * factor job, src/factors/jobs/factor-job.ts, is the computation that writes factor_scores).
 *
 * Loads the region's closes from `lookback` trading days before `from` (widened to calendar days as
 * the job does), evaluates on the region's trading days in [from, to] (only month-ends with
 * `monthEnds`), and for fundamental factors builds the point-in-time as-of panels the job builds.
 * The result is a RegionPanel that also names its factor, so `factorIc` can orient and judge it.
 */
import type { Session } from "../db/index.ts";
import { InputError } from "../errors.ts";
import { calendarDaysFor } from "../factors/jobs/history-window.ts";
import { fundamentalPanels } from "../factors/jobs/fundamental-panels.ts";
import { factorByName } from "../factors/registry.ts";
import { monthEndRows, type RegionPanel, selectRows, splitByRegion } from "../panel/index.ts";
import { repositories } from "../repositories/index.ts";
import { addDays, isIsoDate } from "../util/dates.ts";

export interface FactorPanelRequest {
  readonly from: string;
  readonly to: string;
  /** Required when prices span several regions. */
  readonly region?: string;
  readonly monthEnds?: boolean;
}

export interface FactorPanel extends RegionPanel {
  readonly factor: string;
}

export function checkRange(from: string, to: string): void {
  for (const [name, date] of [["from", from], ["to", to]]) {
    if (typeof date !== "string" || !isIsoDate(date)) throw new InputError(`${name} must be a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  if (from > to) throw new InputError(`from ${from} is after to ${to}`);
}

export async function factorPanel(session: Session, name: string, request: FactorPanelRequest): Promise<FactorPanel> {
  const definition = factorByName(name);
  checkRange(request.from, request.to);
  const repos = repositories(session);
  const loadFrom = definition.lookback > 0 ? addDays(request.from, -calendarDaysFor(definition.lookback)) : request.from;
  const regions = splitByRegion(await repos.prices.panel({ field: "close", from: loadFrom, to: request.to, region: request.region }));
  const where = request.region === undefined ? "" : ` in region ${request.region}`;
  if (regions.length === 0) throw new InputError(`no daily prices between ${loadFrom} and ${request.to}${where}`);
  if (regions.length > 1) throw new InputError(`prices span regions ${regions.map((r) => r.region).join(", ")}; choose one with { region: "…" }`);
  const [closes] = regions;
  const inRange = (d: number) => closes.dates[d] >= request.from && closes.dates[d] <= request.to;
  const rows = (request.monthEnds ? monthEndRows(closes.dates) : closes.dates.map((_, d) => d)).filter(inRange);
  if (rows.length === 0) throw new InputError(`no trading day${request.monthEnds ? " at a month-end" : ""} between ${request.from} and ${request.to}${where}`);
  const raw = definition.needsCloses
    ? definition.compute({ closes }, rows)
    : definition.compute({ fundamentals: await fundamentalPanels(repos.fundamentals, closes.region, definition.fundamentals, selectRows(closes, rows)) });
  return { ...raw, region: closes.region, instruments: closes.instruments, factor: definition.name };
}
