/**
 * MQA self-score of a publication's catalogue (catalog.ttl), indicator by indicator, with the
 * points data.europa.eu gives. Dataset indicators score all or nothing; distribution indicators
 * score the share of the dataset's distributions that pass; a catalogue with several datasets
 * scores their average, as the portal's catalogue dashboard does.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, Store, DataFactory, type Quad } from 'n3';
import { DihError } from '../model/diagnostics.js';
import { byteLength, sha256Hex } from '../publish/catalog.js';
import { validateQuads } from '../validate/validate.js';
import type { Store as ShapeStore } from 'n3';
import { dcat, dct, dcterms, rdf, spdx } from '../vocab/namespaces.js';
import { ACCESS_RIGHT_SCHEME, FILE_TYPE_SCHEME, IANA_MEDIA_TYPE, INDICATORS, LICENCE_SCHEME, MACHINE_READABLE, MAX_POINTS, NON_PROPRIETARY, rating, type Indicator } from './indicators.js';

const { namedNode } = DataFactory;

export interface IndicatorScore { indicator: Indicator; points: number; passed: number; of: number; note?: string }
export interface MqaScore { datasets: number; distributions: number; indicators: IndicatorScore[]; points: number; max: number; rating: string; violations: number }

export interface MqaOptions {
  /** DCAT-AP shapes the compliance indicator validates against. */
  shapes: ShapeStore;
  /** Where dist/ is served; default: the catalogue's home page without `index.html`. */
  publicationBase?: string;
}

export function readCatalog(dist: string): Quad[] {
  const file = existsSync(dist) && statSync(dist).isDirectory() ? join(dist, 'catalog.ttl') : dist;
  if (!existsSync(file)) throw new DihError(`no catalogue at ${file}: run \`dih-ld build\` first`, { file });
  try {
    return new Parser({ format: 'text/turtle' }).parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DihError(`${file}: ${(err as Error).message}`, { file });
  }
}

export async function scoreCatalog(quads: Quad[], dist: string | undefined, options: MqaOptions): Promise<MqaScore> {
  const store = new Store(quads);
  const objects = (s: string, p: string) => store.getObjects(namedNode(s), namedNode(p), null);
  const has = (s: string, p: string) => objects(s, p).length > 0;
  const first = (s: string, p: string) => objects(s, p)[0]?.value;
  const inScheme = (iri: string | undefined, scheme: string) => iri !== undefined && iri.startsWith(`${scheme}/`);
  const datasets = store.getSubjects(namedNode(rdf.type), namedNode(dcat.Dataset), null).map((t) => t.value).sort();
  const validation = await validateQuads(quads, options.shapes);
  const base = options.publicationBase ?? homepageBase(store);
  const localFile = (url: string | undefined): string | undefined => {
    if (!dist || !base || !url || !url.startsWith(base)) return undefined;
    const rel = url.slice(base.length);
    if (!rel || rel.includes('..')) return undefined;
    const path = join(dist, rel);
    return existsSync(path) && statSync(path).isFile() ? path : undefined;
  };
  const matchesCatalogue = (d: string, path: string): boolean => {
    const bytes = readFileSync(path);
    const size = first(d, dcat.byteSize);
    const checksum = first(d, spdx.checksum);
    const value = checksum ? first(checksum, spdx.checksumValue) : undefined;
    return (size === undefined || Number(size) === byteLength(bytes)) && (value === undefined || value.toLowerCase() === sha256Hex(bytes));
  };

  const checks: Record<string, (subject: string) => boolean> = {
    keyword: (ds) => has(ds, dcat.keyword),
    theme: (ds) => has(ds, dcat.theme),
    spatial: (ds) => has(ds, dcterms.spatial),
    temporal: (ds) => has(ds, dct.temporal),
    accessUrlStatus: (d) => objects(d, dcat.accessURL).some((u) => localFile(u.value) !== undefined),
    downloadUrl: (d) => has(d, dcat.downloadURL),
    downloadUrlStatus: (d) => objects(d, dcat.downloadURL).some((u) => { const p = localFile(u.value); return p !== undefined && matchesCatalogue(d, p); }),
    format: (d) => has(d, dct.format),
    mediaType: (d) => has(d, dcat.mediaType),
    vocabulary: (d) => inScheme(first(d, dct.format), FILE_TYPE_SCHEME) && IANA_MEDIA_TYPE.test(first(d, dcat.mediaType) ?? ''),
    nonProprietary: (d) => objects(d, dct.format).some((f) => NON_PROPRIETARY.has(f.value)),
    machineReadable: (d) => objects(d, dct.format).some((f) => MACHINE_READABLE.has(f.value)),
    dcatAp: () => validation.violations === 0,
    licence: (d) => has(d, dcterms.license),
    licenceVocabulary: (d) => objects(d, dcterms.license).some((l) => inScheme(l.value, LICENCE_SCHEME)),
    accessRights: (ds) => has(ds, dct.accessRights),
    accessRightsVocabulary: (ds) => objects(ds, dct.accessRights).some((a) => inScheme(a.value, ACCESS_RIGHT_SCHEME)),
    contactPoint: (ds) => has(ds, dcat.contactPoint),
    publisher: (ds) => has(ds, dcterms.publisher),
    rights: (d) => has(d, dcterms.rights),
    byteSize: (d) => has(d, dcat.byteSize),
    issued: (d) => has(d, dcterms.issued),
    modified: (d) => has(d, dcterms.modified),
  };

  let distributions = 0;
  const scores: IndicatorScore[] = INDICATORS.map((indicator) => {
    const check = checks[indicator.id] as (s: string) => boolean;
    let points = 0;
    let passed = 0;
    let of = 0;
    for (const ds of datasets) {
      if (indicator.on === 'dataset') {
        of += 1;
        if (check(ds)) { passed += 1; points += indicator.points; }
        continue;
      }
      const dists = objects(ds, dcat.distribution).map((t) => t.value).sort();
      const ok = dists.filter(check).length;
      passed += ok;
      of += dists.length;
      points += dists.length ? (indicator.points * ok) / dists.length : 0;
    }
    const score: IndicatorScore = { indicator, points: datasets.length ? points / datasets.length : 0, passed, of };
    if (indicator.liveWeb) score.note = `${indicator.liveWeb} needs the live web; checked offline against the files of the publication${indicator.id === 'downloadUrlStatus' ? ' (size and SHA-256 as catalogued)' : ''}`;
    if (indicator.id === 'dcatAp') score.note = `${validation.violations} violation(s), ${validation.warnings} warning(s)`;
    return score;
  });
  for (const ds of datasets) distributions += objects(ds, dcat.distribution).length;
  const points = Math.round(scores.reduce((n, s) => n + s.points, 0));
  return { datasets: datasets.length, distributions, indicators: scores, points, max: MAX_POINTS, rating: rating(points), violations: validation.violations };
}

