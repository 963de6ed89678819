/**
 * Dereferencing IRIs under the base, as the W3C note "Cool URIs for the Semantic Web" describes
 * (303 URIs forwarding to different documents): `/hub/x` names the hub itself, so it answers
 * 303 See Other, chosen by Accept (with Vary: Accept), to a document about it: `/hub/x.html`
 * (the publication's page when it has one, else a generated page), `/hub/x.ttl`, `/hub/x.jsonld`
 * or `/hub/x.nt`, each 200.
 */
import type { ServerResponse } from 'node:http';
import type { QuadIndex } from '../query/quad-index.js';
import { describe, describedResources } from './describe.js';
import { describeHtml } from './describe-html.js';
import { EXTENSION_TYPES, HTML, JSONLD, NTRIPLES, TURTLE, TYPE_EXTENSIONS, writeRdf } from './formats.js';
import { HttpError, send } from './http-util.js';
import { negotiate } from './negotiate.js';

/** Browsers and clients without a preference get HTML; RDF clients say what they want. */
const OFFERS = [HTML, TURTLE, JSONLD, NTRIPLES];

export interface DerefContext { store: QuadIndex; base: string; prefixes: Record<string, string> }

/** Answers for a path under the base, or returns false when no resource has that IRI. */
export async function dereference(res: ServerResponse, rawPath: string, accept: string | undefined, ctx: DerefContext): Promise<boolean> {
  const relative = rawPath.replace(/^\/+/, '');
  const ext = Object.keys(EXTENSION_TYPES).find((e) => relative.endsWith(e));
  if (ext) {
    const stem = relative.slice(0, -ext.length);
    const resources = describedResources(ctx.store, ctx.base + stem);
    if (!stem || !resources.length) return false;
    await sendDocument(res, ctx.base + stem, `/${stem}`, resources, EXTENSION_TYPES[ext] as string, ctx);
    return true;
  }
  if (!relative || !describedResources(ctx.store, ctx.base + relative).length) return false;
  const chosen = negotiate(accept, OFFERS);
  if (!chosen) throw new HttpError(406, `no acceptable representation; available: ${OFFERS.join(', ')}`, { Vary: 'Accept' });
  const location = `/${relative}${TYPE_EXTENSIONS[chosen]}`;
  send(res, 303, 'text/plain', `See ${location}\n`, { Location: location, Vary: 'Accept' });
  return true;
}

async function sendDocument(res: ServerResponse, iri: string, path: string, resources: string[], type: string, ctx: DerefContext): Promise<void> {
  const quads = describe(ctx.store, resources);
  const alternates = Object.fromEntries([TURTLE, JSONLD, NTRIPLES].map((t) => [t, `${path}${TYPE_EXTENSIONS[t]}`]));
  const body = type === HTML ? describeHtml(iri, quads, ctx.base, alternates) : await writeRdf(quads, type, ctx.prefixes);
  send(res, 200, type, body, { Link: `<${iri}>; rel="describes"` });
}
