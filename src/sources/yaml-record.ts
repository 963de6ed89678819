/**
 * Reader for the YAML record format: hand-curated records, and what `dih-ld extract` writes for a
 * person to review. One YAML document per record; several may share a file (`---`).
 * Problems become diagnostics naming file, line, record and field; a bad document never hides
 * the good ones next to it.
 */
import { Composer, LineCounter, Parser, type Document } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import { fastDocuments, LineIndex, type DocumentPlaces, type FastDocument } from './yaml-fast.js';
import { newEntity, type ConceptRef, type Entity, type EntityKind, type FactProvenance, type HubRecord, type Relation, type Span } from '../model/record.js';

export interface ReadResult {
  records: HubRecord[];
  diagnostics: Diagnostic[];
}

type Path = (string | number)[];

/** Limits that keep hostile YAML bounded: alias expansion and input size. */
const MAX_ALIAS_COUNT = 100;

/** Thrown by the fast path's checker where only the `yaml` path can answer (see readYamlRecords). */
const NEEDS_YAML_PATH = Symbol('needs the yaml path');

class RecordChecker {
  readonly diagnostics: Diagnostic[] = [];
  fatal = false;
  /**
   * `locate` gives the line of the node at a path. On the fast path (`fast`) any diagnostic sends
   * the document to the `yaml` path instead, which places every problem exactly.
   */
  constructor(
    private readonly file: string,
    private readonly locate: (path: Path) => number | undefined,
    public record: string | undefined,
    private readonly fast = false,
  ) {}

  lineOf(path: Path): number | undefined {
    return this.locate(path);
  }

  /** `at` is where in the YAML the problem sits, when that differs from the field's name (list forms). */
  report(severity: Diagnostic['severity'], path: Path, message: string, at: Path = path): void {
    if (this.fast) throw NEEDS_YAML_PATH;
    if (severity === 'error') this.fatal = true;
    const d: Diagnostic = { severity, file: this.file, message };
    const line = this.lineOf(at) ?? this.lineOf(at.slice(0, -1));
    if (line !== undefined) d.line = line;
    if (this.record !== undefined) d.record = this.record;
    if (path.length) d.field = path.join('.');
    this.diagnostics.push(d);
  }

