/**
 * One page per hub: every fact about the hub readable, the relations of the hub and of the
 * organisations around it (with roles and on whose behalf), links to the other hubs' pages, the
 * source records cited, and schema.org JSON-LD for search engines.
 */
import { dcterms, dih, EU_COUNTRY, foaf, org, prov, rdf, skos } from '../../vocab/namespaces.js';
import { slugify } from '../../map/iri.js';
import type { GraphView, Membership, Term } from './graph-view.js';
import { esc, link, page, scriptJson } from './markup.js';

export interface HubPageContext {
  view: GraphView;
  base: string;
  /** Hub IRI -> page path relative to the site root (hub/<slug>.html). */
  pages: ReadonlyMap<string, string>;
}

/** Page path of a hub: its slug under {base}hub/, or a slug of the whole IRI for hubs minted elsewhere. */
export function hubPagePath(hubIri: string, base: string): string {
  const prefix = `${base}hub/`;
  const slug = hubIri.startsWith(prefix) && /^[a-z0-9-]+$/.test(hubIri.slice(prefix.length)) ? hubIri.slice(prefix.length) : slugify(hubIri);
  return `hub/${slug}.html`;
}

const HIDDEN = new Set([rdf.type, skos.prefLabel]);
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function roleSlug(role: string): string {
  return role.slice(role.lastIndexOf('/') + 1);
}

/** Who hosts a hub: the members of its `hosts` memberships. */
export function hostsOf(view: GraphView, hub: string): string[] {
  return view.membershipsOf(hub).filter((m) => m.organization === hub && roleSlug(m.role) === 'hosts').map((m) => m.member);
}

function valueHtml(ctx: HubPageContext, t: Term, root: string): string {
  if (t.termType === 'Literal') return esc(t.value);
  const hubPage = ctx.pages.get(t.value);
  if (hubPage) return link(`${root}${hubPage}`, ctx.view.label(t.value));
  const label = ctx.view.label(t.value);
  if (label !== t.value) return `${esc(label)} ${link(t.value, '↗', ' class="iri" title="' + esc(t.value) + '"')}`;
  return link(t.value, t.value, ' class="iri"');
}

function factsHtml(ctx: HubPageContext, subject: string, root: string): string {
  const rows = ctx.view.properties(subject).filter(([p]) => !HIDDEN.has(p));
  const types = ctx.view.values(subject, rdf.type).map((t) => ctx.view.label(t.value)).sort();
  const dl = [`<dt>IRI</dt><dd>${link(subject, subject, ' class="iri"')}</dd>`, `<dt>Type</dt><dd>${types.map((t) => `<span class="tag">${esc(t)}</span>`).join('')}</dd>`];
  for (const [p, values] of rows) {
    const shown = [...values].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    dl.push(`<dt>${esc(capitalise(ctx.view.label(p)))}</dt><dd>${shown.map((v) => valueHtml(ctx, v, root)).join('<br>')}</dd>`);
  }
  return `<dl class="facts">\n${dl.join('\n')}\n</dl>`;
}

function membershipRow(ctx: HubPageContext, m: Membership, root: string): string {
  const name = (iri: string) => (ctx.pages.get(iri) ? link(`${root}${ctx.pages.get(iri)}`, ctx.view.label(iri)) : esc(ctx.view.label(iri)));
  const behalf = m.onBehalfOf.map((o) => esc(ctx.view.label(o))).join(', ');
  return `<tr><td>${name(m.member)}</td><td>${esc(ctx.view.label(m.role))}</td><td>${name(m.organization)}</td><td>${behalf}</td></tr>`;
}

function sourcesHtml(ctx: HubPageContext, sources: string[]): string {
  if (!sources.length) return '<p>No source record is cited.</p>';
  const items = sources.map((s) => {
    const v = ctx.view;
    const first = (p: string) => v.values(s, p)[0]?.value;
    const parts = [
      `<strong>${esc(first(dcterms.identifier) ?? s)}</strong> ${link(s, s, ' class="iri"')}`,
      first(dcterms.publisher) ? `published by ${esc(first(dcterms.publisher) as string)}` : '',
      first(dcterms.source) ? `document ${esc(first(dcterms.source) as string)}` : '',
      first(prov.generatedAtTime) ? `dated ${esc(first(prov.generatedAtTime) as string)}` : '',
      first(dih.sourceFile) ? `file ${esc(first(dih.sourceFile) as string)}${first(dih.recordLine) ? `:${esc(first(dih.recordLine) as string)}` : ''}` : '',
    ].filter(Boolean);
    return `<li>${parts.join('; ')}</li>`;
  });
  return `<ul class="sources">\n${items.join('\n')}\n</ul>`;
}

/** Text quotes the facts about the hub were read from (Web Annotation), for readers who want the evidence. */
function quotesHtml(ctx: HubPageContext, subjects: Set<string>): string {
  const quotes = [...subjects].flatMap((s) => ctx.view.quotesAbout(s)).map((q) => `<blockquote>${esc(q)}</blockquote>`);
  return [...new Set(quotes)].sort().join('\n');
}

