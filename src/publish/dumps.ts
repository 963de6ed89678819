/**
 * The dumps a worker writes from the build's triples (see dumps-worker.ts): Turtle, JSON-LD, RDF/XML.
 */
import { runWorker } from '../util/worker.js';
import type { EncodedTriples } from '../util/triple-transfer.js';
import { RdfXmlError } from './rdfxml-writer.js';

/** Names of the files dumpsInWorker answers, in the order a publication lists them. */
export const WORKER_DUMPS = ['dih.ttl', 'dih.jsonld', 'dih.rdf'] as const;

/**
 * dih.ttl, dih.jsonld and dih.rdf as UTF-8 bytes, made on another thread from the build's triples
 * (sortedTriples: de-duplicated, in publication order) handed over in shared memory.
 */
export function dumpsInWorker(triples: EncodedTriples, prefixes: Readonly<Record<string, string>> = {}): Promise<Map<string, Uint8Array>> {
  return runWorker<Map<string, Uint8Array>>('dumps-worker', import.meta.url, { triples, prefixes: { ...prefixes } }, (name, message) =>
    name === 'RdfXmlError' ? new RdfXmlError(message) : new Error(message));
}