  string(value: unknown, path: Path, required = false): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.report('error', path, 'is required');
      return undefined;
    }
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') {
      this.report('error', path, `must be a string, got ${describe(value)}`);
      return undefined;
    }
    if (required && !value.trim()) this.report('error', path, 'must not be empty');
    return value;
  }

  strings(value: unknown, path: Path): string[] {
    if (value === undefined || value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    const out: string[] = [];
    list.forEach((v, i) => {
      const s = this.string(v, Array.isArray(value) ? [...path, i] : path);
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  provenance(value: unknown, path: Path): FactProvenance | undefined {
    if (!isObject(value)) return undefined;
    const prov: FactProvenance = {};
    if (isObject(value.span)) {
      const { start, end, exact } = value.span;
      if (typeof start === 'number' && typeof end === 'number' && typeof exact === 'string' && start >= 0 && end >= start) {
        const span: Span = { start, end, exact };
        if (typeof value.span.prefix === 'string') span.prefix = value.span.prefix;
        if (typeof value.span.suffix === 'string') span.suffix = value.span.suffix;
        prov.span = span;
      } else this.report('error', [...path, 'span'], 'span needs integer start <= end and a string exact');
    }
    if (value.confidence !== undefined) {
      if (typeof value.confidence === 'number' && value.confidence >= 0 && value.confidence <= 1) prov.confidence = value.confidence;
      else this.report('error', [...path, 'confidence'], `confidence must be a number between 0 and 1, got ${describe(value.confidence)}`);
    }
    if (typeof value.field === 'string') prov.field = value.field;
    return prov.span || prov.confidence !== undefined || prov.field ? prov : undefined;
  }

  concept(value: unknown, path: Path): ConceptRef | undefined {
    if (typeof value === 'string' || typeof value === 'number') return { label: String(value) };
    if (isObject(value)) {
      const label = this.string(value.label, [...path, 'label'], true);
      if (label === undefined) return undefined;
      const ref: ConceptRef = { label };
      if (value.level !== undefined) {
        if (Number.isInteger(value.level)) ref.level = value.level as number;
        else this.report('error', [...path, 'level'], `level must be an integer, got ${describe(value.level)}`);
      }
      const prov = this.provenance(value, path);
      if (prov) ref.provenance = prov;
      return ref;
    }
    if (value !== undefined && value !== null) this.report('error', path, `must be a label or {label: ...}, got ${describe(value)}`);
    return undefined;
  }

  concepts(value: unknown, path: Path): ConceptRef[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      const one = this.concept(value, path);
      return one ? [one] : [];
    }
    return value.flatMap((v, i) => {
      const c = this.concept(v, [...path, i]);
      return c ? [c] : [];
    });
  }
}

const ENTITY_KINDS: readonly EntityKind[] = ['hub', 'organisation', 'initiative'];
const ENTITY_FIELDS = new Set([
  'kind', 'name', 'altNames', 'types', 'description', 'homepage', 'country', 'regions', 'status', 'hubType',
  'sectors', 'technologies', 'services', 'memberTypes', 'memberSectors', 'officiallyRecognisedIn', 'partOf',
  'contributesTo', 'span', 'confidence',
]);

function readEntity(c: RecordChecker, key: string, value: unknown, path: Path): Entity | undefined {
  if (!isObject(value)) {
    c.report('error', path, `entity must be a mapping, got ${describe(value)}`);
    return undefined;
  }
  for (const field of Object.keys(value)) if (!ENTITY_FIELDS.has(field)) c.report('warning', [...path, field], 'unknown field, ignored');
  const kindText = c.string(value.kind, [...path, 'kind']) ?? 'organisation';
  if (!ENTITY_KINDS.includes(kindText as EntityKind)) c.report('error', [...path, 'kind'], `kind must be one of ${ENTITY_KINDS.join(', ')}, got ${JSON.stringify(kindText)}`);
  // A missing name is kept (empty) so that validation reports it against the entity, as it would for any source.
  const name = c.string(value.name, [...path, 'name']) ?? '';
  const e = newEntity(key, (ENTITY_KINDS.includes(kindText as EntityKind) ? kindText : 'organisation') as EntityKind, name);
  e.altNames = c.strings(value.altNames, [...path, 'altNames']);
  e.types = c.concepts(value.types, [...path, 'types']);
  const description = c.string(value.description, [...path, 'description']);
  if (description !== undefined) e.description = description;
  const homepage = c.string(value.homepage, [...path, 'homepage']);
  if (homepage !== undefined) e.homepage = homepage;
  const country = c.string(value.country, [...path, 'country']);
  if (country !== undefined) e.country = country;
  e.regions = c.strings(value.regions, [...path, 'regions']);
  const status = c.concept(value.status, [...path, 'status']);
  if (status) e.status = status;
  const hubType = c.concept(value.hubType, [...path, 'hubType']);
  if (hubType) e.hubType = hubType;
  e.sectors = c.concepts(value.sectors, [...path, 'sectors']);
  e.technologies = c.concepts(value.technologies, [...path, 'technologies']);
  e.services = c.concepts(value.services, [...path, 'services']);
  e.memberTypes = c.concepts(value.memberTypes, [...path, 'memberTypes']);
  e.memberSectors = c.concepts(value.memberSectors, [...path, 'memberSectors']);
  const recognised = c.string(value.officiallyRecognisedIn, [...path, 'officiallyRecognisedIn']);
  if (recognised !== undefined) e.officiallyRecognisedIn = recognised;
  e.partOf = c.strings(value.partOf, [...path, 'partOf']);
  e.contributesTo = c.strings(value.contributesTo, [...path, 'contributesTo']);
  const prov = c.provenance(value, path);
  if (prov) e.provenance = prov;
  const line = c.lineOf(path);
  if (line !== undefined) e.line = line;
  return e;
}

function readRelation(c: RecordChecker, value: unknown, path: Path, keys: Set<string>): Relation | undefined {
  let holder: string | undefined, role: ConceptRef | undefined, target: string | undefined, onBehalfOf: string | undefined;
  let prov: FactProvenance | undefined;
  if (Array.isArray(value)) {
    if (value.length !== 3) c.report('error', path, `a relation list must be [holder, role, target], got ${value.length} items`);
    holder = c.string(value[0], [...path, 0], true);
    role = c.concept(value[1], [...path, 1]);
    target = c.string(value[2], [...path, 2], true);
  } else if (isObject(value)) {
    holder = c.string(value.holder, [...path, 'holder'], true);
    role = c.concept(value.role, [...path, 'role']);
    target = c.string(value.target, [...path, 'target'], true);
    onBehalfOf = c.string(value.onBehalfOf, [...path, 'onBehalfOf']);
    prov = c.provenance(value, path);
  } else {
    c.report('error', path, `relation must be [holder, role, target] or a mapping, got ${describe(value)}`);
    return undefined;
  }
  if (!holder || !role || !target) {
    if (!role) c.report('error', path, 'relation has no role');
    return undefined;
  }
  for (const [field, ref, index] of [['holder', holder, 0], ['target', target, 2]] as const) {
    if (!keys.has(ref)) c.report('error', [...path, field], `refers to ${JSON.stringify(ref)}, which is not an entity of this record`, Array.isArray(value) ? [...path, index] : [...path, field]);
  }
  if (onBehalfOf && !onBehalfOf.startsWith('nuts:') && !keys.has(onBehalfOf)) c.report('error', [...path, 'onBehalfOf'], `refers to ${JSON.stringify(onBehalfOf)}, which is neither nuts:CODE nor an entity of this record`);
  const rel: Relation = { holder, role, target };
  if (onBehalfOf) rel.onBehalfOf = onBehalfOf;
  if (prov) rel.provenance = prov;
  const line = c.lineOf(path);
  if (line !== undefined) rel.line = line;
  return rel;
}

const TOP_FIELDS = new Set(['dih-ld', 'source', 'hub', 'entities', 'relations', 'diagnostics']);

/**
 * The `yaml` library's documents of a text, composed when asked (in order): document by document,
 * as parseAllDocuments parses but without holding every document's syntax tree until the last is
 * read (100,000 records held ~4 GB of trees, and the collector, walking that heap again and
 * again, made reading 18x slower for 10x the records).
 */
class YamlDocuments {
  readonly lines = new LineCounter();
  private readonly documents: Generator<Document.Parsed>;
  private next = 0;

  constructor(text: string) {
    const composer = new Composer({ uniqueKeys: true, prettyErrors: false });
    this.documents = composer.compose(new Parser(this.lines.addNewLine).parse(text), true, text.length);
  }

  /** Document `index`; indexes must be asked in increasing order. */
  at(index: number): Document.Parsed | undefined {
    for (;;) {
      const step = this.documents.next();
      if (step.done) return undefined;
      if (this.next++ === index) return step.value;
    }
  }

  /** Every document from `index` on. */
  *from(index: number): Generator<[number, Document.Parsed]> {
    for (let doc = this.at(index); doc; doc = this.at(++index)) yield [index, doc];
  }
}

/** A `yaml` document's node lines, as the checker asks them. */
function yamlLocator(doc: Document.Parsed, lines: LineCounter): (path: Path) => number | undefined {
  return (path) => {
    const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
}

/** The fast path's node lines: the record, its entities and relations; any other path needs the `yaml` path. */
function placesLocator(places: DocumentPlaces, lines: LineIndex): (path: Path) => number | undefined {
  return (path) => {
    const offset = path.length === 0 ? places.root
      : path.length === 2 && path[0] === 'entities' ? places.entities.get(String(path[1]))
        : path.length === 2 && path[0] === 'relations' && typeof path[1] === 'number' ? places.relations[path[1]]
          : undefined;
    if (offset === undefined) throw NEEDS_YAML_PATH;
    return lines.lineAt(offset);
  };
}

export interface YamlReadOptions {
  /** False: every document by the `yaml` library (what the fast path is checked against). */
  fast?: boolean;
  /** Told which parser read each document (its index in the file). */
  onDocument?: (index: number, reader: 'js-yaml' | 'yaml') => void;
  /** Each record handed over as soon as it is read, instead of returned with the others. */
  onRecord?: (record: HubRecord) => void;
  /** Told the share of the file read so far (0 to 1), a megabyte or so at a time. */
  onProgress?: (fraction: number) => void;
}

/**
 * Reads every record of a YAML file. `file` is the name used in messages and provenance.
 *
 * Documents are read by js-yaml (yaml-fast.ts) where it reads them as `yaml` does and the record
 * has nothing to report; any other document, with its diagnostics, by the `yaml` library.
 */
export function readYamlRecords(text: string, file: string, options: YamlReadOptions = {}): ReadResult {
  const records: HubRecord[] = [];
  const take = options.onRecord ?? ((record: HubRecord) => records.push(record));
  const diagnostics: Diagnostic[] = [];
  const slow = new YamlDocuments(text);
  // Every record asks for its line: the line starts are found once, up front.
  const lines = new LineIndex(text);
  const fast = fastDocuments(text, options.onProgress);
  let index = 0;
  let step = fast.next();
  for (; !step.done; step = fast.next(), index++) {
    if (readFast(step.value, index)) {
      options.onDocument?.(index, 'js-yaml');
      continue;
    }
    const doc = slow.at(index);
    if (doc) readDocument(doc, index, slow.lines);
  }
  if (!step.value) for (const [i, doc] of slow.from(index)) readDocument(doc, i, slow.lines);
  return { records, diagnostics };

  /** False when the document needs the `yaml` path. */
  function readFast(doc: FastDocument, index: number): boolean {
    if (options.fast === false || !doc.places) return false;
    if (doc.data === null || doc.data === undefined) return true;
    const c = new RecordChecker(file, placesLocator(doc.places, lines), undefined, true);
    try {
      const record = readRecordData(c, doc.data, file, index);
      if (!record) return false;
      take(record);
      return true;
    } catch (err) {
      if (err === NEEDS_YAML_PATH) return false;
      throw err;
    }
  }

  function readDocument(doc: Document.Parsed, index: number, lines: LineCounter): void {
    options.onDocument?.(index, 'yaml');
    const c = new RecordChecker(file, yamlLocator(doc, lines), undefined);
    if (doc.errors.length) {
      for (const err of doc.errors) {
        const pos = err.linePos?.[0] ?? lines.linePos(err.pos[0]);
        diagnostics.push({ severity: 'error', file, ...(pos ? { line: pos.line, column: pos.col } : {}), record: `document ${index + 1}`, message: `YAML: ${err.message.split('\n')[0]}` });
      }
      return;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      diagnostics.push({ severity: 'error', file, record: `document ${index + 1}`, message: `YAML: ${(err as Error).message.split('\n')[0]}` });
      return;
    }
    if (data === null || data === undefined) return;
    const record = readRecordData(c, data, file, index);
    diagnostics.push(...c.diagnostics);
    if (record && !c.fatal) take(record);
    else if (record) diagnostics.push({ severity: 'error', file, ...(c.lineOf([]) !== undefined ? { line: c.lineOf([]) as number } : {}), record: record.source.id, message: 'record skipped because of the errors above' });
  }
}

function readRecordData(c: RecordChecker, data: unknown, file: string, index: number): HubRecord | undefined {
  if (!isObject(data)) {
    c.record = `document ${index + 1}`;
    c.report('error', [], `a record must be a mapping, got ${describe(data)}`);
    return undefined;
  }
  for (const field of Object.keys(data)) if (!TOP_FIELDS.has(field)) c.report('warning', [field], 'unknown field, ignored');
  const source = isObject(data.source) ? data.source : {};
  if (!isObject(data.source)) c.report('error', ['source'], 'is required (registry and id of the record)');
  const id = c.string(source.id, ['source', 'id'], true) ?? `document-${index + 1}`;
  c.record = id;
  const registry = c.string(source.registry, ['source', 'registry'], true) ?? 'unknown';
  const hub = c.string(data.hub, ['hub'], true) ?? '';
  const entities: Entity[] = [];
  if (!isObject(data.entities)) c.report('error', ['entities'], 'is required: a mapping from entity key to entity');
  else for (const [key, value] of Object.entries(data.entities)) {
    const e = readEntity(c, key, value, ['entities', key]);
    if (e) entities.push(e);
  }
  const keys = new Set(entities.map((e) => e.key));
  if (hub && !keys.has(hub)) c.report('error', ['hub'], `names ${JSON.stringify(hub)}, which is not an entity of this record`);
  else if (hub && entities.find((e) => e.key === hub)?.kind !== 'hub') c.report('error', ['entities', hub, 'kind'], 'the record\'s hub must have kind: hub');
  const relations: Relation[] = [];
  if (data.relations !== undefined && !Array.isArray(data.relations)) c.report('error', ['relations'], 'must be a list');
  else (data.relations as unknown[] | undefined)?.forEach((value, i) => {
    const r = readRelation(c, value, ['relations', i], keys);
    if (r) relations.push(r);
  });
  for (const e of entities) for (const [field, refs] of [['partOf', e.partOf], ['contributesTo', e.contributesTo]] as const) {
    for (const ref of refs) if (!keys.has(ref)) c.report('error', ['entities', e.key, field], `refers to ${JSON.stringify(ref)}, which is not an entity of this record`);
  }
  const line = c.lineOf([]);
  const record: HubRecord = { source: { registry, id, file, ...(line !== undefined ? { line } : {}) }, hub, entities, relations };
  for (const field of ['identifier', 'document', 'publisher', 'license', 'date'] as const) {
    const v = c.string(source[field], ['source', field]);
    if (v !== undefined) record.source[field] = v;
  }
  return record;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)?.slice(0, 40)}`;
}
