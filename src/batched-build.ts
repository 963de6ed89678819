/**
 * A build in batches of hubs, for inputs too big to hold as one graph (100,000 hubs make ~14 M
 * statements; the in-memory build needs ~2.5 KB of memory per statement). Records are packed as
 * they are read and merged from what the merge reads of them (sources/record-store.ts, pipeline.ts);
 * then the hubs are published a batch at a time: each batch is the
 * records of its canonical hubs and their merged view, mapped, written to every dump, validated
 * and turned into pages, then let go, after a first pass over them (batch-survey.ts) has found
 * what they must know of each other. pipeline.ts chooses this path above `batchHubs` hubs.
 *
 * The result is the same graph as the in-memory build, written in another order: statements are
 * sorted within a batch, not across batches, and a subject described in two batches (a registry,
 * an organisation shared by hubs of two batches) is written twice in Turtle, JSON-LD and RDF/XML,
 * which all mean the same graph. What differs:
 * - no query index (dih.nq.idx): `query` and `serve` read dih.nq instead;
 * - validation sees one batch (plus the vocabularies) at a time. The shapes are local to a hub,
 *   so this finds the same results, except for a subject described in two batches whose
 *   constraint spans both (say maxCount 1 with one value in each).
 */
import type { Quad } from 'n3';
import type { BuildOptions, BuildResult, Prepared } from './pipeline.js';
import { conflictsCsvRows, CONFLICTS_HEADER, csvHeader, linksCsvRows, LINKS_HEADER } from './merge/publish.js';
import { MERGE_FILES, mergeResultOf, type MergeResult } from './merge/index.js';
import { addHubCounts, type MergeCounts } from './merge/summary.js';
import { MergedBatches, planBatches } from './batch-plan.js';
import { batchQuads, survey } from './batch-survey.js';
import { prefixesFor } from './vocab/namespaces.js';
import { asPublicationOrder, nQuadsBytes, sortedTriples, toTurtle, tripleToNt } from './publish/serialize.js';
import { baseTable, encodeTriples, encodeTriplesOver } from './util/triple-transfer.js';
import { PublicationStage, settlePublication } from './publish/atomic.js';
import { startDumpsStream, type DumpsStream } from './publish/dumps-stream.js';
import { WORKER_DUMPS } from './publish/dumps.js';
import { catalogueFiles, catalogPrefixes } from './publish/publication.js';
import { DataFactsCollector, digestOf, type FileDigest } from './publish/catalog.js';
import { VoidStats } from './publish/void.js';
import { DistinctRuns } from './util/distinct-runs.js';
import { hubPagePaths, hubPagesOf, siteFramePieces, type IndexRow } from './publish/html/site.js';
import { loadShapes } from './validate/shapes.js';
import type { ValidationOutcome } from './validate/validate.js';
import { FindingsSpill } from './validate/findings-spill.js';
import { BatchValidator } from './validate/batch-validator.js';
import { reportTurtle } from './publish/report-turtle.js';
import { progress, step } from './util/progress.js';
import { stageTimer } from './util/timings.js';
import { append } from './util/arrays.js';
import { allowHeapGrowth, relieveHeap, type HeapPolicy } from './util/heap-governor.js';

/**
 * Bytes of pages (and other files) a batch may leave queued for the disk when the next starts. At
 * 10,000 hubs 96 MB peaked ~80 MB higher than 32 MB, which waited ~1 s longer. At 100,000 hubs,
 * with the dumps worker's heap bounded closer too, 32 MB rather than 64 MB took the batches' peak
 * from 1.51 to ~1.3 GB for ~5 s more waiting (of ~290 s).
 */
const PAGES_IN_FLIGHT = 32 * 2 ** 20;

/**
 * The heap's allowance while the batches are published. They hold less than reading and merging
 * did (at 100,000 hubs ~700-790 MB resident against the packing's ~910-930 MB) and make garbage at
 * every batch: past 96 MB the build's thread collected ~75 times in the batches (~8 s); past 192 MB
 * or two fifths, 8 times (1.3 s), the batches 110.6 -> 100.8-106.4 s, their resident peak 792 MB.
 */
