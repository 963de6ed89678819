/**
 * Entity resolution: which records describe one hub. Candidate pairs come from blocks (registry
 * identifier, registrable domain, acronym or rare name word within a country), so the work grows
 * with the block sizes, not with n^2. Pairs are scored, then merged greedily from the best score
 * down; two groups join only if every pair across them agrees at least a little (no chaining).
 */
import type { HubRecord } from '../model/record.js';
import { PLATFORM_DOMAINS, recordFeatures, type RecordFeatures, type WordBag } from './features.js';
import { CLUSTER_FLOOR, MATCH_THRESHOLD, scorePair, type PairScore, type ScoringContext } from './score.js';

export interface Resolution {
  /** Each record's `registry/id` (RecordFeatures.key), by index: all canonicalHubs reads of the features. */
  keys: string[];
  /** Groups of record indexes, each one hub, sorted by their first record's key. */
  clusters: number[][];
  /** Best match of each record inside its group (undefined for a record alone in its group). */
  bestMatch: Map<number, { other: number } & PairScore>;
  candidatePairs: number;
}

/** Blocks larger than this carry no information (a word every hub of a country uses) and are skipped. */
const MAX_BLOCK = 60;

/** `onRecord(i)`: record i's words are counted (the first of the passes over the records). */
export function scoringContext(features: RecordFeatures[], onRecord?: (i: number) => void): ScoringContext {
  const df = new Map<string, number>();
  for (const f of features) {
    onRecord?.(f.index);
    for (const w of f.descriptionWords.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const idf = new Map<string, number>();
  for (const [w, n] of df) idf.set(w, Math.log((features.length + 1) / n));
  const norms = new Map<number, number>();
  for (const f of features) {
    let sum = 0;
    for (const [w, tf] of f.descriptionWords) sum += (tf * (idf.get(w) ?? 0)) ** 2;
    norms.set(f.index, Math.sqrt(sum));
  }
  // A domain is a host's when one registry lists it for hubs whose names share nothing.
  const byRegistryDomain = new Map<string, RecordFeatures[]>();
  for (const f of features) {
    if (!f.domain) continue;
    const k = `${f.registry} ${f.domain}`;
    byRegistryDomain.set(k, [...(byRegistryDomain.get(k) ?? []), f]);
  }
  const sharedDomains = new Set<string>();
  for (const group of byRegistryDomain.values()) {
    if (group.length < 2) continue;
      // Names that are not one a variant of the other ("Sirris Hub / Offshore..." vs "Sirris Hub - Additive...") are two hubs.
    const subset = (x: WordBag, y: WordBag) => [...x].every((w) => y.has(w));
    const distinct = group.some((a, i) => group.slice(i + 1).some((b) => !subset(a.nameWords, b.nameWords) && !subset(b.nameWords, a.nameWords)));
    if (distinct || group.some((f) => f.site !== f.host)) sharedDomains.add(group[0]?.domain as string);
  }
  const nameDf = new Map<string, number>();
  const acronymDf = new Map<string, number>();
  for (const f of features) {
    for (const w of f.nameWords) nameDf.set(w, (nameDf.get(w) ?? 0) + 1);
    for (const a of f.acronyms) acronymDf.set(a, (acronymDf.get(a) ?? 0) + 1);
  }
  const nameIdf = new Map<string, number>();
  for (const [w, n] of nameDf) nameIdf.set(w, Math.log((features.length + 1) / n));
  const commonAcronyms = new Set([...acronymDf].filter(([, n]) => n > 4).map(([a]) => a));
  const placeWords = new Set(features.flatMap((f) => [...f.addressWords, ...f.cityWords, ...f.countryWords]));
  return { sharedDomains, idf, norms, nameIdf, commonAcronyms, placeWords };
}

/** Blocking keys of a record: records that share no key are never compared. */
export function blockingKeys(f: RecordFeatures, rareWord: (w: string) => boolean): string[] {
  const keys: string[] = [];
  const c = f.country ?? '?';
  if (f.registryIdentifier) keys.push(`id ${f.registryIdentifier}`);
  if (f.domain && !PLATFORM_DOMAINS.has(f.domain)) keys.push(`domain ${f.domain}`);
  for (const a of f.acronyms) keys.push(`acronym ${c} ${a}`);
  for (const w of f.nameWords) if (rareWord(w)) keys.push(`word ${c} ${w}`);
  return keys;
}

/** `onRecord(i)`: record i's blocks are known. */
export function candidatePairs(features: RecordFeatures[], onRecord?: (i: number) => void): [number, number][] {
  const wordCount = new Map<string, number>();
  for (const f of features) for (const w of f.nameWords) wordCount.set(w, (wordCount.get(w) ?? 0) + 1);
  const blocks = new Map<string, number[]>();
  for (const f of features) {
    onRecord?.(f.index);
    for (const k of blockingKeys(f, (w) => (wordCount.get(w) ?? 0) <= MAX_BLOCK)) {
      let b = blocks.get(k);
      if (!b) blocks.set(k, (b = []));
      b.push(f.index);
    }
  }
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const n = features.length;
  for (const members of blocks.values()) {
    if (members.length < 2 || members.length > MAX_BLOCK) continue;
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const [a, b] = [members[i] as number, members[j] as number].sort((x, y) => x - y) as [number, number];
        const id = a * n + b;
        if (a === b || seen.has(id)) continue;
        seen.add(id);
        pairs.push([a, b]);
      }
    }
  }
  return pairs;
}

