/**
 * HTTP authentication for the Graph Store client: Basic and Digest (RFC 7616, MD5 or SHA-256,
 * qop=auth), negotiated from the server's 401 challenge. Virtuoso's /sparql-graph-crud-auth
 * offers Digest only; other stores offer Basic. Credentials are only ever sent to the origin the
 * user named.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Credentials { user: string; password: string }

interface DigestChallenge { scheme: 'digest'; realm: string; nonce: string; opaque?: string; qop?: string; algorithm: string; nc: number }
type Challenge = DigestChallenge | { scheme: 'basic' };

/** Parses `Digest realm="x", nonce="y", ...` or `Basic realm="x"` (the first scheme we support wins; Digest first). */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const digest = /Digest\s+(.*)/i.exec(header);
  if (digest) {
    const params: Record<string, string> = {};
    for (const m of (digest[1] as string).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) params[(m[1] as string).toLowerCase()] = m[2] ?? m[3] ?? '';
    if (!params.nonce) return undefined;
    const qop = params.qop?.split(',').map((q) => q.trim()).includes('auth') ? 'auth' : undefined;
    return { scheme: 'digest', realm: params.realm ?? '', nonce: params.nonce, ...(params.opaque !== undefined ? { opaque: params.opaque } : {}), ...(qop ? { qop } : {}), algorithm: (params.algorithm ?? 'MD5').toUpperCase(), nc: 0 };
  }
  if (/^\s*Basic\b/i.test(header) || /,\s*Basic\b/i.test(header)) return { scheme: 'basic' };
  return undefined;
}

const HASHES: Record<string, string> = { MD5: 'md5', 'SHA-256': 'sha256' };

function authorization(challenge: Challenge, credentials: Credentials, method: string, url: URL): string {
  if (challenge.scheme === 'basic') return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, 'utf8').toString('base64')}`;
  const algorithm = HASHES[challenge.algorithm];
  if (!algorithm) throw new Error(`the server asks for Digest algorithm ${challenge.algorithm}, which is not supported (MD5, SHA-256 are)`);
  const h = (s: string) => createHash(algorithm).update(s, 'utf8').digest('hex');
  const uri = `${url.pathname}${url.search}`;
  const ha1 = h(`${credentials.user}:${challenge.realm}:${credentials.password}`);
  const ha2 = h(`${method}:${uri}`);
  challenge.nc += 1;
  const nc = challenge.nc.toString(16).padStart(8, '0');
  const cnonce = randomBytes(12).toString('hex');
  const response = challenge.qop ? h(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${challenge.qop}:${ha2}`) : h(`${ha1}:${challenge.nonce}:${ha2}`);
  const quote = (s: string) => s.replace(/["\\]/g, '\\$&');
  const parts = [`username="${quote(credentials.user)}"`, `realm="${quote(challenge.realm)}"`, `nonce="${quote(challenge.nonce)}"`, `uri="${quote(uri)}"`, `algorithm=${challenge.algorithm}`, `response="${response}"`];
  if (challenge.qop) parts.push(`qop=${challenge.qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  if (challenge.opaque !== undefined) parts.push(`opaque="${quote(challenge.opaque)}"`);
  return `Digest ${parts.join(', ')}`;
}

/**
 * fetch with authentication: the first request goes out without credentials (or with the
 * challenge learnt from an earlier one); on 401 the challenge is read and the request sent once more.
 */
export class AuthenticatingFetcher {
  private challenge: Challenge | undefined;

  constructor(private readonly credentials: Credentials | undefined, private readonly timeoutMs = 300_000) {}

  async fetch(url: URL, init: { method: string; headers?: Record<string, string>; body?: string }): Promise<Response> {
    const send = (auth?: string) =>
      fetch(url, { method: init.method, headers: { ...init.headers, ...(auth ? { Authorization: auth } : {}) }, ...(init.body !== undefined ? { body: init.body } : {}), signal: AbortSignal.timeout(this.timeoutMs) });
    const first = await send(this.credentials && this.challenge ? authorization(this.challenge, this.credentials, init.method, url) : undefined);
    if (first.status !== 401 || !this.credentials) return first;
    const challenge = parseChallenge(first.headers.get('www-authenticate'));
    await first.arrayBuffer().catch(() => undefined);
    if (!challenge) return first;
    this.challenge = challenge;
    return send(authorization(challenge, this.credentials, init.method, url));
  }
}
