/**
 * IRI minting and checking. The n3 Writer does not escape IRIs, so every IRI that reaches a
 * serializer is either minted here from a slug (safe by construction) or checked by `checkIri`.
 */
import { BoundedMap } from '../util/bounded-map.js';

/** NFC-normalise, fold to ASCII, lower-case, hyphenate. Stable for a given name whatever the input order. */
export function slugify(name: string): string {
  let slug = slugs.get(name);
  if (slug === undefined) slugs.set(name, (slug = slugOf(name)));
  return slug;
}

/**
 * Slugs made lately: a record's registry, id and entities are slugged again for every node minted
 * under them (annotations, memberships), and slugging was a tenth of mapping. Emptied when full,
 * and small: those repeats come close together, and what it holds should die young rather than
 * be promoted and kept (most names are slugged for one record only).
 */
const slugs = new BoundedMap<string, string>(1024);

function slugOf(name: string): string {
  // already a slug (an id, a registry's name): the steps below would give it back as it is
  if (name.length <= 80 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) return name;
  // ASCII needs no folding (NFKD leaves it as it is): most names and ids, slugged on every mapping.
  const ascii = /^[\u0000-\u007f]*$/.test(name) ? name : foldToAscii(name);
  const folded = ascii
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // A long name is cut, and the cut marked with a hash of the whole: two names that differ only
  // after the cut (an organisation named twice in one long record id) must keep distinct IRIs.
  const trimmed = folded.length > 80 ? `${folded.slice(0, 71).replace(/-+$/, '')}-${stableHash(folded)}` : folded;
  return trimmed || 'x';
}

/** Accents stripped and the letters NFKD does not decompose spelled out in ASCII. */
function foldToAscii(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss').replace(/æ/gi, 'ae').replace(/ø/gi, 'o').replace(/œ/gi, 'oe').replace(/ł/gi, 'l').replace(/đ/gi, 'd').replace(/þ/gi, 'th');
}

/** Short stable hash (FNV-1a, 32 bit), for IRIs that must not depend on input order. */
export function stableHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Characters the Turtle/N-Triples IRIREF production forbids, plus what a URL parser would choke on. */
const FORBIDDEN_IN_IRI = /[\u0000-\u0020<>"{}|^`\\\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

const SURROGATE = /[\uD800-\uDFFF]/;

/** True when `value` is an absolute IRI that is safe to write unescaped. */
export function isSafeIri(value: string): boolean {
  if (FORBIDDEN_IN_IRI.test(value)) return false;
  // lone surrogates (pairs are fine); the pairs are stripped only when there is a surrogate at all,
  // as the copy is made on every IRI a serializer checks
  if (SURROGATE.test(value) && SURROGATE.test(value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) return false;
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value)) return false;
  return true;
}

/** Checks an IRI; throws with the offending value when it could break a serialization. */
export function checkIri(value: string): string {
  if (!isSafeIri(value)) throw new Error(`unsafe or relative IRI: ${JSON.stringify(value)}`);
  return value;
}

/** Web addresses a hub may publish as foaf:homepage: http(s) only, with a host name. */
export function normaliseWebsite(raw: string): { url?: string; problem?: string } {
  let text = raw.trim();
  if (!text) return { problem: 'empty website' };
  // Spaces, angle brackets and quotes never occur in a real address; percent-encoding them would hide an injection attempt.
  if (/[\s<>"{}|\\^`]/.test(text)) return { problem: `not a URL (contains spaces, quotes or angle brackets): ${JSON.stringify(raw.slice(0, 80))}` };
  if (/^www\./i.test(text)) text = `http://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `not a URL: ${JSON.stringify(raw.slice(0, 80))}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `website must be http(s), got ${url.protocol}` };
  if (!url.hostname || !url.hostname.includes('.') || /\.(localhost|local|internal|lan)$/i.test(url.hostname)) return { problem: `website has no public host name: ${JSON.stringify(raw.slice(0, 80))}` };
  if (isNonPublicAddress(url.hostname)) return { problem: `website points to a private, loopback or link-local address: ${url.hostname}` };
  const rawHost = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]+)/i.exec(text)?.[1] ?? '';
  if (rawHost && isMixedScript(rawHost)) return { problem: `website host mixes scripts (possible homograph): ${JSON.stringify(rawHost)}` };
  if (url.username || url.password) return { problem: 'website carries credentials' };
  const href = url.href;
  if (!isSafeIri(href)) return { problem: `website is not a safe IRI: ${JSON.stringify(raw.slice(0, 80))}` };
  return { url: href };
}

/** Loopback, private, link-local, carrier-grade NAT and unspecified addresses: never a hub's public web site. */
export function isNonPublicAddress(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (host.includes(':')) return host === '::' || host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
  return false;
}

const SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Armenian}/u];

/** A host label mixing Latin with Cyrillic, Greek or Armenian letters is the classic homograph attack. */
export function isMixedScript(host: string): boolean {
  return host.split('.').some((label) => SCRIPTS.filter((re) => re.test(label)).length > 1);
}

/** Minting of every IRI of instance data, relative to a configurable base. */
export class IriMinter {
  constructor(readonly base: string) {
    checkIri(base);
    if (!base.endsWith('/') && !base.endsWith('#')) throw new Error(`base IRI must end with / or #: ${base}`);
  }
  hub(slug: string): string { return `${this.base}hub/${slugify(slug)}`; }
  org(slug: string): string { return `${this.base}org/${slugify(slug)}`; }
  initiative(slug: string): string { return `${this.base}initiative/${slugify(slug)}`; }
  concept(scheme: string, slug: string): string { return `${this.base}concept/${slugify(scheme)}/${slugify(slug)}`; }
  scheme(scheme: string): string { return `${this.base}concept/${slugify(scheme)}`; }
  source(registry: string, id?: string): string {
    return id === undefined ? `${this.base}source/${slugify(registry)}` : `${this.base}source/${slugify(registry)}/${slugify(id)}`;
  }
  /** A node minted under a source record (annotations, memberships), so blank nodes are never needed. */
  sourceNode(registry: string, id: string, ...path: string[]): string {
    return `${this.source(registry, id)}/${path.map(slugify).join('/')}`;
  }
  membership(holder: string, role: string, target: string): string {
    return `${this.base}membership/${slugify(holder)}/${slugify(role)}/${slugify(target)}`;
  }
}
