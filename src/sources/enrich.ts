/**
 * Registry records enriched from their own prose: the extractor reads the hub's description and
 * adds the hosts, coordinators, partners and linked hubs it names, each with its text span and
 * confidence (published as Web Annotations in the record's graph). Structured fields stay as the
 * registry wrote them: the prose only adds relations and the organisations they need.
 *
 * Readers only mark a record whose description is to be read (`describedIn`); reading takes the
 * marks (takeJob) as each file's records go to their sink, and once every file is read extracts
 * them all (extractMarked): on a worker started before the reading when there are registry exports
 * (a thousand descriptions), else in this thread. Each record's facts go to the sink as they come:
 * applied to the record (RecordArray), or packed beside it (RecordStore).
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

/** The job of a record marked for enrichment (and the mark removed), or undefined. */
export function takeJob(record: HubRecord): DescriptionJob | undefined {
  const field = record.describedIn;
  delete record.describedIn;
  const hub = record.entities.find((e) => e.key === record.hub);
  if (!hub?.description || !field) return undefined;
  return { text: hub.description, context: { hubName: hub.name, file: record.source.file, recordId: record.source.identifier ?? record.source.id, field } };
}

/**
 * A worker that extracts descriptions, started before the files are read: loading the extractor
 * and its NLP library (~0.7 s) and the extraction itself then run on another core while this
 * thread reads spreadsheets and JSON.
 */
export class DescriptionWorker {
  private readonly worker = deferredWorker<DescriptionJob[], DescriptionFacts[]>('description-worker', import.meta.url);

  /** Each job's facts handed to `onFacts` as they come, in order (the answers are not kept here). */
  async extractEach(jobs: DescriptionJob[], onFacts: (facts: DescriptionFacts, job: number) => void): Promise<void> {
    const pieces: DescriptionJob[][] = [];
    for (let start = 0; start < jobs.length; start += DESCRIPTIONS_PER_MESSAGE) pieces.push(jobs.slice(start, start + DESCRIPTIONS_PER_MESSAGE));
    await this.worker.forEach(pieces, (facts, piece) => facts.forEach((f, i) => onFacts(f, piece * DESCRIPTIONS_PER_MESSAGE + i)));
  }

  stop(): void {
    this.worker.stop();
  }
}

/** A record marked for enrichment: where its facts go (see RecordSink), and its job. */
export interface MarkedRecord {
  at: number;
  job: DescriptionJob;
}

/**
 * Extracts every marked record's description, on `worker` when one was started, handing each
 * record's facts to `apply` as they come: facts are not all held at once. Resolves with the
 * extraction's diagnostics, in record order.
 */
export async function extractMarked(marked: readonly MarkedRecord[], apply: (at: number, facts: DescriptionFacts) => void, worker?: DescriptionWorker): Promise<Diagnostic[]> {
  if (!marked.length) {
    worker?.stop();
    return [];
  }
  const diagnostics: Diagnostic[] = [];
  const take = (facts: DescriptionFacts, job: number): void => {
    apply(marked[job]!.at, facts);
    diagnostics.push(...facts.diagnostics);
  };
  if (worker) {
    await worker.extractEach(marked.map((m) => m.job), take);
  } else {
    // loaded on first use: the extractor and its NLP library take most of a second to load
    const { extractFromDescription } = await import('../extract/description.js');
    marked.forEach((m, i) => take(extractFromDescription(m.job.text, m.job.context), i));
  }
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
