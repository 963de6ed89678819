/**
 * The pipeline: read -> map -> validate -> publish, each stage a plain function. The CLI and the
 * library API both call `build`.
 */
import { DataFactory, type Quad } from 'n3';
import type { Diagnostic } from './model/diagnostics.js';
import type { HubRecord } from './model/record.js';
import { startReading, type ReadOptions } from './sources/index.js';
import { IriMinter } from './map/iri.js';
import { mapRecord } from './map/record-to-quads.js';
import { loadConcepts, type ConceptIndex } from './vocab/concepts.js';
import { DEFAULT_BASE, prefixesFor } from './vocab/namespaces.js';
import { loadShapes } from './validate/shapes.js';
import { validateQuadsInWorkers, type ValidationOutcome } from './validate/validate.js';
import { reportTurtle } from './publish/report-turtle.js';
import { nQuadsBytes, nTriplesBytes, publicationOrder, sortedTriples, toTurtle } from './publish/serialize.js';
import { encodeGraphs, encodeTriples, encodeTriplesWithTable, reorderTriples, type EncodedTriples } from './util/triple-transfer.js';
import { QUAD_INDEX_FILE, quadIndexBytes, quadIndexSource, stampQuadIndex } from './query/quad-index-file.js';
import { QuadIndex } from './query/quad-index.js';
import { PublicationStage, settlePublication, type PublicationFiles } from './publish/atomic.js';
import { dumpsInWorker, WORKER_DUMPS } from './publish/dumps.js';
import { catalogueFiles, siteFiles } from './publish/publication.js';
import { digestOf, type FileDigest } from './publish/catalog.js';
import { mergeRecords, mergeView, recordFeatures, type MergeResult, type RecordFeatures } from './merge/index.js';
import { mergeCounts, type MergeCounts } from './merge/summary.js';
import { RecordStore } from './sources/record-store.js';
import { phasedProgress, progress, step } from './util/progress.js';
import { stageTimer } from './util/timings.js';
import { append } from './util/arrays.js';
import { buildInBatches } from './batched-build.js';

const { namedNode, quad } = DataFactory;

export interface BuildOptions extends ReadOptions {
  out: string;
  base?: string;
  /** Where dist/ will be served (download URLs of the catalogue, links of the HTML site); default: the base. */
  publicationBase?: string;
  /** Refuse to publish when any input has an error or the data has a violation. */
  strict?: boolean;
  /** Publish names, e-mails and phones of natural persons found in registry exports (off by default). */
  includePersonalData?: boolean;
  /**
   * Hubs per batch: a build of more hubs publishes them this many at a time, never holding every
   * statement (see batched-build.ts). Default: up to IN_MEMORY_HUBS hubs the whole graph at once,
   * above, batches of DEFAULT_BATCH_HUBS.
   */
  batchHubs?: number;
}

/** Up to this many hubs a build holds the whole graph (faster, and it writes the query index). */
export const IN_MEMORY_HUBS = 2000;
/**
 * Hubs per batch above IN_MEMORY_HUBS. A batch's statements, dumps and pages in flight are what a
 * build in batches holds beyond the merge, and what its garbage collector copies and promotes while
 * the batch is made. At 100,000 hubs (bench/RESULTS.md, session 15): 500 a batch 237 s and 946 MB,
 * 100 212 s and 952 MB, 50 190 s and 934 MB, 20 198 s and 931 MB (what each batch repeats, the
 * vocabularies validated with it above all, outweighs the rest); at 10,000 hubs 50 a batch took
 * 17.4 s and 499 MB, 500 a batch 21.8 s and 632 MB.
 */
export const DEFAULT_BATCH_HUBS = 50;

/** Hubs per batch for a build of `hubs` canonical hubs, or undefined when it holds the whole graph. */
export function batchSizeFor(hubs: number, batchHubs?: number): number | undefined {
  if (batchHubs !== undefined) return hubs > batchHubs ? batchHubs : undefined;
  return hubs > IN_MEMORY_HUBS ? DEFAULT_BATCH_HUBS : undefined;
}

