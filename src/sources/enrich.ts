/**
 * Registry records enriched from their own prose: the extractor reads the hub's description and
 * adds the hosts, coordinators, partners and linked hubs it names, each with its text span and
 * confidence (published as Web Annotations in the record's graph). Structured fields stay as the
 * registry wrote them: the prose only adds relations and the organisations they need.
 *
 * Readers only mark a record whose description is to be read (`describedIn`); readSources
 * enriches them all once every file is read: on a worker started before the reading when there
 * are registry exports (a thousand descriptions), else in this thread.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import { HUB_KEY, type HubRecord } from '../model/record.js';
import type { DescriptionContext, DescriptionFacts } from '../extract/description.js';
import { deferredWorker } from '../util/worker.js';

export interface DescriptionJob { text: string; context: DescriptionContext }

/** Descriptions the worker gets in one message, and answers at once: its heap holds about that many. */
const DESCRIPTIONS_PER_MESSAGE = 1000;

/** Marks a record for enrichment from its hub's description, read from `field` of the source. */
export function describeLater(record: HubRecord, field: string): void {
  record.describedIn = field;
}

function jobOf(record: HubRecord): DescriptionJob | undefined {
  const hub = record.entities.find((e) => e.key === record.hub);
  if (!hub?.description || !record.describedIn) return undefined;
  return { text: hub.description, context: { hubName: hub.name, file: record.source.file, recordId: record.source.identifier ?? record.source.id, field: record.describedIn } };
}

/**
 * A worker that extracts descriptions, started before the files are read: loading the extractor
 * and its NLP library (~0.7 s) and the extraction itself then run on another core while this
 * thread reads spreadsheets and JSON.
 */
export class DescriptionWorker {
  private readonly worker = deferredWorker<DescriptionJob[], DescriptionFacts[]>('description-worker', import.meta.url);

  async extract(jobs: DescriptionJob[]): Promise<DescriptionFacts[]> {
    const pieces: DescriptionJob[][] = [];
    for (let start = 0; start < jobs.length; start += DESCRIPTIONS_PER_MESSAGE) pieces.push(jobs.slice(start, start + DESCRIPTIONS_PER_MESSAGE));
    return (await this.worker.run(pieces)).flat();
  }

  stop(): void {
    this.worker.stop();
  }
}

/** Enriches every marked record, on `worker` when one was started. */
export async function enrichRecords(records: readonly HubRecord[], worker?: DescriptionWorker): Promise<Diagnostic[]> {
  const marked: { record: HubRecord; job: DescriptionJob }[] = [];
  for (const record of records) {
    const job = jobOf(record);
    delete record.describedIn;
    if (job) marked.push({ record, job });
  }
  if (!marked.length) {
    worker?.stop();
    return [];
  }
  let facts: DescriptionFacts[];
  if (worker) {
    facts = await worker.extract(marked.map((m) => m.job));
  } else {
    // loaded on first use: the extractor and its NLP library take most of a second to load
    const { extractFromDescription } = await import('../extract/description.js');
    facts = marked.map((m) => extractFromDescription(m.job.text, m.job.context));
  }
  const diagnostics: Diagnostic[] = [];
  for (const [i, { record }] of marked.entries()) diagnostics.push(...applyFacts(record, facts[i]!));
  return diagnostics;
}

/** Adds the entities and relations a description names to its record. */
export function applyFacts(record: HubRecord, facts: DescriptionFacts): Diagnostic[] {
  const taken = new Set(record.entities.map((e) => e.key));
  const keys = new Map<string, string>([[HUB_KEY, record.hub]]);
  for (const e of facts.entities) {
    let key = e.key;
    while (taken.has(key)) key = `${key}-prose`;
    taken.add(key);
    keys.set(e.key, key);
    record.entities.push({ ...e, key, partOf: e.partOf.map((k) => keys.get(k) ?? k), contributesTo: e.contributesTo.map((k) => keys.get(k) ?? k) });
  }
  // Keys of partOf/contributesTo may point to entities renamed after them: resolve once more.
  for (const e of record.entities) {
    e.partOf = e.partOf.map((k) => keys.get(k) ?? k).filter((k) => taken.has(k));
    e.contributesTo = e.contributesTo.map((k) => keys.get(k) ?? k).filter((k) => taken.has(k));
  }
  const seen = new Set(record.relations.map((r) => `${r.holder} ${r.role.label} ${r.target}`));
  for (const r of facts.relations) {
    const holder = keys.get(r.holder);
    const target = keys.get(r.target);
    if (!holder || !target) continue;
    const id = `${holder} ${r.role.label} ${target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const onBehalfOf = r.onBehalfOf && !r.onBehalfOf.startsWith('nuts:') ? keys.get(r.onBehalfOf) : r.onBehalfOf;
    record.relations.push({ ...r, holder, target, ...(onBehalfOf ? { onBehalfOf } : {}) });
  }
  return facts.diagnostics;
}
