/**
 * Synthetic registries for benchmarks: N hubs in our YAML record format and as JRC-style NGSI-LD
 * entities, with realistic spreads of sectors, technologies, services, relations and prose
 * descriptions, and a share of hubs described by both registries (same web domain, varied name).
 * Deterministic: the same N and seed give the same files.
 *
 *   node --import tsx bench/generate.ts 10000 bench/out/10k
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConcepts } from '../src/vocab/concepts.js';

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['pro', 'du', 'tech', 'in', 'no', 'va', 'dig', 'it', 'al', 'mar', 'hub', 'lab', 'nor', 'te', 'cen', 'tro', 'smart', 'fab', 'ind', 'us', 'tria', 'ro', 'bo', 'data', 'ver', 'sa'];
const ORG_KINDS = [['University of', 'university'], ['Institute for', 'research and technology organisation'], ['Cluster', 'cluster'], ['Chamber of Commerce of', 'chamber of commerce'], ['Association', 'industry association'], ['Technology Park', 'technology park'], ['Agency of', 'public authority']] as const;

export interface Synthetic {
  yaml: string;
  ngsi: string;
  hubs: number;
  duplicates: number;
}

function labelsOf(scheme: string): string[] {
  const c = loadConcepts();
  const iri = c.schemeIri(scheme as never);
  return [...c.concepts.values()].filter((x) => x.scheme === iri).map((x) => x.prefLabel).sort();
}

export function generate(n: number, seed = 42): Synthetic {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const some = <T>(xs: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(xs)))];
  const word = () => Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => pick(SYLLABLES)).join('');
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const sectors = labelsOf('sector');
  const techs = labelsOf('technology');
  const services = labelsOf('service');
  const statuses = labelsOf('status');
  const countries = ['PRT', 'ESP', 'ITA', 'DEU', 'FRA', 'POL', 'GRC', 'NLD', 'BEL', 'AUT', 'SWE', 'FIN', 'CZE', 'HUN', 'ROU'];
  const countryNames: Record<string, string> = { PRT: 'Portugal', ESP: 'Spain', ITA: 'Italy', DEU: 'Germany', FRA: 'France', POL: 'Poland', GRC: 'Greece', NLD: 'Netherlands', BEL: 'Belgium', AUT: 'Austria', SWE: 'Sweden', FIN: 'Finland', CZE: 'Czechia', HUN: 'Hungary', ROU: 'Romania' };
  const docs: string[] = [];
  const entities: unknown[] = [];
  let duplicates = 0;
  for (let i = 0; i < n; i++) {
    const base = cap(word());
    const name = `${base} Digital Innovation Hub ${i}`;
    const country = pick(countries);
    const domain = `${base.toLowerCase()}${i}.eu`;
    const [prefix, kind] = pick(ORG_KINDS);
    const host = `${prefix} ${cap(word())} ${i}`;
    const partners = Array.from({ length: Math.floor(rnd() * 5) }, (_, k) => `${pick(ORG_KINDS)[0]} ${cap(word())} ${i}-${k}`);
    const hubSectors = some(sectors, 5);
    const hubTechs = some(techs, 4);
    const hubServices = some(services, 6);
    const status = pick(statuses);
    const description = `${name} is hosted by ${host}, and works with ${partners.length ? partners.join(', ') : 'regional SMEs'} on ${hubTechs.join(', ').toLowerCase()} for the ${hubSectors.join(' and ').toLowerCase()} sectors.`;
    const orgs = [`  host: {name: ${JSON.stringify(host)}, types: [${JSON.stringify(kind)}], country: ${country}}`, ...partners.map((p, k) => `  p${k}: {name: ${JSON.stringify(p)}, country: ${country}}`)];
    const rels = ['  - [host, hosts, hub]', ...partners.map((_, k) => `  - [p${k}, partner of, hub]`)];
    docs.push([
      `source: {registry: synthetic, id: hub-${i}, date: "2025-05-01"}`,
      'hub: hub',
      'entities:',
      `  hub: {kind: hub, name: ${JSON.stringify(name)}, status: ${JSON.stringify(status)}, hubType: DIH, country: ${country}, homepage: "https://www.${domain}/", description: ${JSON.stringify(description)}, sectors: ${JSON.stringify(hubSectors)}, technologies: ${JSON.stringify(hubTechs)}, services: ${JSON.stringify(hubServices)}}`,
      ...orgs,
      'relations:',
      ...rels,
      '',
    ].join('\n'));
    // Every hub is in the JRC-style export too; 1 in 20 under a varied name (a duplicate to merge).
    const dup = rnd() < 0.05;
    if (dup) duplicates++;
    entities.push({
      id: `urn:ngsi-ld:DigitalInnovationHub:s3jrc:${100000 + i}`,
      type: 'DigitalInnovationHub',
      title: { type: 'Property', value: dup ? `${base.toUpperCase()} DIH` : name },
      website: { type: 'Property', value: `http://${domain}` },
      description: { type: 'Property', value: description },
      address: { type: 'Property', value: { streetAddress: `Rua ${cap(word())} ${i}`, addressRegion: '', postalCode: '', addressCountry: countryNames[country], addressLocality: cap(word()) } },
      representatives: { type: 'Property', value: [{ name: cap(word()), surname: cap(word()), email: `person${i}@${domain}`, role: 'manager', responsibilities: '' }] },
      domain: { type: 'Property', value: hubSectors },
      competences: { type: 'Property', value: [''] },
      relation: { type: 'Property', value: [{ relationType: 'dih', relationIdentifier: '' }] },
      '@context': ['https://schema.lab.fiware.org/ld/context', 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld'],
    });
  }
  return { yaml: docs.join('---\n'), ngsi: JSON.stringify(entities), hubs: n, duplicates };
}

/** generate(n) written into `dir` as the two source files a build reads. */
export function writeSynthetic(n: number, dir: string): Synthetic {
  mkdirSync(dir, { recursive: true });
  const g = generate(n);
  writeFileSync(join(dir, 'synthetic.yaml'), g.yaml);
  writeFileSync(join(dir, 'synthetic.ngsi-ld.json'), g.ngsi);
  return g;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1000);
  const out = process.argv[3] ?? join('bench', 'out', `${n}`);
  const g = writeSynthetic(n, out);
  console.log(`${out}: ${g.hubs} hubs (yaml + NGSI-LD), ${g.duplicates} varied-name duplicates`);
}
