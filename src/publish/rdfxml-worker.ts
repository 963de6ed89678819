/**
 * Worker entry: RDF/XML of an N-Triples document. rdflib's writer is the slowest serializer of a
 * build, so it runs on another core while the main thread writes the other files.
 */
import { workerData } from 'node:worker_threads';
import { Parser } from 'n3';
import { toRdfXml } from './rdfxml.js';
import { answer, textOf } from '../util/worker.js';

const { ntriples, prefixes } = workerData as { ntriples: Uint8Array; prefixes: Record<string, string> };
await answer(() => {
  // The lines come in publication order already: parsed in order, written without sorting again.
  const quads = new Parser({ format: 'application/n-triples' }).parse(textOf(ntriples));
  return toRdfXml(quads, prefixes, { presorted: true });
});
