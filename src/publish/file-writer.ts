/**
 * Many small files (a site's pages) written by one thread of their own, with plain synchronous
 * calls. Written on libuv's thread pool instead, four threads created files in one folder at once
 * and spun on its lock: in a 10,000-hub build `perf` put a tenth of all the machine's CPU time in
 * the kernel's rwsem_spin_on_owner, and each page cost the calling thread a promise, a file
 * handle and three turns of its event loop. Here the calling thread only encodes each file into
 * shared memory; a batch's files cross to the writer as one message.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../util/worker.js';
import { QueuedBytes } from '../util/queued-bytes.js';

/** A message's worth of files: gathered until this many bytes, or until the calling thread yields. */
const CHUNK_BYTES = 2 ** 20;

/** What the writer is sent: files as [path, name in the publication, start, end] in `buffer`, or the end. */
export type FileWriterRequest = { kind: 'files'; buffer: SharedArrayBuffer; bytes: number; files: [string, string, number, number][] } | { kind: 'end' };

/** What the writer answers: once per message of files, its first failure, and once at the end. */
export type FileWriterReply = { kind: 'written'; bytes: number } | { kind: 'failed'; name: string; message: string } | { kind: 'ended' };

export class FileWriter {
  private worker: Worker | undefined;
  private chunk: Buffer | undefined;
  private at = 0;
  private files: [string, string, number, number][] = [];
  private flushScheduled = false;
  /** Bytes given to `write` and not yet on disk. */
  private readonly queued = new QueuedBytes();
  private failure: Error | undefined;
  private ended: { promise: Promise<void>; resolve: () => void } | undefined;
  /** Ended or aborted: the worker's exit is expected. */
  private done = false;

  /** `path` is where the file goes, `name` how an error names it. */
  write(path: string, name: string, content: string | Uint8Array): void {
    const size = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
    if (!this.chunk || this.at + size > this.chunk.length) {
      this.flush();
      this.chunk = Buffer.from(new SharedArrayBuffer(Math.max(CHUNK_BYTES, size)));
    }
    if (typeof content === 'string') this.chunk.write(content, this.at, 'utf8');
    else this.chunk.set(content, this.at);
    this.files.push([path, name, this.at, this.at + size]);
    this.at += size;
    this.queued.add(size);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // The files a caller writes in one go leave together once it awaits something.
      queueMicrotask(() => this.flush());
    }
  }

  /** Bytes given to `write` and not yet written. */
  get queuedBytes(): number {
    return this.queued.bytes;
  }

  /** Resolves once at most `bytes` wait to be written. */
  whenQueuedBelow(bytes: number): Promise<void> {
    this.flush();
    return this.queued.whenBelow(bytes);
  }

  /** Waits until every file is written; resolves with the first failure, if any. */
  async close(): Promise<Error | undefined> {
    this.flush();
    if (this.worker) {
      if (!this.ended) {
        let resolve!: () => void;
        this.ended = { promise: new Promise<void>((r) => (resolve = r)), resolve };
        this.worker.ref();
        this.worker.postMessage({ kind: 'end' } satisfies FileWriterRequest);
      }
      await this.ended.promise;
      await this.worker.terminate();
    }
    return this.failure;
  }

  /** Stops writing at once (the publication is being removed). */
  async abort(): Promise<void> {
    this.done = true;
    this.chunk = undefined;
    this.files = [];
    this.queued.clear();
    await this.worker?.terminate();
  }

  private flush(): void {
    this.flushScheduled = false;
    if (!this.files.length || !this.chunk) return;
    const message: FileWriterRequest = { kind: 'files', buffer: this.chunk.buffer as SharedArrayBuffer, bytes: this.at, files: this.files };
    this.chunk = undefined;
    this.at = 0;
    this.files = [];
    const worker = this.started();
    worker.ref();
    worker.postMessage(message);
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker('file-writer-worker', import.meta.url, undefined);
    worker.on('message', (m: FileWriterReply) => {
      if (m.kind === 'written') {
        this.queued.done(m.bytes);
        // Idle: the process may end without it (a failed build that never closes it).
        if (this.queued.bytes === 0 && !this.ended) worker.unref();
      } else if (m.kind === 'failed') this.failure ??= new Error(`cannot write ${m.name} of the publication: ${m.message}`);
      else {
        this.done = true;
        this.ended?.resolve();
      }
    });
    const died = (why: string): void => {
      if (this.done) return;
      this.done = true;
      this.failure ??= new Error(`the thread writing the publication's files stopped: ${why}`);
      this.queued.clear();
      this.ended?.resolve();
    };
    worker.on('error', (err: Error) => died(err.message));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return (this.worker = worker);
  }
}
