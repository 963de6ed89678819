/** Codes of authority tables (countries, NUTS) as the record model stores them. */
import { dih } from '../vocab/namespaces.js';
import type { ConceptIndex } from '../vocab/concepts.js';

const regionCountryCache = new WeakMap<ConceptIndex, Map<string, string>>();

/** NUTS region -> country (dih:country of the region in nuts.ttl), computed once per index. */
export function regionCountries(concepts: ConceptIndex): Map<string, string> {
  let map = regionCountryCache.get(concepts);
  if (!map) {
    map = new Map();
    for (const quads of concepts.quadsByFile.values()) for (const q of quads) if (q.predicate.value === dih.country) map.set(q.subject.value, q.object.value);
    regionCountryCache.set(concepts, map);
  }
  return map;
}

/** Last path segment of an authority IRI: `.../country/PRT` -> `PRT`, `.../nuts/code/PT11` -> `PT11`. */
export const code = (iri: string): string => iri.slice(iri.lastIndexOf('/') + 1);
