/**
 * The records of a build, packed as each file is read (PackedRecords): a 100,000-hub input is
 * never all objects at once. A record's description facts, which come later from the extraction
 * worker, are packed beside it and applied whenever the record is unpacked. Later records with
 * the id of an earlier one are kept (they are reported where they stand) but marked duplicate.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { HubRecord, RecordSource } from '../model/record.js';
import type { DescriptionFacts } from '../extract/description.js';
import { PackedRecords } from '../model/packed-records.js';
import { applyFacts } from './enrich.js';
import { ownCopy, TextPool } from '../util/own-copy.js';
import type { RecordSink } from './index.js';

export class RecordStore implements RecordSink {
  private readonly packed = new PackedRecords<HubRecord>();
  private readonly facts = new PackedRecords<DescriptionFacts>();
  /** Record index -> index of its facts. */
  private readonly factsOf = new Map<number, number>();
  /** Each record's source and hub key, in input order: what summaries and plans read. */
  readonly sources: { source: RecordSource; hub: string }[] = [];
  /** A later record with the id of an earlier one, by index, and the error it gets. */
  readonly duplicateAt = new Map<number, Diagnostic>();
  /** `registry/id` -> where the first record with it stands. */
  private readonly firstAt = new Map<string, string>();

  /**
   * `onKept` sees each record that is not a duplicate, as an object, as it is packed (what it keeps
   * of it is all that stays an object), with the copy of its source the store keeps.
   */
  constructor(private readonly onKept?: (record: HubRecord, index: number, source: RecordSource) => void) {}

  add(record: HubRecord): number {
    const index = this.packed.add(record);
    const source = ownedSource(record.source);
    this.sources.push({ source, hub: ownCopy(record.hub) });
    const key = `${record.source.registry}/${record.source.id}`;
    const where = `${record.source.file}${record.source.line !== undefined ? `:${record.source.line}` : ''}`;
    const earlier = this.firstAt.get(key);
    if (earlier === undefined) {
      this.firstAt.set(key, where);
      this.onKept?.(record, index, source);
    } else {
      // One record per id: a later duplicate is skipped, with an error where it stands.
      this.duplicateAt.set(index, { severity: 'error', file: record.source.file, ...(record.source.line !== undefined ? { line: record.source.line } : {}), record: record.source.id, field: 'source.id', message: `duplicate record id ${key} (first in ${earlier}); this record is skipped` });
    }
    return index;
  }

  /** Every file is read: the ids seen are not needed any more. */
  end(): void {
    this.firstAt.clear();
  }

  addFacts(at: number, facts: DescriptionFacts): void {
    if (!(at >= 0 && at < this.packed.length)) throw new RangeError(`facts for record ${at} of ${this.packed.length}`);
    this.factsOf.set(at, this.facts.add(facts));
  }

  get length(): number {
    return this.packed.length;
  }

  /** Bytes the records and facts take, compressed. */
  get byteLength(): number {
    return this.packed.byteLength + this.facts.byteLength;
  }

  /** Record i with its description's facts, as a new object each time. */
  get(i: number): HubRecord {
    const record = this.packed.get(i);
    const f = this.factsOf.get(i);
    if (f !== undefined) applyFacts(record, this.facts.get(f));
    return record;
  }

  /** Every record, as objects: for builds small enough to hold them. */
  all(): HubRecord[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }

  /** Only each record's source and hub key, as records (what a build in batches returns). */
  outlines(): HubRecord[] {
    return this.sources.map(({ source, hub }) => ({ source, hub, entities: [], relations: [] }));
  }

}

/**
 * A record's source with its own copies of what its reader read from the file (see util/own-copy:
 * a URN kept as a view into a YAML file keeps the whole file). Its id and identifier are its own;
 * a publisher, licence, document or date is mostly the same for every record of a file (a
 * registry reader's constant): one copy of each. The file name and registry are the build's:
 * kept as they are.
 */
function ownedSource(source: RecordSource): RecordSource {
  const owned: RecordSource = { ...source, id: ownCopy(source.id) };
  if (source.identifier !== undefined) owned.identifier = ownCopy(source.identifier);
  for (const field of ['document', 'publisher', 'license', 'date'] as const) {
    const value = source[field];
    if (value !== undefined) owned[field] = sourceTexts.one(value);
  }
  return owned;
}

const sourceTexts = new TextPool();
