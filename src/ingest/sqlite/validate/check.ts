/**
 * One acceptance check: its group, what it checks, the figure measured (human-readable), and a status.
 * WARN never fails the acceptance; FAIL does.
 */
export type Status = "PASS" | "WARN" | "FAIL";

export type CheckGroup = "accounting" | "integrity" | "timescaledb" | "performance";

export interface Check {
  group: CheckGroup;
  name: string;
  status: Status;
  figure: string;
}

export const passOrFail = (ok: boolean): Status => (ok ? "PASS" : "FAIL");
export const passOrWarn = (ok: boolean): Status => (ok ? "PASS" : "WARN");
