/**
 * Driving `scripts/repl.ts` as a user does: in a pseudo-terminal (util-linux `script`), one line at a
 * time, each answer read off the screen up to the next prompt, escape sequences and carriage returns
 * removed.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const PROMPT = "quant> ";
/** The prompt of a line that continues unfinished input. */
const CONTINUATION = "... ";
const TIMEOUT_MS = 60_000;

/** The screen as text: no ANSI escape sequences, no carriage returns. */
export const screenText = (raw: string) => raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");

export class ReplSession {
  private readonly child: ChildProcessWithoutNullStreams;
  private raw = "";
  readonly exited: Promise<number | null>;

  constructor(env: Record<string, string | undefined>) {
    this.child = spawn("script", ["-q", "-e", "-c", "node --import tsx scripts/repl.ts", "/dev/null"], { cwd: root, env: { ...env, TZ: "UTC" } });
    this.child.stdout.on("data", (chunk: Buffer) => (this.raw += chunk.toString("utf8")));
    this.child.stderr.on("data", (chunk: Buffer) => (this.raw += chunk.toString("utf8")));
    this.exited = new Promise((resolve) => this.child.on("exit", resolve));
  }

  get screen(): string {
    return screenText(this.raw);
  }

  /** Wait until the screen, after `from` characters, holds one of `texts`: where it starts and ends. */
  async waitFor(texts: string | readonly string[], from = 0): Promise<{ start: number; end: number }> {
    const started = Date.now();
    for (;;) {
      const screen = this.screen;
      const found = (typeof texts === "string" ? [texts] : texts)
        .map((text) => ({ start: screen.indexOf(text, from), end: screen.indexOf(text, from) + text.length }))
        .filter(({ start }) => start >= 0)
        .sort((a, b) => a.start - b.start)[0];
      if (found) return found;
      if (Date.now() - started > TIMEOUT_MS) throw new Error(`no ${JSON.stringify(texts)} on the screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Wait for the REPL to ask for a line (a prompt or a continuation) after the last answer. */
  private async ready(): Promise<number> {
    const last = Math.max(this.screen.lastIndexOf(PROMPT), this.screen.lastIndexOf(CONTINUATION), 0);
    return (await this.waitFor([PROMPT, CONTINUATION], last)).end;
  }

  /** Type `line`; what the REPL printed before asking for the next line ("" for unfinished input). */
  async send(line: string): Promise<string> {
    const start = await this.ready();
    this.child.stdin.write(`${line}\n`);
    // The REPL echoes the line as typed (possibly redrawn), then its answer and a new prompt.
    const echoed = (await this.waitFor(`${line}\n`, start)).end;
    const next = await this.waitFor([`\n${PROMPT}`, `\n${CONTINUATION}`, PROMPT, CONTINUATION], echoed);
    return this.screen.slice(echoed, next.start).replace(/\n$/, "");
  }

  /** `.exit`, and the exit code. */
  async exit(): Promise<number | null> {
    await this.ready();
    this.child.stdin.write(".exit\n");
    return this.exited;
  }
}
