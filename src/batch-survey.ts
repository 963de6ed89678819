/**
 * Pass one of a build in batches (batched-build.ts): every batch mapped once to learn what the
 * batches need before the first is published. Which subjects several batches describe (their
 * statements are written once, and every batch's pages and validation see all of them), every
 * hub with its batch and label (the pages link hubs of other batches), the concepts used (the
 * vocabularies published), and the mapping's diagnostics in record order.
 */
import type { Quad } from 'n3';
import type { Diagnostic } from './model/diagnostics.js';
import type { HubRecord } from './model/record.js';
import { mapOne, vocabularyQuads, type Prepared } from './pipeline.js';
import { mergedGraphIri, mergeQuads } from './merge/publish.js';
import type { Batch, MergedBatch, MergedBatches } from './batch-plan.js';
import { dih, org, rdf, rdfs, skos } from './vocab/namespaces.js';
import { termToNt } from './publish/serialize.js';
import { progress } from './util/progress.js';
import { append } from './util/arrays.js';

/** Subjects that only one record (or one canonical hub) can describe: its graph and what is minted under it. */
const ownedBy = (owner: string, subject: string): boolean => subject === owner || (subject.startsWith(owner) && subject.charCodeAt(owner.length) === 0x2f);

/** A batch's statements: its records' graphs and its hubs' merged view. */
export function batchQuads(prepared: Prepared, batch: Batch, merged: MergedBatch, used: Set<string>, onRecord?: (index: number, record: HubRecord | undefined, quads: Quad[], diagnostics: Diagnostic[]) => void): Quad[] {
  const quads: Quad[] = [];
  for (const i of batch.records) {
    const mapped = mapOne(prepared, i, used);
    onRecord?.(i, mapped.record, mapped.quads, mapped.diagnostics);
    append(quads, mapped.quads);
  }
  append(quads, mergeQuads(merged.hubs, merged.conflicts, prepared.base));
  return quads;
}

/** What the first pass over the batches learns: which subjects two batches describe, and every hub. */
export interface Survey {
  /** Subjects described in more than one batch: their triples are checked against those already written. */
  shared: Set<string>;
  /** Each hub's batch (the first that types it) and label. */
  hubBatch: Map<string, number>;
  hubLabels: Map<string, string>;
  used: Set<string>;
  diagnostics: Diagnostic[];
  vocabulary: Quad[];
  /** What the batches say about their shared subjects (see sharedContext). */
  context: Quad[];
}

/**
 * Pass one: maps every batch once and keeps only what pass two needs before it starts (which
 * subjects recur across batches, the hubs and their labels for the pages' links, the concepts
 * used, the mapping diagnostics in record order). It maps every batch a second time: ~15 s of a
 * 100,000-hub build's ~160 s (bench/RESULTS.md), the price of never holding the whole graph.
 */