export interface BuildResult {
  /** Every record read; after a build in batches only their `source` and `hub` (the rest was packed away, see batched-build.ts). */
  records: HubRecord[];
  /** Every statement published; empty when the build ran in batches (`batches` > 1), which never holds them all. */
  quads: Quad[];
  /** Distinct triples of the union graph (what dih.nt holds). */
  triples: number;
  /** Batches the hubs were published in: 1 when the build held the whole graph. */
  batches: number;
  diagnostics: Diagnostic[];
  validation: ValidationOutcome;
  files: string[];
  /** The merged view: canonical hubs, links to source records, conflicts (after a build in batches, unpacked when first read). */
  merge: MergeResult;
  /** What the summary says of the merge, known without unpacking it. */
  mergeCounts: MergeCounts;
}

/** Our own schemes are published whole; external authority concepts only where the data uses them. */
export function vocabularyQuads(concepts: ConceptIndex, used: Set<string>, base: string): Quad[] {
  const graph = namedNode(`${base}vocabularies`);
  const out: Quad[] = [];
  for (const [file, quads] of concepts.quadsByFile) {
    // eu-*.ttl (file types, licences, themes...) describe the catalogue, not the hubs: never in dih.nq.
    const external = ['country.ttl', 'nuts.ttl'].includes(file) || file.startsWith('eu-');
    for (const q of quads) {
      if (external && !used.has(q.subject.value)) continue;
      out.push(quad(q.subject, q.predicate, q.object, graph));
    }
  }
  return out;
}

/** What reading and merging give every later stage: the records, the merged view, the tools to map. */
export interface Prepared {
  /** Every record read, in input order, packed (duplicates included: they get their error when mapped). */
  records: RecordStore;
  /** The merge; a build in batches takes its hubs over while it publishes (packed by batch) and puts them back. */
  merge: MergeResult;
  /** Diagnostics of reading and of the description extraction. */
  diagnostics: Diagnostic[];
  minter: IriMinter;
  concepts: ConceptIndex;
  base: string;
  includePersonalData: boolean;
}

/** read + merge: every record, one per id, and the canonical hubs they make. */
export async function readAndMerge(inputs: string[], options: { base?: string; includePersonalData?: boolean } & ReadOptions = {}): Promise<Prepared> {
  const base = options.base ?? DEFAULT_BASE;
  const minter = new IriMinter(base);
  // The merge reads a little of each record (its features and a view of its hub), taken as the
  // record is read; the rest is packed away at once.
  const views: HubRecord[] = [];
  const features: RecordFeatures[] = [];
  const records = new RecordStore((record, _, source) => {
    features.push(recordFeatures(record, views.length));
    views.push(mergeView(record, source));
  });
  // Reading starts first: it starts the description worker, which then loads while this thread
  // loads the vocabularies.
  const reading = startReading(inputs, records, options);
  const concepts = loadConcepts(base);
  const read = await reading;
  const timer = stageTimer();
  // merge: canonical hubs linked to the source records, and conflicts, in their own graph. It
  // reads only the records' hub entities, which the description extraction leaves alone, so it
  // runs while the extraction finishes on its worker.
  const merging = phasedProgress('merging records');
  const merge = mergeRecords(views, concepts, base, (done, total, phase) => merging.update(done, total, phase), features);
  merging.done();
  // (the merge took the features over and emptied them)
  views.length = 0;
  timer.lap('  merge');
  const extracting = step('extracting facts from descriptions (worker)');
  const diagnostics = [...read.diagnostics, ...(await read.enriched), ...read.unread];
  extracting.done();
  timer.lap('  descriptions (rest)');
  return { records, merge, diagnostics, minter, concepts, base, includePersonalData: !!options.includePersonalData };
}

