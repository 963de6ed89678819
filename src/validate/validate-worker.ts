/**
 * Worker entry: validates every `count`-th chunk (from `index`) of the build's triples against
 * shapes given as N-Triples, and answers with the results as plain data.
 */
import { workerData } from 'node:worker_threads';
import { Parser, Store } from 'n3';
import { validateChunks } from './validate.js';
import { answer } from '../util/worker.js';
import { decodeTriples, type EncodedTriples } from '../util/triple-transfer.js';

const { triples, shapes, index, count } = workerData as { triples: EncodedTriples; shapes: string; index: number; count: number };
await answer(async () => {
  const store = new Store(new Parser({ format: 'application/n-triples' }).parse(shapes));
  return validateChunks(decodeTriples(triples), store, (i) => i % count === index);
});
