/**
 * Worker entry: validates a build in batches, one batch a message, against shapes given once as
 * N-Triples and compiled once (see BatchValidator). Each batch is answered with its results as
 * plain data, in the order the batches come.
 */
import { workerData } from 'node:worker_threads';
import { Parser, Store } from 'n3';
import { compiledFor } from './validate.js';
import { validateCompiled } from './compiled-validator.js';
import { answerEachInput } from '../util/worker.js';
import { decodeTermTable, type EncodedTriples } from '../util/triple-transfer.js';

const { shapes } = workerData as { shapes: string };
const compiled = compiledFor(new Store(new Parser({ format: 'application/n-triples' }).parse(shapes)), 'compiled')!;
answerEachInput((triples: EncodedTriples) => {
  const { terms, ids } = decodeTermTable(triples);
  return validateCompiled(compiled, terms, ids);
});
