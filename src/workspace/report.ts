/**
 * `report(result, "file.html")`: a result's HTML report through src/report's `writeReport`, loaded on
 * first use so the workspace opens without the chart libraries. Until src/report provides it, the
 * call is a PlatformError saying so.
 */
import { PlatformError } from "../errors.ts";

const REPORT_MODULE = new URL("../report/index.ts", import.meta.url);

type WriteReport = (result: unknown, file: string) => Promise<string>;

export async function report(result: unknown, file: string): Promise<string> {
  const module: { writeReport?: WriteReport } = await import(REPORT_MODULE.href).catch((err: NodeJS.ErrnoException) => {
    // Only src/report itself missing means "not yet"; a failure inside it is its own error.
    if (err?.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes(REPORT_MODULE.pathname)) return {};
    throw err;
  });
  if (typeof module.writeReport !== "function") {
    throw new PlatformError("not-available", "reports are not available yet: src/report/index.ts does not export writeReport");
  }
  return module.writeReport(result, file);
}
