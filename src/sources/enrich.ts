/**
 * Registry records enriched from their own prose: the extractor reads the hub's description and
 * adds the hosts, coordinators, partners and linked hubs it names, each with its text span and
 * confidence (published as Web Annotations in the record's graph). Structured fields stay as the
 * registry wrote them: the prose only adds relations and the organisations they need.
 *
 * Readers only mark a record whose description is to be read (`describedIn`); reading takes the
 * marks (takeJob) as each file's records go to their sink. When there are registry exports, a
 * worker started before the reading extracts them a thousand at a time while the files are still
 * being read (DescriptionWorker); otherwise this thread extracts them all once every file is read
 * (extractMarked). Each record's facts go to the sink as they come: applied to the record
 * (RecordArray), or packed beside it (RecordStore).
 */
import type { Diagnostic } from '../model/diagnostics.js';
import { HUB_KEY, type HubRecord } from '../model/record.js';
import type { DescriptionContext, DescriptionFacts } from '../extract/description.js';
import { serialWorker } from '../util/worker.js';
import { append } from '../util/arrays.js';
import { relieveHeap, takeInWhenRelieving } from '../util/heap-governor.js';

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
 * A worker that extracts descriptions while the files are read: started before the reading
 * (loading the extractor and its NLP library takes ~0.7 s), then given each thousand descriptions
 * as the readers mark them. Sent only once every file was read, the 200,000 descriptions of a
 * 100,000-hub build were all held on this thread, then copied into the worker. (It takes no less
 * time: on two cores the extraction now competes with the reading.)
 */
export class DescriptionWorker {
  private readonly worker = serialWorker<DescriptionJob[], DescriptionFacts[]>('description-worker', import.meta.url, undefined);
  private piece: MarkedRecord[] = [];
  /** Each piece sent, answered with its diagnostics once its facts are applied. */
  private readonly pieces: Promise<Diagnostic[]>[] = [];
  /**
   * The answers are taken in while this thread reads and merges (at each relief of its heap), not
   * after: 100,000 descriptions' facts, ~2.5 KB each serialized, waited in its message queue.
   */
  private readonly stopTaking = takeInWhenRelieving(() => this.worker.takeArrived());

  /** `apply` gets each record's facts as they come. */
  constructor(private readonly apply: (at: number, facts: DescriptionFacts) => void) {}

  /** Pieces sent and not answered yet. */
  private unanswered = 0;
  /** No more descriptions will come (lastJobs). */
  private allSent = false;

  add(marked: MarkedRecord): void {
    if (this.allSent) throw new Error(`a description was marked after the last registry export was read (${marked.job.context.file})`);
    this.piece.push(marked);
    if (this.piece.length >= DESCRIPTIONS_PER_MESSAGE) this.send();
  }

  /**
   * No more descriptions will come (the last registry export is read): what is left is sent, and
   * the worker is closed as soon as its last answer is taken in. At 100,000 hubs it had answered
   * everything ~15 s before the merge ended, and held 60 MB meanwhile.
   */
  lastJobs(): void {
    if (this.allSent) return;
    if (this.piece.length) this.send();
    this.allSent = true;
    if (!this.unanswered) this.stop();
  }

  private send(): void {
    const piece = this.piece;
    this.piece = [];
    this.unanswered++;
    const diagnostics: Diagnostic[] = [];
    const answered = this.worker
      .send(
        piece.map((m) => m.job),
        (facts) => {
          if (facts.length !== piece.length) throw new Error(`description worker answered ${facts.length} of ${piece.length} descriptions`);
          facts.forEach((f, i) => {
            this.apply(piece[i]!.at, f);
            append(diagnostics, f.diagnostics);
          });
          if (--this.unanswered === 0 && this.allSent) this.stop();
        },
      )
      .then(() => {
        // Once the files are read and merged, this thread only waits here (and packs facts): no progress bar keeps its heap in check.
        relieveHeap();
        return diagnostics;
      });
    answered.catch(() => undefined); // awaited by finish(); never an unhandled rejection meanwhile
    this.pieces.push(answered);
  }

  /** Sends what is left; resolves with the extraction's diagnostics, in record order, once every record has its facts. */
  async finish(): Promise<Diagnostic[]> {
    this.lastJobs();
    try {
      return (await Promise.all(this.pieces)).flat();
    } finally {
      this.stop();
    }
  }

  stop(): void {
    this.stopTaking();
    void this.worker.close();
  }
}

/** A record marked for enrichment: where its facts go (see RecordSink), and its job. */
export interface MarkedRecord {
  at: number;
  job: DescriptionJob;
}

/**
 * Extracts every marked record's description in this thread, handing each record's facts to
 * `apply` as they come: facts are not all held at once. Resolves with the extraction's
 * diagnostics, in record order.
 */
export async function extractMarked(marked: readonly MarkedRecord[], apply: (at: number, facts: DescriptionFacts) => void): Promise<Diagnostic[]> {
  if (!marked.length) return [];
  const diagnostics: Diagnostic[] = [];
  // loaded on first use: the extractor and its NLP library take most of a second to load
  const { extractFromDescription } = await import('../extract/description.js');
  for (const m of marked) {
    const facts = extractFromDescription(m.job.text, m.job.context);
    apply(m.at, facts);
    append(diagnostics, facts.diagnostics);
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
