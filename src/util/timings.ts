import { readFileSync } from 'node:fs';
import { heapRelief } from './heap-governor.js';

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

/** The collections the heap governor made on this thread so far, and their time. */
function collections(): string {
  const { collections: n, collectingMs } = heapRelief();
  return n ? `; ${n} heap collection(s), ${(collectingMs / 1000).toFixed(1)} s` : '';
}

export function stageTimer(enabled = !!process.env.DIH_TIMINGS): StageTimer {
  let last = performance.now();
  const first = last;
  let lastCpu = process.cpuUsage();
  return {
    lap(name) {
      if (!enabled) return;
      const now = performance.now();
      // CPU of every thread of the process over the stage, in cores: how far a stage is from
      // keeping the machine's cores busy (then only less work helps, not other threads)
      const cpu = process.cpuUsage(lastCpu);
      lastCpu = process.cpuUsage();
      const cores = (cpu.user + cpu.system) / 1000 / Math.max(now - last, 1);
      // the kernel's share: file writes, and reclaiming the page cache for them
      const kernel = cpu.system / Math.max(cpu.user + cpu.system, 1);
      // memory too: a big build's peak shows which stage holds what
      const { rss, heapUsed } = process.memoryUsage();
      process.stderr.write(`timing: ${name.padEnd(28)} ${(now - last).toFixed(0).padStart(6)} ms  (total ${(now - first).toFixed(0)} ms; ${cores.toFixed(2)} cores, ${(kernel * 100).toFixed(0)} % kernel; rss ${(rss / 2 ** 20).toFixed(0)} MB, heap ${(heapUsed / 2 ** 20).toFixed(0)} MB${peakMb()}${collections()})\n`);
      last = now;
    },
  };
}
