/** All repositories over one database: `const repos = repositories(await openDatabase())`. */
import type { Database } from "../db/index.ts";
import { corporateActionsRepository } from "./corporate-actions.ts";
import { factorScoresRepository } from "./factor-scores.ts";
import { fundamentalsRepository } from "./fundamentals.ts";
import { instrumentsRepository } from "./instruments.ts";
import { pricesRepository } from "./prices.ts";
import { researchRepository } from "./research.ts";

export type { InstrumentKey } from "./instruments.ts";
export { refreshOhlcvAggregates, type AggregatePeriod, type PanelField } from "./prices.ts";

export function repositories(database: Database) {
  return {
    instruments: instrumentsRepository(database),
    prices: pricesRepository(database),
    corporateActions: corporateActionsRepository(database),
    fundamentals: fundamentalsRepository(database),
    factorScores: factorScoresRepository(database),
    research: researchRepository(database),
  };
}

export type Repositories = ReturnType<typeof repositories>;
export {
  corporateActionsRepository,
  factorScoresRepository,
  fundamentalsRepository,
  instrumentsRepository,
  pricesRepository,
  researchRepository,
};
