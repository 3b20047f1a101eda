/**
 * Pacing a replay at the speed the session was recorded, times `acceleration`: the event at `ts` is
 * due `(ts − first ts) / acceleration` after the first event was yielded. The schedule is absolute,
 * so time lost to a slow consumer or a coarse timer is made up by not waiting (no drift accumulates),
 * and a replay that falls behind catches up at full speed.
 */

/** Milliseconds now and a wait of some milliseconds: the system's, or a test's virtual clock. */
export interface ReplayClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: ReplayClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class Pacer {
  private firstTs = Number.NaN;
  private firstWall = 0;

  constructor(
    private readonly acceleration: number,
    private readonly clock: ReplayClock,
  ) {}

  /** Wait until the event at `ts` (epoch micros) is due. */
  async until(ts: number): Promise<void> {
    if (this.firstTs !== this.firstTs) {
      this.firstTs = ts;
      this.firstWall = this.clock.now();
      return;
    }
    const wait = this.firstWall + (ts - this.firstTs) / 1000 / this.acceleration - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
  }
}