/** map: the quads and diagnostics of record `index` (a duplicate's are its error), noting the concepts used. */
export function mapOne(prepared: Prepared, index: number, used: Set<string>): { record?: HubRecord; quads: Quad[]; diagnostics: Diagnostic[] } {
  const duplicate = prepared.records.duplicateAt.get(index);
  if (duplicate) return { quads: [], diagnostics: [duplicate] };
  const record = prepared.records.get(index);
  const mapped = mapRecord(record, { minter: prepared.minter, concepts: prepared.concepts, language: 'en', includePersonalData: prepared.includePersonalData });
  for (const iri of mapped.usedConcepts) used.add(iri);
  return { record, quads: mapped.quads, diagnostics: mapped.diagnostics };
}

/** read + map: the quads of every record, plus the vocabularies they use. */
export async function assemble(inputs: string[], options: { base?: string; includePersonalData?: boolean } & ReadOptions = {}): Promise<{ records: HubRecord[]; quads: Quad[]; diagnostics: Diagnostic[]; merge: MergeResult }> {
  return mapAll(await readAndMerge(inputs, options));
}

function mapAll(prepared: Prepared): { records: HubRecord[]; quads: Quad[]; diagnostics: Diagnostic[]; merge: MergeResult } {
  const timer = stageTimer();
  const { merge } = prepared;
  const diagnostics = [...prepared.diagnostics];
  const records: HubRecord[] = [];
  const quads: Quad[] = [];
  const used = new Set<string>();
  const mapping = progress('mapping records');
  for (let n = 0; n < prepared.records.length; n++) {
    mapping.update(n, prepared.records.length);
    const mapped = mapOne(prepared, n, used);
    // a duplicate is kept as read: the build's summary counts it
    records.push(mapped.record ?? prepared.records.get(n));
    append(quads, mapped.quads);
    append(diagnostics, mapped.diagnostics);
  }
  mapping.done();
  append(quads, merge.quads);
  append(quads, vocabularyQuads(prepared.concepts, used, prepared.base));
  timer.lap('  map');
  return { records, quads, diagnostics, merge };
}

/**
 * The dumps, by file name: Turtle, JSON-LD and RDF/XML are made on a worker from the encoded
 * triples (`others`, a promise) while this thread writes N-Quads and N-Triples (`files`).
 */
export function startSerializations(quads: Quad[], base: string = DEFAULT_BASE, encoded: EncodedTriples = encodeTriples(sortedTriples(quads))): { files: Promise<PublicationFiles>; others: Promise<Map<string, Uint8Array>> } {
  const timer = stageTimer();
  const others = dumpsInWorker(encoded, prefixesFor(base));
  others.catch(() => undefined); // awaited by the caller; never an unhandled rejection meanwhile
  const files = (async () => {
    const out: PublicationFiles = new Map();
    out.set('dih.nq', nQuadsBytes(quads));
    timer.lap('  n-quads');
    out.set('dih.nt', nTriplesBytes(quads));
    timer.lap('  n-triples');
    return out;
  })();
  return { files, others };
}

/** Serializations of the published graph, by file name. */
export async function serializations(quads: Quad[], base: string = DEFAULT_BASE): Promise<PublicationFiles> {
  const started = startSerializations(quads, base);
  const files = await started.files;
  for (const [name, bytes] of await started.others) files.set(name, bytes);
  return files;
}

