/** The site's front page: every hub with its status, country and host, and the files of the publication. */
import { dih } from '../../vocab/namespaces.js';
import type { GraphView } from './graph-view.js';
import { hostsOf } from './hub-page.js';
import { esc, link, page, scriptJson } from './markup.js';

export interface IndexPageContext { view: GraphView; pages: ReadonlyMap<string, string>; publicationBase: string }

const FILES: [string, string][] = [
  ['dih.ttl', 'the whole graph as Turtle'],
  ['dih.jsonld', 'the same graph as JSON-LD'],
  ['dih.nt', 'the same graph as N-Triples'],
  ['dih.nq', 'the dataset with one named graph per source record (N-Quads)'],
  ['dih.rdf', 'the same graph as RDF/XML'],
  ['catalog.ttl', 'DCAT-AP 3.0 catalogue (also catalog.jsonld, catalog.rdf)'],
  ['void.ttl', 'VoID description: size, classes, properties, links'],
  ['validation-report.ttl', 'SHACL validation report'],
];

export function indexPage(ctx: IndexPageContext): string {
  const v = ctx.view;
  const hubs = [...ctx.pages.keys()].sort((a, b) => v.label(a).localeCompare(v.label(b), 'en') || (a < b ? -1 : 1));
  const rows = hubs.map((h) => {
    const status = v.values(h, dih.status).map((s) => v.label(s.value)).join(', ');
    const country = v.values(h, dih.country).map((c) => v.label(c.value)).join(', ');
    const hosts = hostsOf(v, h).map((x) => v.label(x)).join(', ');
    return `<tr><td>${link(ctx.pages.get(h) as string, v.label(h))}</td><td>${esc(status)}</td><td>${esc(country)}</td><td>${esc(hosts)}</td></tr>`;
  });
  const body = [
    '<h1>Digital Innovation Hubs</h1>',
    `<p>${hubs.length} hub(s), each with the organisations and initiatives around it and the roles they hold, every fact traced to the source record it was read from.</p>`,
    '<table class="hubs"><thead><tr><th>Hub</th><th>Status</th><th>Country</th><th>Hosted by</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
    '<h2>Data</h2>',
    `<ul>${FILES.map(([f, what]) => `<li>${link(f, f)}: ${esc(what)}</li>`).join('')}</ul>`,
    `<p>The vocabulary is documented in ${link('ontology/index.html', 'the ontology reference')}.</p>`,
  ].join('\n');
  const dataset = {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: 'Digital Innovation Hubs as linked data',
    url: `${ctx.publicationBase}index.html`,
    distribution: FILES.slice(0, 5).map(([f]) => ({ '@type': 'DataDownload', contentUrl: `${ctx.publicationBase}${f}` })),
  };
  const head = `<script type="application/ld+json">\n${scriptJson(dataset)}\n</script>\n`;
  return page({ title: 'Digital Innovation Hubs', root: '', body, head, description: `${hubs.length} Digital Innovation Hub(s) as linked data` });
}
