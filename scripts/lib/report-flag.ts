/**
 * `--report FILE.html` (and scripts/report.ts's `--out`), shared by the scripts that write a report
 * (src/report): checked before any work
 * so a bad name fails at once and nothing is half-done.
 */
import { InputError } from "../../src/errors.ts";

export function reportOption(file: string | undefined, flag = "--report"): string | undefined {
  if (file === undefined) return undefined;
  if (!/\.html?$/i.test(file.trim()) || file.trim().length <= 5) throw new InputError(`${flag} needs an HTML file name, e.g. ${flag} report.html (got "${file}")`);
  return file.trim();
}