/** The catalogue's home page (foaf:homepage, `.../index.html`) without the file name: where dist/ is served. */
function homepageBase(store: Store): string | undefined {
  for (const q of store.getQuads(null, namedNode('http://xmlns.com/foaf/0.1/homepage'), null, null)) {
    if (store.getQuads(q.subject, namedNode(rdf.type), namedNode(dcat.Catalog), null).length && q.object.value.endsWith('/index.html')) return q.object.value.slice(0, -'index.html'.length);
  }
  return undefined;
}

export function formatScore(score: MqaScore): string {
  const lines = [`MQA self-score: ${score.datasets} dataset(s), ${score.distributions} distribution(s)`];
  let dimension = '';
  const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  const width = Math.max(...score.indicators.map((s) => s.indicator.name.length + s.indicator.property.length + 3));
  for (const s of score.indicators) {
    if (s.indicator.dimension !== dimension) {
      dimension = s.indicator.dimension;
      const dimScore = score.indicators.filter((x) => x.indicator.dimension === dimension);
      lines.push(`${dimension}: ${fmt(dimScore.reduce((n, x) => n + x.points, 0))}/${dimScore.reduce((n, x) => n + x.indicator.points, 0)}`);
    }
    const name = `${s.indicator.name} (${s.indicator.property})`;
    lines.push(`  ${name.padEnd(width)} ${fmt(s.points).padStart(5)}/${String(s.indicator.points).padEnd(3)} ${s.passed}/${s.of} pass${s.note ? `  [${s.note}]` : ''}`);
  }
  lines.push(`Total: ${score.points}/${score.max} ${score.rating}`);
  const live = score.indicators.filter((s) => s.indicator.liveWeb);
  lines.push(`Need the live web (not requested here): ${live.map((s) => `${s.indicator.name} (${s.indicator.points} points)`).join(', ')}; offline they are scored from the files of the publication.`);
  lines.push(`Strictly offline-checkable indicators: ${score.points - Math.round(live.reduce((n, s) => n + s.points, 0))}/${score.max - live.reduce((n, s) => n + s.indicator.points, 0)}`);
  return `${lines.join('\n')}\n`;
}
