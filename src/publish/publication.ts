/**
 * The files of a publication that describe the dumps: the DCAT-AP catalogue (Turtle, JSON-LD,
 * RDF/XML), the VoID description and the HTML site. They are computed from the dumps already
 * serialized (sizes and checksums are those of the bytes written), so they are made last.
 */
import type { Quad } from 'n3';
import type { HubRecord } from '../model/record.js';
import { loadConcepts } from '../vocab/concepts.js';
import { prefixesFor } from '../vocab/namespaces.js';
import { isSafeIri } from '../map/iri.js';
import type { PublicationFiles } from './atomic.js';
import { catalogQuads, dataFacts, type CatalogOptions, type DataFacts, type DescribedFiles } from './catalog.js';
import { toJsonLd, toTurtle } from './serialize.js';
import { toRdfXml } from './rdfxml.js';
import { voidQuads } from './void.js';
import { htmlSite } from './html/site.js';

export interface PublicationInput {
  quads: Quad[];
  records: HubRecord[];
  /** The dumps already serialized, by file name (their bytes, or the digest of bytes written). */
  files: DescribedFiles;
  base: string;
  publicationBase: string;
  catalog?: Partial<CatalogOptions>;
}

/** Prefixes of the catalogue and VoID Turtle. */
export function catalogPrefixes(base: string): Record<string, string> {
  return {
    ...prefixesFor(base),
    dcat: 'http://www.w3.org/ns/dcat#',
    dcatap: 'http://data.europa.eu/r5r/',
    vcard: 'http://www.w3.org/2006/vcard/ns#',
    spdx: 'http://spdx.org/rdf/terms#',
    void: 'http://rdfs.org/ns/void#',
    filetype: 'http://publications.europa.eu/resource/authority/file-type/',
    licence: 'http://publications.europa.eu/resource/authority/licence/',
    language: 'http://publications.europa.eu/resource/authority/language/',
    theme: 'http://publications.europa.eu/resource/authority/data-theme/',
    frequency: 'http://publications.europa.eu/resource/authority/frequency/',
    accessright: 'http://publications.europa.eu/resource/authority/access-right/',
    iana: 'https://www.iana.org/assignments/media-types/',
  };
}

export async function publicationFiles(input: PublicationInput): Promise<PublicationFiles> {
  const out = await siteFiles({ ...input, fileNames: [...input.files.keys()] });
  for (const [name, content] of await catalogueFiles(input)) out.set(name, content);
  return out;
}

function checkPublicationBase(publicationBase: string): void {
  if (!isSafeIri(publicationBase) || !/^https?:\/\/[^/]+\/(.*\/)?$/.test(publicationBase)) throw new Error(`publication base must be an http(s) URL ending with /, got ${JSON.stringify(publicationBase)}`);
}

/** The catalogue (Turtle, JSON-LD, RDF/XML): it describes the bytes of the dumps, so it comes after them. */
export async function catalogueFiles(input: Omit<PublicationInput, 'quads'> & ({ quads: Quad[] } | { facts: DataFacts })): Promise<PublicationFiles> {
  const { base, publicationBase } = input;
  checkPublicationBase(publicationBase);
  const concepts = loadConcepts(base);
  const out: PublicationFiles = new Map();
  // A build in batches has collected the facts as the batches went (DataFactsCollector).
  const facts = 'facts' in input ? input.facts : dataFacts(input.quads, concepts);
  const catalog = catalogQuads(input.files, facts, concepts, { ...input.catalog, base, publicationBase });
  const prefixes = catalogPrefixes(base);
  out.set('catalog.ttl', await toTurtle(catalog, prefixes));
  out.set('catalog.jsonld', await toJsonLd(catalog));
  out.set('catalog.rdf', toRdfXml(catalog, prefixes));
  return out;
}

/**
 * VoID and the HTML site: they need the data and the names of the dumps, not their bytes, so a
 * build makes them while other threads still write the slow dumps.
 */
export async function siteFiles(input: Omit<PublicationInput, 'files'> & { fileNames: Iterable<string>; onPage?: (done: number, total: number) => void }): Promise<PublicationFiles> {
  const { base, publicationBase } = input;
  checkPublicationBase(publicationBase);
  const concepts = loadConcepts(base);
  const out: PublicationFiles = new Map();
  out.set('void.ttl', await toTurtle(voidQuads(input.quads, { base, publicationBase, files: input.fileNames }), catalogPrefixes(base)));
  for (const [name, content] of htmlSite({ quads: input.quads, records: input.records, base, publicationBase, concepts, ...(input.onPage ? { onPage: input.onPage } : {}) })) out.set(name, content);
  return out;
}
