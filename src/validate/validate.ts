/**
 * validate: run the compiled validator (compiled-validator.ts) or, for shapes it does not cover,
 * shacl-engine, and turn the results into plain data, each result tied back to the source record
 * (file, line, record id) the focus node was read from.
 */
import { TextPool } from '../util/own-copy.js';
import { DataFactory, Store, type Quad } from 'n3';
import type { Validator, ShaclResult } from 'shacl-engine';
import type { DatasetCore } from '@rdfjs/types';
import { dcterms, dih, sh, skos } from '../vocab/namespaces.js';
import { IndexedDataset } from './index-dataset.js';
import { shapesReach, validationChunks, type ValidationChunk } from './chunks.js';
import { availableParallelism } from 'node:os';
import { sortedTriples, tripleToNt } from '../publish/serialize.js';
import { encodeTriples, termTable, type EncodedTriples } from '../util/triple-transfer.js';
import { compileShapes, UnsupportedShapes, type CompiledShapes } from './compile-shapes.js';
import { validateCompiled } from './compiled-validator.js';
import { runWorker } from '../util/worker.js';
import { append } from '../util/arrays.js';

export type ResultSeverity = 'Violation' | 'Warning' | 'Info';

export interface ValidationFinding {
  severity: ResultSeverity;
  focusNode: string;
  /** Label of the focus node, or of the hub it belongs to, for readable reports. */
  focusLabel?: string;
  path?: string;
  value?: string;
  message: string;
  shape: string;
  component: string;
  /** Source records the focus node's facts came from. */
  sources: { record: string; file?: string; line?: number; identifier?: string }[];
}

export interface ValidationOutcome {
  conforms: boolean;
  findings: ValidationFinding[];
  violations: number;
  warnings: number;
}

const factory = { ...DataFactory, dataset: () => new Store() };

function termText(t: { termType: string; value: string } | undefined | null): string | undefined {
  if (!t) return undefined;
  return t.termType === 'Literal' ? JSON.stringify(t.value) : t.value;
}

function severityOf(result: ShaclResult): ResultSeverity {
  const v = result.severity.value;
  return v === sh.Warning ? 'Warning' : v === sh.Info ? 'Info' : 'Violation';
}

/** A shacl-engine result as plain data, before it is tied to its sources. */
export type PlainResult = Omit<ValidationFinding, 'sources' | 'focusLabel'>;

export function plainResult(r: ShaclResult): PlainResult {
  const out: PlainResult = {
    severity: severityOf(r),
    focusNode: r.focusNode.term.value,
    message: r.message.map((m) => m.value).join('; ') || 'constraint not met',
    shape: r.shape.ptr.term.termType === 'NamedNode' ? r.shape.ptr.term.value : '',
    component: r.constraintComponent.value,
  };
  const path = r.path?.map((step) => (step.start === 'object' ? '^' : '') + step.predicates.map((p) => p.value).join(' | ')).join(' / ');
  if (path) out.path = path;
  const value = termText(r.value?.term);
  if (value !== undefined) out.value = value;
  return out;
}

/** Results of one chunk: only those about its own subjects (neighbours are another chunk's). */
async function validateChunk(validator: Validator, chunk: ValidationChunk): Promise<PlainResult[]> {
  // shapes see the union of the graphs: every triple once, in the default graph
  const dataset = new IndexedDataset();
  for (const q of chunk.triples) dataset.add(q.graph.termType === 'DefaultGraph' ? q : DataFactory.quad(q.subject, q.predicate, q.object));
  // shacl-engine's types ask for a whole DatasetCore; it reads only match() and size
  const report = await validator.validate({ dataset: dataset as unknown as DatasetCore });
  const own = chunk.subjects;
  return report.results.map(plainResult).filter((r) => !own || own.has(r.focusNode));
}

/** Results of the chunks `pick` selects (all by default). */
export async function validateChunks(data: readonly Quad[], shapes: Store, pick: (index: number) => boolean = () => true, chunkTriples = CHUNK_TRIPLES): Promise<PlainResult[]> {
  // loaded on first use: a build validates on a worker, and its main thread need not load it
  const { Validator: ShaclValidator } = await import('shacl-engine');
  const validator = new ShaclValidator(shapes, { factory });
  const targets = new Set(shapes.getObjects(null, DataFactory.namedNode(sh.targetClass), null).map((t) => t.value));
  const results: PlainResult[] = [];
  for (const [i, chunk] of validationChunks(data, shapesReach(shapes), chunkTriples, targets).entries()) {
    if (pick(i)) append(results, await validateChunk(validator, chunk));
  }
  return results;
}

