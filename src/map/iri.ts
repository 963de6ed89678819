/**
 * IRI minting and checking. The n3 Writer does not escape IRIs, so every IRI that reaches a
 * serializer is either minted here from a slug (safe by construction) or checked by `checkIri`.
 */

/** NFC-normalise, fold to ASCII, lower-case, hyphenate. Stable for a given name whatever the input order. */
export function slugify(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss').replace(/æ/gi, 'ae').replace(/ø/gi, 'o').replace(/œ/gi, 'oe').replace(/ł/gi, 'l').replace(/đ/gi, 'd').replace(/þ/gi, 'th')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const trimmed = folded.length > 80 ? folded.slice(0, 80).replace(/-+$/, '') : folded;
  return trimmed || 'x';
}

/** Characters the Turtle/N-Triples IRIREF production forbids, plus what a URL parser would choke on. */
const FORBIDDEN_IN_IRI = /[\u0000-\u0020<>"{}|^`\\\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** True when `value` is an absolute IRI that is safe to write unescaped. */
export function isSafeIri(value: string): boolean {
  if (FORBIDDEN_IN_IRI.test(value)) return false;
  if (/[\uD800-\uDFFF]/.test(value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) return false; // lone surrogates
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
  if (/^www\./i.test(text)) text = `http://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `not a URL: ${JSON.stringify(raw.slice(0, 80))}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `website must be http(s), got ${url.protocol}` };
  if (!url.hostname || !url.hostname.includes('.')) return { problem: `website has no public host name: ${JSON.stringify(raw.slice(0, 80))}` };
  if (url.username || url.password) return { problem: 'website carries credentials' };
  const href = url.href;
  if (!isSafeIri(href)) return { problem: `website is not a safe IRI: ${JSON.stringify(raw.slice(0, 80))}` };
  return { url: href };
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
