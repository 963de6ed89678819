/**
 * HTML building blocks. Every piece of data reaches a page through `esc` (text and attribute
 * values) or `href` (links: http(s) IRIs or our own relative paths only), and embedded JSON-LD
 * through `scriptJson`, so no value from a source can open a tag, an attribute or a script.
 */
import { BoundedMap } from '../../util/bounded-map.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

export function esc(value: string): string {
  // Most values (IRIs, labels) have nothing to escape: a test is cheaper than a replace that finds nothing.
  return SPECIAL.test(value) ? value.replace(/[&<>"']/g, (c) => ENTITIES[c] as string) : value;
}

/**
 * Absolute link targets already checked: pages link the same concepts and properties again and
 * again, and parsing an IRI as a URL was a tenth of the time spent on pages. Our relative paths
 * are checked by a pattern, cheaper than looking them up. Emptied when full, and small (most
 * targets are a page's own: its hub, its records), so that what it holds dies young.
 */
const checkedUrls = new BoundedMap<string, string>(2048);

/** A link target: relative paths we mint, or absolute http(s) IRIs; anything else (javascript:, data:) becomes `#`. */
export function href(target: string): string {
  if (/^[a-z0-9][a-z0-9._/-]*(\.html|\.ttl|\.jsonld|\.nt|\.nq|\.rdf|\.css)?(#[\w-]*)?$/i.test(target) && !target.includes('..')) return esc(target);
  if (/^\.\.\/[a-z0-9][a-z0-9._/-]*$/i.test(target)) return esc(target);
  let checked = checkedUrls.get(target);
  if (checked === undefined) checkedUrls.set(target, (checked = checkedUrl(target)));
  return checked;
}

function checkedUrl(target: string): string {
  try {
    const url = new URL(target);
    if (url.protocol === 'http:' || url.protocol === 'https:') return esc(url.href);
  } catch {
    // not a URL: falls through
  }
  return '#';
}

export function link(target: string, text: string, attrs = ''): string {
  return `<a href="${href(target)}"${attrs}>${esc(text)}</a>`;
}

/** JSON for a <script type="application/ld+json"> block: `<`, `>` and `&` escaped so `</script>` cannot appear. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface PageOptions { title: string; root: string; body: string; head?: string; description?: string }

/** A complete page: local stylesheet only, no script but embedded data, no CDN. */
export function page(o: PageOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title>
${o.description ? `<meta name="description" content="${esc(o.description)}">\n` : ''}<link rel="stylesheet" href="${href(`${o.root}style.css`)}">
${o.head ?? ''}</head>
<body>
<header><nav>${link(`${o.root}index.html`, 'Digital Innovation Hubs')} · ${link(`${o.root}ontology/index.html`, 'Ontology')} · ${link(`${o.root}catalog.ttl`, 'DCAT-AP catalogue')}</nav></header>
<main>
${o.body}
</main>
<footer>Published with dih-ld. Data: ${link(`${o.root}dih.ttl`, 'Turtle')}, ${link(`${o.root}dih.jsonld`, 'JSON-LD')}, ${link(`${o.root}dih.nt`, 'N-Triples')}, ${link(`${o.root}dih.nq`, 'N-Quads')}, ${link(`${o.root}dih.rdf`, 'RDF/XML')}; ${link(`${o.root}void.ttl`, 'VoID')}.</footer>
</body>
</html>
`;
}

export const STYLESHEET = `/* dih-ld publication: local stylesheet, no external fonts or frameworks. */
:root { --ink: #1d2430; --muted: #5b6575; --line: #d9dee7; --accent: #0b5cad; --bg: #fbfcfe; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header, footer { padding: .75rem 1.5rem; background: #eef2f8; border-bottom: 1px solid var(--line); }
footer { border-top: 1px solid var(--line); border-bottom: 0; color: var(--muted); font-size: .9rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
a { color: var(--accent); }
h1 { font-size: 1.8rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
.alt { color: var(--muted); margin-top: 0; }
dl.facts { display: grid; grid-template-columns: minmax(10rem, 16rem) 1fr; gap: .35rem 1rem; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
code, .iri { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; word-break: break-all; }
.tag { display: inline-block; padding: 0 .5rem; border-radius: .75rem; background: #e3ecf8; margin: 0 .25rem .25rem 0; }
blockquote { margin: .25rem 0; padding-left: .75rem; border-left: 3px solid var(--line); color: var(--muted); }
`;
