/**
 * Worker entry: validates the build's triples against shapes given as N-Triples, and answers with
 * the results as plain data: all of them by the compiled validator when `compiled`, else every
 * `count`-th chunk (from `index`) by shacl-engine.
 */
import { workerData } from 'node:worker_threads';
import { Parser, Store } from 'n3';
import { compiledFor, validateChunks } from './validate.js';
import { validateCompiled } from './compiled-validator.js';
import { answer } from '../util/worker.js';
import { decodeTermTable, decodeTriples, type EncodedTriples } from '../util/triple-transfer.js';

const { triples, shapes, index, count, compiled } = workerData as { triples: EncodedTriples; shapes: string; index: number; count: number; compiled: boolean };
await answer(async () => {
  const store = new Store(new Parser({ format: 'application/n-triples' }).parse(shapes));
  if (compiled) {
    const { terms, ids } = decodeTermTable(triples);
    return validateCompiled(compiledFor(store, 'compiled')!, terms, ids);
  }
  return validateChunks(decodeTriples(triples), store, (i) => i % count === index);
});
