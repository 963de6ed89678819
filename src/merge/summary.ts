/**
 * The end-of-build summary a registry maintainer reads: records read per source file, hubs after
 * the merge, links, conflicts, labels no concept matched, and warnings.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { HubRecord } from '../model/record.js';
import type { MergeResult } from './index.js';

/** Distinct labels that matched no concept, by scheme, read from the mapper's diagnostics. */
export function unmappedLabels(diagnostics: Diagnostic[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const d of diagnostics) {
    const m = /^no ([\w-]+) concept has the label ("(?:[^"\\]|\\.)*")/.exec(d.message);
    if (!m) continue;
    const set = out.get(m[1] as string) ?? new Set<string>();
    set.add(JSON.parse(m[2] as string) as string);
    out.set(m[1] as string, set);
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v].sort()]));
}

/** What the summary says of a merge: counts, which a build in batches keeps without the hubs. */
export interface MergeCounts {
  hubs: number;
  /** Hubs merged from several records. */
  merged: number;
  links: number;
  conflicts: number;
  candidatePairs: number;
}

export function mergeCounts(merge: MergeResult): MergeCounts {
  const counts = { hubs: 0, merged: 0, links: 0, conflicts: merge.conflicts.length, candidatePairs: merge.candidatePairs };
  addHubCounts(counts, merge.hubs);
  return counts;
}

/** Adds hubs (with their links) to `counts`. */
export function addHubCounts(counts: MergeCounts, hubs: readonly { links: readonly unknown[] }[]): void {
  counts.hubs += hubs.length;
  for (const h of hubs) {
    counts.links += h.links.length;
    if (h.links.length > 1) counts.merged++;
  }
}

export function buildSummary(records: HubRecord[], merge: MergeCounts, diagnostics: Diagnostic[]): string {
  const perFile = new Map<string, number>();
  for (const r of records) perFile.set(r.source.file, (perFile.get(r.source.file) ?? 0) + 1);
  const lines = ['summary:'];
  for (const [file, n] of [...perFile].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(`  read ${n} record(s) from ${file}`);
  lines.push(`  ${merge.hubs} hub(s) after merge (${merge.merged} merged from several records; ${merge.candidatePairs} candidate pair(s) compared)`);
  lines.push(`  ${merge.links} link(s) in links.csv, ${merge.conflicts} conflict(s) in conflicts.csv`);
  const unmapped = unmappedLabels(diagnostics);
  const total = [...unmapped.values()].reduce((n, l) => n + l.length, 0);
  lines.push(`  ${total} unmapped label(s)${total ? ':' : ''}`);
  for (const [scheme, labels] of unmapped) lines.push(`    ${scheme}: ${labels.map((l) => JSON.stringify(l)).join(', ')}`);
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  lines.push(`  ${count('error')} input error(s), ${count('warning')} warning(s)`);
  return `${lines.join('\n')}\n`;
}
