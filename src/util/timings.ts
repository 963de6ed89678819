import { readFileSync } from 'node:fs';

/**
 * Wall-clock time per build stage, written to stderr when DIH_TIMINGS is set: where a slow build
 * spends its time, without a profiler.
 */
export interface StageTimer {
  /** Ends the running stage under `name` and starts the next. */
  lap(name: string): void;
}

/** The process's peak resident memory so far (VmHWM), where /proc tells it. */
function peakMb(): string {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb ? `, peak ${(Number(kb) / 1024).toFixed(0)} MB` : '';
  } catch {
    return '';
  }
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
      process.stderr.write(`timing: ${name.padEnd(28)} ${(now - last).toFixed(0).padStart(6)} ms  (total ${(now - first).toFixed(0)} ms; rss ${(rss / 2 ** 20).toFixed(0)} MB, heap ${(heapUsed / 2 ** 20).toFixed(0)} MB${peakMb()})\n`);
      last = now;
    },
  };
}
