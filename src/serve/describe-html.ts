/**
 * A plain HTML page for a resource, used when the publication has no page of its own for it
 * (the site writes hub/<slug>.html; concepts, organisations and the rest get this one). Links to
 * IRIs under the base point back into this server, so a reader can browse the graph.
 */
import type { Quad } from 'n3';
import { escapeHtml } from './http-util.js';

const LABELS = new Set(['http://www.w3.org/2004/02/skos/core#prefLabel', 'http://www.w3.org/2000/01/rdf-schema#label', 'http://xmlns.com/foaf/0.1/name']);

function term(t: Quad['object'], base: string): string {
  if (t.termType === 'Literal') return `${escapeHtml(t.value)}${t.language ? ` <small>@${escapeHtml(t.language)}</small>` : ''}`;
  const href = t.value.startsWith(base) ? `/${t.value.slice(base.length)}` : t.value;
  return `<a href="${escapeHtml(href)}">${escapeHtml(t.value)}</a>`;
}

export function describeHtml(iri: string, quads: Quad[], base: string, alternates: Record<string, string>): string {
  const label = quads.find((q) => q.subject.value === iri && LABELS.has(q.predicate.value))?.object.value ?? iri;
  const rows = (list: Quad[], inbound: boolean): string => list
    .map((q) => (inbound ? `<tr><td>${term(q.subject, base)}</td><td>${term(q.predicate, base)}</td></tr>` : `<tr><td>${term(q.predicate, base)}</td><td>${term(q.object, base)}</td></tr>`))
    .sort()
    .join('\n');
  const outgoing = quads.filter((q) => q.subject.value === iri || q.subject.value.startsWith(`${iri}#`));
  const incoming = quads.filter((q) => !outgoing.includes(q));
  const links = Object.entries(alternates).map(([type, href]) => `<a rel="alternate" type="${escapeHtml(type)}" href="${escapeHtml(href)}">${escapeHtml(type)}</a>`).join(' · ');
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(label)}</title>
${Object.entries(alternates).map(([type, href]) => `<link rel="alternate" type="${escapeHtml(type)}" href="${escapeHtml(href)}">`).join('\n')}
</head>
<body>
<h1>${escapeHtml(label)}</h1>
<p><code>${escapeHtml(iri)}</code></p>
<p>Also as ${links}</p>
<table><thead><tr><th>property</th><th>value</th></tr></thead><tbody>
${rows(outgoing, false)}
</tbody></table>
${incoming.length ? `<h2>Referenced by</h2><table><thead><tr><th>resource</th><th>property</th></tr></thead><tbody>\n${rows(incoming, true)}\n</tbody></table>` : ''}
<p><a href="/sparql">Query the graph</a></p>
</body>
</html>
`;
}
