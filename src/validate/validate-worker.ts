/**
 * Worker entry: validates every `count`-th chunk (from `index`) of an N-Quads document against
 * shapes given as N-Triples, and answers with the results as plain data.
 */
import { workerData } from 'node:worker_threads';
import { Parser, Store } from 'n3';
import { validateChunks } from './validate.js';
import { answer, textOf } from '../util/worker.js';

const { nquads, shapes, index, count } = workerData as { nquads: Uint8Array; shapes: string; index: number; count: number };
await answer(async () => {
  const store = new Store(new Parser({ format: 'application/n-triples' }).parse(shapes));
  const data = new Parser({ format: 'application/n-quads' }).parse(textOf(nquads));
  return validateChunks(data, store, (i) => i % count === index);
});
