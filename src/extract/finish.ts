/** Last checks on an extracted record: labels matching no concept are reported (and kept as literals). */
import type { Diagnostic } from '../model/diagnostics.js';
import type { ConceptRef, HubRecord } from '../model/record.js';

export function finishRecord(record: HubRecord, where: { file: string; record: string; field?: string }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (ref: ConceptRef | undefined, field: string): void => {
    if (ref && !ref.iri) out.push({ severity: 'warning', file: where.file, record: where.record, field, message: `${JSON.stringify(ref.label)} matches no concept; kept as a plain literal` });
  };
  for (const e of record.entities) {
    const f = (name: string) => `entities.${e.key}.${name}`;
    report(e.status, f('status'));
    report(e.hubType, f('hubType'));
    for (const [name, list] of [['types', e.types], ['sectors', e.sectors], ['technologies', e.technologies], ['memberTypes', e.memberTypes], ['memberSectors', e.memberSectors]] as const) for (const r of list) report(r, f(name));
  }
  record.relations.forEach((r, i) => report(r.role, `relations.${i}.role`));
  return out;
}
