/**
 * Worker entry: the dumps of a build that need no more than its triples (Turtle, JSON-LD and
 * RDF/XML), on another core while the main thread writes N-Quads and N-Triples. Answers UTF-8 bytes
 * by file name: encoding 30 MB of text is work this thread can take from the main one.
 */
import { workerData } from 'node:worker_threads';
import { writeRdfXml } from './rdfxml-writer.js';
import { asPublicationOrder, jsonLdWriter, toJsonLd, turtleWriter } from './serialize.js';
import { answer } from '../util/worker.js';
import { decodeTerm, decodeTermTable, decodeTriples, subjectGroups, type EncodedTriples } from '../util/triple-transfer.js';

const { triples, prefixes } = workerData as { triples: EncodedTriples; prefixes: Record<string, string> };
await answer(async () => {
  const out = new Map<string, Uint8Array>();
  // The triples come de-duplicated and in publication order (a subject's triples together): Turtle
  // and JSON-LD are written a subject at a time, from one RDF/JS term per distinct term, and no
  // array of all the triples is made.
  const table = decodeTermTable(triples);
  const terms = table.terms.map(decodeTerm);
  const ids = table.ids;
  const turtle = turtleWriter(prefixes);
  const jsonLd = jsonLdWriter();
  for (const ofSubject of subjectGroups(terms, ids)) {
    turtle.add(ofSubject);
    jsonLd?.add(ofSubject);
  }
  out.set('dih.ttl', Buffer.from(await turtle.end(), 'utf8'));
  // A context the direct writer does not cover goes to the jsonld library, which needs every triple.
  out.set('dih.jsonld', Buffer.from(jsonLd ? jsonLd.end() : await toJsonLd(asPublicationOrder(decodeTriples(triples))), 'utf8'));
  out.set('dih.rdf', Buffer.from(writeRdfXml(table, prefixes), 'utf8'));
  return out;
});
