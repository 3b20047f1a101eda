/**
 * `npm run repl`: Node's REPL for research, in TypeScript, on the configured database.
 *
 * Preloaded (Tab completes them): the public API (src/index.ts) and the workspace helpers over the
 * open database (src/workspace: database, repos, sql, bars, panel, factor, ic, backtest, walkForward,
 * optimize, report); `.help` lists the helpers one per line.
 *
 * Each entered line is transpiled from TypeScript by esbuild (types dropped, nothing else changed)
 * and handed to Node's own evaluator, which keeps top-level `await` and declarations across lines. An
 * input esbuild finds unfinished (an open brace) continues on the next line.
 * Results print through formatResult (tables for rows and panels). An expected error
 * (isExpectedError: bad input, unknown ticker, unreachable database) prints as one line
 * `error [code]: message`; any other error as Node prints it; `.trace` shows the last error in full.
 * History persists in REPL_HISTORY, default ~/.quant_repl_history.
 *
 * Database: DATABASE_URL, else the embedded directory PGLITE_DIR (default ./data/pglite), held by
 * this process until `.exit`; one that cannot be opened (held by another process, unreachable) is
 * one line on stderr and exit code 2.
 */
import type { EventEmitter } from "node:events";
import { homedir } from "node:os";
import { join } from "node:path";
import repl from "node:repl";
import { inspect } from "node:util";
import { transformSync, type TransformFailure } from "esbuild";
import * as api from "../src/index.ts";
import { isExpectedError, type PlatformError } from "../src/errors.ts";
import { formatResult, HELPERS, openWorkspace, type Workspace } from "../src/workspace/index.ts";

const errorLine = (err: PlatformError) => `error [${err.code}]: ${err.message}`;

/** TypeScript → JavaScript for one input; an object literal typed alone is read as one, as Node does. */
function transpile(code: string): string {
  const trimmed = code.trim();
  if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
    try {
      return transformSync(`(${trimmed})`, { loader: "ts" }).code;
    } catch {
      // Not an expression: a block, transpiled as typed below.
    }
  }
  return transformSync(code, { loader: "ts" }).code;
}

/** esbuild's complaint as a SyntaxError, or Recoverable when the input only stopped early. */
function syntaxError(failure: TransformFailure): Error {
  const [first] = failure.errors;
  const where = first?.location ? ` (line ${first.location.line}, column ${first.location.column + 1})` : "";
  const error = new SyntaxError(`${first?.text ?? failure.message}${where}`);
  return first && /end of file/i.test(first.text) ? new repl.Recoverable(error) : error;
}

function helpText(server: repl.REPLServer): string {
  const width = Math.max(...HELPERS.map(([usage]) => usage.length));
  const commands = Object.entries(server.commands).sort(([a], [b]) => a.localeCompare(b));
  const commandWidth = Math.max(...commands.map(([name]) => name.length)) + 1;
  return [
    "Helpers (the public API of src/index.ts is preloaded too; Tab completes every name):",
    ...HELPERS.map(([usage, summary]) => `  ${usage.padEnd(width)}  ${summary}`),
    "Commands:",
    ...commands.map(([name, command]) => `  ${`.${name}`.padEnd(commandWidth)}  ${command?.help ?? ""}`),
  ].join("\n");
}

async function open(): Promise<Workspace> {
  try {
    return await openWorkspace();
  } catch (err) {
    if (!isExpectedError(err)) throw err;
    process.stderr.write(`${errorLine(err)}\n`);
    process.exit(2);
  }
}

const workspace = await open();
const { database } = workspace;
console.log(`quant REPL on ${database.target} (${database.capabilities.engine}). .help lists the helpers; .trace shows the last error's stack.`);

// The global context: values typed here and values the library returns share one realm (one Date,
// one Object.prototype), so instanceof and the formatter see them alike.
const server = repl.start({ prompt: "quant> ", writer: formatResult, ignoreUndefined: true, useGlobal: true });
Object.assign(server.context, api, workspace);

let lastError: unknown;

// Node's evaluator (kept for top-level await) reached after transpiling each input.
const nodeEval = server.eval;
(server as { eval: repl.REPLEval }).eval = function (code, context, file, done) {
  let javascript: string;
  try {
    javascript = transpile(code);
  } catch (err) {
    return done(syntaxError(err as TransformFailure), undefined);
  }
  return nodeEval.call(this, javascript, context, file, done);
};

// Every evaluation error reaches the REPL's domain, whose handler prints it with "Uncaught" and its
// stack. An expected error is printed as one line here instead; others go on to that handler.
const domain = (server as unknown as { _domain?: EventEmitter })._domain;
if (domain !== undefined) {
  const [printError] = domain.listeners("error") as ((err: unknown) => void)[];
  domain.removeListener("error", printError);
  domain.on("error", (err: unknown) => {
    lastError = err;
    if (!isExpectedError(err)) return printError(err);
    server.output.write(`${errorLine(err)}\n`);
    server.clearBufferedCommand();
    server.displayPrompt();
  });
}

server.defineCommand("help", {
  help: "List the preloaded helpers and the commands",
  action() {
    this.output.write(`${helpText(this)}\n`);
    this.displayPrompt();
  },
});

server.defineCommand("trace", {
  help: "Show the last error in full: stack, code, context, cause",
  action() {
    this.output.write(`${lastError === undefined ? "no error yet" : inspect(lastError, { depth: 4 })}\n`);
    this.displayPrompt();
  },
});

server.setupHistory(process.env.REPL_HISTORY || join(homedir(), ".quant_repl_history"), (err) => {
  if (err) process.stderr.write(`history is off: ${err.message}\n`);
});

server.on("exit", () => {
  database.close().then(
    () => process.exit(0),
    (err: Error) => {
      process.stderr.write(`closing the database failed: ${err.message}\n`);
      process.exit(1);
    },
  );
});
