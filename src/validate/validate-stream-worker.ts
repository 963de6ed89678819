/**
 * Worker entry: validates a build in batches, one batch a message, against shapes given once as
 * N-Triples and compiled once (see BatchValidator). Each batch is answered with its results as
 * plain data, in the order the batches come. A base given once (the vocabularies) is validated
 * with every batch encoded over it, without coming again.
 */
import { workerData } from 'node:worker_threads';
import { Parser, Store } from 'n3';
import { compiledFor } from './validate.js';
import { validateCompiled } from './compiled-validator.js';
import { answerEachInput } from '../util/worker.js';
import { decodeTermTable, type EncodedTriples } from '../util/triple-transfer.js';

const { shapes, base } = workerData as { shapes: string; base?: EncodedTriples };
const compiled = compiledFor(new Store(new Parser({ format: 'application/n-triples' }).parse(shapes)), 'compiled')!;
const baseTable = base ? decodeTermTable(base) : undefined;
answerEachInput((triples: EncodedTriples) => {
  const { terms, ids } = decodeTermTable(triples, baseTable?.terms);
  if (triples.base === undefined || !baseTable) return validateCompiled(compiled, terms, ids);
  // the batch's triples, then the base's
  const all = new Int32Array(ids.length + baseTable.ids.length);
  all.set(ids);
  all.set(baseTable.ids, ids.length);
  return validateCompiled(compiled, terms, all);
});
