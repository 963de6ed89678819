/**
 * A fixed pool of query workers with a bounded FIFO queue. A query that passes its time limit is
 * stopped by terminating its worker; a fresh worker (over the same shared index) takes its place, so
 * the pool keeps its size and the other workers keep answering meanwhile.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../util/worker.js';
import { QueryRefusal, timeLimitRefusal, type QueryPolicy } from '../query/engine.js';
import type { DatasetRequest } from './dataset.js';
import type { WorkerJob, WorkerReply } from './query-worker.js';
import { HttpError } from './http-util.js';

export interface PoolResult { text: string; rows: number; truncated: boolean }

interface Pending {
  job: WorkerJob;
  resolve: (r: PoolResult) => void;
  reject: (e: Error) => void;
  queuedAt: number;
}

interface Slot { worker: Worker; ready: Promise<void>; busy?: Pending; timer?: NodeJS.Timeout }

export class QueryPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly index: Uint8Array, size: number, private readonly policy: QueryPolicy, private readonly maxQueue = 256) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Resolves when every worker has its view of the graph. */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  /**
   * Queues a query. When `signal` aborts while the query still waits (its client went away), it
   * leaves the queue: a burst of abandoned requests must not keep the workers busy for nobody.
   * A query already running is left to finish.
   */
  run(query: string, mediaType: string, dataset: DatasetRequest, signal?: AbortSignal): Promise<PoolResult> {
    if (this.closed) return Promise.reject(new HttpError(503, 'the server is shutting down'));
    if (this.queue.length >= this.maxQueue) return Promise.reject(new HttpError(503, `too many queries waiting (${this.maxQueue}); try again later`, { 'Retry-After': '1' }));
    return new Promise((resolve, reject) => {
      const pending: Pending = { job: { id: this.nextId++, query, mediaType, dataset, policy: this.policy }, resolve, reject, queuedAt: Date.now() };
      this.queue.push(pending);
      signal?.addEventListener('abort', () => {
        const index = this.queue.indexOf(pending);
        if (index < 0) return;
        this.queue.splice(index, 1);
        reject(new HttpError(499, 'the client closed the connection before the query started'));
      }, { once: true });
      this.dispatch();
    });
  }

  /** Queries waiting for a worker. */
  get waiting(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new HttpError(503, 'the server is shutting down'));
    await Promise.all(this.slots.map(async (s) => {
      clearTimeout(s.timer);
      s.busy?.reject(new HttpError(503, 'the server is shutting down'));
      await s.worker.terminate();
    }));
  }

  private spawn(): Slot {
    const worker = startWorker('query-worker', import.meta.url, { index: this.index });
    const slot: Slot = { worker, ready: Promise.resolve() };
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', () => {
        worker.off('error', reject);
        resolve();
      });
    });
    slot.ready.then(() => {
      worker.on('message', (reply: WorkerReply) => this.finish(slot, reply));
      worker.on('error', (err) => this.replace(slot, new HttpError(500, `query worker failed: ${err.message}`)));
      this.dispatch();
    }, () => undefined);
    return slot;
  }

  private dispatch(): void {
    const limit = this.policy.timeoutMs ?? Number.POSITIVE_INFINITY;
    // queries that waited longer than a whole time limit are turned away rather than started late
    while (this.queue.length && Date.now() - (this.queue[0] as Pending).queuedAt > limit) {
      (this.queue.shift() as Pending).reject(new HttpError(503, 'the server was too busy to start the query within its time limit', { 'Retry-After': '1' }));
    }
    for (const slot of this.slots) {
      if (slot.busy || !this.queue.length) continue;
      void slot.ready.then(() => {
        if (slot.busy || !this.queue.length || !this.slots.includes(slot)) return;
        const pending = this.queue.shift() as Pending;
        slot.busy = pending;
        if (Number.isFinite(limit)) slot.timer = setTimeout(() => this.replace(slot, timeLimitRefusal(limit)), limit);
        slot.worker.postMessage(pending.job);
      });
    }
  }

  private finish(slot: Slot, reply: WorkerReply): void {
    const pending = slot.busy;
    if (!pending || pending.job.id !== reply.id) return;
    clearTimeout(slot.timer);
    slot.busy = undefined;
    if (reply.ok) pending.resolve({ text: reply.text, rows: reply.rows, truncated: reply.truncated });
    else pending.reject(reply.kind === 'error' ? new HttpError(500, reply.message) : new QueryRefusal(reply.kind as never, reply.message));
    this.dispatch();
  }

  /** Stops a worker (timeout or crash) and puts a fresh one in its place. */
  private replace(slot: Slot, error: Error): void {
    clearTimeout(slot.timer);
    slot.busy?.reject(error);
    slot.busy = undefined;
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    void slot.worker.terminate();
    if (!this.closed) this.slots[index] = this.spawn();
  }
}
