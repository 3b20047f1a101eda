/**
 * The research workspace (`npm run repl`, notebooks): helpers over an open database (workspace.ts)
 * and the text a result prints as (format-result.ts).
 */
export { HELPERS, openWorkspace, workspace, type Workspace } from "./workspace.ts";
export { formatResult, isPanel } from "./format-result.ts";
export { formatDate, formatNumber } from "./format-scalar.ts";
export { factorPanel, type FactorPanel, type FactorPanelRequest } from "./factor-panel.ts";
export { closesAfter, factorIc, type IcRequest } from "./factor-ic.ts";
export { resolveInstrument } from "./instrument.ts";
export { report } from "./report.ts";
export { sqlTemplate, type SqlTemplate } from "./sql.ts";
