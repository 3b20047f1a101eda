/**
 * A load stopped on request (Ctrl-C, SIGTERM: the caller aborts `IngestOptions.signal`). The units
 * stop reading, the batches already being written commit, the run is recorded `interrupted` and this
 * error is thrown: what committed stays with its accounting, and `--resume` continues from there.
 * Expected (the user asked for it), code "interrupted".
 */
import { PlatformError } from "../../errors.ts";

export class IngestInterrupted extends PlatformError {
  override name = "IngestInterrupted";
  /** The run that was stopped; undefined when it was a dry run or had not started (nothing written). */
  readonly runId: number | undefined;

  constructor(runId: number | undefined) {
    super(
      "interrupted",
      runId === undefined ? "interrupted; nothing was written" : `interrupted: run ${runId} stopped after its last committed batch`,
      { context: runId === undefined ? {} : { runId } },
    );
    this.runId = runId;
  }
}
