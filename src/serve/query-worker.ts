/**
 * A query worker: holds its own view of the graph (the quad index the main thread loaded, its
 * columns in shared memory) and runs one query at a time. Running queries in workers is what makes
 * the time limit real: Comunica has no query-level cancellation, so a query past its limit is stopped by
 * terminating its worker, and the server's main thread never runs a query at all.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { quadIndexFromBytes } from '../query/quad-index-file.js';
import { executeQuery, prepareQuery, QueryRefusal, type PreparedQuery, type QueryPolicy } from '../query/engine.js';
import { datasetView, type DatasetRequest } from './dataset.js';

export interface WorkerJob { id: number; query: string; mediaType: string; dataset: DatasetRequest; policy: QueryPolicy }
export type WorkerReply =
  | { id: number; ok: true; text: string; rows: number; truncated: boolean }
  | { id: number; ok: false; kind: string; message: string };

const { index } = workerData as { index: Uint8Array };
const store = quadIndexFromBytes(index);
if (typeof store === 'string') throw new Error('the query index handed to the worker is unreadable');

/** Parsed queries by text (the policy is fixed for the worker's life): a repeated query is not parsed again. */
const parsedQueries = new Map<string, PreparedQuery>();

parentPort?.on('message', (job: WorkerJob) => {
  void (async (): Promise<WorkerReply> => {
    try {
      const prepared = parsedQueries.get(job.query) ?? (await prepareQuery(job.query, job.policy));
      parsedQueries.set(job.query, prepared);
      if (parsedQueries.size > 200) parsedQueries.delete(parsedQueries.keys().next().value as string);
      const view = datasetView(store, job.dataset);
      const run = await executeQuery(prepared, view.store, job.mediaType, job.policy, view.unionDefaultGraph);
      return { id: job.id, ok: true, text: run.text, rows: run.rows, truncated: run.truncated };
    } catch (err) {
      return { id: job.id, ok: false, kind: err instanceof QueryRefusal ? err.kind : 'error', message: (err as Error).message };
    }
  })().then((reply) => parentPort?.postMessage(reply));
});
// Load and warm Comunica before taking work: its first import costs seconds, which must not
// count against the first query's time limit.
await prepareQuery('ASK {}');
parentPort?.postMessage({ ready: true });
