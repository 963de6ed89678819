/**
 * The SKOS schemes of `ontology/vocabularies/` loaded once: label lookup (the gazetteers of
 * readers and the extractor) and the triples to publish next to the data.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory, Parser, type Quad } from 'n3';
import { DEFAULT_BASE, EU_COUNTRY, NUTS, skos } from './namespaces.js';
import { ontologyDir } from '../util/paths.js';
import { ownCopy } from '../util/own-copy.js';
import { BoundedMap } from '../util/bounded-map.js';

/** The NUTS 2021 scheme the regions of nuts.ttl are in. */
const NUTS_SCHEME = 'http://data.europa.eu/nuts/scheme/2021';

/** Our scheme names, as they appear in IRIs (`{base}concept/{scheme}/...`). */
export const SCHEMES = ['status', 'hub-type', 'role', 'organisation-type', 'sector', 'technology', 'service'] as const;
export type SchemeName = (typeof SCHEMES)[number];

/**
 * Labels already normalised: the same sector, country and concept labels come back on every
 * record. Names, which the merge normalises too, mostly do not: the table starts again when full
 * (at 100,000 entries it held ~15 MB of names through the whole build).
 */
const normalised = new BoundedMap<string, string>(20_000);

/** Lower-case, accents stripped, punctuation as single spaces: registries strip accents, pages keep them. */
export function normaliseLabel(label: string): string {
  let out = normalised.get(label);
  if (out === undefined) {
    out = normaliseUncached(label);
    // Copies: a label read from a YAML file is a view into all of it (see util/own-copy).
    out = ownCopy(out);
    normalised.set(ownCopy(label), out);
  }
  return out;
}

function normaliseUncached(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface ConceptInfo {
  iri: string;
  scheme: string;
  prefLabel: string;
  labels: string[];
  notations: string[];
}

export class ConceptIndex {
  /** scheme IRI -> normalised label -> concept IRI */
  private readonly byLabel = new Map<string, Map<string, string>>();
  readonly concepts = new Map<string, ConceptInfo>();
  /** All vocabulary quads, already rebased, by source file name. */
  readonly quadsByFile = new Map<string, Quad[]>();

  constructor(readonly base: string) {}

  schemeIri(scheme: SchemeName): string {
    return `${this.base}concept/${scheme}`;
  }

  /** Adds a vocabulary file; IRIs under the default base are moved to this index's base. */
  addTurtle(fileName: string, text: string): void {
    const rebase = (iri: string): string => (this.base !== DEFAULT_BASE && iri.startsWith(`${DEFAULT_BASE}concept/`) ? this.base + iri.slice(DEFAULT_BASE.length) : iri);
    const quads = new Parser({ baseIRI: DEFAULT_BASE }).parse(text).map((q) => {
      if (this.base === DEFAULT_BASE) return q;
      return rebaseQuad(q, rebase);
    });
    this.quadsByFile.set(fileName, quads);
    this.bySubject = undefined;
    const info = (iri: string): ConceptInfo => {
      let c = this.concepts.get(iri);
      if (!c) {
        c = { iri, scheme: '', prefLabel: '', labels: [], notations: [] };
        this.concepts.set(iri, c);
      }
      return c;
    };
    for (const q of quads) {
      const s = q.subject.value;
      const p = q.predicate.value;
      if (p === skos.inScheme) info(s).scheme = q.object.value;
      else if (p === skos.prefLabel) {
        const c = info(s);
        if (!c.prefLabel || (q.object.termType === 'Literal' && q.object.language === 'en')) c.prefLabel = q.object.value;
        c.labels.push(q.object.value);
      } else if (p === skos.altLabel || p === skos.hiddenLabel) info(s).labels.push(q.object.value);
      else if (p === skos.notation) info(s).notations.push(q.object.value);
    }
    for (const c of this.concepts.values()) {
      if (!c.scheme) continue;
      let table = this.byLabel.get(c.scheme);
      if (!table) this.byLabel.set(c.scheme, (table = new Map()));
      const slug = c.iri.slice(c.iri.lastIndexOf('/') + 1);
      for (const label of [...c.labels, ...c.notations, slug]) {
        const key = normaliseLabel(label);
        if (key && !table.has(key)) table.set(key, c.iri);
      }
    }
  }

  /** Concept IRI for a label in a scheme (case-, accent- and punctuation-insensitive), or undefined. */
  lookup(schemeIri: string, label: string): string | undefined {
    const table = this.byLabel.get(schemeIri);
    if (!table) return undefined;
    const key = normaliseLabel(label);
    return table.get(key) ?? table.get(key.replace(/s\b/g, ''));
  }

  /** All (normalised label, concept) pairs of a scheme: the gazetteer the extractor scans prose with. */
  labelsOf(schemeIri: string): ReadonlyMap<string, string> {
    return this.byLabel.get(schemeIri) ?? new Map();
  }

  countryIri(labelOrCode: string): string | undefined {
    const code = labelOrCode.trim().toUpperCase();
    if (/^[A-Z]{3}$/.test(code) && this.concepts.has(EU_COUNTRY + code)) return EU_COUNTRY + code;
    return this.lookup(EU_COUNTRY.replace(/\/$/, ''), labelOrCode);
  }

  nutsIri(labelOrCode: string): string | undefined {
    const code = labelOrCode.trim().toUpperCase();
    if (/^[A-Z]{2}[0-9A-Z]{0,3}$/.test(code) && this.concepts.has(NUTS + code)) return NUTS + code;
    return this.lookup(NUTS_SCHEME, labelOrCode);
  }

  private bySubject: Map<string, Quad[]> | undefined;

  /** Quads describing `iri` (its own triples only), from whichever vocabulary file has them. */
  describe(iri: string): Quad[] {
    if (!this.bySubject) {
      this.bySubject = new Map();
      for (const quads of this.quadsByFile.values()) {
        for (const q of quads) {
          const list = this.bySubject.get(q.subject.value);
          if (list) list.push(q);
          else this.bySubject.set(q.subject.value, [q]);
        }
      }
    }
    return this.bySubject.get(iri) ?? [];
  }

  isConcept(iri: string): boolean {
    return this.concepts.has(iri);
  }
}

function rebaseQuad(q: Quad, rebase: (iri: string) => string): Quad {
  const { namedNode, quad } = DataFactory;
  const move = <T extends Quad['subject'] | Quad['object']>(term: T): T => (term.termType === 'NamedNode' ? (namedNode(rebase(term.value)) as T) : term);
  return quad(move(q.subject), q.predicate, move(q.object), q.graph);
}

const cache = new Map<string, ConceptIndex>();

/** The index of every file in `ontology/vocabularies/`, loaded once per base. */
export function loadConcepts(base: string = DEFAULT_BASE): ConceptIndex {
  const hit = cache.get(base);
  if (hit) return hit;
  const index = new ConceptIndex(base);
  const dir = join(ontologyDir(), 'vocabularies');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ttl')).sort()) {
    index.addTurtle(file, readFileSync(join(dir, file), 'utf8'));
  }
  cache.set(base, index);
  return index;
}

