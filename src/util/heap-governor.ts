/**
 * Keeps each thread's heap close to what it holds alive during a big build. V8 lets garbage pile
 * up before it collects: reading and merging 100,000 hubs kept ~1.0-1.3 GB alive but reached
 * ~2.4 GB resident, the difference garbage. Long loops call `relieveHeap()` (the progress bars do,
 * and the workers after each task); when the heap has grown past its allowance since the last
 * collection, it is collected there and then.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread } from 'node:worker_threads';

export interface HeapPolicy {
  /** Growth below this never triggers a collection: small builds never pay for one. */
  minGrowth: number;
  /** Growth allowed, as a share of the heap alive after the last collection, when that is more than minGrowth. */
  growthShare: number;
  /** How often the heap is looked at, at most (milliseconds). */
  lookEvery: number;
}

const MB = 2 ** 20;

/**
 * The build's thread holds the records and merge (~0.35-0.6 GB at 100,000 hubs). There a floor of
 * 256 MB and half of what was alive peaked at 1.96 GB; 128 MB and a quarter at 1.58-1.65 GB, with
 * ~150 collections taking ~35 s of a 270-330 s build (V8 collects less often by itself). Once the
 * rest was down to ~0.97 GB, 96 MB and a fifth took the batches' peak 965 -> 937 MB for ~20 more
 * collections (~3.5 s of a ~240 s build). A worker
 * holds little between its tasks (the dumps worker ~20-40 MB, which grew to ~200 MB at V8's pace):
 * past 32 MB of growth rather than 64 MB (and 32 MB of pages in flight, see batched-build.ts) the
 * 100,000-hub batches ended at 1.28 GB resident rather than 1.41 GB; the build's thread waits for
 * that worker less than 0.1 s in 200 batches.
 */
export const MAIN_THREAD_POLICY: HeapPolicy = { minGrowth: 96 * MB, growthShare: 0.2, lookEvery: 100 };
export const WORKER_POLICY: HeapPolicy = { minGrowth: 32 * MB, growthShare: 0.5, lookEvery: 100 };

/** What the governor reads and does: the heap in use, and a full collection (none where V8 gives none). */
export interface HeapProbe {
  used(): number;
  collect: (() => void) | undefined;
}

export interface HeapGovernor {
  /** The allowance from now on. */
  policy: HeapPolicy;
  /** Collects when the heap has outgrown its allowance; true when it did. */
  relieve(now: number): boolean;
  /** Collects now, whatever the allowance (where V8 gives a collection). */
  collect(): void;
  readonly collections: number;
  /** Milliseconds spent collecting. */
  readonly collectingMs: number;
}

export function heapGovernor(policy: HeapPolicy, probe: HeapProbe): HeapGovernor {
  let alive = probe.used();
  let lastLook = -Infinity;
  let collections = 0;
  let collectingMs = 0;
  return {
    policy,
    relieve(now) {
      const { policy } = this;
      if (!probe.collect || now - lastLook < policy.lookEvery) return false;
      lastLook = now;
      const used = probe.used();
      // Below what the last collection left: V8 has collected by itself since, and what it left
      // is the new base (else a governor that collected at a busy moment would wait for a heap
      // that never comes back).
      if (used < alive) alive = used;
      if (used - alive < Math.max(policy.minGrowth, alive * policy.growthShare)) return false;
      this.collect();
      return true;
    },
    collect() {
      if (!probe.collect) return;
      const start = performance.now();
      probe.collect();
      collectingMs += performance.now() - start;
      collections++;
      alive = probe.used();
    },
    get collections() {
      return collections;
    },
    get collectingMs() {
      return collectingMs;
    },
  };
}

/**
 * V8's full collection: `gc` where node runs with --expose-gc, else exposed now. (The flag turned
 * on after start gives a `gc` to contexts made afterwards; Node 20-24 all do this.)
 */
export function fullCollection(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

let governor: HeapGovernor | undefined;

/** This thread's governor, made at first use (each worker has its own module state). */
function threadHeapGovernor(): HeapGovernor {
  return (governor ??= heapGovernor(isMainThread ? MAIN_THREAD_POLICY : WORKER_POLICY, { used: () => getHeapStatistics().used_heap_size, collect: fullCollection() }));
}

/** What this thread's governor has done so far, without making one (which would expose V8's gc). */
export function heapRelief(): { collections: number; collectingMs: number } {
  return governor ? { collections: governor.collections, collectingMs: governor.collectingMs } : { collections: 0, collectingMs: 0 };
}

/**
 * A collection now: for the moment a big buffer or text has just died (a file of a hundred
 * megabytes read, or decoded), which V8 would otherwise keep until the heap outgrows its
 * allowance, while the next file is read beside it.
 */
export function collectHeapNow(): void {
  threadHeapGovernor().collect();
}

/**
 * Memory held outside this thread's heap that this thread can take in (answers waiting in a
 * worker's message queue) is taken in at each relief, before the heap is looked at: a thread busy
 * in a long synchronous loop otherwise reads no message until the loop ends. Reading 100,000 hubs
 * and merging them left the description worker's answers (~2.5 KB each, serialized) queued until
 * the merge ended: ~250 MB of the merge's resident memory.
 */
const takers = new Set<() => void>();
/** Milliseconds between two rounds of the takers, at most: a queue takes no time to look at, but a relief is asked for per record in places. */
const TAKE_EVERY = 20;
let lastTake = -Infinity;

/** Runs `take` at each relief of this thread's heap until the returned function is called. */
export function takeInWhenRelieving(take: () => void): () => void {
  const own = (): void => take(); // a function of its own: the same `take` given twice is two takers
  takers.add(own);
  return () => void takers.delete(own);
}

/**
 * Gives this thread's governor another allowance until the returned function is called (then the
 * one before it comes back): for a stage that holds less than the build's peak and makes much
 * garbage, fewer collections at a higher heap.
 */
export function allowHeapGrowth(policy: HeapPolicy): () => void {
  const threadGovernor = threadHeapGovernor();
  const before = threadGovernor.policy;
  threadGovernor.policy = policy;
  return () => void (threadGovernor.policy = before);
}

export function relieveHeap(now: number = performance.now()): boolean {
  if (takers.size && now - lastTake >= TAKE_EVERY) {
    lastTake = now;
    for (const take of takers) take();
  }
  return threadHeapGovernor().relieve(now);
}
