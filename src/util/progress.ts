/**
 * Progress of long reads and merges, on stderr. On a terminal it redraws one line; elsewhere (CI
 * logs, pipes) it writes a line at most once a second, and only once a step has run for a second,
 * so short builds and tests stay quiet.
 */
import { relieveHeap } from './heap-governor.js';

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Milliseconds before anything is written when the stream is not a terminal. */
  quietFor?: number;
  now?: () => number;
}

/** The options with their defaults, and the time the progress starts. */
function settings(options: ProgressOptions): { stream: NonNullable<ProgressOptions['stream']>; now: () => number; tty: boolean; start: number; quietFor: number } {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  return { stream, now, tty: !!stream.isTTY, start: now(), quietFor: options.quietFor ?? 1000 };
}

export function progress(label: string, options: ProgressOptions = {}): Progress {
  const { stream, now, tty, start, quietFor } = settings(options);
  let lastWrite = -Infinity;
  let wrote = false;
  const bar = (done: number, total: number): string => {
    const width = 24;
    const filled = total > 0 ? Math.round((done / total) * width) : 0;
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
  };
  return {
    update(done, total) {
      // Every long loop draws a bar: the place to keep its thread's heap in check as it runs.
      relieveHeap();
      const t = now();
      if (tty) {
        if (t - lastWrite < 50) return;
        stream.write(`\r${bar(done, total)}`);
      } else {
        if (t - start < quietFor || t - lastWrite < 1000) return;
        stream.write(`${bar(done, total)}\n`);
      }
      lastWrite = t;
      wrote = true;
    },
    done() {
      if (tty && wrote) stream.write(`\r${' '.repeat(label.length + 40)}\r`);
    },
  };
}

/** A progress bar per phase of one task (`label: phase`), each one as `progress` draws it. */
export function phasedProgress(label: string, options: ProgressOptions = {}): { update(done: number, total: number, phase: string): void; done(): void } {
  let current: { phase: string; bar: Progress } | undefined;
  return {
    update(done, total, phase) {
      if (current?.phase !== phase) {
        current?.bar.done();
        current = { phase, bar: progress(`${label}: ${phase}`, options) };
      }
      current.bar.update(done, total);
    },
    done() {
      current?.bar.done();
    },
  };
}

/**
 * A step of unknown length (a sort, a dump, waiting for a worker): on a terminal its label shows
 * while it runs; elsewhere a line with its time is written when it ends, if it took a second or
 * more. A step runs on the thread that reports it, so nothing can be written in its middle.
 */
export function step(label: string, options: ProgressOptions = {}): Progress {
  const { stream, now, tty, start, quietFor } = settings(options);
  if (tty) stream.write(`\r${label} …`);
  let ended = false;
  return {
    update() {},
    done() {
      if (ended) return;
      ended = true;
      const took = now() - start;
      if (tty) stream.write(`\r${' '.repeat(label.length + 2)}\r`);
      else if (took >= quietFor) stream.write(`${label}: ${(took / 1000).toFixed(1)} s\n`);
    },
  };
}