/** `known`: the records' features, computed earlier (see mergeRecords). */
export function resolve(records: HubRecord[], onProgress?: (done: number, total: number, phase: 'reading features' | 'finding candidate pairs' | 'comparing candidate pairs') => void, known?: RecordFeatures[]): Resolution {
  if (known && known.length !== records.length) throw new RangeError(`features of ${known.length} records for ${records.length} records`);
  const features = known ?? records.map((r, i) => {
    if (onProgress && i % 500 === 0) onProgress(i, records.length, 'reading features');
    return recordFeatures(r, i);
  });
  // Two passes over the records (word weights, then blocks): 4 s at 100,000 hubs.
  const finding = onProgress && ((pass: number) => (i: number) => {
    if (i % 500 === 0) onProgress(pass * features.length + i, 2 * features.length, 'finding candidate pairs');
  });
  const context = scoringContext(features, finding?.(0));
  const pairs = candidatePairs(features, finding?.(1));
  const scored: ({ a: number; b: number } & PairScore)[] = [];
  pairs.forEach(([a, b], i) => {
    const s = scorePair(features[a] as RecordFeatures, features[b] as RecordFeatures, context);
    if (s.score >= MATCH_THRESHOLD) scored.push({ a, b, ...s });
    if (onProgress && i % 500 === 0) onProgress(i, pairs.length, 'comparing candidate pairs');
  });
  // Best first; ties broken by record keys so the result never depends on input order.
  const keyOf = (i: number) => (features[i] as RecordFeatures).key;
  const pairKey = (p: { a: number; b: number }) => [keyOf(p.a), keyOf(p.b)].sort().join(' ');
  scored.sort((x, y) => y.score - x.score || cmp(pairKey(x), pairKey(y)));
  const groupOf = features.map((_, i) => i);
  const members = new Map<number, number[]>(features.map((_, i) => [i, [i]]));
  const bestMatch = new Map<number, { other: number } & PairScore>();
  const cache = new Map<number, number>();
  const score = (a: number, b: number): number => {
    const id = Math.min(a, b) * features.length + Math.max(a, b);
    let s = cache.get(id);
    if (s === undefined) cache.set(id, (s = scorePair(features[a] as RecordFeatures, features[b] as RecordFeatures, context).score));
    return s;
  };
  for (const p of scored) {
    const ga = groupOf[p.a] as number;
    const gb = groupOf[p.b] as number;
    if (ga === gb) continue;
    const A = members.get(ga) as number[];
    const B = members.get(gb) as number[];
    const compatible = A.every((x) => B.every((y) => score(x, y) >= (features[x]?.registry === features[y]?.registry ? MATCH_THRESHOLD : CLUSTER_FLOOR)));
    if (!compatible) continue;
    for (const y of B) groupOf[y] = ga;
    members.set(ga, [...A, ...B]);
    members.delete(gb);
    for (const [x, y] of [[p.a, p.b], [p.b, p.a]] as const) if (!bestMatch.has(x)) bestMatch.set(x, { other: y, score: p.score, evidence: p.evidence });
  }
  const clusters = [...members.values()].map((m) => m.sort((x, y) => cmp(keyOf(x), keyOf(y)))).sort((x, y) => cmp(keyOf(x[0] as number), keyOf(y[0] as number)));
  return { keys: features.map((f) => f.key), clusters, bestMatch, candidatePairs: pairs.length };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
