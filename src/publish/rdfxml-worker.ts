/**
 * Worker entry: RDF/XML of the build's triples, on another core while the main thread writes the
 * other files.
 */
import { workerData } from 'node:worker_threads';
import { writeRdfXml } from './rdfxml-writer.js';
import { answer } from '../util/worker.js';
import { decodeTermTable, type EncodedTriples } from '../util/triple-transfer.js';

const { triples, prefixes } = workerData as { triples: EncodedTriples; prefixes: Record<string, string> };
// The triples come in publication order already, as a term table the writer reads directly. The
// answer is UTF-8 bytes: encoding 16 MB of text is work this thread can take from the main one.
await answer(() => Buffer.from(writeRdfXml(decodeTermTable(triples), prefixes), 'utf8'));
