/**
 * The HTML site of a publication: index.html, hub/<slug>.html per hub, ontology/index.html and a
 * local stylesheet. Everything is static and local (no CDN, no script but embedded JSON-LD).
 */
import type { Quad } from 'n3';
import type { HubRecord } from '../../model/record.js';
import type { ConceptIndex } from '../../vocab/concepts.js';
import { dcterms, dih, foaf, org, prov, rdf, rdfs, skos } from '../../vocab/namespaces.js';
import { GraphView } from './graph-view.js';
import { hubPage, hubPagePath } from './hub-page.js';
import { indexPagePieces, indexRow, type IndexRow } from './index-page.js';
import { ontologyLabels, ontologyPage, ontologyQuads } from './ontology-page.js';
import { STYLESHEET } from './markup.js';

export type { IndexRow } from './index-page.js';

export interface SiteInput {
  quads: Quad[];
  records: HubRecord[];
  base: string;
  publicationBase: string;
  concepts: ConceptIndex;
  /** Told after each hub page: pages made, pages in all. */
  onPage?: (done: number, total: number) => void;
}

/** Names of standard properties and classes as the pages show them. */
const STANDARD_LABELS: [string, string][] = [
  [skos.altLabel, 'Also known as'], [dcterms.description, 'Description'], [foaf.homepage, 'Web site'],
  [dcterms.isPartOf, 'Part of'], [org.subOrganizationOf, 'Part of'], [org.memberOf, 'Member of'], [org.linkedTo, 'Linked to'],
  [prov.wasDerivedFrom, 'Source record'], [dcterms.identifier, 'Identifier'], [rdf.type, 'Type'], [rdfs.label, 'Label'],
  [org.Organization, 'Organisation'], [org.Membership, 'Relation'], [prov.Entity, 'Entity'],
];

export function htmlSite(input: SiteInput): Map<string, string> {
  const hubs = new Set<string>();
  for (const q of input.quads) if (q.predicate.value === rdf.type && q.object.value === dih.DigitalInnovationHub) hubs.add(q.subject.value);
  const pages = hubPagePaths(hubs, input.base);
  // One batch: every hub's label is in its own data, none is needed from elsewhere.
  const batch = hubPagesOf({ quads: input.quads, hubs: [...pages.keys()], pages, hubLabels: new Map(), base: input.base, concepts: input.concepts, ...(input.onPage ? { onPage: input.onPage } : {}) });
  const out = siteFrame(batch.rows, pages, input.publicationBase);
  for (const [path, html] of batch.pages) out.set(path, html);
  return out;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Page path of every hub: hubs in IRI order, a clash of slugs taken by the later hub as -2, -3... */
export function hubPagePaths(hubIris: Iterable<string>, base: string): Map<string, string> {
  const pages = new Map<string, string>();
  const taken = new Set<string>();
  for (const hub of [...new Set(hubIris)].sort(cmp)) {
    let path = hubPagePath(hub, base);
    for (let i = 2; taken.has(path); i++) path = path.replace(/(-\d+)?\.html$/, `-${i}.html`);
    taken.add(path);
    pages.set(hub, path);
  }
  return pages;
}

export interface HubPagesInput {
  /** One batch: the quads of whole hubs (their records and their merged description). */
  quads: Quad[];
  /** The hubs of the batch to render. */
  hubs: readonly string[];
  /** Page path of every hub of the publication (hubPagePaths), so links reach hubs of other batches. */
  pages: ReadonlyMap<string, string>;
  /** Label of every hub of the publication, for links to hubs of other batches (as GraphView.label picks it). */
  hubLabels: ReadonlyMap<string, string>;
  base: string;
  concepts: ConceptIndex;
  /** Told after each hub page: pages made, pages of this batch in all. */
  onPage?: (done: number, total: number) => void;
}

/** The pages of a batch's hubs (path -> html) and their rows of the index. */
export function hubPagesOf(input: HubPagesInput): { pages: Map<string, string>; rows: IndexRow[] } {
  // the ontology's and standard names win over hubLabels; the view asks these extra
  // labels only when the batch's data and the concepts have no label for an IRI.
  const names = pageLabels();
  const view = new GraphView(input.quads, input.concepts, { get: (iri: string) => names.get(iri) ?? input.hubLabels.get(iri) });
  const ctx = { view, base: input.base, pages: input.pages };
  const pages = new Map<string, string>();
  const rows: IndexRow[] = [];
  for (const hub of input.hubs) {
    const path = input.pages.get(hub);
    if (path === undefined) throw new Error(`hub ${hub} has no page path`);
    pages.set(path, hubPage(ctx, hub));
    rows.push(indexRow(view, hub));
    input.onPage?.(pages.size, input.hubs.length);
  }
  return { pages, rows };
}

/** The pages around the hubs' pages: the index (one row per hub, every hub of `pages`), the ontology reference, the stylesheet. */
export function siteFrame(rows: IndexRow[], pages: ReadonlyMap<string, string>, publicationBase: string): Map<string, string> {
  return new Map([...siteFramePieces(rows, pages, publicationBase)].map(([path, pieces]) => [path, [...pieces].join('')]));
}

/** The site's frame (stylesheet, index, ontology page), each file's text in pieces: the index of 100,000 hubs is 37 MB. */
export function siteFramePieces(rows: IndexRow[], pages: ReadonlyMap<string, string>, publicationBase: string): Map<string, Iterable<string>> {
  const listed = new Set(rows.map((r) => r.hub));
  if (listed.size !== rows.length || listed.size !== pages.size || ![...pages.keys()].every((h) => listed.has(h))) {
    throw new Error(`the index needs one row per hub page: ${rows.length} row(s) for ${listed.size} hub(s), ${pages.size} page(s)`);
  }
  const out = new Map<string, Iterable<string>>();
  out.set('style.css', [STYLESHEET]);
  out.set('index.html', indexPagePieces(rows, pages, publicationBase));
  out.set('ontology/index.html', [ontologyPage(ontologyQuads())]);
  return out;
}

let pageLabelsMade: ReadonlyMap<string, string> | undefined;

/**
 * Names the pages give IRIs the data does not label: the ontology's terms and standard properties
 * and classes. Made once: a build in batches makes pages 200 times at 100,000 hubs.
 */
function pageLabels(): ReadonlyMap<string, string> {
  return (pageLabelsMade ??= new Map([...ontologyLabels(ontologyQuads()), ...STANDARD_LABELS]));
}
