/**
 * Worker entry: the dumps of a build that need no more than its triples (Turtle, JSON-LD and
 * RDF/XML), on another core while the main thread writes N-Quads and N-Triples. Answers UTF-8 bytes
 * by file name: encoding 30 MB of text is work this thread can take from the main one.
 */
import { workerData } from 'node:worker_threads';
import { writeRdfXml } from './rdfxml-writer.js';
import { asPublicationOrder, toJsonLd, toTurtle } from './serialize.js';
import { answer } from '../util/worker.js';
import { decodeTermTable, decodeTriples, type EncodedTriples } from '../util/triple-transfer.js';

const { triples, prefixes } = workerData as { triples: EncodedTriples; prefixes: Record<string, string> };
await answer(async () => {
  const out = new Map<string, Uint8Array>();
  // The triples come de-duplicated and in publication order: nothing is sorted again.
  const decoded = asPublicationOrder(decodeTriples(triples));
  out.set('dih.ttl', Buffer.from(await toTurtle(decoded, prefixes), 'utf8'));
  out.set('dih.jsonld', Buffer.from(await toJsonLd(decoded), 'utf8'));
  out.set('dih.rdf', Buffer.from(writeRdfXml(decodeTermTable(triples), prefixes), 'utf8'));
  return out;
});
