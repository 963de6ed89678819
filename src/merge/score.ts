/**
 * Pair scoring: how strongly two records look like one hub, as a score in 0..1 plus the evidence a
 * person would cite. Additive weights, each for one kind of evidence; a different country or two
 * different registry identifiers rule a pair out.
 */
import { PLATFORM_DOMAINS, type RecordFeatures, type WordBag } from './features.js';

export interface PairScore {
  score: number;
  evidence: string[];
}

/** Corpus-wide facts the scorer needs: which domains host several hubs, and description word weights. */
export interface ScoringContext {
  /** Registrable domains that, within one registry, carry records of differently named hubs. */
  sharedDomains: Set<string>;
  /** Inverse document frequency of description words. */
  idf: Map<string, number>;
  /** Euclidean norm of each record's TF-IDF description vector, by record index. */
  norms: Map<number, number>;
  /** Inverse document frequency of name words: "mittelstand" says less than "kaiserslautern". */
  nameIdf: Map<string, number>;
  /** Acronyms that several records use (a network's prefix such as MDZ): no evidence of identity. */
  commonAcronyms: Set<string>;
  /** Words of any record's address (towns, regions, countries): in a name they say where, not who. */
  placeWords: Set<string>;
}

/** Score at or above which two records are taken to describe one hub. */
export const MATCH_THRESHOLD = 0.62;
/** Every pair inside one merged hub must agree at least this much (stops chains A~B~C with A!~C). */
export const CLUSTER_FLOOR = 0.3;

/** Words equal, or equal but for one letter a harvester dropped ("pltanos" / "platanos"). */
export function wordsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) !== 1 || Math.min(a.length, b.length) < 4) return false;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

function overlap(a: WordBag, b: WordBag, weight: (w: string) => number = () => 1): number {
  let n = 0;
  for (const x of a) {
    if (b.has(x)) n += weight(x);
    else for (const y of b) if (wordsMatch(x, y)) { n += weight(x); break; }
  }
  return n;
}

export function descriptionCosine(a: RecordFeatures, b: RecordFeatures, ctx: ScoringContext): number {
  const na = ctx.norms.get(a.index) ?? 0;
  const nb = ctx.norms.get(b.index) ?? 0;
  if (!na || !nb) return 0;
  return a.descriptionWords.dot(b.descriptionWords, (w) => ctx.idf.get(w) ?? 0) / (na * nb);
}

const round = (x: number) => Math.round(x * 100) / 100;

export function scorePair(x: RecordFeatures, y: RecordFeatures, ctx: ScoringContext): PairScore {
  // Some evidence is looked up from one side; a fixed order makes the score symmetric and order-free.
  const [a, b] = x.key <= y.key ? [x, y] : [y, x];
  const evidence: string[] = [];
  if (a.registryIdentifier && b.registryIdentifier) {
    if (a.registryIdentifier === b.registryIdentifier) return { score: 1, evidence: [`same registry identifier ${a.registryIdentifier}`] };
    if (a.registry === b.registry) return { score: 0, evidence: ['different identifiers in one registry'] };
  }
  if (a.country && b.country && a.country !== b.country) return { score: 0, evidence: [`different countries ${a.country}/${b.country}`] };
  let score = 0;
  // Web site: the strongest everyday evidence, unless the domain is a host organisation's or a platform's.
  if (a.domain && b.domain && a.domain === b.domain && !PLATFORM_DOMAINS.has(a.domain)) {
    const shared = ctx.sharedDomains.has(a.domain);
    if (a.host === b.host && a.site !== b.site) {
      // Two pages of one site: a host organisation's hub pages.
      score += 0.2;
      evidence.push(`pages of one web site ${a.host} (${a.site} / ${b.site})`);
    } else if (a.site === b.site) {
      score += shared ? 0.3 : 0.45;
      evidence.push(`same web site ${a.site}${shared ? ' (on a host domain several hubs share)' : ''}`);
    } else if (!shared) {
      score += 0.4;
      evidence.push(`same registrable domain ${a.domain} (${a.host} / ${b.host})`);
    } else evidence.push(`domain ${a.domain} is shared by several hubs: not counted`);
  }
  // Names: exact (accent-insensitive) names, then distinctive words, then acronyms.
  const exact = a.names.some((x) => b.names.some((y) => x.length > 3 && normalisedName(x) === normalisedName(y)));
  const [fewer, more] = a.nameWords.size <= b.nameWords.size ? [a.nameWords, b.nameWords] : [b.nameWords, a.nameWords];
  const idf = (w: string) => (ctx.nameIdf.get(w) ?? 1) * (ctx.placeWords.has(w) ? 0.3 : 1);
  const fewerWeight = [...fewer].reduce((n, w) => n + idf(w), 0);
  const nameSim = fewerWeight ? Math.min(1, overlap(fewer, more, idf) / fewerWeight) : 0;
  if (exact) {
    score += 0.5;
    evidence.push('same name');
  } else if (nameSim > 0) {
    // One word in common ("Umbria") is weaker evidence than a whole name's worth.
    score += 0.35 * nameSim * (fewer.size >= 2 ? 1 : 0.6);
    evidence.push(`name words in common ${round(nameSim)}`);
  }
  const usable = (w: string) => !ctx.commonAcronyms.has(w) && !ctx.placeWords.has(w);
  const acronym = [...a.acronyms].find((w) => usable(w) && (b.acronyms.has(w) || b.nameWords.has(w))) ?? [...b.acronyms].find((w) => usable(w) && a.nameWords.has(w));
  if (acronym) {
    score += exact ? 0.1 : 0.25;
    evidence.push(`same acronym ${acronym.toUpperCase()}`);
  }
  if (a.country && a.country === b.country) {
    score += 0.05;
    evidence.push(`same country ${a.country}`);
  }
  const city = [...a.cityWords].find((w) => b.cityWords.has(w) || b.addressWords.has(w)) ?? [...b.cityWords].find((w) => a.addressWords.has(w));
  if (city) {
    score += 0.1;
    evidence.push(`same city ${city}`);
  }
  // Street words only: the city and the country are counted once, above.
  const streetOf = (f: RecordFeatures, g: RecordFeatures) => new Set([...f.addressWords].filter((w) => !f.cityWords.has(w) && !g.cityWords.has(w) && !f.countryWords.has(w)));
  const street = overlap(streetOf(a, b), streetOf(b, a));
  if (street >= 3) {
    score += 0.1;
    evidence.push(`address words in common ${street}`);
  }
  const cos = descriptionCosine(a, b, ctx);
  if (cos >= 0.05) {
    score += 0.4 * Math.min(cos, 0.75);
    evidence.push(`description similarity ${round(cos)}`);
  }
  // A web site and a place alone are not enough: the host organisation may run several hubs.
  const aboutWho = exact || nameSim >= 0.4 || !!acronym || cos >= 0.3;
  if (!aboutWho && score > 0.55) {
    score = 0.55;
    evidence.push('no name, acronym or description in common: capped');
  }
  return { score: round(Math.min(score, 0.99)), evidence };
}

function normalisedName(n: string): string {
  return n.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\u0000-\u007f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}
