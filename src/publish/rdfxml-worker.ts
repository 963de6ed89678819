/**
 * Worker entry: RDF/XML of an N-Triples document. rdflib's writer is the slowest serializer of a
 * build, so it runs on another core while the main thread writes the other files.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Parser } from 'n3';
import { toRdfXml } from './rdfxml.js';
import { textOf } from '../util/worker.js';

const { ntriples, prefixes } = workerData as { ntriples: Uint8Array; prefixes: Record<string, string> };
try {
  // The lines come in publication order already: parsed in order, written without sorting again.
  const quads = new Parser({ format: 'application/n-triples' }).parse(textOf(ntriples));
  parentPort?.postMessage({ ok: true, xml: toRdfXml(quads, prefixes, { presorted: true }) });
} catch (err) {
  parentPort?.postMessage({ ok: false, message: (err as Error).message, name: (err as Error).name });
}
