/**
 * Validation of a build in batches: one long-lived worker for every batch. Started per batch, a
 * worker spent ~0.2 s loading modules and compiling the shapes before each one (42 s of CPU over
 * the 200 batches of 100,000 hubs, on a machine whose two cores the batches keep busy). Shapes the
 * compiled validator cannot take are validated per batch as before (validateQuadsInWorkers).
 */
import type { Quad, Store } from 'n3';
import { compiledFor, outcomeOf, validateQuadsInWorkers, type PlainResult, type ValidationOutcome } from './validate.js';
import { serialWorker } from '../util/worker.js';
import { tripleToNt } from '../publish/serialize.js';
import type { BaseTable, EncodedTriples } from '../util/triple-transfer.js';

export class BatchValidator {
  private readonly worker: ReturnType<typeof serialWorker<EncodedTriples, PlainResult[]>> | undefined;

  /** `base`: triples every batch is validated with, given once (batches encoded over it leave them out). */
  constructor(private readonly shapes: Store, base?: BaseTable) {
    if (compiledFor(shapes) === undefined) return;
    const text = shapes.getQuads(null, null, null, null).map(tripleToNt).join('\n');
    this.worker = serialWorker<EncodedTriples, PlainResult[]>('validate-stream-worker', import.meta.url, { shapes: text, base: base?.encoded });
  }

  /**
   * The outcome of one batch: `data` its quads and the base's (findings name their records from
   * the graphs), `triples` their union, encoded (over the base given to the constructor, or whole).
   */
  async validate(data: Quad[], triples: EncodedTriples): Promise<ValidationOutcome> {
    // shacl-engine's workers take whole encodings only
    if (!this.worker) return validateQuadsInWorkers(data, this.shapes, triples.base === undefined ? triples : undefined);
    try {
      return outcomeOf(await this.worker.ask(triples), data);
    } catch (err) {
      throw new Error(`validation worker: ${(err as Error).message}`);
    }
  }

  async close(): Promise<void> {
    await this.worker?.close();
  }
}
