/** The site's front page: every hub with its status, country and host, and the files of the publication. */
import { ownCopy } from '../../util/own-copy.js';
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

/** What the index shows of a hub, as plain text: a build gathers rows batch by batch. */
export interface IndexRow { hub: string; label: string; status: string; country: string; hosts: string }

/** A row is kept until the index is written (100,000 at 100,000 hubs): its hub's own texts are copied out of what the batch read (see util/own-copy). */
export function indexRow(view: GraphView, hub: string): IndexRow {
  return {
    hub,
    label: ownCopy(view.label(hub)),
    status: view.values(hub, dih.status).map((s) => view.label(s.value)).join(', '),
    country: view.values(hub, dih.country).map((c) => view.label(c.value)).join(', '),
    hosts: ownCopy(hostsOf(view, hub).map((x) => view.label(x)).join(', ')),
  };
}

export function indexPage(ctx: IndexPageContext): string {
  return indexPageOf([...ctx.pages.keys()].map((h) => indexRow(ctx.view, h)), ctx.pages, ctx.publicationBase);
}

// What String.prototype.localeCompare(b, 'en') does, without building a collator per comparison.
const byLabel = new Intl.Collator('en').compare;

/** The index of the hubs given by their rows, each linked to its page in `pages`. */
export function indexPageOf(rows: readonly IndexRow[], pages: ReadonlyMap<string, string>, publicationBase: string): string {
  return [...indexPagePieces(rows, pages, publicationBase)].join('');
}

/** Where the rows go in the page's text; no escaped text holds a NUL. */
const ROWS_MARK = '\u0000rows\u0000';

/**
 * The index page's text in pieces of `rowsPerPiece` rows (the same text as indexPageOf): at
 * 100,000 hubs the page is 37 MB, and made as one string it took ~150 MB at once (its rows, their
 * join, the page, its bytes).
 */
export function* indexPagePieces(rows: readonly IndexRow[], pages: ReadonlyMap<string, string>, publicationBase: string, rowsPerPiece = 2000): Generator<string> {
  const sorted = [...rows].sort((a, b) => byLabel(a.label, b.label) || (a.hub < b.hub ? -1 : 1));
  const row = (r: IndexRow): string => {
    const path = pages.get(r.hub);
    if (path === undefined) throw new Error(`index row of ${r.hub}, a hub without a page`);
    return `<tr><td>${link(path, r.label)}</td><td>${esc(r.status)}</td><td>${esc(r.country)}</td><td>${esc(r.hosts)}</td></tr>\n`;
  };
  const body = [
    '<h1>Digital Innovation Hubs</h1>',
    `<p>${rows.length} hub(s), each with the organisations and initiatives around it and the roles they hold, every fact traced to the source record it was read from.</p>`,
    '<table class="hubs"><thead><tr><th>Hub</th><th>Status</th><th>Country</th><th>Hosted by</th></tr></thead><tbody>',
    // each row ends its line: the rows' lines, then the table's end
    `${ROWS_MARK}</tbody></table>`,
    '<h2>Data</h2>',
    `<ul>${FILES.map(([f, what]) => `<li>${link(f, f)}: ${esc(what)}</li>`).join('')}</ul>`,
    `<p>The vocabulary is documented in ${link('ontology/index.html', 'the ontology reference')}.</p>`,
  ].join('\n');
  const dataset = {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: 'Digital Innovation Hubs as linked data',
    url: `${publicationBase}index.html`,
    distribution: FILES.slice(0, 5).map(([f]) => ({ '@type': 'DataDownload', contentUrl: `${publicationBase}${f}` })),
  };
  const head = `<script type="application/ld+json">\n${scriptJson(dataset)}\n</script>\n`;
  const text = page({ title: 'Digital Innovation Hubs', root: '', body, head, description: `${rows.length} Digital Innovation Hub(s) as linked data` });
  const at = text.indexOf(ROWS_MARK);
  yield text.slice(0, at);
  for (let start = 0; start < sorted.length; start += rowsPerPiece) yield sorted.slice(start, start + rowsPerPiece).map(row).join('');
  yield text.slice(at + ROWS_MARK.length);
}
