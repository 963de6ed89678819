/** Timing for the benchmarks: the median of a few runs, the figure every bench prints. */
import { performance } from 'node:perf_hooks';

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The median time of `rounds` runs of `fn` in milliseconds, and what its last run answered. */
export async function timeMedian<T>(fn: () => Promise<T> | T, rounds = 3): Promise<[number, T]> {
  const times: number[] = [];
  let out: T | undefined;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    out = await fn();
    times.push(performance.now() - t);
  }
  return [median(times), out as T];
}

/** timeMedian's time alone. */
export async function time(fn: () => Promise<unknown> | unknown, rounds = 3): Promise<number> {
  return (await timeMedian(fn, rounds))[0];
}
