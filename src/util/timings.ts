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
      process.stderr.write(`timing: ${name.padEnd(28)} ${(now - last).toFixed(0).padStart(6)} ms  (total ${(now - first).toFixed(0)} ms)\n`);
      last = now;
    },
  };
}
