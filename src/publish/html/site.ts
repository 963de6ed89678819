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
import { indexPage } from './index-page.js';
import { ontologyLabels, ontologyPage, ontologyQuads } from './ontology-page.js';
import { STYLESHEET } from './markup.js';

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
  const ontology = ontologyQuads();
  const labels = new Map([...ontologyLabels(ontology), ...STANDARD_LABELS]);
  const view = new GraphView(input.quads, input.concepts, labels);
  const pages = new Map<string, string>();
  const taken = new Set<string>();
  for (const hub of view.subjectsOf(dih.DigitalInnovationHub)) {
    let path = hubPagePath(hub, input.base);
    for (let i = 2; taken.has(path); i++) path = path.replace(/(-\d+)?\.html$/, `-${i}.html`);
    taken.add(path);
    pages.set(hub, path);
  }
  const out = new Map<string, string>();
  out.set('style.css', STYLESHEET);
  out.set('index.html', indexPage({ view, pages, publicationBase: input.publicationBase }));
  out.set('ontology/index.html', ontologyPage(ontology));
  let done = 0;
  for (const [hub, path] of pages) {
    out.set(path, hubPage({ view, base: input.base, pages }, hub));
    input.onPage?.(++done, pages.size);
  }
  return out;
}
