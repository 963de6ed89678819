/**
 * Atomic publication: everything is written into a temporary sibling folder, then swapped in
 * with renames, so a failed or killed build leaves the previous publication as it was.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FileSink } from './file-sink.js';
import { FileWriter } from './file-writer.js';
import { QueuedBytes } from '../util/queued-bytes.js';
import { step } from '../util/progress.js';

export type PublicationFiles = Map<string, string | Uint8Array>;

/** Big files being written at once: enough to keep libuv's thread pool busy, far below a ulimit. */
export const MAX_OPEN_WRITES = 64;

/** Files from this size on are written on libuv's thread pool, each by itself; smaller ones (pages) by the FileWriter. */
const BIG_FILE_BYTES = 4 * 2 ** 20;

/**
 * Removes a folder other threads may still be creating files in (the file writer being stopped,
 * writes of libuv's pool landing): removed again until it is gone or `patienceMs` have passed.
 * Never throws, as a signal's handler must let the signal take its course: a folder left behind
 * is a stale temporary the next build removes. True when it is gone.
 */
export function removeWhileWritesLand(dir: string, patienceMs = 2000): boolean {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + patienceMs;
  for (;;) {
    try {
      rmSync(dir, { recursive: true, force: true });
      return true;
    } catch {
      if (Date.now() >= until) return false;
      // a synchronous pause: the handler must not yield, the other threads go on meanwhile
      Atomics.wait(pause, 0, 0, 20);
    }
  }
}

/** Temporary folders of earlier runs that were killed midway: removed before a new build. */
export function removeStaleTemporaries(outDir: string): void {
  const parent = dirname(resolve(outDir));
  const prefix = `.${basename(resolve(outDir))}.`;
  if (!existsSync(parent)) return;
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(prefix)) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

/**
 * A publication being written: files go into a temporary sibling folder as soon as they are
 * ready (a build writes the dumps while other threads still work), and `commit` swaps the folder
 * in. Until then the previous publication is untouched; `discard` removes the temporary folder.
 *
 * Files are written on other threads, not the calling one: on this kind of VM creating and
 * filling a file costs kernel time (a build writes 2,000+ pages and 100 MB of dumps, about two
 * seconds), which the calling thread spends making the next file instead. Pages go to one
 * thread of their own (file-writer.ts), big files to libuv's thread pool.
 */
export class PublicationStage {
  private readonly target: string;
  readonly dir: string;
  private closed = false;
  /** Folders made so far: a site has thousands of pages in a few folders. */
  private readonly folders = new Set<string>();

  /** Writes running (at most MAX_OPEN_WRITES), and those waiting for a slot. */
  private running = 0;
  private readonly waiting: ((() => void) | undefined)[] = [];
  private nextWaiting = 0;
  /** Writes under way; `commit` and `discard` wait for them. */
  private readonly pending: Promise<void>[] = [];
  /** Files written piece by piece: `discard` abandons those still open. */
  private readonly sinks: FileSink[] = [];
  /** Files under BIG_FILE_BYTES. */
  private readonly small = new FileWriter();
  /** The first write that failed: `commit` throws it. */
  private failure: Error | undefined;

