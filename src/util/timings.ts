/**
 * Wall-clock time per build stage, written to stderr when DIH_TIMINGS is set: where a slow build
 * spends its time, without a profiler.
 */
export interface StageTimer {
  /** Ends the running stage under `name` and starts the next. */
  lap(name: string): void;
}

export function stageTimer(enabled = !!process.env.DIH_TIMINGS): StageTimer {
  let last = performance.now();
  const first = last;
  return {
    lap(name) {
      if (!enabled) return;
      const now = performance.now();
      // memory too: a big build's peak shows which stage holds what
      const { rss, heapUsed } = process.memoryUsage();
      process.stderr.write(`timing: ${name.padEnd(28)} ${(now - last).toFixed(0).padStart(6)} ms  (total ${(now - first).toFixed(0)} ms; rss ${(rss / 2 ** 20).toFixed(0)} MB, heap ${(heapUsed / 2 ** 20).toFixed(0)} MB)\n`);
      last = now;
    },
  };
}