/** Own triples per chunk: large enough that the neighbourhood copied into each chunk stays small. */
const CHUNK_TRIPLES = 50_000;
/** Below this, a worker's start-up costs more than it saves. */
const IN_PROCESS_BELOW = 30_000;

/**
 * Which engine validates: `compiled` (compiled-validator.ts; shapes it cannot compile throw),
 * `shacl-engine` (in chunks), or `auto`: compiled when the shapes compile, else shacl-engine.
 */
export type ValidationEngine = 'auto' | 'compiled' | 'shacl-engine';

/** The shapes compiled, or undefined when `engine` asks for shacl-engine or they do not compile. */
export function compiledFor(shapes: Store, engine: ValidationEngine = 'auto'): CompiledShapes | undefined {
  if (engine === 'shacl-engine') return undefined;
  try {
    return compileShapes(shapes);
  } catch (err) {
    if (engine === 'auto' && err instanceof UnsupportedShapes) return undefined;
    throw err;
  }
}

/**
 * Validates `data` (every graph of it: shapes see the union) against `shapes`: by the compiled
 * validator when the shapes compile, else by shacl-engine in chunks of subjects with the
 * neighbourhood the shapes can see (see chunks.ts).
 * Source attribution uses the named graphs: a focus node's facts live in its source records' graphs.
 */
export async function validateQuads(data: Quad[], shapes: Store, engine: ValidationEngine = 'auto'): Promise<ValidationOutcome> {
  const plan = compiledFor(shapes, engine);
  if (!plan) return outcomeOf(await validateChunks(data, shapes), data);
  const { terms, ids } = termTable(data);
  return outcomeOf(validateCompiled(plan, terms, ids), data);
}

/**
 * validateQuads on worker threads (as many as the machine has cores to spare), so validation runs
 * while the calling thread writes the serializations. `triples` is the union graph of `data`
 * encoded for transfer, when the caller has it already.
 */
export async function validateQuadsInWorkers(data: Quad[], shapes: Store, triples: EncodedTriples = encodeTriples(sortedTriples(data))): Promise<ValidationOutcome> {
  if (data.length < IN_PROCESS_BELOW) return validateQuads(data, shapes);
  const shapesText = shapes.getQuads(null, null, null, null).map(tripleToNt).join('\n');
  // The compiled validator is one linear pass: one worker. shacl-engine's chunks are spread.
  const compiled = compiledFor(shapes) !== undefined;
  const count = compiled ? 1 : Math.max(1, Math.min(4, availableParallelism() - 1));
  const parts = await Promise.all(Array.from({ length: count }, (_, index) =>
    runWorker<PlainResult[]>('validate-worker', import.meta.url, { triples, shapes: shapesText, index, count, compiled }, (_name, message) => new Error(`validation worker: ${message}`))));
  return outcomeOf(parts.flat(), data);
}

