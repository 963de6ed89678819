/**
 * The pipeline: read -> map -> validate -> publish, each stage a plain function. The CLI and the
 * library API both call `build`.
 */
import { DataFactory, type Quad } from 'n3';
import type { Diagnostic } from './model/diagnostics.js';
import type { HubRecord } from './model/record.js';
import { readSources, type ReadOptions } from './sources/index.js';
import { IriMinter } from './map/iri.js';
import { mapRecord } from './map/record-to-quads.js';
import { loadConcepts, type ConceptIndex } from './vocab/concepts.js';
import { DEFAULT_BASE, prefixesFor } from './vocab/namespaces.js';
import { loadShapes } from './validate/shapes.js';
import { validateQuads, type ValidationOutcome } from './validate/validate.js';
import { reportQuads } from './validate/report.js';
import { toJsonLd, toNQuads, toNTriples, toTurtle } from './publish/serialize.js';
import { writePublication, type PublicationFiles } from './publish/atomic.js';

const { namedNode, quad } = DataFactory;

export interface BuildOptions extends ReadOptions {
  out: string;
  base?: string;
  /** Refuse to publish when any input has an error or the data has a violation. */
  strict?: boolean;
}

export interface BuildResult {
  records: HubRecord[];
  quads: Quad[];
  diagnostics: Diagnostic[];
  validation: ValidationOutcome;
  files: string[];
}

/** Our own schemes are published whole; external authority concepts only where the data uses them. */
export function vocabularyQuads(concepts: ConceptIndex, used: Set<string>, base: string): Quad[] {
  const graph = namedNode(`${base}vocabularies`);
  const out: Quad[] = [];
  for (const [file, quads] of concepts.quadsByFile) {
    const external = ['country.ttl', 'nuts.ttl'].includes(file);
    for (const q of quads) {
      if (external && !used.has(q.subject.value)) continue;
      out.push(quad(q.subject, q.predicate, q.object, graph));
    }
  }
  return out;
}

/** read + map: the quads of every record, plus the vocabularies they use. */
export async function assemble(inputs: string[], options: { base?: string } & ReadOptions = {}): Promise<{ records: HubRecord[]; quads: Quad[]; diagnostics: Diagnostic[] }> {
  const base = options.base ?? DEFAULT_BASE;
  const minter = new IriMinter(base);
  const concepts = loadConcepts(base);
  const read = await readSources(inputs, options);
  const diagnostics = [...read.diagnostics];
  const quads: Quad[] = [];
  const used = new Set<string>();
  const seen = new Map<string, string>();
  for (const record of read.records) {
    const key = `${record.source.registry}/${record.source.id}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      diagnostics.push({ severity: 'error', file: record.source.file, ...(record.source.line !== undefined ? { line: record.source.line } : {}), record: record.source.id, field: 'source.id', message: `duplicate record id ${key} (first in ${earlier}); this record is skipped` });
      continue;
    }
    seen.set(key, `${record.source.file}${record.source.line !== undefined ? `:${record.source.line}` : ''}`);
    const mapped = mapRecord(record, { minter, concepts, language: 'en' });
    quads.push(...mapped.quads);
    diagnostics.push(...mapped.diagnostics);
    for (const iri of mapped.usedConcepts) used.add(iri);
  }
  quads.push(...vocabularyQuads(concepts, used, base));
  return { records: read.records, quads, diagnostics };
}

/** Serializations of the published graph, by file name. */
export async function serializations(quads: Quad[], base: string = DEFAULT_BASE): Promise<PublicationFiles> {
  const files: PublicationFiles = new Map();
  files.set('dih.nq', toNQuads(quads));
  files.set('dih.nt', toNTriples(quads));
  files.set('dih.ttl', await toTurtle(quads, prefixesFor(base)));
  files.set('dih.jsonld', await toJsonLd(quads));
  return files;
}

export async function build(inputs: string[], options: BuildOptions): Promise<BuildResult> {
  const base = options.base ?? DEFAULT_BASE;
  const { records, quads, diagnostics } = await assemble(inputs, options);
  const validation = await validateQuads(quads, loadShapes(base));
  const refused = options.strict && (validation.violations > 0 || diagnostics.some((d) => d.severity === 'error'));
  const files = await serializations(quads, base);
  files.set('validation-report.ttl', await toTurtle(reportQuads(validation, base), prefixesFor(base)));
  if (!refused) writePublication(options.out, files);
  return { records, quads, diagnostics, validation, files: refused ? [] : [...files.keys()].sort() };
}
