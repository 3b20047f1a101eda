/**
 * One process per embedded data directory. PGlite has no postmaster: two processes that open one
 * directory each run a whole PostgreSQL on it and corrupt it. The first opener takes a lock file
 * beside the directory (`<dir>.lock`: inside it, initdb would refuse a fresh directory that is not
 * empty) holding its pid, host, start and command line; a second opener is refused with one line
 * naming the holder.
 *
 * Node has no portable flock, so liveness is `kill(pid, 0)` (plus, on Linux, the process's start
 * tick, so a reused pid does not count as the holder, and its state, so a zombie does not either).
 * Every write is atomic: a lock is written to a private file and hard-linked into place (link fails
 * if the name exists), so a reader never sees half a lock. A stale lock (dead holder on this host)
 * is removed only by the process holding `<dir>.lock.break`, taken the same way, after it re-reads
 * the lock and finds the same stale holder: two processes that find one stale lock cannot both take
 * over. A lock held on another host is never cleared (its holder cannot be checked from here).
 *
 * The lock is released on close, on process exit, and on SIGINT/SIGTERM/SIGHUP when nothing else
 * handles the signal (the signal is then re-raised, so the process still dies of it).
 */
import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { DatabaseError } from "../errors.ts";

interface Holder {
  pid: number;
  hostname: string;
  started: string;
  /** Linux start time in clock ticks after boot (field 22 of /proc/<pid>/stat), when known. */
  startTicks: number | null;
  command: string;
}

export interface DirectoryLock {
  readonly path: string;
  release(): void;
}

function procStat(pid: number): { state: string; startTicks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: split after its last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0], startTicks: Number(fields[19]) };
  } catch {
    return null;
  }
}

function ownHolder(): Holder {
  return {
    pid: process.pid,
    hostname: hostname(),
    started: new Date().toISOString(),
    startTicks: procStat(process.pid)?.startTicks ?? null,
    command: process.argv.join(" "),
  };
}

function isAlive(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const stat = procStat(holder.pid);
  if (stat === null) return true;
  if (stat.state === "Z") return false;
  return holder.startTicks === null || stat.startTicks === holder.startTicks;
}

/** Create `path` holding `text` only if it does not exist; false when it does. */
function createExclusive(path: string, text: string): boolean {
  const draft = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(draft, text);
  try {
    linkSync(draft, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    unlinkSync(draft);
  }
}

/** The lock file's text, or null when it is gone. */
function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

function parseHolder(text: string): Holder | null {
  try {
    const holder = JSON.parse(text) as Holder;
    return Number.isInteger(holder.pid) && typeof holder.hostname === "string" ? holder : null;
  } catch {
    return null;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

/** Remove the stale lock whose text is `staleText`, unless another process has replaced it meanwhile. */
function clearStale(lockPath: string, staleText: string): void {
  const breakPath = `${lockPath}.break`;
  if (!createExclusive(breakPath, JSON.stringify(ownHolder()))) {
    // Another process is clearing it; a breaker left by a process that died while clearing is removed.
    const breaker = parseHolder(readText(breakPath) ?? "");
    if (breaker !== null && breaker.hostname === hostname() && !isAlive(breaker)) removeIfPresent(breakPath);
    pause(20);
    return;
  }
  try {
    if (readText(lockPath) === staleText) unlinkSync(lockPath);
  } finally {
    unlinkSync(breakPath);
  }
}

const held = new Map<string, string>();

function releaseAll(): void {
  for (const [path, text] of held) {
    try {
      if (readText(path) === text) unlinkSync(path);
    } catch {
      // Exiting anyway; a lock left behind is stale and is cleared by the next opener.
    }
  }
  held.clear();
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function onSignal(signal: NodeJS.Signals): void {
  // Another handler owns this signal and will exit (releasing on "exit"): leave it be.
  if (process.listenerCount(signal) > 1) return;
  releaseAll();
  stopWatching();
  process.kill(process.pid, signal);
}

function startWatching(): void {
  process.on("exit", releaseAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function stopWatching(): void {
  process.off("exit", releaseAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

function describeHolder(holder: Holder): string {
  const who = holder.pid === process.pid && holder.hostname === hostname() ? "this process" : `process ${holder.pid}`;
  return `${who} (\`${holder.command}\`, on ${holder.hostname} since ${holder.started})`;
}

/** Take the lock of the embedded data directory `dir` (an absolute path), or throw naming its holder. */
export function lockDirectory(dir: string): DirectoryLock {
  const path = `${dir}.lock`;
  const text = JSON.stringify(ownHolder());
  for (let attempt = 0; attempt < 100; attempt++) {
    if (createExclusive(path, text)) {
      if (held.size === 0) startWatching();
      held.set(path, text);
      return {
        path,
        release() {
          if (!held.delete(path)) return;
          if (readText(path) === text) unlinkSync(path);
          if (held.size === 0) stopWatching();
        },
      };
    }
    const current = readText(path);
    if (current === null) continue;
    const holder = parseHolder(current);
    if (holder === null) {
      throw new DatabaseError(`the embedded database in ${dir} is locked by ${path}, which is not a lock this platform wrote; remove it if no process uses the directory`, "locked", dir);
    }
    if (holder.hostname !== hostname() || isAlive(holder)) {
      throw new DatabaseError(`the embedded database in ${dir} is in use by ${describeHolder(holder)}; one process at a time: wait for it or stop it`, "locked", dir);
    }
    clearStale(path, current);
  }
  throw new DatabaseError(`could not take the lock ${path} of the embedded database in ${dir}: other processes keep replacing it`, "locked", dir);
}
