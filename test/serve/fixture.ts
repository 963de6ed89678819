/** A publication built once per test run from sources/, and servers started on free ports over it. */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../../src/pipeline.js';
import { startServer, type RunningServer, type ServeOptions } from '../../src/serve/server.js';
import { SOURCES, tempDir } from '../helpers/paths.js';

let built: Promise<string> | undefined;

/** The example publication, built into a temporary folder (once). */
export function publication(): Promise<string> {
  built ??= (async () => {
    const out = join(tempDir('dih-ld-serve-'), 'dist');
    await build([SOURCES], { out });
    return out;
  })();
  return built;
}

/** A private copy of the publication, for tests that add or remove files in it. */
export async function publicationCopy(): Promise<string> {
  const copy = join(tempDir('dih-ld-serve-copy-'), 'dist');
  cpSync(await publication(), copy, { recursive: true });
  return copy;
}

export async function serve(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  return startServer({ data: await publication(), port: 0, workers: 2, ...options });
}

export const HUB = 'https://w3id.org/dih/hub/produtech-digital-innovation-hub-national-platform';
export const HUB_PATH = '/hub/produtech-digital-innovation-hub-national-platform';
export const HOST_ORG = 'https://w3id.org/dih/org/produtech-production-technologies-cluster';

export async function get(url: string, accept?: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', ...init, headers: { ...(accept ? { accept } : {}), ...(init.headers as Record<string, string> | undefined) } });
}

export function sparqlGet(server: RunningServer, query: string, accept?: string): Promise<Response> {
  return get(`${server.url}/sparql?query=${encodeURIComponent(query)}`, accept);
}