  /** Interrupted (Ctrl-C, kill): the temporary folder goes, then the signal takes its course. */
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.close();
    void this.small.abort();
    // The file writer's last files and the pool's writes may still land in the folder. Its
    // removal once failed with ENOTEMPTY after rmSync's own retries (~0.3 s), on a busy machine:
    // the handler threw, the process ended with code 1 instead of the signal, the folder stayed.
    removeWhileWritesLand(this.dir);
    process.kill(process.pid, signal);
  };

  constructor(outDir: string) {
    this.target = resolve(outDir);
    const parent = dirname(this.target);
    mkdirSync(parent, { recursive: true });
    removeStaleTemporaries(this.target);
    // Listening before the folder exists: a signal that came between the two would kill the
    // process by default and leave the folder behind. (The handler itself runs only once this
    // constructor has returned, so it always knows the folder.)
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, this.onSignal);
    this.dir = mkdtempSync(join(parent, `.${basename(this.target)}.`));
  }

  private close(): void {
    this.closed = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, this.onSignal);
  }

  write(name: string, content: string | Uint8Array): void {
    const path = this.pathOf(name);
    if (typeof content === 'string' ? content.length < BIG_FILE_BYTES / 3 : content.byteLength < BIG_FILE_BYTES) {
      this.small.write(path, name, content);
      return;
    }
    // Bytes at once: a page is made of many small pieces, and a string waiting its turn kept them
    // all (a rope of ~4 times its length: ~190 MB of heap for 96 MB of pages at 10,000 hubs).
    // writeFile would encode it anyway.
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const size = bytes.byteLength;
    this.queued.add(size);
    this.pending.push(this.limited(() => writeFile(path, bytes)).catch((err: Error) => {
      this.failure ??= new Error(`cannot write ${name} of the publication: ${err.message}`, { cause: err });
    }).finally(() => this.queued.done(size)));
  }

  /**
   * Resolves once the files given to `write` and not yet written hold at most `bytes`. A build
   * that makes files faster than the disk takes them waits here between batches, instead of
   * queueing gigabytes of pages (200,000 pages at 100,000 hubs).
   */
  async whenQueuedBelow(bytes: number): Promise<void> {
    await this.small.whenQueuedBelow(bytes);
    await this.queued.whenBelow(bytes);
  }

  /** Big files given to `write` and not yet written. */
  private readonly queued = new QueuedBytes();

  /**
   * A file of the publication written piece by piece (a dump made in batches), with its size and
   * SHA-256 taken from the bytes as they go. `commit` waits for it to be closed.
   */
  sink(name: string): FileSink {
    const path = this.pathOf(name);
    const sink = new FileSink(path, name);
    this.sinks.push(sink);
    this.pending.push(sink.closed.then(() => undefined, (err: Error) => {
      this.failure ??= new Error(`cannot write ${name} of the publication: ${err.message}`, { cause: err });
    }));
    return sink;
  }

  private pathOf(name: string): string {
    if (this.closed) throw new Error(`publication ${this.target} is already committed or discarded`);
    const path = join(this.dir, name);
    if (!path.startsWith(this.dir + '/')) throw new Error(`refusing to write outside the publication: ${name}`);
    const folder = dirname(path);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    return path;
  }

  /**
   * Runs a write when fewer than MAX_OPEN_WRITES are under way. Each holds a file descriptor from
   * its open to its close; 20,000 pages started at once ran out of them (EMFILE at ulimit 1024).
   */
  private limited(write: () => Promise<void>): Promise<void> {
    // A finished write hands its slot to the next waiting one, so at most MAX_OPEN_WRITES run.
    const start = (): Promise<void> => write().finally(() => {
      const next = this.waiting[this.nextWaiting];
      if (next) {
        // a read position, not shift(): 200,000 queued pages made shift() quadratic
        this.waiting[this.nextWaiting++] = undefined;
        if (this.nextWaiting === this.waiting.length) this.waiting.length = this.nextWaiting = 0;
        next();
      } else this.running--;
    });
    if (this.running < MAX_OPEN_WRITES) {
      this.running++;
      return start();
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(start);
  }


  /** Waits for every file, then swaps the folder in; a failed write discards it and throws. */
  async commit(): Promise<void> {
    // Still listening while the writes land: a signal now removes the folder. A signal that came
    // while this thread was busy is handed over only at the next turn of the event loop, and is
    // lost if nothing listens by then: one more turn before the listeners go.
    await Promise.all(this.pending);
    this.failure ??= await this.small.close();
    await new Promise((resolve) => setImmediate(resolve));
    this.close();
    if (this.failure) {
      await rm(this.dir, { recursive: true, force: true });
      throw this.failure;
    }
    const old = `${this.dir}.old`;
    try {
      if (existsSync(this.target)) renameSync(this.target, old);
      renameSync(this.dir, this.target);
    } catch (err) {
      await rm(this.dir, { recursive: true, force: true });
      throw err;
    }
    await rm(old, { recursive: true, force: true });
  }

  /** Waits for the writes under way, then removes the temporary folder. */
  async discard(): Promise<void> {
    this.close();
    for (const sink of this.sinks) sink.abort();
    await this.small.abort();
    await Promise.all(this.pending);
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** The end of a build: the publication swapped in, or removed when the build refused it (--strict). */
export async function settlePublication(stage: PublicationStage, refused: boolean): Promise<void> {
  const finishing = step(refused ? 'removing the refused publication' : 'waiting for the files to reach the disk, then replacing the publication');
  if (refused) await stage.discard();
  else await stage.commit();
  finishing.done();
}

export async function writePublication(outDir: string, files: PublicationFiles): Promise<void> {
  const stage = new PublicationStage(outDir);
  try {
    for (const [name, content] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) stage.write(name, content);
  } catch (err) {
    await stage.discard();
    throw err;
  }
  await stage.commit();
}