export async function build(inputs: string[], options: BuildOptions): Promise<BuildResult> {
  const base = options.base ?? DEFAULT_BASE;
  const timer = stageTimer();
  const prepared = await readAndMerge(inputs, options);
  const batchSize = batchSizeFor(prepared.merge.hubs.length, options.batchHubs);
  if (batchSize !== undefined) return buildInBatches(prepared, options, batchSize);
  const { records, quads, diagnostics, merge } = mapAll(prepared);
  timer.lap('read, map, merge');
  // Validation runs on another core while this thread sorts and writes the serializations. It
  // needs the triples, not their order (its dataset drops duplicates), so it starts before the
  // sort; the triples are encoded once, and the dumps' worker gets them in publication order.
  const encoding = step(`encoding ${quads.length} statements for the workers`);
  const { encoded, terms } = encodeTriplesWithTable(quads);
  const validating = validateQuadsInWorkers(quads, loadShapes(base), encoded);
  validating.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  encoding.done();
  timer.lap('validation started');
  const sorting = step(`sorting ${quads.length} statements`);
  const sorted = reorderTriples(encoded, publicationOrder(quads));
  sorting.done();
  timer.lap('sort');
  // Started before the serializations: this thread writes N-Quads and N-Triples within the call.
  const writing = step('writing N-Quads and N-Triples');
  const dumps = startSerializations(quads, base, sorted);
  const dumped = await dumps.files;
  writing.done();
  timer.lap('serializations');
  // From here each file goes to the publication's temporary folder as soon as it is made, while
  // the workers still run; the folder replaces the old publication only when all is there. Bytes
  // are let go once written: the catalogue needs only their size and checksum, the query index
  // only dih.nq's size and fingerprint (taken here). A 10,000-hub build's files hold gigabytes.
  const stage = new PublicationStage(options.out);
  const written = new Map<string, FileDigest>();
  let pages: string[] = [];
  let refused = false;
  let validation: ValidationOutcome;
  try {
    /** Published as UTF-8 bytes, encoded once for the file and the catalogue's checksum. */
    const put = (name: string, content: string | Uint8Array): void => {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      written.set(name, digestOf(bytes));
      stage.write(name, bytes);
    };
    const nquadsSource = quadIndexSource(dumped.get('dih.nq') as Uint8Array);
    for (const [name, content] of dumped) put(name, content);
    dumped.clear();
    timer.lap('dumps written');
    const publicationBase = options.publicationBase ?? base;
    // The site needs no bytes of the dumps: made while RDF/XML and validation finish on other cores.
    const names = [...written.keys(), ...WORKER_DUMPS, 'validation-report.ttl', ...merge.files.keys()];
    const pagesMade = progress('making HTML pages');
    const site = await siteFiles({ quads, records, base, publicationBase, fileNames: names, onPage: (done, total) => pagesMade.update(done, total) });
    pagesMade.done();
    for (const [name, content] of site) stage.write(name, content);
    pages = [...site.keys()];
    site.clear();
    timer.lap('void, html');
    // The query index: not a distribution but a cache for `query` and `serve`, tied to the
    // dih.nq it indexes. Made here, where this thread would otherwise wait for the workers.
    const indexing = step('writing the query index');
    const queryIndex = quadIndexBytes(QuadIndex.fromEncoded(terms, encoded.ids, encodeGraphs(quads), sorted.ids));
    stampQuadIndex(queryIndex, nquadsSource);
    stage.write(QUAD_INDEX_FILE, queryIndex);
    indexing.done();
    timer.lap('query index');
    const others = step('writing Turtle, JSON-LD and RDF/XML (worker)');
    for (const [name, bytes] of await dumps.others) put(name, bytes);
    others.done();
    timer.lap('turtle, json-ld, rdf/xml (rest)');
    const validatingStep = step('validating against the SHACL shapes (worker)');
    validation = await validating;
    validatingStep.done();
    timer.lap('validation (rest)');
    refused = !!options.strict && (validation.violations > 0 || diagnostics.some((d) => d.severity === 'error'));
    const cataloguing = step('writing the validation report and the catalogue');
    put('validation-report.ttl', [...reportTurtle(validation, base, prefixesFor(base))].join(''));
    for (const [name, content] of merge.files) put(name, content);
    // The catalogue describes the bytes above, so it is made last.
    for (const [name, content] of await catalogueFiles({ quads, records, files: written, base, publicationBase })) put(name, content);
    cataloguing.done();
    timer.lap('catalogue');
  } catch (err) {
    await stage.discard();
    throw err;
  }
  await settlePublication(stage, refused);
  timer.lap('write');
  return { records, quads, triples: sorted.ids.length / 3, batches: 1, diagnostics, validation, files: refused ? [] : [...written.keys(), ...pages, QUAD_INDEX_FILE].sort(), merge, mergeCounts: mergeCounts(merge) };
}