export function survey(prepared: Prepared, batches: Batch[], mergedBatches: MergedBatches): Survey {
  const batchOf = new Map<string, number>();
  const shared = new Set<string>();
  /** Batches that describe a shared subject: the only ones sharedContext maps again. */
  const sharedBatches = new Set<number>();
  const note = (subject: string, b: number): void => {
    const seen = batchOf.get(subject);
    if (seen === undefined) batchOf.set(subject, b);
    else if (seen !== b) {
      shared.add(subject);
      sharedBatches.add(seen).add(b);
    }
  };
  const hubBatch = new Map<string, number>();
  const hubLabels = new Map<string, string>();
  const used = new Set<string>();
  const diagnosticsOf = new Map<number, Diagnostic[]>();
  const merged = mergedGraphIri(prepared.base);
  const surveying = progress('surveying batches');
  for (const [b, batch] of batches.entries()) {
    surveying.update(b, batches.length);
    const labels = new Map<string, { rank: number; label: Quad['object'] }>();
    const batchMerged = mergedBatches.get(b);
    const quads = batchQuads(prepared, batch, batchMerged, used, (index, record, recordQuads, diagnostics) => {
      diagnosticsOf.set(index, diagnostics);
      if (!record) return;
      const graph = prepared.minter.source(record.source.registry, record.source.id);
      // a subject's statements mostly come together: each run is looked at once
      let last: string | undefined;
      for (const q of recordQuads) {
        const s = q.subject.value;
        if (s === last) continue;
        last = s;
        if (!ownedBy(graph, s)) note(s, b);
      }
    });
    const hubs = new Set(batchMerged.hubs.map((h) => h.iri));
    let lastNoted: string | undefined;
    for (const q of quads) {
      const s = q.subject.value;
      // The merged view describes its hubs, and nodes minted under them (derivations, conflicts).
      if (s !== lastNoted && q.graph.value === merged && hubs.has(s)) note((lastNoted = s), b);
      const p = q.predicate.value;
      if (p === rdf.type && q.object.value === dih.DigitalInnovationHub && !hubBatch.has(s)) hubBatch.set(s, b);
      else if ((p === skos.prefLabel || p === rdfs.label) && q.object.termType === 'Literal') {
        // as GraphView.label picks: an English prefLabel or label, else the first prefLabel or
        // label, the first being the smallest in publication order
        const rank = (q.object.language === 'en' ? 0 : 2) + (p === skos.prefLabel ? 0 : 1);
        const had = labels.get(s);
        if (!had || rank < had.rank || (rank === had.rank && termToNt(q.object) < termToNt(had.label))) labels.set(s, { rank, label: q.object });
      }
    }
    for (const [s, { label }] of labels) if (hubBatch.get(s) === b && !hubLabels.has(s)) hubLabels.set(s, label.value);
  }
  surveying.done();
  const vocabulary = vocabularyQuads(prepared.concepts, used, prepared.base);
  for (const q of vocabulary) note(q.subject.value, batches.length);
  const diagnostics = [...prepared.diagnostics];
  for (let i = 0; i < prepared.records.length; i++) append(diagnostics, diagnosticsOf.get(i) ?? []);
  const context = shared.size ? sharedContext(prepared, batches, mergedBatches, shared, sharedBatches) : [];
  return { shared, hubBatch, hubLabels, used, diagnostics, vocabulary, context };
}

/**
 * Everything the batches say about the subjects several of them describe: those subjects'
 * statements, the relations (memberships) they take part in, and the records stating them. Each
 * batch's pages and validation see it beside the batch, so an organisation shared by hubs of
 * several batches shows all its relations and is validated on all its facts, as in a build that
 * holds the whole graph. Only the batches holding such subjects are mapped again.
 */
function sharedContext(prepared: Prepared, batches: Batch[], mergedBatches: MergedBatches, shared: ReadonlySet<string>, sharedBatches: ReadonlySet<number>): Quad[] {
  const context: Quad[] = [];
  const merged = mergedGraphIri(prepared.base);
  for (const b of [...sharedBatches].sort((x, y) => x - y)) {
    const batch = batches[b];
    if (!batch) continue; // the vocabularies: their subjects' statements are the vocabulary, seen by every batch
    batchQuads(prepared, batch, mergedBatches.get(b), new Set(), (_index, record, quads) => {
      if (!record) return;
      const kept = new Set<string>();
      for (const q of quads) {
        if (shared.has(q.subject.value)) kept.add(q.subject.value);
        else if ((q.predicate.value === org.member || q.predicate.value === org.organization) && shared.has(q.object.value)) kept.add(q.subject.value);
      }
      if (!kept.size) return;
      kept.add(prepared.minter.source(record.source.registry, record.source.id));
      for (const q of quads) if (kept.has(q.subject.value)) context.push(q);
    }).forEach((q) => {
      if (q.graph.value === merged && shared.has(q.subject.value)) context.push(q);
    });
  }
  return context;
}
