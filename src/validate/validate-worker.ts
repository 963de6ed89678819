/**
 * Worker entry: validates every `count`-th chunk (from `index`) of an N-Quads document against
 * shapes given as N-Triples, and posts the results back as plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Parser, Store } from 'n3';
import { validateChunks } from './validate.js';
import { textOf } from '../util/worker.js';

const { nquads, shapes, index, count } = workerData as { nquads: Uint8Array; shapes: string; index: number; count: number };
try {
  const store = new Store(new Parser({ format: 'application/n-triples' }).parse(shapes));
  const data = new Parser({ format: 'application/n-quads' }).parse(textOf(nquads));
  parentPort?.postMessage({ ok: true, results: await validateChunks(data, store, (i) => i % count === index) });
} catch (err) {
  parentPort?.postMessage({ ok: false, message: (err as Error).stack ?? (err as Error).message });
}
