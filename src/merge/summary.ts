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

export function buildSummary(records: HubRecord[], merge: MergeResult, diagnostics: Diagnostic[]): string {
  const perFile = new Map<string, number>();
  for (const r of records) perFile.set(r.source.file, (perFile.get(r.source.file) ?? 0) + 1);
  const lines = ['summary:'];
  for (const [file, n] of [...perFile].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(`  read ${n} record(s) from ${file}`);
  const links = merge.hubs.reduce((n, h) => n + h.links.length, 0);
  const merged = merge.hubs.filter((h) => h.links.length > 1).length;
  lines.push(`  ${merge.hubs.length} hub(s) after merge (${merged} merged from several records; ${merge.candidatePairs} candidate pair(s) compared)`);
  lines.push(`  ${links} link(s) in links.csv, ${merge.conflicts.length} conflict(s) in conflicts.csv`);
  const unmapped = unmappedLabels(diagnostics);
  const total = [...unmapped.values()].reduce((n, l) => n + l.length, 0);
  lines.push(`  ${total} unmapped label(s)${total ? ':' : ''}`);
  for (const [scheme, labels] of unmapped) lines.push(`    ${scheme}: ${labels.map((l) => JSON.stringify(l)).join(', ')}`);
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  lines.push(`  ${count('error')} input error(s), ${count('warning')} warning(s)`);
  return `${lines.join('\n')}\n`;
}
