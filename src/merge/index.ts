/**
 * merge: records of several sources -> one canonical hub per real hub, linked to every source
 * record, with the conflicts between them. Each source record keeps its own named graph; the
 * merged view is added next to them (graph `{base}merged`), never instead of them.
 */
import type { Quad } from 'n3';
import type { HubRecord } from '../model/record.js';
import { IriMinter } from '../map/iri.js';
import type { ConceptIndex } from '../vocab/concepts.js';
import { resolve } from './resolve.js';
import type { RecordFeatures } from './features.js';
import { canonicalHubs, type CanonicalHub, type Conflict } from './hubs.js';
import { conflictsCsv, linksCsv, mergeQuads } from './publish.js';

export interface MergeResult {
  hubs: CanonicalHub[];
  conflicts: Conflict[];
  readonly quads: Quad[];
  /** links.csv and conflicts.csv, by file name (made when first asked). */
  readonly files: Map<string, string>;
  candidatePairs: number;
}

/** Progress of a merge: items done of the phase's total (records read for features, records blocked, pairs compared, hubs made). */
export type MergeProgress = (done: number, total: number, phase: MergePhase) => void;
export type MergePhase = 'reading features' | 'finding candidate pairs' | 'comparing candidate pairs' | 'making canonical hubs';

/**
 * `records` may be merge views (mergeView) when `features` are given: the features of each record,
 * in order, computed from the whole record (recordFeatures) before it was packed away. The merge
 * takes them over: `features` is emptied once the records are resolved (~2 KB a record, the
 * biggest thing a merge holds, let go before the canonical hubs are made).
 */
export function mergeRecords(records: HubRecord[], concepts: ConceptIndex, base: string, onProgress?: MergeProgress, features?: RecordFeatures[]): MergeResult {
  const resolution = resolve(records, onProgress, features);
  if (features) features.length = 0;
  const { hubs, conflicts } = canonicalHubs(records, resolution, new IriMinter(base), concepts, onProgress && ((done, total) => onProgress(done, total, 'making canonical hubs')));
  return mergeResultOf(hubs, conflicts, resolution.candidatePairs, base);
}

/** The tables a merge publishes, by file name (see MergeResult.files). */
export const MERGE_FILES = ['links.csv', 'conflicts.csv'] as const;

/** A merge's result from its hubs and conflicts (a build in batches puts one together again from its batches). */
export function mergeResultOf(hubs: CanonicalHub[], conflicts: Conflict[], candidatePairs: number, base: string): MergeResult {
  // Made when first asked: a build in batches makes each batch's share instead (mergeQuads and
  // the tables' rows of its hubs).
  let quads: Quad[] | undefined;
  let files: Map<string, string> | undefined;
  return {
    hubs,
    conflicts,
    get quads() { return (quads ??= mergeQuads(hubs, conflicts, base)); },
    get files() { return (files ??= new Map([['links.csv', linksCsv(hubs)], ['conflicts.csv', conflictsCsv(conflicts)]])); },
    candidatePairs,
  };
}

export type { CanonicalHub, Conflict, Link } from './hubs.js';
export { mergeView } from './hubs.js';
export { recordFeatures, type RecordFeatures } from './features.js';
