/**
 * Worker entry: RDF/XML of an N-Triples document. rdflib's writer is the slowest serializer of a
 * build, so it runs on another core while the main thread writes the other files.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Parser } from 'n3';
import { toRdfXml } from './rdfxml.js';

const { ntriples, prefixes } = workerData as { ntriples: string; prefixes: Record<string, string> };
try {
  parentPort?.postMessage({ ok: true, xml: toRdfXml(new Parser({ format: 'application/n-triples' }).parse(ntriples), prefixes) });
} catch (err) {
  parentPort?.postMessage({ ok: false, message: (err as Error).message, name: (err as Error).name });
}