const BATCHES_HEAP_POLICY: HeapPolicy = { minGrowth: 192 * 2 ** 20, growthShare: 0.4, lookEvery: 100 };

export async function buildInBatches(prepared: Prepared, options: BuildOptions, batchHubs: number): Promise<BuildResult> {
  const timer = stageTimer();
  const { base } = prepared;
  const publicationBase = options.publicationBase ?? base;
  const { candidatePairs } = prepared.merge;
  const batches = planBatches(prepared, batchHubs);
  // The merge's hubs and conflicts are the batches' now, packed; the result gets them back. The
  // merge lets go of them first, so that each batch's are garbage once packed (at 100,000 hubs
  // the packing peaked at 935 MB instead of 953 MB).
  prepared.merge = mergeResultOf([], [], candidatePairs, base);
  const mergedBatches = new MergedBatches(batches);
  const found = survey(prepared, batches, mergedBatches);
  timer.lap(`survey of ${batches.length} batches (${found.shared.size} subjects in several)`);
  const pages = hubPagePaths(found.hubBatch.keys(), base);
  const hubsOfBatch = batches.map(() => [] as string[]);
  for (const [hub, b] of found.hubBatch) hubsOfBatch[b]!.push(hub);
  // What the batches need of it is in `pages` and `hubsOfBatch` now (100,000 entries: ~20 MB).
  found.hubBatch.clear();

  const stage = new PublicationStage(options.out);
  const written = new Map<string, FileDigest>();
  const put = (name: string, content: string | Uint8Array): void => {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    written.set(name, digestOf(bytes));
    stage.write(name, bytes);
  };
  // Started in the try below: a failure to start (a context the direct JSON-LD writer cannot
  // write) must remove the temporary folder like any other.
  let dumps: DumpsStream | undefined;
  // Started in the try too: a worker left running would keep the process alive after a failure.
  let validator: BatchValidator | undefined;
  const counts: MergeCounts = { hubs: 0, merged: 0, links: 0, conflicts: 0, candidatePairs };
  // Distinct objects a batch at a time, on disk: 3.9 M of them at 100,000 hubs.
  const distinctObjects = new DistinctRuns();
  const voidStats = new VoidStats(base, distinctObjects);
  const facts = new DataFactsCollector(prepared.concepts);
  // Each batch's findings go to disk as they come (200,000 at 100,000 hubs).
  const findings = new FindingsSpill();
  const rows: IndexRow[] = [];
  // The pages written, a line each, a string per batch: 200,000 paths kept as strings of their own
  // (cons strings of a folder and a name) took ~19 MB to the end of a 100,000-hub build.
  const sitePages: string[] = [];
  const writtenShared = new Set<string>();
  let triples = 0;
  // Where the batches' time goes on this thread (DIH_TIMINGS), summed over the batches.
  const spent = new Map<string, number>();
  let lastClock = performance.now();
  const clock = (part: string): void => {
    const now = performance.now();
    spent.set(part, (spent.get(part) ?? 0) + now - lastClock);
    lastClock = now;
  };
  let refused = false;
  let validation: ValidationOutcome;
  /** Gives the heap's allowance before the batches back (after them, or on a failure in them). */
  let restoreAllowance: (() => void) | undefined;
  try {
    // What every batch is validated with (the vocabularies, and what the batches say about their
    // shared subjects), encoded once: each batch's encoding leaves its terms out.
    const withEveryBatch = baseTable([...found.vocabulary, ...found.context]);
    dumps = startDumpsStream(stage.dir, prefixesFor(base), withEveryBatch);
    const batchValidator = (validator = new BatchValidator(loadShapes(base), withEveryBatch));
    const nquads = stage.sink('dih.nq');
    // The merge's tables are written batch by batch too (a line per record, and per conflict).
    const links = stage.sink('links.csv');
    const conflicts = stage.sink('conflicts.csv');
    await links.write(Buffer.from(csvHeader(LINKS_HEADER), 'utf8'));
    await conflicts.write(Buffer.from(csvHeader(CONFLICTS_HEADER), 'utf8'));
    const publishing = progress('publishing batches');
    // One batch validates on a worker while this thread writes the next one.
    let validating: Promise<ValidationOutcome> | undefined;
    restoreAllowance = allowHeapGrowth(BATCHES_HEAP_POLICY);
    for (let b = 0; b <= batches.length; b++) {
      publishing.update(b, batches.length + 1);
      // The last round is the vocabularies: every concept the batches used, once.
      const vocabularyRound = b === batches.length;
      let quads = found.vocabulary;
      if (!vocabularyRound) {
        const merged = mergedBatches.get(b);
        quads = batchQuads(prepared, batches[b]!, merged, new Set());
        await links.write(Buffer.from(linksCsvRows(merged.hubs), 'utf8'));
        await conflicts.write(Buffer.from(conflictsCsvRows(merged.conflicts), 'utf8'));
        addHubCounts(counts, merged.hubs);
        counts.conflicts += merged.conflicts.length;
      }
      clock('map');
      await nquads.write(nQuadsBytes(quads));
      clock('n-quads');
      // The batch's triples once: sorted with the N-Quads above (one sort, remembered per array);
      // a triple of a shared subject only if no earlier batch wrote it. The dumps worker writes
      // them to dih.nt with the other triple dumps.
      const all = sortedTriples(quads);
      const hasShared = found.shared.size > 0 && all.some((q) => found.shared.has(q.subject.value));
      const batchTriples = !hasShared ? all : asPublicationOrder(all.filter((q) => {
        if (!found.shared.has(q.subject.value)) return true;
        const key = tripleToNt(q);
        if (writtenShared.has(key)) return false;
        writtenShared.add(key);
        return true;
      }));
      triples += batchTriples.length;
      clock('triples');
      // One encoding serves both workers: validation reads the batch's triples with the
      // vocabularies and the shared subjects' context, which it holds (in no order; duplicates
      // are harmless to it), the dumps the batch's, when no shared triple was dropped.
      const forValidation = vocabularyRound ? undefined : encodeTriplesOver(withEveryBatch, all);
      const added = dumps.add(forValidation && batchTriples === all ? forValidation : encodeTriples(batchTriples));
      clock('encoding for the workers');
      // A subject the survey did not find in several batches (the vocabularies count as one) is described here only.
      voidStats.add(batchTriples, (s) => !found.shared.has(s));
      facts.add(batchTriples);
      clock('void, catalogue facts');
      if (validating) findings.add(await validating);
      clock('waiting for validation');
      // The quads (with their graphs) tell which records a finding came from.
      validating = forValidation ? batchValidator.validate(quads.concat(found.vocabulary, found.context), forValidation) : undefined;
      validating?.catch(() => undefined); // awaited next round; never an unhandled rejection meanwhile
      clock('starting validation');
      if (!vocabularyRound) {
        const site = hubPagesOf({ quads: found.context.length ? quads.concat(found.context) : quads, hubs: hubsOfBatch[b]!, pages, hubLabels: found.hubLabels, base, concepts: prepared.concepts });
        const paths: string[] = [];
        for (const [path, html] of site.pages) {
          stage.write(path, html);
          paths.push(path);
        }
        if (paths.length) sitePages.push(paths.join('\n'));
        append(rows, site.rows);
        clock('pages');
      }
      await added;
      clock('waiting for the dumps');
      // Pages are written in the background; at most about two batches' worth wait for the disk.
      await stage.whenQueuedBelow(PAGES_IN_FLIGHT);
      clock('waiting for the disk');
    }
    restoreAllowance();
    publishing.done();
    // Every batch is validated: the worker's heap is let go before the last stage.
    await validator.close();
    timer.lap('batches');
    if (process.env.DIH_TIMINGS) for (const [part, ms] of spent) process.stderr.write(`timing:     of which ${part.padEnd(24)} ${ms.toFixed(0).padStart(6)} ms\n`);
    // The dumps worker finishes its files (RDF/XML's body is copied behind its root element: ~6 s
    // at 100,000 hubs) while this thread writes the index, VoID and the validation report.
    const dumpsEnded = dumps.end();
    dumpsEnded.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
    const closing = step('finishing the files');
    written.set('dih.nq', await nquads.close());
    written.set('links.csv', await links.close());
    written.set('conflicts.csv', await conflicts.close());
    const names = ['dih.nq', 'dih.nt', ...WORKER_DUMPS, 'void.ttl', 'validation-report.ttl', ...MERGE_FILES];
    for (const [path, pieces] of siteFramePieces(rows, pages, publicationBase)) {
      const sink = stage.sink(path);
      for (const piece of pieces) await sink.write(Buffer.from(piece, 'utf8'));
      await sink.close();
      sitePages.push(path);
    }
    rows.length = 0;
    put('void.ttl', await toTurtle(voidStats.quads({ base, publicationBase, files: names }), catalogPrefixes(base)));
    distinctObjects.dispose();
    // The catalogue stage has no progress bar to keep the heap in check: 200,000 findings at
    // 100,000 hubs are merged and written here, read back from disk one at a time.
    const merged = findings.finish();
    validation = merged.outcome();
    refused = !!options.strict && (validation.violations > 0 || found.diagnostics.some((d) => d.severity === 'error'));
    // Piece by piece: 200,000 findings at 100,000 hubs are 1.4 M statements.
    const report = stage.sink('validation-report.ttl');
    for (const piece of reportTurtle(merged, base, prefixesFor(base))) {
      await report.write(Buffer.from(piece, 'utf8'));
      relieveHeap();
    }
    written.set('validation-report.ttl', await report.close());
    for (const [name, digest] of await dumpsEnded) written.set(name, digest);
    closing.done();
    for (const [name, content] of await catalogueFiles({ facts: facts.facts(), records: [], files: written, base, publicationBase })) put(name, content);
    timer.lap('catalogue');
  } catch (err) {
    dumps?.abort();
    findings.dispose();
    distinctObjects.dispose();
    await stage.discard();
    throw err;
  } finally {
    restoreAllowance?.();
    await validator?.close();
  }
  await settlePublication(stage, refused);
  timer.lap('write');
  const files = refused ? [] : [...written.keys(), ...sitePages.flatMap((paths) => paths.split('\n'))].sort();
  return { records: prepared.records.outlines(), quads: [], triples, batches: batches.length, diagnostics: found.diagnostics, validation, files, merge: unpackedWhenRead(mergedBatches, candidatePairs, base), mergeCounts: counts };
}

/**
 * The merge as the caller knows it, unpacked from the batches when first read: the CLI reads only
 * its counts, and unpacking 100,000 canonical hubs at the end of the build took ~130 MB more than
 * the batches' peak.
 */
function unpackedWhenRead(mergedBatches: MergedBatches, candidatePairs: number, base: string): MergeResult {
  let merge: MergeResult | undefined;
  const unpacked = (): MergeResult => {
    if (merge) return merge;
    const batches = Array.from({ length: mergedBatches.length }, (_, b) => mergedBatches.get(b));
    return (merge = mergeResultOf(batches.flatMap((m) => m.hubs), batches.flatMap((m) => m.conflicts), candidatePairs, base));
  };
  return {
    get hubs() { return unpacked().hubs; },
    set hubs(hubs) { unpacked().hubs = hubs; },
    get conflicts() { return unpacked().conflicts; },
    set conflicts(conflicts) { unpacked().conflicts = conflicts; },
    get quads() { return unpacked().quads; },
    get files() { return unpacked().files; },
    candidatePairs,
  };
}
