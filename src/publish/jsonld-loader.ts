/**
 * The only document loader jsonld ever gets: known contexts from disk, everything else refused.
 * jsonld's default loader fetches any remote `@context` (loopback addresses included).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ontologyDir } from '../util/paths.js';

/** The URL our published context is served at, and under which documents reference it. */
export const CONTEXT_URL = 'https://w3id.org/dih/context.jsonld';

const LOCAL_CONTEXTS: Readonly<Record<string, () => string>> = {
  [CONTEXT_URL]: () => join(ontologyDir(), 'context.jsonld'),
};

const cache = new Map<string, unknown>();

export function localContext(): unknown {
  return loadLocal(CONTEXT_URL).document;
}

function loadLocal(url: string): { contextUrl: null; documentUrl: string; document: unknown } {
  const where = LOCAL_CONTEXTS[url];
  if (!where) throw new Error(`refusing to load JSON-LD document ${JSON.stringify(url.slice(0, 200))}: only local contexts are allowed (no network)`);
  let doc = cache.get(url);
  if (doc === undefined) {
    doc = JSON.parse(readFileSync(where(), 'utf8'));
    cache.set(url, doc);
  }
  return { contextUrl: null, documentUrl: url, document: doc };
}

/** A jsonld `documentLoader` that never goes to the network. */
export async function offlineDocumentLoader(url: string): Promise<{ contextUrl: null; documentUrl: string; document: unknown }> {
  return loadLocal(url);
}
