// The entry of every worker thread the platform starts (src/threads.ts): registers tsx in this
// thread, then loads the worker's TypeScript module and re-exports its default (a piscina task).
// Plain JavaScript, so that it loads before anything can read TypeScript.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const worker = await import(workerData.entry);
export default worker.default;
