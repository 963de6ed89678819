/**
 * Worker entry: RDF/XML of the build's triples. rdflib's writer is the slowest serializer of a
 * build, so it runs on another core while the main thread writes the other files.
 */
import { workerData } from 'node:worker_threads';
import { toRdfXml } from './rdfxml.js';
import { answer } from '../util/worker.js';
import { decodeTriples, type EncodedTriples } from '../util/triple-transfer.js';

const { triples, prefixes } = workerData as { triples: EncodedTriples; prefixes: Record<string, string> };
// The triples come in publication order already: written without sorting again. The answer is
// UTF-8 bytes: encoding 16 MB of text is work this thread can take from the main one.
await answer(() => Buffer.from(toRdfXml(decodeTriples(triples), prefixes, { presorted: true }), 'utf8'));
