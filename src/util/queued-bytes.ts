/**
 * Bytes handed to a writer and not yet written, and callers waiting until they are down to a
 * bound: what lets a build that makes files faster than the disk takes them wait between batches
 * instead of queueing gigabytes (PublicationStage, FileWriter).
 */
export class QueuedBytes {
  private queued = 0;
  private waiters: { bytes: number; resolve: () => void }[] = [];

  get bytes(): number {
    return this.queued;
  }

  add(bytes: number): void {
    this.queued += bytes;
  }

  /** `bytes` are written (or given up): waiters whose bound is reached go on. */
  done(bytes: number): void {
    this.queued -= bytes;
    if (this.waiters.length) this.waiters = this.waiters.filter((w) => (this.queued > w.bytes ? true : (w.resolve(), false)));
  }

  /** Nothing is queued any more (the writer stopped): every waiter goes on. */
  clear(): void {
    this.done(this.queued);
  }

  /** Resolves once at most `bytes` are queued. */
  whenBelow(bytes: number): Promise<void> {
    if (this.queued <= bytes) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ bytes, resolve }));
  }
}