/** Ties results to the records their focus nodes were read from, and sorts them. */
export function outcomeOf(results: PlainResult[], data: readonly Quad[]): ValidationOutcome {
  const focusNodes = new Set(results.map((r) => r.focusNode));
  const graphsOf = new Map<string, Set<string>>();
  for (const q of data) {
    if (q.graph.termType !== 'NamedNode' || !focusNodes.has(q.subject.value)) continue;
    let set = graphsOf.get(q.subject.value);
    if (!set) graphsOf.set(q.subject.value, (set = new Set()));
    set.add(q.graph.value);
  }
  // The few facts attribution reads: labels of focus nodes, file/line/identifier of records.
  const wanted = new Set<string>(focusNodes);
  for (const set of graphsOf.values()) for (const g of set) wanted.add(g);
  const facts = new Map<string, Quad['object']>();
  const READ = new Set([dih.recordLine, dih.sourceFile, dcterms.identifier, skos.prefLabel]);
  for (const q of data) {
    if (!READ.has(q.predicate.value) || !wanted.has(q.subject.value)) continue;
    const k = `${q.subject.value} ${q.predicate.value}`;
    if (!facts.has(k)) facts.set(k, q.object);
  }
  const one = (s: string, p: string): Quad['object'] | undefined => facts.get(`${s} ${p}`);
  const findings: ValidationFinding[] = results.map((r) => {
    const focus = r.focusNode;
    const sources = [...(graphsOf.get(focus) ?? [])].sort().map((record) => {
      const line = one(record, dih.recordLine);
      const file = one(record, dih.sourceFile);
      const identifier = one(record, dcterms.identifier);
      return {
        record,
        ...(file ? { file: shared(file.value) } : {}),
        ...(line ? { line: Number(line.value) } : {}),
        ...(identifier ? { identifier: identifier.value } : {}),
      };
    });
    // A source record itself has no graph: it is described in the default graph.
    if (!sources.length && one(focus, dih.sourceFile)) {
      const file = one(focus, dih.sourceFile);
      const line = one(focus, dih.recordLine);
      sources.push({ record: focus, ...(file ? { file: file.value } : {}), ...(line ? { line: Number(line.value) } : {}) });
    }
    const label = one(focus, skos.prefLabel);
    const finding: ValidationFinding = { ...r, severity: shared(r.severity) as ResultSeverity, message: shared(r.message), shape: shared(r.shape), component: shared(r.component), sources };
    if (r.path !== undefined) finding.path = shared(r.path);
    if (label) finding.focusLabel = label.value;
    return finding;
  });
  const sorted = findings.sort(compareFindings);
  const violations = sorted.filter((f) => f.severity === 'Violation').length;
  const warnings = sorted.filter((f) => f.severity === 'Warning').length;
  return { conforms: violations === 0, findings: sorted, violations, warnings };
}

/**
 * One copy of each text many findings repeat (messages, shapes, components, paths, files): each
 * came from the validation worker as its own copy, and a build of 100,000 hubs keeps 200,000
 * findings to the end.
 */
const texts = new TextPool();
const shared = (text: string): string => texts.one(text);

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The findings' order: violations first, then by focus node, path, value, message, component and
 * shape. Field by field, not by a key joining them: at 100,000 hubs the keys of 200,000 findings
 * were the largest allocation of the build's last stage.
 */
export function compareFindings(a: ValidationFinding, b: ValidationFinding): number {
  return (a.severity === b.severity ? 0 : a.severity === 'Violation' ? -1 : b.severity === 'Violation' ? 1 : 0)
    || cmp(a.focusNode, b.focusNode) || cmp(a.path ?? '', b.path ?? '') || cmp(a.value ?? '', b.value ?? '')
    || cmp(a.message, b.message) || cmp(a.component, b.component) || cmp(a.shape, b.shape);
}

/**
 * The outcomes of parts of one graph (a build's batches) as one: every finding once (a subject
 * described in two batches may be found twice), sorted as outcomeOf sorts them.
 */
export function mergeOutcomes(outcomes: readonly ValidationOutcome[]): ValidationOutcome {
  // A stable sort keeps equal findings in the outcomes' order: the first takes the others' sources.
  const all = outcomes.flatMap((o) => o.findings).sort(compareFindings);
  const sorted: ValidationFinding[] = [];
  for (const f of all) {
    const earlier = sorted[sorted.length - 1];
    if (!earlier || compareFindings(earlier, f) !== 0) sorted.push(f);
    else addSources(earlier, f);
  }
  const violations = sorted.filter((f) => f.severity === 'Violation').length;
  const warnings = sorted.filter((f) => f.severity === 'Warning').length;
  return { conforms: violations === 0, findings: sorted, violations, warnings };
}

/** A finding found again (equal by compareFindings) as one: the first takes the sources of the other it does not have. */
export function addSources(into: ValidationFinding, from: ValidationFinding): void {
  for (const s of from.sources) if (!into.sources.some((e) => e.record === s.record)) into.sources.push(s);
}

/**
 * An outcome's findings one at a time: a build in batches reads them from disk (findings-spill.ts)
 * without holding them all, which `findings` does once asked for.
 */
export function eachFinding(outcome: ValidationOutcome): Iterable<ValidationFinding> {
  return (outcome as { each?: () => Iterable<ValidationFinding> }).each?.() ?? outcome.findings;
}
