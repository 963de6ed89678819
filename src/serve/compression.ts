/**
 * gzip for query answers, as SPARQL endpoints do (Virtuoso, Fuseki): SPARQL JSON and N-Triples
 * shrink ten- to twentyfold, and a cached answer is compressed once, on the libuv thread pool, not
 * on the event loop.
 */
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { CachedResult } from './result-cache.js';

const gzipAsync = promisify(gzip);

/** Smaller answers are sent as they are: the gzip header and the work would not pay. */
export const COMPRESS_FROM_BYTES = 1024;

/** Whether an Accept-Encoding header accepts gzip (`gzip`, `x-gzip` or `*` with a q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star = false;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    if (coding === 'gzip' || coding === 'x-gzip') return weight > 0;
    if (coding === '*') star = weight > 0;
  }
  return star;
}

/** The answer's body gzipped, made once per answer (cached answers keep theirs). */
export function gzipped(result: CachedResult): Promise<Buffer> {
  result.gzip ??= gzipAsync(result.body);
  return result.gzip;
}
