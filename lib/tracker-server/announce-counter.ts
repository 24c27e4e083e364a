const MINUTE_MS = 60_000;

/**
 * Announces answered per UTC minute, in memory. count() is on the announce path: a comparison and an increment
 * (the minute changes once a minute). take() hands over what was counted since the last take, the running
 * minute's count so far included, keyed by the minute's start in epoch ms; the writer adds it to the stored row.
 */
export class AnnounceCounter {
  private minute = -1;
  private count_ = 0;
  private done = new Map<number, number>();

  count(nowMs: number): void {
    const minute = Math.floor(nowMs / MINUTE_MS);
    if (minute !== this.minute) this.close(minute);
    this.count_++;
  }

  take(): Map<number, number> {
    this.close(this.minute);
    const taken = this.done;
    this.done = new Map();
    return taken;
  }

  private close(next: number): void {
    if (this.count_ > 0) this.done.set(this.minute * MINUTE_MS, (this.done.get(this.minute * MINUTE_MS) ?? 0) + this.count_);
    this.minute = next;
    this.count_ = 0;
  }
}
