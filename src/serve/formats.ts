/** Media types the server speaks, in its order of preference, and how each is written. */
import type { Quad } from 'n3';
import { toJsonLd, toNTriples, toTurtle } from '../publish/serialize.js';
import type { QueryForm } from '../query/engine.js';

export const TURTLE = 'text/turtle';
export const JSONLD = 'application/ld+json';
export const NTRIPLES = 'application/n-triples';
export const HTML = 'text/html';

/** RDF documents (resource descriptions, the service description). */
export const RDF_TYPES = [TURTLE, JSONLD, NTRIPLES] as const;

/** Result formats by query form; `application/json` is answered as SPARQL JSON. */
export const RESULT_TYPES: Record<QueryForm, readonly string[]> = {
  select: ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values', 'application/json'],
  ask: ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values', 'application/json'],
  construct: [TURTLE, JSONLD, NTRIPLES],
  describe: [TURTLE, JSONLD, NTRIPLES],
};

/** The type Comunica writes for a negotiated type. */
export const ENGINE_TYPE: Record<string, string> = { 'application/json': 'application/sparql-results+json' };

/** File extensions of the representations of a described resource (Cool URIs: one document per type). */
export const EXTENSION_TYPES: Record<string, string> = { '.ttl': TURTLE, '.jsonld': JSONLD, '.nt': NTRIPLES, '.html': HTML };
export const TYPE_EXTENSIONS: Record<string, string> = Object.fromEntries(Object.entries(EXTENSION_TYPES).map(([ext, type]) => [type, ext]));

const WRITERS: Record<string, (quads: Quad[], prefixes: Record<string, string>) => Promise<string> | string> = {
  [TURTLE]: (quads, prefixes) => toTurtle(quads, prefixes),
  [JSONLD]: (quads) => toJsonLd(quads),
  [NTRIPLES]: (quads) => toNTriples(quads),
};

export async function writeRdf(quads: Quad[], mediaType: string, prefixes: Record<string, string>): Promise<string> {
  const writer = WRITERS[mediaType];
  if (!writer) throw new Error(`no writer for ${mediaType}`);
  return writer(quads, prefixes);
}

/** Content types of the published files, by extension. */
export const STATIC_TYPES: Record<string, string> = {
  '.ttl': TURTLE, '.jsonld': JSONLD, '.nt': NTRIPLES, '.nq': 'application/n-quads', '.rdf': 'application/rdf+xml',
  '.html': HTML, '.css': 'text/css', '.js': 'application/javascript', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.txt': 'text/plain', '.rq': 'application/sparql-query', '.map': 'application/json',
  '.csv': 'text/csv', '.tsv': 'text/tab-separated-values', '.xml': 'application/xml', '.md': 'text/markdown', '.yaml': 'application/yaml',
};
