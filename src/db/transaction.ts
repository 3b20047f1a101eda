/**
 * `database.transaction(fn)`: the engine's transaction, handed to `fn` as a Session, so repositories
 * and library code run inside it with the same API as outside (see types.ts).
 *
 * `afterCommit` work is queued on the outermost transaction and run on the database once it has
 * committed; work queued inside a savepoint that rolls back is dropped with it.
 */
import { copyRows } from "./copy-rows.ts";
import type { Engine, EngineTransaction, Session, Transaction } from "./types.ts";

type CommitWork = (database: Session) => Promise<void>;

function transactionSession(tx: EngineTransaction, database: Session, queued: CommitWork[]): Transaction {
  const savepoint = async <T>(fn: (sp: Transaction) => Promise<T>): Promise<T> => {
    const mark = queued.length;
    try {
      return await tx.savepoint((sp) => fn(transactionSession(sp, database, queued)));
    } catch (err) {
      queued.length = mark;
      throw err;
    }
  };
  const session: Transaction = {
    db: tx.drizzle,
    capabilities: database.capabilities,
    query: tx.query,
    copyFrom: tx.copyFrom,
    copyTo: tx.copyTo,
    copyToChunks: tx.copyToChunks,
    transaction: savepoint,
    savepoint,
    copyRows: (table, rows, options) => copyRows(session, table, rows, options),
    afterCommit: async (work) => {
      queued.push(work);
    },
  };
  return session;
}

/** Run `fn` in a transaction of `engine`, then the work it queued with `afterCommit` on `database`. */
export async function runTransaction<T>(engine: Engine, database: Session, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  const queued: CommitWork[] = [];
  const result = await engine.transaction((tx) => fn(transactionSession(tx, database, queued)));
  for (const work of queued) await work(database);
  return result;
}