function schemaOrg(ctx: HubPageContext, hub: string): Record<string, unknown> {
  const v = ctx.view;
  const country = v.values(hub, dih.country).find((c) => c.value.startsWith(EU_COUNTRY));
  const countryCode = country ? ctx.view.concepts.concepts.get(country.value)?.notations.find((n) => /^[A-Z]{2}$/.test(n)) : undefined;
  const hosts = hostsOf(v, hub);
  const out: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    '@id': hub,
    name: v.label(hub),
  };
  const alt = v.values(hub, skos.altLabel).map((t) => t.value).sort();
  if (alt.length) out.alternateName = alt;
  const description = v.values(hub, dcterms.description)[0];
  if (description) out.description = description.value;
  const homepage = v.values(hub, foaf.homepage).find((t) => t.termType === 'NamedNode');
  if (homepage) out.url = homepage.value;
  if (countryCode) out.address = { '@type': 'PostalAddress', addressCountry: countryCode };
  if (hosts.length) out.parentOrganization = hosts.map((h) => ({ '@type': 'Organization', '@id': h, name: v.label(h) }));
  const related = new Set(v.membershipsOf(hub).flatMap((m) => [m.member, m.organization]).filter((x) => x !== hub && !hosts.includes(x)));
  if (related.size) out.memberOf = [...related].sort().filter((r) => v.membershipsOf(hub).some((m) => m.member === hub && m.organization === r)).map((r) => ({ '@type': 'Organization', '@id': r, name: v.label(r) }));
  if (Array.isArray(out.memberOf) && !out.memberOf.length) delete out.memberOf;
  return out;
}

export function hubPage(ctx: HubPageContext, hub: string): string {
  const v = ctx.view;
  const root = '../';
  const name = v.label(hub);
  const status = v.values(hub, dih.status).map((s) => v.label(s.value));
  const hosts = hostsOf(v, hub);
  const around = v.membershipsOf(hub);
  const related = [...new Set(around.flatMap((m) => [m.member, m.organization]))].filter((x) => x !== hub).sort();
  const aroundRelated = [...new Set(related.flatMap((r) => v.membershipsOf(r)))].filter((m) => !around.includes(m)).sort((a, b) => (a.iri < b.iri ? -1 : 1));
  const otherHubs = [...new Set([...around, ...aroundRelated].flatMap((m) => [m.member, m.organization]))].filter((x) => x !== hub && ctx.pages.has(x)).sort();
  // Cited: the records the hub is derived from, and any other record whose graph states something about it.
  const sources = [...new Set([...v.values(hub, prov.wasDerivedFrom).map((t) => t.value), ...v.graphsOf(hub).filter((g) => v.isA(g, dih.SourceRecord))])].sort();
  const alt = v.values(hub, skos.altLabel).map((t) => t.value).sort();

  const body = [
    `<article class="hub" about="${esc(hub)}">`,
    `<h1>${esc(name)}</h1>`,
    alt.length ? `<p class="alt">Also known as ${alt.map(esc).join('; ')}</p>` : '',
    `<p class="summary"><span id="status">Status: ${esc(status.join(', ') || 'not stated')}</span>${hosts.length ? ` · <span id="host">Hosted by ${hosts.map((h) => (ctx.pages.get(h) ? link(`${root}${ctx.pages.get(h)}`, v.label(h)) : esc(v.label(h)))).join(', ')}</span>` : ''}</p>`,
    '<h2>Facts</h2>',
    factsHtml(ctx, hub, root),
    '<h2>Relations</h2>',
    around.length + aroundRelated.length
      ? `<table class="relations"><thead><tr><th>Who</th><th>Role</th><th>In</th><th>On behalf of</th></tr></thead><tbody>\n${[...around, ...aroundRelated].map((m) => membershipRow(ctx, m, root)).join('\n')}\n</tbody></table>`
      : '<p>No relation is recorded.</p>',
    otherHubs.length ? `<h2>Linked hubs</h2>\n<ul>${otherHubs.map((h) => `<li>${link(`${root}${ctx.pages.get(h)}`, v.label(h))}</li>`).join('')}</ul>` : '',
    '<h2>Organisations and initiatives</h2>',
    ...related.filter((r) => !ctx.pages.has(r)).map((r) => `<section class="entity"><h3>${esc(v.label(r))}</h3>\n${factsHtml(ctx, r, root)}</section>`),
    '<h2>Sources</h2>',
    sourcesHtml(ctx, sources),
    quotesHtml(ctx, new Set([hub, ...around.map((m) => m.iri)])),
    '</article>',
  ].filter(Boolean).join('\n');
  const description = v.values(hub, dcterms.description)[0]?.value ?? `${name}: a Digital Innovation Hub${status.length ? ` (${status.join(', ')})` : ''}.`;
  const head = `<link rel="alternate" type="text/turtle" href="${esc(`${root}dih.ttl`)}">\n<script type="application/ld+json">\n${scriptJson(schemaOrg(ctx, hub))}\n</script>\n`;
  return page({ title: `${name}: Digital Innovation Hub`, root, body, head, description });
}

export const MEMBERSHIP_CLASS = org.Membership;
