/**
 * dih.nt, dih.ttl, dih.jsonld and dih.rdf written batch by batch by one long-lived worker
 * (dumps-stream-worker.ts), which appends to the files itself: a build of 100,000 hubs hands its
 * triples over a batch at a time and never holds them all, nor any whole document. dumpsInWorker
 * (dumps.ts) is the one-shot form, for builds small enough to hold.
 */
import { startWorker, STREAMING_WORKER_LIMITS } from '../util/worker.js';
import type { BaseTable, EncodedTriples } from '../util/triple-transfer.js';
import type { FileDigest } from './catalog.js';
import { RdfXmlError } from './rdfxml-writer.js';
import { directCompactor } from './serialize.js';

export interface DumpsStream {
  /**
   * One batch of de-duplicated triples, each subject's triples together and in publication order
   * (as `sortedTriples` of the batch gives them; encoded with encodeTriples, or with
   * encodeTriplesOver the base given to startDumpsStream). Resolves when the
   * worker has finished writing the previous batch, so at most one batch waits in memory
   * (backpressure).
   */
  add(batch: EncodedTriples): Promise<void>;
  /** Ends the four documents; resolves with size and SHA-256 of each file written (keys 'dih.nt', 'dih.ttl', 'dih.jsonld', 'dih.rdf') once the files are closed. */
  end(): Promise<Map<string, FileDigest>>;
  /** Stops the worker after a failure elsewhere; files may be left incomplete (the caller discards the folder). */
  abort(): void;
}

/** What the worker is sent: a batch to append, or the end of the documents. */
export type DumpsStreamRequest = { kind: 'batch'; batch: EncodedTriples } | { kind: 'end' };

/** What the worker answers: once per batch written, once at the end, or its failure (then nothing more). */
export type DumpsStreamReply =
  | { kind: 'written' }
  | { kind: 'ended'; digests: Map<string, FileDigest> }
  | { kind: 'failed'; name: string; message: string };

export const STREAMING_NEEDS_DIRECT_JSONLD =
  'streamed dumps need the direct JSON-LD writer (jsonld-writer.ts), but the published context uses what only the jsonld library compacts, and it needs every triple at once';

/** The worker's errors cross as name and message: RdfXmlError is given back as itself. */
const errorOf = (name: string, message: string): Error => (name === 'RdfXmlError' ? new RdfXmlError(message) : new Error(message));

/**
 * The promise, marked as handled: a caller holds an add's promise while it awaits other work, and
 * a failure meanwhile must reach it there, not end the process as an unhandled rejection. Nothing
 * is lost: a failure is told again by every later add and by end.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Starts the worker writing dir/dih.nt, dir/dih.ttl, dir/dih.jsonld and dir/dih.rdf (dir exists). The caller
 * must end or abort it: until then the worker keeps the process alive. `base`: the terms batches
 * may be encoded over (its triples are not written).
 */
export function startDumpsStream(dir: string, prefixes: Readonly<Record<string, string>>, base?: BaseTable): DumpsStream {
  // Checked here too, so that the caller learns it at once rather than at its first batch.
  if (!directCompactor()) throw new Error(STREAMING_NEEDS_DIRECT_JSONLD);
  const worker = startWorker('dumps-stream-worker', import.meta.url, { dir, prefixes: { ...prefixes }, base: base?.encoded }, STREAMING_WORKER_LIMITS);
  let posted = 0;
  let written = 0;
  let failure: Error | undefined;
  /** The files are written: the worker's exit is then expected. */
  let done = false;
  const waiting: { batches: number; resolve: () => void; reject: (err: Error) => void }[] = [];
  type Settle = { resolve: (digests: Map<string, FileDigest>) => void; reject: (err: Error) => void };
  let ending: (Settle & { promise: Promise<Map<string, FileDigest>> }) | undefined;

  const fail = (err: Error): void => {
    if (failure || done) return;
    failure = err;
    void worker.terminate();
    for (const w of waiting.splice(0)) w.reject(err);
    ending?.reject(err);
  };
  worker.on('message', (m: DumpsStreamReply) => {
    if (m.kind === 'written') {
      written++;
      for (let i = waiting.length - 1; i >= 0; i--) if (waiting[i]!.batches <= written) waiting.splice(i, 1)[0]!.resolve();
    } else if (m.kind === 'ended') {
      done = true;
      void worker.terminate();
      ending?.resolve(m.digests);
    } else fail(errorOf(m.name, m.message));
  });
  // Thrown outside a batch (a module that fails to load), or the thread dying (out of memory):
  // whoever waits is told instead of waiting for ever.
  worker.on('error', (err: Error) => fail(errorOf(err.name, err.message)));
  worker.on('exit', (code) => fail(new Error(`the dumps worker ended (exit code ${code}) before the dumps were written`)));

  return {
    add(batch) {
      if (failure) return handled(Promise.reject(failure));
      if (ending) return handled(Promise.reject(new Error('a batch for dumps already ended')));
      worker.postMessage({ kind: 'batch', batch } satisfies DumpsStreamRequest);
      posted++;
      const before = posted - 1;
      if (written >= before) return Promise.resolve();
      return handled(new Promise<void>((resolve, reject) => waiting.push({ batches: before, resolve, reject })));
    },
    end() {
      if (failure) return handled(Promise.reject(failure));
      if (!ending) {
        let settle!: Settle;
        const promise = handled(new Promise<Map<string, FileDigest>>((resolve, reject) => (settle = { resolve, reject })));
        ending = { promise, ...settle };
        worker.postMessage({ kind: 'end' } satisfies DumpsStreamRequest);
      }
      return ending.promise;
    },
    abort() {
      // A caller still waiting on add or end (another part of the build failed meanwhile) is let go.
      fail(new Error('dumps aborted'));
    },
  };
}
